//! Per reply: the findings of the analysis become an [`Assessment`] — saturated dimension
//! and concern values, the score and its level, evidence, suggestions — judged against the
//! customer's message when there is one.
//!
//! * [`saturate`]: diminishing returns per kind.
//! * [`customer`]: the customer's emotions, name and content; reflection and responsiveness.
//! * [`suggest`]: coaching suggestions, most important first.

pub(crate) mod customer;
pub(crate) mod saturate;
pub(crate) mod suggest;

use crate::analyze::{Cache, Finding, Source};
use crate::compile::{Matcher, Side};
use crate::kind::{Concern, Dimension, Kind};
use crate::lexicon::messages::Messages;
use crate::lexicon::{ContextKind, Lexicon};
use crate::model::{Model, ReadabilityModel};
use crate::report::{Assessment, Concerns, Dimensions, Evidence, Readability, Span};
use crate::shared_str::SharedStr;
use crate::text::segment::NO_WORD;
use crate::text::token::TokenKind;
use customer::CustomerReading;
use saturate::{KindWeights, saturate_kinds};
use std::borrow::Cow;

/// Everything a scorer compiled: the lexicon, the weights, both matchers and the tables the
/// assessment quotes. Immutable and shared (a [`crate::Scorer`] is an `Arc` of it).
pub(crate) struct Engine {
    /// The built-in lexicon is borrowed, not copied, when it is used as it is.
    pub(crate) lexicon: Cow<'static, Lexicon>,
    pub(crate) weights: Model,
    pub(crate) reply: Matcher,
    pub(crate) customer: Matcher,
    pub(crate) customer_tools: customer::Tools,
    /// Each entry's pattern, quoted as evidence (by entry index; denser than the entries).
    pub(crate) patterns: Vec<SharedStr>,
    /// The lexicon's `[messages]` (labels, the unmet-emotion tip, escalation reasons).
    pub(crate) texts: Messages,
    /// Coaching messages, indexed by `SuggestionCode as usize`.
    pub(crate) messages: Vec<SharedStr>,
}

/// The per-thread scratch space of scoring: an analysis cache for the customer's message,
/// one for the reply, and the saturation buffer.
pub(crate) type Caches = (Cache, Cache, KindWeights);

impl Engine {
    /// Scores one reply (against the customer's message when there is one) into `out`.
    pub(crate) fn assess(
        &self,
        text: &str,
        customer: Option<&CustomerReading>,
        ws: &mut Cache,
        buf: &mut KindWeights,
        out: &mut Assessment,
    ) {
        let w = &self.weights;
        ws.analyze(text, &self.reply, w, Side::Reply);
        let reflection = customer.map(|c| customer::personalize(self, c, text, ws));

        // Dimensions and concerns: a decayed, saturating sum per kind.
        let strength = saturate_kinds(w, &ws.findings, buf);
        let mut dims = Dimensions::default();
        for &d in Dimension::ALL {
            dims.set(d, strength[Kind::Dimension(d).slot()]);
        }
        let mut concerns = Concerns::default();
        for &c in Concern::ALL {
            concerns.set(c, strength[Kind::Concern(c).slot()]);
        }
        // Sending the customer elsewhere is the opposite of taking the case on (the
        // guideline's ownership 0): deflection takes back the ownership the routing words
        // ("so we can help further") seemed to show.
        dims.ownership *= (1.0 - w.deflection_ownership * concerns.deflection).max(0.0);
        let words = ws.segments.words;
        concerns.curtness = curtness(w, words, &dims, customer);

        let mut logit = w.logit(&dims, &concerns);
        let has = |kind| ws.context.iter().any(|c| c.is(kind));
        let tone = customer::Tone {
            apologises: has(ContextKind::Apology),
            celebrates: has(ContextKind::Celebration),
        };
        let context = customer
            .map(|c| customer::respond(&w.customer, c, &dims, reflection.unwrap_or(0.0), tone));
        if let (Some(ctx), Some(c)) = (&context, customer) {
            logit -= w.unmet_emotion * ctx.unmet_weight();
            if c.has_content(&w.customer) {
                logit -= w.off_topic * (1.0 - ctx.reflection);
            }
        }
        let readability = readability(&w.readability, text, ws);
        let score = match readability {
            Readability::Readable => Model::to_score(logit),
            Readability::SaysNothing => Model::to_score(logit).min(w.readability.says_nothing_cap),
            _ => 0.0,
        };

        out.score = score;
        out.readability = readability;
        out.level = w.level(score);
        out.dimensions = dims;
        out.concerns = concerns;
        out.words = words;
        out.evidence.clear();
        // One allocation for a fresh `Assessment`, none for a reused one.
        out.evidence.reserve(ws.findings.len().min(w.evidence_cap));
        out.evidence_truncated = ws.findings.len() > w.evidence_cap;
        for f in ws.findings.iter().take(w.evidence_cap) {
            out.evidence.push(self.evidence(f));
        }
        out.customer = context;
        suggest::suggest(self, out, customer);
        if matches!(
            readability,
            Readability::Unreadable | Readability::OtherLanguage
        ) {
            // Coaching on a text the lexicon cannot read would be noise.
            out.suggestions.clear();
        }
    }

