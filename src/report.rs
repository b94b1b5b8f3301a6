//! What the caller gets back: [`Assessment`], [`Evidence`], [`Suggestion`] and friends.

use crate::kind::{Concern, Dimension, Emotion, Kind};
use crate::shared_str::SharedStr;
pub use crate::span::Span;
use crate::util::named_enum::named_enum;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The band an overall score falls into.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Below the `moderate` threshold (40 by default).
    #[default]
    Low,
    /// Between the `moderate` and `high` thresholds.
    Moderate,
    /// At or above the `high` threshold (70 by default).
    High,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Low => "low",
            Level::Moderate => "moderate",
            Level::High => "high",
        })
    }
}

macro_rules! score_table {
    ($(#[$meta:meta])* $name:ident, $enum:ident { $($field:ident => $variant:ident),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            $(
                #[doc = concat!("`", stringify!($field), "`, 0.0–1.0.")]
                pub $field: f32,
            )+
        }

        impl $name {
            /// The value for one key.
            pub const fn get(&self, key: $enum) -> f32 {
                match key {
                    $($enum::$variant => self.$field,)+
                }
            }

            /// Sets the value for one key.
            pub fn set(&mut self, key: $enum, value: f32) {
                match key {
                    $($enum::$variant => self.$field = value,)+
                }
            }

            /// `(key, value)` pairs in declaration order.
            pub fn iter(&self) -> impl Iterator<Item = ($enum, f32)> + '_ {
                $enum::ALL.iter().map(move |&k| (k, self.get(k)))
            }
        }
    };
}

score_table! {
    /// The six positive dimensions of a reply.
    Dimensions, Dimension {
        acknowledgment => Acknowledgment,
        understanding => Understanding,
        exploration => Exploration,
        ownership => Ownership,
        reassurance => Reassurance,
        personalization => Personalization,
    }
}

score_table! {
    /// The concerns of a reply.
    Concerns, Concern {
        blame => Blame,
        dismissiveness => Dismissiveness,
        policy_wall => PolicyWall,
        scripted => Scripted,
        curtness => Curtness,
        defensiveness => Defensiveness,
        deflection => Deflection,
    }
}

score_table! {
    /// The emotions found in a customer's message.
    Emotions, Emotion {
        frustration => Frustration,
        anger => Anger,
        sadness => Sadness,
        anxiety => Anxiety,
        confusion => Confusion,
        urgency => Urgency,
        gratitude => Gratitude,
        relief => Relief,
    }
}

impl Emotions {
    /// How distressed the customer is, 0–1: the chance that at least one distress emotion
    /// (frustration, anger, sadness, anxiety) is there, reading each value as a probability —
    /// so two weak signs count for more than one — discounted by the plainest good feeling
    /// (gratitude or relief): a customer praising the crew who "walked it up 5 flights
    /// because the elevator was broken" is not distressed.
    ///
    /// ```
    /// use empathy::Emotions;
    /// let mut e = Emotions::default();
    /// e.frustration = 0.5;
    /// assert_eq!(e.distress(), 0.5);
    /// e.anger = 0.5;
    /// assert_eq!(e.distress(), 0.75);
    /// e.gratitude = 0.6;
    /// assert!((e.distress() - 0.3).abs() < 1e-6);
    /// ```
    pub fn distress(&self) -> f32 {
        let none = [self.frustration, self.anger, self.sadness, self.anxiety]
            .iter()
            .map(|v| 1.0 - v.clamp(0.0, 1.0))
            .product::<f32>();
        let good = self.gratitude.max(self.relief).clamp(0.0, 1.0);
        (1.0 - none) * (1.0 - good)
    }

    /// The emotion with the highest value, if any is above zero.
    pub fn dominant(&self) -> Option<(Emotion, f32)> {
        self.iter()
            .filter(|&(_, v)| v > 0.0)
            .fold(None, |best, (e, v)| match best {
                Some((_, bv)) if bv >= v => best,
                _ => Some((e, v)),
            })
    }
}

