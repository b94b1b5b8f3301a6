//! Extend the built-in lexicon with your own cues (e.g. your brand's house style), see what
//! they change, and see how a malformed lexicon is reported.
//!
//! ```text
//! cargo run --example custom_lexicon                              # the bundled house style on a sample reply
//! cargo run --example custom_lexicon -- --print-lexicon > my.toml # start your own from it
//! cargo run --example custom_lexicon -- my.toml "We've got you, Sam." "Kindly revert."
//! echo "We've got you, Sam." | cargo run --example custom_lexicon -- my.toml -
//! ```
//!
//! Each reply is scored twice, with the built-in lexicon and with it extended by yours, and
//! the cues found are listed. A lexicon that does not load is reported on stderr with its file,
//! line and problem (exit status 1); a usage error exits with 2; `--help` prints the usage.

use anstyle::{AnsiColor, Style};
use empathy::{Kind, Lexicon, Scorer};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// The bundled example, a house style (`--print-lexicon` prints it).
const HOUSE_STYLE: &str = r#"# A custom lexicon extends the built-in one (see data/lexicon/FORMAT.md for the format).
# It must start with this header.
[lexicon]
format = 1
name = "acme-house-style"

[[class]]
name = "acme_fix"
words = ["sort", "fix", "patch up", "square away"]

# Our agents say "we've got you" a lot, and it reads as reassurance.
[[cues]]
kind = "reassurance"
weight = 0.8
entries = ["(we've|we have|i've|i have) got you", "(you're|you are) in safe hands"]

# Our own ownership idiom.
[[cues]]
kind = "ownership"
weight = 0.9
entries = ["(i'll|i will|let me) {acme_fix} (this|that|it) (out)? (for you)? (today|right now|straight away)"]

# A phrase our QA team wants flagged as canned.
[[cues]]
kind = "scripted"
weight = 0.7
entries = ["kindly (revert|do the needful)"]
"#;

const SAMPLE_REPLY: &str = "We've got you, Sam. I'll square away this for you today. Kindly revert if the refund has not arrived by Friday.";

const USAGE: &str = "usage: custom_lexicon [--color WHEN] [LEXICON [REPLY... | -]]";

const HELP: &str = "\
Extend the built-in lexicon with your own cues and see what they change.

usage: custom_lexicon [--color WHEN] [LEXICON [REPLY... | -]]
       custom_lexicon --print-lexicon > my.toml

With no LEXICON, the bundled house-style lexicon on a sample reply, then how a malformed
lexicon is reported. LEXICON is a TOML file that starts with `[lexicon]` and `format = 1`
(see data/lexicon/FORMAT.md; --print-lexicon prints a complete one to start from). Each
REPLY (default: the sample reply; - reads replies from stdin, one a line) is scored with
the built-in lexicon and with LEXICON added, and the cues found are listed.

options:
  --print-lexicon   print the bundled house-style lexicon and exit
  --color WHEN      auto (default: when stdout is a terminal and NO_COLOR is not set),
                    always, never
  -h, --help        print this help

exit status: 0 on success, 1 when the lexicon does not load or stdin cannot be read,
2 for a usage error.
";

struct Options {
    lexicon: Option<PathBuf>,
    replies: Vec<String>,
    stdin: bool,
    print_lexicon: bool,
    color: anstream::ColorChoice,
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(Some(opts)) => opts,
        Ok(None) => return print_help(HELP),
        Err(msg) => return usage_error(&msg),
    };
    if opts.print_lexicon {
        return print_help(HOUSE_STYLE);
    }
    let (name, lexicon) = match &opts.lexicon {
        None => (
            "with house style".to_string(),
            Lexicon::from_toml_str(HOUSE_STYLE),
        ),
        Some(path) => (format!("with {}", path.display()), Lexicon::from_file(path)),
    };
    let extended = match lexicon.and_then(|lex| Scorer::builder().extend(lex).build()) {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let builtin = Scorer::default();
    let mut out = anstream::AutoStream::new(io::stdout().lock(), opts.color);
    let scorers = [("built-in", &builtin), (name.as_str(), &extended)];
    let result = if opts.stdin {
        open(&PathBuf::from("-"), "text").and_then(|input| {
            each_line(
                input,
                |l| Ok(l.to_string()),
                |_, reply| compare(&mut out, &scorers, &reply),
            )
        })
    } else {
        let replies = if opts.replies.is_empty() {
            vec![SAMPLE_REPLY.to_string()]
        } else {
            opts.replies
        };
        replies
            .iter()
            .try_for_each(|reply| compare(&mut out, &scorers, reply))
            .map(|()| 0)
            .map_err(Stop::from)
    };
    let result = result.and_then(|bad| {
        if opts.lexicon.is_none() {
            malformed(&mut out)?;
        }
        Ok(bad)
    });
    finish(result)
}

