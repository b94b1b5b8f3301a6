//! Train the learned layer of the built-in lexicon, `data/lexicon/en-learned.toml`.
//!
//! ```text
//! cargo run --release --example train              # print the file it would write, and figures
//! cargo run --release --example train -- --write   # write it
//! cargo run --release --example train -- --check   # exit 1 if the shipped file differs
//! cargo run --release --example train -- --cv      # 5-fold check inside the TRAIN split
//! ```
//!
//! It reads only the TRAIN split of the real rated corpus (`../shared/corpora/
//! ibm_customer_care.jsonl` or `$EMPATHY_CORPUS`, joined with `data/eval/real/`; see
//! `support/real.rs`) and learns weighted word n-grams of one to three words per kind, as
//! described in `support/learn.rs`. The held-out split is neither read for selection nor
//! reported here: measure it with `cargo run --release --example evaluate -- --real --split
//! held-out`. The figures printed (on stderr; the file goes to stdout) are in-sample on the
//! TRAIN split, on the development set (`data/eval/dev.jsonl`, a cross-set check) and on the
//! team's customer messages (`data/eval/customers`, another domain for the customer n-grams),
//! each for the hand-written lexicon alone and with the learned layer.
//!
//! `--cv` splits the TRAIN conversations and the TRAIN half of the team's customer set into
//! five folds by brand, learns on four and scores the fifth, and prints the pooled
//! out-of-fold AUCs; `--prior`, `--min-support`,
//! `--min-conversations`, `--min-brands`, `--min-lift`, `--min-z`, `--cap`, `--reply-min-words`, `--customer-min-words`, `--customer-skip-generic` and `--min-sources` change the constants for it
//! (the shipped file always uses the constants of `support/learn.rs`). The test
//! `tests/learned.rs` fails when the shipped file differs from what this produces.

#[path = "support/customers.rs"]
mod customers;
#[path = "support/learn.rs"]
mod learn;
#[path = "support/metrics.rs"]
mod metrics;
#[path = "support/real.rs"]
mod real;

use empathy::{Assessment, Concern, Emotion, Emotions, Kind, Lexicon, Scorer};
use learn::{CUSTOMER_KINDS, CUSTOMER_PRESENT, Params, REPLY_KINDS, REPLY_PRESENT, SideResult};
use metrics::{roc_auc, spearman};
use real::{Rated, RealItem, Selection};

const USAGE: &str = "\
usage: train [--write | --check] [--cv [--prior X] [--min-support N] [--min-conversations N]
                                      [--min-brands N] [--min-lift X] [--min-z X] [--cap N]
                                      [--reply-min-words N] [--customer-min-words N]
                                      [--customer-skip-generic 0|1] [--min-sources N]]

  (none)      print the learned lexicon it would write (stdout) and figures (stderr)
  --write     write data/lexicon/en-learned.toml
  --check     exit 1 when data/lexicon/en-learned.toml differs from what it learns
  --cv        5-fold cross-validation by brand inside the TRAIN split
  -h, --help  print this help";

fn usage_error(msg: &str) -> ! {
    eprintln!("error: {msg}\n\n{USAGE}");
    std::process::exit(2)
}

