//! Matching: walks the compiled word DFA from every word of a text where a phrase can start,
//! and reads negations by a few edits after a subject. Phrases never run across
//! punctuation, line breaks or non-words.

use crate::compile::automaton::{ACCEPTS, DEAD, ROOT, State};
use crate::compile::{Matcher, NO_CUE, OPENS_EDIT};
use crate::lexicon::ContextKind;
use crate::text::segment::{self, NO_WORD, Tok, WordId};

/// A cue match, in token indices of the segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) first: u32,
    pub(crate) last: u32,
    pub(crate) entry: u32,
    /// Matched a negated form of the entry ("i don't understand" of "i understand").
    pub(crate) negated: bool,
}

/// A context phrase (contrast word, question starter, …) located in the segments.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ContextHit {
    /// First token of the context phrase.
    pub(crate) first: usize,
    /// Last token of the context phrase.
    pub(crate) last: usize,
    /// Bit set of [`ContextKind`]s.
    pub(crate) kinds: u16,
}

impl ContextHit {
    pub(crate) fn is(&self, kind: ContextKind) -> bool {
        self.kinds & kind.bit() != 0
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

impl Matcher {
    /// Finds cue hits (leftmost-longest, with overlaps of another kind kept) and context hits
    /// (all) in the tokens `toks` with word IDs `words`. Both come out sorted by first token.
    pub(crate) fn find(&self, toks: &[Tok], cues: &mut Vec<Hit>, context: &mut Vec<ContextHit>) {
        cues.clear();
        context.clear();
        let joined = |j: usize| j < toks.len() && !toks[j].has(segment::BREAK_BEFORE);
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
        let mut last: Option<Hit> = None;
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
        cues: &mut Vec<Hit>,
        context: &mut Vec<ContextHit>,
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
        cues: &mut Vec<Hit>,
        context: &mut Vec<ContextHit>,
    ) {
        let mut j = from;
        while let Some(t) = toks.get(j) {
            if j > start && t.has(segment::BREAK_BEFORE) {
                return;
            }
            state = self.dfa.next(state, t.word);
            if state == DEAD {
                return;
            }
            self.record(state, start, j, negated, cues, context);
            j += 1;
        }
    }

    #[inline]
    fn record(
        &self,
        state: State,
        first: usize,
        last: usize,
        negated: bool,
        cues: &mut Vec<Hit>,
        context: &mut Vec<ContextHit>,
    ) {
        if state & ACCEPTS == 0 {
            return;
        }
        let Some(t) = self.dfa.accept(state) else {
            return;
        };
        if t.cue != NO_CUE {
            cues.push(Hit {
                first: first as u32,
                last: last as u32,
                entry: t.cue,
                negated,
            });
        }
        if t.context != 0 && !negated {
            context.push(ContextHit {
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::Side;
    use crate::lexicon::Lexicon;
    use crate::text::segment::Segments;

    fn hits(text: &str) -> Vec<(String, bool)> {
        let mut lexicon = Lexicon::from_toml_str(
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
        // The negation edits read the built-in `[grammar]`.
        lexicon.grammar = Lexicon::builtin().grammar;
        let m = Matcher::build(&lexicon, Side::Reply).unwrap();
        let mut layout = Segments::default();
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
