//! Coaching suggestions: what would make the reply better, most important first.
//! The messages live in the lexicon's `[suggestions]` section.

use super::Engine;
use super::customer::CustomerReading;
use crate::kind::Emotion;
use crate::lexicon::messages::Messages;
use crate::report::{Assessment, Suggestion, SuggestionCode};
use crate::shared_str::SharedStr;
use crate::util::template;

pub(crate) fn suggest(inner: &Engine, a: &mut Assessment, customer: Option<&CustomerReading>) {
    let k = &inner.weights.coaching;
    let (present, absent) = (k.present, k.absent);
    a.suggestions.clear();
    a.suggestions.reserve(k.max_suggestions);
    let d = a.dimensions;
    let c = a.concerns;
    let room = |a: &Assessment, code| a.suggestions.len() < k.max_suggestions && !a.suggests(code);
    let add = |a: &mut Assessment, code: SuggestionCode| {
        if room(a, code) {
            let message = inner.messages[code as usize].clone();
            a.suggestions.push(Suggestion { code, message });
        }
    };

    if c.blame >= present {
        add(a, SuggestionCode::AvoidBlame);
    }
    if c.dismissiveness >= present {
        add(a, SuggestionCode::AvoidDismissiveness);
    }
    if let Some(ctx) = a.customer.as_ref()
        && let (Some(&first), Some(reading)) = (ctx.unmet.first(), customer)
        && room(a, SuggestionCode::MeetEmotion)
    {
        let message = SharedStr::from(unmet_message(&inner.texts, first, reading));
        let code = SuggestionCode::MeetEmotion;
        a.suggestions.push(Suggestion { code, message });
    }
    if c.policy_wall >= present {
        add(a, SuggestionCode::OfferAlternative);
    }
    if c.defensiveness >= present {
        add(a, SuggestionCode::AvoidDefensiveness);
    }
    if c.deflection >= present {
        add(a, SuggestionCode::KeepTheCase);
    }
    let upset = customer.is_none_or(|r| r.need(&inner.weights.customer) >= k.upset_need);
    if d.acknowledgment < present && upset && !a.suggests(SuggestionCode::MeetEmotion) {
        add(a, SuggestionCode::AcknowledgeFeelings);
    }
    if d.ownership < present {
        add(a, SuggestionCode::TakeOwnership);
    }
    if c.curtness >= k.curt {
        add(a, SuggestionCode::SayMore);
    }
    if c.scripted >= present {
        add(a, SuggestionCode::ReplaceScript);
    }
    if d.understanding < present && upset && customer.is_some() {
        add(a, SuggestionCode::ShowUnderstanding);
    }
    if d.exploration < absent {
        add(a, SuggestionCode::AskOpenQuestion);
    }
    if let Some(ctx) = a.customer.as_ref()
        && ctx.reflection < k.reflect_below
    {
        add(a, SuggestionCode::ReflectDetails);
    }
    if d.reassurance < absent {
        add(a, SuggestionCode::Reassure);
    }
    if d.personalization < absent {
        add(a, SuggestionCode::Personalize);
    }
}

/// "The customer is anxious ("worried my card was stolen"): acknowledge that before …".
fn unmet_message(m: &Messages, emotion: Emotion, reading: &CustomerReading) -> String {
    let feeling = &m.feelings[emotion.index()];
    let advice = m.advice(emotion);
    let strongest = reading
        .evidence
        .iter()
        .filter(|e| e.kind == emotion.into() && e.weight > 0.0)
        .max_by(|a, b| a.weight.total_cmp(&b.weight));
    let quote = strongest.and_then(|e| reading.text.get(e.span.range()));
    let who: &str = reading.name.as_deref().unwrap_or(&m.customer);
    match quote {
        Some(q) => template::fill(
            &m.unmet_quoted,
            &[
                ("who", &who),
                ("feeling", feeling),
                ("quote", &q),
                ("advice", &advice),
            ],
        ),
        None => template::fill(
            &m.unmet_plain,
            &[("who", &who), ("feeling", feeling), ("advice", &advice)],
        ),
    }
}
