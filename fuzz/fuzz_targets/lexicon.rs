#![no_main]
//! Any lexicon text: parsed or rejected with an error, never a panic. A lexicon that is
//! complete on its own (model, context, suggestions) is also built into a scorer and used.
//! (Extending the built-in lexicon costs a full matcher build per input — too slow to fuzz.)
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    match empathy::Lexicon::from_toml_str(src) {
        Ok(lex) => {
            for e in lex.entries() {
                assert!(e.weight() > 0.0 && e.weight() <= 1.0);
                assert!(e.phrase_count() <= empathy::lexicon::MAX_EXPANSIONS);
            }
            if let Ok(scorer) = empathy::Scorer::builder().lexicon(lex).build() {
                let _ = scorer.score("I'm so sorry, I'll fix it today.");
            }
        }
        Err(e) => {
            assert!(!e.to_string().is_empty());
        }
    }
});
