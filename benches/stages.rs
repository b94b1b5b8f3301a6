//! Where the time goes: the scoring pipeline cut after each stage (feature `internals`).
//!
//! ```text
//! cargo bench --features internals --bench stages
//! ```
//!
//! `layout` is tokenizing, sentence/clause layout and word lookup; `matches` adds the phrase
//! matcher (the word-level DFA); `analyze` adds the context rules; `score_into` adds the
//! assessment, evidence and suggestions.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use empathy::{Assessment, Scorer, internals};
use std::hint::black_box;

/// Support replies written for this bench (about 190 bytes each).
const REPLIES: &[&str] = &[
    "@sam_k Hi Sam, I'm so sorry the order arrived late. I've refunded the shipping fee and \
     the replacement ships tomorrow. Anything else I can do?",
    "Thanks for waiting! I understand how frustrating this must be. Could you DM us the email \
     on the account so we can look into it? ^MT",
    "Unfortunately that's our policy and we cannot refund opened items. You should have read \
     the terms before buying. https://example.com/terms",
    "Hello Priya, that sounds really stressful, especially before a trip. I'll call the branch \
     myself this afternoon and update you by 5pm today.",
];

fn stages(c: &mut Criterion) {
    let scorer = Scorer::default();
    let bytes: usize = REPLIES.iter().map(|r| r.len()).sum();
    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));
    let run = |f: &dyn Fn(&str) -> usize| REPLIES.iter().map(|r| f(black_box(r))).sum::<usize>();
    g.bench_function(BenchmarkId::from_parameter("layout"), |b| {
        b.iter(|| run(&|t| internals::layout(&scorer, t)))
    });
    g.bench_function(BenchmarkId::from_parameter("matches"), |b| {
        b.iter(|| run(&|t| internals::matches(&scorer, t)))
    });
    g.bench_function(BenchmarkId::from_parameter("analyze"), |b| {
        b.iter(|| run(&|t| internals::analyze(&scorer, t)))
    });
    let mut out = Assessment::default();
    g.bench_function(BenchmarkId::from_parameter("score_into"), |b| {
        b.iter(|| {
            for r in REPLIES {
                scorer.score_into(black_box(r), &mut out);
            }
            out.score
        })
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
