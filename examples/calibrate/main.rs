//! Calibrate the overall score on rated data: the training splits of the rated real corpus
//! (`data/eval/real`, joined with `../shared/corpora` at run time) and of the team's
//! development set (`data/eval/dev.jsonl`).
//!
//! ```text
//! cargo run --release --example calibrate                 # print the fitted weights and held-out figures
//! cargo run --release --example calibrate -- --write      # also write them into data/lexicon/en.toml
//! ```
//!
//! The fit uses the training splits only (real: by conversation, see
//! `data/eval/real/manifest.jsonl`; dev: by customer message, see `Item::held_out`), so the
//! held-out figures printed here are honest. The test `tests/calibration.rs` fails when the
//! shipped weights differ from what this produces.

mod fit;
#[path = "../support/metrics.rs"]
mod metrics;
#[path = "../support/real.rs"]
mod real;

use empathy::{Concern, Dimension, Kind, Model, Scorer};
use metrics::{Item, read_items, roc_auc, spearman};

const LEXICON: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/en.toml");

fn real_report(label: &str, scorer: &Scorer, set: &real::RealSet) {
    let test = set.replies(real::Selection::HeldOut);
    let scores: Vec<f64> = test
        .iter()
        .map(|i| f64::from(i.assess(scorer).score))
        .collect();
    let overall: Vec<f64> = test.iter().map(|i| i.mean("overall")).collect();
    println!(
        "{label}: real held-out n={} Spearman(score, overall) = {:.3}",
        test.len(),
        spearman(&scores, &overall)
    );
}

fn held_out_report(label: &str, scorer: &Scorer, items: &[Item]) {
    let test: Vec<&Item> = items.iter().filter(|i| i.held_out()).collect();
    let assessed: Vec<_> = test.iter().map(|i| i.assess(scorer)).collect();
    let scores: Vec<f64> = assessed.iter().map(|a| f64::from(a.score)).collect();
    let overall: Vec<f64> = test.iter().map(|i| i.mean("overall")).collect();
    let mut aucs = Vec::new();
    for key in metrics::FIELDS {
        let kind = Kind::from_key(key).expect("kind");
        let v: Vec<f64> = assessed.iter().map(|a| f64::from(a.get(kind))).collect();
        let pos: Vec<bool> = test.iter().map(|i| i.mean(key) >= 0.5).collect();
        let auc = roc_auc(&v, &pos);
        if auc.is_finite() {
            aucs.push(auc);
        }
    }
    let mean_auc = aucs.iter().sum::<f64>() / aucs.len().max(1) as f64;
    println!(
        "{label}: held-out n={} Spearman(score, overall) = {:.3}, mean field AUC = {:.3}",
        test.len(),
        spearman(&scores, &overall),
        mean_auc
    );
}

fn toml_block(w: &Model) -> Vec<(String, String)> {
    let mut lines = vec![
        ("bias".to_string(), format!("{}", w.bias)),
        ("unmet_emotion".to_string(), format!("{}", w.unmet_emotion)),
        ("off_topic".to_string(), format!("{}", w.off_topic)),
        (
            "levels".to_string(),
            format!(
                "{{ moderate = {:.1}, high = {:.1} }}",
                w.levels.moderate, w.levels.high
            ),
        ),
    ];
    for &d in Dimension::ALL {
        lines.push((
            d.key().to_string(),
            format!("{}", w.dimension_weights.get(d)),
        ));
    }
    for &c in Concern::ALL {
        lines.push((c.key().to_string(), format!("{}", w.concern_weights.get(c))));
    }
    lines
}

/// Rewrites `key = value` lines of the [model] sections of the lexicon.
fn write(w: &Model) -> std::io::Result<()> {
    let src = std::fs::read_to_string(LEXICON)?;
    let updates = toml_block(w);
    let mut section = String::new();
    let mut out = String::with_capacity(src.len());
    for line in src.lines() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            section = trimmed.to_string();
        }
        let in_model = section.starts_with("[model");
        let key = trimmed.split('=').next().unwrap_or("").trim();
        match updates.iter().find(|(k, _)| k == key) {
            Some((k, v)) if in_model && trimmed.contains('=') => {
                out.push_str(&format!("{k} = {v}"))
            }
            _ => out.push_str(line),
        }
        out.push('\n');
    }
    std::fs::write(LEXICON, out)
}

fn main() {
    let write_back = std::env::args().any(|a| a == "--write");
    let items = read_items(concat!(env!("CARGO_MANIFEST_DIR"), "/data/eval/dev.jsonl"))
        .unwrap_or_else(|e| {
            eprintln!("error: {e}");
            std::process::exit(1)
        });
    let real_set = real::load().unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    });
    let scorer = Scorer::default();
    held_out_report("before", &scorer, &items);
    real_report("before", &scorer, &real_set);
    let train = fit::examples(&scorer, &items, &real_set);
    let fitted = fit::fit(&scorer, &train);
    let calibrated = Scorer::builder()
        .model(fitted.clone())
        .build()
        .expect("fitted weights are valid");
    held_out_report("after ", &calibrated, &items);
    real_report("after ", &calibrated, &real_set);
    println!("\nfitted [model] values:");
    for (k, v) in toml_block(&fitted) {
        println!("  {k} = {v}");
    }
    if write_back {
        write(&fitted).expect("write the lexicon");
        println!("\nwritten to {LEXICON}");
    }
}
