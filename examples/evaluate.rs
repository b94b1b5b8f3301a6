//! Measure the scorer against human labels.
//!
//! ```text
//! cargo run --release --example evaluate -- [PATH] [--split all|train|held-out] [--json]
//! cargo run --release --example evaluate -- --real [--split all|train|held-out] [--json]
//! ```
//!
//! PATH (default `data/eval/dev.jsonl`) holds lines `{"id", "customer", "reply", "ratings":
//! [{"rater", "acknowledgment": 0-2, …, "overall": 1-5}, …]}`. For every dimension and concern
//! it prints ROC AUC (mean label ≥ 0.5 vs below) and best F1 of our value, and the Spearman
//! correlation of `score` with the mean overall rating — next to a baseline, the
//! `vader_sentiment` crate's compound score, on the same labels. It also reports the raters'
//! agreement (quadratic-weighted kappa per field).
//!
//! `--real` evaluates on the real rated corpus instead: the IBM customer-care corpus
//! (`../shared/corpora/ibm_customer_care.jsonl`, or `$EMPATHY_CORPUS`) joined with the
//! ratings stored by reference in `data/eval/real/` (see `support/real.rs`). It prints the
//! two raters' agreement per field, the per-field AUCs (plus "any concern") and
//! Spearman(score, overall) of the crate and of VADER on the replies, and the AUC of the
//! customer reading (distress, gratitude, …) against the customer-message ratings. The split
//! is the manifest's fixed split by conversation; the headline figures are `--split held-out`.

#[path = "support/metrics.rs"]
mod metrics;
#[path = "support/real.rs"]
mod real;

use empathy::{Assessment, Concern, Dimension, Emotion, Kind, Scorer};
use metrics::{FIELDS, Item, best_f1, qwk, read_items, roc_auc, spearman};
use real::{CONCERN_FIELDS, CUSTOMER_FIELDS, REPLY_FIELDS, RealItem, Selection};
use serde_json::{Value, json};

const USAGE: &str = "\
usage: evaluate [PATH] [--split all|train|held-out] [--json]
       evaluate --real [--split all|train|held-out] [--json]

  PATH        development set to evaluate (default data/eval/dev.jsonl)
  --real      evaluate on the real rated corpus: ../shared/corpora/ibm_customer_care.jsonl
              (or $EMPATHY_CORPUS) joined with the ratings in data/eval/real/
  --split S   all (default), train or held-out
  --json      print the figures as one JSON object
  -h, --help  print this help";

fn usage_error(msg: &str) -> ! {
    eprintln!("error: {msg}\n\n{USAGE}");
    std::process::exit(2)
}

fn main() {
    let mut path: Option<String> = None;
    let mut split = Selection::All;
    let mut as_json = false;
    let mut use_real = false;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            "--json" => as_json = true,
            "--real" => use_real = true,
            "--split" => {
                let v = args
                    .next()
                    .unwrap_or_else(|| usage_error("--split needs a value"));
                split = Selection::parse(&v).unwrap_or_else(|| {
                    usage_error(&format!(
                        "unknown split {v:?} (expected all, train or held-out)"
                    ))
                });
            }
            flag if flag.starts_with('-') => usage_error(&format!("unknown option {flag}")),
            _ if path.is_some() => usage_error(&format!("unexpected argument {a:?}")),
            _ => path = Some(a),
        }
    }
    if use_real {
        if let Some(p) = path {
            usage_error(&format!(
                "--real takes no PATH (got {p:?}); set EMPATHY_CORPUS for another corpus path"
            ));
        }
        evaluate_real(split, as_json);
    } else {
        evaluate_dev(
            path.unwrap_or_else(|| "data/eval/dev.jsonl".to_string()),
            split,
            as_json,
        );
    }
}

fn evaluate_dev(path: String, split: Selection, as_json: bool) {
    let items = read_items(&path).unwrap_or_else(|e| {
        eprintln!("error: {e}");
        std::process::exit(1)
    });
    let items: Vec<Item> = items
        .into_iter()
        .filter(|i| match split {
            Selection::Train => !i.held_out(),
            Selection::HeldOut => i.held_out(),
            Selection::All => true,
        })
        .collect();
    if items.is_empty() {
        eprintln!("error: {path}: no items in split {}", split.key());
        std::process::exit(2);
    }
    let split = split.key();
    let scorer = Scorer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let assessed: Vec<Assessment> = items.iter().map(|i| i.assess(&scorer)).collect();
    let compound: Vec<f64> = items.iter().map(|i| compound(&vader, &i.reply)).collect();

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
            r["positives"].as_u64().unwrap_or(0),
            num(&r["auc"]),
            num(&r["best_f1"]),
            num(&r["vader_auc"]),
            num(&r["rater_qwk"]),
        );
    }
    let o = &result["overall"];
    println!(
        "\noverall: Spearman(score, rating) = {:.3}   VADER compound = {:.3}   rater κw = {:.3}",
        num(&o["spearman"]),
        num(&o["vader_spearman"]),
        num(&o["rater_qwk"]),
    );
}

