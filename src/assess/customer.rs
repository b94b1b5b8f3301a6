//! The customer's side of a reply: emotions in their message, their name, their concrete
//! content — and how well a reply meets them (responsiveness, reflection).

use super::Engine;
use super::saturate::saturate_kinds;
use crate::analyze::{Cache, Finding, Source, derived};
use crate::compile::{Matcher, Side};
use crate::kind::{Dimension, Emotion, Kind};
use crate::lexicon::Lexicon;
use crate::model::CustomerModel;
use crate::report::{CustomerContext, Dimensions, Emotions, Evidence};
use crate::text::segment;
use crate::text::token::{self, TokenKind};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet as HashSet};
use std::cell::RefCell;

/// Lookup tables built once per scorer.
pub(crate) struct Tools {
    stemmer: Stemmer,
    /// Words that are not content: the stopwords and the generic words.
    not_content: HashSet<String>,
    sign_offs: Vec<String>,
}

impl Tools {
    pub(crate) fn new(lexicon: &Lexicon) -> Tools {
        Tools {
            stemmer: Stemmer::create(Algorithm::English),
            not_content: (lexicon.context.stopwords.iter())
                .chain(&lexicon.context.generic_words)
                .cloned()
                .collect(),
            sign_offs: lexicon.context.sign_offs.clone(),
        }
    }

    /// Calls `each(stem, start, end)` for the content words of a text (lower case, no
    /// stopwords or generic words, at least 3 letters), in text order.
    fn content_words(
        &self,
        text: &str,
        ws: &Cache,
        mut each: impl FnMut(&str, (usize, usize), u32),
    ) {
        for t in &ws.segments.toks {
            if t.kind != TokenKind::Word {
                continue;
            }
            let word = token::normalize_word(&text[t.start as usize..t.end as usize]);
            if word.chars().count() < 3
                || !word.chars().all(char::is_alphabetic)
                || self.not_content.contains(word.as_ref())
            {
                continue;
            }
            let span = (t.start as usize, t.end as usize);
            self.with_stem(&word, |stem| each(stem, span, t.sentence));
        }
    }

    /// The stem of a (lower-case) word. Stemming is most of the cost of reading a message,
    /// and support text repeats its words, so stems are kept in a per-thread cache (bounded:
    /// cleared when full).
    fn with_stem<R>(&self, word: &str, f: impl FnOnce(&str) -> R) -> R {
        const CACHE_WORDS: usize = 8192;
        thread_local! {
            static STEMS: RefCell<FxHashMap<Box<str>, Box<str>>> = RefCell::default();
        }
        STEMS.with(|cell| {
            let Ok(mut cache) = cell.try_borrow_mut() else {
                return f(&self.stemmer.stem(word));
            };
            if let Some(stem) = cache.get(word) {
                return f(stem);
            }
            let stem: Box<str> = self.stemmer.stem(word).into();
            let out = f(&stem);
            if cache.len() >= CACHE_WORDS {
                cache.clear();
            }
            cache.insert(word.into(), stem);
            out
        })
    }
}

/// What was read from a customer's message.
#[derive(Debug, Clone, Default)]
pub(crate) struct CustomerReading {
    pub(crate) emotions: Emotions,
    pub(crate) evidence: Vec<Evidence>,
    pub(crate) name: Option<String>,
    pub(crate) stems: HashSet<String>,
    /// The customer's message (to quote it in suggestions).
    pub(crate) text: String,
}

impl CustomerReading {
    /// Whether the message has enough content words for reflection to mean something.
    pub(crate) fn has_content(&self, m: &CustomerModel) -> bool {
        self.stems.len() >= m.content_words
    }

    /// What the caller sees of the reading, with how a reply met it.
    pub(crate) fn context(
        &self,
        m: &CustomerModel,
        responsiveness: f32,
        reflection: f32,
        unmet: Vec<Emotion>,
    ) -> CustomerContext {
        CustomerContext {
            emotions: self.emotions,
            evidence: self.evidence.clone(),
            responsiveness,
            reflection,
            need: self.need(m),
            content_words: self.stems.len(),
            unmet,
            name: self.name.clone(),
        }
    }

    /// How strongly the message calls for an empathetic response, 0–1.
    pub(crate) fn need(&self, m: &CustomerModel) -> f32 {
        let e = &self.emotions;
        e.distress()
            .max(e.urgency * m.urgency_need)
            .max(e.confusion * m.confusion_need)
    }
}

/// Reads a customer's message with the customer-side matcher and the same rules.
pub(crate) fn read(
    engine: &Engine,
    text: &str,
    name: Option<&str>,
    ws: &mut Cache,
) -> CustomerReading {
    let inner = engine;
    let w = &inner.weights;
    ws.analyze(text, &inner.customer, w, Side::Customer);
    let strength = saturate_kinds(w, &ws.findings, &mut Vec::new());
    let mut emotions = Emotions::default();
    for &e in Emotion::ALL {
        emotions.set(e, strength[Kind::Emotion(e).slot()]);
    }
    let listed = ws.findings.len().min(w.evidence_cap);
    let evidence = inner.evidence_list(text, &ws.findings[..listed]);
    let name = name
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .or_else(|| signature_name(text, ws, &inner.customer, &inner.customer_tools));
    let mut stems = HashSet::default();
    inner.customer_tools.content_words(text, ws, |s, _, _| {
        if name.as_ref().is_none_or(|n| !n.eq_ignore_ascii_case(s)) && !stems.contains(s) {
            stems.insert(s.to_string());
        }
    });
    CustomerReading {
        emotions,
        evidence,
        name,
        stems,
        text: text.to_string(),
    }
}

