#![no_main]
//! Any text: no panic, spans on char boundaries, values in range.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let scorer = empathy::Scorer::default();
    let a = scorer.score(&text);
    assert!((0.0..=100.0).contains(&a.score));
    for e in &a.evidence {
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        assert!(e.span.start <= e.span.end && e.span.end <= text.len());
    }
    assert!(a.dimensions.iter().all(|(_, v)| (0.0..=1.0).contains(&v)));
    assert!(a.concerns.iter().all(|(_, v)| (0.0..=1.0).contains(&v)));
});
