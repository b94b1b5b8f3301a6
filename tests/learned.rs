//! The learned layer of the built-in lexicon (`data/lexicon/en-learned.toml`) is exactly what
//! the training procedure produces from the TRAIN split of the real rated corpus (run
//! `cargo run --release --example train -- --write` after changing hand-written cues or the
//! ratings), and its entries work like any cue: evidence with a span, overridable by a user
//! lexicon.

#[path = "../examples/support/customers.rs"]
mod customers;
#[path = "../examples/support/learn.rs"]
mod learn;
#[path = "../examples/support/metrics.rs"]
mod metrics;
#[path = "../examples/support/real.rs"]
mod real;

use empathy::lexicon::BUILTIN_EN_LEARNED;
use empathy::{EvidenceSource, Lexicon, Scorer};

#[test]
fn shipped_learned_layer_matches_the_training() {
    let corpus = real::corpus_path();
    if !corpus.exists() {
        let msg = format!(
            "the real corpus {} is missing (set EMPATHY_CORPUS to its path)",
            corpus.display()
        );
        // CI has ../shared/corpora: there the test must run.
        assert!(std::env::var_os("CI").is_none(), "{msg}");
        eprintln!("skipped: {msg}");
        return;
    }
    let set = real::load().unwrap_or_else(|e| panic!("real data: {e}"));
    let team = customers::load().unwrap_or_else(|e| panic!("the team's customer set: {e}"));
    let produced = learn::render(&learn::learn(&set, &team));
    if produced != BUILTIN_EN_LEARNED {
        let (shipped, fresh): (Vec<&str>, Vec<&str>) = (
            BUILTIN_EN_LEARNED.lines().collect(),
            produced.lines().collect(),
        );
        let line = shipped
            .iter()
            .zip(&fresh)
            .position(|(a, b)| a != b)
            .unwrap_or(shipped.len().min(fresh.len()));
        panic!(
            "{} differs from what the training produces (run `cargo run --release --example \
             train -- --write`); first difference at line {}:\n  shipped:  {}\n  produced: {}",
            learn::LEARNED_PATH,
            line + 1,
            shipped.get(line).unwrap_or(&"<end of file>"),
            fresh.get(line).unwrap_or(&"<end of file>"),
        );
    }
}

#[test]
fn learned_entries_are_evidence_with_spans_and_can_be_overridden() {
    let learned = Lexicon::from_toml_str(BUILTIN_EN_LEARNED).expect("the learned layer parses");
    let scorer = Scorer::default();
    assert!(
        !learned.entries().is_empty(),
        "the learned layer has no entries"
    );
    for e in learned.entries() {
        let text = e.pattern();
        assert!(
            text.split(' ').count() <= learn::MAX_N,
            "{text:?}: more than {} words",
            learn::MAX_N
        );
        assert!(
            e.weight() > 0.0 && e.weight() <= 0.5,
            "{text:?}: weight {}",
            e.weight()
        );
        let evidence = if e.kind().is_customer() {
            scorer.customer_emotions(text).evidence
        } else {
            scorer.score(text).evidence
        };
        let found = evidence
            .iter()
            .find(|ev| ev.cue.as_deref() == Some(text) && ev.kind == e.kind())
            .unwrap_or_else(|| panic!("{text:?} ({}): no evidence in {evidence:?}", e.kind()));
        assert_eq!(found.source, EvidenceSource::Learned, "{text:?}: source");
        assert_eq!(
            (found.span.start, found.span.end),
            (0, text.len()),
            "{text:?}: span"
        );
        assert_eq!(found.base_weight, e.weight(), "{text:?}: base weight");
    }

    // A user lexicon overrides a learned entry like any other.
    let e = learned
        .entries()
        .iter()
        .find(|e| !e.kind().is_customer())
        .expect("a learned reply entry");
    let user = Lexicon::from_toml_str(&format!(
        "[lexicon]\nformat = 1\n[[cues]]\nkind = \"{}\"\nweight = 0.9\nentries = [\"{}\"]\n",
        e.kind(),
        e.pattern()
    ))
    .expect("user lexicon");
    let overridden = Scorer::builder().extend(user).build().expect("scorer");
    let a = overridden.score(e.pattern());
    assert!(
        a.evidence
            .iter()
            .any(|ev| ev.cue.as_deref() == Some(e.pattern())
                && ev.base_weight == 0.9
                && ev.source == EvidenceSource::Cue),
        "{:?} not overridden: {:?}",
        e.pattern(),
        a.evidence
    );
}

/// Every hand-written cue the built-in lexicon finds without the learned layer, it still
/// finds with it (same kind, same span): a learned phrase never takes a hand-written one's
/// place (learn.rs drops the n-grams that would).
#[test]
fn learned_entries_never_displace_hand_written_cues() {
    let hand = Scorer::builder()
        .lexicon(learn::hand_lexicon())
        .build()
        .expect("hand-written scorer");
    let full = Scorer::default();
    let items = metrics::read_items(concat!(env!("CARGO_MANIFEST_DIR"), "/data/eval/dev.jsonl"))
        .expect("dev set");
    let mut texts: Vec<(Option<String>, String)> = items
        .iter()
        .map(|i| (i.customer.clone(), i.reply.clone()))
        .collect();
    if let Ok(set) = real::load() {
        texts.extend(
            set.replies(real::Selection::Train)
                .iter()
                .map(|i| (i.context.clone(), i.text.clone())),
        );
    }
    let key = |e: &empathy::Evidence| (e.kind, e.span.start, e.span.end, e.cue.clone());
    let mut missing = Vec::new();
    for (customer, reply) in &texts {
        let (a, b) = match customer {
            Some(c) => (hand.score_reply(c, reply), full.score_reply(c, reply)),
            None => (hand.score(reply), full.score(reply)),
        };
        let mut pairs = vec![(a.evidence, b.evidence)];
        if let (Some(x), Some(y)) = (a.customer, b.customer) {
            pairs.push((x.evidence, y.evidence));
        }
        for (before, after) in pairs {
            let kept: std::collections::HashSet<_> = after.iter().map(key).collect();
            missing.extend(
                before
                    .iter()
                    .filter(|e| e.cue.is_some() && !kept.contains(&key(e)))
                    .map(|e| format!("{:?} ({}) in {reply:?}", e.cue, e.kind)),
            );
        }
    }
    assert!(
        missing.is_empty(),
        "{} hand-written cue(s) displaced by the learned layer, e.g.:\n{}",
        missing.len(),
        missing[..missing.len().min(10)].join("\n")
    );
}
