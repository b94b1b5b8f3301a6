//! The crate's one error type. Building (a lexicon, a scorer, a conversation) can fail; scoring cannot.

use std::path::PathBuf;
use std::sync::Arc;

/// Everything that can go wrong when building a lexicon, a scorer or a conversation.
///
/// ```
/// let err = empathy::Lexicon::from_toml_str("[lexicon]\nformat = 7\n").unwrap_err();
/// assert!(matches!(err, empathy::Error::Lexicon(ref e) if e.line == 2));
/// assert_eq!(err.to_string(), "<string>:2: unsupported format version 7 (this crate reads format 1)");
/// ```
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon file is malformed.
    #[error("{0}")]
    Lexicon(#[from] LexiconError),
    /// A lexicon file could not be read.
    #[error("cannot read lexicon file {}: {source}", path.display())]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said (shared, so the error stays `Clone`).
        #[source]
        source: Arc<std::io::Error>,
    },
    /// The scoring weights are invalid.
    #[error("invalid weights: {0}")]
    Weights(#[from] WeightsError),
    /// A conversation turn has a timestamp that cannot be read.
    #[error("turn {turn}: {source}")]
    Timestamp {
        /// Zero-based index of the turn.
        turn: usize,
        /// What is wrong with it.
        #[source]
        source: TimestampError,
    },
}

/// What is wrong with a set of scoring weights.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum WeightsError {
    /// No weights were given and the lexicon has no `[model]` section.
    #[error("no weights (the lexicon has no [model] section)")]
    Missing,
    /// A number is NaN, infinite or outside its range.
    #[error("{name} = {value} is out of range {range}")]
    OutOfRange {
        /// The weight's name, as in `[model]`.
        name: String,
        /// Its value.
        value: f64,
        /// The allowed range.
        range: &'static str,
    },
    /// `[model.readability] languages` names a language the detector does not know, or
    /// leaves out English.
    #[error("readability.languages: {0}")]
    Languages(String),
    /// The level thresholds are not `0 <= moderate <= high <= 100`.
    #[error("levels must satisfy 0 <= moderate ({moderate}) <= high ({high}) <= 100")]
    Levels {
        /// The `moderate` threshold.
        moderate: f32,
        /// The `high` threshold.
        high: f32,
    },
}

/// Why a timestamp cannot be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TimestampError {
    /// A number of seconds that is NaN, infinite or negative.
    #[error("{0} is not a time in seconds since 1970")]
    Seconds(f64),
    /// Text that is not an RFC 3339 date and time.
    #[error("{value:?} is not an RFC 3339 date-time ({reason})")]
    Text {
        /// The timestamp as given.
        value: String,
        /// What the parser said.
        reason: String,
    },
}

/// A key that names no value of an enum (from [`str::parse`] on a
/// [`Dimension`](crate::Dimension), [`Concern`](crate::Concern), [`Emotion`](crate::Emotion),
/// [`Rule`](crate::Rule) or [`SuggestionCode`](crate::SuggestionCode)).
///
/// ```
/// use empathy::Dimension;
/// assert_eq!("ownership".parse::<Dimension>(), Ok(Dimension::Ownership));
/// let err = "warmth".parse::<Dimension>().unwrap_err();
/// assert_eq!(err.to_string(), "unknown Dimension \"warmth\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {key:?}")]
pub struct UnknownKey {
    /// The enum's name.
    pub what: &'static str,
    /// The key as given.
    pub key: String,
}

/// A problem in a lexicon file, with the line it is on.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{origin}:{line}: {problem}")]
pub struct LexiconError {
    /// The file name (or `"<string>"`, or `"builtin:en"`).
    pub origin: String,
    /// One-based line number (0 when the problem has no line, e.g. a missing section).
    pub line: usize,
    /// What is wrong.
    pub problem: LexiconProblem,
}

/// What is wrong in a lexicon file.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LexiconProblem {
    /// The file is not valid TOML, has a wrong type, or an unknown/missing key.
    #[error("{0}")]
    Syntax(String),
    /// The file is not UTF-8.
    #[error("invalid UTF-8")]
    InvalidUtf8,
    /// `format` is missing or not a supported version.
    #[error("unsupported format version {0} (this crate reads format 1)")]
    UnsupportedFormat(i64),
    /// A `kind` that the crate does not know.
    #[error("unknown kind {0:?} (expected a dimension, a concern or an emotion key)")]
    UnknownKind(String),
    /// `curtness` is computed, not matched.
    #[error("kind {0:?} is computed and cannot have cues")]
    ComputedKind(String),
    /// A `{class}` that is not defined.
    #[error("unknown class {{{0}}}")]
    UnknownClass(String),
    /// A class defined twice.
    #[error("class {0:?} is defined twice")]
    DuplicateClass(String),
    /// An empty entry or class word.
    #[error("empty entry")]
    EmptyEntry,
    /// An entry longer than the limit.
    #[error("entry is {len} bytes long (limit {limit})")]
    EntryTooLong {
        /// Its length.
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// A character that entries may not contain.
    #[error(
        "entry {entry:?} contains {ch:?} (allowed: letters, digits, ', -, spaces and the pattern syntax ( | ) ? {{ }})"
    )]
    BadCharacter {
        /// The entry.
        entry: String,
        /// The character.
        ch: char,
    },
    /// A weight outside its range.
    #[error("weight {value} is out of range ({range})")]
    WeightOutOfRange {
        /// The weight.
        value: f64,
        /// The allowed range.
        range: &'static str,
    },
    /// The same entry written twice.
    #[error("duplicate entry {entry:?} (first on line {first_line})")]
    DuplicateEntry {
        /// The entry.
        entry: String,
        /// Where it first appears.
        first_line: usize,
    },
    /// An entry whose pattern expands into too many phrases.
    #[error("entry expands to more than {limit} phrases")]
    TooManyExpansions {
        /// The limit.
        limit: usize,
    },
    /// An entry whose pattern cannot be read.
    #[error("malformed pattern {entry:?}: {reason}")]
    Pattern {
        /// The entry.
        entry: String,
        /// What is wrong.
        reason: String,
    },
    /// The lexicon is larger than the documented limit.
    #[error("too many phrases: {count} (limit {limit})")]
    TooLarge {
        /// How many.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// A required section is missing (only the built-in/base lexicon needs them).
    #[error("missing section [{0}]")]
    MissingSection(&'static str),
    /// A `[model]` section whose weights are invalid.
    #[error("{0}")]
    Weights(WeightsError),
    /// A `[suggestions]` key that is no suggestion code.
    #[error("unknown suggestion code {0:?}")]
    UnknownSuggestion(String),
    /// A class name with characters other than letters, digits and `_`.
    #[error("class name {0:?} must be letters, digits and _")]
    BadClassName(String),
    /// A `credit` table that does not name exactly one kind.
    #[error("credit names exactly one kind")]
    BadCredit,
    /// A message template with a placeholder the crate does not fill (or an unclosed `{`).
    #[error("message {message:?} has an unknown placeholder {{{placeholder}}}")]
    BadPlaceholder {
        /// The message.
        message: String,
        /// The placeholder.
        placeholder: String,
    },
    /// The `[grammar]` lists do not fit together.
    #[error("[grammar]: {0}")]
    BadGrammar(&'static str),
    /// The patterns compile into more automaton states than the limit.
    #[error("the patterns compile to more than {limit} automaton states")]
    TooManyStates {
        /// The limit.
        limit: usize,
    },
}
