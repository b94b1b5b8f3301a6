//! The pass over a conversation's turns: each customer turn read for emotions and mood, each
//! agent turn assessed against the customer turns it answers, then the summary.

use super::escalation::Watch;
use super::{
    Conversation, ConversationReport, Escalation, ResponseTimes, Role, Trajectory, Turn, TurnReport,
};
use crate::model::ConversationModel;
use crate::report::{Emotions, Suggestion, SuggestionCode};
use crate::scorer::{CustomerMessage, Scorer};

/// Mood from emotions: positive feelings minus distress.
fn mood(m: &ConversationModel, e: &Emotions) -> f32 {
    let positive = e.gratitude.max(e.relief);
    let negative = e
        .distress()
        .max(e.urgency * m.mood_urgency)
        .max(e.confusion * m.mood_confusion);
    (positive - negative).clamp(-1.0, 1.0)
}

/// What the pass keeps between turns.
#[derive(Default)]
struct Pass {
    turns: Vec<TurnReport>,
    /// Customer turns not yet answered.
    pending: Vec<usize>,
    customer_name: Option<String>,
    waits: Vec<f64>,
    out_of_order: Vec<usize>,
    last_time: Option<f64>,
    escalation: Option<Escalation>,
    watch: Watch,
}

impl Scorer {
    /// Scores a whole conversation.
    ///
    /// Each agent turn is assessed against the customer turns since the previous agent turn;
    /// each customer turn gets its emotions and mood. Escalation is flagged when the customer's
    /// distress is high or rising and the agent's replies are not meeting it; the agent turn
    /// that should hand over (the first after that point, or else the last) is then told so
    /// with a [`SuggestionCode::Escalate`] suggestion.
    pub fn score_conversation(&self, conversation: &Conversation) -> ConversationReport {
        let mut pass = Pass {
            turns: Vec::with_capacity(conversation.turns.len()),
            ..Pass::default()
        };
        for (i, turn) in conversation.turns.iter().enumerate() {
            pass.note_time(i, turn);
            match turn.role {
                Role::Customer => self.customer_turn(&mut pass, i, turn),
                Role::Agent => self.agent_turn(&mut pass, conversation, i, turn),
            }
        }
        let engine = self.engine();
        let (m, say) = (&engine.weights.conversation, &engine.texts.escalation);
        if pass.escalation.is_none() {
            let unanswered = !pass.pending.is_empty();
            pass.escalation = pass.watch.at_end(m, say, unanswered);
        }
        if let Some(e) = &pass.escalation {
            self.suggest_handover(&mut pass.turns, e.turn);
        }
        pass.report(m)
    }

    fn customer_turn(&self, pass: &mut Pass, i: usize, turn: &Turn) {
        let engine = self.engine();
        let (m, say) = (&engine.weights.conversation, &engine.texts.escalation);
        if turn.name.is_some() {
            pass.customer_name.clone_from(&turn.name);
        }
        let reading = self.customer_emotions(&turn.text);
        if pass.customer_name.is_none() {
            pass.customer_name.clone_from(&reading.name);
        }
        let mood = mood(m, &reading.emotions);
        pass.watch
            .moods
            .push((i, mood, reading.emotions.distress()));
        pass.pending.push(i);
        if pass.escalation.is_none() {
            pass.escalation = pass.watch.at_customer_turn(m, say);
        }
        pass.turns.push(TurnReport {
            index: i,
            role: Role::Customer,
            assessment: None,
            emotions: Some(reading.emotions),
            mood: Some(mood),
            response_seconds: None,
        });
    }

