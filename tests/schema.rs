//! The JSON Schemas in `data/schema/` describe what the library's serde form really is: real
//! outputs validate (the bundled samples, the IBM corpus alone and as pairs, whole
//! conversations, hostile inputs), a mutated output does not, and the schemas' enumerations
//! are the crate's.

use empathy::{
    Assessment, Concern, Conversation, CustomerMessage, Dimension, Emotion, EscalationReason,
    EvidenceSource, Readability, Rule, Scorer, SuggestionCode, Turn,
};
use serde_json::{Value, json};
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The two schemas, compiled (each is checked against the draft 2020-12 meta-schema).
struct Checker {
    schemas: boon::Schemas,
    assessment: boon::SchemaIndex,
    conversation: boon::SchemaIndex,
}

impl Checker {
    fn new() -> Checker {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let dir = root().join("data/schema");
        let mut compile = |name: &str| {
            let path = dir.join(name);
            compiler
                .compile(path.to_str().expect("a UTF-8 path"), &mut schemas)
                .unwrap_or_else(|e| panic!("{name} does not compile: {e:#}"))
        };
        let assessment = compile("assessment.schema.json");
        let conversation = compile("conversation_report.schema.json");
        Checker {
            schemas,
            assessment,
            conversation,
        }
    }

    fn check(&self, value: &Value, index: boon::SchemaIndex) -> Result<(), String> {
        self.schemas
            .validate(value, index)
            .map_err(|e| format!("{e:#}"))
    }

    /// Validates an assessment's serde form; panics with what and where on failure.
    fn assessment(&self, a: &Assessment, what: &str) {
        let v = serde_json::to_value(a).expect("an assessment serialises");
        if let Err(e) = self.check(&v, self.assessment) {
            panic!("{what}: the output does not match assessment.schema.json:\n{e}");
        }
    }
}

fn jsonl(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect()
}

fn text(v: &Value, key: &str) -> Option<String> {
    v.get(key).and_then(Value::as_str).map(str::to_string)
}

#[test]
fn bundled_samples_match_the_schema() {
    let check = Checker::new();
    let scorer = Scorer::default();
    let lines = jsonl(&root().join("data/samples/replies.jsonl"));
    assert!(lines.len() > 20);
    for (i, line) in lines.iter().enumerate() {
        let reply = text(line, "text").expect("text");
        check.assessment(
            &scorer.score(&reply),
            &format!("replies.jsonl:{} alone", i + 1),
        );
        if let Some(customer) = text(line, "customer") {
            let a = scorer.score_reply_to(&reply, CustomerMessage::new(&customer));
            assert!(a.customer.is_some());
            check.assessment(&a, &format!("replies.jsonl:{} with customer", i + 1));
        }
    }
    for (i, line) in jsonl(&root().join("data/samples/conversations.jsonl"))
        .iter()
        .enumerate()
    {
        let conv: Conversation = serde_json::from_value(json!({ "turns": line["turns"] }))
            .expect("a sample conversation");
        let v = serde_json::to_value(scorer.score_conversation(&conv)).unwrap();
        if let Err(e) = check.check(&v, check.conversation) {
            panic!("conversations.jsonl:{}: {e}", i + 1);
        }
    }
}

#[test]
fn the_ibm_corpus_matches_the_schema() {
    let path = std::env::var_os("EMPATHY_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared/corpora/ibm_customer_care.jsonl"));
    if !path.exists() {
        eprintln!(
            "SKIPPED the_ibm_corpus_matches_the_schema: {} is absent (CI has it; set \
             EMPATHY_CORPUS to point elsewhere)",
            path.display()
        );
        return;
    }
    let check = Checker::new();
    let scorer = Scorer::default();
    let rows = jsonl(&path);
    assert!(
        rows.len() > 1000,
        "{}: only {} lines",
        path.display(),
        rows.len()
    );
    let (mut pairs, mut conversations) = (0, 0);
    let mut last_customer: Option<(String, String)> = None;
    let mut turns: Vec<Turn> = Vec::new();
    let mut conv_id = String::new();
    let mut flush = |turns: &mut Vec<Turn>, id: &str| {
        if !turns.is_empty() {
            let conv = Conversation::new(std::mem::take(turns));
            let v = serde_json::to_value(scorer.score_conversation(&conv)).unwrap();
            if let Err(e) = check.check(&v, check.conversation) {
                panic!("conversation {id}: {e}");
            }
            conversations += 1;
        }
    };
    for (i, row) in rows.iter().enumerate() {
        let (Some(t), Some(role), Some(id)) =
            (text(row, "text"), text(row, "role"), text(row, "conv_id"))
        else {
            panic!("line {}: no text, role or conv_id", i + 1);
        };
        let what = format!("corpus line {}", i + 1);
        check.assessment(&scorer.score(&t), &what);
        if id != conv_id {
            flush(&mut turns, &conv_id);
            conv_id.clone_from(&id);
        }
        if role == "customer" {
            last_customer = Some((id, t.clone()));
            turns.push(Turn::customer(t));
        } else {
            if let Some((cid, customer)) = &last_customer
                && *cid == id
            {
                let a = scorer.score_reply_to(&t, CustomerMessage::new(customer));
                check.assessment(&a, &format!("{what} as a reply to its customer"));
                pairs += 1;
            }
            turns.push(Turn::agent(t));
        }
    }
    flush(&mut turns, &conv_id);
    assert!(pairs > 500, "only {pairs} (customer, reply) pairs");
    assert!(conversations > 100, "only {conversations} conversations");
}

