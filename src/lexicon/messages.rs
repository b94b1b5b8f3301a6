//! The English a scorer writes beyond the coaching tips: the unmet-emotion tip and the
//! escalation reasons (`[messages]` in the lexicon). Templates are checked when the lexicon is
//! read: a placeholder the code does not fill is an error naming its line. (Computed evidence
//! has no label to write: its `source` says what it is.)

use crate::error::LexiconProblem;
use crate::kind::Emotion;
use crate::util::template;
use serde::Deserialize;
use toml::Spanned;

/// `[messages]` as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMessages {
    unmet: RawUnmet,
    escalation: RawEscalation,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawUnmet {
    customer: Spanned<String>,
    quoted: Spanned<String>,
    plain: Spanned<String>,
    feelings: RawFeelings,
    advice: RawAdvice,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeelings {
    frustration: Spanned<String>,
    anger: Spanned<String>,
    sadness: Spanned<String>,
    anxiety: Spanned<String>,
    confusion: Spanned<String>,
    urgency: Spanned<String>,
    gratitude: Spanned<String>,
    relief: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAdvice {
    distress: Spanned<String>,
    confusion: Spanned<String>,
    urgency: Spanned<String>,
    positive: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEscalation {
    high_distress_one: Spanned<String>,
    high_distress_many: Spanned<String>,
    rising: Spanned<String>,
    repeated: Spanned<String>,
    poor_replies: Spanned<String>,
    ends_distressed: Spanned<String>,
}

/// The messages, validated.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Messages {
    /// How to name a customer whose name is unknown ("The customer").
    pub(crate) customer: String,
    /// `{who} {feeling} ("{quote}"): {advice}.`
    pub(crate) unmet_quoted: String,
    /// `{who} {feeling}: {advice}.`
    pub(crate) unmet_plain: String,
    /// Per emotion (by [`Emotion::index`]): "is frustrated".
    pub(crate) feelings: Vec<String>,
    pub(crate) advice_distress: String,
    pub(crate) advice_confusion: String,
    pub(crate) advice_urgency: String,
    pub(crate) advice_positive: String,
    pub(crate) escalation: EscalationMessages,
}

/// Escalation reasons (`{distress}`, `{count}`, `{threshold}` are filled in).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct EscalationMessages {
    pub(crate) high_distress_one: String,
    pub(crate) high_distress_many: String,
    pub(crate) rising: String,
    pub(crate) repeated: String,
    pub(crate) poor_replies: String,
    pub(crate) ends_distressed: String,
}

impl Messages {
    /// The tip for an unmet emotion: what the customer feels, and what to do about it.
    pub(crate) fn advice(&self, emotion: Emotion) -> &str {
        match emotion {
            e if e.is_distress() => &self.advice_distress,
            Emotion::Confusion => &self.advice_confusion,
            Emotion::Urgency => &self.advice_urgency,
            _ => &self.advice_positive,
        }
    }
}

/// A message with the placeholders it may use; the byte offset of a bad one on error.
fn text(s: Spanned<String>, allowed: &[&str]) -> Result<String, (usize, LexiconProblem)> {
    let at = s.span().start;
    let value = s.into_inner();
    if value.trim().is_empty() {
        return Err((at, LexiconProblem::EmptyEntry));
    }
    let names = template::placeholders(&value).ok_or_else(|| {
        let problem = LexiconProblem::BadPlaceholder {
            message: value.clone(),
            placeholder: "{".into(),
        };
        (at, problem)
    })?;
    if let Some(bad) = names.iter().find(|n| !allowed.contains(n)) {
        let problem = LexiconProblem::BadPlaceholder {
            message: value.clone(),
            placeholder: (*bad).to_string(),
        };
        return Err((at, problem));
    }
    Ok(value)
}

impl RawMessages {
    /// Validates every message; on error, the byte offset and the problem.
    pub(super) fn read(self) -> Result<Messages, (usize, LexiconProblem)> {
        let u = self.unmet;
        let f = u.feelings;
        let feelings = [
            (Emotion::Frustration, f.frustration),
            (Emotion::Anger, f.anger),
            (Emotion::Sadness, f.sadness),
            (Emotion::Anxiety, f.anxiety),
            (Emotion::Confusion, f.confusion),
            (Emotion::Urgency, f.urgency),
            (Emotion::Gratitude, f.gratitude),
            (Emotion::Relief, f.relief),
        ];
        let mut by_index = vec![String::new(); Emotion::ALL.len()];
        for (emotion, s) in feelings {
            by_index[emotion.index()] = text(s, &[])?;
        }
        let e = self.escalation;
        let reason = |s, allowed: &[&str]| text(s, allowed);
        Ok(Messages {
            customer: text(u.customer, &[])?,
            unmet_quoted: text(u.quoted, &["who", "feeling", "quote", "advice"])?,
            unmet_plain: text(u.plain, &["who", "feeling", "advice"])?,
            feelings: by_index,
            advice_distress: text(u.advice.distress, &[])?,
            advice_confusion: text(u.advice.confusion, &[])?,
            advice_urgency: text(u.advice.urgency, &[])?,
            advice_positive: text(u.advice.positive, &[])?,
            escalation: EscalationMessages {
                high_distress_one: reason(e.high_distress_one, &["distress", "count"])?,
                high_distress_many: reason(e.high_distress_many, &["distress", "count"])?,
                rising: reason(e.rising, &["distress"])?,
                repeated: reason(e.repeated, &["distress", "count"])?,
                poor_replies: reason(e.poor_replies, &["distress", "count", "threshold"])?,
                ends_distressed: reason(e.ends_distressed, &["distress"])?,
            },
        })
    }
}
