//! What [`crate::Scorer::score_conversation`] returns.

use crate::report::{Assessment, Emotions};
use serde::{Deserialize, Serialize};

use super::Role;
use crate::util::named_enum::named_enum;

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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
pub struct Escalation {
    /// Zero-based index of the turn where the need arose.
    pub turn: usize,
    /// Why, as a stable code to match on.
    pub code: EscalationReason,
    /// Why, in words (from the lexicon's `[messages.escalation]`).
    pub reason: String,
}

named_enum! {
    /// Why a conversation should go to a human.
    #[non_exhaustive]
    pub serde "snake_case" enum EscalationReason {
        /// The customer's distress is high and the last replies did not meet it.
        HighDistressUnmet => "high_distress_unmet",
        /// Distress rose over three customer turns while the replies fell short.
        RisingDistress => "rising_distress",
        /// Several replies in a row did not meet the customer's distress.
        RepeatedlyUnmet => "repeatedly_unmet",
        /// The customer was upset and the last replies scored very low.
        PoorReplies => "poor_replies",
        /// The conversation ends with a highly distressed customer nobody answered well.
        EndsDistressed => "ends_distressed",
    }
}

/// The result of [`crate::Scorer::score_conversation`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[must_use = "a report is a pure result: scoring has no other effect"]
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
