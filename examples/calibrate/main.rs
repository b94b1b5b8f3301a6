//! Calibrate the overall score on rated data: the training splits of the rated real corpus
//! (`data/eval/real`, joined with `../shared/corpora` at run time) and of the team's
//! development set (`data/eval/dev.jsonl`).
//!
//! ```text
//! cargo run --release --example calibrate                 # print the fitted weights and held-out figures
//! cargo run --release --example calibrate -- --write      # also write them into data/lexicon/en.toml
//! cargo run --release --example calibrate -- --help
//! ```
//!
//! The fit uses the training splits only (real: by conversation, see
//! `data/eval/real/manifest.jsonl`; dev: by customer message, see `Item::held_out`), so the
//! held-out figures printed here are honest. The test `tests/calibration.rs` fails when the
//! shipped weights differ from what this produces.

#[path = "../support/cli.rs"]
mod cli;
mod fit;
#[path = "../support/metrics.rs"]
mod metrics;
#[path = "../support/real.rs"]
mod real;

use empathy::{Concern, Dimension, Kind, Model, Scorer};
use metrics::{Item, read_items, roc_auc, spearman};
use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "usage: calibrate [--write]";

const HELP: &str = "\
Fit the overall score's weights and level thresholds by ridge regression on the training
splits of the rated real corpus and of the development set; print them and the held-out
figures before and after.

usage: calibrate [--write]

options:
  --write     also write the fitted values into data/lexicon/en.toml
  -h, --help  print this help

The data is found beside the crate the program was built from (the real corpus at
../shared/corpora/ibm_customer_care.jsonl, or $EMPATHY_CORPUS), from any directory.
exit status: 0 on success, 1 when the data cannot be read or the lexicon written, 2 for a
usage error.
";

/// The lexicon the fitted values are written into.
fn lexicon_path() -> PathBuf {
    real::root().join("data/lexicon/en.toml")
}

fn real_report(label: &str, scorer: &Scorer, set: &real::RealSet) -> String {
    let test = set.replies(real::Selection::HeldOut);
    let scores: Vec<f64> = test
        .iter()
        .map(|i| f64::from(i.assess(scorer).score))
        .collect();
    let overall: Vec<f64> = test.iter().map(|i| i.mean("overall")).collect();
    format!(
        "{label}: real held-out n={} Spearman(score, overall) = {:.3}\n",
        test.len(),
        spearman(&scores, &overall)
    )
}

fn held_out_report(label: &str, scorer: &Scorer, items: &[Item]) -> String {
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
    format!(
        "{label}: held-out n={} Spearman(score, overall) = {:.3}, mean field AUC = {:.3}\n",
        test.len(),
        spearman(&scores, &overall),
        mean_auc
    )
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
    let src = std::fs::read_to_string(lexicon_path())?;
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
    std::fs::write(lexicon_path(), out)
}

fn parse_args() -> Result<Option<bool>, String> {
    use lexopt::prelude::*;
    let mut write_back = false;
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("write") => write_back = true,
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(Some(write_back))
}

/// Cross-set figures: the same procedure fitted on one set's training split alone, tested on
/// the other set's held-out split (how far a fit on one kind of text carries to another).
fn cross_set_report(
    scorer: &Scorer,
    train: &[fit::Example],
    items: &[Item],
    real_set: &real::RealSet,
) -> String {
    let only = |real: bool| -> Vec<fit::Example> {
        train
            .iter()
            .filter(|e| e.real == real)
            .map(|e| fit::Example {
                assessment: e.assessment.clone(),
                overall: e.overall,
                weight: 1.0,
                real,
            })
            .collect()
    };
    let build = |examples: &[fit::Example]| {
        Scorer::builder()
            .model(fit::fit(scorer, examples))
            .build()
            .expect("fitted weights are valid")
    };
    let mut out = String::from("\ncross-set (fitted on one set's training split only):\n");
    out += &held_out_report("real→dev ", &build(&only(true)), items);
    out += &real_report("dev→real ", &build(&only(false)), real_set);
    out
}

fn main() -> ExitCode {
    let write_back = match parse_args() {
        Ok(Some(w)) => w,
        Ok(None) => return cli::print_help(HELP),
        Err(msg) => return cli::usage_error(USAGE, &msg),
    };
    let progress = cli::spinner("reading the data");
    let dev = real::root().join("data/eval/dev.jsonl");
    let items = match read_items(&dev.to_string_lossy()) {
        Ok(items) => items,
        Err(e) => return cli::fail(&e),
    };
    let real_set = match real::load() {
        Ok(set) => set,
        Err(e) => return cli::fail(&e),
    };
    let scorer = Scorer::default();
    progress.set_message("scoring before");
    let mut report = held_out_report("before", &scorer, &items);
    report += &real_report("before", &scorer, &real_set);
    progress.set_message("fitting");
    let train = fit::examples(&scorer, &items, &real_set);
    let fitted = fit::fit(&scorer, &train);
    let calibrated = Scorer::builder()
        .model(fitted.clone())
        .build()
        .expect("fitted weights are valid");
    progress.set_message("scoring after");
    report += &held_out_report("after ", &calibrated, &items);
    report += &real_report("after ", &calibrated, &real_set);
    progress.set_message("cross-set fits");
    report += &cross_set_report(&scorer, &train, &items, &real_set);
    progress.finish_and_clear();
    report += "\nfitted [model] values:\n";
    for (k, v) in toml_block(&fitted) {
        let _ = writeln!(report, "  {k} = {v}");
    }
    if write_back {
        if let Err(e) = write(&fitted) {
            return cli::fail(&format_args!(
                "cannot write {}: {e}",
                lexicon_path().display()
            ));
        }
        let _ = writeln!(report, "\nwritten to {}", lexicon_path().display());
    }
    cli::print_help(&report)
}
