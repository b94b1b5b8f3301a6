//! What the context rules need of a lexicon entry, packed (about 20 bytes, against about 70
//! for an [`Entry`]): the rules read it for every cue found, and a dense table stays in
//! cache.

use crate::kind::Kind;
use crate::lexicon::Entry;

/// One entry, as the rules read it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CueEntry {
    pub(crate) kind: Kind,
    pub(crate) weight: f32,
    pub(crate) question: bool,
    pub(crate) upset: bool,
    pub(crate) opens_clause: bool,
    pub(crate) negated: Option<Kind>,
    pub(crate) credit: Option<(Kind, f32)>,
    /// From the learned layer: a word n-gram fitted on rated text, weaker evidence of what it
    /// names than a written cue.
    pub(crate) learned: bool,
}

impl CueEntry {
    pub(crate) fn of(entry: &Entry) -> CueEntry {
        CueEntry {
            kind: entry.kind,
            weight: entry.weight,
            question: entry.question,
            upset: entry.upset,
            opens_clause: entry.opens_clause,
            negated: entry.negated,
            credit: entry.credit,
            learned: entry.learned,
        }
    }
}