    fn agent_turn(&self, pass: &mut Pass, conversation: &Conversation, i: usize, turn: &Turn) {
        let customer_text: Vec<&str> = pass
            .pending
            .iter()
            .map(|&c| conversation.turns[c].text.as_str())
            .collect();
        let assessment = if customer_text.is_empty() {
            self.score(&turn.text)
        } else {
            let joined = customer_text.join("\n");
            let mut message = CustomerMessage::new(&joined);
            message.name = pass.customer_name.as_deref();
            self.score_reply_to(&turn.text, message)
        };
        let response_seconds = pass.pending.first().and_then(|&c| {
            let asked = conversation.turns[c].at?.unix_seconds();
            let answered = turn.at?.unix_seconds();
            (answered >= asked).then_some(answered - asked)
        });
        pass.waits.extend(response_seconds);
        let m = &self.engine().weights.conversation;
        pass.watch
            .agent_reply(m, &assessment, !pass.pending.is_empty());
        pass.pending.clear();
        pass.turns.push(TurnReport {
            index: i,
            role: Role::Agent,
            assessment: Some(assessment),
            emotions: None,
            mood: None,
            response_seconds,
        });
    }

    /// Tells the agent turn that should hand over — the first after `turn`, else the last
    /// before it — to escalate, as its most important suggestion.
    fn suggest_handover(&self, turns: &mut [TurnReport], turn: usize) {
        let is_agent = |t: &&mut TurnReport| t.assessment.is_some();
        let (before, after) = turns.split_at_mut(turn.min(turns.len()));
        let target = match after.iter_mut().find(is_agent) {
            Some(t) => Some(t),
            None => before.iter_mut().rev().find(is_agent),
        };
        let Some(a) = target.and_then(|t| t.assessment.as_mut()) else {
            return;
        };
        let engine = self.engine();
        let code = SuggestionCode::Escalate;
        if !a.suggests(code) {
            let message = engine.messages[code as usize].clone();
            a.suggestions.insert(0, Suggestion { code, message });
            a.suggestions
                .truncate(engine.weights.coaching.max_suggestions);
        }
    }
}

impl Pass {
    fn note_time(&mut self, i: usize, turn: &Turn) {
        if let Some(at) = turn.at {
            if self.last_time.is_some_and(|t| at.unix_seconds() < t) {
                self.out_of_order.push(i);
            }
            self.last_time = Some(at.unix_seconds());
        }
    }

    fn report(self, m: &ConversationModel) -> ConversationReport {
        let scores: Vec<(usize, f32)> = self
            .turns
            .iter()
            .filter_map(|t| t.assessment.as_ref().map(|a| (t.index, a.score)))
            .collect();
        let agent_mean = (!scores.is_empty())
            .then(|| scores.iter().map(|s| s.1).sum::<f32>() / scores.len() as f32);
        let lowest = scores.iter().copied().min_by(|a, b| a.1.total_cmp(&b.1));
        let moods = &self.watch.moods;
        let trajectory = match (moods.first(), moods.last()) {
            (Some(&(_, first, _)), Some(&(_, last, _))) => Some(Trajectory {
                first,
                last,
                change: last - first,
                improved: last - first >= m.mood_change,
                worsened: first - last >= m.mood_change,
            }),
            _ => None,
        };
        ConversationReport {
            response_times: response_times(self.waits),
            turns: self.turns,
            agent_mean,
            agent_lowest: lowest.map(|l| l.1),
            agent_lowest_turn: lowest.map(|l| l.0),
            trajectory,
            out_of_order: self.out_of_order,
            escalation: self.escalation,
        }
    }
}

/// Median and longest wait, when any answer was timed.
fn response_times(mut waits: Vec<f64>) -> Option<ResponseTimes> {
    if waits.is_empty() {
        return None;
    }
    waits.sort_by(f64::total_cmp);
    let n = waits.len();
    let median = if n % 2 == 1 {
        waits[n / 2]
    } else {
        // Halved first: two waits near `f64::MAX` (absurd but finite timestamps) must not
        // add up to infinity and put the median above the longest wait.
        waits[n / 2 - 1] / 2.0 + waits[n / 2] / 2.0
    };
    Some(ResponseTimes {
        median_seconds: median,
        longest_seconds: waits[n - 1],
        count: n,
    })
}