/// VADER's compound score of a text (−1…1).
fn compound(vader: &vader_sentiment::SentimentIntensityAnalyzer, text: &str) -> f64 {
    vader
        .polarity_scores(text)
        .get("compound")
        .copied()
        .unwrap_or(0.0)
}

/// A JSON number (NaN is stored as `null`).
fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or(f64::NAN)
}

/// Agreement of the first two raters on one field over `items`.
fn agreement(items: &[&RealItem], field: &str, min: u8, max: u8, present: f64) -> Value {
    let a: Vec<u8> = items.iter().filter_map(|i| i.rater(0, field)).collect();
    let b: Vec<u8> = items.iter().filter_map(|i| i.rater(1, field)).collect();
    let fa: Vec<f64> = a.iter().map(|&x| f64::from(x)).collect();
    let fb: Vec<f64> = b.iter().map(|&x| f64::from(x)).collect();
    let exact = a.iter().zip(&b).filter(|(x, y)| x == y).count() as f64 / a.len().max(1) as f64;
    json!({
        "field": field,
        "positives": items.iter().filter(|i| i.mean(field) >= present).count(),
        "qwk": qwk(&a, &b, min, max),
        "spearman": spearman(&fa, &fb),
        "exact": exact,
    })
}

/// One row of a crate-vs-VADER table.
fn auc_row(field: &str, ours: Option<&[f64]>, vader: &[f64], positive: &[bool]) -> Value {
    let (auc, f1) = match ours {
        Some(v) => (roc_auc(v, positive), best_f1(v, positive).0),
        None => (f64::NAN, f64::NAN),
    };
    json!({
        "field": field,
        "positives": positive.iter().filter(|p| **p).count(),
        "auc": auc,
        "best_f1": f1,
        "vader_auc": roc_auc(vader, positive),
    })
}

