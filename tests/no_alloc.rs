//! Steady-state scoring with a reused result buffer makes no heap allocation.
//!
//! A counting global allocator (test-only; the library itself forbids `unsafe`) counts
//! allocations made by this thread while the flag is on.

use empathy::{Assessment, Scorer};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

fn note() {
    // `try_with`: the thread-locals may be gone while a thread shuts down.
    let _ = COUNTING.try_with(|on| {
        if on.get() {
            let _ = COUNT.try_with(|c| c.set(c.get() + 1));
        }
    });
}

// SAFETY: delegates every call to the system allocator unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note();
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn score_into_does_not_allocate_in_steady_state() {
    let scorer = Scorer::default();
    let texts = [
        "@user Hi Dana, I'm so sorry your parcel arrived damaged — that must be frustrating! I've sent a replacement. ^JK",
        "I don't understand why you're upset, but it's our policy. You should have read the terms.",
        "Could you tell me more about what happened at the gate? Happy to help. 🙂",
        "We apologize for any inconvenience this may have caused. Please DM us your order number.",
        "",
        "ok",
        "Thanks so much, Priya! Congratulations on the new house — we'll get your broadband sorted by Friday.",
        "CALM DOWN. That’s not my department, im sorry.",
    ];
    let mut out = Assessment::default();
    // Warm up: buffers grow to their working size.
    for _ in 0..3 {
        for t in texts {
            scorer.score_into(t, &mut out);
        }
    }
    COUNT.with(|c| c.set(0));
    COUNTING.with(|on| on.set(true));
    for _ in 0..100 {
        for t in texts {
            scorer.score_into(t, &mut out);
        }
    }
    COUNTING.with(|on| on.set(false));
    let n = COUNT.with(Cell::get);
    assert_eq!(n, 0, "{n} allocations in 800 steady-state calls");
    assert!(out.score > 0.0);

    // Control: the counter does see allocations (a fresh `score` builds a new result).
    COUNTING.with(|on| on.set(true));
    let fresh = scorer.score(texts[0]);
    COUNTING.with(|on| on.set(false));
    assert!(COUNT.with(Cell::get) > 0, "the counting allocator counts");
    assert!(!fresh.evidence.is_empty());
}
