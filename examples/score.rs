//! The main job: score agent replies and explain the result.
//!
//! ```text
//! cargo run --release --example score                      # readable report on the bundled samples
//! cargo run --release --example score -- FILE             # readable report on your JSONL ("-" = stdin)
//! cargo run --release --example score -- --jsonl FILE     # JSONL in, JSONL out ("-" = stdin)
//! cargo run --release --example score -- --lexicon my.toml --jsonl FILE
//! cargo run --release --example score -- --help
//! ```
//!
//! Input lines: `{"id": any, "text": str, "customer": str (optional)}`.
//! Output lines (`--jsonl`): `{"id": …}` followed by the library's serde form of
//! [`empathy::Assessment`] (the same field names and values as
//! `serde_json::to_string(&assessment)`), with `customer` when the line has `customer`.
//!
//! It behaves like the command-line tools people know: `--help` prints the usage on stdout;
//! a malformed line gets one error on stderr naming its line number and the run goes on; the
//! exit status is 0 when every line was scored, 1 when a line failed or the input could not be
//! read (a binary file is refused at once), 2 for a usage error. A closed pipe
//! (`score | head -1`) ends the run quietly. The readable report is coloured when stdout is a
//! terminal (`NO_COLOR`, `CLICOLOR_FORCE` and `--color` are respected); the JSONL worker shows
//! progress on stderr when stderr is a terminal and stdout is not.

#[path = "support/cli.rs"]
mod cli;

use anstyle::{AnsiColor, Style};
use cli::{
    Input, Stop, color_value, each_line, fail, finish, json_error, open, path_value, print_help,
    progress_for, usage_error,
};
use empathy::{
    Assessment, CustomerMessage, Dimension, Kind, Level, Lexicon, Readability, Scorer,
    SuggestionCode,
};
use indicatif::ProgressBar;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const SAMPLES: &str = include_str!("../data/samples/replies.jsonl");

const USAGE: &str = "usage: score [--lexicon FILE] [--color WHEN] [FILE | - | --jsonl FILE]";

const HELP: &str = "\
Score customer-service replies for empathy and explain the result.

usage: score [--lexicon FILE] [--color WHEN] [FILE | - | --jsonl FILE]