fn parse_args() -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut opts = Options {
        lexicon: None,
        replies: Vec::new(),
        stdin: false,
        print_lexicon: false,
        color: anstream::ColorChoice::Auto,
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("print-lexicon") => opts.print_lexicon = true,
            Long("color") | Long("colour") => opts.color = color_value(&mut parser)?,
            Value(v) if opts.lexicon.is_none() => opts.lexicon = Some(v.into()),
            Value(v) if v == "-" => opts.stdin = true,
            Value(v) => opts.replies.push(
                v.into_string()
                    .map_err(|v| format!("{v:?} is not valid UTF-8"))?,
            ),
            other => return Err(other.unexpected().to_string()),
        }
    }
    if opts.stdin && !opts.replies.is_empty() {
        return Err("give replies as arguments or - for stdin, not both".into());
    }
    Ok(Some(opts))
}

const GOOD: Style = AnsiColor::Green.on_default();
const BAD: Style = AnsiColor::Red.on_default();
const DIM: Style = Style::new().dimmed();
const BOLD: Style = Style::new().bold();

/// The reply scored by each scorer, with the cues found.
fn compare(out: &mut impl Write, scorers: &[(&str, &Scorer)], reply: &str) -> io::Result<()> {
    writeln!(out, "{BOLD}reply:{BOLD:#} {reply}")?;
    for (name, scorer) in scorers {
        let a = scorer.score(reply);
        writeln!(out, "{name:>17}: score {:.0} ({})", a.score, a.level)?;
        for e in &a.evidence {
            let style = match e.kind {
                Kind::Dimension(_) => GOOD,
                Kind::Concern(_) => BAD,
                _ => Style::new(),
            };
            writeln!(
                out,
                "{:>19}{style}{:<15}{style:#} {:?} {DIM}← {}{DIM:#}",
                "",
                e.kind.to_string(),
                &reply[e.span.range()],
                e.cue
            )?;
        }
    }
    writeln!(out)
}

/// A malformed lexicon is rejected with the line and the problem.
fn malformed(out: &mut impl Write) -> io::Result<()> {
    let broken = "[lexicon]\nformat = 1\n[[cues]]\nkind = \"reassurance\"\nweight = 1.5\nentries = [\"no worries\"]\n";
    match Lexicon::from_toml_str(broken) {
        Ok(_) => writeln!(out, "unexpectedly accepted"),
        Err(e) => writeln!(out, "a malformed lexicon is reported like this: {e}"),
    }
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

/// An input of lines: a file or stdin.
struct Input {
    name: String,
    reader: Box<dyn BufRead>,
}

/// Opens `path` (`-` is stdin) and refuses a binary file, one that has a NUL byte or bytes
/// that are not UTF-8 in its first 8 KiB: "FILE looks binary, not {what}".
fn open(path: &PathBuf, what: &str) -> Result<Input, Stop> {
    let (name, reader): (String, Box<dyn BufRead>) = if path.as_os_str() == "-" {
        let stdin = io::BufReader::with_capacity(64 * 1024, io::stdin());
        ("<stdin>".into(), Box::new(stdin))
    } else {
        let name = path.display().to_string();
        let file = std::fs::File::open(path)
            .map_err(|e| Stop::Read(format!("cannot open {name}: {e}")))?;
        (
            name,
            Box::new(io::BufReader::with_capacity(64 * 1024, file)),
        )
    };
    let mut input = Input { name, reader };
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

/// Calls `each` with every line of `input` that `parse` accepts, and its 1-based line number;
/// blank lines are skipped, and a line that `parse` rejects gets one error on stderr naming
/// its number. Returns how many lines failed.
fn each_line<T>(
    mut input: Input,
    mut parse: impl FnMut(&str) -> Result<T, String>,
    mut each: impl FnMut(u64, T) -> io::Result<()>,
) -> Result<u64, Stop> {
    let mut buf = Vec::with_capacity(4096);
    let mut n = 0u64;
    let mut bad = 0u64;
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
                warn(format_args!("line {n}: {msg}"));
            }
        }
    }
}
