//! Score whole conversations: per-turn scores, the customer's mood trajectory, response
//! times and escalation.
//!
//! ```text
//! cargo run --release --example conversation                   # readable view of the bundled samples
//! cargo run --release --example conversation -- FILE          # readable view of your JSONL ("-" = stdin)
//! cargo run --release --example conversation -- --jsonl FILE  # one JSON report per line ("-" = stdin)
//! cargo run --release --example conversation -- --help
//! ```
//!
//! Input lines: `{"id": any, "turns": [{"role": "customer"|"agent", "text": str, "at"?: RFC 3339
//! or Unix seconds, "name"?: str}]}`. Output lines (`--jsonl`): `{"id": …, "report": …}`, the
//! report in the library's serde form.
//!
//! Like `score`, it behaves like the command-line tools people know: `--help` on stdout; a
//! malformed line or a bad timestamp gets one error on stderr naming the line (and the turn)
//! and the run goes on; exit status 0 when every line went through, 1 when one failed or the
//! input could not be read (a binary file is refused at once), 2 for a usage error; a closed
//! pipe (`conversation | head`) ends the run quietly; colour only on a terminal (`NO_COLOR`,
//! `--color`); progress on stderr for `--jsonl` when stderr is a terminal and stdout is not.

#[path = "support/cli.rs"]
mod cli;

use anstyle::{AnsiColor, Style};
use cli::{
    Input, Stop, color_value, each_line, finish, json_error, open, path_value, print_help,
    progress_for, usage_error,
};
use empathy::{Conversation, ConversationReport, Level, Role, Scorer, TurnRecord};
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const SAMPLES: &str = include_str!("../data/samples/conversations.jsonl");

const USAGE: &str = "usage: conversation [--color WHEN] [FILE | - | --jsonl FILE]";

const HELP: &str = "\
Score whole customer-service conversations: each agent reply, the customer's mood from turn
to turn, response times, and whether to hand the conversation to a human.

usage: conversation [--color WHEN] [FILE | - | --jsonl FILE]

With no FILE, a readable view of the bundled sample conversations. FILE (or - for stdin)
holds JSONL lines {\"id\": any, \"turns\": [{\"role\": \"customer\"|\"agent\", \"text\": str,
\"at\": RFC 3339 or Unix seconds (optional), \"name\": str (optional)}]}.

options:
  --jsonl FILE   JSONL in, JSONL out (- = stdin): {\"id\": …, \"report\": …} per input line,
                 the report in the library's serde form
  --color WHEN   colour the readable view: auto (default: when stdout is a terminal and
                 NO_COLOR is not set), always, never
  -h, --help     print this help

exit status: 0 when every line went through, 1 when a line failed or the input could not be
read, 2 for a usage error. Errors go to stderr, one line each, naming the input line.
";

#[derive(Deserialize)]
struct Line {
    #[serde(default)]
    id: Value,
    turns: Vec<TurnRecord>,
}

fn parse_line(line: &str) -> Result<(Value, Conversation), String> {
    let l: Line = serde_json::from_str(line).map_err(|e| json_error(&e))?;
    let conv = Conversation::from_records(l.turns).map_err(|e| e.to_string())?;
    Ok((l.id, conv))
}

struct Options {
    jsonl: Option<PathBuf>,
    file: Option<PathBuf>,
    color: anstream::ColorChoice,
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(Some(opts)) => opts,
        Ok(None) => return print_help(HELP),
        Err(msg) => return usage_error(USAGE, &msg),
    };
    let scorer = Scorer::default();
    let result = match (&opts.jsonl, &opts.file) {
        (Some(path), _) => open(path, "JSONL").and_then(|input| run_jsonl(&scorer, input)),
        (None, Some(path)) => {
            open(path, "JSONL").and_then(|input| view(&scorer, input, opts.color))
        }
        (None, None) => view(
            &scorer,
            Input::text("the bundled samples", SAMPLES),
            opts.color,
        ),
    };
    finish(result)
}

fn parse_args() -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut opts = Options {
        jsonl: None,
        file: None,
        color: anstream::ColorChoice::Auto,
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("jsonl") => opts.jsonl = Some(path_value(&mut parser, "--jsonl")?),
            Long("color") | Long("colour") => opts.color = color_value(&mut parser)?,
            Value(v) if opts.file.is_none() => opts.file = Some(v.into()),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if opts.jsonl.is_some() && opts.file.is_some() {
        return Err("give either --jsonl FILE or FILE, not both".into());
    }
    Ok(Some(opts))
}

/// One `--jsonl` output line: the input's `id` and the report in the library's serde form.
#[derive(Serialize)]
struct Reported<'a> {
    id: &'a Value,
    report: &'a ConversationReport,
}

fn run_jsonl(scorer: &Scorer, input: Input) -> Result<u64, Stop> {
    let stdout = io::stdout();
    let interactive = stdout.is_terminal();
    let progress = progress_for(&input);
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let bad = each_line(input, &progress, parse_line, |_, (id, conv)| {
        let report = scorer.score_conversation(&conv);
        // The library's serde form as it is (f32 stays f32: no `json!`/`Value` round trip).
        let obj = Reported {
            id: &id,
            report: &report,
        };
        serde_json::to_writer(&mut out, &obj).map_err(io::Error::from)?;
        writeln!(out)?;
        if interactive {
            out.flush()?;
        }
        Ok(())
    });
    progress.finish_and_clear();
    let bad = bad?;
    out.flush()?;
    Ok(bad)
}

