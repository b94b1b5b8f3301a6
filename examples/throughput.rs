//! Throughput: MB/s and lines/s of `Scorer::score` (all rules and evidence on), and of the
//! `vader_sentiment` crate's `polarity_scores` on the same lines, in the same run.
//!
//! ```text
//! cargo run --release --example throughput -- FILE [--min-seconds 3] [--threads N] [--only-ours] [--bytes 50-300]
//! ```
//!
//! FILE holds text lines, or JSONL with a `text` field. Without FILE, a synthetic corpus of
//! support replies is generated (deterministic). `--threads N` (with `--features rayon`) also
//! measures the parallel batch API. `--only-ours` stops after `score_into` (for profiling).
//! `--bytes LO-HI` keeps only the lines of LO to HI bytes (the targets speak of support-length
//! texts of 50–300 bytes). `--stages` (with `--features internals`) also cuts the pipeline
//! after each stage, on these lines, to show where the time goes.

use empathy::{Assessment, Scorer};
use std::hint::black_box;
use std::time::{Duration, Instant};

fn load(path: &str) -> Vec<String> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        eprintln!("cannot read {path}: {e}");
        std::process::exit(1)
    });
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            if l.trim_start().starts_with('{') {
                serde_json::from_str::<serde_json::Value>(l)
                    .ok()
                    .and_then(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
                    .unwrap_or_else(|| l.to_string())
            } else {
                l.to_string()
            }
        })
        .collect()
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

fn measure(lines: &[String], min: Duration, mut f: impl FnMut(&str)) -> Rate {
    let bytes: usize = lines.iter().map(String::len).sum();
    for l in lines.iter().take(200) {
        f(l); // warm up
    }
    let start = Instant::now();
    let mut rounds = 0usize;
    while start.elapsed() < min || rounds == 0 {
        for l in lines {
            f(l);
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
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

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut min = Duration::from_secs(3);
    let mut threads = 0usize;
    let mut only_ours = false;
    let mut cut = false;
    let mut length = 0..usize::MAX;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--min-seconds" => {
                min =
                    Duration::from_secs_f64(args.next().and_then(|s| s.parse().ok()).unwrap_or(3.0))
            }
            "--threads" => threads = args.next().and_then(|s| s.parse().ok()).unwrap_or(2),
            // For profiling: our scorer alone.
            "--only-ours" => only_ours = true,
            "--stages" => cut = true,
            "--bytes" => {
                let range = args.next().unwrap_or_default();
                let bounds = range
                    .split_once('-')
                    .and_then(|(lo, hi)| Some((lo.parse().ok()?, hi.parse::<usize>().ok()?)));
                let Some((lo, hi)) = bounds else {
                    eprintln!("--bytes wants LO-HI, e.g. 50-300 (got {range:?})");
                    std::process::exit(2)
                };
                length = lo..hi.saturating_add(1);
            }
            _ => path = Some(a),
        }
    }
    let mut lines = match &path {
        Some(p) => load(p),
        None => synthetic(20_000),
    };
    lines.retain(|l| length.contains(&l.len()));
    if lines.is_empty() {
        eprintln!("no lines to measure");
        std::process::exit(1)
    }
    let bytes: usize = lines.iter().map(String::len).sum();
    let kept = if length == (0..usize::MAX) {
        String::new()
    } else {
        format!(" of {}-{} bytes", length.start, length.end - 1)
    };
    println!(
        "corpus: {} ({} lines{kept}, {:.2} MB, mean {:.0} bytes/line)",
        path.as_deref().unwrap_or("synthetic support replies"),
        lines.len(),
        bytes as f64 / 1e6,
        bytes as f64 / lines.len().max(1) as f64
    );

    let rss_before = resident_bytes();
    let t0 = Instant::now();
    let scorer = Scorer::builder().build().expect("built-in scorer");
    println!(
        "build Scorer: {:.1} ms (lexicon parsed and matchers compiled)",
        t0.elapsed().as_secs_f64() * 1e3
    );
    if let (Some(before), Some(after)) = (rss_before, resident_bytes()) {
        println!(
            "resident: +{:.1} MiB for the scorer (process {:.1} MiB); matcher tables {:.2} MiB",
            after.saturating_sub(before) as f64 / MIB,
            after as f64 / MIB,
            scorer.memory_usage() as f64 / MIB
        );
    }

    let mut out = Assessment::default();
    let ours = measure(&lines, min, |l| {
        scorer.score_into(l, &mut out);
        black_box(&out);
    });
    println!(
        "empathy  score_into : {:8.1} MB/s {:10.0} lines/s",
        ours.mb_s, ours.lines_s
    );
    if cut {
        stages(&scorer, &lines, min);
    }
    if only_ours {
        return;
    }
    let fresh = measure(&lines, min, |l| {
        let _ = black_box(scorer.score(l));
    });
    println!(
        "empathy  score      : {:8.1} MB/s {:10.0} lines/s",
        fresh.mb_s, fresh.lines_s
    );

    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let theirs = measure(&lines, min, |l| {
        black_box(vader.polarity_scores(l));
    });
    println!(
        "vader_sentiment     : {:8.1} MB/s {:10.0} lines/s",
        theirs.mb_s, theirs.lines_s
    );
    println!(
        "ratio (score_into / vader): {:.1}x",
        ours.mb_s / theirs.mb_s
    );

    if threads > 0 {
        parallel(&scorer, &lines, min);
    }
}

