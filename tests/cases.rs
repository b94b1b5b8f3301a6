//! Table-driven cases written by the team (tests/cases/*.toml), run through the public API.

use empathy::{Assessment, Kind, Scorer};
use serde::Deserialize;

/// A kind "fires" at or above this value…
const FIRES: f32 = 0.2;
/// …and is "quiet" below this one.
const QUIET: f32 = 0.1;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    customer: Option<String>,
    #[serde(default)]
    fires: Vec<String>,
    #[serde(default)]
    quiet: Vec<String>,
    /// A case the scorer is known to get wrong, and why: reported, not asserted.
    known_gap: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Pair {
    why: String,
    higher: String,
    lower: String,
    customer: Option<String>,
    known_gap: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextPair {
    why: String,
    reply: String,
    higher_customer: String,
    lower_customer: String,
    known_gap: Option<String>,
}

#[derive(Deserialize)]
struct Cases {
    case: Vec<Case>,
}
#[derive(Deserialize)]
struct Pairs {
    pair: Vec<Pair>,
}
#[derive(Deserialize)]
struct ContextPairs {
    pair: Vec<ContextPair>,
}

fn assess(scorer: &Scorer, customer: Option<&str>, text: &str) -> Assessment {
    match customer {
        Some(c) => scorer.score_reply(c, text),
        None => scorer.score(text),
    }
}

fn describe(a: &Assessment, text: &str) -> String {
    let ev: Vec<String> = a
        .evidence
        .iter()
        .map(|e| {
            format!(
                "{}:{:?}={:.2}{:?}",
                e.kind,
                &text[e.span.range()],
                e.weight,
                e.rules
            )
        })
        .collect();
    format!("score {:.1}; evidence {}", a.score, ev.join(", "))
}

#[test]
fn labelled_cases() {
    let cases: Cases = toml::from_str(include_str!("cases/labelled.toml")).expect("labelled.toml");
    assert!(cases.case.len() >= 150, "at least 150 labelled cases");
    let scorer = Scorer::default();
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    for case in &cases.case {
        let a = assess(&scorer, case.customer.as_deref(), &case.text);
        let failures = if let Some(why) = &case.known_gap {
            gaps.push(format!("{}: {why}", case.name));
            &mut Vec::new()
        } else {
            &mut failures
        };
        let value = |key: &str| {
            let kind =
                Kind::from_key(key).unwrap_or_else(|| panic!("{}: unknown kind {key}", case.name));
            a.get(kind)
        };
        for k in &case.fires {
            if value(k) < FIRES {
                failures.push(format!(
                    "{}: {k} should fire, is {:.2} — {}",
                    case.name,
                    value(k),
                    describe(&a, &case.text)
                ));
            }
        }
        for k in &case.quiet {
            if value(k) >= QUIET {
                failures.push(format!(
                    "{}: {k} should be quiet, is {:.2} — {}",
                    case.name,
                    value(k),
                    describe(&a, &case.text)
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing checks:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn ordering_pairs() {
    let pairs: Pairs = toml::from_str(include_str!("cases/ordering.toml")).expect("ordering.toml");
    assert!(pairs.pair.len() >= 40);
    let scorer = Scorer::default();
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    for p in &pairs.pair {
        if let Some(why) = &p.known_gap {
            gaps.push(format!("{}: {why}", p.why));
            continue;
        }
        let hi = assess(&scorer, p.customer.as_deref(), &p.higher);
        let lo = assess(&scorer, p.customer.as_deref(), &p.lower);
        if hi.score <= lo.score {
            failures.push(format!(
                "{}: {:.1} <= {:.1}\n   higher: {}\n   lower:  {}",
                p.why,
                hi.score,
                lo.score,
                describe(&hi, &p.higher),
                describe(&lo, &p.lower)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing pairs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn same_reply_different_customer() {
    let pairs: ContextPairs =
        toml::from_str(include_str!("cases/context_pairs.toml")).expect("context_pairs.toml");
    assert!(pairs.pair.len() >= 20);
    let scorer = Scorer::default();
    let mut failures = Vec::new();
    let mut gaps = Vec::new();
    for p in &pairs.pair {
        if let Some(why) = &p.known_gap {
            gaps.push(format!("{}: {why}", p.why));
            continue;
        }
        let hi = scorer.score_reply(&p.higher_customer, &p.reply);
        let lo = scorer.score_reply(&p.lower_customer, &p.reply);
        if hi.score <= lo.score {
            failures.push(format!(
                "{}: {:.1} <= {:.1} — {}",
                p.why,
                hi.score,
                lo.score,
                describe(&lo, &p.reply)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failing pairs:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
