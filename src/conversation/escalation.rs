//! When a conversation should go to a human: the customer's distress is high or rising and
//! the agent's replies are not meeting it. Thresholds are the lexicon's
//! `[model.conversation]`; the reasons are its `[messages.escalation]`.

use super::{Escalation, EscalationReason};
use crate::lexicon::messages::EscalationMessages;
use crate::model::ConversationModel;
use crate::report::Assessment;
use crate::util::template::fill;

/// The state of the agent's side as the turns go by.
#[derive(Debug, Default)]
pub(super) struct Watch {
    /// (turn, mood, distress) of each customer turn so far.
    pub(super) moods: Vec<(usize, f32, f32)>,
    /// Agent replies in a row that did not meet a distressed customer.
    unmet_in_a_row: usize,
    /// Agent replies in a row that scored very poorly.
    poor_in_a_row: usize,
}

impl Watch {
    /// Records an agent reply (`answered`: it followed at least one customer turn).
    pub(super) fn agent_reply(&mut self, m: &ConversationModel, a: &Assessment, answered: bool) {
        let need = a.customer.as_ref().map_or(0.0, |c| c.emotions.distress());
        let responsive = a.customer.as_ref().map_or(1.0, |c| c.responsiveness);
        if need >= m.unmet_distress
            && (a.score < m.poor_reply || responsive < m.poor_responsiveness)
        {
            self.unmet_in_a_row += 1;
        } else if answered {
            self.unmet_in_a_row = 0;
        }
        if a.score < m.very_poor_reply {
            self.poor_in_a_row += 1;
        } else {
            self.poor_in_a_row = 0;
        }
    }

    /// Whether the customer turn just recorded (the last in `moods`) calls for a human.
    pub(super) fn at_customer_turn(
        &self,
        m: &ConversationModel,
        say: &EscalationMessages,
    ) -> Option<Escalation> {
        let &(turn, _, d) = self.moods.last()?;
        let max_distress = self.moods.iter().map(|x| x.2).fold(0.0, f32::max);
        let rising = self.moods.len() >= 3 && {
            let n = self.moods.len();
            self.moods[n - 3].2 < self.moods[n - 2].2 && self.moods[n - 2].2 < d
        };
        let (unmet, poor) = (self.unmet_in_a_row, self.poor_in_a_row);
        let distress = format!("{d:.2}");
        let (code, reason) = if d >= m.high_distress && unmet >= 1 {
            let template = if unmet == 1 {
                &say.high_distress_one
            } else {
                &say.high_distress_many
            };
            let reason = fill(template, &[("distress", &distress), ("count", &unmet)]);
            (EscalationReason::HighDistressUnmet, reason)
        } else if rising && d >= m.rising_distress && unmet >= 1 {
            let reason = fill(&say.rising, &[("distress", &distress)]);
            (EscalationReason::RisingDistress, reason)
        } else if unmet >= 2 && d >= m.repeated_distress {
            let reason = fill(&say.repeated, &[("distress", &distress), ("count", &unmet)]);
            (EscalationReason::RepeatedlyUnmet, reason)
        } else if poor >= 2 && max_distress >= m.upset_distress {
            let values: [(&str, &dyn std::fmt::Display); 3] = [
                ("distress", &format!("{max_distress:.2}")),
                ("count", &poor),
                ("threshold", &m.very_poor_reply),
            ];
            (
                EscalationReason::PoorReplies,
                fill(&say.poor_replies, &values),
            )
        } else {
            return None;
        };
        Some(Escalation { turn, code, reason })
    }

    /// At the end: a distressed customer whom nobody answered well (`unanswered`: their last
    /// turns got no reply at all).
    pub(super) fn at_end(
        &self,
        m: &ConversationModel,
        say: &EscalationMessages,
        unanswered: bool,
    ) -> Option<Escalation> {
        let &(turn, _, d) = self.moods.last()?;
        let last_agent_poor = self.unmet_in_a_row > 0 || self.poor_in_a_row > 0;
        let ends_badly =
            d >= m.high_distress && (last_agent_poor || unanswered) && self.moods.len() >= 2;
        ends_badly.then(|| Escalation {
            turn,
            code: EscalationReason::EndsDistressed,
            reason: fill(&say.ends_distressed, &[("distress", &format!("{d:.2}"))]),
        })
    }
}
