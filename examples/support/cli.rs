//! The examples' command-line plumbing, one implementation for all of them: help and usage
//! errors, reading an input of lines (a file or stdin, a binary file refused, one stderr line
//! per malformed line naming its number), a closed pipe ending the run quietly, the exit
//! status, and progress bars on stderr that only a terminal sees.
//!
//! Included by each example with `#[path = "support/cli.rs"] mod cli;`.
//!
//! The conventions (those of ripgrep or jq): `--help` prints the usage on stdout and exits
//! with 0; a usage error prints `error: …`, the usage line and `(--help for more)` on stderr
//! and exits with 2; any other error is one `error: …` line on stderr and exit status 1; an
//! input line that cannot be used is one `line N: …` line on stderr, the run goes on, and the
//! exit status is 1 at the end.

#![allow(dead_code)]

use indicatif::{ProgressBar, ProgressStyle};
use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

/// Why a run stopped before the end of its input.
pub enum Stop {
    /// The input could not be opened or read, or holds nothing to work on (the message says
    /// which and why).
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
pub fn warn(msg: impl std::fmt::Display) {
    let _ = writeln!(io::stderr(), "{msg}");
}

/// Prints `help` (or any fixed text) on stdout: exit status 0, also when the pipe is closed.
pub fn print_help(help: &str) -> ExitCode {
    match io::stdout().write_all(help.as_bytes()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => fail(&e),
        _ => ExitCode::SUCCESS,
    }
}

/// `error: MSG`, the usage line and a pointer to `--help` on stderr; exit status 2.
pub fn usage_error(usage: &str, msg: &str) -> ExitCode {
    warn(format_args!("error: {msg}\n{usage}\n(--help for more)"));
    ExitCode::from(2)
}

/// `error: E` on stderr; exit status 1.
pub fn fail(e: &dyn std::fmt::Display) -> ExitCode {
    warn(format_args!("error: {e}"));
    ExitCode::from(1)
}

/// The exit status of a run that returns how many input lines failed: 0 when every line went
/// through, 1 when one failed or the run stopped; a closed pipe ends it quietly with 0.
pub fn finish(result: Result<u64, Stop>) -> ExitCode {
    match result {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(1),
        Err(Stop::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Stop::Write(e)) => fail(&format_args!("cannot write the output: {e}")),
        Err(Stop::Read(msg)) => fail(&msg),
    }
}

// ---------------------------------------------------------------------------------------
// Option values.

/// An option's value as text (lexopt says which option lacks one).
pub fn value(parser: &mut lexopt::Parser) -> Result<String, String> {
    let v = parser.value().map_err(|e| e.to_string())?;
    Ok(v.to_string_lossy().into_owned())
}

/// An option's value parsed as `T`: "`OPTION` wants WHAT, not "…"".
pub fn parsed<T: std::str::FromStr>(
    parser: &mut lexopt::Parser,
    option: &str,
    what: &str,
) -> Result<T, String> {
    let v = value(parser)?;
    v.parse()
        .map_err(|_| format!("{option} wants {what}, not {v:?}"))
}

/// A file path option's value; `-` means stdin, anything else starting with `-` is a
/// forgotten value (`--jsonl --lexicon x`).
pub fn path_value(parser: &mut lexopt::Parser, option: &str) -> Result<std::path::PathBuf, String> {
    let v = parser.value().map_err(|e| e.to_string())?;
    let s = v.to_string_lossy();
    if s.starts_with('-') && s != "-" {
        return Err(format!("{option} needs a FILE (or - for stdin), not {s:?}"));
    }
    Ok(v.into())
}

/// A directory option's value (anything starting with `-` is a forgotten value).
pub fn dir_value(parser: &mut lexopt::Parser, option: &str) -> Result<std::path::PathBuf, String> {
    let v = parser.value().map_err(|e| e.to_string())?;
    let s = v.to_string_lossy();
    if s.starts_with('-') {
        return Err(format!("{option} needs a DIR, not {s:?}"));
    }
    Ok(v.into())
}

/// `--color auto|always|never`.
pub fn color_value(parser: &mut lexopt::Parser) -> Result<anstream::ColorChoice, String> {
    match value(parser)?.as_str() {
        "auto" => Ok(anstream::ColorChoice::Auto),
        "always" => Ok(anstream::ColorChoice::Always),
        "never" => Ok(anstream::ColorChoice::Never),
        other => Err(format!(
            "--color wants auto, always or never, not {other:?}"
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Input.

/// An input of lines: a file, stdin, or text built into the program.
pub struct Input {
    pub name: String,
    pub reader: Box<dyn BufRead>,
    /// The size in bytes, when known (for the progress bar).
    pub len: Option<u64>,
}

impl Input {
    /// Text built into the program (the bundled samples).
    pub fn text(name: &str, text: &'static str) -> Input {
        Input {
            name: name.into(),
            reader: Box::new(text.as_bytes()),
            len: Some(text.len() as u64),
        }
    }
}

/// Whether the first bytes of an input look binary: a NUL byte, or bytes that are not UTF-8
/// (a multi-byte character cut at the end of `head` is fine).
pub fn looks_binary(head: &[u8]) -> bool {
    head.contains(&0) || std::str::from_utf8(head).is_err_and(|e| e.error_len().is_some())
}

/// Opens `path` (`-` is stdin) and refuses a binary file, one that has a NUL byte or bytes
/// that are not UTF-8 in its first 8 KiB: "FILE looks binary, not {what}".
pub fn open(path: &Path, what: &str) -> Result<Input, Stop> {
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
    if looks_binary(&head[..head.len().min(8 * 1024)]) {
        return Err(Stop::Read(format!(
            "{} looks binary, not {what}",
            input.name
        )));
    }
    Ok(input)
}

/// serde_json's message without its own " at line 1 column N" (every input line is parsed
/// on its own, so its line is always 1): `EOF while parsing a value at column 15`.
pub fn json_error(e: &serde_json::Error) -> String {
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
/// its number (`line 2: …`). Returns how many lines failed.
pub fn each_line<T>(
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

/// Every line of `input` that `parse` accepts, in order ([`each_line`] into a vector), and how
/// many failed.
pub fn read_all<T>(
    input: Input,
    progress: &ProgressBar,
    parse: impl FnMut(&str) -> Result<T, String>,
) -> Result<(Vec<T>, u64), Stop> {
    let mut all = Vec::new();
    let bad = each_line(input, progress, parse, |_, v| {
        all.push(v);
        Ok(())
    })?;
    Ok((all, bad))
}

// ---------------------------------------------------------------------------------------
// Progress on stderr, only for a terminal.

/// Whether progress may be drawn: stderr is a terminal. (indicatif would hide a bar on a
/// pipe by itself; the examples decide once, so a hidden bar costs nothing.)
pub fn progress_visible() -> bool {
    io::stderr().is_terminal()
}

/// A bar of `len` steps on stderr with `template` (an indicatif template), or a hidden one
/// when stderr is not a terminal.
pub fn bar(len: u64, template: &str, message: &str) -> ProgressBar {
    if !progress_visible() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len).with_style(
        ProgressStyle::with_template(template)
            .expect("a valid template")
            .progress_chars("=> "),
    );
    bar.set_message(message.to_string());
    bar
}

/// A bar counting items: `{msg} [====>   ] 120/420`.
pub fn items_bar(len: usize, message: &str) -> ProgressBar {
    bar(
        len as u64,
        "{spinner} {msg} [{wide_bar}] {human_pos}/{human_len}",
        message,
    )
}

/// A spinner for a step of unknown length, ticking by itself; its message says the step.
pub fn spinner(message: &str) -> ProgressBar {
    if !progress_visible() {
        return ProgressBar::hidden();
    }
    let s = ProgressBar::new_spinner().with_style(
        ProgressStyle::with_template("{spinner} {msg} ({elapsed})").expect("a valid template"),
    );
    s.set_message(message.to_string());
    s.enable_steady_tick(Duration::from_millis(120));
    s
}

/// A progress bar on stderr for a long JSONL run: only when stderr is a terminal and stdout
/// is not (the output goes to a file or a pipe), hidden otherwise.
pub fn progress_for(input: &Input) -> ProgressBar {
    if !progress_visible() || io::stdout().is_terminal() {
        return ProgressBar::hidden();
    }
    match input.len {
        Some(len) => bar(
            len,
            "{spinner} {bytes}/{total_bytes} [{wide_bar}] {bytes_per_sec}, {eta} left",
            "",
        ),
        None => ProgressBar::new_spinner().with_style(
            ProgressStyle::with_template("{spinner} {human_pos} lines, {per_sec}")
                .expect("a valid template"),
        ),
    }
}
