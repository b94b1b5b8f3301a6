//! Extend the built-in lexicon with your own cues (e.g. your brand's house style), and see
//! how a malformed lexicon is reported.
//!
//! ```text
//! cargo run --example custom_lexicon
//! ```

use empathy::{Lexicon, Scorer};

const HOUSE_STYLE: &str = r#"
[lexicon]
format = 1
name = "acme-house-style"

[[class]]
name = "acme_fix"
words = ["sort", "fix", "patch up", "square away"]

# Our agents say "we've got you" a lot, and it reads as reassurance.
[[cues]]
kind = "reassurance"
weight = 0.8
entries = ["(we've|we have|i've|i have) got you", "(you're|you are) in safe hands"]

# Our own ownership idiom.
[[cues]]
kind = "ownership"
weight = 0.9
entries = ["(i'll|i will|let me) {acme_fix} (this|that|it) (out)? (for you)? (today|right now|straight away)"]

# A phrase our QA team wants flagged as canned.
[[cues]]
kind = "scripted"
weight = 0.7
entries = ["kindly (revert|do the needful)"]
"#;

fn main() -> Result<(), empathy::Error> {
    let reply = "We've got you, Sam. I'll square away this for you today. Kindly revert if the refund has not arrived by Friday.";

    let builtin = Scorer::default();
    let house = Scorer::builder()
        .extend(Lexicon::from_toml_str(HOUSE_STYLE)?)
        .build()?;

    for (name, scorer) in [("built-in", &builtin), ("with house style", &house)] {
        let a = scorer.score(reply);
        println!("{name:>17}: score {:.0} ({})", a.score, a.level);
        for e in &a.evidence {
            println!(
                "{:>19}{:<15} {:?} ← {}",
                "",
                e.kind.to_string(),
                &reply[e.span.range()],
                e.cue
            );
        }
    }

    // A malformed lexicon is rejected with the line and the problem.
    let broken = "[lexicon]\nformat = 1\n[[cues]]\nkind = \"reassurance\"\nweight = 1.5\nentries = [\"no worries\"]\n";
    match Lexicon::from_toml_str(broken) {
        Ok(_) => println!("unexpectedly accepted"),
        Err(e) => println!("\nmalformed lexicon: {e}"),
    }
    Ok(())
}