/// A name signed at the end of the message: "… Thanks, Marco" / "Cheers\nAnna".
fn signature_name(text: &str, ws: &Cache, matcher: &Matcher, tools: &Tools) -> Option<String> {
    let toks = &ws.segments.toks;
    let n = toks.len();
    if n < 2 {
        return None;
    }
    let last = toks[n - 1];
    let word = &text[last.start as usize..last.end as usize];
    if last.kind != TokenKind::Word
        || !last.has(segment::CAPITALIZED)
        || last.has(segment::ALL_CAPS)
        || !matcher.is_name_like(word)
    {
        return None;
    }
    let prev = toks[n - 2];
    let prev_word = text[prev.start as usize..prev.end as usize].to_lowercase();
    let signed = tools.sign_offs.contains(&prev_word)
        || (prev.kind == TokenKind::Word && prev_word == "you" && n >= 3);
    signed.then(|| word.to_string())
}

/// Adds the reply's personalization evidence that needs the customer: their name, and the
/// content words it picks up. Returns the reflection, 0–1.
pub(crate) fn personalize(
    engine: &Engine,
    reading: &CustomerReading,
    reply: &str,
    ws: &mut Cache,
) -> f32 {
    let inner = engine;
    let w = &inner.weights;
    let personal = Kind::Dimension(Dimension::Personalization);
    if let Some(name) = &reading.name {
        let hit = ws.segments.toks.iter().find(|t| {
            t.kind == TokenKind::Word
                && reply[t.start as usize..t.end as usize].eq_ignore_ascii_case(name)
        });
        if let Some(t) = hit {
            let already = ws
                .findings
                .iter()
                .any(|f| f.start == t.start as usize && f.kind == personal);
            if !already {
                let span = (t.start as usize, t.end as usize);
                ws.findings.push(derived::name_finding(span, w));
            }
        }
    }
    let mut picked: HashSet<String> = HashSet::default();
    // (span, sentence) of each customer word picked up, first use only.
    let mut fresh: Vec<((usize, usize), u32)> = Vec::new();
    inner
        .customer_tools
        .content_words(reply, ws, |stem, span, sentence| {
            if reading.stems.contains(stem) && !picked.contains(stem) {
                picked.insert(stem.to_string());
                fresh.push((span, sentence));
            }
        });
    // Restating is active listening: a sentence that picks up several of the customer's
    // words says their situation back; one reused topic word ("flight") does not.
    let restating = fresh
        .chunk_by(|a, b| a.1 == b.1)
        .find(|run| run.len() >= w.customer.restate_words)
        .map(|run| run[0].0);
    // (Pushed after the walk over the reply's words, which borrows the workspace.)
    for &((start, end), _) in &fresh {
        let base = w.reflection_weight * 0.5;
        ws.findings.push(Finding::plain(
            personal,
            (start, end),
            Source::Reflection,
            base,
        ));
    }
    let target = reading.stems.len().min(w.customer.reflection_target);
    let reflection = if target == 0 {
        0.0
    } else {
        (picked.len() as f32 / target as f32).min(1.0)
    };
    if let Some(span) = restating {
        let understanding = Kind::Dimension(Dimension::Understanding);
        let weight = (w.reflection_weight * 0.5 * reflection).clamp(0.0, 1.0);
        ws.findings.push(Finding::plain(
            understanding,
            span,
            Source::Reflection,
            weight,
        ));
    }
    ws.findings
        .sort_unstable_by_key(|f| (f.start, f.end, f.kind));
    reflection
}

/// What the reply's tone is, beside its dimensions.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Tone {
    /// The reply apologises (answers distress; answers nothing to a customer who is only thankful).
    pub(crate) apologises: bool,
    /// The reply celebrates (answers joy; is tone-deaf to a distressed customer).
    pub(crate) celebrates: bool,
}

/// How far the reply meets what the customer expressed.
pub(crate) fn respond(
    m: &CustomerModel,
    reading: &CustomerReading,
    dims: &Dimensions,
    reflection: f32,
    tone: Tone,
) -> CustomerContext {
    // Distress is met by recognising it: acknowledgment or understanding.
    let recognition = dims.acknowledgment.max(dims.understanding);
    let mut total = 0.0;
    let mut met_total = 0.0;
    let mut unmet = Vec::new();
    for (emotion, strength) in reading.emotions.iter() {
        if strength < m.present {
            continue;
        }
        let met = match emotion {
            e if e.is_distress() => recognition,
            Emotion::Confusion => dims.understanding.max(dims.exploration).max(dims.ownership),
            Emotion::Urgency => dims.ownership,
            _ => dims.acknowledgment.max(dims.reassurance),
        };
        let mut met = (met / m.met_at).min(1.0);
        let calm = reading.emotions.distress() < m.calm_below;
        if matches!(emotion, Emotion::Gratitude | Emotion::Relief) && calm && tone.apologises {
            met = 0.0;
        }
        if emotion.is_distress() && tone.celebrates && !tone.apologises {
            met = 0.0;
        }
        total += strength;
        met_total += strength * met;
        if met < m.unmet_below {
            unmet.push(emotion);
        }
    }
    let responsiveness = if total > 0.0 { met_total / total } else { 1.0 };
    reading.context(m, responsiveness, reflection, unmet)
}
