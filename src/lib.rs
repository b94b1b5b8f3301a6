//! # empathy
//!
//! Fast, explainable empathy scoring for customer-service text.
//!
//! Give it an agent's reply (and, better, the customer's message it answers) and it tells you
//! how much empathy the reply shows — six dimensions and seven concerns, an overall score — and
//! *why*, down to the byte span of every cue, with coaching suggestions.
//!
//! ```
//! use empathy::{Scorer, Dimension, Concern};
//!
//! let scorer = Scorer::default(); // built-in English lexicon; build once, share everywhere
//! let a = scorer.score(
//!     "I'm so sorry your flight was cancelled — that must have been stressful. \
//!      I've rebooked you on the 6pm and I'll email the new ticket within the hour.",
//! );
//! assert!(a.score >= 70.0, "{}", a.score);
//! assert!(a.dimensions.get(Dimension::Acknowledgment) > 0.5);
//! assert!(a.dimensions.get(Dimension::Ownership) > 0.5);
//! assert_eq!(a.concerns.get(Concern::Blame), 0.0);
//!
//! // Every cue is explained, with a span into the input:
//! for e in &a.evidence {
//!     let _text: &str = &"…"[..0]; // spans are byte ranges on char boundaries
//!     assert!(e.span.end <= 200);
//! }
//! ```
//!
//! ## What is measured
//!
//! | dimension | the reply… |
//! |---|---|
//! | `acknowledgment` | recognises feelings or the situation (sincere apology, care, shared joy) |
//! | `understanding` | validates, takes the customer's perspective, reflects the problem back |
//! | `exploration` | asks open questions about the customer's experience or needs |
//! | `ownership` | takes responsibility and commits to concrete help |
//! | `reassurance` | is positive, patient, warm |
//! | `personalization` | speaks to this customer: their name, their specifics |
//!
//! Concerns: `blame`, `dismissiveness`, `policy_wall`, `scripted`, `curtness`, `defensiveness`,
//! `deflection`.
//!
//! ## Context
//!
//! A lexicon alone is not enough. The [`Scorer`] applies context rules (each recorded on the
//! evidence as a [`Rule`]): negation ("I don't understand why you're upset" is not
//! understanding), contrast ("I understand, but…"), intensifiers and hedges, questions versus
//! data requests, quoted text, and noise (handles, URLs, hashtags, sign-offs, emoji, curly
//! quotes, missing apostrophes).
//!
//! ## Replies in context
//!
//! ```
//! let scorer = empathy::Scorer::default();
//! let reply = "Your refund was processed on Monday.";
//! let after_anger = scorer.score_reply("THIRD time asking. Where is my refund?! Unacceptable.", reply);
//! let after_question = scorer.score_reply("Hi, has my refund gone through?", reply);
//! assert!(after_question.score > after_anger.score);
//! let ctx = after_anger.customer.as_ref().unwrap();
//! assert!(!ctx.unmet.is_empty()); // the anger went unanswered — and the result says so
//! ```
//!
//! ## Guarantees
//!
//! * **No panics** on any `&str`: empty, huge, binary-looking, emoji, RTL, combining marks.
//!   (A text longer than 4 GiB is read up to its last char boundary within 4 GiB: spans are
//!   32-bit inside the scorer.)
//! * **Linear time** in the length of the text; memory bounded by the text size (the evidence
//!   list is capped, see [`Assessment::evidence_truncated`]).
//! * **Deterministic**: the same scorer and text always give the same result.
//! * **Thread-safe**: [`Scorer`] is `Clone + Send + Sync`; clone it or share a reference.
//! * Building can fail (with a typed [`Error`] naming the lexicon line); scoring cannot.
//! * Lexicon limits: an entry is at most [`lexicon::MAX_ENTRY_LEN`] bytes and expands to at
//!   most [`lexicon::MAX_EXPANSIONS`] phrases; a lexicon holds at most
//!   [`lexicon::MAX_PHRASES`] phrases. Anything over is an error naming the line, as is any
//!   malformed file (bad TOML, wrong types, unknown keys, out-of-range or NaN weights,
//!   duplicate entries, invalid UTF-8, unsupported format version), and so are patterns that
//!   would compile into more than 16 million automaton states.
//!
//! These guarantees are enforced by property tests (`tests/properties.rs`), hostile-input and
//! hostile-lexicon tests (`tests/hostile.rs`, `tests/lexicon_errors.rs`), a no-allocation
//! test (`tests/no_alloc.rs`) and fuzz targets (`fuzz/`); linear cost is measured by the
//! `linear_cost` benchmark.

#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
#![deny(missing_docs)]

// The layers, lowest first; a module imports only from the layers above it in this list
// (`tests/architecture.rs` enforces it). DESIGN.md describes each.
mod analyze;
mod assess;
mod compile;
pub mod conversation;
pub mod error;
#[cfg(feature = "internals")]
#[cfg_attr(docsrs, doc(cfg(feature = "internals")))]
pub mod internals;
pub mod kind;
pub mod lexicon;
pub mod model;
pub mod report;
mod scorer;
mod shared_str;
mod span;
mod text;
mod util;

pub use text::token;

pub use conversation::{
    Conversation, ConversationReport, Escalation, EscalationReason, ResponseTimes, Role, TimeValue,
    Timestamp, Trajectory, Turn, TurnRecord, TurnReport,
};
pub use error::{Error, LexiconError, LexiconProblem, TimestampError, UnknownKey, WeightsError};
pub use kind::{Concern, Dimension, Emotion, Kind};
pub use lexicon::{Entry, Lexicon};
#[allow(deprecated)]
pub use model::Weights;
pub use model::{Coaching, ConversationModel, CustomerModel, Levels, Model, ReadabilityModel};
pub use report::{
    Assessment, Concerns, CustomerContext, Dimensions, Emotions, Evidence, Level, Readability,
    Rule, Rules, Span, Suggestion, SuggestionCode,
};
pub use scorer::{CustomerMessage, Scorer, ScorerBuilder};
pub use shared_str::SharedStr;
#[allow(deprecated)]
pub use shared_str::Text;

/// The README's examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
