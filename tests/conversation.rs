//! Conversation scoring through the public API: escalation, recovery, timestamps, order,
//! empty input, and the bundled sample conversations.

use empathy::Scorer;
use empathy::conversation::{Conversation, Role, TimeValue, Timestamp, Turn, TurnRecord};
use serde::Deserialize;

fn rec(role: Role, text: &str, at: Option<TimeValue>) -> TurnRecord {
    TurnRecord {
        role,
        text: text.into(),
        at,
        name: None,
    }
}

#[test]
fn empty_conversation_has_an_empty_report() {
    let r = Scorer::default().score_conversation(&Conversation::default());
    assert!(r.turns.is_empty());
    assert!(r.agent_mean.is_none() && r.agent_lowest.is_none());
    assert!(r.trajectory.is_none() && r.response_times.is_none() && r.escalation.is_none());
}

#[test]
fn agent_only_and_customer_only_conversations() {
    let s = Scorer::default();
    let r = s.score_conversation(&Conversation::new(vec![Turn::agent(
        "Hi! How can I help today?",
    )]));
    assert_eq!(r.turns.len(), 1);
    assert!(r.agent_mean.is_some() && r.trajectory.is_none());
    let r = s.score_conversation(&Conversation::new(vec![Turn::customer(
        "Where is my parcel?!",
    )]));
    assert!(r.agent_mean.is_none() && r.trajectory.is_some());
}

#[test]
fn timestamps_rfc3339_and_unix_agree() {
    let a = Timestamp::parse("2026-03-02T09:14:00Z").unwrap();
    let b = Timestamp::parse("2026-03-02T10:14:00+01:00").unwrap();
    let c = Timestamp::parse(" 1772442840 ").unwrap();
    assert_eq!(a.unix_seconds(), b.unix_seconds());
    assert_eq!(a.unix_seconds(), c.unix_seconds());
    for bad in [
        "",
        "yesterday",
        "2026-13-02T09:14:00Z",
        "2026-03-02 09:14",
        "NaN",
        "inf",
    ] {
        assert!(Timestamp::parse(bad).is_err(), "{bad:?} should be rejected");
    }
}

#[test]
fn a_bad_timestamp_names_the_turn() {
    let err = Conversation::from_records(vec![
        rec(
            Role::Customer,
            "Hi",
            Some(TimeValue::Text("2026-03-02T09:14:00Z".into())),
        ),
        rec(Role::Agent, "Hello", Some(TimeValue::Unix(1_772_442_900.0))),
        rec(
            Role::Customer,
            "Thanks",
            Some(TimeValue::Text("half past nine".into())),
        ),
    ])
    .unwrap_err();
    match err {
        empathy::Error::Timestamp {
            turn,
            source: empathy::TimestampError::Text { ref value, .. },
        } => {
            assert_eq!(turn, 2);
            assert_eq!(value, "half past nine");
        }
        other => panic!("expected a timestamp error, got {other}"),
    }
    assert!(err.to_string().starts_with("turn 2:"));
}

#[test]
fn response_times_and_out_of_order_turns() {
    let t = |s: f64| Timestamp::from_unix_seconds(s).unwrap();
    let conv = Conversation::new(vec![
        Turn::customer("My order hasn't arrived.").at(t(1000.0)),
        Turn::agent("Sorry about that, I've reshipped it today.").at(t(1060.0)),
        Turn::customer("Thanks! And the invoice?").at(t(1100.0)),
        Turn::agent("I've emailed the invoice to you.").at(t(1400.0)),
        Turn::customer("Got it.").at(t(1300.0)), // earlier than the turn before
    ]);
    let r = Scorer::default().score_conversation(&conv);
    let rt = r.response_times.unwrap();
    assert_eq!(rt.count, 2);
    assert_eq!(rt.longest_seconds, 300.0);
    assert_eq!(rt.median_seconds, 180.0);
    assert_eq!(r.out_of_order, vec![4]);
    assert_eq!(r.turns[1].response_seconds, Some(60.0));
}

