#[path = "support/metrics.rs"]
mod metrics;
fn main() {
    let field = std::env::args().nth(1).unwrap();
    let items = metrics::read_items("data/eval/dev.jsonl").unwrap();
    let s = empathy::Scorer::default();
    let kind = empathy::Kind::from_key(&field).unwrap();
    let mut n = 0;
    for i in items.iter().filter(|i| !i.held_out()) {
        let a = match &i.customer {
            Some(c) => s.score_reply(c, &i.reply),
            None => s.score(&i.reply),
        };
        let v = a.get(kind);
        let m = i.mean(&field);
        if (m >= 1.0 && v < 0.1) || (m == 0.0 && v >= 0.3) {
            n += 1;
            if n <= 25 {
                println!(
                    "[{}] label {:.1} ours {:.2}: {}",
                    i.id,
                    m,
                    v,
                    i.reply.chars().take(260).collect::<String>()
                );
            }
        }
    }
    println!("{n} disagreements");
}
