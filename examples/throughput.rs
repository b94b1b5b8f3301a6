//! Throughput: MB/s and lines/s of `Scorer::score` (all rules and evidence on), and of the
//! `vader_sentiment` crate's `polarity_scores` on the same lines, in the same run.
//!
//! ```text
//! cargo run --release --example throughput -- [FILE] [--min-seconds 3] [--threads N] [--only-ours] [--bytes 50-300]
//! cargo run --release --example throughput -- --help
//! ```
//!
//! FILE holds text lines, or JSONL with a `text` field. Without FILE, a synthetic corpus of
//! support replies is generated (deterministic). `--threads N` (with `--features rayon`) also
//! measures the parallel batch API, on a pool of N threads against one of 1. `--only-ours` stops after `score_into` (for profiling).
//! `--bytes LO-HI` keeps only the lines of LO to HI bytes (the targets speak of support-length
//! texts of 50–300 bytes). `--stages` (with `--features internals`) also cuts the pipeline
//! after each stage, on these lines, to show where the time goes.
//!
//! The results go to stdout; while a measurement runs, a progress bar on stderr shows it when
//! stderr is a terminal (nothing in a pipe or a log). `--help` prints the usage; a usage error
//! exits with 2, an unreadable or binary FILE with 1; a closed pipe ends the run quietly.

#[path = "support/cli.rs"]
mod cli;

use cli::{Stop, fail, finish, open, print_help, read_all, usage_error, value};
use empathy::{Assessment, Scorer};
use indicatif::ProgressBar;
use std::hint::black_box;
use std::io::{self, Write};
use std::ops::Range;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const USAGE: &str = "usage: throughput [FILE] [--min-seconds S] [--threads N] [--only-ours] [--stages] [--bytes LO-HI]";

const HELP: &str = "\
Throughput of Scorer::score_into and Scorer::score, in MB/s and lines/s, next to the
vader_sentiment crate's polarity_scores on the same lines. Build with --release.

usage: throughput [FILE] [--min-seconds S] [--threads N] [--only-ours] [--stages] [--bytes LO-HI]

FILE holds text lines, or JSONL lines with a `text` field; without FILE, a deterministic
synthetic corpus of support replies.

options:
  --min-seconds S   run each measurement at least S seconds (default 3)
  --threads N       also measure the parallel batch API on N threads against 1
                    (needs --features rayon)
  --only-ours       stop after score_into (for profiling)
  --stages          also cut the pipeline after each stage (needs --features internals)
  --bytes LO-HI     keep only the lines of LO to HI bytes, e.g. 50-300
  -h, --help        print this help

The results go to stdout; a progress bar on stderr while a measurement runs, when stderr is
a terminal. exit status: 0 on success, 1 when FILE cannot be read (or has no lines to
measure), 2 for a usage error.
";

struct Options {
    path: Option<PathBuf>,
    min: Duration,
    threads: usize,
    only_ours: bool,
    stages: bool,
    length: Range<usize>,
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(Some(opts)) => opts,
        Ok(None) => return print_help(HELP),
        Err(msg) => return usage_error(USAGE, &msg),
    };
    let (mut lines, bad) = match &opts.path {
        Some(p) => match open(p, "text or JSONL")
            .and_then(|input| read_all(input, &ProgressBar::hidden(), |l| Ok(text_of(l))))
        {
            Ok(read) => read,
            Err(stop) => return finish(Err(stop)),
        },
        None => (synthetic(20_000), 0),
    };
    lines.retain(|l| opts.length.contains(&l.len()));
    if lines.is_empty() {
        return fail(&"no lines to measure");
    }
    // Lines that could not be read were reported; the others are measured, and the exit
    // status is 1.
    let result = run(&opts, &lines, &mut io::stdout().lock());
    finish(result.map(|()| bad).map_err(Stop::Write))
}

fn parse_args() -> Result<Option<Options>, String> {
    use lexopt::prelude::*;
    let mut opts = Options {
        path: None,
        min: Duration::from_secs(3),
        threads: 0,
        only_ours: false,
        stages: false,
        length: 0..usize::MAX,
    };
    let mut parser = lexopt::Parser::from_env();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(None),
            Long("min-seconds") => {
                let v = value(&mut parser)?;
                opts.min = v
                    .parse::<f64>()
                    .ok()
                    .and_then(|s| Duration::try_from_secs_f64(s).ok())
                    .ok_or_else(|| format!("--min-seconds wants a number of seconds, not {v:?}"))?;
            }
            Long("threads") => {
                let v = value(&mut parser)?;
                opts.threads = v
                    .parse()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| format!("--threads wants a number above 0, not {v:?}"))?;
            }
            // For profiling: our scorer alone.
            Long("only-ours") => opts.only_ours = true,
            Long("stages") => opts.stages = true,
            Long("bytes") => {
                let v = value(&mut parser)?;
                let bounds = v
                    .split_once('-')
                    .and_then(|(lo, hi)| Some((lo.parse().ok()?, hi.parse::<usize>().ok()?)));
                let Some((lo, hi)) = bounds else {
                    return Err(format!("--bytes wants LO-HI, e.g. 50-300, not {v:?}"));
                };
                opts.length = lo..hi.saturating_add(1);
            }
            Value(v) if opts.path.is_none() => opts.path = Some(v.into()),
            other => return Err(other.unexpected().to_string()),
        }
    }
    Ok(Some(opts))
}