fn main() {
    let (mut write, mut check, mut cv) = (false, false, false);
    let mut params = Params::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = |name: &str| -> f64 {
            let v = args
                .next()
                .unwrap_or_else(|| usage_error(&format!("{name} needs a value")));
            v.parse()
                .unwrap_or_else(|_| usage_error(&format!("{name}: {v:?} is not a number")))
        };
        match a.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return;
            }
            "--write" => write = true,
            "--check" => check = true,
            "--cv" => cv = true,
            "--prior" => params.prior = value("--prior"),
            "--min-support" => params.min_support = value("--min-support") as usize,
            "--min-conversations" => {
                params.min_conversations = value("--min-conversations") as usize
            }
            "--min-brands" => params.min_brands = value("--min-brands") as usize,
            "--min-lift" => params.min_lift = value("--min-lift"),
            "--min-z" => params.min_z = value("--min-z"),
            "--cap" => params.cap = value("--cap") as usize,
            "--reply-min-words" => params.reply_min_words = value("--reply-min-words") as usize,
            "--min-sources" => params.min_sources = value("--min-sources") as usize,
            "--customer-skip-generic" => {
                params.customer_skip_generic = value("--customer-skip-generic") != 0.0
            }
            "--customer-min-words" => {
                params.customer_min_words = value("--customer-min-words") as usize
            }
            other => usage_error(&format!("unknown argument {other:?}")),
        }
    }
    if write && check {
        usage_error("--write and --check exclude each other");
    }
    if params != Params::default() && !cv {
        usage_error(
            "the constants can only be changed for --cv; the shipped file uses the defaults",
        );
    }
    let set = real::load().unwrap_or_else(|e| {
        eprintln!("error: real data: {e}");
        std::process::exit(1)
    });
    let hand = learn::hand_lexicon();
    let team = customers::load().unwrap_or_else(|e| {
        eprintln!("error: the team's customer set: {e}");
        std::process::exit(1)
    });
    if cv {
        cross_validate(&set, &team, &hand, &params);
        return;
    }
    let sides = learn::learn(&set, &team);
    let text = learn::render(&sides);
    let path = real::root().join(learn::LEARNED_PATH);
    if check {
        let shipped = std::fs::read_to_string(&path).unwrap_or_default();
        if shipped == text {
            println!("{} is what the training produces", path.display());
            return;
        }
        eprintln!(
            "{} differs from what the training produces; run `cargo run --release --example train -- --write`",
            path.display()
        );
        std::process::exit(1);
    }
    if write {
        std::fs::write(&path, &text).unwrap_or_else(|e| {
            eprintln!("error: {}: {e}", path.display());
            std::process::exit(1)
        });
        eprintln!("written to {}", path.display());
    } else {
        print!("{text}");
    }
    summary(&set, &team, &hand, &sides, &text);
}

/// Entries per kind, and the figures with and without the layer.
fn summary(
    set: &real::RealSet,
    team: &customers::CustomerSet,
    hand: &Lexicon,
    sides: &[SideResult],
    text: &str,
) {
    eprintln!("\nlearned entries per kind:");
    for side in sides {
        for &(kind, positives) in &side.base {
            let n = side.entries.iter().filter(|e| e.kind == kind).count();
            eprintln!(
                "  {kind:<16} {n:>3}   ({positives} of {} training {} rated present)",
                side.items, side.role
            );
        }
    }
    let before = scorer(hand, None);
    let after = scorer(hand, Some(text));
    let replies = set.replies(Selection::Train);
    let customers = set.customers(Selection::Train);
    eprintln!("\nTRAIN split, in sample (hand-written alone → with the learned layer):");
    print_pairs(
        &real_figures(&before, &replies, &customers),
        &real_figures(&after, &replies, &customers),
    );
    match metrics::read_items(&real::root().join("data/eval/dev.jsonl").to_string_lossy()) {
        Ok(items) => {
            eprintln!("\ndevelopment set, all items (a cross-set check, not used for selection):");
            let fig = |s: &Scorer| {
                let a: Vec<_> = items.iter().map(|i| i.assess(s)).collect();
                let mut rows = Vec::new();
                for key in metrics::FIELDS {
                    let kind = Kind::from_key(key).expect("a field is a kind");
                    let v: Vec<f64> = a.iter().map(|x| f64::from(x.get(kind))).collect();
                    let p: Vec<bool> = items.iter().map(|i| i.mean(key) >= 0.5).collect();
                    rows.push((key.to_string(), roc_auc(&v, &p)));
                }
                let scores: Vec<f64> = a.iter().map(|x| f64::from(x.score)).collect();
                let overall: Vec<f64> = items.iter().map(|i| i.mean("overall")).collect();
                rows.push((
                    "Spearman(score, overall)".into(),
                    spearman(&scores, &overall),
                ));
                rows
            };
            print_pairs(&fig(&before), &fig(&after));
        }
        Err(e) => eprintln!("(no development set: {e})"),
    }
    for (sel, what) in [
        (Selection::Train, "TRAIN half, in sample"),
        (
            Selection::HeldOut,
            "held-out half, never read by the learner",
        ),
    ] {
        eprintln!("\nthe team's customer messages, {what}:");
        let items = team.select(sel);
        let fig = |s: &Scorer| {
            let emotions: Vec<Emotions> = items
                .iter()
                .map(|i| s.customer_emotions(&i.text).emotions)
                .collect();
            emotion_aucs(&emotions, |field| {
                items
                    .iter()
                    .map(|i| i.mean(field) >= CUSTOMER_PRESENT)
                    .collect()
            })
        };
        print_pairs(&fig(&before), &fig(&after));
    }
}

