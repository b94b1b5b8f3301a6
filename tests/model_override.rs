//! A user lexicon's `[model]` is a partial override: the keys it lists change the model it is
//! laid on (the built-in one, or the model of the lexicon it extends), every other key keeps
//! that model's value; unknown keys and bad values are errors that name the line.

use empathy::{Concern, CustomerMessage, Error, Lexicon, LexiconError, Model, Scorer};

const HEAD: &str = "[lexicon]\nformat = 1\n";
const SHORT: &str = "See the FAQ.";

fn lexicon(model: &str) -> Lexicon {
    let src = format!("{HEAD}{model}");
    Lexicon::from_toml_str(&src).unwrap_or_else(|e| panic!("{e}\n{src}"))
}

fn extended(model: &str) -> Scorer {
    Scorer::builder().extend(lexicon(model)).build().unwrap()
}

fn builtin() -> Model {
    Scorer::default().model().clone()
}

fn lexicon_error(src: &str) -> LexiconError {
    match Lexicon::from_toml_str(src) {
        Err(Error::Lexicon(e)) => e,
        Err(other) => panic!("expected a lexicon error, got {other}"),
        Ok(_) => panic!("expected an error for:\n{src}"),
    }
}

/// The `[model]` tables of the built-in lexicon, as written in its file.
fn builtin_model_text() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/lexicon/en.toml");
    let src = std::fs::read_to_string(path).unwrap();
    let mut out = String::new();
    let mut inside = false;
    for line in src.lines() {
        let t = line.trim_start();
        if t.starts_with('[') {
            inside = t.starts_with("[model]") || t.starts_with("[model.");
        }
        if inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    assert!(out.contains("[model.customer]"), "{out}");
    out
}

#[test]
fn one_top_level_key_changes_only_that_key() {
    let lex = lexicon("[model]\ncurt_words = 0\n");
    let mut expected = builtin();
    expected.curt_words = 0.0;
    assert_eq!(lex.model(), Some(&expected), "read on its own");

    let scorer = extended("[model]\ncurt_words = 0\n");
    assert_eq!(scorer.model(), &expected, "laid on the built-in model");

    // No reply is short enough to be curt any more: the short reply scores higher.
    let before = Scorer::default().score(SHORT);
    let after = scorer.score(SHORT);
    assert!(before.concerns.get(Concern::Curtness) > 0.0, "{before:?}");
    assert_eq!(after.concerns.get(Concern::Curtness), 0.0);
    assert!(
        after.score > before.score,
        "{} !> {}",
        after.score,
        before.score
    );
}

#[test]
fn one_nested_key_changes_only_that_key() {
    let scorer = extended("[model.customer]\ncurt_need_floor = 1.0\n");
    let mut expected = builtin();
    expected.customer.curt_need_floor = 1.0;
    assert_eq!(scorer.model(), &expected);

    // Curtness no longer eases off for a calm customer: the short reply scores lower.
    let calm = CustomerMessage::new("Where can I find the opening hours of your shop?");
    let before = Scorer::default().score_reply_to(SHORT, calm);
    let after = scorer.score_reply_to(SHORT, calm);
    let curt = |a: &empathy::Assessment| a.concerns.get(Concern::Curtness);
    assert!(
        curt(&after) > curt(&before),
        "{} !> {}",
        curt(&after),
        curt(&before)
    );
    assert!(
        after.score < before.score,
        "{} !< {}",
        after.score,
        before.score
    );
}

#[test]
fn a_dotted_key_and_an_inline_table_are_partial_too() {
    let mut expected = builtin();
    expected.customer.curt_need_alone = 0.9;
    expected.levels.high = 80.0;
    let lex = lexicon("[model]\ncustomer.curt_need_alone = 0.9\nlevels = { high = 80.0 }\n");
    assert_eq!(lex.model(), Some(&expected));

    let mut expected = builtin();
    expected.length_understanding.most = 0.02;
    let lex = lexicon("[model]\nlength_understanding = { most = 0.02 }\n");
    assert_eq!(
        lex.model(),
        Some(&expected),
        "from and full stay the base's"
    );
}

#[test]
fn an_empty_model_table_is_the_builtin_model() {
    assert_eq!(lexicon("[model]\n").model(), Some(&builtin()));
    assert_eq!(lexicon("").model(), None, "no [model]: none");
}

#[test]
fn a_full_model_still_works() {
    let full = builtin_model_text();
    let lex = lexicon(&full);
    assert_eq!(lex.model(), Some(&builtin()));
    let scorer = Scorer::builder().extend(lex).build().unwrap();
    assert_eq!(scorer.model(), &builtin());
    assert_eq!(
        scorer.score(SHORT).score,
        Scorer::default().score(SHORT).score
    );

    // Each value of the full table counts: one changed, the model changes with it.
    let changed = full.replacen("\nbias = ", "\nbias = 1.5 # was ", 1);
    assert_ne!(changed, full);
    assert_eq!(lexicon(&changed).model().unwrap().bias, 1.5);
}

