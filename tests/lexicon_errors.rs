//! Hostile and malformed lexicons: each is rejected with an error naming the line and the
//! problem (or accepted within a documented limit); none panics.

use empathy::{Error, Lexicon, LexiconProblem};

const HEAD: &str = "[lexicon]\nformat = 1\n";

fn group(kind: &str, weight: &str, entries: &str) -> String {
    format!("{HEAD}[[cues]]\nkind = \"{kind}\"\nweight = {weight}\nentries = [{entries}]\n")
}

fn lexicon_error(src: &str) -> empathy::LexiconError {
    match Lexicon::from_toml_str(src) {
        Err(Error::Lexicon(e)) => e,
        Err(other) => panic!("expected a lexicon error, got {other}"),
        Ok(_) => panic!("expected an error for:\n{src}"),
    }
}

/// (name, source, expected line, expected words in the message)
fn table() -> Vec<(&'static str, String, usize, &'static str)> {
    let long = "a".repeat(10_000);
    vec![
        ("bad toml", "[lexicon\nformat = 1\n".into(), 1, ""),
        (
            "missing lexicon table",
            "[[cues]]\nkind = \"blame\"\nweight = 1.0\nentries = [\"x\"]\n".into(),
            1,
            "lexicon",
        ),
        (
            "format as string",
            "[lexicon]\nformat = \"1\"\n".into(),
            2,
            "",
        ),
        (
            "unsupported version",
            "[lexicon]\nformat = 2\n".into(),
            2,
            "unsupported format",
        ),
        (
            "unknown top-level key",
            format!("{HEAD}colour = \"red\"\n"),
            3,
            "unknown field",
        ),
        (
            "unknown key in group",
            format!(
                "{HEAD}[[cues]]\nkind = \"blame\"\nweight = 1.0\nlang = \"en\"\nentries = [\"x\"]\n"
            ),
            6,
            "unknown field",
        ),
        (
            "unknown kind",
            group("kindness", "0.5", "\"x\""),
            4,
            "unknown kind",
        ),
        (
            "curtness is computed",
            group("curtness", "0.5", "\"x\""),
            4,
            "computed",
        ),
        (
            "weight too large",
            group("blame", "1000.0", "\"x\""),
            5,
            "out of range",
        ),
        (
            "weight zero",
            group("blame", "0.0", "\"x\""),
            5,
            "out of range",
        ),
        (
            "weight negative",
            group("blame", "-0.5", "\"x\""),
            5,
            "out of range",
        ),
        (
            "weight nan",
            group("blame", "nan", "\"x\""),
            5,
            "out of range",
        ),
        (
            "weight inf",
            group("blame", "inf", "\"x\""),
            5,
            "out of range",
        ),
        (
            "weight as string",
            group("blame", "\"high\"", "\"x\""),
            5,
            "",
        ),
        (
            "entries not a list",
            format!("{HEAD}[[cues]]\nkind = \"blame\"\nweight = 1.0\nentries = \"x\"\n"),
            6,
            "",
        ),
        ("empty entry", group("blame", "1.0", "\"\""), 6, "empty"),
        ("blank entry", group("blame", "1.0", "\"   \""), 6, "empty"),
        (
            "over-long entry",
            group("blame", "1.0", &format!("\"{long}\"")),
            6,
            "bytes long",
        ),
        (
            "duplicate entry",
            format!(
                "{HEAD}[[cues]]\nkind = \"blame\"\nweight = 1.0\nentries = [\n  \"your fault\",\n  \"Your  Fault\",\n]\n"
            ),
            8,
            "duplicate entry",
        ),
        (
            "unbalanced parenthesis",
            group("blame", "1.0", "\"(you|your fault\""),
            6,
            "unclosed",
        ),
        (
            "empty alternative",
            group("blame", "1.0", "\"(|you) fault\""),
            6,
            "empty alternative",
        ),
        (
            "unknown class",
            group("blame", "1.0", "\"{nope} fault\""),
            6,
            "unknown class",
        ),
        (
            "bad character",
            group("blame", "1.0", "\"your fault!\""),
            6,
            "contains",
        ),
        (
            "all optional",
            group("blame", "1.0", "\"your? fault?\""),
            6,
            "optional",
        ),
        (
            "too many expansions",
            format!(
                "{HEAD}[[class]]\nname = \"x\"\nwords = [{}]\n[[cues]]\nkind = \"blame\"\nweight = 1.0\nentries = [\"{{x}} {{x}} {{x}} {{x}}\"]\n",
                (0..20)
                    .map(|i| format!("\"w{i}\""))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            9,
            "more than",
        ),
        (
            "duplicate class",
            format!(
                "{HEAD}[[class]]\nname = \"x\"\nwords = [\"a\"]\n[[class]]\nname = \"x\"\nwords = [\"b\"]\n"
            ),
            7,
            "defined twice",
        ),
        (
            "bad class name",
            format!("{HEAD}[[class]]\nname = \"x y\"\nwords = [\"a\"]\n"),
            4,
            "class name",
        ),
        (
            "empty class",
            format!("{HEAD}[[class]]\nname = \"x\"\nwords = []\n"),
            4,
            "empty",
        ),
        (
            "unknown negated kind",
            format!(
                "{HEAD}[[cues]]\nkind = \"understanding\"\nweight = 1.0\nnegated = \"rudeness\"\nentries = [\"x\"]\n"
            ),
            6,
            "unknown kind",
        ),
        (
            "credit with two kinds",
            format!(
                "{HEAD}[[cues]]\nkind = \"scripted\"\nweight = 1.0\ncredit = {{ acknowledgment = 0.2, reassurance = 0.1 }}\nentries = [\"x\"]\n"
            ),
            6,
            "exactly one",
        ),
        (
            "unknown suggestion code",
            format!("{HEAD}[suggestions]\nbe_nice = \"Be nice.\"\n"),
            4,
            "unknown suggestion",
        ),
        (
            "model with unknown key",
            format!("{HEAD}[model]\nwarmth = 1.0\n"),
            4,
            "unknown field",
        ),
        (
            "context with unknown list",
            format!("{HEAD}[context]\nfillers = [\"um\"]\n"),
            4,
            "unknown field",
        ),
        (
            "context word with pattern syntax",
            format!("{HEAD}[context]\nnegators = [\"(not|never)\"]\n"),
            4,
            "contains",
        ),
    ]
}

#[test]
fn malformed_lexicons_name_line_and_problem() {
    let table = table();
    assert!(table.len() >= 25);
    let mut failures = Vec::new();
    for (name, src, line, words) in table {
        let e = lexicon_error(&src);
        let msg = e.to_string();
        if e.line != line {
            failures.push(format!("{name}: expected line {line} in {msg:?}"));
        }
        if !msg.to_lowercase().contains(&words.to_lowercase()) {
            failures.push(format!("{name}: {msg:?} lacks {words:?}"));
        }
        if !msg.starts_with("<string>:") {
            failures.push(format!("{name}: {msg:?} does not name its origin"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn invalid_utf8_file_names_the_line() {
    let dir = std::env::temp_dir().join(format!("empathy-lex-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.toml");
    let mut bytes = b"[lexicon]\nformat = 1\n# caf".to_vec();
    bytes.extend_from_slice(&[0xC3, 0x28, b'\n']);
    std::fs::write(&path, bytes).unwrap();
    match Lexicon::from_file(&path) {
        Err(Error::Lexicon(e)) => {
            assert_eq!(e.line, 3);
            assert_eq!(e.problem, LexiconProblem::InvalidUtf8);
            assert!(e.origin.ends_with("bad.toml"));
        }
        other => panic!("expected invalid UTF-8 error, got {other:?}"),
    }
    assert!(matches!(
        Lexicon::from_file(dir.join("missing.toml")),
        Err(Error::Io { .. })
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn huge_lexicons_are_bounded() {
    // 100,000 distinct entries: accepted (under the documented limit of 1,000,000 phrases).
    let mut src = String::from(HEAD);
    src.push_str("[[cues]]\nkind = \"reassurance\"\nweight = 0.5\nentries = [\n");
    for i in 0..100_000 {
        src.push_str(&format!("\"w{i} ok\",\n"));
    }
    src.push_str("]\n");
    let lex = Lexicon::from_toml_str(&src).expect("100k entries are within the limit");
    assert_eq!(lex.entries().len(), 100_000);

    // 1.1 million entries: rejected at the documented limit of 1,000,000 phrases, naming the line.
    let mut src = String::from(HEAD);
    src.push_str("[[cues]]\nkind = \"reassurance\"\nweight = 0.5\nentries = [\n");
    for i in 0..1_100_000 {
        src.push_str(&format!("\"w{i}\",\n"));
    }
    src.push_str("]\n");
    let e = lexicon_error(&src);
    assert!(
        matches!(
            e.problem,
            LexiconProblem::TooLarge {
                limit: 1_000_000,
                ..
            }
        ),
        "{e}"
    );
    assert_eq!(e.line, 7 + 1_000_000, "the 1,000,001st entry");

    // Classes that multiply past the limit are rejected with the line of the offending entry.
    let mut src = String::from(HEAD);
    src.push_str("[[class]]\nname = \"x\"\nwords = [");
    src.push_str(
        &(0..60)
            .map(|i| format!("\"w{i}\""))
            .collect::<Vec<_>>()
            .join(","),
    );
    src.push_str("]\n[[cues]]\nkind = \"reassurance\"\nweight = 0.5\nentries = [\n");
    for i in 0..300 {
        src.push_str(&format!("\"{{x}} {{x}} v{i}\",\n"));
    }
    src.push_str("]\n");
    let e = lexicon_error(&src);
    assert!(matches!(e.problem, LexiconProblem::TooLarge { .. }), "{e}");
    assert!(e.line > 8);
}

#[test]
fn the_first_bad_entry_in_file_order_is_reported() {
    // Entries are read in two halves (on two threads where it can); whichever half an error
    // is in, the one reported is the first in the file, and a group-level error before a bad
    // entry still comes first.
    for bad_at in [3usize, 40, 77] {
        let mut src = String::from(HEAD);
        src.push_str("[[cues]]\nkind = \"reassurance\"\nweight = 0.5\nentries = [\n");
        for i in 0..80 {
            if i == bad_at || i == 78 {
                src.push_str("\"(broken\",\n");
            } else {
                src.push_str(&format!("\"word{i}\",\n"));
            }
        }
        src.push_str("]\n");
        let e = lexicon_error(&src);
        assert_eq!(e.line, 7 + bad_at, "{e}");
        assert!(matches!(e.problem, LexiconProblem::Pattern { .. }), "{e}");
    }
    let src = format!(
        "{HEAD}[[cues]]\nkind = \"kindness\"\nweight = 0.5\nentries = [\"ok\"]\n\
         [[cues]]\nkind = \"blame\"\nweight = 0.5\nentries = [\"(broken\"]\n"
    );
    let e = lexicon_error(&src);
    assert_eq!(
        e.line, 4,
        "the unknown kind, before the bad entry after it: {e}"
    );
}