// ---------------------------------------------------------------------------------------
// The readable view.

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const GOOD: Style = AnsiColor::Green.on_default();
const BAD: Style = AnsiColor::Red.on_default();
const WARN: Style = AnsiColor::Yellow.on_default();
const TIP: Style = AnsiColor::Cyan.on_default();

fn level_style(level: Level) -> Style {
    match level {
        Level::High => GOOD.bold(),
        Level::Low => BAD.bold(),
        _ => WARN.bold(),
    }
}

fn mood_style(mood: f32) -> Style {
    if mood <= -0.2 {
        BAD
    } else if mood >= 0.2 {
        GOOD
    } else {
        Style::new()
    }
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

fn legend(out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "{DIM}How to read it: [n] is the turn (from 0). Under a customer turn, mood from −1\n\
         (distressed) to +1 (grateful) and the emotions found, 0–1. Under an agent turn, its\n\
         score 0–100 against the customer turns it answers, responsiveness 0–1 (how well it\n\
         meets their emotions), the wait, and → the first coaching suggestion. ⚠ ESCALATE: hand\n\
         the conversation to a human.{DIM:#}\n"
    )
}

fn print_report(
    out: &mut impl Write,
    id: &Value,
    conv: &Conversation,
    r: &ConversationReport,
) -> io::Result<()> {
    writeln!(out, "{BOLD}══ conversation {id} ══{BOLD:#}")?;
    for (turn, t) in conv.turns.iter().zip(&r.turns) {
        let who = match turn.role {
            Role::Customer => "customer",
            _ => "agent   ",
        };
        let text: String = turn.text.chars().take(110).collect();
        let ellipsis = if turn.text.chars().count() > 110 {
            "…"
        } else {
            ""
        };
        writeln!(out, "  {DIM}[{}]{DIM:#} {who} {text}{ellipsis}", t.index)?;
        if let Some(e) = &t.emotions {
            let feelings: Vec<String> = e
                .iter()
                .filter(|(_, v)| *v >= 0.2)
                .map(|(k, v)| format!("{k} {v:.2}"))
                .collect();
            let mood = t.mood.unwrap_or(0.0);
            let m = mood_style(mood);
            writeln!(
                out,
                "        mood {m}{mood:+.2}{m:#} {}",
                if feelings.is_empty() {
                    String::new()
                } else {
                    format!("({})", feelings.join(", "))
                }
            )?;
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
            let unreadable = if a.readability.is_scorable() {
                String::new()
            } else {
                format!(" {WARN}· not readable: {}{WARN:#}", a.readability)
            };
            let l = level_style(a.level);
            writeln!(
                out,
                "        score {l}{:.0} ({}){l:#}{unreadable}{resp}{wait}",
                a.score, a.level
            )?;
            if let Some(s) = a.suggestions.first() {
                writeln!(out, "        {TIP}→ {}{TIP:#}", s.message)?;
            }
        }
    }
    if let (Some(mean), Some(low), Some(lt)) = (r.agent_mean, r.agent_lowest, r.agent_lowest_turn) {
        writeln!(out, "  agent: mean {mean:.0}, lowest {low:.0} (turn {lt})")?;
    }
    if let Some(t) = r.trajectory {
        let (word, s) = if t.improved {
            ("improved", GOOD)
        } else if t.worsened {
            ("worsened", BAD)
        } else {
            ("steady", Style::new())
        };
        writeln!(
            out,
            "  mood {:+.2} → {:+.2}: {s}{word}{s:#}",
            t.first, t.last
        )?;
    }
    if let Some(rt) = r.response_times {
        writeln!(
            out,
            "  response times: median {}, longest {}",
            duration(rt.median_seconds),
            duration(rt.longest_seconds)
        )?;
    }
    if !r.out_of_order.is_empty() {
        writeln!(out, "  turns out of time order: {:?}", r.out_of_order)?;
    }
    match &r.escalation {
        Some(e) => writeln!(
            out,
            "  {BAD}⚠ ESCALATE at turn {}: {}{BAD:#}",
            e.turn, e.reason
        )?,
        None => writeln!(out, "  no escalation")?,
    }
    writeln!(out)
}

fn view(scorer: &Scorer, input: Input, color: anstream::ColorChoice) -> Result<u64, Stop> {
    let stdout = anstream::AutoStream::new(io::stdout().lock(), color);
    let mut out = BufWriter::new(stdout);
    legend(&mut out)?;
    let (mut count, mut escalated, mut worsened) = (0u64, 0u64, 0u64);
    let bad = each_line(
        input,
        &ProgressBar::hidden(),
        parse_line,
        |_, (id, conv)| {
            let report = scorer.score_conversation(&conv);
            count += 1;
            escalated += u64::from(report.escalation.is_some());
            worsened += u64::from(report.trajectory.is_some_and(|t| t.worsened));
            print_report(&mut out, &id, &conv, &report)?;
            out.flush() // one conversation at a time: `conversation -` answers each line as it comes
        },
    )?;
    writeln!(
        out,
        "{BOLD}══ summary ══{BOLD:#} {count} conversation(s): {escalated} to escalate, the \
         customer's mood worsened in {worsened}"
    )?;
    if bad > 0 {
        writeln!(out, "  {BAD}{bad} input line(s) failed{BAD:#} (see stderr)")?;
    }
    out.flush()?;
    Ok(bad)
}
