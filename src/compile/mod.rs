//! Build time: a lexicon becomes the compiled matchers the per-text analysis runs.
//!
//! * [`automaton`]: pattern → word-level NFA → DFA (never expanding alternatives or classes).
//! * [`vocabulary`]: the dense word IDs and their lookup tables.
//! * [`grammar`]: the function words the negation edits read.
//! * [`cue`]: what the context rules need of each entry, packed.
//! * [`matcher`]: all of it for one side (replies or customer messages).
//!
//! Nothing here runs per text except the lookups the analysis calls.

pub(crate) mod automaton;
pub(crate) mod cue;
pub(crate) mod grammar;
pub(crate) mod matcher;
pub(crate) mod vocabulary;

pub(crate) use matcher::Matcher;

/// Which side of a conversation a matcher reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Agent replies: dimension and concern cues.
    Reply,
    /// Customer messages: emotion cues.
    Customer,
}

/// No lexicon entry (an accepting state of context phrases only).
pub(crate) const NO_CUE: u32 = u32::MAX;
/// Flag in [`Matcher::start`]: a negation edit may start at this word.
pub(crate) const OPENS_EDIT: automaton::State = 1 << 30;
/// Accept labels at or above this are context lists (`CONTEXT_LABEL + kind`).
pub(crate) const CONTEXT_LABEL: u32 = u32::MAX - 64;

/// What an accepting DFA state stands for.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Accept {
    /// Index of the lexicon entry, or `NO_CUE`.
    pub(crate) cue: u32,
    /// Bit set of [`crate::lexicon::ContextKind`]s.
    pub(crate) context: u16,
}
