//! Phrase matcher: the words of a text are looked up once in the lexicon's vocabulary, and
//! every lexicon pattern and context phrase is found by walking one word-level DFA from
//! each word. Phrases never run across punctuation, line breaks or non-words.
//!
//! Negation inside a cue ("I *don't* understand", "we *can't* help", "I'm *not* sorry") is
//! read by a handful of edits on the words after a subject, so no negated phrasings are
//! stored.

use crate::automaton::{ACCEPTS, DEAD, Dfa, MAX_STATES, NO_WORD, Nfa, ROOT, State, WordId};
use crate::error::{Error, LexiconError, LexiconProblem};
use crate::layout::{self, Tok};
use crate::lexicon::{ContextKind, Lexicon, pattern};
use crate::rules::{Cue, Located};
use rustc_hash::{FxHashMap, FxHashSet};

/// Which side of a conversation a matcher reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Agent replies: dimension and concern cues.
    Reply,
    /// Customer messages: emotion cues.
    Customer,
}

const NO_CUE: u32 = u32::MAX;
/// Flag in [`Matcher::start`]: a negation edit may start at this word.
const OPENS_EDIT: State = 1 << 30;
/// Accept labels at or above this are context lists (`CONTEXT_LABEL + kind`).
const CONTEXT_LABEL: u32 = u32::MAX - 64;

/// What an accepting DFA state stands for.
#[derive(Debug, Clone, Copy)]
struct Target {
    /// Index of the lexicon entry, or `NO_CUE`.
    cue: u32,
    /// Bit set of [`ContextKind`]s.
    context: u16,
}

/// A cue match, in token indices of the layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueHit {
    pub(crate) first: u32,
    pub(crate) last: u32,
    pub(crate) entry: u32,
    /// Matched a negated form of the entry ("i don't understand" of "i understand").
    pub(crate) negated: bool,
}

/// The lexicon's words, with their apostrophe-less spellings ("im" reads as "i'm").
#[derive(Debug, Clone, Default)]
struct Vocabulary {
    /// Every word, while the matcher is built.
    ids: FxHashMap<Box<str>, WordId>,
    /// Words of up to 8 bytes (most words), packed into an integer (zero-padded): the
    /// lookup of almost every token is one integer hash, with no string comparison.
    short: ShortWords,
    /// Words of 9 to 16 bytes, packed the same way.
    medium: FxHashMap<u128, WordId>,
    /// Longer words.
    long: FxHashMap<Box<str>, WordId>,
    /// Per word ID: the word is a contraction (has an apostrophe).
    contracted: Vec<bool>,
    /// No word is longer than this (in bytes), so longer tokens need no lookup.
    longest: usize,
}

/// A word of at most 16 bytes as an integer. Words never contain NUL, so the zero padding
/// cannot collide with a real byte.
#[inline]
fn pack(bytes: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    u128::from_le_bytes(buf)
}

/// Lower-cases the ASCII letters of 8 bytes at once (every byte must be below 0x80).
#[inline]
fn swar_lowercase(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let at_least_a = x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f); // high bit: byte >= b'A'
    let above_z = x.wrapping_add(0x2525_2525_2525_2525); // high bit: byte > b'Z'
    let upper = at_least_a & !above_z & HIGH;
    x | (upper >> 2)
}

/// The packed, lower-cased key of the token `text[start..end]` (at most 16 bytes), or
/// `None` if it is not ASCII.
#[inline]
fn ascii_key(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    debug_assert!(len <= 16);
    let raw = match text.get(start..start + 16) {
        Some(window) => {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(window);
            u128::from_le_bytes(buf)
        }
        None => pack(&text[start..end]),
    };
    let mask = if len == 16 {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    };
    let word = raw & mask;
    let (lo, hi) = (word as u64, (word >> 64) as u64);
    if (lo | hi) & 0x8080_8080_8080_8080 != 0 {
        return None;
    }
    Some(u128::from(swar_lowercase(lo)) | (u128::from(swar_lowercase(hi)) << 64))
}

