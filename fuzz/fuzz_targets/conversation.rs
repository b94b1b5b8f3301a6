#![no_main]
//! Any sequence of turns, with arbitrary (possibly invalid or out-of-order) timestamps.
use empathy::conversation::{Conversation, Role, TimeValue, TurnRecord};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|turns: Vec<(bool, String, Option<String>, Option<f64>, Option<String>)>| {
    let records: Vec<TurnRecord> = turns
        .into_iter()
        .take(64)
        .map(|(agent, text, at_text, at_num, name)| TurnRecord {
            role: if agent { Role::Agent } else { Role::Customer },
            text,
            at: at_num.map(TimeValue::Unix).or(at_text.map(TimeValue::Text)),
            name,
        })
        .collect();
    let Ok(conv) = Conversation::from_records(records) else {
        return;
    };
    let report = empathy::Scorer::default().score_conversation(&conv);
    assert_eq!(report.turns.len(), conv.turns.len());
    if let Some(rt) = report.response_times {
        assert!(rt.median_seconds >= 0.0 && rt.longest_seconds >= rt.median_seconds);
    }
});
