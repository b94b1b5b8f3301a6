//! Measure the scorer against human labels.
//!
//! ```text
//! cargo run --release --example evaluate -- [PATH] [--split all|train|held-out] [--json] [--plot DIR]
//! cargo run --release --example evaluate -- --real [--split all|train|held-out] [--json] [--plot DIR]
//! cargo run --release --example evaluate -- --customers [--split all|train|held-out] [--json] [--plot DIR]
//! cargo run --release --example evaluate -- --peer [--split all|train|held-out] [--json]
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
//!
//! `--customers` evaluates the customer reading on the team's customer-message set
//! (`data/eval/customers`, see `support/customers.rs`): 1,180 messages to companies in twenty
//! industries, each rated by two raters on the emotions and distress and labelled negative,
//! neutral or positive. Beside the per-emotion AUCs it reports `negative` (the crate's
//! distress against the messages labelled negative) and `positive` (gratitude or relief
//! against those labelled positive), as sentiment-labelled tweet sets are scored.
//!
//! `--peer` evaluates the reply side in another domain, the team's peer emotional-support set
//! (`data/eval/peer`, see `support/peer.rs`): supporters' turns, each labelled with the one
//! strategy its writer chose. Per strategy it prints the AUC of the crate's fields that should
//! carry it (a question: exploration; restating the seeker's words: understanding and
//! personalization; reflecting feelings: acknowledgment and understanding; affirmation:
//! reassurance) and of `score`, beside VADER's compound and, for questions, a bare count of
//! `?`.
//!
//! `--plot DIR` also writes the figures as SVG files into DIR (made if missing): a grid of
//! ROC curves, one panel per field, the crate's against VADER's with both AUCs in the legend
//! (`dev-roc-SPLIT.svg`, `real-roc-SPLIT.svg`, and `real-customer-roc-SPLIT.svg` for the
//! customer reading), and the score against the raters' mean overall rating, Spearman in the
//! title (`dev-score-SPLIT.svg`, `real-score-SPLIT.svg`).
//!
//! It works from any directory (the data is found beside the crate it was built from) and
//! behaves like the other examples: `--help` on stdout, a usage error exits with 2, a file
//! that cannot be read, is binary or holds no items with 1 (a malformed line is named on
//! stderr and the others are evaluated, exit status 1); progress on stderr on a terminal.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/customers.rs"]
mod customers;
#[path = "support/metrics.rs"]
mod metrics;
#[path = "support/peer.rs"]
mod peer;
#[path = "support/plot.rs"]
mod plot;
#[path = "support/real.rs"]
mod real;

use cli::{Stop, dir_value, finish, json_error, open, print_help, read_all, usage_error};
use empathy::{Assessment, Concern, Dimension, Emotion, Kind, Level, Scorer};
use indicatif::ProgressBar;
use metrics::{FIELDS, Item, best_f1, qwk, roc_auc, roc_curve, spearman};
use real::{CONCERN_FIELDS, CUSTOMER_FIELDS, REPLY_FIELDS, Rated, Selection};
use serde_json::{Value, json};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage: evaluate [PATH | --real | --customers | --peer] [--split all|train|held-out] [--json] [--plot DIR]";

const HELP: &str = "\
Measure the scorer against human ratings, next to the vader_sentiment crate's compound score.

usage: evaluate [PATH | --real | --customers | --peer] [--split all|train|held-out] [--json] [--plot DIR]

