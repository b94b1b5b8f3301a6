//! Phrase matcher: every expanded lexicon phrase and context word in one Aho–Corasick
//! automaton, run over the normalised text; matches count only on word boundaries.

use crate::error::Error;
use crate::lexicon::{ContextKind, Lexicon, pattern};
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::{HashMap, HashSet};

/// Which side of a conversation a matcher reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    /// Agent replies: dimension and concern cues.
    Reply,
    /// Customer messages: emotion cues.
    Customer,
}

const NO_CUE: u32 = u32::MAX;

/// What one automaton pattern stands for.
#[derive(Debug, Clone, Copy)]
struct Target {
    /// Index of the lexicon entry, or `NO_CUE`.
    cue: u32,
    /// The phrase is a negated form of the entry ("i don't understand" of "i understand").
    negated: bool,
    /// Bit set of [`ContextKind`]s.
    context: u16,
}

/// A cue match, in normalised offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CueHit {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) entry: u32,
    /// Matched a negated form of the entry.
    pub(crate) negated: bool,
}

/// A context-word match, in normalised offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ContextHit {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) kinds: u16,
}

/// The compiled matcher of one side.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    ac: AhoCorasick,
    targets: Vec<Target>,
    /// The kind of each lexicon entry (by entry index).
    kinds: Vec<crate::kind::Kind>,
    /// Lower-case words that are not names (not-names, stopwords, greetings).
    not_names: HashSet<Box<str>>,
}

impl Matcher {
    pub(crate) fn build(lexicon: &Lexicon, side: Side) -> Result<Matcher, Error> {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut phrases: Vec<String> = Vec::new();
        let mut targets: Vec<Target> = Vec::new();
        let mut slot = |phrase: &str, phrases: &mut Vec<String>, targets: &mut Vec<Target>| {
            *index.entry(phrase.to_string()).or_insert_with(|| {
                phrases.push(phrase.to_string());
                targets.push(Target {
                    cue: NO_CUE,
                    negated: false,
                    context: 0,
                });
                phrases.len() - 1
            })
        };
        let with_bare = |p: &str| std::iter::once(p.to_string()).chain(pattern::bare_spelling(p));

        for (i, entry) in lexicon.entries.iter().enumerate() {
            let wanted = match side {
                Side::Reply => !entry.kind.is_customer(),
                Side::Customer => entry.kind.is_customer(),
            };
            if !wanted {
                continue;
            }
            for phrase in &entry.phrases {
                for p in with_bare(phrase) {
                    let s = slot(&p, &mut phrases, &mut targets);
                    let t = &mut targets[s];
                    // Two entries with the same phrase: the greater weight wins, ties the first.
                    // A phrase written in the lexicon beats a generated negated form.
                    let better = t.cue == NO_CUE
                        || t.negated
                        || lexicon.entries[t.cue as usize].weight < entry.weight;
                    if better {
                        t.cue = i as u32;
                        t.negated = false;
                    }
                }
                if side == Side::Reply {
                    for v in negated_forms(phrase) {
                        for p in with_bare(&v) {
                            let s = slot(&p, &mut phrases, &mut targets);
                            let t = &mut targets[s];
                            if t.cue == NO_CUE {
                                t.cue = i as u32;
                                t.negated = true;
                            }
                        }
                    }
                }
            }
        }
        for kind in ContextKind::ALL {
            for word in lexicon.context.list(kind) {
                for p in with_bare(word) {
                    let s = slot(&p, &mut phrases, &mut targets);
                    targets[s].context |= kind.bit();
                }
            }
        }
        let ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(&phrases)
            .or_else(|_| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .build(&phrases)
            })
            .map_err(|e| Error::Weights(format!("cannot build the matcher: {e}")))?;
        let c = &lexicon.context;
        let not_names = c
            .not_names
            .iter()
            .chain(&c.stopwords)
            .chain(c.list(ContextKind::Greeting))
            .map(|w| Box::from(w.as_str()))
            .collect();
        Ok(Matcher {
            ac,
            targets,
            kinds: lexicon.entries.iter().map(|e| e.kind).collect(),
            not_names,
        })
    }

    /// Finds cue hits (leftmost-longest, non-overlapping, on word boundaries) and context hits
    /// (all, on word boundaries) in `norm`. Both come out sorted by start.
    pub(crate) fn find(
        &self,
        norm: &crate::normalize::Normalized,
        cues: &mut Vec<CueHit>,
        context: &mut Vec<ContextHit>,
    ) {
        cues.clear();
        context.clear();
        for m in self.ac.find_overlapping_iter(&norm.bytes) {
            let (s, e) = (m.start(), m.end());
            if norm.word_before(s) || norm.word_at(e) {
                continue;
            }
            let t = self.targets[m.pattern().as_usize()];
            if t.cue != NO_CUE {
                cues.push(CueHit {
                    start: s as u32,
                    end: e as u32,
                    entry: t.cue,
                    negated: t.negated,
                });
            }
            if t.context != 0 {
                context.push(ContextHit {
                    start: s as u32,
                    end: e as u32,
                    kinds: t.context,
                });
            }
        }
        // Leftmost-longest selection among the boundary-valid cue hits. A hit of another
        // kind that starts inside the last kept one but runs past its end is kept too
        // ("obviously you" + "you should have charged it"): neither says what the other does.
        cues.sort_unstable_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
        let mut kept = 0;
        let mut last: Option<CueHit> = None;
        for i in 0..cues.len() {
            let h = cues[i];
            let keep = match last {
                None => true,
                Some(l) => {
                    h.start >= l.end
                        || (h.end > l.end
                            && self.kinds[h.entry as usize] != self.kinds[l.entry as usize])
                }
            };
            if keep {
                cues[kept] = h;
                kept += 1;
                last = Some(h);
            }
        }
        cues.truncate(kept);
        context.sort_unstable_by_key(|h| (h.start, h.end));
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

    /// Approximate heap bytes used by the automaton.
    pub(crate) fn memory_usage(&self) -> usize {
        self.ac.memory_usage() + self.targets.len() * std::mem::size_of::<Target>()
    }
}

