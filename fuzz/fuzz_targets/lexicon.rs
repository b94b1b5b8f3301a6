#![no_main]
//! Any lexicon text: parsed or rejected with an error, never a panic; a parsed one builds
//! a scorer (or is rejected) and scores.
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    match empathy::Lexicon::from_toml_str(src) {
        Ok(lex) => {
            if let Ok(scorer) = empathy::Scorer::builder().extend(lex).build() {
                let _ = scorer.score("I'm so sorry, I'll fix it today.");
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});