fn evaluate_real(split: Selection, as_json: bool) {
    let set = real::load().unwrap_or_else(|e| {
        eprintln!("error: real data: {e}");
        std::process::exit(1)
    });
    let replies = set.replies(split);
    let customers = set.customers(split);
    if replies.is_empty() || customers.is_empty() {
        eprintln!(
            "error: split {} selects {} replies and {} customer messages",
            split.key(),
            replies.len(),
            customers.len()
        );
        std::process::exit(2);
    }
    if set.raters.len() < 2 {
        eprintln!(
            "error: the real ratings need two raters, found [{}]",
            set.raters.join(", ")
        );
        std::process::exit(1);
    }
    let scorer = Scorer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();

    // (a) Rater agreement.
    let mut agree_reply: Vec<Value> = REPLY_FIELDS
        .iter()
        .map(|f| agreement(&replies, f, 0, 2, 0.5))
        .collect();
    agree_reply.push(agreement(&replies, "overall", 1, 5, 3.0));
    let agree_customer: Vec<Value> = CUSTOMER_FIELDS
        .iter()
        .map(|f| agreement(&customers, f, 0, 2, 1.0))
        .collect();

    // (b)–(d) Replies: the crate and VADER against the raters.
    let assessed: Vec<Assessment> = replies.iter().map(|i| i.assess(&scorer)).collect();
    let reply_compound: Vec<f64> = replies.iter().map(|i| compound(&vader, &i.text)).collect();
    let neg_compound: Vec<f64> = reply_compound.iter().map(|c| -c).collect();
    let present =
        |field: &str| -> Vec<bool> { replies.iter().map(|i| i.mean(field) >= 0.5).collect() };
    let mut fields = Vec::new();
    for &d in Dimension::ALL {
        if !REPLY_FIELDS.contains(&d.key()) {
            continue;
        }
        let ours: Vec<f64> = assessed
            .iter()
            .map(|a| f64::from(a.dimensions.get(d)))
            .collect();
        fields.push(auc_row(
            d.key(),
            Some(&ours),
            &reply_compound,
            &present(d.key()),
        ));
    }
    let crate_concerns: Vec<&str> = Concern::ALL.iter().map(|c| c.key()).collect();
    for &c in Concern::ALL {
        if !REPLY_FIELDS.contains(&c.key()) {
            continue;
        }
        let ours: Vec<f64> = assessed
            .iter()
            .map(|a| f64::from(a.concerns.get(c)))
            .collect();
        fields.push(auc_row(
            c.key(),
            Some(&ours),
            &neg_compound,
            &present(c.key()),
        ));
    }
    // Rated concerns the crate does not score: VADER only.
    for f in CONCERN_FIELDS {
        if !crate_concerns.contains(&f) {
            fields.push(auc_row(f, None, &neg_compound, &present(f)));
        }
    }
    let any_ours: Vec<f64> = assessed
        .iter()
        .map(|a| {
            Concern::ALL
                .iter()
                .map(|&c| f64::from(a.concerns.get(c)))
                .fold(0.0, f64::max)
        })
        .collect();
    let any_rated: Vec<bool> = replies
        .iter()
        .map(|i| CONCERN_FIELDS.iter().any(|f| i.mean(f) >= 0.5))
        .collect();
    fields.push(auc_row(
        "any concern",
        Some(&any_ours),
        &neg_compound,
        &any_rated,
    ));
    let overall: Vec<f64> = replies.iter().map(|i| i.mean("overall")).collect();
    let scores: Vec<f64> = assessed.iter().map(|a| f64::from(a.score)).collect();

    // (e) Customer messages: the crate's customer reading and VADER.
    let emotions: Vec<empathy::Emotions> = customers
        .iter()
        .map(|i| scorer.customer_emotions(&i.text).emotions)
        .collect();
    let cust_compound: Vec<f64> = customers
        .iter()
        .map(|i| compound(&vader, &i.text))
        .collect();
    let cust_neg: Vec<f64> = cust_compound.iter().map(|c| -c).collect();
    let mut customer_rows = Vec::new();
    for field in CUSTOMER_FIELDS {
        let positive: Vec<bool> = customers.iter().map(|i| i.mean(field) >= 1.0).collect();
        let (ours, vader_side): (Vec<f64>, &[f64]) = match Emotion::from_key(field) {
            Some(e) => (
                emotions.iter().map(|m| f64::from(m.get(e))).collect(),
                if matches!(e, Emotion::Gratitude | Emotion::Relief) {
                    &cust_compound
                } else {
                    &cust_neg
                },
            ),
            // `distress`: the strongest distress emotion.
            None => (
                emotions.iter().map(|m| f64::from(m.distress())).collect(),
                &cust_neg,
            ),
        };
        customer_rows.push(auc_row(field, Some(&ours), vader_side, &positive));
    }

    let not_english = replies.iter().filter(|i| !i.english()).count()
        + customers.iter().filter(|i| !i.english()).count();
    let with_context = replies.iter().filter(|i| i.context.is_some()).count();
    let result = json!({
        "corpus": set.corpus.display().to_string(),
        "split": split.key(),
        "raters": set.raters,
        "replies": replies.len(),
        "replies_with_customer_context": with_context,
        "customer_messages": customers.len(),
        "not_english": not_english,
        "agreement": { "replies": agree_reply, "customers": agree_customer },
        "fields": fields,
        "overall": {
            "spearman": spearman(&scores, &overall),
            "vader_spearman": spearman(&reply_compound, &overall),
        },
        "customer": customer_rows,
    });
    if as_json {
        println!("{result}");
        return;
    }

    println!(
        "real corpus {} (split {}): {} replies ({} with customer context), {} customer messages; \
         raters {}; {} items rated not English\n",
        set.corpus.display(),
        split.key(),
        replies.len(),
        with_context,
        customers.len(),
        set.raters[..2].join(" vs "),
        not_english,
    );
    println!(
        "(a) rater agreement ({} vs {})",
        set.raters[0], set.raters[1]
    );
    println!(
        "{:<16} {:>5} {:>8} {:>8} {:>7}",
        "field", "pos", "κw", "Spearman", "exact"
    );
    let agreement_line = |r: &Value| {
        println!(
            "{:<16} {:>5} {:>8.3} {:>8.3} {:>7.3}",
            r["field"].as_str().unwrap_or(""),
            r["positives"].as_u64().unwrap_or(0),
            num(&r["qwk"]),
            num(&r["spearman"]),
            num(&r["exact"]),
        )
    };
    println!("replies (pos: mean ≥ 0.5; overall: mean ≥ 3)");
    result["agreement"]["replies"]
        .as_array()
        .into_iter()
        .flatten()
        .for_each(agreement_line);
    println!("customer messages (pos: mean ≥ 1)");
    result["agreement"]["customers"]
        .as_array()
        .into_iter()
        .flatten()
        .for_each(agreement_line);

    let table = |rows: &Value| {
        println!(
            "{:<16} {:>5} {:>7} {:>7} {:>10}",
            "field", "pos", "AUC", "bestF1", "VADER AUC"
        );
        for r in rows.as_array().into_iter().flatten() {
            let ours = |v: &Value| {
                if v.is_f64() {
                    format!("{:.3}", num(v))
                } else {
                    "—".to_string()
                }
            };
            println!(
                "{:<16} {:>5} {:>7} {:>7} {:>10.3}",
                r["field"].as_str().unwrap_or(""),
                r["positives"].as_u64().unwrap_or(0),
                ours(&r["auc"]),
                ours(&r["best_f1"]),
                num(&r["vader_auc"]),
            );
        }
    };
    println!(
        "\n(b, d) replies: ROC AUC against \"raters say present\" (mean ≥ 0.5); VADER: compound (−compound for concerns)"
    );
    table(&result["fields"]);
    let o = &result["overall"];
    println!(
        "\n(c, d) Spearman(score, mean overall) = {:.3}   VADER compound = {:.3}",
        num(&o["spearman"]),
        num(&o["vader_spearman"]),
    );
    println!(
        "\n(e) customer messages: ROC AUC against rated mean ≥ 1; crate: customer_emotions (distress = emotions.distress()); VADER: −compound (compound for gratitude, relief)"
    );
    table(&result["customer"]);
}
