//! Guarantees of the public API: types, built-in data, errors, serialisation.

use empathy::{
    Assessment, Concern, CustomerMessage, Dimension, Error, Evidence, EvidenceSource, Kind,
    Lexicon, LexiconProblem, Model, Readability, Rule, Scorer, ScorerBuilder,
};

fn assert_send_sync<T: Send + Sync + Clone>() {}

#[test]
fn public_types_are_send_sync_clone() {
    assert_send_sync::<Scorer>();
    assert_send_sync::<ScorerBuilder>();
    assert_send_sync::<Lexicon>();
    assert_send_sync::<Assessment>();
    assert_send_sync::<Evidence>();
    assert_send_sync::<Model>();
    assert_send_sync::<Error>();
}

#[test]
fn builtin_lexicon_loads_and_is_large() {
    let lex = Lexicon::builtin();
    assert!(
        lex.entries().len() >= 600,
        "{} entries",
        lex.entries().len()
    );
    for kind in [
        "acknowledgment",
        "understanding",
        "exploration",
        "ownership",
        "reassurance",
        "personalization",
        "blame",
        "dismissiveness",
        "policy_wall",
        "scripted",
    ] {
        let k = Kind::from_key(kind).unwrap();
        let n = lex.entries().iter().filter(|e| e.kind() == k).count();
        assert!(n >= 10, "{kind}: only {n} entries");
    }
    assert!(lex.model().is_some());
    let scorer = Scorer::default();
    assert!(scorer.memory_usage() > 0);
}

#[test]
fn serialises_with_snake_case_keys() {
    let a = Scorer::default().score_reply(
        "I'm furious, my parcel is lost!",
        "I'm so sorry — I've sent a replacement by express.",
    );
    let v: serde_json::Value = serde_json::to_value(&a).unwrap();
    for key in [
        "score",
        "level",
        "dimensions",
        "concerns",
        "evidence",
        "suggestions",
        "customer",
    ] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    for key in [
        "acknowledgment",
        "understanding",
        "exploration",
        "ownership",
        "reassurance",
        "personalization",
    ] {
        assert!(v["dimensions"].get(key).is_some(), "missing {key}");
    }
    for key in [
        "blame",
        "dismissiveness",
        "policy_wall",
        "scripted",
        "curtness",
    ] {
        assert!(v["concerns"].get(key).is_some(), "missing {key}");
    }
    let e = &v["evidence"][0];
    for key in [
        "kind",
        "span",
        "text",
        "source",
        "cue",
        "base_weight",
        "weight",
        "rules",
        "overlaps",
    ] {
        assert!(e.get(key).is_some(), "evidence misses {key}");
    }
    let back: Assessment = serde_json::from_value(v).unwrap();
    assert_eq!(back, a);
}

#[test]
fn evidence_spans_point_at_the_cue() {
    let text = "@acme Hi Dana — I’m SO sorry to hear that 😞 I'll refund you today. *TMB";
    let a = Scorer::default().score(text);
    assert!(!a.evidence.is_empty());
    for e in &a.evidence {
        assert!(text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end));
        assert!(!text[e.span.range()].is_empty());
        assert_eq!(e.text, text[e.span.range()]);
    }
    assert!(
        a.evidence
            .iter()
            .any(|e| e.kind == Kind::Dimension(Dimension::Acknowledgment)
                && text[e.span.range()].to_lowercase().contains("sorry"))
    );
}

/// A user lexicon of one `[[cues]]` group (its keys as TOML lines).
fn one_cue_group(group: &str) -> Lexicon {
    Lexicon::from_toml_str(&format!("[lexicon]\nformat = 1\n[[cues]]\n{group}\n")).unwrap()
}

#[test]
fn user_lexicon_extends_and_overrides() {
    let extra =
        one_cue_group("kind = \"reassurance\"\nweight = 1.0\nentries = [\"we've got your back\"]");
    let base = Scorer::default();
    let custom = Scorer::builder().extend(extra).build().unwrap();
    let text = "We've got your back.";
    assert!(custom.score(text).dimensions.reassurance > base.score(text).dimensions.reassurance);
}

