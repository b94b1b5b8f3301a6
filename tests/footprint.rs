//! The built-in scorer's memory footprint (DESIGN target: at most 16 MiB resident).
//!
//! Its own test binary with a single test, so no other test's allocations share the process.

/// The process's resident set size, from `/proc` (Linux only).
#[cfg(target_os = "linux")]
fn resident_bytes() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    let line = status
        .lines()
        .find(|l| l.starts_with("VmRSS:"))
        .expect("a VmRSS line");
    let kib: u64 = line
        .split_whitespace()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .expect("VmRSS in kB");
    kib * 1024
}

#[cfg(target_os = "linux")]
#[test]
fn built_in_scorer_stays_under_16_mib_resident() {
    const LIMIT: u64 = 16 * 1024 * 1024;
    let before = resident_bytes();
    let scorer = empathy::Scorer::default();
    // Touch every part: reply and customer matchers, conversation path.
    let out = scorer.score_reply(
        "I was charged twice and nobody answers!",
        "I'm so sorry, Sam. I've refunded the second charge.",
    );
    assert!(out.score > 0.0);
    let grown = resident_bytes().saturating_sub(before);
    assert!(
        grown <= LIMIT,
        "building the scorer grew the process by {:.1} MiB",
        grown as f64 / 1048576.0
    );
    assert!(scorer.memory_usage() <= LIMIT as usize);
}
