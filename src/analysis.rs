//! One pass over one text: lay out, look up and match words, apply the context rules. Shared by
//! agent replies and customer messages (one engine, two matchers).

use crate::kind::{Concern, Dimension, Kind};
use crate::layout::{self, Layout};
use crate::lexicon::ContextKind;
use crate::matcher::{CueHit, Matcher, Side};
use crate::model::Weights;
use crate::report::{Rule, Rules};
use crate::rules::{self, Located};
use crate::token::TokenKind;

/// Entry index used for computed evidence (a greeting with the customer's name).
pub(crate) const NAME_CUE: u32 = u32::MAX;

/// A cue found in the text, after the rules, in original byte offsets.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Found {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) entry: u32,
    pub(crate) base: f32,
    pub(crate) weight: f32,
    pub(crate) rules: Rules,
}

/// Reusable buffers for analysing one text.
#[derive(Debug, Default, Clone)]
pub(crate) struct Workspace {
    pub(crate) layout: Layout,
    cue_hits: Vec<CueHit>,
    pub(crate) located: Vec<Located>,
    pub(crate) found: Vec<Found>,
}

impl Workspace {
    /// Lays out `text` and finds its cue and context phrases: how many.
    pub(crate) fn layout_and_match(&mut self, text: &str, matcher: &Matcher) -> usize {
        self.layout.build(text, matcher);
        matcher.find(&self.layout.toks, &mut self.cue_hits, &mut self.located);
        self.cue_hits.len() + self.located.len()
    }

    /// Analyses `text`; the results are in `self.found` (text order) and `self.layout`.
    pub(crate) fn analyze(&mut self, text: &str, matcher: &Matcher, weights: &Weights, side: Side) {
        self.found.clear();
        self.located.clear();
        self.layout_and_match(text, matcher);
        if self.layout.toks.is_empty() {
            return;
        }
        rules::annotate_sentences(&mut self.layout, &self.located);

        for h in &self.cue_hits {
            let (first, last) = (h.first as usize, h.last as usize);
            let (s, e) = (
                self.layout.toks[first].start as usize,
                self.layout.toks[last].end as usize,
            );
            let entry = matcher.cue(h.entry);
            let j = rules::judge(
                entry,
                h.negated,
                (first, last),
                &self.layout,
                &self.located,
                weights,
                side,
            );
            self.found.push(Found {
                kind: j.kind,
                start: s,
                end: e,
                entry: h.entry,
                base: entry.weight,
                weight: j.weight,
                rules: j.rules,
            });
            if let Some((credit_kind, credit)) = entry.credit {
                if j.kind == entry.kind && j.weight > 0.0 {
                    self.found.push(Found {
                        kind: credit_kind,
                        start: s,
                        end: e,
                        entry: h.entry,
                        base: credit,
                        weight: (credit * j.weight / entry.weight).clamp(0.0, 1.0),
                        rules: j.rules,
                    });
                }
            }
        }

        if side == Side::Reply {
            self.weaken_walls_with_alternatives(weights);
            self.open_questions_about_the_customer(text, weights);
            self.greetings_with_names(text, matcher, weights);
        }
    }

    /// A policy refusal is not a wall when the reply goes on to offer something else.
    fn weaken_walls_with_alternatives(&mut self, weights: &Weights) {
        let wall = Kind::Concern(Concern::PolicyWall);
        let Some(first_wall) = self.found.iter().find(|f| f.kind == wall).map(|f| f.end) else {
            return;
        };
        let toks = &self.layout.toks;
        let alternative_after =
            self.located.iter().any(|c| {
                c.is(ContextKind::Alternative) && toks[c.first].start as usize >= first_wall
            }) || self.found.iter().any(|f| {
                f.start >= first_wall
                    && f.kind == Kind::Dimension(Dimension::Ownership)
                    && f.weight > 0.0
            });
        if alternative_after {
            for f in self.found.iter_mut().filter(|f| f.kind == wall) {
                f.weight *= weights.alternative_offered;
                f.rules.insert(Rule::AlternativeOffered);
            }
        }
    }

