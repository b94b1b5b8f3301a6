//! Context rules (DESIGN §2): negation, contrast, intensifiers and hedges, questions and data
//! requests, quoted text, shouting. Each rule multiplies a cue's weight and is recorded.

use super::matching::ContextHit;
use crate::compile::Side;
use crate::compile::cue::CueEntry;
use crate::kind::Kind;
use crate::lexicon::ContextKind;
use crate::model::Model;
use crate::report::{Rule, Rules};
use crate::text::segment::{self, Segments, Sentence};
use crate::text::token::TokenKind;

/// How far back (in tokens) any rule looks for a context word.
const MAX_LOOKBACK: usize = 16;

/// Marks, per sentence, what its context words say: where contrast words are, whether it is
/// a question (a question word opening a clause) and whether it asks for data.
pub(crate) fn annotate_sentences(layout: &mut Segments, context: &[ContextHit]) {
    for c in context {
        let tok = layout.toks[c.first];
        let s = &mut layout.sentences[tok.sentence as usize];
        if c.is(ContextKind::Contrast) {
            s.first_contrast = Some(s.first_contrast.map_or(c.first, |f| f.min(c.first)));
            s.last_contrast = Some(s.last_contrast.map_or(c.first, |l| l.max(c.first)));
        }
        if c.is(ContextKind::QuestionStarter) && tok.has(segment::FIRST_IN_CLAUSE) {
            s.question = true;
        }
        if c.is(ContextKind::DataRequest) {
            s.data_request = true;
        }
    }
}

/// A cue after the rules.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Judged {
    pub(crate) kind: Kind,
    pub(crate) weight: f32,
    pub(crate) rules: Rules,
}

impl Judged {
    /// Records `rule` and scales the weight by `factor`.
    fn apply(&mut self, rule: Rule, factor: f32) {
        self.rules.insert(rule);
        self.weight *= factor;
    }
}

/// Applies every rule to a cue spanning tokens `first..=last`; `inner_negation` says the
/// match itself was a negated form of the entry. Each rule is a step; the factors multiply
/// in this order.
pub(crate) fn judge(
    entry: &CueEntry,
    inner_negation: bool,
    (first, last): (usize, usize),
    layout: &Segments,
    context: &[ContextHit],
    weights: &Model,
    side: Side,
) -> Judged {
    let toks = &layout.toks;
    let head = toks[first];
    let mut j = Judged {
        kind: entry.kind,
        weight: entry.weight,
        rules: Rules::EMPTY,
    };
    // Context words before the cue, nearest first, within its clause and a short window
    // (bounded, so a huge text with many cues stays linear).
    let upto = context.partition_point(|c| c.first < first);
    let before = context[..upto]
        .iter()
        .rev()
        .filter(|c| c.last < first)
        .take_while(|c| first - c.last <= MAX_LOOKBACK)
        .filter(|c| toks[c.last].clause == head.clause);
    let sentence = layout.sentences[head.sentence as usize];

    // An emoji comments on its clause rather than saying something the words before it can
    // negate or intensify: "no refund 😡" is angry, not "not angry".
    if head.kind != TokenKind::Emoji {
        negation(
            &mut j,
            entry,
            inner_negation,
            before.clone(),
            first,
            weights,
        );
        intensity(&mut j, before, first, weights);
    }
    contrast(&mut j, &sentence, (first, last), weights);
    if entry.question {
        question(&mut j, &sentence, weights);
    }
    if head.has(segment::QUOTED) {
        j.apply(Rule::Quoted, weights.quoted);
    }
    if side == Side::Customer {
        let caps = toks[first..=last].iter().any(|t| t.has(segment::ALL_CAPS));
        if caps || sentence.exclaims >= 2 {
            j.apply(Rule::Shouted, weights.shouted);
        }
    }
    j.weight = j.weight.clamp(0.0, 1.0);
    j
}

/// A negator within the window before the cue (no contrast word in between), or a negated
/// match: the cue is cancelled, or turns into its `negated` kind.
fn negation<'a>(
    j: &mut Judged,
    entry: &CueEntry,
    inner_negation: bool,
    mut before: impl Iterator<Item = &'a ContextHit>,
    first: usize,
    weights: &Model,
) {
    let negated = inner_negation
        || before
            .find(|c| {
                first - c.last > weights.negation_window
                    || c.is(ContextKind::Contrast)
                    || c.is(ContextKind::Negator)
            })
            .is_some_and(|c| {
                first - c.last <= weights.negation_window
                    && !c.is(ContextKind::Contrast)
                    && c.is(ContextKind::Negator)
            });
    if negated {
        match entry.negated {
            Some(other) => {
                j.kind = other;
                j.apply(Rule::NegatedToOther, weights.negated_transfer);
            }
            None => j.apply(Rule::Negated, 0.0),
        }
    }
}

/// An intensifier right before the cue strengthens it; a hedge shortly before weakens it.
fn intensity<'a>(
    j: &mut Judged,
    before: impl Iterator<Item = &'a ContextHit> + Clone,
    first: usize,
    weights: &Model,
) {
    if before.clone().next().is_some_and(|c| {
        c.last + 1 == first && c.is(ContextKind::Intensifier) && !c.is(ContextKind::Negator)
    }) {
        j.apply(Rule::Intensified, weights.intensifier);
    }
    if before
        .take_while(|c| first - c.last <= 3)
        .any(|c| c.is(ContextKind::Hedge))
    {
        j.apply(Rule::Hedged, weights.hedge);
    }
}

/// A contrast word in the same sentence: before it the cue is weakened, after it strengthened.
fn contrast(j: &mut Judged, sentence: &Sentence, (first, last): (usize, usize), weights: &Model) {
    if sentence.last_contrast.is_some_and(|c| c > last) {
        j.apply(Rule::BeforeContrast, weights.before_contrast);
    }
    if sentence.first_contrast.is_some_and(|c| c < first) {
        j.apply(Rule::AfterContrast, weights.after_contrast);
    }
}

/// A question-only cue counts in a question, less outside one, and less in a data request.
fn question(j: &mut Judged, sentence: &Sentence, weights: &Model) {
    if sentence.question {
        j.rules.insert(Rule::Question);
    } else {
        j.apply(Rule::NotQuestion, weights.outside_question);
    }
    if sentence.data_request {
        j.apply(Rule::DataRequest, weights.data_request);
    }
}