#[test]
fn hostile_inputs_match_the_schema() {
    let check = Checker::new();
    let scorer = Scorer::default();
    let long = "so sorry ".repeat(5000);
    let binaryish: String = (0u8..=255)
        .map(char::from)
        .chain("\u{0}\u{feff}\u{202e}\u{fffd}".chars())
        .collect();
    let texts = [
        "",
        " \n\t ",
        "ok",
        "🙂🙂🙂 https://example.com @user #tag",
        &binaryish,
        "Lo siento mucho por el retraso, le enviaremos un reembolso mañana por la mañana.",
        "Es tut mir sehr leid, wir kümmern uns sofort darum und melden uns morgen.",
        "申し訳ございません。すぐに対応いたします。",
        "asdf qwer zxcv uiop hjkl",
        "I'M SO SORRY!!!!!! WE WILL FIX IT!!!!",
        "\"I'm so sorry\" is what you said last time. \"I'll fix it\" too.",
        &long,
    ];
    for t in texts {
        let what = format!("{:?}", t.chars().take(40).collect::<String>());
        check.assessment(&scorer.score(t), &what);
        for customer in texts {
            let a = scorer.score_reply_to(t, CustomerMessage::new(customer).named("Dana"));
            check.assessment(&a, &format!("{what} as a reply"));
        }
    }
}

#[test]
fn mutated_outputs_are_rejected() {
    let check = Checker::new();
    let scorer = Scorer::default();
    let a = scorer.score_reply(
        "My parcel is lost and I'm furious.",
        "Hi Dana, I'm so sorry your parcel is lost. I'll send a new one today.",
    );
    let good = serde_json::to_value(&a).unwrap();
    check
        .check(&good, check.assessment)
        .expect("the real output");
    assert!(good["evidence"].as_array().is_some_and(|e| !e.is_empty()));

    type Mutation = (&'static str, fn(&mut Value));
    let mutations: [Mutation; 10] = [
        ("an unknown top-level field", |v| v["extra"] = json!(1)),
        ("a string score", |v| v["score"] = json!("80")),
        ("a score over 100", |v| v["score"] = json!(101.0)),
        ("an unknown level", |v| v["level"] = json!("great")),
        ("a dimension missing", |v| {
            v["dimensions"].as_object_mut().unwrap().remove("ownership");
        }),
        ("an unknown evidence field", |v| {
            v["evidence"][0]["label"] = json!("<customer name>")
        }),
        ("an evidence span as a string", |v| {
            v["evidence"][0]["span"] = json!("0..4")
        }),
        ("a lexicon cue without its pattern", |v| {
            v["evidence"][0]["source"] = json!("cue");
            v["evidence"][0]["cue"] = json!(null);
        }),
        ("computed evidence with a pseudo-cue label", |v| {
            v["evidence"][0]["source"] = json!("customer_name");
            v["evidence"][0]["cue"] = json!("<customer name>");
        }),
        ("a NaN written as null", |v| {
            v["customer"]["need"] = json!(null)
        }),
    ];
    for (what, mutate) in mutations {
        let mut bad = good.clone();
        mutate(&mut bad);
        assert!(
            check.check(&bad, check.assessment).is_err(),
            "the schema accepts {what}"
        );
    }
}

/// The schema's enumerations, by `$defs` name.
fn enumeration(schema: &Value, def: &str) -> Vec<String> {
    schema["$defs"][def]["enum"]
        .as_array()
        .unwrap_or_else(|| panic!("$defs/{def} has no enum"))
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect()
}

fn keys<T: std::fmt::Display>(all: &[T]) -> Vec<String> {
    all.iter().map(T::to_string).collect()
}

#[test]
fn the_schemas_enumerations_and_tables_are_the_crates() {
    let read = |name: &str| -> Value {
        serde_json::from_str(
            &std::fs::read_to_string(root().join("data/schema").join(name)).expect(name),
        )
        .expect(name)
    };
    let a = read("assessment.schema.json");
    let c = read("conversation_report.schema.json");
    assert_eq!(enumeration(&a, "rule"), keys(Rule::ALL));
    assert_eq!(
        enumeration(&a, "suggestion_code"),
        keys(SuggestionCode::ALL)
    );
    assert_eq!(enumeration(&a, "readability"), keys(Readability::ALL));
    assert_eq!(enumeration(&a, "source"), keys(EvidenceSource::ALL));
    assert_eq!(enumeration(&a, "emotion"), keys(Emotion::ALL));
    let kinds: Vec<String> = keys(Dimension::ALL)
        .into_iter()
        .chain(keys(Concern::ALL))
        .chain(keys(Emotion::ALL))
        .collect();
    assert_eq!(enumeration(&a, "kind"), kinds);
    let code = &c["$defs"]["escalation"]["properties"]["code"]["enum"];
    assert_eq!(
        serde_json::from_value::<Vec<String>>(code.clone()).unwrap(),
        keys(EscalationReason::ALL)
    );
    for (def, all) in [
        ("dimensions", keys(Dimension::ALL)),
        ("concerns", keys(Concern::ALL)),
        ("emotions", keys(Emotion::ALL)),
    ] {
        let required: Vec<String> =
            serde_json::from_value(a["$defs"][def]["required"].clone()).unwrap();
        assert_eq!(required, all, "$defs/{def}");
    }
    // Every property says what it is.
    fn described(v: &Value, at: &str) {
        if let Some(props) = v.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                assert!(
                    p.get("description").is_some() || p.get("$ref").is_some(),
                    "{at}/{name} has no description"
                );
                described(p, &format!("{at}/{name}"));
            }
        }
        if let Some(defs) = v.get("$defs").and_then(Value::as_object) {
            for (name, d) in defs {
                assert!(
                    d.get("description").is_some(),
                    "{at}/$defs/{name} has no description"
                );
                described(d, &format!("{at}/$defs/{name}"));
            }
        }
    }
    described(&a, "assessment");
    described(&c, "conversation_report");
}
