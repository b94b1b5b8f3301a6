//! # empathy
//!
//! Fast, explainable empathy scoring for customer-service text.
//!
//! Give it an agent's reply (and, better, the customer's message it answers) and it tells you
//! how much empathy the reply shows — six dimensions and seven concerns, an overall score — and
//! *why*, down to the byte span of every cue, with coaching suggestions.
//!
//! ## Installation and features
//!
//! ```toml
//! [dependencies]
//! empathy = "0.1"                                       # or, for batch scoring on all cores:
//! # empathy = { version = "0.1", features = ["rayon"] }
//! ```
//!
//! | feature | what it adds |
//! |---|---|
//! | `rayon` | `Scorer::score_batch`, `Scorer::score_batch_into` and `Scorer::score_reply_batch`: batches on every core |
//! | `internals` | the stage-by-stage entry points the benchmarks cut the pipeline with (not a stable API) |
//!
//! No feature is on by default, and the mandatory dependencies stay mandatory on purpose
//! (measured on a 2-core VM: `empathy` brings 29 crates, and a fresh debug build of a small
//! crate using it and `serde_json` takes about 60 s, 94 CPU-seconds). `serde` and `toml` parse the built-in
//! lexicon whenever a scorer is built, so even `score(&str)` needs them (serde's derives on
//! the result types add little to that, and the serde form is what the JSONL tools and the
//! Python package speak); `whatlang` flags a reply in another language in every `score`;
//! `rust-stemmers` matches the reply against the customer's own words in `score_reply_to`
//! and conversations. Only `time` (RFC 3339 timestamps in [`conversation::Timestamp::parse`];
//! 5 crates, 7 of the 94 CPU-seconds) is not needed for scoring, and putting it behind a
//! default-on feature would leave the default exactly as heavy, so it stays.
//!
//! The minimum supported Rust version is 1.88 (checked in CI against a fresh resolve of the
//! dependencies); raising it is a minor-version change, listed in the CHANGELOG. Until 1.0, a
//! minor version may break the API; every break is listed there, with deprecations first where
//! possible.
//!
//! ## Scoring a reply
//!
//! ```
//! use empathy::{Concern, Dimension, Level, Scorer};
//!
//! let scorer = Scorer::default(); // built-in English lexicon; build once, share everywhere
//! let text = "I'm so sorry your flight was cancelled — that must have been stressful. \
//!             I've rebooked you on the 6pm and I'll email the new ticket within the hour.";
//! let a = scorer.score(text);
//! assert!(a.score >= 60.0, "{}", a.score);
//! assert_ne!(a.level, Level::Low);
//! assert!(a.dimensions.get(Dimension::Acknowledgment) > 0.5);
//! assert!(a.dimensions.get(Dimension::Ownership) > 0.3);
//! assert_eq!(a.concerns.get(Concern::Blame), 0.0);
//!
//! // Every value is explained by evidence with a byte span into the text:
//! for e in &a.evidence {
//!     println!("{:>15} {:.2} {:?}", e.kind, e.weight, &text[e.span.range()]);
//! }
//! assert!(a.evidence.iter().any(|e| text[e.span.range()].contains("so sorry")));
//! ```
//!
//! ## The result
//!
//! An [`Assessment`] holds the `score` (0–100) and its [`Level`]; the [`Dimensions`] and
//! [`Concerns`] (each 0–1, with [`Dimensions::get`] by [`Dimension`] and [`Concerns::get`] by
//! [`Concern`]); the [`Evidence`] for them (its [`Kind`], [`Span`] and the text it covers,
//! its [`EvidenceSource`] — the lexicon pattern that matched, or a cue the scorer computed —,
//! the weight before and after the context [`Rules`]; spans may overlap); [`Suggestion`]s with a stable
//! [`SuggestionCode`]; the reply's [`Readability`] (empty, saying nothing, unreadable or in
//! another language is reported as such, with a low score, never as a confident judgement);
//! and, when the reply was scored against the customer's message, a [`CustomerContext`] with
//! their [`Emotions`], how well the reply met them and how much of their message it picked
//! up. Every result type is `serde`-serialisable; `Display` gives a one-line summary.
//! The serde (JSON) form of an [`Assessment`] and of a [`ConversationReport`] is described,
//! field by field, by the JSON Schemas `data/schema/assessment.schema.json` and
//! `data/schema/conversation_report.schema.json` (draft 2020-12) in the crate.
//!
//! ```
//! let a = empathy::Scorer::default().score("Calm down. It's our policy.");
//! assert!(a.suggests(empathy::SuggestionCode::AvoidDismissiveness));
//! for s in &a.suggestions {
//!     println!("{s}"); // "avoid_dismissiveness: Don't minimise the customer's feelings…"
//! }
//! let json = serde_json::to_string(&a).unwrap();
//! assert!(json.contains("\"policy_wall\""));
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
//! | concern | the reply… |
//! |---|---|
//! | `blame` | puts the fault on the customer |
//! | `dismissiveness` | minimises feelings, condescends, apologises for how they feel |
//! | `policy_wall` | hides behind rules instead of helping |
//! | `scripted` | is canned boilerplate |
//! | `curtness` | is a bare one-liner, worse to an upset customer |
//! | `defensiveness` | defends the company instead of engaging with what happened |
//! | `deflection` | sends the customer elsewhere without taking the case on |
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
//! use empathy::{CustomerMessage, Scorer};
//! let scorer = Scorer::default();
//! let reply = "Your refund was processed on Monday.";
//! let angry = CustomerMessage::new("THIRD time asking. Where is my refund?! Unacceptable.");
//! let calm = CustomerMessage::new("Hi, has my refund gone through?");
//! let after_anger = scorer.score_reply_to(reply, angry);
//! let after_question = scorer.score_reply_to(reply, calm);
//! assert!(after_question.score > after_anger.score);
//! let ctx = after_anger.customer.as_ref().unwrap();
//! assert!(!ctx.unmet.is_empty()); // the anger went unanswered — and the result says so
//! ```
//!
//! ## Conversations
//!
//! ```
//! use empathy::{Conversation, Scorer, Turn};
//! let conv = Conversation::new(vec![
//!     Turn::customer("My order still hasn't arrived and nobody answers my emails."),
//!     Turn::agent("Please check the tracking link."),
//!     Turn::customer("I've checked it five times!!! This is a joke. I want a refund NOW."),
//!     Turn::agent("Refunds take 5-7 days."),
//! ]);
//! let report = Scorer::default().score_conversation(&conv);
//! assert!(report.agent_mean.unwrap() < 50.0);
//! if let Some(e) = &report.escalation {
//!     println!("hand over at turn {}: {} ({})", e.turn, e.reason, e.code);
//! }
//! ```
//!
//! Conversations also deserialise from `{"turns": [{"role", "text", "at"?, "name"?}]}` and
//! report the customer's mood trajectory and the agent's response times.
//!
//! ## Custom lexicons
//!
//! Cues live in a TOML lexicon; add your own on top of the built-in one (your entries
//! override built-in entries with the same pattern). The format is in the [`lexicon`]
//! module's documentation.
//!
//! ```
//! use empathy::{Lexicon, Scorer};
//! let mine = Lexicon::from_toml_str(r#"
//! [lexicon]
//! format = 1
//!
//! [[cues]]
//! kind = "acknowledgment"
//! weight = 0.9
//! entries = ["(oh no|yikes) that's (rough|awful)"]
//! "#)?;
//! let scorer = Scorer::builder().extend(mine).build()?;
//! assert!(scorer.score("Yikes, that's rough!").dimensions.acknowledgment > 0.3);
//! # Ok::<(), empathy::Error>(())
//! ```
//!
//! ## Performance
//!
//! One scorer builds in about 15 ms and takes under 2 MiB of tables; scoring runs at well
//! over 100 MB/s per core on real support text with every rule and evidence on (about ten
//! times the `vader_sentiment` crate on the same text), in linear time, and
//! [`Scorer::score_into`] with a reused [`Assessment`] allocates nothing in steady state.
//! The README has the measured figures and the commands that give them.
//!
//! ## Limitations
//!
//! * English only: the built-in lexicon is English (a second language is a second lexicon
//!   file, with no code change); text in another language is flagged
//!   [`Readability::OtherLanguage`] and not scored.
//! * A lexicon and a fitted linear model, not a language model: it reads phrasing, not
//!   meaning. Sarcasm without a tell, or empathy in words no cue names, is missed.
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
pub use model::{
    Coaching, ConversationModel, CustomerModel, LengthChance, Levels, Model, ReadabilityModel,
};
pub use report::{
    Assessment, Concerns, CustomerContext, Dimensions, Emotions, Evidence, EvidenceSource, Level,
    Readability, Rule, Rules, Span, Suggestion, SuggestionCode,
};
pub use scorer::{CustomerMessage, Scorer, ScorerBuilder};
pub use shared_str::SharedStr;
#[allow(deprecated)]
pub use shared_str::Text;

/// The README's examples are compiled and run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