impl Vocabulary {
    fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.contracted.len() as WordId;
        self.ids.insert(word.into(), id);
        self.contracted.push(word.contains('\''));
        self.longest = self.longest.max(word.len());
        id
    }

    /// Adds the apostrophe-less spelling of each contraction (unless it is a word itself)
    /// and builds the lookup tables.
    fn freeze(&mut self) {
        let bare: Vec<(String, WordId)> = self
            .ids
            .iter()
            .filter_map(|(w, &id)| pattern::bare_spelling(w).map(|b| (b, id)))
            .collect();
        for (b, id) in bare {
            self.ids.entry(b.into()).or_insert(id);
        }
        for (w, &id) in &self.ids {
            if w.len() > 16 {
                self.long.insert(w.clone(), id);
            } else if w.len() > 8 {
                self.medium.insert(pack(w.as_bytes()), id);
            }
        }
        let short = self.ids.iter().filter(|(w, _)| w.len() <= 8);
        self.short = ShortWords::new(short.map(|(w, &id)| (pack(w.as_bytes()) as u64, id)));
        self.ids = FxHashMap::default();
    }

    fn get_packed(&self, len: usize, key: u128) -> WordId {
        if len <= 8 {
            self.short.get(key as u64)
        } else {
            self.medium.get(&key).copied().unwrap_or(NO_WORD)
        }
    }

    /// The ID of the token `text[start..end]`: lower-cased, typographic apostrophes
    /// straightened.
    #[inline]
    fn lookup(&self, text: &str, start: usize, end: usize, scratch: &mut String) -> WordId {
        let len = end - start;
        if len > self.longest * 2 + 8 {
            return NO_WORD;
        }
        if len <= 16 {
            if let Some(key) = ascii_key(text.as_bytes(), start, end) {
                return self.get_packed(len, key);
            }
        }
        let word = &text[start..end];
        scratch.clear();
        for c in word.chars() {
            match c {
                '\u{2019}' | '\u{2018}' | '\u{00B4}' | '\u{02BC}' | '\u{201B}' | '`' => {
                    scratch.push('\'')
                }
                c => scratch.extend(c.to_lowercase()),
            }
        }
        if scratch.len() <= 16 {
            self.get_packed(scratch.len(), pack(scratch.as_bytes()))
        } else {
            self.long.get(scratch.as_str()).copied().unwrap_or(NO_WORD)
        }
    }
}

/// An open-addressing table from words of up to 8 bytes (packed; never 0) to their IDs.
#[derive(Debug, Clone, Default)]
struct ShortWords {
    /// Packed words; 0 is an empty slot.
    keys: Vec<u64>,
    ids: Vec<WordId>,
    /// 64 minus the log2 of the table size: the hash is the top bits of a multiplication.
    shift: u32,
}

impl ShortWords {
    fn new(words: impl Iterator<Item = (u64, WordId)> + Clone) -> ShortWords {
        // A quarter full: most tokens of a text are not in the vocabulary, and a miss probes
        // until an empty slot.
        let size = (words.clone().count() * 4).next_power_of_two().max(2);
        let mut t = ShortWords {
            keys: vec![0; size],
            ids: vec![NO_WORD; size],
            shift: 64 - size.trailing_zeros(),
        };
        for (key, id) in words {
            let mut i = t.slot(key);
            while t.keys[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            t.keys[i] = key;
            t.ids[i] = id;
        }
        t
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    #[inline]
    fn get(&self, key: u64) -> WordId {
        if self.keys.is_empty() {
            return NO_WORD;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.ids[i];
            }
            if k == 0 {
                return NO_WORD;
            }
            i = (i + 1) & mask;
        }
    }
}

impl layout::Words for Matcher {
    #[inline]
    fn id(&self, text: &str, start: usize, end: usize, scratch: &mut String) -> WordId {
        self.vocab.lookup(text, start, end, scratch)
    }

