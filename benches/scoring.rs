//! Criterion benches: tokenizer, matcher-heavy scoring on short/medium/long replies,
//! score_reply, conversations, batch, linear cost, and `vader_sentiment` side by side.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use empathy::conversation::{Conversation, Turn};
use empathy::{Assessment, Scorer};
use std::hint::black_box;

const SHORT: &str = "@user Sorry to hear that! Please DM us your order number. ^JK";
const MEDIUM: &str = "Hi Dana, I'm so sorry your parcel arrived damaged — that must have been really \
frustrating after waiting all week. I've sent a replacement by express and refunded the delivery \
fee; it should arrive tomorrow. Could you tell me whether the box itself was damaged too?";
const LONG: &str = "Hello Marco,\n\nThank you for taking the time to write to us, and I'm truly sorry \
for the trouble with your account this week. I completely understand how stressful it is to see \
a payment fail when rent is due, and you're right to expect better from us. I've looked into it \
personally: the block was triggered by our fraud system after the card was used abroad. I've \
lifted it, refunded the two failed-payment fees, and added a note so it won't happen again on \
your trip. If anything else looks wrong, just reply here and I'll take care of it myself — no \
need to call or wait in a queue. Is there anything else about the trip we can help you prepare \
for?\n\nWarm regards,\nAisha";

fn tokenizer(c: &mut Criterion) {
    let mut g = c.benchmark_group("tokenizer");
    for (name, text) in [("short", SHORT), ("medium", MEDIUM), ("long", LONG)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(name), text, |b, t| {
            b.iter(|| empathy::token::tokenize(black_box(t)).count())
        });
    }
    g.finish();
}

fn score(c: &mut Criterion) {
    let scorer = Scorer::default();
    let mut g = c.benchmark_group("score");
    for (name, text) in [("short", SHORT), ("medium", MEDIUM), ("long", LONG)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let mut out = Assessment::default();
        g.bench_with_input(BenchmarkId::new("score_into", name), text, |b, t| {
            b.iter(|| scorer.score_into(black_box(t), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("score", name), text, |b, t| {
            b.iter(|| scorer.score(black_box(t)))
        });
    }
    g.finish();
}

fn versus_vader(c: &mut Criterion) {
    let scorer = Scorer::default();
    let vader = vader_sentiment::SentimentIntensityAnalyzer::new();
    let mut g = c.benchmark_group("versus_vader");
    for (name, text) in [("short", SHORT), ("medium", MEDIUM), ("long", LONG)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        let mut out = Assessment::default();
        g.bench_with_input(BenchmarkId::new("empathy", name), text, |b, t| {
            b.iter(|| scorer.score_into(black_box(t), &mut out))
        });
        g.bench_with_input(BenchmarkId::new("vader_sentiment", name), text, |b, t| {
            b.iter(|| vader.polarity_scores(black_box(t)))
        });
    }
    g.finish();
}

fn in_context(c: &mut Criterion) {
    let scorer = Scorer::default();
    let customer = "This is the THIRD time my parcel is late and I'm furious. I need it for my son's birthday tomorrow!";
    let mut g = c.benchmark_group("context");
    g.throughput(Throughput::Bytes((customer.len() + MEDIUM.len()) as u64));
    g.bench_function("score_reply", |b| {
        b.iter(|| scorer.score_reply(black_box(customer), black_box(MEDIUM)))
    });
    let conv = Conversation::new(vec![
        Turn::customer(customer),
        Turn::agent(SHORT),
        Turn::customer("Are you serious? I already gave you the number twice."),
        Turn::agent(MEDIUM),
        Turn::customer("OK, thank you, that's a relief."),
    ]);
    g.bench_function("score_conversation_5_turns", |b| {
        b.iter(|| scorer.score_conversation(black_box(&conv)))
    });
    g.finish();
}

fn linear_cost(c: &mut Criterion) {
    let scorer = Scorer::default();
    let mut g = c.benchmark_group("linear_cost");
    g.sample_size(10);
    for size in [1_000usize, 100_000, 10_000_000] {
        let mut text = String::with_capacity(size + LONG.len());
        while text.len() < size {
            text.push_str(LONG);
            text.push(' ');
        }
        let mut cut = size.min(text.len());
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        text.truncate(cut);
        g.throughput(Throughput::Bytes(text.len() as u64));
        let mut out = Assessment::default();
        g.bench_with_input(BenchmarkId::from_parameter(size), &text, |b, t| {
            b.iter(|| scorer.score_into(black_box(t), &mut out))
        });
    }
    g.finish();
}

#[cfg(feature = "rayon")]
fn batch(c: &mut Criterion) {
    let scorer = Scorer::default();
    let texts: Vec<&str> = [SHORT, MEDIUM, LONG]
        .iter()
        .cycle()
        .take(3_000)
        .copied()
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("sequential", |b| {
        b.iter(|| texts.iter().map(|t| scorer.score(t)).collect::<Vec<_>>())
    });
    g.bench_function("score_batch", |b| {
        b.iter(|| scorer.score_batch(black_box(&texts)))
    });
    let mut out = Vec::new();
    g.bench_function("score_batch_into", |b| {
        b.iter(|| scorer.score_batch_into(black_box(&texts), &mut out))
    });
    g.finish();
}

#[cfg(not(feature = "rayon"))]
fn batch(c: &mut Criterion) {
    let scorer = Scorer::default();
    let texts: Vec<&str> = [SHORT, MEDIUM, LONG]
        .iter()
        .cycle()
        .take(3_000)
        .copied()
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let mut g = c.benchmark_group("batch");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("sequential", |b| {
        b.iter(|| texts.iter().map(|t| scorer.score(t)).collect::<Vec<_>>())
    });
    g.finish();
}

fn build(c: &mut Criterion) {
    c.bench_function("build_default_scorer", |b| {
        b.iter(|| empathy::ScorerBuilder::new().build().expect("builds"))
    });
}

criterion_group!(
    benches,
    tokenizer,
    score,
    versus_vader,
    in_context,
    linear_cost,
    batch,
    build
);
criterion_main!(benches);
