//! Property tests (bounded to stay fast): no panics, spans on char boundaries, values in
//! range, determinism, thread safety.

use empathy::{Assessment, Scorer};
use proptest::prelude::*;

fn check_invariants(text: &str, a: &Assessment) -> Result<(), TestCaseError> {
    prop_assert!((0.0..=100.0).contains(&a.score), "score {}", a.score);
    for (_, v) in a.dimensions.iter() {
        prop_assert!((0.0..=1.0).contains(&v));
    }
    for (_, v) in a.concerns.iter() {
        prop_assert!((0.0..=1.0).contains(&v));
    }
    for e in &a.evidence {
        prop_assert!(e.span.start <= e.span.end && e.span.end <= text.len());
        prop_assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        prop_assert!((0.0..=1.0).contains(&e.weight));
    }
    Ok(())
}

/// Text built from support-like fragments, noise and odd Unicode, so cues and rules fire.
fn support_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "I'm so sorry",
        "I don't understand",
        "but",
        "that's our policy",
        "calm down",
        "?",
        "!",
        ", ",
        ". ",
        "\n",
        "Could you tell me more",
        "I'll fix it",
        "@user",
        "#help",
        "https://x.io/a",
        "*TMB",
        "😢",
        "’",
        "“",
        "”",
        "é",
        "\u{301}",
        "\u{200F}",
        "שלום",
        "مرحبا",
        "不",
        "\0",
        "\t",
        "   ",
        "DON'T",
        "im sorry",
        "not",
        "happy to help",
        "you should have",
        "Hi Sam",
    ]);
    prop::collection::vec(
        prop_oneof![pieces.prop_map(String::from), any::<String>()],
        0..24,
    )
    .prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, .. ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(text in any::<String>()) {
        let s = Scorer::default();
        let a = s.score(&text);
        check_invariants(&text, &a)?;
    }

    #[test]
    fn support_like_text_keeps_invariants(text in support_text(), customer in support_text()) {
        let s = Scorer::default();
        check_invariants(&text, &s.score(&text))?;
        let r = s.score_reply(&customer, &text);
        check_invariants(&text, &r)?;
        let ctx = r.customer.as_ref().unwrap();
        prop_assert!((0.0..=1.0).contains(&ctx.responsiveness));
        prop_assert!((0.0..=1.0).contains(&ctx.reflection));
        for e in &ctx.evidence {
            prop_assert!(customer.is_char_boundary(e.span.start) && customer.is_char_boundary(e.span.end));
            prop_assert!(e.span.end <= customer.len());
        }
    }

    #[test]
    fn scoring_is_deterministic(text in support_text()) {
        let s = Scorer::default();
        let mut reused = Assessment::default();
        s.score_into("warm up the buffers with something else entirely, sorry!", &mut reused);
        s.score_into(&text, &mut reused);
        prop_assert_eq!(s.score(&text), reused);
        prop_assert_eq!(s.score(&text), s.clone().score(&text));
    }

    #[test]
    fn appending_neutral_text_never_raises_acknowledgment(text in support_text()) {
        let s = Scorer::default();
        let before = s.score(&text).dimensions.acknowledgment;
        let after = s.score(&format!("{text}\nThe package weighs 2 kg and ships from depot 4.")).dimensions.acknowledgment;
        prop_assert!(after <= before + 1e-6, "{} -> {}", before, after);
    }
}

#[test]
fn eight_threads_agree_with_one() {
    let s = Scorer::default();
    let texts: Vec<String> = (0..64)
        .map(|i| {
            format!(
                "Hi Sam, I'm so sorry about order {i}. I don't understand why, but I'll fix it?"
            )
        })
        .collect();
    let expected: Vec<Assessment> = texts.iter().map(|t| s.score(t)).collect();
    std::thread::scope(|scope| {
        for _ in 0..8 {
            let s = s.clone();
            let texts = &texts;
            let expected = &expected;
            scope.spawn(move || {
                for (t, e) in texts.iter().zip(expected) {
                    assert_eq!(&s.score(t), e);
                }
            });
        }
    });
}
