//! Hostile inputs finish, stay in range and cap their evidence. (Their linear cost is measured
//! in `benches/` and `examples/throughput.rs`, not timed here.)

use empathy::Scorer;

fn check(text: &str) -> empathy::Assessment {
    let s = Scorer::default();
    let a = s.score(text);
    assert!((0.0..=100.0).contains(&a.score));
    assert!(a.evidence.len() <= s.model().evidence_cap);
    for e in &a.evidence {
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
    }
    let r = s.score_reply(text, "I'm sorry to hear that, I'll help.");
    assert!((0.0..=100.0).contains(&r.score));
    a
}

#[test]
fn ten_megabytes_of_sorry_is_capped_and_saturated() {
    let text = "sorry ".repeat(10 * 1024 * 1024 / 6);
    let a = check(&text);
    assert!(a.evidence_truncated);
    assert!(a.dimensions.acknowledgment < 1.0 + f32::EPSILON);
    let short = Scorer::default().score("sorry sorry sorry");
    assert!(
        a.score - short.score < 15.0,
        "length is not rewarded: {} vs {}",
        a.score,
        short.score
    );
}

#[test]
fn one_megabyte_without_a_space() {
    let _ = check(&"a".repeat(1 << 20));
    let _ = check(&"é".repeat(1 << 19));
    let _ = check(&"😢".repeat(1 << 18));
}

#[test]
fn many_question_marks_and_negations() {
    let _ = check(&"?".repeat(100_000));
    let _ = check(&"not ".repeat(100_000));
    let _ = check(&"don't not never no ".repeat(20_000));
    let _ = check(&"I don't understand, but ".repeat(20_000));
}

#[test]
fn control_bytes_combining_marks_and_rtl() {
    let _ = check("\0\u{1}\u{7f}\u{1b}[31m sorry \u{0}");
    let _ = check("\u{301}\u{301}\u{301}sorry\u{301}");
    let _ = check(&"\u{301}".repeat(200_000));
    let _ = check("\u{202E}yrros ma I\u{202C} — אני מצטער, آسف جدا");
    let _ = check("\u{FEFF}\u{200B}\u{200D}\u{2028}\u{2029}");
}

#[test]
fn every_unicode_general_category_sample() {
    // A sample from every plane range, including unassigned and private-use code points.
    let text: String = (0u32..0x11_0000)
        .step_by(97)
        .filter_map(char::from_u32)
        .collect();
    let _ = check(&text);
}
