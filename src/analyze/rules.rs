//! Context rules (DESIGN §2): negation, contrast, intensifiers and hedges, questions and data
//! requests, quoted text, shouting. Each rule multiplies a cue's weight and is recorded.

use super::matching::ContextHit;
use crate::compile::Side;
use crate::compile::cue::CueEntry;
use crate::kind::Kind;
use crate::lexicon::ContextKind;
use crate::model::Model;
use crate::report::{Rule, Rules};
use crate::text::segment::{self, Segments};

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

/// Applies every rule to a cue spanning tokens `first..=last`; `inner_negation` says the
/// match itself was a negated form of the entry.
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
    let mut kind = entry.kind;
    let mut weight = entry.weight;
    let mut rules = Rules::EMPTY;
    let apply = |rule: Rule, factor: f32, weight: &mut f32, rules: &mut Rules| {
        rules.insert(rule);
        *weight *= factor;
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

    // Negation: a negator within the window, with no contrast word in between.
    let mut negated = inner_negation;
    for c in before.clone() {
        if negated {
            break;
        }
        if first - c.last > weights.negation_window {
            break;
        }
        if c.is(ContextKind::Contrast) {
            break;
        }
        if c.is(ContextKind::Negator) {
            negated = true;
            break;
        }
    }
    if negated {
        match entry.negated {
            Some(other) => {
                kind = other;
                apply(
                    Rule::NegatedToOther,
                    weights.negated_transfer,
                    &mut weight,
                    &mut rules,
                );
            }
            None => apply(Rule::Negated, 0.0, &mut weight, &mut rules),
        }
    }

    // Intensifier right before the cue; hedge shortly before it.
    if before.clone().next().is_some_and(|c| {
        c.last + 1 == first && c.is(ContextKind::Intensifier) && !c.is(ContextKind::Negator)
    }) {
        apply(
            Rule::Intensified,
            weights.intensifier,
            &mut weight,
            &mut rules,
        );
    }
    if before
        .clone()
        .take_while(|c| first - c.last <= 3)
        .any(|c| c.is(ContextKind::Hedge))
    {
        apply(Rule::Hedged, weights.hedge, &mut weight, &mut rules);
    }

    // Contrast in the same sentence: before it is weakened, after it is strengthened.
    let sentence = layout.sentences[head.sentence as usize];
    if sentence.last_contrast.is_some_and(|c| c > last) {
        apply(
            Rule::BeforeContrast,
            weights.before_contrast,
            &mut weight,
            &mut rules,
        );
    }
    if sentence.first_contrast.is_some_and(|c| c < first) {
        apply(
            Rule::AfterContrast,
            weights.after_contrast,
            &mut weight,
            &mut rules,
        );
    }

    // Questions.
    if entry.question {
        if sentence.question {
            rules.insert(Rule::Question);
        } else {
            apply(
                Rule::NotQuestion,
                weights.outside_question,
                &mut weight,
                &mut rules,
            );
        }
        if sentence.data_request {
            apply(
                Rule::DataRequest,
                weights.data_request,
                &mut weight,
                &mut rules,
            );
        }
    }

    if head.has(segment::QUOTED) {
        apply(Rule::Quoted, weights.quoted, &mut weight, &mut rules);
    }

    if side == Side::Customer {
        let caps = toks[first..=last].iter().any(|t| t.has(segment::ALL_CAPS));
        if caps || sentence.exclaims >= 2 {
            apply(Rule::Shouted, weights.shouted, &mut weight, &mut rules);
        }
    }

    Judged {
        kind,
        weight: weight.clamp(0.0, 1.0),
        rules,
    }
}