named_enum! {
    /// A context rule that changed the weight of a cue.
    #[non_exhaustive]
    pub serde "snake_case" enum Rule {
        /// A negator in the same clause cancelled the cue.
        Negated => "negated",
        /// A negator turned the cue into another kind (e.g. "I don't understand why…" → dismissiveness).
        NegatedToOther => "negated_to_other",
        /// An intensifier ("so", "truly") strengthened it.
        Intensified => "intensified",
        /// A hedge ("kind of", "maybe") weakened it.
        Hedged => "hedged",
        /// It stands before a contrast word ("I understand, but…") and is weakened.
        BeforeContrast => "before_contrast",
        /// It follows a contrast word and is strengthened.
        AfterContrast => "after_contrast",
        /// An exploration cue inside a question: counts fully.
        Question => "question",
        /// An exploration cue outside a question: weakened.
        NotQuestion => "not_question",
        /// A question that only collects data ("What is your order number?"): weakened.
        DataRequest => "data_request",
        /// Inside quoted text (the customer's own words): ignored.
        Quoted => "quoted",
        /// A policy refusal followed by an alternative: weakened.
        AlternativeOffered => "alternative_offered",
        /// Written in capitals or with repeated "!": strengthened (customer emotion).
        Shouted => "shouted",
        /// A cue that counts only toward an upset customer (`upset = true` in the lexicon),
        /// weakened by how calm the customer is.
        CalmCustomer => "calm_customer",
        /// A thank-you closing a customer's message that asks something: courtesy, weakened.
        ClosingThanks => "closing_thanks",
        /// Praise closing a customer's complaint on its own ("… nice", "… impressive"), or
        /// praise beside an eye-rolling emoji ("thanks 🙄"): sarcasm, so no gratitude.
        Sarcastic => "sarcastic",
    }
}

impl Rule {
    const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// A small set of [`Rule`]s (no allocation). Serialises as a list of rule names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rules(u16);

impl Rules {
    /// The empty set.
    pub const EMPTY: Rules = Rules(0);

    /// Adds a rule.
    pub fn insert(&mut self, rule: Rule) {
        self.0 |= rule.bit();
    }

    /// Whether the set holds `rule`.
    pub const fn contains(self, rule: Rule) -> bool {
        self.0 & rule.bit() != 0
    }

    /// Whether the set is empty.
    pub const fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The rules in the set.
    pub fn iter(self) -> impl Iterator<Item = Rule> {
        Rule::ALL.iter().copied().filter(move |r| self.contains(*r))
    }
}

impl fmt::Debug for Rules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_set().entries(self.iter()).finish()
    }
}

impl Serialize for Rules {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Rules {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let list = Vec::<Rule>::deserialize(d)?;
        let mut set = Rules::EMPTY;
        for r in list {
            set.insert(r);
        }
        Ok(set)
    }
}

named_enum! {
    /// Where a piece of [`Evidence`] comes from: an entry of the lexicon, or a cue the scorer
    /// computed from the text's shape or from the customer's message (no entry names it, so
    /// [`Evidence::cue`] is `None`).
    ///
    /// ```
    /// use empathy::{CustomerMessage, EvidenceSource, Scorer};
    /// let customer = CustomerMessage::new("My parcel never came.").named("Dana");
    /// let a = Scorer::default().score_reply_to("Dana, I'm so sorry about the parcel.", customer);
    /// let name = a.evidence.iter().find(|e| e.source == EvidenceSource::CustomerName).unwrap();
    /// assert_eq!(name.text, "Dana");
    /// assert_eq!(name.cue, None);
    /// assert!(a.evidence.iter().any(|e| e.source == EvidenceSource::Cue && e.cue.is_some()));
    /// assert_eq!("customer_name".parse::<EvidenceSource>().unwrap(), EvidenceSource::CustomerName);
    /// ```
    #[non_exhaustive]
    pub serde "snake_case" enum EvidenceSource {
        /// An entry of the lexicon (the built-in one or yours): [`Evidence::cue`] is its pattern.
        Cue => "cue",
        /// An entry of the built-in lexicon's learned layer (`data/lexicon/en-learned.toml`,
        /// word n-grams fitted on rated replies): [`Evidence::cue`] is its pattern. An entry of
        /// your own lexicon with the same pattern replaces it and is a [`Self::Cue`].
        Learned => "learned",
        /// The customer's name: in a greeting, a handle, set off by a comma or a dash ("Thanks
        /// for the video, Justin."), or the name the customer signed with.
        CustomerName => "customer_name",
        /// A question about the customer that matched no exploration cue.
        Question => "question",
        /// The customer's own words picked up by the reply (scored against a customer message).
        Reflection => "reflection",
        /// A first-person commitment ("I'll …") that matched no ownership cue.
        Commitment => "commitment",
        /// A self-help step ("Try clearing the cache", "please restart the app") that matched
        /// no ownership cue.
        Instruction => "instruction",
        /// An exclaimed sentence ("Hi there!", "Thanks so much!") with no concern in it, as
        /// warmth (reassurance).
        Exclamation => "exclamation",
        /// The customer sent to another company by its name ("you'll need to contact
        /// AT&T", "work with Microsoft"), where no deflection cue read it: deflection.
        Referral => "referral",
        /// In a customer's message: a negation saying that something does not work.
        ProblemReport => "problem_report",
        /// In a customer's message: emphasis read as anger — a word in capitals in a message
        /// otherwise in lower case ("FOUR emails"), or a scare quote ("your \"unlimited\" plan").
        Emphasis => "emphasis",
        /// In a customer's message: praise left on its own to close a complaint ("… lost my
        /// bag on a direct flight. impressive"), read as anger.
        Sarcasm => "sarcasm",
    }
}

