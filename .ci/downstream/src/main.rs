//! What a new user writes after reading the README: score a reply, read its evidence, judge it
//! against the customer's message, add a cue of their own, score a conversation, store the
//! result as JSON and (with the `rayon` feature) score a batch. Every step asserts what the
//! README promises; the program exits non-zero if one does not hold.

use empathy::{
    Assessment, Conversation, CustomerMessage, Dimension, Kind, Level, Lexicon, Scorer, Turn,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Default scorer: an empathetic reply scores above a cold one.
    let scorer = Scorer::default();
    let warm_text = "I'm so sorry your order arrived damaged. I've sent a replacement by express, \
                     it will be with you tomorrow.";
    let cold_text = "Order noted. Contact the courier.";
    let warm = scorer.score(warm_text);
    let cold = scorer.score(cold_text);
    println!("warm: {warm}\ncold: {cold}");
    assert!(
        warm.score > cold.score + 20.0,
        "warm {} vs cold {}",
        warm.score,
        cold.score
    );
    assert_ne!(warm.level, Level::Low);

    // Evidence: kind, byte span into the text, weight.
    for e in &warm.evidence {
        println!(
            "  {:>15} {:.2} {:?}",
            e.kind,
            e.weight,
            &warm_text[e.span.range()]
        );
    }
    assert!(
        warm.evidence
            .iter()
            .any(|e| warm_text[e.span.range()].contains("so sorry") && e.weight > 0.0),
        "the apology is evidence"
    );
    assert!(!cold.suggestions.is_empty(), "a cold reply gets coaching");
    for s in &cold.suggestions {
        println!("  {s}");
    }

    // Judged against the customer's message.
    let customer = CustomerMessage::new("This is the THIRD time my order is late. I'm furious!");
    let r = scorer.score_reply_to("Your order ships Friday.", customer);
    assert_eq!(r.level, Level::Low);
    let ctx = r.customer.as_ref().expect("scored against the customer");
    assert!(ctx.emotions.anger > 0.0, "the customer's anger is read");
    assert!(!ctx.unmet.is_empty(), "the unanswered anger is reported");
    let answered = scorer.score_reply_to(
        "I'm really sorry it's late again, that's so frustrating. I've upgraded it to next-day \
         delivery and I'll email you the tracking number within the hour.",
        customer,
    );
    assert!(
        answered.score > r.score + 20.0,
        "{} vs {}",
        answered.score,
        r.score
    );

    // A custom lexicon: the README's file, as written there, passed to the builder.
    let path = std::env::temp_dir().join(format!("empathy-downstream-{}.toml", std::process::id()));
    std::fs::write(&path, empathy_downstream::readme_lexicon())?;
    let mine = Lexicon::from_file(&path);
    std::fs::remove_file(&path)?;
    let custom = Scorer::builder().extend(mine?).build()?;
    // "That would have been stressful" is the README's `that (must|would) (be|have been)
    // {distress_adjective}` (weight 0.9) with the file's own class: the cue over the phrase
    // now weighs more than the built-in lexicon's cue there.
    let text = "That would have been stressful. I've fixed it.";
    let phrase = 0.."That would have been stressful".len();
    let weight_over_phrase = |a: &Assessment| {
        a.evidence
            .iter()
            .filter(|e| e.kind == Kind::Dimension(Dimension::Acknowledgment))
            .filter(|e| e.span.range() == phrase)
            .map(|e| e.weight)
            .fold(0.0_f32, f32::max)
    };
    let (before, after) = (scorer.score(text), custom.score(text));
    let (w0, w1) = (weight_over_phrase(&before), weight_over_phrase(&after));
    println!(
        "custom cue: {:?} weighs {w1:.2} (built-in: {w0:.2})",
        &text[phrase.clone()]
    );
    assert!(w1 > w0, "the custom cue is evidence: {:?}", after.evidence);
    assert!(
        after.dimensions.acknowledgment > before.dimensions.acknowledgment,
        "{} vs {}",
        after.dimensions.acknowledgment,
        before.dimensions.acknowledgment
    );
    // A malformed lexicon is a typed error naming the line.
    let bad =
        "[lexicon]\nformat = 1\n\n[[cues]]\nkind = \"nope\"\nweight = 0.5\nentries = [\"oh no\"]\n";
    let err = Lexicon::from_toml_str(bad).expect_err("an unknown kind is rejected");
    println!("malformed lexicon: {err}");
    assert!(err.to_string().contains(":5:"), "names line 5: {err}");

    // A conversation report.
    let conv = Conversation::new(vec![
        Turn::customer("My order still hasn't arrived and nobody answers my emails."),
        Turn::agent("Please check the tracking link."),
        Turn::customer("I've checked it five times!!! This is a joke. I want a refund NOW."),
        Turn::agent("Refunds take 5-7 days."),
    ]);
    let report = scorer.score_conversation(&conv);
    assert_eq!(report.turns.len(), 4);
    let mean = report.agent_mean.expect("two agent turns");
    assert!(mean < 50.0, "cold agent turns average {mean}");
    let e = report
        .escalation
        .as_ref()
        .expect("an angry customer and a cold agent: escalate");
    println!("hand over at turn {}: {} ({})", e.turn, e.reason, e.code);

    // From JSON, with times (RFC 3339 text or Unix seconds).
    let json = r#"{"turns": [
        {"role": "customer", "text": "Where is my parcel?", "at": "2026-03-02T09:14:00Z"},
        {"role": "agent", "text": "Sorry! I've chased the depot; it arrives today.", "at": 1772443000}
    ]}"#;
    let conv: Conversation = serde_json::from_str(json)?;
    let report = scorer.score_conversation(&conv);
    let times = report.response_times.expect("both turns have times");
    assert_eq!(times.count, 1);
    assert!(
        (times.median_seconds - 160.0).abs() < 1e-6,
        "{}",
        times.median_seconds
    );

    // Serde round trip of an assessment.
    let stored = serde_json::to_string(&warm)?;
    let back: Assessment = serde_json::from_str(&stored)?;
    assert_eq!(back, warm, "an assessment survives a JSON round trip");

    // Batches on every core.
    #[cfg(feature = "rayon")]
    {
        let texts = [warm_text, cold_text, "Happy to help! Take your time."];
        let batch = scorer.score_batch(&texts);
        assert_eq!(batch.len(), texts.len());
        assert_eq!(batch[0], warm, "input order, same result as score");
        assert_eq!(batch[1], cold);
        println!("batch of {} scored on all cores", batch.len());
    }

    println!("downstream: every README promise held");
    Ok(())
}