PATH (- for stdin) holds rated items, JSONL lines {\"id\", \"customer\", \"reply\",
\"ratings\": [{\"rater\", \"acknowledgment\": 0-2, …, \"overall\": 1-5}, …]}; default: the
team's development set, data/eval/dev.jsonl beside the crate.

options:
  --real        evaluate on the real rated corpus instead: ../shared/corpora/
                ibm_customer_care.jsonl (or $EMPATHY_CORPUS) joined with the ratings in
                data/eval/real/
  --customers   evaluate the customer reading on the team's customer-message set
                (data/eval/customers: twelve industries, two raters, sentiment labels)
  --peer        evaluate the replies in another domain: the team's peer emotional-support
                turns (data/eval/peer), per strategy (question, restatement, reflection,
                affirmation, …)
  --split S     all (default), train or held-out (the calibration fits on train)
  --json        print the figures as one JSON object
  --plot DIR    also write SVG figures into DIR: ROC curves per field (the crate and VADER,
                AUCs in the legend) and the score against the mean overall rating
  -h, --help    print this help

exit status: 0 on success, 1 when the data cannot be read (or a line of it is malformed, or
it holds no items), 2 for a usage error.
";

struct Options {
    path: Option<PathBuf>,
    real: bool,
    split: Selection,
    json: bool,
    plot: Option<PathBuf>,
    customers: bool,
    peer: bool,
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(Some(opts)) => opts,
        Ok(None) => return print_help(HELP),
        Err(msg) => return usage_error(USAGE, &msg),
    };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = if opts.peer {
        evaluate_peer(&opts, &mut out)
    } else if opts.customers {
        evaluate_customers(&opts, &mut out)
    } else if opts.real {
        evaluate_real(&opts, &mut out)
    } else {
        evaluate_dev(&opts, &mut out)
    };
    finish(result.and_then(|bad| {
        out.flush()?;
        Ok(bad)
    }))
}

fn parse_args() -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut opts = Options {
        path: None,
        real: false,
        split: Selection::All,
        json: false,
        plot: None,
        customers: false,
        peer: false,
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("json") => opts.json = true,
            Long("real") => opts.real = true,
            Long("customers") => opts.customers = true,
            Long("peer") => opts.peer = true,
            Long("split") => {
                let v = cli::value(&mut parser)?;
                opts.split = Selection::parse(&v)
                    .ok_or_else(|| format!("--split wants all, train or held-out, not {v:?}"))?;
            }
            Long("plot") => opts.plot = Some(dir_value(&mut parser, "--plot")?),
            Value(v) if opts.path.is_none() => opts.path = Some(v.into()),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if opts.peer && (opts.customers || opts.real || opts.path.is_some() || opts.plot.is_some()) {
        return Err("--peer takes neither PATH, --real, --customers nor --plot".into());
    }
    if opts.customers && (opts.real || opts.path.is_some()) {
        return Err("--customers takes neither PATH nor --real".into());
    }
    if opts.real && opts.path.is_some() {
        return Err("--real takes no PATH; set EMPATHY_CORPUS for another corpus path".into());
    }
    Ok(Some(opts))
}

/// A bar over the items being scored (stderr, a terminal only).
fn scoring_bar(n: usize) -> ProgressBar {
    cli::items_bar(n, "scoring")
}

