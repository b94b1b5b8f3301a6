//! The crate's one error type. Building (a lexicon, a scorer, a conversation) can fail; scoring cannot.

use std::path::PathBuf;

/// Everything that can go wrong when building a lexicon, a scorer or a conversation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A lexicon file is malformed.
    #[error("{0}")]
    Lexicon(#[from] LexiconError),
    /// A lexicon file could not be read.
    #[error("cannot read lexicon file {path}: {message}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the operating system said.
        message: String,
    },
    /// A scoring weight is out of range.
    #[error("invalid weights: {0}")]
    Weights(String),
    /// A conversation turn has a timestamp that cannot be read.
    #[error("turn {turn}: invalid timestamp {value:?}: {reason}")]
    Timestamp {
        /// Zero-based index of the turn.
        turn: usize,
        /// The timestamp as given.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
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
    /// A value is invalid.
    #[error("{0}")]
    Invalid(String),
}