#[cfg(feature = "rayon")]
fn parallel(scorer: &Scorer, lines: &[String], min: Duration) {
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    let run = || {
        measure_batches(&refs, min, |batch| {
            black_box(scorer.score_batch(batch));
        })
    };
    let mut out = Vec::new();
    let mut run_into = || {
        measure_batches(&refs, min, |batch| {
            scorer.score_batch_into(batch, &mut out);
            black_box(&out);
        })
    };
    // The same batch API on a one-thread pool is the baseline.
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a one-thread pool");
    let single = one.install(run);
    let rate = run();
    println!(
        "empathy  score_batch: {:8.1} MB/s on 1 thread, {:.1} MB/s on {} threads ({:.2}x)",
        single,
        rate,
        rayon::current_num_threads(),
        rate / single
    );
    let single = one.install(&mut run_into);
    let rate = run_into();
    println!(
        "empathy  score_batch_into: {:.1} MB/s on 1 thread, {:.1} MB/s on {} threads ({:.2}x)",
        single,
        rate,
        rayon::current_num_threads(),
        rate / single
    );
}

#[cfg(feature = "rayon")]
fn measure_batches(lines: &[&str], min: Duration, mut f: impl FnMut(&[&str])) -> f64 {
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    f(lines);
    let start = Instant::now();
    let mut rounds = 0usize;
    while start.elapsed() < min || rounds == 0 {
        f(lines);
        rounds += 1;
    }
    (bytes * rounds) as f64 / start.elapsed().as_secs_f64() / 1e6
}

/// The pipeline cut after each stage (feature `internals`): layout, + matching, + rules.
#[cfg(feature = "internals")]
fn stages(scorer: &Scorer, lines: &[String], min: Duration) {
    use empathy::internals;
    type Cut = fn(&Scorer, &str) -> usize;
    let cuts: [(&str, Cut); 3] = [
        ("layout + word lookup", internals::layout),
        ("+ phrase matching", internals::matches),
        ("+ context rules", internals::analyze),
    ];
    for (name, cut) in cuts {
        let rate = measure(lines, min, |l| {
            black_box(cut(scorer, l));
        });
        println!("  stage {name:<22}: {:8.1} MB/s", rate.mb_s);
    }
}

#[cfg(not(feature = "internals"))]
fn stages(_: &Scorer, _: &[String], _: Duration) {
    eprintln!(
        "--stages needs the `internals` feature: cargo run --release --features internals --example throughput"
    );
}

#[cfg(not(feature = "rayon"))]
fn parallel(_: &Scorer, _: &[String], _: Duration) {
    eprintln!(
        "--threads needs the `rayon` feature: cargo run --release --features rayon --example throughput"
    );
}