    /// The evidence for one finding: it quotes the entry's pattern, or labels a computed cue.
    pub(crate) fn evidence(&self, f: &Finding) -> Evidence {
        let cue = match f.source {
            Source::Entry(i) => self.patterns[i as usize].clone(),
            Source::Name => self.texts.name_evidence.clone(),
            Source::Question => self.texts.question_evidence.clone(),
            Source::Reflection => self.texts.reflection_evidence.clone(),
            Source::Commitment => self.texts.commitment_evidence.clone(),
            Source::Problem => self.texts.problem_evidence.clone(),
        };
        Evidence {
            kind: f.kind,
            span: Span::new(f.start, f.end),
            cue,
            base_weight: f.base,
            weight: f.weight,
            rules: f.rules,
        }
    }
}

/// Whether the reply can be read: no words, words the lexicon does not know (another language,
/// gibberish), or a word or two with nothing in them. The known-word share is read off the
/// segments the matcher already made; the language detector runs only on the rare text
/// that fails it.
fn readability(m: &ReadabilityModel, text: &str, ws: &Cache) -> Readability {
    let (mut words, mut known) = (0usize, 0usize);
    for t in &ws.segments.toks {
        if t.kind == TokenKind::Word {
            words += 1;
            known += usize::from(t.word != NO_WORD);
        }
    }
    if words == 0 {
        return Readability::Empty;
    }
    if words >= m.min_words && (known as f32) < m.min_known * words as f32 {
        let foreign = whatlang::detect(text).is_some_and(|info| {
            info.lang() != whatlang::Lang::Eng
                && info.confidence() >= f64::from(m.language_confidence)
        });
        return if foreign {
            Readability::OtherLanguage
        } else {
            Readability::Unreadable
        };
    }
    if ws.findings.is_empty() && words <= m.says_nothing_words {
        return Readability::SaysNothing;
    }
    Readability::Readable
}

/// A bare minimal reply with no warmth is curt — more so when the customer is upset.
fn curtness(w: &Model, words: usize, d: &Dimensions, customer: Option<&CustomerReading>) -> f32 {
    if w.curt_words <= 0.0 {
        return 0.0;
    }
    let short = (1.0 - words as f32 / w.curt_words).clamp(0.0, 1.0);
    let warmth = d
        .acknowledgment
        .max(d.understanding)
        .max(d.reassurance)
        .max(d.ownership)
        .max(d.exploration);
    let m = &w.customer;
    let need = customer.map_or(m.curt_need_alone, |c| {
        m.curt_need_floor + (1.0 - m.curt_need_floor) * c.need(m)
    });
    (short * (1.0 - warmth) * need).clamp(0.0, 1.0)
}