With no FILE, a readable report on the bundled sample replies. FILE (or - for stdin) holds
JSONL lines {\"id\": any, \"text\": str, \"customer\": str (optional)}: the reply in `text`,
the customer's message it answers in `customer`.

options:
  --jsonl FILE     JSONL in, JSONL out (- = stdin): one line per input line, {\"id\": …}
                   followed by the library's serde form of the assessment
  --lexicon FILE   extend the built-in lexicon with your own cues (TOML, starting with
                   `[lexicon]` and `format = 1`; see data/lexicon/FORMAT.md)
  --color WHEN     colour the readable report: auto (default: when stdout is a terminal
                   and NO_COLOR is not set), always, never
  -h, --help       print this help

exit status: 0 when every line was scored, 1 when a line failed or the input could not be
read, 2 for a usage error. Errors go to stderr, one line each, naming the input line.
";

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

struct Options {
    jsonl: Option<PathBuf>,
    file: Option<PathBuf>,
    lexicon: Option<PathBuf>,
    color: anstream::ColorChoice,
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(Some(opts)) => opts,
        Ok(None) => return print_help(HELP),
        Err(msg) => return usage_error(USAGE, &msg),
    };
    let mut builder = Scorer::builder();
    if let Some(path) = &opts.lexicon {
        match Lexicon::from_file(path) {
            Ok(lex) => builder = builder.extend(lex),
            Err(e) => return fail(&e),
        }
    }
    let scorer = match builder.build() {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let result = match (&opts.jsonl, &opts.file) {
        (Some(path), _) => open(path, "JSONL").and_then(|input| run_jsonl(&scorer, input)),
        (None, Some(path)) => {
            open(path, "JSONL").and_then(|input| report(&scorer, input, opts.color))
        }
        (None, None) => report(
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
        lexicon: None,
        color: anstream::ColorChoice::Auto,
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("jsonl") => opts.jsonl = Some(path_value(&mut parser, "--jsonl")?),
            Long("lexicon") => opts.lexicon = Some(path_value(&mut parser, "--lexicon")?),
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

fn parse_line(line: &str) -> Result<Line, String> {
    serde_json::from_str(line).map_err(|e| json_error(&e))
}

fn assess(scorer: &Scorer, line: &Line) -> Assessment {
    match &line.customer {
        Some(c) => scorer.score_reply_to(&line.text, CustomerMessage::new(c)),
        None => scorer.score(&line.text),
    }
}

fn run_jsonl(scorer: &Scorer, input: Input) -> Result<u64, Stop> {
    let stdout = io::stdout();
    let interactive = stdout.is_terminal();
    let progress = progress_for(&input);
    let mut out = BufWriter::with_capacity(64 * 1024, stdout.lock());
    let mut json = Vec::with_capacity(4096);
    let bad = each_line(input, &progress, parse_line, |_, line| {
        let a = assess(scorer, &line);
        let obj = Scored {
            id: &line.id,
            assessment: &a,
        };
        json.clear();
        serde_json::to_writer(&mut json, &obj).expect("an assessment always serialises");
        json.push(b'\n');
        out.write_all(&json)?;
        if interactive {
            out.flush()?;
        }
        Ok(())
    });
    progress.finish_and_clear();
    let bad = bad?;
    out.flush().map_err(Stop::Write)?;
    Ok(bad)
}

// ---------------------------------------------------------------------------------------
// The readable report.

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const GOOD: Style = AnsiColor::Green.on_default();
const BAD: Style = AnsiColor::Red.on_default();
const WARN: Style = AnsiColor::Yellow.on_default();
const TIP: Style = AnsiColor::Cyan.on_default();
const CANCELLED: Style = Style::new().dimmed().strikethrough();

const PERSONALIZATION: Kind = Kind::Dimension(Dimension::Personalization);

fn kind_style(kind: Kind) -> Style {
    match kind {
        Kind::Dimension(_) => GOOD,
        Kind::Concern(_) => BAD,
        _ => WARN,
    }
}

fn level_style(level: Level) -> Style {
    match level {
        Level::High => GOOD.bold(),
        Level::Low => BAD.bold(),
        _ => WARN.bold(),
    }
}

/// The reply with each cue marked: `[sorry to hear]{acknowledgment}`.
///
/// Cues that cover the same words are one mark listing every kind they count towards, in one
/// order for every reply: personalization first (what a customer's name, or the customer's
/// own words picked up, count as), then the others in the library's order of kinds. So a
/// name is `[Dana]{personalization}`, or `[Dana]{personalization+understanding}` when the
/// reply also picks it up from the customer's message, never `{understanding}` alone. A cue
/// inside an earlier, longer one is not marked again. A cue that context cancelled has `×`
/// after its kind.
fn marked(text: &str, a: &Assessment) -> String {
    let mut ev: Vec<_> = a.evidence.iter().collect();
    ev.sort_by_key(|e| (e.span.start, std::cmp::Reverse(e.span.end)));
    let mut out = String::new();
    let mut pos = 0;
    let mut i = 0;
    while i < ev.len() {
        let span = ev[i].span;
        let same = ev[i..].iter().take_while(|e| e.span == span).count();
        let group = &ev[i..i + same];
        i += same;
        if span.start < pos {
            continue;
        }
        // Each kind once, with its strongest weight (0 when every cue of it is cancelled).
        let mut kinds: Vec<(Kind, f32)> = Vec::new();
        for e in group {
            match kinds.iter_mut().find(|(k, _)| *k == e.kind) {
                Some((_, w)) => *w = w.max(e.weight),
                None => kinds.push((e.kind, e.weight)),
            }
        }
        kinds.sort_by_key(|&(k, _)| (k != PERSONALIZATION, k));
        let live = kinds.iter().find(|(_, w)| *w != 0.0).map(|(k, _)| *k);
        let words = match live {
            Some(k) => kind_style(k),
            None => CANCELLED,
        };
        let tags: Vec<String> = kinds
            .iter()
            .map(|(k, w)| {
                if *w == 0.0 {
                    format!("{k}×")
                } else {
                    k.to_string()
                }
            })
            .collect();
        out.push_str(&text[pos..span.start]);
        let _ = write!(
            out,
            "{words}[{}]{words:#}{DIM}{{{}}}{DIM:#}",
            &text[span.range()],
            tags.join("+")
        );
        pos = span.end;
    }
    out.push_str(&text[pos..]);
    out
}

fn bar(v: f32) -> String {
    let n = ((v * 10.0).round() as usize).min(10);
    format!("{}{}", "█".repeat(n), "·".repeat(10 - n))
}

/// What each part of an entry means, printed once before the first.
const LEGEND: [(&str, &str); 9] = [
    (
        "[words]{kind}",
        "a cue in the reply and what it counts towards ({a+b}: both)",
    ),
    (
        "[words]{kind×}",
        "× = cancelled by its context (negated, quoted, …): does not count",
    ),
    (
        "+ kind ███··· v",
        "a dimension of empathy found, 0–1 (each █ is 0.1): raises the score",
    ),
    ("- kind v", "a concern found, 0–1: lowers the score"),
    (
        "customer: …",
        "the emotions found in the customer's message (or calm)",
    ),
    (
        "responsiveness",
        "0–1: how well the reply meets those emotions",
    ),
    (
        "reflection",
        "0–1: how much of the customer's own details the reply picks up",
    ),
    (
        "→ code: advice",
        "a coaching suggestion, the most important first",
    ),
    (
        "not readable: …",
        "empty, says_nothing, unreadable, other_language: scored low, not judged",
    ),
];

fn legend(out: &mut impl Write, scorer: &Scorer) -> io::Result<()> {
    let levels = &scorer.model().levels;
    writeln!(
        out,
        "{DIM}How to read it: score 0–100, low below {:.0}, high from {:.0}, moderate between.",
        levels.moderate, levels.high
    )?;
    for (what, means) in LEGEND {
        let pad = 17usize.saturating_sub(what.chars().count());
        writeln!(out, "  {what}{:pad$}{means}", "")?;
    }
    writeln!(out, "{DIM:#}")
}

fn entry(out: &mut impl Write, line: &Line, a: &Assessment) -> io::Result<()> {
    let level = level_style(a.level);
    write!(
        out,
        "{BOLD}── {} ──{BOLD:#} score {level}{:.0} ({}){level:#}",
        line.id, a.score, a.level
    )?;
    if !a.readability.is_scorable() {
        write!(out, " {WARN}· not readable: {}{WARN:#}", a.readability)?;
    }
    writeln!(out)?;
    if let Some(c) = &line.customer {
        writeln!(out, "{DIM}customer:{DIM:#} {c}")?;
    }
    writeln!(out, "{DIM}reply:{DIM:#}    {}", marked(&line.text, a))?;
    for (k, v) in a.dimensions.iter().filter(|(_, v)| *v > 0.0) {
        writeln!(out, "  {GOOD}+ {k} {} {v:.2}{GOOD:#}", bar(v))?;
    }
    let concerns: Vec<String> = a
        .concerns
        .iter()
        .filter(|(_, v)| *v > 0.0)
        .map(|(k, v)| format!("{k} {v:.2}"))
        .collect();
    if !concerns.is_empty() {
        writeln!(out, "  {BAD}- {}{BAD:#}", concerns.join(", "))?;
    }
    if let Some(c) = &a.customer {
        let emotions: Vec<String> = c
            .emotions
            .iter()
            .filter(|(_, v)| *v > 0.0)
            .map(|(k, v)| format!("{k} {v:.2}"))
            .collect();
        let emotions = if emotions.is_empty() {
            "calm".to_string()
        } else {
            emotions.join(", ")
        };
        writeln!(
            out,
            "  customer: {WARN}{emotions}{WARN:#} | responsiveness {:.2} | reflection {:.2}",
            c.responsiveness, c.reflection
        )?;
    }
    for s in &a.suggestions {
        writeln!(out, "  {TIP}→ {}{TIP:#}: {}", s.code, s.message)?;
    }
    writeln!(out)
}

/// What the summary at the end counts.
#[derive(Default)]
struct Summary {
    count: u64,
    total: f64,
    levels: BTreeMap<Level, u64>,
    suggestions: HashMap<SuggestionCode, u64>,
    unreadable: BTreeMap<Readability, u64>,
}

impl Summary {
    fn add(&mut self, a: &Assessment) {
        self.count += 1;
        self.total += f64::from(a.score);
        *self.levels.entry(a.level).or_default() += 1;
        for s in &a.suggestions {
            *self.suggestions.entry(s.code).or_default() += 1;
        }
        if !a.readability.is_scorable() {
            *self.unreadable.entry(a.readability).or_default() += 1;
        }
    }

    fn write(&self, out: &mut impl Write, bad: u64) -> io::Result<()> {
        write!(out, "{BOLD}══ summary ══{BOLD:#} ")?;
        if self.count == 0 {
            writeln!(out, "no replies scored")?;
        } else {
            writeln!(
                out,
                "{} {}, mean score {:.1}",
                self.count,
                if self.count == 1 { "reply" } else { "replies" },
                self.total / self.count as f64
            )?;
            let levels: Vec<String> = self
                .levels
                .iter()
                .rev()
                .map(|(l, n)| {
                    let s = level_style(*l);
                    format!("{s}{l}{s:#} {n}")
                })
                .collect();
            writeln!(out, "  levels: {}", levels.join(", "))?;
            let mut codes: Vec<(&SuggestionCode, &u64)> = self.suggestions.iter().collect();
            codes.sort_by(|x, y| y.1.cmp(x.1).then(x.0.cmp(y.0)));
            let codes: Vec<String> = codes
                .iter()
                .take(5)
                .map(|(c, n)| format!("{TIP}{c}{TIP:#} {n}"))
                .collect();
            if !codes.is_empty() {
                writeln!(out, "  most common suggestions: {}", codes.join(", "))?;
            }
            let unreadable: u64 = self.unreadable.values().sum();
            if unreadable == 0 {
                writeln!(out, "  not readable: none")?;
            } else {
                let kinds: Vec<String> = self
                    .unreadable
                    .iter()
                    .map(|(r, n)| format!("{r} {n}"))
                    .collect();
                writeln!(
                    out,
                    "  {WARN}not readable: {unreadable}{WARN:#} ({}; scored low, not judged)",
                    kinds.join(", ")
                )?;
            }
        }
        if bad > 0 {
            writeln!(out, "  {BAD}{bad} input line(s) failed{BAD:#} (see stderr)")?;
        }
        Ok(())
    }
}

fn report(scorer: &Scorer, input: Input, color: anstream::ColorChoice) -> Result<u64, Stop> {
    let stdout = anstream::AutoStream::new(io::stdout().lock(), color);
    let mut out = BufWriter::new(stdout);
    legend(&mut out, scorer)?;
    let mut summary = Summary::default();
    let bad = each_line(input, &ProgressBar::hidden(), parse_line, |_, line| {
        let a = assess(scorer, &line);
        summary.add(&a);
        entry(&mut out, &line, &a)?;
        out.flush() // one reply at a time: `score -` answers each line as it comes
    })?;
    summary.write(&mut out, bad)?;
    out.flush()?;
    Ok(bad)
}