#[test]
fn emoji_are_read_as_words_of_their_own() {
    let s = Scorer::default();
    // Not cancelled by the "no" before it; one entry covers every skin tone and presentation.
    let angry = s.customer_emotions("still no refund😡");
    assert!(angry.emotions.anger > 0.3, "{:?}", angry.emotions);
    let thanks = s.customer_emotions("🙏🏽❤️");
    assert!(thanks.emotions.gratitude > 0.2, "{:?}", thanks.emotions);
    assert_eq!(s.customer_emotions("still no refund").emotions.anger, 0.0);

    // A user lexicon may list emoji, inside phrases too ("sorry😢" is "sorry 😢").
    let extra =
        one_cue_group("kind = \"reassurance\"\nweight = 1.0\nentries = [\"you got this💪🏿\"]");
    let custom = Scorer::builder().extend(extra).build().unwrap();
    let text = "You got this 💪";
    assert!(custom.score(text).dimensions.reassurance > s.score(text).dimensions.reassurance);
}

#[test]
fn an_upset_only_cue_is_scaled_by_the_customers_need() {
    let s = Scorer::default();
    let reply = "Have you tried restarting the router?";
    let upset = s.score_reply(
        "I've been locked out for a week and nobody helps. This is a disgrace!!",
        reply,
    );
    let calm = s.score_reply("Quick question: how do I change the wifi name?", reply);
    assert!(
        upset.concerns.dismissiveness > 2.0 * calm.concerns.dismissiveness,
        "{upset:?} {calm:?}"
    );
    let rule = |a: &Assessment| {
        a.evidence.iter().any(|e| {
            e.kind == Kind::Concern(Concern::Dismissiveness) && e.rules.contains(Rule::CalmCustomer)
        })
    };
    assert!(rule(&calm));

    // The key is read from a user lexicon and works there too.
    let extra = one_cue_group(
        "kind = \"dismissiveness\"\nweight = 0.9\nupset = true\nentries = [\"read the manual\"]",
    );
    assert!(extra.entries().iter().all(|e| e.needs_upset_customer()));
    let custom = Scorer::builder().extend(extra).build().unwrap();
    let text = "Read the manual.";
    let calm = custom.score_reply("Where can I find the settings page?", text);
    let upset = custom.score_reply(
        "I'm furious, nothing works and I've waited three weeks!!",
        text,
    );
    assert!(upset.concerns.dismissiveness > calm.concerns.dismissiveness);
}

#[test]
fn a_clause_opening_cue_counts_only_where_it_opens_a_clause() {
    let extra = one_cue_group(
        "kind = \"ownership\"\nweight = 0.8\nopens_clause = true\nentries = [\"tracing the parcel\"]",
    );
    assert!(extra.entries().iter().all(|e| e.needs_clause_start()));
    let custom = Scorer::builder().extend(extra).build().unwrap();
    let traced = |text: &str| {
        custom
            .score(text)
            .evidence
            .iter()
            .any(|e| e.text.eq_ignore_ascii_case("tracing the parcel"))
    };
    // At the start of the reply, after a greeting's comma, after a handle: it opens a clause.
    assert!(traced("Tracing the parcel now."));
    assert!(traced("Hi Ana, tracing the parcel now."));
    assert!(traced("@ana tracing the parcel now."));
    // Inside a clause it is not the agent's commitment.
    assert!(!traced("The courier app is tracing the parcel wrongly."));
    // Without the key, the same cue counts anywhere.
    let anywhere =
        one_cue_group("kind = \"ownership\"\nweight = 0.8\nentries = [\"tracing the parcel\"]");
    assert!(anywhere.entries().iter().all(|e| !e.needs_clause_start()));
    let anywhere = Scorer::builder().extend(anywhere).build().unwrap();
    let text = "The courier app is tracing the parcel wrongly.";
    assert!(
        anywhere
            .score(text)
            .evidence
            .iter()
            .any(|e| e.text == "tracing the parcel")
    );
}

#[test]
fn replacing_the_base_lexicon_requires_a_model() {
    let bare = Lexicon::from_toml_str("[lexicon]\nformat = 1\n").unwrap();
    let err = Scorer::builder().lexicon(bare).build().unwrap_err();
    assert!(
        matches!(err, Error::Lexicon(ref e) if e.problem == LexiconProblem::MissingSection("model")),
        "{err}"
    );
}

#[test]
fn invalid_weights_are_rejected() {
    let mut w = Scorer::default().model().clone();
    w.saturation = f32::NAN;
    assert!(matches!(
        Scorer::builder().model(w).build(),
        Err(Error::Weights(_))
    ));
}

