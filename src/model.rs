//! The scoring model: how cue weights combine into dimension values and an overall score.
//! Every number lives in the lexicon's `[model]` section, not in code.

use crate::error::{Error, WeightsError};
use crate::report::{Concerns, Dimensions, Level};
use serde::{Deserialize, Serialize};

/// Score band thresholds (0–100).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Levels {
    /// Scores at or above this are at least `moderate`.
    pub moderate: f32,
    /// Scores at or above this are `high`.
    pub high: f32,
}

/// How much of a dimension a reply's length alone gives: nothing up to `from` words, rising in
/// proportion to `most` at `full` words and staying there. It is added to what the cues give
/// as a chance, and computed, like curtness, so no evidence item names it.
///
/// ```
/// let chance = empathy::LengthChance { most: 0.05, from: 30.0, full: 80.0 };
/// assert_eq!(chance.at(12), 0.0);
/// assert!((chance.at(55) - 0.025).abs() < 1e-6);
/// assert_eq!(chance.at(200), 0.05);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LengthChance {
    /// The most it gives (0–1).
    pub most: f32,
    /// The word count below which it gives nothing.
    pub from: f32,
    /// The word count at which it gives all of `most` (above `from`).
    pub full: f32,
}

impl LengthChance {
    /// What a reply of `words` words gets. (A model is refused unless `from < full`; a value
    /// built by hand without that steps from nothing to `most` at `full`.)
    #[must_use]
    pub fn at(&self, words: usize) -> f32 {
        let words = words as f32;
        if self.full <= self.from {
            return if words >= self.full { self.most } else { 0.0 };
        }
        let past = (words - self.from) / (self.full - self.from);
        self.most * past.clamp(0.0, 1.0)
    }
}

