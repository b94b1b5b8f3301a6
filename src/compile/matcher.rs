//! The compiled matcher of one side: the vocabulary, the negation grammar and one word DFA
//! holding every lexicon pattern and context phrase. Built here; run by
//! [`crate::analyze::matching`].

use super::automaton::{DEAD, Dfa, MAX_STATES, Nfa, State};
use super::cue::CueEntry;
use super::grammar::Grammar;
use super::vocabulary::Vocabulary;
use super::{Accept, CONTEXT_LABEL, NO_CUE, OPENS_EDIT, Side};
use crate::error::{Error, LexiconError, LexiconProblem};
use crate::lexicon::{ContextKind, Lexicon};
use crate::text::segment::{WordId, Words};
use rustc_hash::FxHashSet;

/// The compiled matcher of one side.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    pub(crate) vocab: Vocabulary,
    pub(crate) grammar: Grammar,
    pub(crate) dfa: Dfa<Accept>,
    /// What the rules need of each lexicon entry (by entry index).
    pub(crate) cues: Vec<CueEntry>,
    /// Per word ID: the DFA's transition out of the root, with `OPENS_EDIT` set when a
    /// negation edit may start at the word (agent replies only): one load per word.
    pub(crate) start: Vec<State>,
    /// The IDs of the words that address the reader ("you", "your"): a question is about
    /// the customer when one of its tokens has such an ID (no string compare per token).
    pub(crate) addressees: Vec<WordId>,
    /// Lower-case words that are not names (not-names, stopwords, greetings).
    pub(crate) not_names: FxHashSet<Box<str>>,
    /// Whether a one-word hashtag is read as its word: a customer's "#fail" says how they
    /// feel, while a reply's hashtags are a campaign's tags ("#relax", "#whatever").
    hashtags: bool,
}

impl Matcher {
    pub(crate) fn build(lexicon: &Lexicon, side: Side) -> Result<Matcher, Error> {
        let mut vocab = Vocabulary::default();
        let grammar = Grammar::new(&mut vocab, &lexicon.grammar.clone().unwrap_or_default());
        // Stopwords get IDs too (with no edge), so the share of known words says whether a
        // text is English the lexicon can read.
        for w in lexicon
            .context
            .stopwords
            .iter()
            .filter(|w| !w.contains(' '))
        {
            vocab.intern(w);
        }
        let addressees: Vec<WordId> = lexicon
            .context
            .addressees
            .iter()
            .map(|w| vocab.intern(w))
            .collect();
        let mut nfa = Nfa::new();
        let mut intern = |w: &str| vocab.intern(w);
        for (i, entry) in lexicon.entries.iter().enumerate() {
            if entry.kind.is_customer() == (side == Side::Customer) {
                nfa.add_pattern(&entry.seq, i as u32, &mut intern);
            }
        }
        for &kind in ContextKind::ALL {
            for phrase in lexicon.context.list(kind) {
                nfa.add_phrase(phrase, CONTEXT_LABEL + kind as u32, &mut intern);
            }
        }
        let entries = &lexicon.entries;
        let dfa = Dfa::build(&nfa, vocab.contracted.len(), MAX_STATES, |labels| {
            let mut t = Accept {
                cue: NO_CUE,
                context: 0,
            };
            for &l in labels {
                if l >= CONTEXT_LABEL {
                    t.context |= 1 << (l - CONTEXT_LABEL);
                } else if t.cue == NO_CUE
                    || entries[t.cue as usize].weight < entries[l as usize].weight
                {
                    // Two entries with the same phrase: the greater weight wins, ties the first.
                    t.cue = l;
                }
            }
            Some(t)
        })
        .ok_or_else(|| LexiconError {
            origin: lexicon.origin.clone(),
            line: 0,
            problem: LexiconProblem::TooManyStates { limit: MAX_STATES },
        })?;
        vocab.freeze();
        // One more slot, `DEAD`, read for tokens without a word.
        let mut start: Vec<State> = (0..vocab.contracted.len())
            .map(|w| dfa.root(w as WordId))
            .chain([DEAD])
            .collect();
        if side == Side::Reply {
            let g = &grammar;
            for &w in g.subjects.iter().chain(&g.copulas).chain(&g.demonstratives) {
                start[w as usize] |= OPENS_EDIT;
            }
        }
        let c = &lexicon.context;
        let not_names = c
            .not_names
            .iter()
            .chain(&c.stopwords)
            .chain(c.list(ContextKind::Greeting))
            .map(|w| Box::from(w.as_str()))
            .collect();
        Ok(Matcher {
            addressees,
            vocab,
            grammar,
            dfa,
            cues: entries.iter().map(CueEntry::of).collect(),
            start,
            not_names,
            hashtags: side == Side::Customer,
        })
    }

    /// Whether a capitalised word could be a person's name: letters only, and not a listed
    /// non-name, stopword or greeting.
    pub(crate) fn is_name_like(&self, word: &str) -> bool {
        if !word
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
        {
            return false;
        }
        let mut buf = [0u8; 32];
        let lower: std::borrow::Cow<'_, str> = if word.is_ascii() && word.len() <= buf.len() {
            let b = &mut buf[..word.len()];
            b.copy_from_slice(word.as_bytes());
            b.make_ascii_lowercase();
            std::borrow::Cow::Borrowed(std::str::from_utf8(b).unwrap_or(""))
        } else {
            std::borrow::Cow::Owned(word.to_lowercase())
        };
        !self.not_names.contains(lower.as_ref())
    }

    /// What the rules need of each lexicon entry (by entry index).
    pub(crate) fn cue(&self, entry: u32) -> &CueEntry {
        &self.cues[entry as usize]
    }

    /// Approximate heap bytes used by the vocabulary and the automaton.
    pub(crate) fn memory_usage(&self) -> usize {
        let v = &self.vocab;
        let long: usize = v.long.keys().map(|k| k.len() + 24).sum();
        self.dfa.memory_usage()
            + v.short.keys.len() * 12
            + v.medium.capacity() * 24
            + long
            + self.start.len() * 4
    }
}

impl Words for Matcher {
    #[inline]
    fn id(&self, text: &str, start: usize, end: usize, scratch: &mut String) -> WordId {
        self.vocab.lookup(text, start, end, scratch)
    }

    #[inline]
    fn short_id(&self, key: u64) -> WordId {
        self.vocab.short.get(key)
    }

    fn reads_hashtags(&self) -> bool {
        self.hashtags
    }
}
