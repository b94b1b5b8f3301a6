//! The negation grammar: the function words whose IDs the negation edits read ("i don't
//! understand" is read as a negated "i understand", so no negated phrasing is stored).

use super::vocabulary::Vocabulary;
use crate::lexicon::GrammarWords;
use crate::text::segment::WordId;

/// IDs of the function words the negation edits read (from the lexicon's `[grammar]`).
#[derive(Debug, Clone)]
pub(crate) struct Grammar {
    pub(crate) subjects: Vec<WordId>,
    /// "i'll", "we'll", by subject.
    pub(crate) future: Vec<WordId>,
    pub(crate) copulas: Vec<WordId>,
    pub(crate) demonstratives: Vec<WordId>,
    pub(crate) dont: WordId,
    pub(crate) do_: WordId,
    pub(crate) not: WordId,
    pub(crate) is: WordId,
    pub(crate) will: WordId,
    pub(crate) wont: WordId,
    /// Verbs negated by a following "not": am, are, is, will, would, could, should.
    pub(crate) takes_not: Vec<WordId>,
    /// Negative contractions and the verb they negate.
    pub(crate) contractions: Vec<(WordId, WordId)>,
    /// Words that are not plain verbs after "don't": auxiliaries.
    pub(crate) auxiliaries: Vec<WordId>,
}

impl Grammar {
    pub(crate) fn new(v: &mut Vocabulary, g: &GrammarWords) -> Grammar {
        let mut one = |s: &str| v.intern(s);
        let (dont, do_, not, is, will, wont) = (
            one(&g.dont),
            one(&g.do_),
            one(&g.not),
            one(&g.is),
            one(&g.will),
            one(&g.wont),
        );
        let mut many = |l: &[String]| l.iter().map(|w| v.intern(w)).collect::<Vec<_>>();
        Grammar {
            subjects: many(&g.subjects),
            future: many(&g.future),
            copulas: many(&g.copulas),
            demonstratives: many(&g.demonstratives),
            dont,
            do_,
            not,
            is,
            will,
            wont,
            takes_not: many(&g.takes_not),
            auxiliaries: many(&g.auxiliaries),
            contractions: g
                .contractions
                .iter()
                .map(|(neg, base)| (v.intern(neg), v.intern(base)))
                .collect(),
        }
    }
}
