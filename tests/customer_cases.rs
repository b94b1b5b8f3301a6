//! Table-driven cases for the customer reading (`tests/cases/customer.toml`), through the
//! public API.

use empathy::{Emotion, Emotions, Scorer};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Cases {
    #[serde(default)]
    case: Vec<Case>,
    #[serde(default)]
    pair: Vec<Pair>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    why: String,
    text: String,
    #[serde(default)]
    at_least: BTreeMap<String, f32>,
    #[serde(default)]
    at_most: BTreeMap<String, f32>,
    rule: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    why: String,
    emotion: String,
    higher: String,
    lower: String,
}

fn cases() -> Cases {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases/customer.toml");
    let text = std::fs::read_to_string(path).expect("tests/cases/customer.toml");
    toml::from_str(&text).expect("customer.toml parses")
}

/// An emotion by key, or `distress` (`Emotions::distress`).
fn value(emotions: &Emotions, key: &str) -> f32 {
    if key == "distress" {
        return emotions.distress();
    }
    let e = Emotion::from_key(key).unwrap_or_else(|| panic!("unknown emotion {key:?}"));
    emotions.get(e)
}

#[test]
fn customer_cases_hold() {
    let scorer = Scorer::default();
    let cases = cases();
    assert!(!cases.case.is_empty() && !cases.pair.is_empty());
    let mut failures = Vec::new();
    for c in &cases.case {
        let r = scorer.customer_emotions(&c.text);
        for (k, &min) in &c.at_least {
            let v = value(&r.emotions, k);
            if v < min {
                failures.push(format!("{}: {k} {v:.2} < {min} ({:?})", c.why, c.text));
            }
        }
        for (k, &max) in &c.at_most {
            let v = value(&r.emotions, k);
            if v > max {
                failures.push(format!("{}: {k} {v:.2} > {max} ({:?})", c.why, c.text));
            }
        }
        if let Some(rule) = &c.rule {
            let carried = r
                .evidence
                .iter()
                .any(|e| e.rules.iter().any(|x| x.key() == rule.as_str()));
            if !carried {
                failures.push(format!(
                    "{}: no evidence carries {rule} ({:?})",
                    c.why, c.text
                ));
            }
        }
    }
    for p in &cases.pair {
        let hi = value(&scorer.customer_emotions(&p.higher).emotions, &p.emotion);
        let lo = value(&scorer.customer_emotions(&p.lower).emotions, &p.emotion);
        if hi <= lo {
            failures.push(format!("{}: {} {hi:.2} ≤ {lo:.2}", p.why, p.emotion));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
