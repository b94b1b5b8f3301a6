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
use crate::report::{
    Assessment, Concerns, Dimensions, Evidence, EvidenceSource, Readability, Rule, Span,
};
use crate::shared_str::SharedStr;
use crate::text::segment::{NO_WORD, Segments, prefix_within};
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
    /// The lexicon's `[messages]` (the unmet-emotion tip, escalation reasons).
    pub(crate) texts: Messages,
    /// Coaching messages, indexed by `SuggestionCode as usize`.
    pub(crate) messages: Vec<SharedStr>,
    /// The language detector for unreadable replies, limited to `[model.readability]
    /// languages` (built once: the allowlist is what keeps a detection cheap).
    pub(crate) languages: whatlang::Detector,
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

        // Cues that count only toward an upset customer, scaled by how upset they are.
        let need = customer.map_or(w.customer.curt_need_alone, |c| c.need(&w.customer));
        if need < 1.0 {
            for f in &mut ws.findings {
                if let Source::Entry(i) = f.source
                    && self.reply.cues[i as usize].upset
                {
                    f.apply(Rule::CalmCustomer, need);
                }
            }
        }

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
        // A reply that says more takes the case on more, and has more room to show it grasped
        // it (raters rate a bare one-liner's ownership and understanding below a full
        // answer's, whatever its cues): its length adds a little to each, as a chance,
        // computed like curtness rather than matched.
        let cued_understanding = dims.understanding;
        let words = ws.segments.words;
        let add = |value: f32, chance: f32| 1.0 - (1.0 - value) * (1.0 - chance);
        dims.ownership = add(dims.ownership, w.length_ownership.at(words));
        dims.understanding = add(dims.understanding, w.length_understanding.at(words));
        // Sending the customer elsewhere is the opposite of taking the case on (the
        // guideline's ownership 0): deflection takes back the ownership the routing words
        // ("so we can help further") seemed to show.
        dims.ownership *= (1.0 - w.deflection_ownership * concerns.deflection).max(0.0);
        concerns.curtness = curtness(w, &ws.segments, &dims, customer);

        let mut logit = w.logit(&dims, &concerns);
        let has = |kind| ws.context.iter().any(|c| c.is(kind));
        let tone = customer::Tone {
            apologises: has(ContextKind::Apology),
            celebrates: has(ContextKind::Celebration),
        };
        // Recognising what the customer feels takes words that do it: length is no recognition.
        let heard = Dimensions {
            understanding: cued_understanding,
            ..dims
        };
        let context = customer
            .map(|c| customer::respond(&w.customer, c, &heard, reflection.unwrap_or(0.0), tone));
        if let (Some(ctx), Some(c)) = (&context, customer) {
            logit -= w.unmet_emotion * ctx.unmet_weight();
            if c.has_content(&w.customer) {
                logit -= w.off_topic * (1.0 - ctx.reflection);
            }
        }
        let readability = readability(&w.readability, &self.languages, text, ws);
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
        out.evidence_truncated = ws.findings.len() > w.evidence_cap;
        let findings = &ws.findings[..ws.findings.len().min(w.evidence_cap)];
        self.evidence_into(text, findings, &mut out.evidence);
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

    /// Where a finding comes from, and the pattern it quotes (`None` for computed evidence).
    fn source(&self, f: &Finding) -> (EvidenceSource, Option<SharedStr>) {
        match f.source {
            Source::Entry(i) => {
                let learned = self.lexicon.entries[i as usize].learned;
                let source = if learned {
                    EvidenceSource::Learned
                } else {
                    EvidenceSource::Cue
                };
                (source, Some(self.patterns[i as usize].clone()))
            }
            Source::Name => (EvidenceSource::CustomerName, None),
            Source::Question => (EvidenceSource::Question, None),
            Source::Reflection => (EvidenceSource::Reflection, None),
            Source::Commitment => (EvidenceSource::Commitment, None),
            Source::Instruction => (EvidenceSource::Instruction, None),
            Source::Exclamation => (EvidenceSource::Exclamation, None),
            Source::Referral => (EvidenceSource::Referral, None),
            Source::Problem => (EvidenceSource::ProblemReport, None),
            Source::Emphasis => (EvidenceSource::Emphasis, None),
            Source::Sarcasm => (EvidenceSource::Sarcasm, None),
        }
    }

    /// The evidence for one finding in `text`, its matched text written into `buf` (cleared
    /// first): it quotes the entry's pattern, or says which computed cue it is. (`overlaps`
    /// is set for the whole list by [`Evidence::mark_overlaps`].)
    fn evidence(&self, text: &str, f: &Finding, mut buf: String) -> Evidence {
        let (source, cue) = self.source(f);
        buf.clear();
        buf.push_str(&text[f.start..f.end]);
        Evidence {
            kind: f.kind,
            span: Span::new(f.start, f.end),
            text: buf,
            source,
            cue,
            base_weight: f.base,
            weight: f.weight,
            rules: f.rules,
            overlaps: false,
        }
    }

    /// The evidence for `findings` (in text order, spans into `text`), written over `out`.
    ///
    /// Allocation-free once `out` has held as many items with texts as long: the items
    /// already there are overwritten in place, their `text` buffers kept; the buffers of the
    /// items a shorter list leaves over are parked, per thread, for the next longer list to
    /// take back (last in, first out, so each buffer returns to the position it grew at).
    pub(crate) fn evidence_into(&self, text: &str, findings: &[Finding], out: &mut Vec<Evidence>) {
        let n = findings.len();
        if out.len() > n {
            SPARE_TEXTS.with_borrow_mut(|spare| {
                for e in out.drain(n..).rev() {
                    if spare.len() < SPARE_TEXTS_MAX {
                        spare.push(e.text);
                    }
                }
            });
        }
        for (e, f) in out.iter_mut().zip(findings) {
            let buf = std::mem::take(&mut e.text);
            *e = self.evidence(text, f, buf);
        }
        if out.len() < n {
            // One allocation for a fresh list, none for a reused one.
            out.reserve(n - out.len());
            SPARE_TEXTS.with_borrow_mut(|spare| {
                for f in &findings[out.len()..] {
                    let len = f.end - f.start;
                    let buf = spare
                        .pop()
                        .unwrap_or_else(|| String::with_capacity(len.max(EVIDENCE_TEXT_MIN)));
                    out.push(self.evidence(text, f, buf));
                }
            });
        }
        Evidence::mark_overlaps(out);
    }

    /// The evidence for `findings` in `text`, as a new list (the customer's side).
    pub(crate) fn evidence_list(&self, text: &str, findings: &[Finding]) -> Vec<Evidence> {
        let mut list: Vec<Evidence> = findings
            .iter()
            .map(|f| self.evidence(text, f, String::new()))
            .collect();
        Evidence::mark_overlaps(&mut list);
        list
    }
}

