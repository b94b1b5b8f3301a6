#![no_main]
//! Any (customer, reply) pair: no panic, spans inside their own text, values in range.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: (String, String)| {
    let (customer, reply) = data;
    let scorer = empathy::Scorer::default();
    let a = scorer.score_reply(&customer, &reply);
    assert!((0.0..=100.0).contains(&a.score));
    for e in &a.evidence {
        assert!(reply.is_char_boundary(e.span.start) && reply.is_char_boundary(e.span.end));
    }
    let ctx = a.customer.expect("customer context");
    assert!((0.0..=1.0).contains(&ctx.responsiveness));
    assert!((0.0..=1.0).contains(&ctx.reflection));
    for e in &ctx.evidence {
        assert!(customer.is_char_boundary(e.span.start) && customer.is_char_boundary(e.span.end));
    }
});