#[test]
fn the_language_list_is_validated() {
    let mut w = Scorer::default().model().clone();
    w.readability.languages.push("klingon".into());
    let err = Scorer::builder().model(w).build().unwrap_err().to_string();
    assert!(
        err.contains("\"klingon\"") && err.contains("ISO 639-3"),
        "{err}"
    );

    let mut w = Scorer::default().model().clone();
    w.readability.languages.retain(|c| c != "eng");
    let err = Scorer::builder().model(w).build().unwrap_err().to_string();
    assert!(err.contains("\"eng\""), "{err}");
}

#[test]
fn the_language_detector_reads_a_sample_of_a_long_reply() {
    // A long ticket in another language is flagged as such from the sample the detector
    // reads (its cost stays that of the sample); a sample too short to mean anything is
    // refused when the scorer is built.
    let s = Scorer::default();
    let sample = s.model().readability.language_sample;
    let sentence = "Lamentamos mucho el retraso de su pedido, vamos a revisarlo hoy mismo. ";
    let long = sentence.repeat(4 * sample / sentence.len() + 1);
    assert!(long.len() > 4 * sample);
    assert_eq!(s.score(&long).readability, Readability::OtherLanguage);
    // Cut anywhere, even inside a multi-byte character ("ñ", "é"), the sample is valid text.
    let accented = "Disculpe usted, señora, el retraso del envío. ".repeat(40);
    assert!(!accented.is_char_boundary(19));
    for cut in [16, 17, 18, 19, 20, 21] {
        let mut w = s.model().clone();
        w.readability.language_sample = cut;
        let scorer = Scorer::builder().model(w).build().unwrap();
        assert_ne!(scorer.score(&accented).readability, Readability::Readable);
    }
    let mut w = s.model().clone();
    w.readability.language_sample = 0;
    let err = Scorer::builder().model(w).build().unwrap_err().to_string();
    assert!(err.contains("language_sample"), "{err}");
}

#[test]
fn replies_in_another_language_or_gibberish_are_not_scored_as_english() {
    let s = Scorer::default();
    for (text, want) in [
        (
            "Lamentamos mucho el retraso de su pedido, vamos a revisarlo hoy mismo.",
            Readability::OtherLanguage,
        ),
        (
            "Nous sommes vraiment désolés pour le retard de votre commande.",
            Readability::OtherLanguage,
        ),
        (
            "Приносим извинения за задержку вашего заказа.",
            Readability::OtherLanguage,
        ),
        ("qwrt zxvb plmk wqzx", Readability::Unreadable),
        (
            "I'm so sorry your order is late, I'll chase it today.",
            Readability::Readable,
        ),
    ] {
        let a = s.score(text);
        assert_eq!(a.readability, want, "{text}");
    }
}

#[test]
fn same_reply_scores_differently_by_customer_state_and_says_why() {
    let s = Scorer::default();
    let reply = "Glad to hear it! Your order will arrive on Friday.";
    let angry = s.score_reply(
        "This is the THIRD time my order is late. I'm furious!!",
        reply,
    );
    let thanks = s.score_reply("Thanks so much, the order arrived early!", reply);
    assert!(
        thanks.score > angry.score,
        "{} vs {}",
        thanks.score,
        angry.score
    );
    let ctx = angry.customer.as_ref().unwrap();
    assert!(ctx.emotions.anger > 0.0 || ctx.emotions.frustration > 0.0);
    assert!(!ctx.unmet.is_empty());
    assert!(angry.suggests(empathy::SuggestionCode::MeetEmotion));
}

#[test]
fn names_from_greetings_and_handles_but_not_sign_offs() {
    let s = Scorer::default();
    let p = |t: &str| s.score(t).dimensions.personalization;
    assert!(p("@user Hi Kristen, let's get you back in.") > 0.2);
    assert!(p("@nadia_flies Nadia, I'm so sorry about the delay.") > 0.2);
    assert_eq!(p("Please try again later. Thanks ~Amy"), 0.0);
    assert_eq!(p("@user Unfortunately, no."), 0.0);
    assert_eq!(p("@user Hi there, thanks for the tag."), 0.0);
}

