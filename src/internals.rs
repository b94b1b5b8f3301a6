//! Stage-by-stage entry points for the benchmarks (feature `internals`). **Not part of the
//! stable API**: these may change in any release.
//!
//! Each function runs the pipeline of [`Scorer::score`] up to one stage on an agent reply,
//! reusing a per-thread workspace, and returns a count so the work cannot be optimised away.
//!
//! ```
//! # #[cfg(feature = "internals")] {
//! use empathy::{Scorer, internals};
//! let scorer = Scorer::default();
//! let text = "I'm so sorry, Dana. I've sent a replacement.";
//! assert_eq!(internals::layout(&scorer, text), 8); // words, not punctuation
//! assert!(internals::matches(&scorer, text) >= 2);
//! assert!(internals::analyze(&scorer, text) >= 2);
//! # }
//! ```

use crate::analyze::Cache;
use crate::compile::Side;
use crate::scorer::Scorer;
use std::cell::RefCell;

thread_local! {
    static WORKSPACE: RefCell<Cache> = RefCell::default();
}

/// Tokenizes and lays out `text` and looks up its words: the number of word-like tokens.
pub fn layout(scorer: &Scorer, text: &str) -> usize {
    WORKSPACE.with_borrow_mut(|ws| {
        ws.segments.build(text, &scorer.engine().reply);
        ws.segments.toks.len()
    })
}

/// [`layout`], then the phrase matcher: the number of cue and context-phrase matches.
pub fn matches(scorer: &Scorer, text: &str) -> usize {
    WORKSPACE.with_borrow_mut(|ws| ws.segment_and_match(text, &scorer.engine().reply))
}

/// [`matches()`], then the context rules: the number of cues found (before assessment,
/// evidence and suggestions).
pub fn analyze(scorer: &Scorer, text: &str) -> usize {
    let inner = scorer.engine();
    WORKSPACE.with_borrow_mut(|ws| {
        ws.analyze(text, &inner.reply, &inner.weights, Side::Reply);
        ws.findings.len()
    })
}
