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

use anstyle::{AnsiColor, Style};
use empathy::{
    Assessment, CustomerMessage, Dimension, Kind, Level, Lexicon, Readability, Scorer,
    SuggestionCode,
};
use indicatif::{ProgressBar, ProgressStyle};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::io::{self, BufRead, BufWriter, IsTerminal, Write};
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
        Err(msg) => return usage_error(&msg),
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
        (None, None) => report(&scorer, Input::samples(), opts.color),
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

// ---------------------------------------------------------------------------------------
// Command-line plumbing: the same pattern in every example, so that each file stands alone.

/// Why a run stopped before the end of its input.
enum Stop {
    /// The input could not be opened or read (the message says which and why).
    Read(String),
    /// Writing the output failed (a closed pipe is not an error).
    Write(io::Error),
}

impl From<io::Error> for Stop {
    fn from(e: io::Error) -> Self {
        Stop::Write(e)
    }
}

/// A line on stderr; nothing to be done if stderr itself is gone.
fn warn(msg: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "{msg}");
}

fn print_help(help: &str) -> ExitCode {
    match io::stdout().write_all(help.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => fail(&e),
        _ => ExitCode::SUCCESS,
    }
}

fn usage_error(msg: &str) -> ExitCode {
    warn(format_args!("error: {msg}\n{USAGE}\n(--help for more)"));
    ExitCode::from(2)
}

fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    warn(format_args!("error: {e}"));
    ExitCode::from(1)
}

/// The exit status: 0 when every line went through, 1 when one failed or the run stopped.
fn finish(result: Result<u64, Stop>) -> ExitCode {
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(Stop::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Stop::Write(e)) => fail(&format_args!("cannot write the output: {e}")),
        Err(Stop::Read(msg)) => fail(&msg),
    }
}

/// A file path option's value; `-` means stdin, anything else starting with `-` is a
/// forgotten value (`--jsonl --lexicon x`).
fn path_value(parser: &mut lexopt::Parser, option: &str) -> Result<PathBuf, String> {
    let v = parser.value().map_err(|e| e.to_string())?;
    let s = v.to_string_lossy();
    if s.starts_with('-') && s != "-" {
        return Err(format!("{option} needs a FILE (or - for stdin), not {s:?}"));
    }
    Ok(v.into())
}

fn color_value(parser: &mut lexopt::Parser) -> Result<anstream::ColorChoice, String> {
    let v = parser.value().map_err(|e| e.to_string())?;
    match v.to_string_lossy().as_ref() {
        "auto" => Ok(anstream::ColorChoice::Auto),
        "always" => Ok(anstream::ColorChoice::Always),
        "never" => Ok(anstream::ColorChoice::Never),
        other => Err(format!(
            "--color wants auto, always or never, not {other:?}"
        )),
    }
}

/// A JSONL input: a file, stdin, or the bundled samples.
struct Input {
    name: String,
    reader: Box<dyn BufRead>,
    /// The size in bytes, when known (for the progress bar).
    len: Option<u64>,
}

impl Input {
    fn samples() -> Input {
        Input {
            name: "the bundled samples".into(),
            reader: Box::new(SAMPLES.as_bytes()),
            len: Some(SAMPLES.len() as u64),
        }
    }
}

/// Opens `path` (`-` is stdin) and refuses a binary file, one that has a NUL byte or bytes
/// that are not UTF-8 in its first 8 KiB: "FILE looks binary, not {what}".
fn open(path: &PathBuf, what: &str) -> Result<Input, Stop> {
    let (name, reader, len): (String, Box<dyn BufRead>, _) = if path.as_os_str() == "-" {
        let stdin = io::BufReader::with_capacity(64 * 1024, io::stdin());
        ("<stdin>".into(), Box::new(stdin), None)
    } else {
        let name = path.display().to_string();
        let file = std::fs::File::open(path)
            .map_err(|e| Stop::Read(format!("cannot open {name}: {e}")))?;
        let len = file
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .map(|m| m.len());
        let file = io::BufReader::with_capacity(64 * 1024, file);
        (name, Box::new(file), len)
    };
    let mut input = Input { name, reader, len };
    let head = input
        .reader
        .fill_buf()
        .map_err(|e| Stop::Read(format!("cannot read {}: {e}", input.name)))?;
    let head = &head[..head.len().min(8 * 1024)];
    // A multi-byte character cut at the end of the 8 KiB is fine; anything else is not UTF-8.
    let binary =
        head.contains(&0) || std::str::from_utf8(head).is_err_and(|e| e.error_len().is_some());
    if binary {
        return Err(Stop::Read(format!(
            "{} looks binary, not {what}",
            input.name
        )));
    }
    Ok(input)
}

/// A progress bar on stderr for a long JSONL run: only when stderr is a terminal and stdout
/// is not (the output goes to a file or a pipe), hidden otherwise.
fn progress_for(input: &Input) -> ProgressBar {
    if !io::stderr().is_terminal() || io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    match input.len {
        Some(len) => ProgressBar::new(len).with_style(
            ProgressStyle::with_template(
                "{spinner} {bytes}/{total_bytes} [{wide_bar}] {bytes_per_sec}, {eta} left",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {human_pos} lines, {per_sec}")
                .expect("a valid template"),
        ),
    }
}

/// serde_json's message without its own " at line 1 column N" (every input line is parsed
/// on its own, so its line is always 1): `EOF while parsing a value at column 15`.
fn json_error(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let msg = msg.strip_suffix(&suffix).unwrap_or(&msg);
    let what = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => "invalid JSON: ",
        _ => "",
    };
    if e.column() > 0 {
        format!("{what}{msg} at column {}", e.column())
    } else {
        format!("{what}{msg}")
    }
}

/// Calls `each` with every line of `input` that `parse` accepts, and its 1-based line number;
/// blank lines are skipped, and a line that `parse` rejects gets one error on stderr naming
/// its number. Returns how many lines failed.
fn each_line<T>(
    mut input: Input,
    progress: &ProgressBar,
    mut parse: impl FnMut(&str) -> Result<T, String>,
    mut each: impl FnMut(u64, T) -> io::Result<()>,
) -> Result<u64, Stop> {
    let mut buf = Vec::with_capacity(4096);
    let mut n = 0u64;
    let mut bad = 0u64;
    let by_bytes = input.len.is_some();
    loop {
        buf.clear();
        let read = input
            .reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Stop::Read(format!("cannot read {} after line {n}: {e}", input.name)))?;
        if read == 0 {
            return Ok(bad);
        }
        n += 1;
        progress.inc(if by_bytes { read as u64 } else { 1 });
        let parsed = match std::str::from_utf8(&buf) {
            Err(e) => Err(format!("not UTF-8 (byte {})", e.valid_up_to() + 1)),
            Ok(line) if line.trim().is_empty() => continue,
            // Without its line ending; a byte-order mark before the first line is harmless.
            Ok(line) => {
                let line = line.trim_end_matches(['\n', '\r']);
                parse(line.strip_prefix('\u{feff}').unwrap_or(line))
            }
        };
        match parsed {
            Ok(value) => each(n, value)?,
            Err(msg) => {
                bad += 1;
                progress.suspend(|| warn(format_args!("line {n}: {msg}")));
            }
        }
    }
}