/// The hand-written lexicon, with a learned layer when given.
fn scorer(hand: &Lexicon, learned: Option<&str>) -> Scorer {
    let mut b = Scorer::builder().lexicon(hand.clone());
    if let Some(t) = learned {
        b = b.extend(Lexicon::from_toml_str(t).unwrap_or_else(|e| {
            panic!("the learned lexicon is invalid: {e}");
        }));
    }
    b.build().unwrap_or_else(|e| panic!("scorer: {e}"))
}

/// Per-field figures of the crate on real items: AUC of each learned kind and of any
/// concern, Spearman(score, overall), AUC of each emotion and of distress.
fn real_figures(s: &Scorer, replies: &[&RealItem], customers: &[&RealItem]) -> Vec<(String, f64)> {
    let assessed: Vec<Assessment> = replies.iter().map(|i| i.assess(s)).collect();
    let emotions: Vec<Emotions> = customers
        .iter()
        .map(|i| s.customer_emotions(&i.text).emotions)
        .collect();
    figures(replies, &assessed, customers, &emotions)
}

/// [`real_figures`] from the assessments of the items.
fn figures(
    replies: &[&RealItem],
    assessed: &[Assessment],
    customers: &[&RealItem],
    emotions: &[Emotions],
) -> Vec<(String, f64)> {
    let mut rows = Vec::new();
    let present = |field: &str| -> Vec<bool> {
        replies
            .iter()
            .map(|i| i.mean(field) >= REPLY_PRESENT)
            .collect()
    };
    for key in REPLY_KINDS {
        let kind = Kind::from_key(key).expect("a learned kind is a crate kind");
        let v: Vec<f64> = assessed.iter().map(|x| f64::from(x.get(kind))).collect();
        rows.push((key.to_string(), roc_auc(&v, &present(key))));
    }
    let any: Vec<f64> = assessed
        .iter()
        .map(|x| {
            Concern::ALL
                .iter()
                .map(|&c| f64::from(x.concerns.get(c)))
                .fold(0.0, f64::max)
        })
        .collect();
    let rated: Vec<bool> = replies
        .iter()
        .map(|i| {
            real::CONCERN_FIELDS
                .iter()
                .any(|f| i.mean(f) >= REPLY_PRESENT)
        })
        .collect();
    rows.push(("any concern".into(), roc_auc(&any, &rated)));
    let scores: Vec<f64> = assessed.iter().map(|x| f64::from(x.score)).collect();
    let overall: Vec<f64> = replies.iter().map(|i| i.mean("overall")).collect();
    rows.push((
        "Spearman(score, overall)".into(),
        spearman(&scores, &overall),
    ));
    let felt = |field: &str| -> Vec<bool> {
        customers
            .iter()
            .map(|i| i.mean(field) >= CUSTOMER_PRESENT)
            .collect()
    };
    rows.extend(emotion_aucs(emotions, felt));
    rows
}