#[test]
fn evidence_says_its_source_and_quotes_only_lexicon_entries() {
    let s = Scorer::default();
    let customer = CustomerMessage::new("My parcel never arrived and the tracking is stuck.");
    let reply = "Hi Dana, I'm so sorry your parcel never arrived. What happened when you \
                 checked the tracking? I'll send a replacement today.";
    let a = s.score_reply_to(reply, customer.named("Dana"));
    for e in a
        .evidence
        .iter()
        .chain(&a.customer.as_ref().unwrap().evidence)
    {
        assert_eq!(e.cue.is_some(), e.source.is_entry(), "{e:?}");
        if let Some(cue) = &e.cue {
            assert!(!cue.starts_with('<'), "a pseudo-cue label: {e:?}");
        }
    }
    let sources: Vec<EvidenceSource> = a.evidence.iter().map(|e| e.source).collect();
    assert!(sources.contains(&EvidenceSource::Cue), "{sources:?}");
    assert!(
        sources.contains(&EvidenceSource::CustomerName),
        "{sources:?}"
    );
    assert!(sources.contains(&EvidenceSource::Reflection), "{sources:?}");
    let name = a
        .evidence
        .iter()
        .find(|e| e.source == EvidenceSource::CustomerName)
        .unwrap();
    assert_eq!(name.text, "Dana");
    // The serde form: snake_case source, `cue: null` for computed evidence.
    let v = serde_json::to_value(name).unwrap();
    assert_eq!(v["source"], "customer_name");
    assert!(v["cue"].is_null());
    for source in EvidenceSource::ALL {
        assert_eq!(source.key().parse::<EvidenceSource>().unwrap(), *source);
        assert_eq!(source.to_string(), source.key());
    }
}

#[test]
fn reflection_reads_the_situation_not_generic_words() {
    let s = Scorer::default();
    let customer = "I tried for three days to reach someone about my broken dishwasher.";
    let reflected = |reply: &str| -> Vec<String> {
        s.score_reply(customer, reply)
            .evidence
            .iter()
            .filter(|e| e.source == EvidenceSource::Reflection)
            .map(|e| e.text.to_lowercase())
            .collect()
    };
    // Reusing "tried", "days" and "reach" says nothing back about the situation.
    assert!(
        reflected("Sorry it took days. Have you tried to reach our help page?").is_empty(),
        "generic words reflected"
    );
    // Naming the broken dishwasher does.
    let words = reflected("Sorry about the broken dishwasher; an engineer comes Friday.");
    assert!(words.contains(&"dishwasher".to_string()), "{words:?}");
    assert!(words.contains(&"broken".to_string()), "{words:?}");
}

#[test]
fn overlapping_spans_are_marked_in_one_pass() {
    let s = Scorer::default();
    let texts = [
        "Hi Dana, I'm so sorry to hear that. I completely understand how frustrating this is.",
        "I'm so sorry, I really am so sorry about this, I'll fix it right now for you.",
        "We apologize for any inconvenience. Please DM us your order number.",
    ];
    for text in texts {
        let a = s.score_reply("I'm so frustrated, my order is late again. Dana", text);
        let ev = &a.evidence;
        for (i, e) in ev.iter().enumerate() {
            let earlier = ev[..i]
                .iter()
                .any(|p| p.span.start < e.span.end && e.span.start < p.span.end);
            assert_eq!(e.overlaps, earlier, "{i}: {e:?} in {ev:#?}");
        }
        assert!(
            ev.windows(2)
                .all(|w| (w[0].span.start, w[0].span.end) <= (w[1].span.start, w[1].span.end))
        );
    }
    // Some real evidence overlaps (e.g. a name that is both a name and the customer's word).
    let any = texts.iter().any(|t| {
        s.score_reply("I'm so frustrated, my order is late again. Dana", t)
            .evidence
            .iter()
            .any(|e| e.overlaps)
    });
    assert!(
        any,
        "no overlapping evidence in the examples: the test would not see a bug"
    );
}

#[test]
fn reused_assessments_get_the_same_evidence_as_fresh_ones() {
    let s = Scorer::default();
    let texts = [
        "Hi Dana, I'm so sorry to hear that. I completely understand how frustrating this is.",
        "",
        "ok",
        "I don't understand why you're upset, but it's our policy. You should have read the terms.",
        "Could you tell me more about what happened at the gate? Happy to help.",
    ];
    let mut out = Assessment::default();
    for _ in 0..2 {
        for t in texts {
            s.score_into(t, &mut out);
            assert_eq!(out, s.score(t), "{t:?}");
        }
    }
}

