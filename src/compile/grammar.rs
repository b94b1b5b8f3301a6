//! The negation grammar: the function words whose IDs the negation edits read ("i don't
//! understand" is read as a negated "i understand", so no negated phrasing is stored).

use super::vocabulary::Vocabulary;
use crate::text::segment::WordId;

/// IDs of the function words the negation edits read.
#[derive(Debug, Clone)]
pub(crate) struct Grammar {
    pub(crate) subjects: [WordId; 2],
    /// "i'll", "we'll", by subject.
    pub(crate) future: [WordId; 2],
    pub(crate) copulas: [WordId; 5],
    pub(crate) demonstratives: [WordId; 2],
    pub(crate) dont: WordId,
    pub(crate) do_: WordId,
    pub(crate) not: WordId,
    pub(crate) is: WordId,
    pub(crate) will: WordId,
    pub(crate) wont: WordId,
    /// Verbs negated by a following "not": am, are, is, will, would, could, should.
    pub(crate) takes_not: [WordId; 7],
    /// Negative contractions and the verb they negate.
    pub(crate) contractions: [(WordId, WordId); 6],
    /// Words that are not plain verbs after "don't": auxiliaries.
    pub(crate) auxiliaries: [WordId; 14],
}

impl Grammar {
    pub(crate) fn new(v: &mut Vocabulary) -> Grammar {
        let mut w = |s: &str| v.intern(s);
        let can = w("can");
        Grammar {
            subjects: [w("i"), w("we")],
            future: [w("i'll"), w("we'll")],
            copulas: [w("i'm"), w("we're"), w("that's"), w("it's"), w("you're")],
            demonstratives: [w("this"), w("that")],
            dont: w("don't"),
            do_: w("do"),
            not: w("not"),
            is: w("is"),
            will: w("will"),
            wont: w("won't"),
            takes_not: [
                w("am"),
                w("are"),
                w("is"),
                w("will"),
                w("would"),
                w("could"),
                w("should"),
            ],
            contractions: [
                (w("can't"), can),
                (w("cannot"), can),
                (w("won't"), w("will")),
                (w("wouldn't"), w("would")),
                (w("couldn't"), w("could")),
                (w("shouldn't"), w("should")),
            ],
            auxiliaries: [
                w("am"),
                w("are"),
                w("is"),
                can,
                w("will"),
                w("would"),
                w("could"),
                w("should"),
                w("have"),
                w("do"),
                w("did"),
                w("had"),
                w("was"),
                w("were"),
            ],
        }
    }
}
