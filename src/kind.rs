//! The things the crate measures: empathy dimensions, concerns and customer emotions.

use crate::util::named_enum::named_enum;
use serde::{Deserialize, Serialize};
use std::fmt;

named_enum! {
    /// A positive empathy dimension of an agent reply (each scored 0.0–1.0).
    #[non_exhaustive]
    pub serde "snake_case" enum Dimension {
        /// Recognises the customer's feelings or situation: sincere apology, care, shared joy.
        Acknowledgment => "acknowledgment",
        /// Validation, perspective-taking, reflecting the problem back.
        Understanding => "understanding",
        /// Open questions about the customer's experience or needs.
        Exploration => "exploration",
        /// Takes responsibility and commits to concrete help.
        Ownership => "ownership",
        /// Positive, patient, warm language.
        Reassurance => "reassurance",
        /// Speaks to this customer: their name, their specifics.
        Personalization => "personalization",
    }
}

named_enum! {
    /// A negative behaviour the reply shows (each scored 0.0–1.0).
    #[non_exhaustive]
    pub serde "snake_case" enum Concern {
        /// Puts the fault on the customer.
        Blame => "blame",
        /// Minimises feelings, condescends, or apologises without apologising.
        Dismissiveness => "dismissiveness",
        /// Rigid rules instead of help.
        PolicyWall => "policy_wall",
        /// Canned boilerplate.
        Scripted => "scripted",
        /// Minimal communication: a bare reply with no warmth and no help.
        Curtness => "curtness",
        /// Defends the company (its product, staff, prices, records) instead of engaging
        /// with what the customer went through.
        Defensiveness => "defensiveness",
        /// Passes the customer to someone else without taking the case on.
        Deflection => "deflection",
    }
}

named_enum! {
    /// An emotion expressed in a customer's message (each scored 0.0–1.0).
    #[non_exhaustive]
    pub serde "snake_case" enum Emotion {
        /// Annoyance at obstacles, waiting, repetition.
        Frustration => "frustration",
        /// Hostility, outrage, threats to leave.
        Anger => "anger",
        /// Disappointment, loss, grief.
        Sadness => "sadness",
        /// Worry, fear, concern about what will happen.
        Anxiety => "anxiety",
        /// Not understanding what is going on or what to do.
        Confusion => "confusion",
        /// Time pressure.
        Urgency => "urgency",
        /// Thanks and praise.
        Gratitude => "gratitude",
        /// Relief that something is resolved.
        Relief => "relief",
    }
}

impl Emotion {
    /// Whether this emotion is a form of distress (the ones a reply must meet with care).
    pub const fn is_distress(self) -> bool {
        matches!(
            self,
            Emotion::Frustration | Emotion::Anger | Emotion::Sadness | Emotion::Anxiety
        )
    }
}

/// What a piece of evidence or a lexicon entry is about.
///
/// Serialises as its bare snake_case key (`"acknowledgment"`, `"policy_wall"`, `"anger"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(untagged)]
#[non_exhaustive]
pub enum Kind {
    /// A positive empathy dimension.
    Dimension(Dimension),
    /// A concern.
    Concern(Concern),
    /// A customer emotion.
    Emotion(Emotion),
}

impl Kind {
    /// Number of distinct kinds (see [`Kind::slot`]).
    pub(crate) const SLOTS: usize = Dimension::ALL.len() + Concern::ALL.len() + Emotion::ALL.len();

    /// A dense index of the kind: dimensions, then concerns, then emotions.
    pub(crate) const fn slot(self) -> usize {
        match self {
            Kind::Dimension(d) => d.index(),
            Kind::Concern(c) => Dimension::ALL.len() + c.index(),
            Kind::Emotion(e) => Dimension::ALL.len() + Concern::ALL.len() + e.index(),
        }
    }

    /// The stable snake_case key.
    pub const fn key(self) -> &'static str {
        match self {
            Kind::Dimension(d) => d.key(),
            Kind::Concern(c) => c.key(),
            Kind::Emotion(e) => e.key(),
        }
    }

    /// Looks a kind up by its snake_case key.
    pub fn from_key(key: &str) -> Option<Self> {
        Dimension::from_key(key)
            .map(Kind::Dimension)
            .or_else(|| Concern::from_key(key).map(Kind::Concern))
            .or_else(|| Emotion::from_key(key).map(Kind::Emotion))
    }

    /// Whether cues of this kind are looked for in customer messages (rather than agent replies).
    pub const fn is_customer(self) -> bool {
        matches!(self, Kind::Emotion(_))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl From<Dimension> for Kind {
    fn from(d: Dimension) -> Self {
        Kind::Dimension(d)
    }
}
impl From<Concern> for Kind {
    fn from(c: Concern) -> Self {
        Kind::Concern(c)
    }
}
impl From<Emotion> for Kind {
    fn from(e: Emotion) -> Self {
        Kind::Emotion(e)
    }
}