fn evaluate_dev(opts: &Options, out: &mut impl Write) -> Result<u64, Stop> {
    let path = opts
        .path
        .clone()
        .unwrap_or_else(|| real::root().join("data/eval/dev.jsonl"));
    let input = open(&path, "JSONL")?;
    let name = input.name.clone();
    let (items, bad) = read_all(input, &ProgressBar::hidden(), |line| {
        serde_json::from_str::<Item>(line).map_err(|e| json_error(&e))
    })?;
    if items.is_empty() {
        return Err(Stop::Read(if bad == 0 {
            format!("{name} is empty: no rated items to evaluate")
        } else {
            format!("{name}: none of its lines is a rated item")
        }));
    }
    if let Some(i) = items.iter().find(|i| i.ratings.is_empty()) {
        return Err(Stop::Read(format!("{name}: item {} has no ratings", i.id)));
    }
    let all = items.len();
    let split = opts.split;
    let items: Vec<Item> = items
        .into_iter()
        .filter(|i| match split {
            Selection::Train => !i.held_out(),
            Selection::HeldOut => i.held_out(),
            Selection::All => true,
        })
        .collect();
    if items.is_empty() {
        return Err(Stop::Read(format!(
            "{name}: none of its {all} items is in split {}",
            split.key()
        )));
    }
    let split = split.key();
    let scorer = Scorer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let progress = scoring_bar(items.len());
    let (assessed, compound): (Vec<Assessment>, Vec<f64>) = items
        .iter()
        .map(|i| {
            progress.inc(1);
            (i.assess(&scorer), compound(&vader, &i.reply))
        })
        .unzip();
    progress.finish_and_clear();

    let mut rows = Vec::new();
    let mut panels = Vec::new();
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
        panels.push(panel(field, Some(&ours), &baseline, &positive));
    }
    let overall: Vec<f64> = items.iter().map(|i| i.mean("overall")).collect();
    let scores: Vec<f64> = assessed.iter().map(|a| f64::from(a.score)).collect();
    let a: Vec<u8> = items.iter().map(|i| i.ratings[0].overall).collect();
    let b: Vec<u8> = items
        .iter()
        .map(|i| i.ratings.get(1).unwrap_or(&i.ratings[0]).overall)
        .collect();
    let result = json!({
        "path": name,
        "split": split,
        "items": items.len(),
        "fields": rows,
        "overall": {
            "spearman": spearman(&scores, &overall),
            "vader_spearman": spearman(&compound, &overall),
            "rater_qwk": qwk(&a, &b, 1, 5),
        },
    });
    let plots = match &opts.plot {
        Some(dir) => {
            let file = Path::new(&name)
                .file_name()
                .map_or(name.clone(), |f| f.to_string_lossy().into_owned());
            let set = format!("the development set {file}");
            let o = &result["overall"];
            plot_set(
                dir,
                "dev",
                &set,
                split,
                &panels,
                &assessed,
                &overall,
                (num(&o["spearman"]), num(&o["vader_spearman"])),
                &scorer,
            )?
        }
        None => Vec::new(),
    };
    if opts.json {
        writeln!(out, "{result}")?;
        return Ok(bad);
    }
    writeln!(out, "{} items ({}, split {split})\n", items.len(), name)?;
    writeln!(
        out,
        "{:<16} {:>4} {:>7} {:>7} {:>10} {:>9}",
        "field", "pos", "AUC", "bestF1", "VADER AUC", "rater κw"
    )?;
    for r in result["fields"].as_array().into_iter().flatten() {
        writeln!(
            out,
            "{:<16} {:>4} {:>7.3} {:>7.3} {:>10.3} {:>9.3}",
            r["field"].as_str().unwrap_or(""),
            r["positives"].as_u64().unwrap_or(0),
            num(&r["auc"]),
            num(&r["best_f1"]),
            num(&r["vader_auc"]),
            num(&r["rater_qwk"]),
        )?;
    }
    let o = &result["overall"];
    writeln!(
        out,
        "\noverall: Spearman(score, rating) = {:.3}   VADER compound = {:.3}   rater κw = {:.3}",
        num(&o["spearman"]),
        num(&o["vader_spearman"]),
        num(&o["rater_qwk"]),
    )?;
    written(out, &plots)?;
    Ok(bad)
}

/// One field's ROC panel: the crate's values (none for a field it does not score) and VADER's.
fn panel(field: &str, ours: Option<&[f64]>, vader: &[f64], positive: &[bool]) -> plot::Panel {
    let curve = |v: &[f64]| plot::Curve {
        points: roc_curve(v, positive),
        auc: roc_auc(v, positive),
    };
    plot::Panel {
        field: field.to_string(),
        positives: positive.iter().filter(|p| **p).count(),
        items: positive.len(),
        ours: ours.map(curve),
        vader: curve(vader),
    }
}

