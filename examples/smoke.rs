fn main() {
    let s = empathy::Scorer::default();
    for t in ["I'm so sorry to hear that, I'll fix it.", "I don't understand why you're upset", "Hi Maria, sorry about that! Don't worry", "@sorryteam https://sorry.com #sorry", "", "Noted."] {
        let a = s.score(t);
        println!("{t:?} -> {:.1} {:?}\n  dims {:?}\n  conc {:?}", a.score, a.level, a.dimensions, a.concerns);
        for e in &a.evidence { println!("  {} {:?} {:?} {} {:?}", e.kind, &t[e.span.range()], e.cue, e.weight, e.rules); }
        for g in &a.suggestions { println!("  -> {}: {}", g.code, g.message); }
    }
    let a = s.score_reply("This is unacceptable, I'm furious. Thanks, Marco", "Sorry Marco, I'll fix it.");
    println!("{}", serde_json::to_string_pretty(&a).unwrap());
}
