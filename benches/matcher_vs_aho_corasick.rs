//! The matcher decision, measured: the crate's word-level DFA against the `aho-corasick`
//! crate over the same built-in lexicon (feature `internals`).
//!
//! ```text
//! cargo bench --features internals --bench matcher_vs_aho_corasick
//! ```
//!
//! `aho-corasick` matches literal byte strings, so every lexicon pattern is spelled out into
//! its phrases first ([`empathy::Entry::phrases`]); it is built leftmost-longest and ASCII
//! case-insensitive, and a match counts only between word boundaries (the bytes before and
//! after are not ASCII alphanumeric). The word automaton compiles the patterns themselves.
//!
//! * `build`: `aho-corasick` over every phrase of the lexicon (reply and customer cues, already
//!   expanded; `expand_phrases` is the expansion on its own) against `Scorer::builder().build()`
//!   (both word automata, the vocabulary and the rest of the scorer; the lexicon itself is
//!   parsed once per process, as the phrases are expanded once here).
//! * memory: printed once to stderr at the start (`AhoCorasick::memory_usage` against
//!   `Scorer::memory_usage`), with the phrase counts.
//! * `scan`: the agent replies of the IBM customer-care corpus (or a few synthetic replies if
//!   it is missing), in bytes/s. `word_automaton` is `internals::matches`: tokenizing, word
//!   lookup and the reply automaton, which finds the reply cues (leftmost-longest) and the
//!   `[context]` phrases (negators, hedges, greetings…, every occurrence) in one walk.
//!   `aho_corasick` finds the reply-cue phrases only; `aho_corasick+context` adds a second,
//!   overlapping automaton over the same `[context]` phrases, so it does the same job.

use aho_corasick::{AhoCorasick, Input, MatchKind};
use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use empathy::{Lexicon, Scorer, internals};
use std::hint::black_box;
use std::time::{Duration, Instant};

/// Used when the IBM corpus is not beside the checkout.
const SYNTHETIC: &[&str] = &[
    "@sam_k Hi Sam, I'm so sorry the order arrived late. I've refunded the shipping fee and \
     the replacement ships tomorrow. Anything else I can do?",
    "Thanks for waiting! I understand how frustrating this must be. Could you DM us the email \
     on the account so we can look into it? ^MT",
    "Unfortunately that's our policy and we cannot refund opened items. You should have read \
     the terms before buying. https://example.com/terms",
    "Hello Priya, that sounds really stressful, especially before a trip. I'll call the branch \
     myself this afternoon and update you by 5pm today.",
];

/// The agent replies of the IBM corpus, and where they came from.
fn corpus() -> (Vec<String>, String) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpora/ibm_customer_care.jsonl"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        eprintln!(
            "{path} is missing: scanning {} synthetic replies",
            SYNTHETIC.len()
        );
        let replies = SYNTHETIC.iter().map(|s| s.to_string()).collect();
        return (replies, "synthetic replies (corpus missing)".into());
    };
    let replies = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v.get("role").and_then(|r| r.as_str()) == Some("agent"))
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_string))
        .collect();
    (replies, "agent replies of ibm_customer_care.jsonl".into())
}

/// Every phrase of the entries on one side (`Some(true)`: customer cues, `Some(false)`:
/// reply cues, `None`: both), as `aho-corasick` must be given them.
fn phrases(lexicon: &Lexicon, customer: Option<bool>) -> Vec<String> {
    lexicon
        .entries()
        .iter()
        .filter(|e| customer.is_none_or(|c| e.kind().is_customer() == c))
        .flat_map(|e| e.phrases())
        .collect()
}

/// The `[context]` phrase lists, which the word automaton matches too (negators, hedges,
/// greetings, commitments…): every list of the built-in lexicon's `[context]` table except the
/// word sets that are looked up per word, not matched. Read from the lexicon's source: the
/// public API does not expose them.
fn context_phrases() -> Vec<String> {
    const PER_WORD: [&str; 4] = ["not_names", "stopwords", "sign_offs", "addressees"];
    let file: toml::Table =
        toml::from_str(empathy::lexicon::BUILTIN_EN).expect("the built-in lexicon is TOML");
    let context = file.get("context").and_then(|c| c.as_table());
    let mut phrases: Vec<String> = context
        .into_iter()
        .flatten()
        .filter(|(key, _)| !PER_WORD.contains(&key.as_str()))
        .filter_map(|(_, list)| list.as_array())
        .flatten()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    phrases.sort_unstable();
    phrases.dedup();
    phrases
}

fn build_ac(phrases: &[String]) -> AhoCorasick {
    build_ac_as(phrases, MatchKind::LeftmostLongest)
}

fn build_ac_as(phrases: &[String], kind: MatchKind) -> AhoCorasick {
    AhoCorasick::builder()
        .match_kind(kind)
        .ascii_case_insensitive(true)
        .build(phrases)
        .expect("aho-corasick builds over the lexicon's phrases")
}

/// Whether `hay[start..end]` stands between word boundaries.
fn whole_words(hay: &[u8], start: usize, end: usize) -> bool {
    let edge = |i: usize| hay.get(i).is_none_or(|b| !b.is_ascii_alphanumeric());
    (start == 0 || edge(start - 1)) && edge(end)
}