impl EvidenceSource {
    /// Whether the evidence quotes a lexicon entry ([`Self::Cue`] or [`Self::Learned`]), so
    /// that [`Evidence::cue`] is `Some`.
    ///
    /// ```
    /// use empathy::EvidenceSource;
    /// assert!(EvidenceSource::Learned.is_entry());
    /// assert!(!EvidenceSource::CustomerName.is_entry());
    /// ```
    pub const fn is_entry(self) -> bool {
        matches!(self, EvidenceSource::Cue | EvidenceSource::Learned)
    }
}

/// One cue found in the text, and what the context rules made of it.
///
/// Spans of different cues may overlap: "so sorry" can be both an acknowledgment cue and part
/// of a longer one, and a customer's name can count as personalization twice (as a name and as
/// their own word picked up). Every such cue is scored and listed; [`Evidence::overlaps`] marks
/// each item whose span overlaps an earlier item's, so a caller who highlights spans can skip
/// or merge them.
///
/// ```
/// let text = "I'm so sorry to hear that. I'll refund you today.";
/// let a = empathy::Scorer::default().score(text);
/// let e = &a.evidence[0];
/// assert_eq!(e.text, &text[e.span.range()]);
/// assert!(e.cue.is_some() && e.source.is_entry());
/// assert!(!e.overlaps); // the first item never overlaps an earlier one
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Evidence {
    /// What the cue counts towards (after context rules: a negated cue may change kind).
    pub kind: Kind,
    /// Where it is in the scored text (bytes, on char boundaries).
    pub span: Span,
    /// The text the span covers, as written (`&text[span.range()]`).
    pub text: String,
    /// Where the evidence comes from: a lexicon entry, or a cue the scorer computed.
    pub source: EvidenceSource,
    /// The lexicon entry (pattern) that matched; `None` for computed evidence (see
    /// [`Self::source`]). Serialised as `null` then.
    pub cue: Option<SharedStr>,
    /// The entry's base weight.
    pub base_weight: f32,
    /// The weight after context rules (0 when cancelled).
    pub weight: f32,
    /// The rules that changed the weight.
    pub rules: Rules,
    /// `true` when the span overlaps the span of an earlier item of the same list (the list is
    /// in text order: by start, then end). Overlapping items are each scored.
    pub overlaps: bool,
}

impl Evidence {
    /// Marks each item of a list in text order whose span overlaps an earlier item's, in one
    /// pass (an item overlaps an earlier one exactly when it starts before the furthest end
    /// seen so far).
    pub(crate) fn mark_overlaps(list: &mut [Evidence]) {
        let mut end = 0;
        for e in list {
            e.overlaps = e.span.start < end && !e.span.is_empty();
            end = end.max(e.span.end);
        }
    }
}

