//! The loader of the team's peer-support turns (`examples/support/peer.rs`): the shipped set
//! reads, and a bad line is named with its file and line number.

#[path = "../examples/support/metrics.rs"]
mod metrics;
#[path = "../examples/support/peer.rs"]
mod peer;
#[path = "../examples/support/real.rs"]
mod real;

use std::path::PathBuf;

fn temp(name: &str, text: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("empathy-peer-{}-{name}", std::process::id()));
    std::fs::write(&p, text).expect("temp file");
    p
}

#[test]
fn the_shipped_set_reads_with_every_strategy_and_both_halves() {
    let set = peer::load().unwrap_or_else(|e| panic!("peer set: {e}"));
    for s in peer::STRATEGIES {
        assert!(
            set.items.iter().any(|i| i.strategy == s),
            "no turn labelled {s}"
        );
    }
    let held = set.select(real::Selection::HeldOut).len();
    let train = set.select(real::Selection::Train).len();
    assert_eq!(held + train, set.items.len());
    assert!(held > 0 && train > 0, "held out {held}, train {train}");
}

#[test]
fn a_bad_line_is_named_with_its_line() {
    let good = r#"{"id": "x1", "seeker": "hi", "reply": "How are you feeling today?", "strategy": "question", "topic": "t"}"#;
    let cases = [
        (
            r#"{"id": "x2", "seeker": "hi", "reply": "ok", "strategy": "lecture", "topic": "t"}"#,
            "strategy \"lecture\"",
        ),
        (
            r#"{"id": "x2", "seeker": "hi", "reply": "  ", "strategy": "other", "topic": "t"}"#,
            "the reply is empty",
        ),
        (good, "id x1 appears twice"),
        ("{not json", ":2:"),
    ];
    for (i, (bad, expected)) in cases.iter().enumerate() {
        let path = temp(&format!("bad{i}.jsonl"), &format!("{good}\n{bad}\n"));
        let err = peer::load_from(&path)
            .err()
            .unwrap_or_else(|| panic!("{bad:?} was accepted"))
            .to_string();
        assert!(err.contains(":2"), "{err}: no line number");
        assert!(err.contains(expected), "{err}: expected {expected:?}");
        let _ = std::fs::remove_file(&path);
    }
}