#[test]
fn the_median_wait_never_exceeds_the_longest_even_near_the_float_limit() {
    // Absurd but finite times (found by fuzzing): each wait is about 1.6e308 seconds, and
    // two of them added before halving overflowed to infinity.
    let t = |s: f64| Timestamp::from_unix_seconds(s).unwrap();
    let conv = Conversation::new(vec![
        Turn::customer("Where is my parcel?").at(t(-8e307)),
        Turn::agent("Checking with the depot now.").at(t(8e307)),
        Turn::customer("And the refund?").at(t(-8e307)),
        Turn::agent("I've issued it today.").at(t(8e307)),
    ]);
    let rt = Scorer::default()
        .score_conversation(&conv)
        .response_times
        .unwrap();
    assert_eq!(rt.count, 2);
    assert!(rt.longest_seconds.is_finite());
    assert!(
        rt.median_seconds >= 0.0 && rt.median_seconds <= rt.longest_seconds,
        "{rt:?}"
    );
}

#[test]
fn cold_replies_to_a_rising_customer_escalate() {
    let conv = Conversation::new(vec![
        Turn::customer("My flight was cancelled and I'm stuck at the airport. What now?"),
        Turn::agent("Please refer to our conditions of carriage."),
        Turn::customer("That doesn't help at all. I'm really frustrated, I have nowhere to sleep."),
        Turn::agent("As previously stated, it's our policy. There's nothing I can do."),
        Turn::customer("This is absolutely unacceptable. I'm furious. I want a manager NOW!!!"),
    ]);
    let r = Scorer::default().score_conversation(&conv);
    let e = r.escalation.expect("should escalate");
    assert!(e.turn >= 2, "{e:?}");
    assert!(!e.reason.is_empty());
    assert!(!r.trajectory.unwrap().improved);
    assert!(r.agent_lowest.unwrap() < 30.0);
}

#[test]
fn a_caring_agent_recovers_the_conversation() {
    let conv = Conversation::new(vec![
        Turn::customer(
            "My card was blocked abroad and I'm stuck at the hotel desk. I'm panicking!",
        )
        .named("Lena"),
        Turn::agent(
            "Oh no Lena, that sounds really stressful, I'm so sorry. I've lifted the block right now, please try the card again.",
        ),
        Turn::customer("It worked!! Thank you so much, what a relief."),
        Turn::agent("So glad to hear it! Enjoy the rest of your trip, Lena."),
    ]);
    let r = Scorer::default().score_conversation(&conv);
    assert!(r.escalation.is_none(), "{:?}", r.escalation);
    let t = r.trajectory.unwrap();
    assert!(t.improved && t.last > t.first, "{t:?}");
    assert!(r.agent_mean.unwrap() > 50.0);
}

#[derive(Deserialize)]
struct Sample {
    id: String,
    expect_escalation: bool,
    expect_mood_improves: bool,
    turns: Vec<TurnRecord>,
}

#[test]
fn bundled_sample_conversations() {
    let s = Scorer::default();
    let samples: Vec<Sample> = include_str!("../data/samples/conversations.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).expect("sample line"))
        .collect();
    assert!(samples.len() >= 15);
    let (mut caught, mut should, mut false_alarms, mut improved_ok, mut improving) =
        (0, 0, 0, 0, 0);
    for sample in &samples {
        let conv = Conversation::from_records(sample.turns.clone()).expect("valid sample");
        let r = s.score_conversation(&conv);
        if sample.expect_escalation {
            should += 1;
            caught += usize::from(r.escalation.is_some());
        } else if r.escalation.is_some() {
            false_alarms += 1;
            eprintln!("{}: unexpected escalation {:?}", sample.id, r.escalation);
        }
        if sample.expect_mood_improves {
            improving += 1;
            improved_ok += usize::from(r.trajectory.is_some_and(|t| t.improved));
        }
    }
    eprintln!(
        "escalations caught {caught}/{should}, false alarms {false_alarms}, recoveries seen {improved_ok}/{improving}"
    );
    assert_eq!(
        false_alarms, 0,
        "no escalation where the conversation recovers or is neutral"
    );
    assert!(
        caught * 2 > should,
        "caught only {caught} of {should} escalations"
    );
    assert_eq!(
        improved_ok, improving,
        "every recovering conversation shows an improved mood"
    );
}