named_enum! {
    /// The stable code of a coaching suggestion.
    #[non_exhaustive]
    pub serde "snake_case" enum SuggestionCode {
        /// Acknowledge the customer's feelings or situation.
        AcknowledgeFeelings => "acknowledge_feelings",
        /// Validate: show the reaction makes sense.
        ShowUnderstanding => "show_understanding",
        /// Ask an open question about the customer's experience.
        AskOpenQuestion => "ask_open_question",
        /// Say what you will do and when.
        TakeOwnership => "take_ownership",
        /// Add warm, reassuring language.
        Reassure => "reassure",
        /// Address the customer by name, reuse their specifics.
        Personalize => "personalize",
        /// Engage with what happened instead of defending the company.
        AvoidDefensiveness => "avoid_defensiveness",
        /// Take the case on instead of sending the customer elsewhere.
        KeepTheCase => "keep_the_case",
        /// Stop putting the fault on the customer.
        AvoidBlame => "avoid_blame",
        /// Stop minimising the customer's feelings.
        AvoidDismissiveness => "avoid_dismissiveness",
        /// Offer an alternative instead of a rule.
        OfferAlternative => "offer_alternative",
        /// Replace boilerplate with your own words.
        ReplaceScript => "replace_script",
        /// Say more than a bare one-liner.
        SayMore => "say_more",
        /// Respond to the emotion the customer expressed.
        MeetEmotion => "meet_emotion",
        /// Reuse the concrete details the customer gave.
        ReflectDetails => "reflect_details",
        /// Hand the conversation to a human / senior agent.
        Escalate => "escalate",
    }
}

named_enum! {
    /// Whether the scorer could read the reply. Anything but `Readable` means the score is
    /// not a judgement of empathy: the reply is reported as what it is, with a low score.
    ///
    /// ```
    /// use empathy::{Readability, Scorer};
    /// let s = Scorer::default();
    /// assert_eq!(s.score("").readability, Readability::Empty);
    /// assert_eq!(s.score("asdf qwer zxcv uiop").readability, Readability::Unreadable);
    /// assert_eq!(s.score("Sorry to hear that, I'll fix it now.").readability, Readability::Readable);
    /// ```
    #[non_exhaustive]
    #[derive(Default)]
    pub serde "snake_case" enum Readability {
        /// Scored as usual.
        #[default]
        Readable => "readable",
        /// No words at all: blank, or only links, handles, emoji or punctuation.
        Empty => "empty",
        /// A word or two that say nothing ("Noted."): scored, but capped low.
        SaysNothing => "says_nothing",
        /// Words the lexicon cannot read (gibberish, placeholder text): not scorable.
        Unreadable => "unreadable",
        /// Another language than the lexicon's: not scorable.
        OtherLanguage => "other_language",
    }
}

impl Readability {
    /// Whether the score judges the reply's empathy (the reply was read, and says something).
    pub const fn is_scorable(self) -> bool {
        matches!(self, Readability::Readable)
    }
}

/// A coaching tip: what would make the reply better.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Suggestion {
    /// Stable machine-readable code.
    pub code: SuggestionCode,
    /// Human-readable advice.
    pub message: SharedStr,
}

/// How a reply relates to the customer's message it answers (see [`crate::Scorer::score_reply`]).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
#[must_use]
pub struct CustomerContext {
    /// The emotions found in the customer's message.
    pub emotions: Emotions,
    /// Evidence for the emotions, with spans into the *customer's* message.
    pub evidence: Vec<Evidence>,
    /// 0.0–1.0: how well the reply meets the emotions that were there (1.0 when there were none).
    pub responsiveness: f32,
    /// 0.0–1.0: how much of the customer's concrete content the reply picks up.
    pub reflection: f32,
    /// 0.0–1.0: how strongly the customer's message calls for an empathetic response
    /// (the strongest of distress, urgency and confusion).
    pub need: f32,
    /// Distinct content words (stemmed) in the customer's message.
    pub content_words: usize,
    /// Emotions the reply left unmet.
    pub unmet: Vec<Emotion>,
    /// The customer's name, when known (given or read from a signature).
    pub name: Option<String>,
}