/// Writes the ROC grid of a customer reading into `dir` as `{key}-roc-{split}.svg`.
fn customer_roc(
    dir: &Path,
    key: &str,
    set: &str,
    split: &str,
    panels: &[plot::Panel],
) -> Result<PathBuf, Stop> {
    let path = dir.join(format!("{key}-roc-{split}.svg"));
    let messages = panels.first().map_or(0, |p| p.items);
    plot::roc_grid(
        &path,
        &format!(
            "ROC per emotion: {set}, split {split} ({messages} messages; present = raters' mean ≥ 1)"
        ),
        panels,
    )
    .map_err(Stop::Read)?;
    Ok(path)
}

/// Writes one set's figures into `dir`: `{key}-roc-{split}.svg` and `{key}-score-{split}.svg`.
/// Returns the files written.
#[allow(clippy::too_many_arguments)]
fn plot_set(
    dir: &Path,
    key: &str,
    set: &str,
    split: &str,
    panels: &[plot::Panel],
    assessed: &[Assessment],
    overall: &[f64],
    (rho, vader_rho): (f64, f64),
    scorer: &Scorer,
) -> Result<Vec<PathBuf>, Stop> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Stop::Read(format!("cannot make {}: {e}", dir.display())))?;
    let roc = dir.join(format!("{key}-roc-{split}.svg"));
    plot::roc_grid(
        &roc,
        &format!(
            "ROC per field: {set}, split {split} ({} replies; present = raters' mean ≥ 0.5)",
            assessed.len()
        ),
        panels,
    )
    .map_err(Stop::Read)?;
    let scatter = dir.join(format!("{key}-score-{split}.svg"));
    let points: Vec<plot::Point> = assessed
        .iter()
        .zip(overall)
        .map(|(a, &rating)| plot::Point {
            score: f64::from(a.score),
            rating,
            level: match a.level {
                Level::Low => 0,
                Level::High => 2,
                _ => 1,
            },
        })
        .collect();
    let levels = &scorer.model().levels;
    plot::score_scatter(
        &scatter,
        &format!(
            "Score vs mean overall rating, {key} {split} (n = {}): Spearman {rho:.3} (VADER compound {vader_rho:.3})",
            points.len()
        ),
        &points,
        f64::from(levels.moderate),
        f64::from(levels.high),
    )
    .map_err(Stop::Read)?;
    Ok(vec![roc, scatter])
}

