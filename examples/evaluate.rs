//! Measure the scorer against human labels.
//!
//! ```text
//! cargo run --release --example evaluate -- [PATH] [--split all|train|held-out] [--json]
//! ```
//!
//! PATH (default `data/eval/dev.jsonl`) holds lines `{"id", "customer", "reply", "ratings":
//! [{"rater", "acknowledgment": 0-2, …, "overall": 1-5}, …]}`. For every dimension and concern
//! it prints ROC AUC (mean label ≥ 0.5 vs below) and best F1 of our value, and the Spearman
//! correlation of `score` with the mean overall rating — next to a baseline, the
//! `vader_sentiment` crate's compound score, on the same labels. It also reports the raters'
//! agreement (quadratic-weighted kappa per field).

#[path = "support/metrics.rs"]
mod metrics;

use empathy::{Assessment, Kind, Scorer};
use metrics::{FIELDS, Item, best_f1, qwk, read_items, roc_auc, spearman};
use serde_json::json;

fn main() {
    let mut path = "data/eval/dev.jsonl".to_string();
    let mut split = "all".to_string();
    let mut as_json = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => as_json = true,
            "--split" => split = args.next().unwrap_or_default(),
            _ => path = a,
        }
    }
    let items = read_items(&path).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    });
    let items: Vec<Item> = items
        .into_iter()
        .filter(|i| match split.as_str() {
            "train" => !i.held_out(),
            "held-out" => i.held_out(),
            _ => true,
        })
        .collect();
    let scorer = Scorer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let assessed: Vec<Assessment> = items.iter().map(|i| i.assess(&scorer)).collect();
    let compound: Vec<f64> = items
        .iter()
        .map(|i| {
            vader
                .polarity_scores(&i.reply)
                .get("compound")
                .copied()
                .unwrap_or(0.0)
        })
        .collect();

    let mut rows = Vec::new();
    for field in FIELDS {
        let kind = Kind::from_key(field).expect("field is a kind");
        let ours: Vec<f64> = assessed.iter().map(|a| f64::from(a.get(kind))).collect();
        let positive: Vec<bool> = items.iter().map(|i| i.mean(field) >= 0.5).collect();
        let concern = matches!(kind, Kind::Concern(_));
        let baseline: Vec<f64> = compound
            .iter()
            .map(|c| if concern { -c } else { *c })
            .collect();
        let (f1, threshold) = best_f1(&ours, &positive);
        let a: Vec<u8> = items.iter().map(|i| i.ratings[0].field(field)).collect();
        let b: Vec<u8> = items
            .iter()
            .map(|i| i.ratings.get(1).unwrap_or(&i.ratings[0]).field(field))
            .collect();
        rows.push(json!({
            "field": field,
            "positives": positive.iter().filter(|p| **p).count(),
            "auc": roc_auc(&ours, &positive),
            "best_f1": f1,
            "f1_threshold": threshold,
            "vader_auc": roc_auc(&baseline, &positive),
            "rater_qwk": qwk(&a, &b, 0, 2),
        }));
    }
    let overall: Vec<f64> = items.iter().map(|i| i.mean("overall")).collect();
    let scores: Vec<f64> = assessed.iter().map(|a| f64::from(a.score)).collect();
    let a: Vec<u8> = items.iter().map(|i| i.ratings[0].overall).collect();
    let b: Vec<u8> = items
        .iter()
        .map(|i| i.ratings.get(1).unwrap_or(&i.ratings[0]).overall)
        .collect();
    let result = json!({
        "path": path,
        "split": split,
        "items": items.len(),
        "fields": rows,
        "overall": {
            "spearman": spearman(&scores, &overall),
            "vader_spearman": spearman(&compound, &overall),
            "rater_qwk": qwk(&a, &b, 1, 5),
        },
    });
    if as_json {
        println!("{result}");
        return;
    }
    println!("{} items ({}, split {split})\n", items.len(), path);
    println!(
        "{:<16} {:>4} {:>7} {:>7} {:>10} {:>9}",
        "field", "pos", "AUC", "bestF1", "VADER AUC", "rater κw"
    );
    for r in result["fields"].as_array().into_iter().flatten() {
        println!(
            "{:<16} {:>4} {:>7.3} {:>7.3} {:>10.3} {:>9.3}",
            r["field"].as_str().unwrap_or(""),
            r["positives"],
            r["auc"].as_f64().unwrap_or(f64::NAN),
            r["best_f1"].as_f64().unwrap_or(f64::NAN),
            r["vader_auc"].as_f64().unwrap_or(f64::NAN),
            r["rater_qwk"].as_f64().unwrap_or(f64::NAN),
        );
    }
    let o = &result["overall"];
    println!(
        "\noverall: Spearman(score, rating) = {:.3}   VADER compound = {:.3}   rater κw = {:.3}",
        o["spearman"].as_f64().unwrap_or(f64::NAN),
        o["vader_spearman"].as_f64().unwrap_or(f64::NAN),
        o["rater_qwk"].as_f64().unwrap_or(f64::NAN),
    );
}