/// The result of scoring one reply.
///
/// ```
/// let scorer = empathy::Scorer::default();
/// let a = scorer.score("I'm so sorry to hear that — I'll fix it for you right now.");
/// assert!(a.score > 50.0);
/// assert!(a.dimensions.acknowledgment > 0.0);
/// let json = serde_json::to_string(&a).unwrap();
/// assert!(json.contains("\"acknowledgment\""));
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[non_exhaustive]
#[must_use = "an assessment is a pure result: scoring has no other effect"]
pub struct Assessment {
    /// Overall empathy, 0–100.
    pub score: f32,
    /// The band the score falls into.
    pub level: Level,
    /// The six positive dimensions.
    pub dimensions: Dimensions,
    /// The concerns (blame, dismissiveness, policy wall, scripted, curtness, defensiveness, deflection).
    pub concerns: Concerns,
    /// Every cue found, in text order (by start, then end). Spans may overlap (see
    /// [`Evidence::overlaps`]).
    pub evidence: Vec<Evidence>,
    /// `true` when the evidence list hit its cap and later cues were scored but not listed.
    pub evidence_truncated: bool,
    /// Coaching tips, most important first.
    pub suggestions: Vec<Suggestion>,
    /// Number of words in the reply.
    pub words: usize,
    /// Whether the reply could be read (see [`Readability`]).
    pub readability: Readability,
    /// Present when the reply was scored against a customer message.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub customer: Option<CustomerContext>,
}

impl CustomerContext {
    /// How much went unanswered: (1 − responsiveness) × the strongest emotion present.
    pub fn unmet_weight(&self) -> f32 {
        let strongest = self.emotions.iter().map(|(_, v)| v).fold(0.0, f32::max);
        (1.0 - self.responsiveness) * strongest
    }
}

impl Assessment {
    /// The value of one dimension or concern (customer emotions are in [`Self::customer`]).
    pub fn get(&self, kind: Kind) -> f32 {
        match kind {
            Kind::Dimension(d) => self.dimensions.get(d),
            Kind::Concern(c) => self.concerns.get(c),
            Kind::Emotion(e) => self.customer.as_ref().map_or(0.0, |c| c.emotions.get(e)),
        }
    }

    /// Whether a suggestion with this code was made.
    pub fn suggests(&self, code: SuggestionCode) -> bool {
        self.suggestions.iter().any(|s| s.code == code)
    }
}

impl fmt::Display for Evidence {
    /// `acknowledgment 12..31 ×0.90 "(i'm|we're) sorry …" [intensified]`; a learned entry is
    /// `learned "…"`, computed evidence its source and text: `personalization 3..7 ×0.40
    /// customer_name "Dana"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} ×{:.2} ", self.kind, self.span, self.weight)?;
        match (&self.cue, self.source) {
            (Some(cue), EvidenceSource::Cue) => write!(f, "{:?}", &**cue)?,
            (Some(cue), source) => write!(f, "{source} {:?}", &**cue)?,
            (None, source) => write!(f, "{source} {:?}", self.text)?,
        }
        if !self.rules.is_empty() {
            let rules: Vec<&str> = self.rules.iter().map(Rule::key).collect();
            write!(f, " [{}]", rules.join(", "))?;
        }
        Ok(())
    }
}

impl fmt::Display for Suggestion {
    /// `take_ownership: Say what you will do next, and when (…).`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, &*self.message)
    }
}

impl fmt::Display for Assessment {
    /// A one-line summary: score, level, the dimensions and concerns that are present.
    ///
    /// ```
    /// let a = empathy::Scorer::default().score("So sorry about that! I'll fix it today.");
    /// let line = a.to_string();
    /// assert!(line.starts_with("score "), "{line}");
    /// assert!(line.contains("acknowledgment"), "{line}");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "score {:.0} ({})", self.score, self.level)?;
        if !self.readability.is_scorable() {
            write!(f, " [{}]", self.readability)?;
        }
        let dims = self.dimensions.iter().map(|(k, v)| (Kind::from(k), v));
        let concerns = self.concerns.iter().map(|(k, v)| (Kind::from(k), v));
        for (k, v) in dims.chain(concerns).filter(|(_, v)| *v > 0.0) {
            write!(f, " {k} {v:.2}")?;
        }
        Ok(())
    }
}