/// The least capacity of a new evidence text: most cues are a few words, so a reused buffer
/// rarely has to grow.
const EVIDENCE_TEXT_MIN: usize = 32;

/// At most this many evidence text buffers are parked per thread.
const SPARE_TEXTS_MAX: usize = 1024;

thread_local! {
    /// Text buffers of evidence items a shorter list left over (see [`Engine::evidence_into`]).
    static SPARE_TEXTS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The language detector for `[model.readability] languages` (validated by the model).
pub(crate) fn language_detector(m: &ReadabilityModel) -> whatlang::Detector {
    let langs = m
        .languages
        .iter()
        .filter_map(|c| whatlang::Lang::from_code(c.as_str()))
        .collect();
    whatlang::Detector::with_allowlist(langs)
}

/// Whether the reply can be read: no words, words the lexicon does not know (another language,
/// gibberish), or a word or two with nothing in them. The known-word share is read off the
/// segments the matcher already made; the language detector runs only on the rare text
/// that fails it.
fn readability(
    m: &ReadabilityModel,
    languages: &whatlang::Detector,
    text: &str,
    ws: &Cache,
) -> Readability {
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
        // A script other than Latin is another language whichever of its languages it is;
        // among Latin-script languages the detector must be confident.
        let sample = prefix_within(text, m.language_sample);
        let foreign = languages.detect(sample).is_some_and(|info| {
            info.lang() != whatlang::Lang::Eng
                && (info.script() != whatlang::Script::Latin
                    || info.confidence() >= f64::from(m.language_confidence))
        });
        return if foreign {
            Readability::OtherLanguage
        } else {
            Readability::Unreadable
        };
    }
    // An exclamation alone ("Noted!") is tone, not content.
    let content = ws.findings.iter().any(|f| f.source != Source::Exclamation);
    if !content && words <= m.says_nothing_words {
        return Readability::SaysNothing;
    }
    Readability::Readable
}

/// A short reply with no warmth is curt — more so when the customer is upset, and when all
/// it does is point to a link.
fn curtness(w: &Model, seg: &Segments, d: &Dimensions, customer: Option<&CustomerReading>) -> f32 {
    if w.curt_words <= 0.0 {
        return 0.0;
    }
    let short = (1.0 - seg.words as f32 / w.curt_words).clamp(0.0, 1.0);
    // The warm dimensions soften it, ownership less: "DM us your order number" takes the
    // case on and is still curt (raters of real replies say so). They add up: a short
    // apology that also says the trouble back is warmer than either alone.
    let exclaims = seg.sentences.iter().any(|s| s.exclaims > 0);
    let warmth = d.acknowledgment
        + d.understanding
        + d.reassurance
        + w.curt_ownership * d.ownership
        + if exclaims { w.curt_exclaim } else { 0.0 };
    let cold = if w.curt_warm > 0.0 {
        (1.0 - warmth / w.curt_warm).clamp(0.0, 1.0)
    } else {
        1.0
    };
    let m = &w.customer;
    let links = seg.links > 0;
    let floor = if links {
        m.curt_need_link
    } else {
        m.curt_need_floor
    };
    let need = customer.map_or(m.curt_need_alone, |c| floor + (1.0 - floor) * c.need(m));
    let pointer = if links { 1.0 + w.curt_link } else { 1.0 };
    (short * cold * need * pointer).clamp(0.0, 1.0)
}
