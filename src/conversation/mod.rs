//! Conversations: turns of customer and agent, scored as a whole — per-turn assessments, the
//! customer's emotional trajectory, response times, and when to escalate to a human.
//!
//! * this module: the input (turns, times);
//! * [`report`](ConversationReport): what comes back;
//! * `score`: the pass over the turns; `escalation`: when a human should take over.

mod escalation;
mod report;
mod score;

pub use report::{
    ConversationReport, Escalation, EscalationReason, ResponseTimes, Trajectory, TurnReport,
};

use crate::error::{Error, TimestampError};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Who wrote a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The customer.
    Customer,
    /// The support agent (human or bot).
    Agent,
}

/// A point in time, as Unix seconds (UTC).
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Serialize, Deserialize)]
pub struct Timestamp(f64);

impl Timestamp {
    /// From Unix seconds. Returns `None` for a non-finite value.
    pub fn from_unix_seconds(seconds: f64) -> Option<Timestamp> {
        seconds.is_finite().then_some(Timestamp(seconds))
    }

    /// Parses RFC 3339 (`2026-03-02T09:14:00Z`, `2026-03-02T09:14:00+01:00`) or Unix seconds
    /// written as a number (`"1772442840"`).
    ///
    /// ```
    /// use empathy::conversation::Timestamp;
    /// let a = Timestamp::parse("2026-03-02T09:14:00Z").unwrap();
    /// let b = Timestamp::parse("1772442840").unwrap();
    /// assert_eq!(a.unix_seconds(), b.unix_seconds());
    /// assert!(Timestamp::parse("yesterday").is_err());
    /// ```
    pub fn parse(value: &str) -> Result<Timestamp, TimestampError> {
        let v = value.trim();
        if let Ok(secs) = v.parse::<f64>() {
            return Timestamp::from_unix_seconds(secs).ok_or(TimestampError::Seconds(secs));
        }
        let t = time::OffsetDateTime::parse(v, &time::format_description::well_known::Rfc3339)
            .map_err(|e| TimestampError::Text {
                value: value.to_string(),
                reason: e.to_string(),
            })?;
        let secs = t.unix_timestamp() as f64 + f64::from(t.nanosecond()) / 1e9;
        Ok(Timestamp(secs))
    }

    /// Unix seconds.
    pub fn unix_seconds(self) -> f64 {
        self.0
    }
}

/// A time as it appears in input data: an RFC 3339 string or a number of Unix seconds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TimeValue {
    /// Unix seconds.
    Unix(f64),
    /// RFC 3339 text (or Unix seconds as text).
    Text(String),
}

impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimeValue::Unix(s) => write!(f, "{s}"),
            TimeValue::Text(t) => f.write_str(t),
        }
    }
}

/// One turn as it appears in input data (e.g. a JSONL record); see [`Conversation::from_records`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TurnRecord {
    /// Who wrote it.
    pub role: Role,
    /// What they wrote.
    pub text: String,
    /// When (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<TimeValue>,
    /// The writer's name (optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// One turn of a conversation.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// Who wrote it.
    pub role: Role,
    /// What they wrote.
    pub text: String,
    /// When, if known.
    pub at: Option<Timestamp>,
    /// The writer's name, if known.
    pub name: Option<String>,
}

impl Turn {
    /// A customer turn.
    pub fn customer(text: impl Into<String>) -> Turn {
        Turn {
            role: Role::Customer,
            text: text.into(),
            at: None,
            name: None,
        }
    }

    /// An agent turn.
    pub fn agent(text: impl Into<String>) -> Turn {
        Turn {
            role: Role::Agent,
            text: text.into(),
            at: None,
            name: None,
        }
    }

    /// With a time.
    pub fn at(mut self, at: Timestamp) -> Turn {
        self.at = Some(at);
        self
    }

    /// With the writer's name.
    pub fn named(mut self, name: impl Into<String>) -> Turn {
        self.name = Some(name.into());
        self
    }
}

/// A conversation: turns in the order they were written.
///
/// ```
/// use empathy::conversation::{Conversation, Turn};
/// let conv = Conversation::new(vec![
///     Turn::customer("My card was declined abroad and I'm stuck at the hotel desk. I'm panicking."),
///     Turn::agent("Oh no, that sounds really stressful — I've lifted the block, please try again now."),
///     Turn::customer("It worked! Thank you so much, what a relief."),
/// ]);
/// let report = empathy::Scorer::default().score_conversation(&conv);
/// assert!(report.trajectory.unwrap().improved);
/// assert!(report.escalation.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Conversation {
    /// The turns.
    pub turns: Vec<Turn>,
}

impl Conversation {
    /// A conversation of these turns.
    pub fn new(turns: Vec<Turn>) -> Conversation {
        Conversation { turns }
    }

    /// Builds a conversation from input records, parsing their times. A bad time is an error
    /// naming the (zero-based) turn.
    ///
    /// ```
    /// use empathy::conversation::{Conversation, Role, TimeValue, TurnRecord};
    /// let rec = |role, at: &str| TurnRecord { role, text: "hi".into(), at: Some(TimeValue::Text(at.into())), name: None };
    /// let err = Conversation::from_records(vec![rec(Role::Customer, "2026-01-01T10:00:00Z"), rec(Role::Agent, "10 o'clock")]).unwrap_err();
    /// assert!(err.to_string().starts_with("turn 1:"));
    /// ```
    pub fn from_records(
        records: impl IntoIterator<Item = TurnRecord>,
    ) -> Result<Conversation, Error> {
        let mut turns = Vec::new();
        for (i, r) in records.into_iter().enumerate() {
            let at = match &r.at {
                None => None,
                Some(TimeValue::Unix(s)) => {
                    Some(Timestamp::from_unix_seconds(*s).ok_or(Error::Timestamp {
                        turn: i,
                        source: TimestampError::Seconds(*s),
                    })?)
                }
                Some(TimeValue::Text(t)) => Some(
                    Timestamp::parse(t).map_err(|source| Error::Timestamp { turn: i, source })?,
                ),
            };
            turns.push(Turn {
                role: r.role,
                text: r.text,
                at,
                name: r.name.filter(|n| !n.trim().is_empty()),
            });
        }
        Ok(Conversation { turns })
    }
}

/// The serde form of a conversation: `{"turns": [TurnRecord, …]}` (times as RFC 3339 text or
/// Unix seconds), read through [`Conversation::from_records`] so a bad time is an error.
///
/// ```
/// let json = r#"{"turns": [
///     {"role": "customer", "text": "Where is my parcel?", "at": "2026-03-02T09:14:00Z"},
///     {"role": "agent", "text": "Sorry! I've chased the depot; it arrives today.", "at": 1772443000}
/// ]}"#;
/// let conv: empathy::Conversation = serde_json::from_str(json).unwrap();
/// let report = empathy::Scorer::default().score_conversation(&conv);
/// assert_eq!(report.response_times.unwrap().count, 1);
/// ```
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConversationRecord {
    turns: Vec<TurnRecord>,
}

impl Serialize for Conversation {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let turns = self
            .turns
            .iter()
            .map(|t| TurnRecord {
                role: t.role,
                text: t.text.clone(),
                at: t.at.map(|at| TimeValue::Unix(at.unix_seconds())),
                name: t.name.clone(),
            })
            .collect();
        ConversationRecord { turns }.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Conversation {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let record = ConversationRecord::deserialize(d)?;
        Conversation::from_records(record.turns).map_err(serde::de::Error::custom)
    }
}