    #[inline]
    fn short_id(&self, key: u64) -> WordId {
        self.vocab.short.get(key)
    }
}

/// IDs of the function words the negation edits read.
#[derive(Debug, Clone)]
struct Grammar {
    subjects: [WordId; 2],
    /// "i'll", "we'll", by subject.
    future: [WordId; 2],
    copulas: [WordId; 5],
    demonstratives: [WordId; 2],
    dont: WordId,
    do_: WordId,
    not: WordId,
    is: WordId,
    will: WordId,
    wont: WordId,
    /// Verbs negated by a following "not": am, are, is, will, would, could, should.
    takes_not: [WordId; 7],
    /// Negative contractions and the verb they negate.
    contractions: [(WordId, WordId); 6],
    /// Words that are not plain verbs after "don't": auxiliaries.
    auxiliaries: [WordId; 14],
}

impl Grammar {
    fn new(v: &mut Vocabulary) -> Grammar {
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

/// A reading of the words at a start position with a negation taken out: feed `prefix`
/// (standing for the first `consumed` tokens), then go on with the text.
#[derive(Debug, Clone, Copy)]
struct Edit {
    prefix: [WordId; 2],
    len: usize,
    consumed: usize,
}

/// The compiled matcher of one side.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    vocab: Vocabulary,
    grammar: Grammar,
    dfa: Dfa<Target>,
    /// What the rules need of each lexicon entry (by entry index).
    cues: Vec<Cue>,
    /// Per word ID: the DFA's transition out of the root, with `OPENS_EDIT` set when a
    /// negation edit may start at the word (agent replies only): one load per word.
    start: Vec<State>,
    /// Lower-case words that are not names (not-names, stopwords, greetings).
    not_names: FxHashSet<Box<str>>,
}

impl Matcher {
    pub(crate) fn build(lexicon: &Lexicon, side: Side) -> Result<Matcher, Error> {
        let mut vocab = Vocabulary::default();
        let grammar = Grammar::new(&mut vocab);
        let mut nfa = Nfa::new();
        let mut intern = |w: &str| vocab.intern(w);
        for (i, entry) in lexicon.entries.iter().enumerate() {
            if entry.kind.is_customer() == (side == Side::Customer) {
                nfa.add_pattern(&entry.seq, i as u32, &mut intern);
            }
        }
        for kind in ContextKind::ALL {
            for phrase in lexicon.context.list(kind) {
                nfa.add_phrase(phrase, CONTEXT_LABEL + kind as u32, &mut intern);
            }
        }
        let entries = &lexicon.entries;
        let dfa = Dfa::build(&nfa, vocab.contracted.len(), MAX_STATES, |labels| {
            let mut t = Target {
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
            problem: LexiconProblem::Invalid(format!(
                "the patterns compile to more than {MAX_STATES} automaton states"
            )),
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
            vocab,
            grammar,
            dfa,
            cues: entries.iter().map(Cue::of).collect(),
            start,
            not_names,
        })
    }

    /// Finds cue hits (leftmost-longest, with overlaps of another kind kept) and context hits
    /// (all) in the tokens `toks` with word IDs `words`. Both come out sorted by first token.
    pub(crate) fn find(&self, toks: &[Tok], cues: &mut Vec<CueHit>, context: &mut Vec<Located>) {
        cues.clear();
        context.clear();
        let joined = |j: usize| j < toks.len() && !toks[j].has(layout::BREAK_BEFORE);
        // Blocks of 64 tokens: first every token's start state and a bit mask of the tokens
        // where something starts (no branch per token), then only those tokens, in order.
        let sentinel = self.start.len() - 1;
        let mut firsts = [DEAD; 64];
        for base in (0..toks.len()).step_by(64) {
            let block = &toks[base..toks.len().min(base + 64)];
            let mut live = 0u64;
            for (k, t) in block.iter().enumerate() {
                // `NO_WORD` (and any ID past the table) reads the sentinel, `DEAD`.
                let first = self.start[(t.word as usize).min(sentinel)];
                firsts[k] = first;
                live |= u64::from(first != DEAD) << k;
            }
            while live != 0 {
                let k = live.trailing_zeros() as usize;
                live &= live - 1;
                let (start, first) = (base + k, firsts[k]);
                let state = first & !OPENS_EDIT;
                if state != DEAD {
                    self.record(state, start, start, false, cues, context);
                    self.walk(toks, start, state, start + 1, false, cues, context);
                }
                if first & OPENS_EDIT != 0 {
                    self.edited(toks, start, &joined, cues, context);
                }
            }
        }
        // Leftmost-longest selection. A hit of another kind that starts inside the last kept
        // one but runs past its end is kept too ("obviously you" + "you should have charged
        // it"): neither says what the other does. A phrase as written beats a negated reading.
        // Hits come out by start already; only the few that share a start need ordering.
        debug_assert!(cues.windows(2).all(|w| w[0].first <= w[1].first));
        for group in cues.chunk_by_mut(|a, b| a.first == b.first) {
            if group.len() > 1 {
                group.sort_unstable_by(|a, b| (b.last, a.negated).cmp(&(a.last, b.negated)));
            }
        }
        let mut kept = 0;
        let mut last: Option<CueHit> = None;
        for i in 0..cues.len() {
            let h = cues[i];
            let keep = match last {
                None => true,
                Some(l) => {
                    h.first > l.last
                        || (h.last > l.last
                            && self.cues[h.entry as usize].kind != self.cues[l.entry as usize].kind)
                }
            };
            if keep {
                cues[kept] = h;
                kept += 1;
                last = Some(h);
            }
        }
        cues.truncate(kept);
        // Context hits are recorded by start, then by end (walks only lengthen), and never
        // from negation edits: already in order.
        debug_assert!(
            context
                .windows(2)
                .all(|w| (w[0].first, w[0].last) <= (w[1].first, w[1].last))
        );
    }

    /// The negation edits at a subject, walked like plain starts.
    #[cold]
    fn edited(
        &self,
        toks: &[Tok],
        start: usize,
        joined: &impl Fn(usize) -> bool,
        cues: &mut Vec<CueHit>,
        context: &mut Vec<Located>,
    ) {
        let word = |k: usize| {
            if (1..=k).all(|d| joined(start + d)) {
                toks[start + k].word
            } else {
                NO_WORD
            }
        };
        for edit in self.edits_at(word).into_iter().flatten() {
            let mut state = ROOT;
            for &w in &edit.prefix[..edit.len] {
                state = self.dfa.next(state, w);
            }
            if state != DEAD {
                let at = start + edit.consumed;
                if edit.len >= 2 {
                    self.record(state, start, at - 1, true, cues, context);
                }
                if joined(at) {
                    self.walk(toks, start, state, at, true, cues, context);
                }
            }
        }
    }

    /// Walks the DFA from `state` over the words from `from` on, recording every accepting
    /// state as a hit that started at token `start`.
    #[allow(clippy::too_many_arguments)]
    fn walk(
        &self,
        toks: &[Tok],
        start: usize,
        mut state: State,
        from: usize,
        negated: bool,
        cues: &mut Vec<CueHit>,
        context: &mut Vec<Located>,
    ) {
        for (j, t) in toks.iter().enumerate().skip(from) {
            if j > start && t.has(layout::BREAK_BEFORE) {
                return;
            }
            state = self.dfa.next(state, t.word);
            if state == DEAD {
                return;
            }
            self.record(state, start, j, negated, cues, context);
        }
    }

    #[inline]
    fn record(
        &self,
        state: State,
        first: usize,
        last: usize,
        negated: bool,
        cues: &mut Vec<CueHit>,
        context: &mut Vec<Located>,
    ) {
        if state & ACCEPTS == 0 {
            return;
        }
        let Some(t) = self.dfa.accept(state) else {
            return;
        };
        if t.cue != NO_CUE {
            cues.push(CueHit {
                first: first as u32,
                last: last as u32,
                entry: t.cue,
                negated,
            });
        }
        if t.context != 0 && !negated {
            context.push(Located {
                first,
                last,
                kinds: t.context,
            });
        }
    }

    /// Readings of the words at a start with the negation taken out, for phrases that open
    /// with a subject: "i don't understand" reads as a negated "i understand", "we can't help"
    /// as "we can help", "i won't forget" as "i'll forget", "i'm not sorry" as "i'm sorry".
    /// `word(k)` is the k-th word from the start (`NO_WORD` past a break).
    fn edits_at(&self, word: impl Fn(usize) -> WordId) -> [Option<Edit>; 2] {
        let g = &self.grammar;
        let (t0, t1, t2) = (word(0), word(1), word(2));
        let edit = |prefix: &[WordId], consumed: usize| {
            let mut p = [NO_WORD; 2];
            p[..prefix.len()].copy_from_slice(prefix);
            Some(Edit {
                prefix: p,
                len: prefix.len(),
                consumed,
            })
        };
        let plain_verb = |w: WordId| {
            w != NO_WORD && !self.vocab.contracted[w as usize] && !g.auxiliaries.contains(&w)
        };
        if let Some(s) = g.subjects.iter().position(|&s| s == t0) {
            if t1 == g.dont && plain_verb(t2) {
                return [edit(&[t0], 2), None];
            }
            if t1 == g.do_ && t2 == g.not && plain_verb(word(3)) {
                return [edit(&[t0], 3), None];
            }
            if t2 == g.not && g.takes_not.contains(&t1) {
                let future = (t1 == g.will).then(|| edit(&[g.future[s]], 3)).flatten();
                return [edit(&[t0, t1], 3), future];
            }
            if let Some(&(_, base)) = g.contractions.iter().find(|(neg, _)| *neg == t1) {
                let future = (t1 == g.wont).then(|| edit(&[g.future[s]], 2)).flatten();
                return [edit(&[t0, base], 2), future];
            }
        } else if g.copulas.contains(&t0) && t1 == g.not {
            return [edit(&[t0], 2), None];
        } else if g.demonstratives.contains(&t0) && t1 == g.is && t2 == g.not {
            return [edit(&[t0, t1], 3), None];
        }
        [None, None]
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
    pub(crate) fn cue(&self, entry: u32) -> &Cue {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Layout;

    fn hits(text: &str) -> Vec<(String, bool)> {
        let lexicon = Lexicon::from_toml_str(
            r#"
[lexicon]
format = 1
[[cues]]
kind = "understanding"
weight = 0.8
entries = ["i understand", "i'm sorry", "we can help", "i'll fix it", "we will call you", "i can't imagine"]
[[cues]]
kind = "ownership"
weight = 0.5
entries = ["fix it"]
"#,
        )
        .unwrap();
        let m = Matcher::build(&lexicon, Side::Reply).unwrap();
        let mut layout = Layout::default();
        layout.build(text, &m);
        let (mut cues, mut ctx) = (Vec::new(), Vec::new());
        m.find(&layout.toks, &mut cues, &mut ctx);
        cues.iter()
            .map(|h| {
                let (s, e) = (
                    layout.toks[h.first as usize].start,
                    layout.toks[h.last as usize].end,
                );
                (text[s as usize..e as usize].to_string(), h.negated)
            })
            .collect()
    }

    fn one(text: &str, negated: bool) {
        assert_eq!(hits(text), vec![(text.to_string(), negated)], "{text}");
    }

    #[test]
    fn packed_keys_lower_case_ascii_only() {
        let text = b"Hello WORLD-Zz@[` caf\xc3\xa9";
        assert_eq!(ascii_key(text, 0, 5), Some(pack(b"hello")));
        assert_eq!(ascii_key(text, 6, 17), Some(pack(b"world-zz@[`")));
        assert_eq!(ascii_key(text, 18, 23), None);
        assert_eq!(ascii_key(b"a", 0, 1), Some(pack(b"a")));
        assert_eq!(
            ascii_key(b"ABCDEFGHIJKLMNOP", 0, 16),
            Some(pack(b"abcdefghijklmnop"))
        );
    }

    #[test]
    fn reads_phrases_and_their_negations() {
        one("I understand", false);
        one("I don't understand", true);
        one("i do not understand", true);
        one("I’m sorry", false);
        one("Im sorry", false);
        one("I’m not sorry", true);
        one("We can't help", true);
        one("we cannot help", true);
        one("I won't fix it", true);
        one("we will not call you", true);
        one("I can't imagine", false);
    }

    #[test]
    fn phrases_stop_at_punctuation_and_word_edges() {
        assert!(hits("I, understand").is_empty());
        assert!(hits("I\nunderstand").is_empty());
        assert!(hits("Iunderstand").is_empty());
        assert_eq!(
            hits("So I’ll fix it."),
            vec![("I’ll fix it".to_string(), false)]
        );
        // "I don't, understand" is not a negated cue.
        assert!(hits("I don't, understand").is_empty());
    }
}