/// Matches of `ac` in `text` that stand between word boundaries. A match that does not is
/// skipped and the search resumes one byte after its start, so "so sorry" inside "also
/// sorry" does not hide "sorry".
fn ac_matches(ac: &AhoCorasick, text: &str) -> usize {
    let hay = text.as_bytes();
    let (mut at, mut n) = (0, 0);
    while let Some(m) = ac.find(Input::new(hay).span(at..hay.len())) {
        if whole_words(hay, m.start(), m.end()) {
            n += 1;
            at = m.end();
        } else {
            at = m.start() + 1;
        }
    }
    n
}

/// Every occurrence of a phrase of `ac` (built with `MatchKind::Standard`) in `text` that
/// stands between word boundaries, overlaps included (as the context lists are matched).
fn ac_overlapping(ac: &AhoCorasick, text: &str) -> usize {
    let hay = text.as_bytes();
    ac.find_overlapping_iter(hay)
        .filter(|m| whole_words(hay, m.start(), m.end()))
        .count()
}

fn mib(bytes: usize) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

fn matcher_vs_aho_corasick(c: &mut Criterion) {
    let lexicon = Lexicon::builtin();
    let declared: usize = lexicon.entries().iter().map(|e| e.phrase_count()).sum();
    let all = phrases(&lexicon, None);
    let reply = phrases(&lexicon, Some(false));
    let mut unique = all.clone();
    unique.sort_unstable();
    unique.dedup();

    let scorer = Scorer::builder()
        .build()
        .expect("the built-in scorer builds");
    let t = Instant::now();
    let ac_all = build_ac(&all);
    let ac_all_time = t.elapsed();
    let ac_reply = build_ac(&reply);
    let context = context_phrases();
    let ac_context = build_ac_as(&context, MatchKind::Standard);
    let (replies, source) = corpus();
    let bytes: usize = replies.iter().map(String::len).sum();
    let ours: usize = replies.iter().map(|r| internals::matches(&scorer, r)).sum();
    let cues: usize = replies.iter().map(|r| ac_matches(&ac_reply, r)).sum();
    let in_context: usize = replies.iter().map(|r| ac_overlapping(&ac_context, r)).sum();

    eprintln!("== matcher vs aho-corasick: the built-in lexicon ==");
    eprintln!(
        "lexicon: {} entries standing for {declared} phrases; aho-corasick is given {} \
         expanded phrases ({} distinct), {} of them reply cues",
        lexicon.entries().len(),
        all.len(),
        unique.len(),
        reply.len(),
    );
    eprintln!(
        "memory: word automata (Scorer::memory_usage, reply + customer) {} bytes ({:.2} MiB)",
        scorer.memory_usage(),
        mib(scorer.memory_usage()),
    );
    eprintln!(
        "memory: aho-corasick, all phrases ({:?}, first build {:.0?}) {} bytes ({:.2} MiB)",
        ac_all.kind(),
        ac_all_time,
        ac_all.memory_usage(),
        mib(ac_all.memory_usage()),
    );
    eprintln!(
        "memory: aho-corasick, reply phrases ({:?}) {} bytes ({:.2} MiB)",
        ac_reply.kind(),
        ac_reply.memory_usage(),
        mib(ac_reply.memory_usage()),
    );
    eprintln!(
        "memory: aho-corasick, {} context phrases ({:?}) {} bytes",
        context.len(),
        ac_context.kind(),
        ac_context.memory_usage(),
    );
    eprintln!(
        "scan corpus: {} {source}, {bytes} bytes; matches found: word automaton {ours} \
         (cues and context phrases), aho-corasick {} ({cues} reply cues + {in_context} \
         context phrases)",
        replies.len(),
        cues + in_context,
    );

    let mut g = c.benchmark_group("build");
    g.sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(8));
    g.bench_function(BenchmarkId::from_parameter("word_automaton"), |b| {
        b.iter(|| Scorer::builder().build().map(|s| s.memory_usage()))
    });
    g.bench_function(BenchmarkId::from_parameter("aho_corasick"), |b| {
        b.iter(|| build_ac(black_box(&all)).memory_usage())
    });
    g.bench_function(BenchmarkId::from_parameter("expand_phrases"), |b| {
        b.iter(|| phrases(black_box(&lexicon), None).len())
    });
    g.finish();

    let mut g = c.benchmark_group("scan");
    g.throughput(Throughput::Bytes(bytes as u64))
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    g.bench_function(BenchmarkId::from_parameter("word_automaton"), |b| {
        b.iter(|| {
            replies
                .iter()
                .map(|r| internals::matches(&scorer, black_box(r)))
                .sum::<usize>()
        })
    });
    g.bench_function(BenchmarkId::from_parameter("aho_corasick"), |b| {
        b.iter(|| {
            replies
                .iter()
                .map(|r| ac_matches(&ac_reply, black_box(r)))
                .sum::<usize>()
        })
    });
    g.bench_function(BenchmarkId::from_parameter("aho_corasick+context"), |b| {
        b.iter(|| {
            replies
                .iter()
                .map(|r| ac_matches(&ac_reply, black_box(r)) + ac_overlapping(&ac_context, r))
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, matcher_vs_aho_corasick);
criterion_main!(benches);