#[test]
fn extensions_stack_on_the_model_they_extend() {
    let a = lexicon("[model]\nbias = 0.5\n[model.coaching]\nmax_suggestions = 2\n");
    let b = lexicon("[model]\ncurt_words = 0\n[model.coaching]\ncurt = 0.9\n");
    let scorer = Scorer::builder().extend(a).extend(b).build().unwrap();
    let mut expected = builtin();
    expected.bias = 0.5;
    expected.curt_words = 0.0;
    expected.coaching.max_suggestions = 2;
    expected.coaching.curt = 0.9;
    assert_eq!(scorer.model(), &expected);
}

#[test]
fn a_layer_is_laid_on_a_custom_base_not_on_the_builtin() {
    // A base lexicon whose model differs from the built-in one …
    let mut base = Lexicon::builtin();
    base.extend(lexicon("[model]\nbias = 0.5\n")).unwrap();
    // … keeps its values under an extension that changes something else.
    let scorer = Scorer::builder()
        .lexicon(base)
        .extend(lexicon("[model]\ncurt_words = 0\n"))
        .build()
        .unwrap();
    assert_eq!(scorer.model().bias, 0.5);
    assert_eq!(scorer.model().curt_words, 0.0);

    // A complete model (the built-in lexicon's) replaces the base's whole.
    let mut base = Lexicon::builtin();
    base.extend(lexicon("[model]\nbias = 0.5\n")).unwrap();
    base.extend(Lexicon::builtin()).unwrap();
    assert_eq!(base.model(), Some(&builtin()));
}

#[test]
fn an_unknown_key_names_its_line_and_the_key() {
    let cases = [
        ("[model]\ncurt_words = 5\nwarmth = 1.0\n", 5, "warmth"),
        (
            "[model.customer]\ncurt_need_floor = 0.2\nfloor = 0.3\n",
            5,
            "floor",
        ),
        ("[model]\n\n[model.tone]\nwarm = 1.0\n", 5, "tone"),
    ];
    for (model, line, key) in cases {
        let e = lexicon_error(&format!("{HEAD}{model}"));
        let msg = e.to_string();
        assert_eq!(e.line, line, "{msg}");
        assert!(msg.starts_with(&format!("<string>:{line}: ")), "{msg}");
        assert!(msg.contains("unknown field"), "{msg}");
        assert!(msg.contains(&format!("`{key}`")), "{msg}");
    }
}

#[test]
fn an_invalid_value_names_the_line_of_its_key() {
    let cases = [
        ("[model]\ncurt_words = -3.0\n", 4, "curt_words"),
        ("[model]\nbias = 0.1\nsaturation = nan\n", 5, "saturation"),
        (
            "[model.customer]\ncurt_need_floor = 2.0\n",
            4,
            "customer.curt_need_floor",
        ),
        (
            "[model.dimension_weights]\nownership = 99.0\n",
            4,
            "ownership",
        ),
        ("[model.readability]\nlanguages = [\"spa\"]\n", 4, "eng"),
        // Valid alone, invalid with the built-in `moderate` (33): still the user's line.
        (
            "[model]\nbias = 0.1\n[model.levels]\nhigh = 20.0\n",
            6,
            "levels",
        ),
        // Valid alone, invalid with the built-in `from` (30): full must come after it.
        (
            "[model]\nbias = 0.1\nlength_understanding = { full = 10 }\n",
            5,
            "length_understanding.full",
        ),
        // A wrong type is the same kind of error it was before.
        ("[model]\ncurt_words = \"many\"\n", 4, "invalid type"),
        ("[model]\nevidence_cap = -1\n", 4, "invalid value"),
        ("[model]\ncustomer = 1\n", 4, "invalid type"),
    ];
    for (model, line, words) in cases {
        let e = lexicon_error(&format!("{HEAD}{model}"));
        let msg = e.to_string();
        assert_eq!(e.line, line, "{msg}");
        assert!(msg.starts_with(&format!("<string>:{line}: ")), "{msg}");
        assert!(msg.contains(words), "{msg} lacks {words:?}");
    }
}

#[test]
fn a_layer_invalid_on_its_base_names_its_own_line() {
    // Valid on the built-in model (moderate 33) but not on a base whose `moderate` is 60.
    let mut base = Lexicon::builtin();
    base.extend(lexicon("[model.levels]\nmoderate = 60.0\nhigh = 90.0\n"))
        .unwrap();
    let layer = lexicon("[model]\nbias = 0.1\n\n[model.levels]\nhigh = 50.0\n");
    let err = Scorer::builder()
        .lexicon(base)
        .extend(layer)
        .build()
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        matches!(&err, Error::Lexicon(e) if e.line == 7 && e.origin == "<string>"),
        "{msg}"
    );
    assert!(msg.contains("levels"), "{msg}");
}

#[test]
fn a_file_names_itself_in_a_model_error() {
    let dir = std::env::temp_dir().join(format!("empathy-model-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("partial.toml");
    std::fs::write(&path, format!("{HEAD}[model]\ncurt_words = 4000\n")).unwrap();
    let err = Lexicon::from_file(&path).unwrap_err();
    let msg = err.to_string();
    std::fs::remove_dir_all(&dir).ok();
    assert!(msg.starts_with(&format!("{}:4: ", path.display())), "{msg}");
    assert!(msg.contains("curt_words"), "{msg}");
}