/// The evidence of `source` in an assessment: (kind, text) pairs.
fn computed(a: &empathy::Assessment, source: EvidenceSource) -> Vec<(String, String)> {
    a.evidence
        .iter()
        .chain(a.customer.iter().flat_map(|c| &c.evidence))
        .filter(|e| e.source == source)
        .map(|e| (e.kind.to_string(), e.text.clone()))
        .collect()
}

#[test]
fn a_name_set_off_by_a_comma_or_a_dash_is_personalization() {
    let s = Scorer::default();
    let named = |text: &str| {
        computed(&s.score(text), EvidenceSource::CustomerName)
            .into_iter()
            .map(|(_, name)| name)
            .collect::<Vec<_>>()
    };
    for (text, name) in [
        (
            "Thanks for the screen recording, Justin. There's a bug on import.",
            "Justin",
        ),
        (
            "Sounds good, Morgan. We'll be here when you're ready.",
            "Morgan",
        ),
        ("Edgar - sorry for the wait, we're on it now.", "Edgar"),
        (
            "Thanks for letting us know, Leslie! We'll pass it on.",
            "Leslie",
        ),
        ("So sorry the parcel is late again, Priya!", "Priya"),
        ("@nadia_k Nadia, we're on it.", "Nadia"),
    ] {
        assert_eq!(named(text), [name], "{text}");
    }
    // Not a name: the writer signing off, a word the lexicon knows, an interjection, a name
    // in the middle of a clause.
    for text in [
        "Thanks for your patience. Kind regards, Amy",
        "Thanks, Amy",
        "It runs on Mac, Windows.",
        "Yikes, that's not good. Let us check.",
        "Hmm, that's odd. Can you send a screenshot?",
        "We passed it to Justin in billing.",
    ] {
        assert!(named(text).is_empty(), "{text}: {:?}", named(text));
    }
}