/// AUC of each learned emotion and of distress, against `felt(field)` (the raters' mean at
/// or above [`CUSTOMER_PRESENT`]).
fn emotion_aucs(emotions: &[Emotions], felt: impl Fn(&str) -> Vec<bool>) -> Vec<(String, f64)> {
    let mut rows = Vec::new();
    for &key in CUSTOMER_KINDS {
        let emotion = Emotion::from_key(key).expect("a learned emotion is a crate emotion");
        let v: Vec<f64> = emotions.iter().map(|m| f64::from(m.get(emotion))).collect();
        rows.push((key.to_string(), roc_auc(&v, &felt(key))));
    }
    let v: Vec<f64> = emotions.iter().map(|m| f64::from(m.distress())).collect();
    rows.push(("distress".into(), roc_auc(&v, &felt("distress"))));
    rows
}

fn print_pairs(before: &[(String, f64)], after: &[(String, f64)]) {
    for ((k, b), (_, a)) in before.iter().zip(after) {
        eprintln!("  {k:<26} {b:>6.3} → {a:>6.3}   ({:+.3})", a - b);
    }
}

/// Five folds by brand inside TRAIN: learn on four, score the fifth (brands the layer has
/// not seen). The figures of the pooled out-of-fold values, for the hand-written lexicon
/// alone and with the layer learned without the fold.
fn cross_validate(
    set: &real::RealSet,
    team: &customers::CustomerSet,
    hand: &Lexicon,
    params: &Params,
) {
    const FOLDS: u64 = 5;
    let replies = set.replies(Selection::Train);
    let customers = set.customers(Selection::Train);
    let team = learn::team_train(team);
    // Folds by brand: the layer is judged on brands it has not seen.
    let brand_of = learn::brands_with(&replies, &team);
    let fold_of = |i: &RealItem| {
        let key = brand_of.get(&i.conv).unwrap_or(&i.conv);
        u64::from_str_radix(&real::text_hash(key), 16).unwrap_or(0) % FOLDS
    };
    let (mut t_items, mut t_before, mut t_after) = (Vec::new(), Vec::new(), Vec::new());
    let plain = scorer(hand, None);
    let (mut r_items, mut c_items) = (Vec::new(), Vec::new());
    let (mut r_before, mut r_after, mut c_before, mut c_after) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let mut entries = 0usize;
    for f in 0..FOLDS {
        let (fit_r, test_r): (Vec<&RealItem>, Vec<&RealItem>) =
            replies.iter().partition(|i| fold_of(i) != f);
        let (fit_c, test_c): (Vec<&RealItem>, Vec<&RealItem>) =
            customers.iter().partition(|i| fold_of(i) != f);
        let (fit_t, test_t): (Vec<_>, Vec<_>) =
            team.iter().cloned().partition(|(i, _)| fold_of(i) != f);
        let sides = learn::learn_items(&fit_r, &fit_c, &fit_t, hand, params);
        entries += sides.iter().map(|s| s.entries.len()).sum::<usize>();
        let with = scorer(hand, Some(&learn::render(&sides)));
        for i in &test_r {
            r_before.push(i.assess(&plain));
            r_after.push(i.assess(&with));
        }
        for i in &test_c {
            c_before.push(plain.customer_emotions(&i.text).emotions);
            c_after.push(with.customer_emotions(&i.text).emotions);
        }
        for (i, _) in &test_t {
            t_before.push(plain.customer_emotions(&i.text).emotions);
            t_after.push(with.customer_emotions(&i.text).emotions);
        }
        r_items.extend(test_r);
        c_items.extend(test_c);
        t_items.extend(test_t.into_iter().map(|(i, _)| i));
    }
    eprintln!(
        "5-fold CV by brand inside TRAIN, pooled out-of-fold ({:.0} entries per fold; {params:?}):",
        entries as f64 / FOLDS as f64
    );
    print_pairs(
        &figures(&r_items, &r_before, &c_items, &c_before),
        &figures(&r_items, &r_after, &c_items, &c_after),
    );
    eprintln!("the team's customer messages (TRAIN half), pooled out-of-fold:");
    let felt = |field: &str| -> Vec<bool> {
        t_items
            .iter()
            .map(|i| i.mean(field) >= CUSTOMER_PRESENT)
            .collect()
    };
    print_pairs(
        &emotion_aucs(&t_before, felt),
        &emotion_aucs(&t_after, felt),
    );
}
