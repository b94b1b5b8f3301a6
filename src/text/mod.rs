//! Text → tokens → segments: the first stage of the pipeline.
//!
//! * [`token`]: the public tokenizer (words, numbers, links, handles, emoji, punctuation,
//!   each with its byte span) and [`token::normalize_word`].
//! * [`segment`]: the fast segmenter the scorer runs — the tokenizer's result, laid out as
//!   sentences and clauses, with each word's vocabulary ID.

pub(crate) mod segment;
pub mod token;
