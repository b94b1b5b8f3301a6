//! Score whole conversations: per-turn scores, the customer's mood trajectory, response
//! times and escalation.
//!
//! ```text
//! cargo run --release --example conversation                   # readable view of the bundled samples
//! cargo run --release --example conversation -- --jsonl FILE  # one JSON report per line ("-" = stdin)
//! ```
//!
//! Input lines: `{"id": any, "turns": [{"role": "customer"|"agent", "text": str, "at"?: RFC 3339
//! or Unix seconds, "name"?: str}]}`. A malformed line or a bad timestamp gets an error on
//! stderr naming the line (and turn); the run goes on.

use empathy::Scorer;
use empathy::conversation::{Conversation, ConversationReport, Role, TurnRecord};
use serde::Deserialize;
use serde_json::{Value, json};
use std::io::{BufRead, BufWriter, Write};
use std::process::ExitCode;

const SAMPLES: &str = include_str!("../data/samples/conversations.jsonl");

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Value,
    turns: Vec<TurnRecord>,
}

fn parse(line: &str) -> Result<(Value, Conversation), String> {
    let l: Line = serde_json::from_str(line).map_err(|e| e.to_string())?;
    let conv = Conversation::from_records(l.turns).map_err(|e| e.to_string())?;
    Ok((l.id, conv))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let scorer = Scorer::default();
    match args.as_slice() {
        [] => {
            view(&scorer);
            ExitCode::SUCCESS
        }
        [flag, path] if flag == "--jsonl" => run_jsonl(&scorer, path),
        _ => {
            eprintln!("usage: conversation [--jsonl FILE|-]");
            ExitCode::from(2)
        }
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
    let mut out = BufWriter::new(std::io::stdout().lock());
    for (n, line) in input.lines().enumerate() {
        let n = n + 1;
        let Ok(line) = line else {
            eprintln!("line {n}: cannot read");
            continue;
        };
        if line.trim().is_empty() {
            continue;
        }
        match parse(&line) {
            Ok((id, conv)) => {
                let report = scorer.score_conversation(&conv);
                let obj = json!({ "id": id, "report": report });
                if writeln!(out, "{obj}").is_err() {
                    return ExitCode::from(1);
                }
            }
            Err(e) => eprintln!("line {n}: {e}"),
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}

fn duration(s: f64) -> String {
    if s >= 3600.0 {
        format!("{:.1} h", s / 3600.0)
    } else if s >= 60.0 {
        format!("{:.0} min", s / 60.0)
    } else {
        format!("{s:.0} s")
    }
}

fn print_report(id: &Value, conv: &Conversation, r: &ConversationReport) {
    println!("══ conversation {id} ══");
    for (turn, t) in conv.turns.iter().zip(&r.turns) {
        let who = match turn.role {
            Role::Customer => "customer",
            Role::Agent => "agent   ",
        };
        let text: String = turn.text.chars().take(110).collect();
        let ellipsis = if turn.text.chars().count() > 110 {
            "…"
        } else {
            ""
        };
        println!("  [{}] {who} {text}{ellipsis}", t.index);
        if let Some(e) = &t.emotions {
            let feelings: Vec<String> = e
                .iter()
                .filter(|(_, v)| *v >= 0.2)
                .map(|(k, v)| format!("{k} {v:.2}"))
                .collect();
            println!(
                "        mood {:+.2} {}",
                t.mood.unwrap_or(0.0),
                if feelings.is_empty() {
                    String::new()
                } else {
                    format!("({})", feelings.join(", "))
                }
            );
        }
        if let Some(a) = &t.assessment {
            let wait = t
                .response_seconds
                .map(|s| format!(", answered after {}", duration(s)))
                .unwrap_or_default();
            let resp = a
                .customer
                .as_ref()
                .map(|c| format!(", responsiveness {:.2}", c.responsiveness))
                .unwrap_or_default();
            println!("        score {:.0} ({}){resp}{wait}", a.score, a.level);
            if let Some(s) = a.suggestions.first() {
                println!("        → {}", s.message);
            }
        }
    }
    if let (Some(mean), Some(low), Some(lt)) = (r.agent_mean, r.agent_lowest, r.agent_lowest_turn) {
        println!("  agent: mean {mean:.0}, lowest {low:.0} (turn {lt})");
    }
    if let Some(t) = r.trajectory {
        let word = if t.improved {
            "improved"
        } else if t.worsened {
            "worsened"
        } else {
            "steady"
        };
        println!("  mood {:+.2} → {:+.2}: {word}", t.first, t.last);
    }
    if let Some(rt) = r.response_times {
        println!(
            "  response times: median {}, longest {}",
            duration(rt.median_seconds),
            duration(rt.longest_seconds)
        );
    }
    if !r.out_of_order.is_empty() {
        println!("  turns out of time order: {:?}", r.out_of_order);
    }
    match &r.escalation {
        Some(e) => println!("  ⚠ ESCALATE at turn {}: {}", e.turn, e.reason),
        None => println!("  no escalation"),
    }
    println!();
}

fn view(scorer: &Scorer) {
    for (n, line) in SAMPLES.lines().enumerate() {
        match parse(line) {
            Ok((id, conv)) => print_report(&id, &conv, &scorer.score_conversation(&conv)),
            Err(e) => eprintln!("samples line {}: {e}", n + 1),
        }
    }
}