/// All the numbers of the scoring model. The built-in values come from the `[model]` section
/// of `data/lexicon/en.toml`; a user lexicon's `[model]` changes the keys it lists (the rest
/// keep the values of the model it is laid on), and [`crate::ScorerBuilder::model`] replaces
/// them all.
///
/// ```
/// let mut w = empathy::Scorer::default().weights().clone();
/// w.concern_weights.blame *= 2.0;
/// let strict = empathy::Scorer::builder().weights(w).build().unwrap();
/// assert!(strict.score("You should have read the manual.").score < 50.0);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Model {
    /// Dimension value = 1 − exp(−saturation × Σ weights): diminishing returns.
    pub saturation: f32,
    /// The k-th strongest cue of one kind counts `repeat_decay^k` of its weight.
    pub repeat_decay: f32,
    /// How many words before a cue a negator may stand (within the clause).
    pub negation_window: usize,
    /// Factor for a cue after an intensifier.
    pub intensifier: f32,
    /// Factor for a cue after a hedge.
    pub hedge: f32,
    /// Factor for a cue before a contrast word in the same sentence.
    pub before_contrast: f32,
    /// Factor for a cue after a contrast word in the same sentence.
    pub after_contrast: f32,
    /// Factor for a question-only cue outside a question.
    pub outside_question: f32,
    /// Factor for an exploration cue in a bare data request.
    pub data_request: f32,
    /// Factor for a policy-wall cue when the reply offers an alternative.
    pub alternative_offered: f32,
    /// Factor for a customer-emotion cue in capitals or with repeated "!".
    pub shouted: f32,
    /// Factor applied when negation turns a cue into another kind.
    pub negated_transfer: f32,
    /// Factor for a cue inside quoted text.
    pub quoted: f32,
    /// Weight of a greeting that uses the customer's name.
    pub name_weight: f32,
    /// Weight of reflection (content picked up from the customer) towards personalization.
    pub reflection_weight: f32,
    /// Weight of a question about the customer that matched no exploration cue.
    pub open_question: f32,
    /// Factor for such a question that does not address the customer ("What happened?").
    pub impersonal_question: f32,
    /// Weight of a first-person commitment ("I've emailed you…") that matched no cue.
    pub commitment: f32,
    /// Weight of a self-help step ("Try clearing the cache", "then restart the app") that
    /// matched no ownership cue: the guideline's "correct self-help instruction".
    pub instruction: f32,
    /// Weight of an exclaimed sentence in a reply ("Hi there!", "Thanks so much!") that
    /// carries no concern, as reassurance: raters of real replies read the exclamation as
    /// warmth. Each such sentence counts (the sum saturates).
    pub exclamation: f32,
    /// Weight of a referral to another company by its name ("you'll need to contact AT&T")
    /// that no deflection cue read, as deflection.
    pub referral: f32,
    /// The ownership a reply's length alone gives: a reply that says more takes the case on
    /// more. Its `most` is kept under `coaching.absent`, so length alone never silences the
    /// "take ownership" tip.
    pub length_ownership: LengthChance,
    /// The understanding a reply's length alone gives: a support reply long enough to go into
    /// the case has room to show it grasped it (raters of real replies rate a short answer's
    /// understanding below a full one's; word count alone separates their understanding
    /// better than any cue). It starts later than ownership's, since a short listening turn
    /// ("so the refund never came and you've been waiting since May") can be all
    /// understanding. It never counts as recognising what the customer feels, and its `most`
    /// is kept under `coaching.absent`.
    pub length_understanding: LengthChance,
    /// Weight of a negation in a customer's message (something does not work) as frustration.
    pub problem_report: f32,
    /// Weight of a customer's emphasis as anger: a word in capitals in a message otherwise in
    /// lower case ("I've sent FOUR emails"), or one to three words in quotation marks, the
    /// company's own word thrown back ("your \"unlimited\" plan"). Once per message each.
    pub emphasis: f32,
    /// Factor for a thank-you that closes a customer's message after a question ("Could you
    /// send the form? Thanks, Priya"): courtesy more than gratitude.
    pub closing_thanks: f32,
    /// Weight of a customer's sarcastic closer as anger: praise that closes a message
    /// reporting trouble on its own ("… lost my bag on a direct flight. impressive"). The
    /// praise itself then counts as no gratitude.
    pub sarcasm: f32,
    /// How much deflection takes back ownership (ownership × (1 − this × deflection)).
    pub deflection_ownership: f32,
    /// Replies shorter than this many words can be curt.
    pub curt_words: f32,
    /// Warmth (acknowledgment, understanding and reassurance added up) at which a short
    /// reply is no longer curt; below it, curtness falls off linearly.
    pub curt_warm: f32,
    /// How much ownership counts towards that warmth (a reply that takes the case on is
    /// less bare, though raters still call a short one curt).
    pub curt_ownership: f32,
    /// Warmth an exclamation mark adds ("Hi there! Happy to help!"): in written support the
    /// friendly tone is carried as much by punctuation as by words.
    pub curt_exclaim: f32,
    /// How much more curt a short cold reply is when it points to a link (a bare link is
    /// the guideline's example of a cold reply): curtness × (1 + this).
    pub curt_link: f32,
    /// At most this many evidence items are listed per text.
    pub evidence_cap: usize,
    /// Intercept of the overall score (logit scale).
    pub bias: f32,
    /// How much each dimension raises the score (logit scale).
    pub dimension_weights: Dimensions,
    /// How much each concern lowers the score (logit scale).
    pub concern_weights: Concerns,
    /// How much an unmet customer emotion lowers the score (logit scale, × its strength).
    pub unmet_emotion: f32,
    /// How much a reply that picks up none of the customer's content lowers the score
    /// (logit scale, × (1 − reflection)); applies when the customer message has content.
    pub off_topic: f32,
    /// Score bands.
    pub levels: Levels,
    /// Reading the customer and judging whether a reply meets them (`[model.customer]`).
    pub customer: CustomerModel,
    /// When a reply counts as unreadable or saying nothing (`[model.readability]`).
    pub readability: ReadabilityModel,
    /// When coaching suggestions are given (`[model.coaching]`).
    pub coaching: Coaching,
    /// When a conversation calls for a human (`[model.conversation]`).
    pub conversation: ConversationModel,
}

/// The old name of [`Model`].
#[deprecated(since = "0.2.0", note = "renamed to `Model`")]
pub type Weights = Model;