    /// A question about the customer ("Is your mum safe right now?") explores, weakly, even
    /// when no exploration cue matched; a bare data request explores less.
    fn open_questions_about_the_customer(&mut self, text: &str, weights: &Weights) {
        let exploration = Kind::Dimension(Dimension::Exploration);
        let toks = &self.layout.toks;
        let cues = self.found.len();
        debug_assert!(self.found.windows(2).all(|w| w[0].start <= w[1].start));
        let mut seen = 0;
        for (s, sentence) in self.layout.sentences.iter().enumerate() {
            if !sentence.question {
                continue;
            }
            let std::ops::Range { start: i, end: j } = self.layout.sentence_tokens(s);
            if i == j {
                continue;
            }
            let (start, end) = (toks[i].start as usize, toks[j - 1].end as usize);
            let about_you = toks[i..j].iter().any(|t| {
                let w = &text[t.start as usize..t.end as usize];
                ["you", "your", "you're", "you’re", "you've", "you’ve"]
                    .iter()
                    .any(|y| w.eq_ignore_ascii_case(y))
            });
            // `found` is in text order here, so one cursor serves every sentence (a scan of
            // all evidence per question would be quadratic on a huge text).
            while seen < cues && self.found[seen].start < start {
                seen += 1;
            }
            let explored = self.found[seen..cues]
                .iter()
                .take_while(|f| f.start < end)
                .any(|f| f.kind == exploration && f.end <= end);
            if about_you && !explored {
                let mut rules = Rules::EMPTY;
                rules.insert(Rule::Question);
                let mut weight = weights.open_question.min(1.0);
                if sentence.data_request {
                    rules.insert(Rule::DataRequest);
                    weight *= weights.data_request;
                }
                self.found.push(Found {
                    kind: exploration,
                    start,
                    end,
                    entry: crate::customer::QUESTION_CUE,
                    base: weights.open_question.min(1.0),
                    weight,
                    rules,
                });
            }
        }
    }

    /// "Hi Maria," — a greeting followed by a capitalised name is personalization.
    fn greetings_with_names(&mut self, text: &str, matcher: &Matcher, weights: &Weights) {
        let toks = &self.layout.toks;
        for c in &self.located {
            if !c.is(ContextKind::Greeting) || !toks[c.first].has(layout::FIRST_IN_CLAUSE) {
                continue;
            }
            let Some(next) = toks.get(c.last + 1) else {
                continue;
            };
            if next.kind != TokenKind::Word
                || !next.has(layout::CAPITALIZED)
                || next.sentence != toks[c.last].sentence
            {
                continue;
            }
            // A name at the very end is the writer's sign-off ("Thanks ~Amy"), not the reader.
            let last_word = toks[c.last + 2..]
                .iter()
                .all(|t| t.kind.is_noise() || t.kind == TokenKind::Emoji);
            let marked = text[..next.start as usize].ends_with(['~', '-', '^', '*']);
            if last_word || marked {
                continue;
            }
            let word = &text[next.start as usize..next.end as usize];
            if word.chars().count() < 2 || !matcher.is_name_like(word) {
                continue;
            }
            self.found.push(Found {
                kind: Kind::Dimension(Dimension::Personalization),
                start: next.start as usize,
                end: next.end as usize,
                entry: NAME_CUE,
                base: weights.name_weight,
                weight: weights.name_weight,
                rules: Rules::EMPTY,
            });
        }
        self.handle_names(text, matcher, weights);
        self.found
            .sort_unstable_by_key(|f| (f.start, f.end, f.kind));
    }

    /// "@nadia_k Nadia, …" — a reply that opens with the name in the handle it answers.
    fn handle_names(&mut self, text: &str, matcher: &Matcher, weights: &Weights) {
        let toks = &self.layout.toks;
        let mentions = toks.iter().take_while(|t| t.kind == TokenKind::Mention);
        let Some(first) = toks.iter().find(|t| t.kind != TokenKind::Mention) else {
            return;
        };
        let word = &text[first.start as usize..first.end as usize];
        let in_handle = mentions.clone().any(|m| {
            let handle = &text[m.start as usize + 1..m.end as usize];
            word.len() >= 3
                && handle.len() >= word.len()
                && handle.is_char_boundary(word.len())
                && handle[..word.len()].eq_ignore_ascii_case(word)
        });
        let already = self.found.iter().any(|f| f.start == first.start as usize);
        if first.kind == TokenKind::Word
            && first.has(layout::CAPITALIZED)
            && in_handle
            && !already
            && matcher.is_name_like(word)
        {
            self.found.push(Found {
                kind: Kind::Dimension(Dimension::Personalization),
                start: first.start as usize,
                end: first.end as usize,
                entry: NAME_CUE,
                base: weights.name_weight,
                weight: weights.name_weight,
                rules: Rules::EMPTY,
            });
        }
    }
}
