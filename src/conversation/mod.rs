//! Conversations: turns of customer and agent, scored as a whole — per-turn assessments, the
//! customer's emotional trajectory, response times, and when to escalate to a human.

use crate::error::{Error, TimestampError};
use crate::report::{Assessment, Emotions};
use crate::scorer::Scorer;
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

/// What the report says about one turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TurnReport {
    /// Zero-based index of the turn.
    pub index: usize,
    /// Who wrote it.
    pub role: Role,
    /// For an agent turn: its assessment, against the customer turns it answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    /// For a customer turn: the emotions in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub emotions: Option<Emotions>,
    /// For a customer turn: mood from −1 (distressed) to +1 (grateful, relieved).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mood: Option<f32>,
    /// For an agent turn with timestamps: seconds since the first customer turn it answers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub response_seconds: Option<f64>,
}

/// How the customer's mood moved from their first turn to their last.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Trajectory {
    /// Mood of the first customer turn (−1 distressed … +1 grateful).
    pub first: f32,
    /// Mood of the last customer turn.
    pub last: f32,
    /// `last - first`.
    pub change: f32,
    /// Whether the mood improved noticeably.
    pub improved: bool,
    /// Whether the mood worsened noticeably.
    pub worsened: bool,
}

/// Agent response times, when turns carry timestamps.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ResponseTimes {
    /// Median seconds from a customer turn to the agent's answer.
    pub median_seconds: f64,
    /// Longest such wait.
    pub longest_seconds: f64,
    /// How many answers were timed.
    pub count: usize,
}

/// The point where a human (or a senior agent) should take over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Escalation {
    /// Zero-based index of the turn where the need arose.
    pub turn: usize,
    /// Why.
    pub reason: String,
}

/// The result of [`Scorer::score_conversation`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ConversationReport {
    /// One report per turn, in order.
    pub turns: Vec<TurnReport>,
    /// Mean score of the agent's replies.
    pub agent_mean: Option<f32>,
    /// Lowest score of the agent's replies.
    pub agent_lowest: Option<f32>,
    /// Index of the agent's lowest-scoring reply.
    pub agent_lowest_turn: Option<usize>,
    /// The customer's emotional trajectory (needs at least one customer turn).
    pub trajectory: Option<Trajectory>,
    /// Response times (needs timestamps).
    pub response_times: Option<ResponseTimes>,
    /// Turns whose timestamp is earlier than the turn before them.
    pub out_of_order: Vec<usize>,
    /// Set when the conversation should go to a human.
    pub escalation: Option<Escalation>,
}

/// Mood from emotions: positive feelings minus distress.
fn mood(e: &Emotions) -> f32 {
    let positive = e.gratitude.max(e.relief);
    let negative = e.distress().max(e.urgency * 0.5).max(e.confusion * 0.4);
    (positive - negative).clamp(-1.0, 1.0)
}

/// Distress at or above this is high.
const HIGH_DISTRESS: f32 = 0.6;
/// A reply below this score, or below this responsiveness, is not meeting the customer.
const POOR_REPLY: f32 = 45.0;
const POOR_RESPONSIVENESS: f32 = 0.5;
/// Two replies in a row below this score, to a customer who was upset, call for a human.
const VERY_POOR_REPLY: f32 = 30.0;
/// A mood change of at least this much counts as improvement or worsening.
const MOOD_CHANGE: f32 = 0.2;