/// How the customer's message is read and how a reply is judged against it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct CustomerModel {
    /// An emotion at or above this strength is present (and must be met).
    pub present: f32,
    /// A dimension value at or above this fully meets an emotion.
    pub met_at: f32,
    /// An emotion met less than this (0–1) is listed as unmet.
    pub unmet_below: f32,
    /// A customer whose distress is below this is calm (an apology to their thanks misses).
    pub calm_below: f32,
    /// How much urgency counts towards the need for empathy (× its strength).
    pub urgency_need: f32,
    /// How much confusion counts towards the need for empathy (× its strength).
    pub confusion_need: f32,
    /// Full reflection: this many of the customer's distinct content words picked up.
    pub reflection_target: usize,
    /// Below this many content words the customer's message has no content to reflect.
    pub content_words: usize,
    /// A reply sentence that picks up this many of the customer's content words restates
    /// their situation (understanding).
    pub restate_words: usize,
    /// Curtness scales with `floor + (1 − floor) × need` of the customer.
    pub curt_need_floor: f32,
    /// The floor when the reply points to a link: a bare link is curt even to a calm
    /// customer (raters of real replies say so), a short plain answer is not.
    pub curt_need_link: f32,
    /// The need assumed when there is no customer message (for curtness, and for cues that
    /// count only toward an upset customer).
    pub curt_need_alone: f32,
}

/// When a reply cannot be read, or says nothing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReadabilityModel {
    /// A reply of at least `min_words` words of which fewer than this share are words the
    /// lexicon knows is unreadable (or in another language).
    pub min_known: f32,
    /// Fewer words than this are never judged unreadable (too little to tell).
    pub min_words: usize,
    /// A reply of at most this many words with no cue at all says nothing.
    pub says_nothing_words: usize,
    /// The highest score a reply that says nothing gets.
    pub says_nothing_cap: f32,
    /// A language detector's confidence (0–1) above which an unreadable reply in Latin
    /// script is taken to be in another language (a reply in another script is, whatever
    /// the confidence).
    pub language_confidence: f32,
    /// The detector reads at most this many bytes from the start of an unreadable reply:
    /// a few hundred tell a language apart as well as the whole text does, and the bound
    /// keeps a long foreign ticket from costing more than a short one.
    pub language_sample: usize,
    /// The languages (ISO 639-3 codes, e.g. `"spa"`) an unreadable reply is told apart
    /// from; English must be one of them. The detector compares a text with every listed
    /// language of its script, so the list is the languages support text arrives in, not
    /// all it knows: an unlisted one is still flagged, as unreadable or as the nearest
    /// listed language.
    pub languages: Vec<String>,
}

/// When coaching suggestions are given.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Coaching {
    /// At most this many suggestions: a coach names the few things that matter most.
    pub max_suggestions: usize,
    /// A dimension or concern at or above this is present.
    pub present: f32,
    /// A dimension below this is missing altogether.
    pub absent: f32,
    /// A customer whose need is at or above this is upset.
    pub upset_need: f32,
    /// Curtness at or above this asks for more words.
    pub curt: f32,
    /// Reflection below this asks for the customer's details.
    pub reflect_below: f32,
}

/// When a conversation calls for a human, and how the customer's mood is read.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ConversationModel {
    /// Distress at or above this is high.
    pub high_distress: f32,
    /// Distress at or above this makes a reply's shortfall count as unmet.
    pub unmet_distress: f32,
    /// Distress, rising over three customer turns, that calls for a human.
    pub rising_distress: f32,
    /// Distress at which two unmet replies in a row call for a human.
    pub repeated_distress: f32,
    /// Distress (at any point) at which two very poor replies call for a human.
    pub upset_distress: f32,
    /// A reply scoring below this does not meet a distressed customer.
    pub poor_reply: f32,
    /// A reply below this responsiveness does not meet a distressed customer.
    pub poor_responsiveness: f32,
    /// Two replies in a row below this score are very poor.
    pub very_poor_reply: f32,
    /// A mood change of at least this much counts as improvement or worsening.
    pub mood_change: f32,
    /// How much urgency lowers the mood (× its strength).
    pub mood_urgency: f32,
    /// How much confusion lowers the mood (× its strength).
    pub mood_confusion: f32,
}

