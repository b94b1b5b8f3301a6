//! Per text: segment it, match its words, apply the context rules, add the cues derived from
//! the text's shape. The result, [`Cache::findings`], is what the assessment reads. Shared by
//! agent replies and customer messages (one pipeline, two matchers).
//!
//! * [`matching`]: the DFA walk and the negation edits → [`matching::Hit`]s and
//!   [`matching::ContextHit`]s.
//! * [`rules`]: negation, contrast, intensifiers, hedges, questions, quotes → a weight.
//! * [`derived`]: cues no lexicon entry names (names in greetings, questions about the
//!   customer, commitments and self-help steps, policy walls softened by an alternative; in
//!   a customer's message, problem reports and emphasis).

pub(crate) mod derived;
pub(crate) mod matching;
pub(crate) mod rules;

use crate::compile::{Matcher, Side};
use crate::kind::Kind;
use crate::model::Model;
use crate::report::{Rule, Rules};
use crate::text::segment::{self, Segments};
use matching::{ContextHit, Hit};

/// Where a finding comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Source {
    /// A lexicon entry (its index).
    Entry(u32),
    /// The customer's name (a greeting, a handle, a signature).
    Name,
    /// A question about the customer that matched no exploration cue.
    Question,
    /// The customer's own words picked up by the reply.
    Reflection,
    /// A first-person commitment that matched no ownership cue.
    Commitment,
    /// A self-help step that matched no ownership cue.
    Instruction,
    /// An exclaimed sentence with no concern in it: warmth.
    Exclamation,
    /// The customer sent to another company by name ("contact AT&T"): deflection.
    Referral,
    /// A negation in a customer's message: something does not work.
    Problem,
    /// A customer's emphasis: a word in capitals, a scare quote.
    Emphasis,
    /// A customer's praise closing a complaint on its own: sarcasm.
    Sarcasm,
}

/// A cue found in the text, after the rules, in original byte offsets: what becomes
/// [`crate::Evidence`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct Finding {
    pub(crate) kind: Kind,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) source: Source,
    pub(crate) base: f32,
    pub(crate) weight: f32,
    pub(crate) rules: Rules,
}

impl Finding {
    /// Records that `rule` changed the weight by `factor`.
    pub(crate) fn apply(&mut self, rule: Rule, factor: f32) {
        self.rules.insert(rule);
        self.weight *= factor;
    }

    /// A cue no context rule has touched: its weight is its base.
    pub(crate) fn plain(
        kind: Kind,
        (start, end): (usize, usize),
        source: Source,
        base: f32,
    ) -> Self {
        Finding {
            kind,
            start,
            end,
            source,
            base,
            weight: base,
            rules: Rules::EMPTY,
        }
    }
}

/// The per-text scratch space of the analysis: every buffer is reused from one text to the
/// next, so steady-state scoring allocates nothing. One per thread (see
/// [`crate::assess::Caches`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct Cache {
    pub(crate) segments: Segments,
    hits: Vec<Hit>,
    pub(crate) context: Vec<ContextHit>,
    pub(crate) findings: Vec<Finding>,
}

impl Cache {
    /// Lays out `text` and finds its cue and context phrases: how many.
    pub(crate) fn segment_and_match(&mut self, text: &str, matcher: &Matcher) -> usize {
        self.segments.build(text, matcher);
        matcher.find(&self.segments.toks, &mut self.hits, &mut self.context);
        self.hits.len() + self.context.len()
    }

    /// Analyses `text`; the results are in `self.findings` (text order) and `self.segments`.
    pub(crate) fn analyze(&mut self, text: &str, matcher: &Matcher, weights: &Model, side: Side) {
        self.findings.clear();
        self.context.clear();
        self.segment_and_match(text, matcher);
        if self.segments.toks.is_empty() {
            return;
        }
        rules::annotate_sentences(&mut self.segments, &self.context);

        for h in &self.hits {
            let (first, last) = (h.first as usize, h.last as usize);
            let (s, e) = (
                self.segments.toks[first].start as usize,
                self.segments.toks[last].end as usize,
            );
            let entry = matcher.cue(h.entry);
            if entry.opens_clause && !self.segments.toks[first].has(segment::FIRST_IN_CLAUSE) {
                continue;
            }
            let j = rules::judge(
                entry,
                h.negated,
                (first, last),
                &self.segments,
                &self.context,
                weights,
                side,
            );
            self.findings.push(Finding {
                kind: j.kind,
                start: s,
                end: e,
                source: Source::Entry(h.entry),
                base: entry.weight,
                weight: j.weight,
                rules: j.rules,
            });
            if let Some((credit_kind, credit)) = entry.credit
                && j.kind == entry.kind
                && j.weight > 0.0
            {
                self.findings.push(Finding {
                    kind: credit_kind,
                    start: s,
                    end: e,
                    source: Source::Entry(h.entry),
                    base: credit,
                    weight: (credit * j.weight / entry.weight).clamp(0.0, 1.0),
                    rules: j.rules,
                });
            }
        }

        if side == Side::Customer {
            self.greetings_are_not_cues();
            self.problem_reports(weights);
            self.emphasis(text, weights);
            self.sarcastic_closers(matcher, weights);
            self.eye_rolls();
            self.closing_thanks(weights);
        }
        if side == Side::Reply {
            self.instructions(weights);
            self.open_questions_about_the_customer(matcher, weights);
            self.commitments(weights);
            self.weaken_walls_with_alternatives(weights);
            self.exclamations(weights);
            self.referrals_by_name(weights);
            self.greetings_with_names(text, matcher, weights);
        }
    }
}