#[test]
fn a_self_help_step_is_a_little_ownership_where_no_cue_reads_it() {
    let s = Scorer::default();
    let steps = s.score("Go to Settings > Privacy and turn off location sharing.");
    assert_eq!(
        computed(&steps, EvidenceSource::Instruction),
        [("ownership".to_string(), "Go to".to_string())]
    );
    assert!(steps.dimensions.ownership > 0.0);
    // After an opener ("please"), once per sentence.
    let please = s.score("Please check the cable, then check the plug. Then restart it.");
    assert_eq!(computed(&please, EvidenceSource::Instruction).len(), 2);
    // Not a step: a negated verb, a verb inside the clause, sending the customer elsewhere,
    // pointing to a link.
    for text in [
        "Don't reset the router yet.",
        "We check every parcel before it leaves.",
        "Please contact your bank about this charge.",
        "Check https://help.example.com for more.",
    ] {
        let a = s.score(text);
        assert!(
            computed(&a, EvidenceSource::Instruction).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn an_exclamation_without_a_concern_is_a_little_warmth() {
    let s = Scorer::default();
    let warm = s.score("Hi there! Your parcel left the depot this morning.");
    assert_eq!(
        computed(&warm, EvidenceSource::Exclamation),
        [("reassurance".to_string(), "Hi there".to_string())]
    );
    assert!(warm.dimensions.reassurance > 0.0);
    let flat = s.score("Hi there. Your parcel left the depot this morning.");
    assert_eq!(flat.dimensions.reassurance, 0.0);
    assert!(warm.score > flat.score);
    // Not warmth: an exclaimed concern, a quoted exclamation, punctuation with no word.
    for text in [
        "You should have read the terms!",
        "You wrote \"fix it now!\" and we did.",
        "@user 🙂!!!",
    ] {
        let a = s.score(text);
        assert!(
            computed(&a, EvidenceSource::Exclamation).is_empty(),
            "{text}"
        );
    }
    // An exclamation alone says nothing.
    assert_eq!(s.score("Noted!").readability, Readability::SaysNothing);
}

#[test]
fn a_replys_length_is_a_little_ownership_and_no_content() {
    let s = Scorer::default();
    // No cue reads ownership in these: what they get comes from their length.
    let ownership = |text: &str| -> f32 {
        let a = s.score(text);
        assert!(
            !a.evidence
                .iter()
                .any(|e| e.kind == Kind::Dimension(Dimension::Ownership)),
            "{text}: {:?}",
            a.evidence
        );
        a.dimensions.ownership
    };
    let short = ownership("The parcel left the depot.");
    let long = ownership(
        "The parcel left the depot this morning and it is on the driver's round for today, so \
         it should reach the door before six; the tracking page shows each stop as it happens, \
         and a parcel nobody signs for goes to the neighbour named on the order or comes back \
         the next day.",
    );
    let most = s.model().length_ownership.most;
    assert!(0.0 < short && short < long, "{short} {long}");
    assert!(
        (long - most).abs() < 1e-6,
        "45 words or more give all of it: {long}"
    );
    assert!(
        most < s.model().coaching.absent,
        "length alone never silences a tip"
    );
    // Length is no content: a word or two with nothing in them still says nothing.
    assert_eq!(s.score("Noted.").readability, Readability::SaysNothing);
}

#[test]
fn a_replys_length_is_a_little_understanding_but_no_recognition() {
    let s = Scorer::default();
    let long = "The parcel left the depot this morning and it is on the driver's round for today, \
                so it should reach the door before six; the tracking page shows each stop as it \
                happens, and a parcel nobody signs for goes to the neighbour named on the order \
                or comes back the next day.";
    let a = s.score(long);
    assert!(
        !a.evidence
            .iter()
            .any(|e| e.kind == Kind::Dimension(Dimension::Understanding)),
        "no cue reads understanding here: {:?}",
        a.evidence
    );
    let chance = s.model().length_understanding;
    let got = a.dimensions.understanding;
    assert!(
        got > 0.0 && (got - chance.at(a.words)).abs() < 1e-6,
        "{got}"
    );
    // A short reply gets none: it can be all listening, or nothing.
    assert_eq!(
        s.score("The parcel left the depot.")
            .dimensions
            .understanding,
        0.0
    );
    // Under the coaching thresholds: length alone never counts as understanding shown.
    assert!(chance.most < s.model().coaching.absent);
    // Length is not recognising what the customer feels: to an angry customer the long cold
    // reply leaves the anger just as unmet as it would with no length term.
    let angry = "My parcel is a week late and nobody answers. I'm furious.";
    let with = s.score_reply(angry, long);
    let mut w = s.model().clone();
    w.length_understanding.most = 0.0;
    let without = Scorer::builder()
        .model(w)
        .build()
        .unwrap()
        .score_reply(angry, long);
    let (with, without) = (with.customer.unwrap(), without.customer.unwrap());
    assert!(with.unmet.contains(&empathy::Emotion::Anger));
    assert_eq!(with.responsiveness, without.responsiveness);
}

#[test]
fn sending_the_customer_to_another_company_by_name_is_deflection() {
    let s = Scorer::default();
    let sent =
        s.score("Accounts like yours are run by Telvora, so you'll need to contact Telvora.");
    assert_eq!(
        computed(&sent, EvidenceSource::Referral),
        [("deflection".to_string(), "contact Telvora".to_string())]
    );
    assert!(sent.concerns.deflection > 0.0);
    // Not a referral by name: a known word after the verb, our own team, a deflection cue
    // that already reads it.
    for text in [
        "We will call Monday with the new date.",
        "Please contact our billing team.",
        "Please contact the retailer about this.",
    ] {
        let a = s.score(text);
        assert!(computed(&a, EvidenceSource::Referral).is_empty(), "{text}");
    }
}

#[test]
fn a_customers_capitals_and_scare_quotes_are_emphasis() {
    let s = Scorer::default();
    let read = |text: &str| {
        computed(
            &s.score_reply_to("ok", CustomerMessage::new(text)),
            EvidenceSource::Emphasis,
        )
    };
    assert_eq!(
        read("i have asked FOUR times about my refund"),
        [("anger".to_string(), "FOUR".to_string())]
    );
    assert_eq!(
        read("so much for the \"priority\" queue"),
        [("anger".to_string(), "priority".to_string())]
    );
    assert_eq!(read("WHERE IS MY REFUND").len(), 1);
    // Acronyms, a quoted label, a long quotation.
    for text in [
        "flying JFK to LHR tomorrow, when is boarding?",
        "where is the \"Saved items\" tab?",
        "the app says \"we could not process your payment right now\"",
    ] {
        assert!(read(text).is_empty(), "{text}: {:?}", read(text));
    }
}