impl Model {
    /// Checks that every number is finite and in its range.
    pub fn validate(&self) -> Result<(), Error> {
        let bad = |name: &str, v: f32, range: &'static str| {
            Err(Error::Weights(WeightsError::OutOfRange {
                name: name.to_string(),
                value: f64::from(v),
                range,
            }))
        };
        let factors = [
            ("saturation", self.saturation),
            ("repeat_decay", self.repeat_decay),
            ("intensifier", self.intensifier),
            ("hedge", self.hedge),
            ("before_contrast", self.before_contrast),
            ("after_contrast", self.after_contrast),
            ("outside_question", self.outside_question),
            ("data_request", self.data_request),
            ("alternative_offered", self.alternative_offered),
            ("shouted", self.shouted),
            ("negated_transfer", self.negated_transfer),
            ("quoted", self.quoted),
            ("name_weight", self.name_weight),
            ("reflection_weight", self.reflection_weight),
            ("open_question", self.open_question),
            ("impersonal_question", self.impersonal_question),
            ("commitment", self.commitment),
            ("instruction", self.instruction),
            ("exclamation", self.exclamation),
            ("referral", self.referral),
            ("deflection_ownership", self.deflection_ownership),
            ("problem_report", self.problem_report),
            ("emphasis", self.emphasis),
            ("closing_thanks", self.closing_thanks),
            ("sarcasm", self.sarcasm),
            ("curt_warm", self.curt_warm),
            ("curt_ownership", self.curt_ownership),
            ("curt_exclaim", self.curt_exclaim),
            ("curt_link", self.curt_link),
        ];
        for (name, v) in factors {
            if !(v.is_finite() && (0.0..=4.0).contains(&v)) {
                return bad(name, v, "[0, 4]");
            }
        }
        if self.repeat_decay > 1.0 {
            return bad("repeat_decay", self.repeat_decay, "[0, 1]");
        }
        if !(self.curt_words.is_finite() && (0.0..=1000.0).contains(&self.curt_words)) {
            return bad("curt_words", self.curt_words, "[0, 1000]");
        }
        for (name, l) in [
            ("length_ownership", self.length_ownership),
            ("length_understanding", self.length_understanding),
        ] {
            if !(l.most.is_finite() && (0.0..=1.0).contains(&l.most)) {
                return bad(&format!("{name}.most"), l.most, "[0, 1]");
            }
            if !(l.from.is_finite() && (0.0..1000.0).contains(&l.from)) {
                return bad(&format!("{name}.from"), l.from, "[0, 1000)");
            }
            if !(l.full.is_finite() && l.from < l.full && l.full <= 1000.0) {
                return bad(&format!("{name}.full"), l.full, "(from, 1000]");
            }
        }
        let logits = std::iter::once(("bias", self.bias))
            .chain(std::iter::once(("unmet_emotion", self.unmet_emotion)))
            .chain(std::iter::once(("off_topic", self.off_topic)))
            .chain(self.dimension_weights.iter().map(|(d, v)| (d.key(), v)))
            .chain(self.concern_weights.iter().map(|(c, v)| (c.key(), v)));
        for (name, v) in logits {
            if !(v.is_finite() && (-20.0..=20.0).contains(&v)) {
                return bad(name, v, "[-20, 20]");
            }
        }
        let l = self.levels;
        if !(l.moderate.is_finite()
            && l.high.is_finite()
            && 0.0 <= l.moderate
            && l.moderate <= l.high
            && l.high <= 100.0)
        {
            return Err(Error::Weights(WeightsError::Levels {
                moderate: l.moderate,
                high: l.high,
            }));
        }
        if self.negation_window > 16 {
            return bad("negation_window", self.negation_window as f32, "[0, 16]");
        }
        if self.evidence_cap == 0 || self.evidence_cap > 100_000 {
            return bad("evidence_cap", self.evidence_cap as f32, "[1, 100000]");
        }
        let r = &self.readability;
        for (name, value) in [
            ("readability.min_known", r.min_known),
            ("readability.language_confidence", r.language_confidence),
        ] {
            if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                return bad(name, value, "[0, 1]");
            }
        }
        if !(r.says_nothing_cap.is_finite() && (0.0..=100.0).contains(&r.says_nothing_cap)) {
            return bad(
                "readability.says_nothing_cap",
                r.says_nothing_cap,
                "[0, 100]",
            );
        }
        if let Some(code) = r
            .languages
            .iter()
            .find(|c| whatlang::Lang::from_code(c.as_str()).is_none())
        {
            return Err(Error::Weights(WeightsError::Languages(format!(
                "{code:?} is not an ISO 639-3 code the language detector knows"
            ))));
        }
        if !r.languages.iter().any(|c| c == "eng") {
            return Err(Error::Weights(WeightsError::Languages(
                "the list must include \"eng\"".into(),
            )));
        }
        for (name, value) in [
            ("readability.min_words", r.min_words),
            ("readability.says_nothing_words", r.says_nothing_words),
        ] {
            if value > 1000 {
                return bad(name, value as f32, "[0, 1000]");
            }
        }
        if !(16..=1 << 20).contains(&r.language_sample) {
            return bad(
                "readability.language_sample",
                r.language_sample as f32,
                "[16, 1048576]",
            );
        }
        let (c, k, v) = (&self.customer, &self.coaching, &self.conversation);
        let unit = [
            ("customer.present", c.present),
            ("customer.met_at", c.met_at),
            ("customer.unmet_below", c.unmet_below),
            ("customer.calm_below", c.calm_below),
            ("customer.urgency_need", c.urgency_need),
            ("customer.confusion_need", c.confusion_need),
            ("customer.curt_need_floor", c.curt_need_floor),
            ("customer.curt_need_link", c.curt_need_link),
            ("customer.curt_need_alone", c.curt_need_alone),
            ("coaching.present", k.present),
            ("coaching.absent", k.absent),
            ("coaching.upset_need", k.upset_need),
            ("coaching.curt", k.curt),
            ("coaching.reflect_below", k.reflect_below),
            ("conversation.high_distress", v.high_distress),
            ("conversation.unmet_distress", v.unmet_distress),
            ("conversation.rising_distress", v.rising_distress),
            ("conversation.repeated_distress", v.repeated_distress),
            ("conversation.upset_distress", v.upset_distress),
            ("conversation.poor_responsiveness", v.poor_responsiveness),
            ("conversation.mood_change", v.mood_change),
            ("conversation.mood_urgency", v.mood_urgency),
            ("conversation.mood_confusion", v.mood_confusion),
        ];
        for (name, value) in unit {
            if !(value.is_finite() && (0.0..=1.0).contains(&value)) {
                return bad(name, value, "[0, 1]");
            }
        }
        for (name, value) in [
            ("conversation.poor_reply", v.poor_reply),
            ("conversation.very_poor_reply", v.very_poor_reply),
        ] {
            if !(value.is_finite() && (0.0..=100.0).contains(&value)) {
                return bad(name, value, "[0, 100]");
            }
        }
        if c.met_at == 0.0 {
            return bad("customer.met_at", c.met_at, "(0, 1]");
        }
        for (name, value) in [
            ("customer.reflection_target", c.reflection_target),
            ("customer.content_words", c.content_words),
            ("customer.restate_words", c.restate_words),
            ("coaching.max_suggestions", k.max_suggestions),
        ] {
            if !(1..=100).contains(&value) {
                return bad(name, value as f32, "[1, 100]");
            }
        }
        Ok(())
    }

    /// Dimension value from the weights of its cues, strongest first: a decayed,
    /// saturating sum.
    pub(crate) fn saturate(&self, strongest_first: impl Iterator<Item = f32>) -> f32 {
        let mut sum = 0.0;
        let mut factor = 1.0;
        for w in strongest_first {
            sum += w * factor;
            factor *= self.repeat_decay;
            if factor < 1e-4 {
                break;
            }
        }
        if sum <= 0.0 {
            return 0.0;
        }
        (1.0 - (-self.saturation * sum).exp()).clamp(0.0, 1.0)
    }

    /// The overall logit of a reply.
    pub(crate) fn logit(&self, d: &Dimensions, c: &Concerns) -> f32 {
        let pos: f32 = d
            .iter()
            .map(|(k, v)| v * self.dimension_weights.get(k))
            .sum();
        let neg: f32 = c.iter().map(|(k, v)| v * self.concern_weights.get(k)).sum();
        self.bias + pos - neg
    }

    /// 0–100 from a logit.
    pub(crate) fn to_score(logit: f32) -> f32 {
        let s = 100.0 / (1.0 + (-logit).exp());
        if s.is_finite() {
            s.clamp(0.0, 100.0)
        } else {
            0.0
        }
    }

    /// The band of a score.
    pub fn level(&self, score: f32) -> Level {
        if score >= self.levels.high {
            Level::High
        } else if score >= self.levels.moderate {
            Level::Moderate
        } else {
            Level::Low
        }
    }
}
