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

#[path = "support/cli.rs"]
mod cli;

use anstyle::{AnsiColor, Style};
use cli::{Stop, color_value, each_line, fail, finish, open, print_help, usage_error};
use empathy::{Kind, Lexicon, Scorer};
use indicatif::ProgressBar;
use std::io::{self, Write};
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
        Err(msg) => return usage_error(USAGE, &msg),
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
                &ProgressBar::hidden(),
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
                match &e.cue {
                    Some(cue) => cue.to_string(),
                    None => format!("({})", e.source),
                }
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