/// Negated forms of a phrase that opens with a subject ("i understand" → "i don't understand",
/// "i'm sorry" → "i'm not sorry"), so that negation inside the phrase is caught too. Phrases
/// that already contain a negation are lexicalised and get none.
pub(crate) fn negated_forms(phrase: &str) -> Vec<String> {
    const NEGATIONS: &[&str] = &["not", "don't", "can't", "won't", "never", "no", "cannot"];
    let words: Vec<&str> = phrase.split(' ').collect();
    if words.len() < 2
        || words
            .iter()
            .any(|w| NEGATIONS.contains(w) || w.ends_with("n't"))
    {
        return Vec::new();
    }
    let rest = |from: usize| words[from..].join(" ");
    let (subject, verb) = (words[0], words[1]);
    let subjects = ["i", "we"];
    let copulas = [
        "i'm", "we're", "that's", "it's", "you're", "this is", "that is",
    ];
    let mut out = Vec::new();
    if copulas.contains(&subject) {
        out.push(format!("{subject} not {}", rest(1)));
    } else if subjects.contains(&subject) {
        match verb {
            "am" | "are" | "is" => out.push(format!("{subject} {verb} not {}", rest(2))),
            "can" => {
                for n in ["can't", "cannot"] {
                    out.push(format!("{subject} {n} {}", rest(2)));
                }
            }
            "will" | "would" | "could" | "should" => {
                out.push(format!("{subject} {verb} not {}", rest(2)));
                out.push(format!("{subject} {verb}n't {}", rest(2)).replace("willn't", "won't"));
            }
            "'ll" | "have" | "do" | "did" | "had" | "was" | "were" => {}
            _ if verb.contains('\'') => {}
            _ => {
                // Present tense only: "i didn't understand" is rare as a cue and would double
                // the automaton.
                for n in ["don't", "do not"] {
                    out.push(format!("{subject} {n} {}", rest(1)));
                }
            }
        }
    } else if let Some(base) = subject.strip_suffix("'ll") {
        if subjects.contains(&base) {
            out.push(format!("{base} won't {}", rest(1)));
            out.push(format!("{base} will not {}", rest(1)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::negated_forms;

    #[test]
    fn negated_forms_of_subject_phrases() {
        assert!(negated_forms("i understand").contains(&"i don't understand".to_string()));
        assert!(negated_forms("i'm sorry").contains(&"i'm not sorry".to_string()));
        assert!(negated_forms("we can help").contains(&"we can't help".to_string()));
        assert!(negated_forms("i'll fix it").contains(&"i won't fix it".to_string()));
        assert!(negated_forms("i can't imagine").is_empty());
        assert!(negated_forms("sorry").is_empty());
    }
}
