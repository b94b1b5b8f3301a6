//! The main job: score agent replies and explain the result.
//!
//! ```text
//! cargo run --release --example score                      # readable report on the bundled samples
//! cargo run --release --example score -- --jsonl FILE     # JSONL in, JSONL out ("-" = stdin)
//! cargo run --release --example score -- --lexicon my.toml --jsonl FILE
//! ```
//!
//! Input lines: `{"id": any, "text": str, "customer": str (optional)}`.
//! Output lines: `{"id": …}` followed by the library's serde form of [`empathy::Assessment`]
//! (the same field names and values as `serde_json::to_string(&assessment)`), with `customer`
//! when the line has `customer`.
//! A malformed line gets an error on stderr naming its line number; the run goes on.

use empathy::{Assessment, Lexicon, Scorer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

const SAMPLES: &str = include_str!("../data/samples/replies.jsonl");

/// One output line: the input's `id`, then the library's own serde form of the assessment.
#[derive(Serialize)]
struct Scored<'a> {
    id: &'a Value,
    #[serde(flatten)]
    assessment: &'a Assessment,
}

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Value,
    text: String,
    #[serde(default)]
    customer: Option<String>,
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut jsonl: Option<String> = None;
    let mut lexicon: Option<String> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--jsonl" => jsonl = args.next(),
            "--lexicon" => lexicon = args.next(),
            "-h" | "--help" => {
                eprintln!("usage: score [--lexicon FILE] [--jsonl FILE|-]");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!(
                    "unknown argument {other:?} (usage: score [--lexicon FILE] [--jsonl FILE|-])"
                );
                return ExitCode::from(2);
            }
        }
    }
    let mut builder = Scorer::builder();
    if let Some(path) = lexicon {
        match Lexicon::from_file(&path) {
            Ok(lex) => builder = builder.extend(lex),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let scorer = match builder.build() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    match jsonl {
        Some(path) => run_jsonl(&scorer, &path),
        None => {
            report(&scorer);
            ExitCode::SUCCESS
        }
    }
}

fn assess(scorer: &Scorer, line: &Line) -> Assessment {
    match &line.customer {
        Some(c) => scorer.score_reply(c, &line.text),
        None => scorer.score(&line.text),
    }
}

fn run_jsonl(scorer: &Scorer, path: &str) -> ExitCode {
    let input: Box<dyn BufRead> = if path == "-" {
        Box::new(std::io::stdin().lock())
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                eprintln!("error: cannot open {path}: {e}");
                return ExitCode::from(1);
            }
        }
    };
    let stdout = std::io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut bad = 0usize;
    for (n, line) in input.lines().enumerate() {
        let n = n + 1;
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("line {n}: cannot read: {e}");
                bad += 1;
                continue;
            }
        };
        if line.trim().is_empty() {
            continue;
        }
        let parsed: Line = match serde_json::from_str(&line) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("line {n}: {e}");
                bad += 1;
                continue;
            }
        };
        let a = assess(scorer, &parsed);
        let obj = Scored {
            id: &parsed.id,
            assessment: &a,
        };
        let obj = serde_json::to_string(&obj).expect("an assessment always serialises");
        if writeln!(out, "{obj}").is_err() {
            return ExitCode::from(1); // stdout closed (e.g. piped into `head`)
        }
    }
    let _ = out.flush();
    if bad > 0 {
        eprintln!("{bad} malformed line(s) skipped");
    }
    ExitCode::SUCCESS
}

/// The reply with each cue marked: `[sorry to hear]{acknowledgment}`.
fn marked(text: &str, a: &Assessment) -> String {
    let mut ev: Vec<_> = a.evidence.iter().collect();
    ev.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    let mut out = String::new();
    let mut pos = 0;
    for e in ev {
        if e.span.start < pos {
            continue;
        }
        out.push_str(&text[pos..e.span.start]);
        let tag = if e.weight == 0.0 {
            format!("{}×", e.kind)
        } else {
            e.kind.to_string()
        };
        out.push_str(&format!("[{}]{{{tag}}}", &text[e.span.range()]));
        pos = e.span.end;
    }
    out.push_str(&text[pos..]);
    out
}

fn bar(v: f32) -> String {
    let n = (v * 10.0).round() as usize;
    format!("{}{}", "█".repeat(n.min(10)), "·".repeat(10 - n.min(10)))
}

fn report(scorer: &Scorer) {
    let mut total = 0.0;
    let mut count = 0;
    for (n, line) in SAMPLES.lines().enumerate() {
        let Ok(parsed) = serde_json::from_str::<Line>(line) else {
            eprintln!("samples line {}: malformed", n + 1);
            continue;
        };
        let a = assess(scorer, &parsed);
        total += a.score;
        count += 1;
        println!("── {} ── score {:.0} ({})", parsed.id, a.score, a.level);
        if let Some(c) = &parsed.customer {
            println!("customer: {c}");
        }
        println!("reply:    {}", marked(&parsed.text, &a));
        let dims: Vec<String> = a
            .dimensions
            .iter()
            .filter(|(_, v)| *v > 0.0)
            .map(|(k, v)| format!("{k} {} {v:.2}", bar(v)))
            .collect();
        let concerns: Vec<String> = a
            .concerns
            .iter()
            .filter(|(_, v)| *v > 0.0)
            .map(|(k, v)| format!("{k} {v:.2}"))
            .collect();
        if !dims.is_empty() {
            println!("  + {}", dims.join("\n  + "));
        }
        if !concerns.is_empty() {
            println!("  - {}", concerns.join(", "));
        }
        if let Some(c) = &a.customer {
            let emotions: Vec<String> = c
                .emotions
                .iter()
                .filter(|(_, v)| *v > 0.0)
                .map(|(k, v)| format!("{k} {v:.2}"))
                .collect();
            println!(
                "  customer: {} | responsiveness {:.2} | reflection {:.2}",
                if emotions.is_empty() {
                    "calm".to_string()
                } else {
                    emotions.join(", ")
                },
                c.responsiveness,
                c.reflection
            );
        }
        for s in &a.suggestions {
            println!("  → {}: {}", s.code, s.message);
        }
        println!();
    }
    if count > 0 {
        println!("{count} replies, mean score {:.1}", total / count as f32);
    }
}
