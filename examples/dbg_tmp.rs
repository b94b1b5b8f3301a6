fn main() {
    let s = empathy::Scorer::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let a = if args.len() == 2 {
        s.score_reply(&args[0], &args[1])
    } else {
        s.score(&args[0])
    };
    let text = args.last().unwrap();
    println!(
        "score {:.1} {:?}\n{:?}\n{:?}",
        a.score, a.level, a.dimensions, a.concerns
    );
    for e in &a.evidence {
        println!(
            "  {} {:?} {:.2} {:?} [{}]",
            e.kind,
            &text[e.span.range()],
            e.weight,
            e.rules,
            e.cue
        );
    }
    if let Some(c) = &a.customer {
        println!(
            "customer {:?} resp {:.2} refl {:.2} need {:.2} unmet {:?}",
            c.emotions, c.responsiveness, c.reflection, c.need, c.unmet
        );
        for e in &c.evidence {
            println!(
                "  {} {:?} {:.2} {:?}",
                e.kind,
                &args[0][e.span.range()],
                e.weight,
                e.rules
            );
        }
    }
}