fn written(out: &mut impl Write, plots: &[PathBuf]) -> io::Result<()> {
    for p in plots {
        writeln!(out, "wrote {}", p.display())?;
    }
    Ok(())
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

/// Agreement of the first two raters on one field over `items`; `present` says from the
/// raters' mean whether an item counts as positive.
fn agreement<T: Rated>(
    items: &[&T],
    field: &str,
    min: u8,
    max: u8,
    present: impl Fn(f64) -> bool,
) -> Value {
    let a: Vec<u8> = items.iter().filter_map(|i| i.rater(0, field)).collect();
    let b: Vec<u8> = items.iter().filter_map(|i| i.rater(1, field)).collect();
    let fa: Vec<f64> = a.iter().map(|&x| f64::from(x)).collect();
    let fb: Vec<f64> = b.iter().map(|&x| f64::from(x)).collect();
    let exact = a.iter().zip(&b).filter(|(x, y)| x == y).count() as f64 / a.len().max(1) as f64;
    json!({
        "field": field,
        "positives": items.iter().filter(|i| present(i.mean(field))).count(),
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

/// The crate's customer reading and VADER's against rated customer messages: one AUC row and
/// one ROC panel per emotion and for distress (present: raters' mean ≥ 1).
fn customer_reading<T: Rated>(
    scorer: &Scorer,
    vader: &vader_sentiment::SentimentIntensityAnalyzer,
    customers: &[&T],
    progress: &ProgressBar,
) -> CustomerReading {
    let (emotions, cust_compound): (Vec<empathy::Emotions>, Vec<f64>) = customers
        .iter()
        .map(|i| {
            progress.inc(1);
            (
                scorer.customer_emotions(i.text()).emotions,
                compound(vader, i.text()),
            )
        })
        .unzip();
    let cust_neg: Vec<f64> = cust_compound.iter().map(|c| -c).collect();
    let mut rows = Vec::new();
    let mut panels = Vec::new();
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
            // `distress`: `Emotions::distress`, the distress emotions together, less the good ones.
            None => (
                emotions.iter().map(|m| f64::from(m.distress())).collect(),
                &cust_neg,
            ),
        };
        rows.push(auc_row(field, Some(&ours), vader_side, &positive));
        panels.push(panel(field, Some(&ours), vader_side, &positive));
    }
    CustomerReading {
        rows,
        panels,
        emotions,
        compound: cust_compound,
    }
}

/// What [`customer_reading`] found: the table and panels, and the values behind them.
struct CustomerReading {
    rows: Vec<Value>,
    panels: Vec<plot::Panel>,
    emotions: Vec<empathy::Emotions>,
    compound: Vec<f64>,
}

/// The team's customer-message set (`data/eval/customers`): a second domain for the
/// customer reading, with the sentiment labels that tweet sets carry.
fn evaluate_customers(opts: &Options, out: &mut impl Write) -> Result<u64, Stop> {
    let set = customers::load().map_err(|e| Stop::Read(format!("customer set: {e}")))?;
    let split = opts.split;
    let items = set.select(split);
    if items.is_empty() {
        return Err(Stop::Read(format!(
            "split {} selects no customer messages",
            split.key()
        )));
    }
    let scorer = Scorer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let progress = scoring_bar(items.len());
    let mut agree: Vec<Value> = CUSTOMER_FIELDS
        .iter()
        .map(|f| agreement(&items, f, 0, 2, |m| m >= 1.0))
        .collect();
    // Sentiment as 0 negative, 1 neutral, 2 positive; "pos" counts the negative ones.
    agree.push(agreement(&items, "sentiment", 0, 2, |m| m <= -0.5));
    let CustomerReading {
        mut rows,
        mut panels,
        emotions,
        compound,
    } = customer_reading(&scorer, &vader, &items, &progress);
    progress.finish_and_clear();
    // Sentiment labels, as tweet sets have them: negative against the rest (the crate's
    // distress), positive against the rest (its gratitude or relief).
    let negative: Vec<bool> = items.iter().map(|i| i.mean("sentiment") <= -0.5).collect();
    let distress: Vec<f64> = emotions.iter().map(|m| f64::from(m.distress())).collect();
    let neg_compound: Vec<f64> = compound.iter().map(|c| -c).collect();
    rows.push(auc_row(
        "negative",
        Some(&distress),
        &neg_compound,
        &negative,
    ));
    panels.push(panel("negative", Some(&distress), &neg_compound, &negative));
    let positive: Vec<bool> = items.iter().map(|i| i.mean("sentiment") >= 0.5).collect();
    let warm: Vec<f64> = emotions
        .iter()
        .map(|m| f64::from(m.get(Emotion::Gratitude).max(m.get(Emotion::Relief))))
        .collect();
    rows.push(auc_row("positive", Some(&warm), &compound, &positive));
    panels.push(panel("positive", Some(&warm), &compound, &positive));
    let not_english = items.iter().filter(|i| !i.english()).count();
    let result = json!({
        "set": set.dir.display().to_string(),
        "split": split.key(),
        "raters": set.raters,
        "messages": items.len(),
        "not_english": not_english,
        "agreement": agree,
        "customer": rows,
    });
    let plots = match &opts.plot {
        Some(dir) => {
            std::fs::create_dir_all(dir)
                .map_err(|e| Stop::Read(format!("cannot make {}: {e}", dir.display())))?;
            let set = "the team's customer messages";
            vec![customer_roc(dir, "customers", set, split.key(), &panels)?]
        }
        None => Vec::new(),
    };
    if opts.json {
        writeln!(out, "{result}")?;
        return Ok(0);
    }
    writeln!(
        out,
        "team's customer messages {} (split {}): {} messages; raters {}; {} rated not English\n",
        set.dir.display(),
        split.key(),
        items.len(),
        set.raters.join(" vs "),
        not_english,
    )?;
    writeln!(
        out,
        "(a) rater agreement (pos: mean ≥ 1; sentiment: mean ≤ −0.5, negative)"
    )?;
    agreement_header(out)?;
    agreement_table(out, &result["agreement"])?;
    writeln!(
        out,
        "\n(b) ROC AUC against rated mean ≥ 1; crate: customer_emotions (distress = emotions.distress()); VADER: −compound (compound for gratitude, relief)\n    negative: sentiment mean ≤ −0.5 vs the rest (crate: distress); positive: mean ≥ 0.5 (crate: gratitude or relief)"
    )?;
    auc_table(out, &result["customer"])?;
    written(out, &plots)?;
    Ok(0)
}

/// The crate's fields that should carry each strategy of the peer set (the strategies without
/// a field of their own — suggestion, information, other — are only negatives).
const PEER_FIELDS: [(&str, &[&str]); 5] = [
    ("question", &["exploration"]),
    ("restatement", &["understanding", "personalization"]),
    ("reflection", &["acknowledgment", "understanding"]),
    ("affirmation", &["reassurance", "understanding"]),
    ("self_disclosure", &["understanding"]),
];

/// The team's peer emotional-support turns (`data/eval/peer`): the reply side in a domain
/// where the strategies are listening, not fixing.
fn evaluate_peer(opts: &Options, out: &mut impl Write) -> Result<u64, Stop> {
    let set = peer::load().map_err(|e| Stop::Read(format!("peer set: {e}")))?;
    let split = opts.split;
    let items = set.select(split);
    if items.is_empty() {
        return Err(Stop::Read(format!(
            "split {} selects no turns",
            split.key()
        )));
    }
    let scorer = Scorer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let progress = scoring_bar(items.len());
    let (assessed, warmth): (Vec<Assessment>, Vec<f64>) = items
        .iter()
        .map(|i| {
            progress.inc(1);
            (
                scorer.score_reply(&i.seeker, &i.reply),
                compound(&vader, &i.reply),
            )
        })
        .unzip();
    progress.finish_and_clear();
    let questions: Vec<f64> = items
        .iter()
        .map(|i| i.reply.matches('?').count() as f64)
        .collect();
    let score: Vec<f64> = assessed.iter().map(|a| f64::from(a.score)).collect();
    let mut rows = Vec::new();
    for (strategy, fields) in PEER_FIELDS {
        let positive: Vec<bool> = items.iter().map(|i| i.strategy == strategy).collect();
        let mut aucs = serde_json::Map::new();
        for &field in fields {
            let kind = Kind::from_key(field).expect("a peer field is a crate kind");
            let v: Vec<f64> = assessed.iter().map(|a| f64::from(a.get(kind))).collect();
            aucs.insert(field.to_string(), json!(roc_auc(&v, &positive)));
        }
        aucs.insert("score".into(), json!(roc_auc(&score, &positive)));
        rows.push(json!({
            "strategy": strategy,
            "positives": positive.iter().filter(|p| **p).count(),
            "auc": aucs,
            "vader_auc": roc_auc(&warmth, &positive),
            "question_marks_auc": roc_auc(&questions, &positive),
        }));
    }
    let mut counts = serde_json::Map::new();
    for s in peer::STRATEGIES {
        counts.insert(
            s.to_string(),
            json!(items.iter().filter(|i| i.strategy == s).count()),
        );
    }
    let result = json!({
        "set": set.path.display().to_string(),
        "split": split.key(),
        "turns": items.len(),
        "strategies": counts,
        "peer": rows,
    });
    if opts.json {
        writeln!(out, "{result}")?;
        return Ok(0);
    }
    writeln!(
        out,
        "team's peer-support turns {} (split {}): {} turns

ROC AUC of the crate's fields against \"the turn's strategy is S\" (the other turns are the negatives); VADER: compound of the reply; \"?\": the reply's count of question marks
",
        set.path.display(),
        split.key(),
        items.len(),
    )?;
    writeln!(
        out,
        "{:<16} {:>5}  {:<44} {:>6} {:>6} {:>6}",
        "strategy", "pos", "crate field AUC", "score", "VADER", "?"
    )?;
    for r in &rows {
        let fields: Vec<String> = r["auc"]
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(k, _)| *k != "score")
            .map(|(k, v)| format!("{k} {:.3}", num(v)))
            .collect();
        writeln!(
            out,
            "{:<16} {:>5}  {:<44} {:>6.3} {:>6.3} {:>6.3}",
            r["strategy"].as_str().unwrap_or(""),
            r["positives"].as_u64().unwrap_or(0),
            fields.join(", "),
            num(&r["auc"]["score"]),
            num(&r["vader_auc"]),
            num(&r["question_marks_auc"]),
        )?;
    }
    Ok(0)
}

fn evaluate_real(opts: &Options, out: &mut impl Write) -> Result<u64, Stop> {
    let split = opts.split;
    let loading = cli::spinner("reading the corpus and the ratings");
    let set = real::load();
    loading.finish_and_clear();
    let set = set.map_err(|e| Stop::Read(format!("real data: {e}")))?;
    let replies = set.replies(split);
    let customers = set.customers(split);
    if replies.is_empty() || customers.is_empty() {
        return Err(Stop::Read(format!(
            "split {} selects {} replies and {} customer messages",
            split.key(),
            replies.len(),
            customers.len()
        )));
    }
    if set.raters.len() < 2 {
        return Err(Stop::Read(format!(
            "the real ratings need two raters, found [{}]",
            set.raters.join(", ")
        )));
    }
    let scorer = Scorer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let progress = scoring_bar(replies.len() + customers.len());

    // (a) Rater agreement.
    let mut agree_reply: Vec<Value> = REPLY_FIELDS
        .iter()
        .map(|f| agreement(&replies, f, 0, 2, |m| m >= 0.5))
        .collect();
    agree_reply.push(agreement(&replies, "overall", 1, 5, |m| m >= 3.0));
    let agree_customer: Vec<Value> = CUSTOMER_FIELDS
        .iter()
        .map(|f| agreement(&customers, f, 0, 2, |m| m >= 1.0))
        .collect();

    // (b)–(d) Replies: the crate and VADER against the raters.
    let (assessed, reply_compound): (Vec<Assessment>, Vec<f64>) = replies
        .iter()
        .map(|i| {
            progress.inc(1);
            (i.assess(&scorer), compound(&vader, &i.text))
        })
        .unzip();
    let neg_compound: Vec<f64> = reply_compound.iter().map(|c| -c).collect();
    let present =
        |field: &str| -> Vec<bool> { replies.iter().map(|i| i.mean(field) >= 0.5).collect() };
    let mut fields = Vec::new();
    let mut panels = Vec::new();
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
        panels.push(panel(
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
        panels.push(panel(
            c.key(),
            Some(&ours),
            &neg_compound,
            &present(c.key()),
        ));
    }
    // Rated concerns the crate does not score: VADER only.
    for &f in CONCERN_FIELDS {
        if !crate_concerns.contains(&f) {
            fields.push(auc_row(f, None, &neg_compound, &present(f)));
            panels.push(panel(f, None, &neg_compound, &present(f)));
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
    panels.push(panel(
        "any concern",
        Some(&any_ours),
        &neg_compound,
        &any_rated,
    ));
    let overall: Vec<f64> = replies.iter().map(|i| i.mean("overall")).collect();
    let scores: Vec<f64> = assessed.iter().map(|a| f64::from(a.score)).collect();

    // (e) Customer messages: the crate's customer reading and VADER.
    let CustomerReading {
        rows: customer_rows,
        panels: customer_panels,
        ..
    } = customer_reading(&scorer, &vader, &customers, &progress);
    progress.finish_and_clear();

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
    let plots = match &opts.plot {
        Some(dir) => {
            let o = &result["overall"];
            let mut files = plot_set(
                dir,
                "real",
                "the real corpus",
                split.key(),
                &panels,
                &assessed,
                &overall,
                (num(&o["spearman"]), num(&o["vader_spearman"])),
                &scorer,
            )?;
            let set = "customer messages of the real corpus";
            files.push(customer_roc(
                dir,
                "real-customer",
                set,
                split.key(),
                &customer_panels,
            )?);
            files
        }
        None => Vec::new(),
    };
    if opts.json {
        writeln!(out, "{result}")?;
        return Ok(0);
    }
    writeln!(
        out,
        "real corpus {} (split {}): {} replies ({} with customer context), {} customer messages; \
         raters {}; {} items rated not English\n",
        set.corpus.display(),
        split.key(),
        replies.len(),
        with_context,
        customers.len(),
        set.raters[..2].join(" vs "),
        not_english,
    )?;
    writeln!(
        out,
        "(a) rater agreement ({} vs {})",
        set.raters[0], set.raters[1]
    )?;
    agreement_header(out)?;
    writeln!(out, "replies (pos: mean ≥ 0.5; overall: mean ≥ 3)")?;
    agreement_table(out, &result["agreement"]["replies"])?;
    writeln!(out, "customer messages (pos: mean ≥ 1)")?;
    agreement_table(out, &result["agreement"]["customers"])?;
    writeln!(
        out,
        "\n(b, d) replies: ROC AUC against \"raters say present\" (mean ≥ 0.5); VADER: compound (−compound for concerns)"
    )?;
    auc_table(out, &result["fields"])?;
    let o = &result["overall"];
    writeln!(
        out,
        "\n(c, d) Spearman(score, mean overall) = {:.3}   VADER compound = {:.3}",
        num(&o["spearman"]),
        num(&o["vader_spearman"]),
    )?;
    writeln!(
        out,
        "\n(e) customer messages: ROC AUC against rated mean ≥ 1; crate: customer_emotions (distress = emotions.distress()); VADER: −compound (compound for gratitude, relief)"
    )?;
    auc_table(out, &result["customer"])?;
    written(out, &plots)?;
    Ok(0)
}

fn agreement_header(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{:<16} {:>5} {:>8} {:>8} {:>7}",
        "field", "pos", "κw", "Spearman", "exact"
    )
}

fn agreement_table(out: &mut impl Write, rows: &Value) -> io::Result<()> {
    for r in rows.as_array().into_iter().flatten() {
        writeln!(
            out,
            "{:<16} {:>5} {:>8.3} {:>8.3} {:>7.3}",
            r["field"].as_str().unwrap_or(""),
            r["positives"].as_u64().unwrap_or(0),
            num(&r["qwk"]),
            num(&r["spearman"]),
            num(&r["exact"]),
        )?;
    }
    Ok(())
}

fn auc_table(out: &mut impl Write, rows: &Value) -> io::Result<()> {
    writeln!(
        out,
        "{:<16} {:>5} {:>7} {:>7} {:>10}",
        "field", "pos", "AUC", "bestF1", "VADER AUC"
    )?;
    let ours = |v: &Value| {
        if v.is_f64() {
            format!("{:.3}", num(v))
        } else {
            "—".to_string()
        }
    };
    for r in rows.as_array().into_iter().flatten() {
        writeln!(
            out,
            "{:<16} {:>5} {:>7} {:>7} {:>10.3}",
            r["field"].as_str().unwrap_or(""),
            r["positives"].as_u64().unwrap_or(0),
            ours(&r["auc"]),
            ours(&r["best_f1"]),
            num(&r["vader_auc"]),
        )?;
    }
    Ok(())
}
