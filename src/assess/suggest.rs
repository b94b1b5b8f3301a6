//! Coaching suggestions: what would make the reply better, most important first.
//! The messages live in the lexicon's `[suggestions]` section.

use super::Engine;
use super::customer::CustomerReading;
use crate::kind::Emotion;
use crate::report::{Assessment, Suggestion, SuggestionCode};
use crate::shared_str::SharedStr;

/// At most this many suggestions are given: a coach names the few things that matter most.
const MAX_SUGGESTIONS: usize = 4;

/// A value at or above this counts as present.
const PRESENT: f32 = 0.2;

pub(crate) fn suggest(inner: &Engine, a: &mut Assessment, customer: Option<&CustomerReading>) {
    a.suggestions.clear();
    a.suggestions.reserve(MAX_SUGGESTIONS);
    let d = a.dimensions;
    let c = a.concerns;
    let room = |a: &Assessment, code| a.suggestions.len() < MAX_SUGGESTIONS && !a.suggests(code);
    let add = |a: &mut Assessment, code: SuggestionCode| {
        if room(a, code) {
            let message = inner.messages[code as usize].clone();
            a.suggestions.push(Suggestion { code, message });
        }
    };

    if c.blame >= PRESENT {
        add(a, SuggestionCode::AvoidBlame);
    }
    if c.dismissiveness >= PRESENT {
        add(a, SuggestionCode::AvoidDismissiveness);
    }
    if let Some(ctx) = a.customer.as_ref() {
        if let (Some(&first), Some(reading)) = (ctx.unmet.first(), customer) {
            if room(a, SuggestionCode::MeetEmotion) {
                let message = SharedStr::from(unmet_message(first, reading));
                let code = SuggestionCode::MeetEmotion;
                a.suggestions.push(Suggestion { code, message });
            }
        }
    }
    if c.policy_wall >= PRESENT {
        add(a, SuggestionCode::OfferAlternative);
    }
    let upset = customer.is_none_or(|r| r.need() >= 0.25);
    if d.acknowledgment < PRESENT && upset && !a.suggests(SuggestionCode::MeetEmotion) {
        add(a, SuggestionCode::AcknowledgeFeelings);
    }
    if d.ownership < PRESENT {
        add(a, SuggestionCode::TakeOwnership);
    }
    if c.curtness >= 0.3 {
        add(a, SuggestionCode::SayMore);
    }
    if c.scripted >= PRESENT {
        add(a, SuggestionCode::ReplaceScript);
    }
    if d.understanding < PRESENT && upset && customer.is_some() {
        add(a, SuggestionCode::ShowUnderstanding);
    }
    if d.exploration < 0.1 {
        add(a, SuggestionCode::AskOpenQuestion);
    }
    if let Some(ctx) = a.customer.as_ref() {
        if ctx.reflection < 0.25 {
            add(a, SuggestionCode::ReflectDetails);
        }
    }
    if d.reassurance < 0.1 {
        add(a, SuggestionCode::Reassure);
    }
    if d.personalization < 0.1 {
        add(a, SuggestionCode::Personalize);
    }
}

/// "The customer is anxious ("worried my card was stolen"): acknowledge that before …".
fn unmet_message(emotion: Emotion, reading: &CustomerReading) -> String {
    let feeling = match emotion {
        Emotion::Frustration => "is frustrated",
        Emotion::Anger => "is angry",
        Emotion::Sadness => "is upset",
        Emotion::Anxiety => "is anxious",
        Emotion::Confusion => "is confused",
        Emotion::Urgency => "is in a hurry",
        Emotion::Gratitude => "is thankful",
        Emotion::Relief => "is relieved",
    };
    let advice = match emotion {
        e if e.is_distress() => {
            "acknowledge that feeling before explaining, asking for details or quoting policy"
        }
        Emotion::Confusion => "check what they need and explain the next step plainly",
        Emotion::Urgency => "say exactly what you will do and by when",
        _ => "share the good feeling back warmly",
    };
    let strongest = reading
        .evidence
        .iter()
        .filter(|e| e.kind == emotion.into() && e.weight > 0.0)
        .max_by(|a, b| a.weight.total_cmp(&b.weight));
    let quote = strongest.and_then(|e| reading.text.get(e.span.range()));
    match (quote, &reading.name) {
        (Some(q), Some(name)) => format!("{name} {feeling} (\"{q}\"): {advice}."),
        (Some(q), None) => format!("The customer {feeling} (\"{q}\"): {advice}."),
        (None, Some(name)) => format!("{name} {feeling}: {advice}."),
        (None, None) => format!("The customer {feeling}: {advice}."),
    }
}