/// A line to measure: the line itself, or the `text` of a JSONL line.
fn text_of(line: &str) -> String {
    if line.trim_start().starts_with('{') {
        serde_json::from_str::<serde_json::Value>(line)
            .ok()
            .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
            .unwrap_or_else(|| line.to_string())
    } else {
        line.to_string()
    }
}

/// A deterministic synthetic corpus of support-length replies (50–300 bytes).
pub fn synthetic(n: usize) -> Vec<String> {
    const OPEN: &[&str] = &[
        "@user Hi Dana,",
        "Hello,",
        "Hey there!",
        "Hi Marco —",
        "",
        "Thanks for reaching out.",
        "Oh no!",
        "Good morning,",
    ];
    const MID: &[&str] = &[
        "I'm so sorry to hear your parcel arrived damaged.",
        "That must have been really frustrating after waiting all week.",
        "I completely understand why you'd expect better from us.",
        "Could you tell me more about what happened at the gate?",
        "I've refunded the duplicate charge; it will show within 3 days.",
        "Happy to help with this, take your time.",
        "Unfortunately it's our policy not to refund opened items.",
        "You should have checked the size guide before ordering.",
        "We apologize for any inconvenience this may have caused.",
        "Please DM us your order number and we'll take a look.",
        "The router firmware update rolls out tonight between 1 and 3am.",
        "I don't understand why you're upset, but I'll check.",
        "Your new card is on its way and should arrive by Friday.",
        "Calm down, it's not a big deal.",
    ];
    const END: &[&str] = &[
        "*TMB",
        "^JK",
        "Thanks!",
        "",
        "Have a great day.",
        "🙂",
        "-Sam",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    (0..n)
        .map(|_| {
            let k = 1 + next(3);
            let mut s = OPEN[next(OPEN.len())].to_string();
            for _ in 0..k {
                s.push(' ');
                s.push_str(MID[next(MID.len())]);
            }
            s.push(' ');
            s.push_str(END[next(END.len())]);
            s.trim().to_string()
        })
        .collect()
}

struct Rate {
    mb_s: f64,
    lines_s: f64,
}

/// A bar on stderr that fills up over the measurement's minimum time, when stderr is a
/// terminal; hidden otherwise.
fn progress(label: &str, min: Duration) -> ProgressBar {
    cli::bar(
        min.as_millis().max(1) as u64,
        "{spinner} measuring {msg} [{wide_bar}] {elapsed}",
        label,
    )
}

fn measure(label: &str, lines: &[String], min: Duration, mut f: impl FnMut(&str)) -> Rate {
    let bytes: usize = lines.iter().map(String::len).sum();
    for l in lines.iter().take(200) {
        f(l); // warm up
    }
    let bar = progress(label, min);
    let start = Instant::now();
    let mut rounds = 0usize;
    while start.elapsed() < min || rounds == 0 {
        for l in lines {
            f(l);
        }
        rounds += 1;
        bar.set_position(start.elapsed().as_millis() as u64);
    }
    let secs = start.elapsed().as_secs_f64();
    bar.finish_and_clear();
    Rate {
        mb_s: (bytes * rounds) as f64 / secs / 1e6,
        lines_s: (lines.len() * rounds) as f64 / secs,
    }
}

const MIB: f64 = 1024.0 * 1024.0;

/// The process's resident set size (Linux only).
fn resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

fn run(opts: &Options, lines: &[String], out: &mut impl Write) -> io::Result<()> {
    let min = opts.min;
    let bytes: usize = lines.iter().map(String::len).sum();
    let kept = if opts.length == (0..usize::MAX) {
        String::new()
    } else {
        format!(" of {}-{} bytes", opts.length.start, opts.length.end - 1)
    };
    let name = match &opts.path {
        Some(p) => p.display().to_string(),
        None => "synthetic support replies".to_string(),
    };
    writeln!(
        out,
        "corpus: {name} ({} lines{kept}, {:.2} MB, mean {:.0} bytes/line)",
        lines.len(),
        bytes as f64 / 1e6,
        bytes as f64 / lines.len().max(1) as f64
    )?;

    let rss_before = resident_bytes();
    let t0 = Instant::now();
    let scorer = Scorer::builder().build().expect("built-in scorer");
    writeln!(
        out,
        "build Scorer: {:.1} ms (lexicon parsed and matchers compiled)",
        t0.elapsed().as_secs_f64() * 1e3
    )?;
    if let (Some(before), Some(after)) = (rss_before, resident_bytes()) {
        writeln!(
            out,
            "resident: +{:.1} MiB for the scorer (process {:.1} MiB); matcher tables {:.2} MiB",
            after.saturating_sub(before) as f64 / MIB,
            after as f64 / MIB,
            scorer.memory_usage() as f64 / MIB
        )?;
    }

    let mut a = Assessment::default();
    let ours = measure("score_into", lines, min, |l| {
        scorer.score_into(l, &mut a);
        black_box(&a);
    });
    writeln!(
        out,
        "empathy  score_into : {:8.1} MB/s {:10.0} lines/s",
        ours.mb_s, ours.lines_s
    )?;
    if opts.stages {
        stages(out, &scorer, lines, min)?;
    }
    if opts.only_ours {
        return Ok(());
    }
    let fresh = measure("score", lines, min, |l| {
        let _ = black_box(scorer.score(l));
    });
    writeln!(
        out,
        "empathy  score      : {:8.1} MB/s {:10.0} lines/s",
        fresh.mb_s, fresh.lines_s
    )?;

    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let theirs = measure("vader_sentiment", lines, min, |l| {
        black_box(vader.polarity_scores(l));
    });
    writeln!(
        out,
        "vader_sentiment     : {:8.1} MB/s {:10.0} lines/s",
        theirs.mb_s, theirs.lines_s
    )?;
    writeln!(
        out,
        "ratio (score_into / vader): {:.1}x",
        ours.mb_s / theirs.mb_s
    )?;

    if opts.threads > 0 {
        parallel(out, &scorer, lines, min, opts.threads)?;
    }
    Ok(())
}

#[cfg(feature = "rayon")]
fn parallel(
    out: &mut impl Write,
    scorer: &Scorer,
    lines: &[String],
    min: Duration,
    threads: usize,
) -> io::Result<()> {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let run = || {
        measure_batches("score_batch", &refs, min, |batch| {
            black_box(scorer.score_batch(batch));
        })
    };
    let mut batch_out = Vec::new();
    let mut run_into = || {
        measure_batches("score_batch_into", &refs, min, |batch| {
            scorer.score_batch_into(batch, &mut batch_out);
            black_box(&batch_out);
        })
    };
    // The same batch API on a one-thread pool is the baseline.
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let many = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool");
    let single = one.install(run);
    let rate = many.install(run);
    writeln!(
        out,
        "empathy  score_batch: {:8.1} MB/s on 1 thread, {:.1} MB/s on {} threads ({:.2}x)",
        single,
        rate,
        many.current_num_threads(),
        rate / single
    )?;
    let single = one.install(&mut run_into);
    let rate = many.install(&mut run_into);
    writeln!(
        out,
        "empathy  score_batch_into: {:.1} MB/s on 1 thread, {:.1} MB/s on {} threads ({:.2}x)",
        single,
        rate,
        many.current_num_threads(),
        rate / single
    )
}

#[cfg(feature = "rayon")]
fn measure_batches(label: &str, lines: &[&str], min: Duration, mut f: impl FnMut(&[&str])) -> f64 {
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    f(lines);
    let bar = progress(label, min);
    let start = Instant::now();
    let mut rounds = 0usize;
    while start.elapsed() < min || rounds == 0 {
        f(lines);
        rounds += 1;
        bar.set_position(start.elapsed().as_millis() as u64);
    }
    let rate = (bytes * rounds) as f64 / start.elapsed().as_secs_f64() / 1e6;
    bar.finish_and_clear();
    rate
}

/// The pipeline cut after each stage (feature `internals`): layout, + matching, + rules.
#[cfg(feature = "internals")]
fn stages(
    out: &mut impl Write,
    scorer: &Scorer,
    lines: &[String],
    min: Duration,
) -> io::Result<()> {
    use empathy::internals;
    type Cut = fn(&Scorer, &str) -> usize;
    let cuts: [(&str, Cut); 3] = [
        ("layout + word lookup", internals::layout),
        ("+ phrase matching", internals::matches),
        ("+ context rules", internals::analyze),
    ];
    for (name, cut) in cuts {
        let rate = measure(name, lines, min, |l| {
            black_box(cut(scorer, l));
        });
        writeln!(out, "  stage {name:<22}: {:8.1} MB/s", rate.mb_s)?;
    }
    Ok(())
}

#[cfg(not(feature = "internals"))]
fn stages(_: &mut impl Write, _: &Scorer, _: &[String], _: Duration) -> io::Result<()> {
    cli::warn(
        "--stages needs the `internals` feature: cargo run --release --features internals --example throughput",
    );
    Ok(())
}

#[cfg(not(feature = "rayon"))]
fn parallel(_: &mut impl Write, _: &Scorer, _: &[String], _: Duration, _: usize) -> io::Result<()> {
    cli::warn(
        "--threads needs the `rayon` feature: cargo run --release --features rayon --example throughput",
    );
    Ok(())
}