impl Scorer {
    /// Scores a whole conversation.
    ///
    /// Each agent turn is assessed against the customer turns since the previous agent turn;
    /// each customer turn gets its emotions and mood. Escalation is flagged when the customer's
    /// distress is high or rising and the agent's replies are not meeting it.
    pub fn score_conversation(&self, conversation: &Conversation) -> ConversationReport {
        let mut turns = Vec::with_capacity(conversation.turns.len());
        let mut pending: Vec<usize> = Vec::new(); // customer turns not yet answered
        let mut customer_name: Option<String> = None;
        let mut moods: Vec<(usize, f32, f32)> = Vec::new(); // (turn, mood, distress)
        let mut waits = Vec::new();
        let mut out_of_order = Vec::new();
        let mut escalation: Option<Escalation> = None;
        let mut unmet_in_a_row = 0usize;
        let mut poor_in_a_row = 0usize;
        let mut last_time: Option<f64> = None;

        for (i, turn) in conversation.turns.iter().enumerate() {
            if let Some(at) = turn.at {
                if last_time.is_some_and(|t| at.unix_seconds() < t) {
                    out_of_order.push(i);
                }
                last_time = Some(at.unix_seconds());
            }
            match turn.role {
                Role::Customer => {
                    if turn.name.is_some() {
                        customer_name.clone_from(&turn.name);
                    }
                    let reading = self.customer_emotions(&turn.text);
                    if customer_name.is_none() {
                        customer_name.clone_from(&reading.name);
                    }
                    let m = mood(&reading.emotions);
                    let distress = reading.emotions.distress();
                    moods.push((i, m, distress));
                    pending.push(i);
                    if escalation.is_none() {
                        escalation = escalation_at(i, &moods, unmet_in_a_row, poor_in_a_row);
                    }
                    turns.push(TurnReport {
                        index: i,
                        role: Role::Customer,
                        assessment: None,
                        emotions: Some(reading.emotions),
                        mood: Some(m),
                        response_seconds: None,
                    });
                }
                Role::Agent => {
                    let customer_text: Vec<&str> = pending
                        .iter()
                        .map(|&c| conversation.turns[c].text.as_str())
                        .collect();
                    let assessment = if customer_text.is_empty() {
                        self.score(&turn.text)
                    } else {
                        self.score_reply_named(
                            &customer_text.join("\n"),
                            customer_name.as_deref(),
                            &turn.text,
                        )
                    };
                    let response_seconds = pending.first().and_then(|&c| {
                        let asked = conversation.turns[c].at?.unix_seconds();
                        let answered = turn.at?.unix_seconds();
                        (answered >= asked).then_some(answered - asked)
                    });
                    if let Some(w) = response_seconds {
                        waits.push(w);
                    }
                    let need = assessment
                        .customer
                        .as_ref()
                        .map_or(0.0, |c| c.emotions.distress());
                    let responsive = assessment
                        .customer
                        .as_ref()
                        .map_or(1.0, |c| c.responsiveness);
                    if need >= 0.35
                        && (assessment.score < POOR_REPLY || responsive < POOR_RESPONSIVENESS)
                    {
                        unmet_in_a_row += 1;
                    } else if !pending.is_empty() {
                        unmet_in_a_row = 0;
                    }
                    if assessment.score < VERY_POOR_REPLY {
                        poor_in_a_row += 1;
                    } else {
                        poor_in_a_row = 0;
                    }
                    pending.clear();
                    turns.push(TurnReport {
                        index: i,
                        role: Role::Agent,
                        assessment: Some(assessment),
                        emotions: None,
                        mood: None,
                        response_seconds,
                    });
                }
            }
        }
        // The conversation ends with a distressed customer whom nobody answered well.
        if escalation.is_none() {
            if let Some(&(i, _, d)) = moods.last() {
                let last_agent_poor = unmet_in_a_row > 0 || poor_in_a_row > 0;
                if d >= HIGH_DISTRESS
                    && (last_agent_poor || !pending.is_empty())
                    && moods.len() >= 2
                {
                    escalation = Some(Escalation {
                        turn: i,
                        reason: format!(
                            "the customer ends the conversation highly distressed ({d:.2}) and the replies have not met it"
                        ),
                    });
                }
            }
        }

        let scores: Vec<(usize, f32)> = turns
            .iter()
            .filter_map(|t| t.assessment.as_ref().map(|a| (t.index, a.score)))
            .collect();
        let agent_mean = (!scores.is_empty())
            .then(|| scores.iter().map(|s| s.1).sum::<f32>() / scores.len() as f32);
        let lowest = scores.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1));
        let trajectory = match (moods.first(), moods.last()) {
            (Some(&(_, first, _)), Some(&(_, last, _))) => Some(Trajectory {
                first,
                last,
                change: last - first,
                improved: last - first >= MOOD_CHANGE,
                worsened: first - last >= MOOD_CHANGE,
            }),
            _ => None,
        };
        let response_times = (!waits.is_empty()).then(|| {
            waits.sort_by(f64::total_cmp);
            let n = waits.len();
            let median = if n % 2 == 1 {
                waits[n / 2]
            } else {
                (waits[n / 2 - 1] + waits[n / 2]) / 2.0
            };
            ResponseTimes {
                median_seconds: median,
                longest_seconds: waits[n - 1],
                count: n,
            }
        });
        ConversationReport {
            turns,
            agent_mean,
            agent_lowest: lowest.map(|l| l.1),
            agent_lowest_turn: lowest.map(|l| l.0),
            trajectory,
            response_times,
            out_of_order,
            escalation,
        }
    }
}

/// Whether the customer turn `i` (the last in `moods`) calls for escalation.
fn escalation_at(
    i: usize,
    moods: &[(usize, f32, f32)],
    unmet_in_a_row: usize,
    poor_in_a_row: usize,
) -> Option<Escalation> {
    let &(_, _, d) = moods.last()?;
    let max_distress = moods.iter().map(|m| m.2).fold(0.0, f32::max);
    let rising = moods.len() >= 3 && {
        let n = moods.len();
        moods[n - 3].2 < moods[n - 2].2 && moods[n - 2].2 < d
    };
    let reason = if d >= HIGH_DISTRESS && unmet_in_a_row >= 1 {
        format!(
            "customer distress is high ({d:.2}) and the last {unmet_in_a_row} agent repl{} did not meet it",
            if unmet_in_a_row == 1 { "y" } else { "ies" }
        )
    } else if rising && d >= 0.4 && unmet_in_a_row >= 1 {
        format!(
            "customer distress has risen over three turns (now {d:.2}) while the replies fall short"
        )
    } else if unmet_in_a_row >= 2 && d >= 0.35 {
        format!(
            "{unmet_in_a_row} agent replies in a row have not met the customer's distress (now {d:.2})"
        )
    } else if poor_in_a_row >= 2 && max_distress >= 0.3 {
        format!(
            "the customer was upset (distress up to {max_distress:.2}) and the last {poor_in_a_row} agent replies scored below {VERY_POOR_REPLY}"
        )
    } else {
        return None;
    };
    Some(Escalation { turn: i, reason })
}
