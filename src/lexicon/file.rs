//! Reading a lexicon file: TOML → raw structures (with spans) → validated [`Lexicon`].

use super::GrammarWords;
use super::messages::RawMessages;
use super::pattern::{self, Classes, PatternError};
use super::{Context, ContextKind, Entry, Lexicon, MAX_ENTRY_LEN, MAX_EXPANSIONS, MAX_PHRASES};
use crate::error::{Error, LexiconError, LexiconProblem, WeightsError};
use crate::kind::{Concern, Kind};
use crate::model::Model;
use crate::report::SuggestionCode;
use crate::shared_str::SharedStr;
use crate::util::fold;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    lexicon: Spanned<RawMeta>,
    #[serde(default)]
    class: Vec<RawClass>,
    #[serde(default)]
    cues: Vec<RawGroup>,
    context: Option<RawContext>,
    /// Read apart from the rest ([`read_model`]): it is layered on a base model. Listed so
    /// that the key is known.
    #[serde(rename = "model")]
    _model: Option<IgnoredAny>,
    suggestions: Option<BTreeMap<String, Spanned<String>>>,
    messages: Option<RawMessages>,
    grammar: Option<Spanned<RawGrammar>>,
}

/// `[grammar]`: the function words the negation edits read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrammar {
    subjects: Vec<String>,
    future: Vec<String>,
    copulas: Vec<String>,
    demonstratives: Vec<String>,
    dont: String,
    r#do: String,
    not: String,
    is: String,
    will: String,
    wont: String,
    takes_not: Vec<String>,
    contractions: Vec<(String, String)>,
    auxiliaries: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMeta {
    format: Spanned<i64>,
    language: Option<String>,
    name: Option<String>,
    version: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawClass {
    name: Spanned<String>,
    words: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    kind: Spanned<String>,
    weight: Spanned<f64>,
    #[serde(default)]
    question: bool,
    #[serde(default)]
    upset: bool,
    #[serde(default)]
    opens_clause: bool,
    negated: Option<Spanned<String>>,
    credit: Option<Spanned<BTreeMap<String, f64>>>,
    entries: Vec<Spanned<String>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawContext {
    #[serde(default)]
    negators: Vec<Spanned<String>>,
    #[serde(default)]
    contrast: Vec<Spanned<String>>,
    #[serde(default)]
    intensifiers: Vec<Spanned<String>>,
    #[serde(default)]
    hedges: Vec<Spanned<String>>,
    #[serde(default)]
    question_starters: Vec<Spanned<String>>,
    #[serde(default)]
    data_request: Vec<Spanned<String>>,
    #[serde(default)]
    alternatives: Vec<Spanned<String>>,
    #[serde(default)]
    greetings: Vec<Spanned<String>>,
    #[serde(default)]
    apologies: Vec<Spanned<String>>,
    #[serde(default)]
    celebrations: Vec<Spanned<String>>,
    #[serde(default)]
    commitments: Vec<Spanned<String>>,
    #[serde(default)]
    instructions: Vec<Spanned<String>>,
    #[serde(default)]
    instruction_openers: Vec<Spanned<String>>,
    #[serde(default)]
    sarcastic_closers: Vec<Spanned<String>>,
    #[serde(default)]
    referrals: Vec<Spanned<String>>,
    #[serde(default)]
    not_names: Vec<Spanned<String>>,
    #[serde(default)]
    stopwords: Vec<Spanned<String>>,
    #[serde(default)]
    generic_words: Vec<Spanned<String>>,
    #[serde(default)]
    sign_offs: Vec<Spanned<String>>,
    #[serde(default)]
    addressees: Vec<Spanned<String>>,
}

/// Turns byte offsets into 1-based line numbers.
struct Lines(Vec<usize>);

impl Lines {
    fn new(src: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(src.match_indices('\n').map(|(i, _)| i + 1));
        Lines(starts)
    }
    fn line(&self, offset: usize) -> usize {
        self.0.partition_point(|&s| s <= offset).max(1)
    }
}

struct Ctx<'a> {
    origin: &'a str,
    lines: Lines,
}

impl Ctx<'_> {
    /// A TOML error (syntax, a wrong type, an unknown or missing key) at its position.
    fn toml_err(&self, e: &toml::de::Error) -> LexiconError {
        let offset = e.span().map_or(0, |s| s.start);
        let message = e.message().trim().to_string();
        let mut err = self.err(offset, LexiconProblem::Syntax(message));
        if e.span().is_none() {
            err.line = 0;
        }
        err
    }

    fn err(&self, offset: usize, problem: LexiconProblem) -> LexiconError {
        LexiconError {
            origin: self.origin.to_string(),
            line: self.lines.line(offset),
            problem,
        }
    }
}

/// Reads a lexicon. `layered`: a `[model]` may list only what it changes, the rest taken from
/// the built-in model (false for the built-in lexicon itself, whose `[model]` is complete).
pub(super) fn parse(src: &str, origin: &str, layered: bool) -> Result<Lexicon, LexiconError> {
    let ctx = Ctx {
        origin,
        lines: Lines::new(src),
    };
    let doc = DeTable::parse(src).map_err(|e| ctx.toml_err(&e))?;
    let model = model_table(&doc);
    let raw =
        RawFile::deserialize(toml::de::Deserializer::from(doc)).map_err(|e| ctx.toml_err(&e))?;

    let meta = raw.lexicon.get_ref();
    if *meta.format.get_ref() != 1 {
        return Err(ctx.err(
            meta.format.span().start,
            LexiconProblem::UnsupportedFormat(*meta.format.get_ref()),
        ));
    }

    let classes = read_classes(&ctx, &raw.class)?;
    let entries = read_cues(&ctx, &raw.cues, &classes)?;
    let context = read_context(&ctx, raw.context.unwrap_or_default())?;

    let (weights, model_layers) = match model {
        None => (None, Vec::new()),
        Some((at, table)) if layered => {
            let base = Lexicon::builtin_ref().weights.as_ref();
            let layer = ModelLayer {
                source: src.into(),
                origin: origin.to_string(),
            };
            (Some(read_model(&ctx, at, table, base)?), vec![layer])
        }
        Some((at, table)) => (Some(read_model(&ctx, at, table, None)?), Vec::new()),
    };

    let mut messages = HashMap::new();
    for (key, msg) in raw.suggestions.unwrap_or_default() {
        let code = SuggestionCode::from_key(&key).ok_or_else(|| {
            ctx.err(
                msg.span().start,
                LexiconProblem::UnknownSuggestion(key.clone()),
            )
        })?;
        if msg.get_ref().trim().is_empty() {
            return Err(ctx.err(msg.span().start, LexiconProblem::EmptyEntry));
        }
        messages.insert(code, SharedStr::from(msg.into_inner()));
    }

    let texts = raw
        .messages
        .map(|m| m.read().map_err(|(at, problem)| ctx.err(at, problem)))
        .transpose()?;
    let grammar = raw.grammar.map(|g| read_grammar(&ctx, g)).transpose()?;

    Ok(Lexicon {
        origin: origin.to_string(),
        name: meta.name.clone(),
        language: meta.language.clone(),
        version: meta.version.clone(),
        entries,
        context,
        weights,
        model_layers,
        messages,
        texts,
        grammar,
    })
}

/// A user's `[model]` as written, kept to be layered on whatever model its lexicon ends up
/// extending ([`Lexicon::extend`]): the source is kept whole and read again then, so that
/// errors against that base still name the user's line and key.
#[derive(Debug, Clone)]
pub(crate) struct ModelLayer {
    source: Arc<str>,
    origin: String,
}

impl ModelLayer {
    /// `base` with this `[model]` on top, validated.
    pub(super) fn apply(&self, base: &Model) -> Result<Model, LexiconError> {
        let ctx = Ctx {
            origin: &self.origin,
            lines: Lines::new(&self.source),
        };
        let doc = DeTable::parse(&self.source).map_err(|e| ctx.toml_err(&e))?;
        match model_table(&doc) {
            Some((at, table)) => read_model(&ctx, at, table, Some(base)),
            None => Ok(base.clone()),
        }
    }
}

/// The `[model]` table of a parsed file and where its key is.
fn model_table<'i>(doc: &Spanned<DeTable<'i>>) -> Option<(usize, Spanned<DeValue<'i>>)> {
    let (key, table) = doc
        .get_ref()
        .iter()
        .find(|(k, _)| *k.get_ref() == "model")?;
    Some((key.span().start, table.clone()))
}

/// Reads `[model]` (at offset `at`): on its own when there is no `base` (it must then be
/// complete), else layered on `base`; then validates the result.
fn read_model(
    ctx: &Ctx,
    at: usize,
    table: Spanned<DeValue<'_>>,
    base: Option<&Model>,
) -> Result<Model, LexiconError> {
    let mut keys = Vec::new();
    if let DeValue::Table(t) = table.get_ref() {
        key_offsets("", t, &mut keys);
    }
    // The base, written out and read back as TOML, with the user's keys laid over it.
    let text: String;
    let value = match base {
        Some(base) if table.get_ref().is_table() => {
            let internal = |message: String| ctx.err(at, LexiconProblem::Syntax(message));
            text = toml::to_string(base).map_err(|e| internal(e.to_string()))?;
            let mut merged = DeTable::parse(&text).map_err(|e| internal(e.message().into()))?;
            let span = table.span();
            if let DeValue::Table(patch) = table.into_inner() {
                overlay(merged.get_mut(), patch);
            }
            Spanned::new(span, DeValue::Table(merged.into_inner()))
        }
        // No base, or a `model` that is no table (an error reading it reports).
        _ => table,
    };
    let model = Model::deserialize(toml::de::ValueDeserializer::from(value))
        .map_err(|e| ctx.toml_err(&e))?;
    model.validate().map_err(|e| match e {
        // At the line of the key the error is about, when the user wrote it.
        Error::Weights(w) => {
            let names = key_names(&w);
            let offset = names
                .iter()
                .find_map(|name| keys.iter().find(|(k, _)| k == name))
                .map_or(at, |&(_, offset)| offset);
            ctx.err(offset, LexiconProblem::Weights(w))
        }
        other => ctx.err(at, LexiconProblem::Syntax(other.to_string())),
    })?;
    Ok(model)
}

/// Lays `patch` over `base`, key by key at every depth: a table merges into the base's table
/// of the same name, any other value (numbers, arrays) replaces the base's, and a key the base
/// lacks is added, so that reading the result as a [`Model`] reports it as unknown, at the
/// user's line. This is the one place models are merged: on the parsed TOML rather than on
/// [`Model`], because only there is it known which keys the user wrote, and where.
fn overlay<'i>(base: &mut DeTable<'i>, patch: DeTable<'i>) {
    for (key, value) in patch {
        if let (Some(DeValue::Table(mine)), DeValue::Table(_)) = (
            base.get_mut(key.get_ref().as_ref()).map(Spanned::get_mut),
            value.get_ref(),
        ) {
            if let DeValue::Table(theirs) = value.into_inner() {
                overlay(mine, theirs);
            }
        } else {
            base.insert(key, value);
        }
    }
}

/// Every key of a `[model]` table, dotted below `[model]` (`customer.curt_need_floor`), and
/// its offset.
fn key_offsets(prefix: &str, table: &DeTable<'_>, out: &mut Vec<(String, usize)>) {
    for (key, value) in table {
        let path = match prefix {
            "" => key.get_ref().to_string(),
            _ => format!("{prefix}.{}", key.get_ref()),
        };
        if let DeValue::Table(inner) = value.get_ref() {
            key_offsets(&path, inner, out);
        }
        out.push((path, key.span().start));
    }
}

/// The `[model]` keys a validation error may be about, most specific first (it names the
/// dimension and concern weights by the dimension or concern alone).
fn key_names(e: &WeightsError) -> Vec<String> {
    match e {
        WeightsError::OutOfRange { name, .. } => vec![
            name.clone(),
            format!("dimension_weights.{name}"),
            format!("concern_weights.{name}"),
        ],
        WeightsError::Levels { .. } => ["levels.moderate", "levels.high", "levels"]
            .map(String::from)
            .to_vec(),
        WeightsError::Languages(_) => vec!["readability.languages".into()],
        _ => Vec::new(),
    }
}

/// `[grammar]`, its words folded like every other word; subjects and their future forms pair up.
fn read_grammar(ctx: &Ctx, raw: Spanned<RawGrammar>) -> Result<GrammarWords, LexiconError> {
    let at = raw.span().start;
    let g = raw.into_inner();
    let one = |w: String| fold::fold(w.trim()).into_owned();
    let many = |l: Vec<String>| l.into_iter().map(one).collect::<Vec<_>>();
    if g.subjects.len() != g.future.len() {
        let problem = LexiconProblem::BadGrammar("`future` needs one form per subject");
        return Err(ctx.err(at, problem));
    }
    let words = GrammarWords {
        subjects: many(g.subjects),
        future: many(g.future),
        copulas: many(g.copulas),
        demonstratives: many(g.demonstratives),
        dont: one(g.dont),
        do_: one(g.r#do),
        not: one(g.not),
        is: one(g.is),
        will: one(g.will),
        wont: one(g.wont),
        takes_not: many(g.takes_not),
        contractions: g
            .contractions
            .into_iter()
            .map(|(neg, base)| (one(neg), one(base)))
            .collect(),
        auxiliaries: many(g.auxiliaries),
    };
    let all = words
        .subjects
        .iter()
        .chain(&words.copulas)
        .chain(&words.auxiliaries);
    if all
        .chain([&words.dont, &words.not])
        .any(|w| w.is_empty() || w.contains(' '))
    {
        let problem = LexiconProblem::BadGrammar("every entry must be one word");
        return Err(ctx.err(at, problem));
    }
    Ok(words)
}

/// Checks the characters and length of a plain phrase (class word or context word) and
/// normalises it (lowercase, single spaces, straight apostrophes).
fn clean_phrase(
    ctx: &Ctx,
    s: &Spanned<String>,
    allow_pattern: bool,
) -> Result<String, LexiconError> {
    let at = s.span().start;
    let text = s.get_ref();
    let norm = normalize_phrase(text);
    if norm.is_empty() {
        return Err(ctx.err(at, LexiconProblem::EmptyEntry));
    }
    if norm.len() > MAX_ENTRY_LEN {
        return Err(ctx.err(
            at,
            LexiconProblem::EntryTooLong {
                len: norm.len(),
                limit: MAX_ENTRY_LEN,
            },
        ));
    }
    let syntax = |c: char| allow_pattern && matches!(c, '(' | ')' | '|' | '?' | '{' | '}' | '_');
    let allowed = |c: char| pattern::is_word_char(c) || c == ' ' || syntax(c);
    // Byte by byte while the phrase is ASCII (no char decoding); any other phrase is read
    // by chars.
    if !norm.bytes().all(|b| b.is_ascii() && allowed(char::from(b)))
        && let Some(ch) = norm.chars().find(|&c| !allowed(c))
    {
        return Err(ctx.err(
            at,
            LexiconProblem::BadCharacter {
                entry: text.clone(),
                ch,
            },
        ));
    }
    Ok(norm)
}

/// `text` as the matcher reads it: folded, each emoji a word of its own, words separated by
/// single spaces.
fn normalize_phrase(text: &str) -> String {
    let text = text.trim();
    // Almost every entry is plain ASCII, already folded, with single spaces: copied as it is.
    let normal = text
        .bytes()
        .all(|b| b.is_ascii() && b >= b' ' && b != b'`' && b != 0x7f && !b.is_ascii_uppercase())
        && !text.contains("  ");
    if normal {
        return text.to_owned();
    }
    normalize_any_phrase(text)
}

/// [`normalize_phrase`] for any text (the reference its shortcut is held to).
fn normalize_any_phrase(text: &str) -> String {
    let norm = fold::fold(text.trim());
    let norm = fold::space_emoji(&norm);
    norm.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn read_classes(ctx: &Ctx, raw: &[RawClass]) -> Result<Classes, LexiconError> {
    let mut classes = Classes::new();
    for class in raw {
        let name = class.name.get_ref().trim().to_string();
        let at = class.name.span().start;
        if name.is_empty() || !name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return Err(ctx.err(at, LexiconProblem::BadClassName(name)));
        }
        if classes.contains_key(&name) {
            return Err(ctx.err(at, LexiconProblem::DuplicateClass(name)));
        }
        if class.words.is_empty() {
            return Err(ctx.err(at, LexiconProblem::EmptyEntry));
        }
        let mut words: Vec<Box<str>> = Vec::with_capacity(class.words.len());
        for w in &class.words {
            let w = clean_phrase(ctx, w, false)?;
            if !words.iter().any(|x| **x == *w) {
                words.push(w.into());
            }
        }
        classes.insert(name, words.into());
    }
    Ok(classes)
}

fn kind_at(ctx: &Ctx, s: &Spanned<String>) -> Result<Kind, LexiconError> {
    let key = s.get_ref().trim();
    let kind = Kind::from_key(key)
        .ok_or_else(|| ctx.err(s.span().start, LexiconProblem::UnknownKind(key.to_string())))?;
    if kind == Kind::Concern(Concern::Curtness) {
        return Err(ctx.err(
            s.span().start,
            LexiconProblem::ComputedKind(key.to_string()),
        ));
    }
    Ok(kind)
}

fn check_weight(ctx: &Ctx, at: usize, w: f64) -> Result<f32, LexiconError> {
    if !(w.is_finite() && w > 0.0 && w <= 1.0) {
        return Err(ctx.err(
            at,
            LexiconProblem::WeightOutOfRange {
                value: w,
                range: "0 < weight <= 1",
            },
        ));
    }
    Ok(w as f32)
}

fn read_cues(
    ctx: &Ctx,
    groups: &[RawGroup],
    classes: &Classes,
) -> Result<Vec<Entry>, LexiconError> {
    // Every entry's phrase cleaned and its pattern parsed first, half of them on a second
    // thread (most of the reading time); then, in file order, the checks that need the
    // entries before (duplicates, the running total), so the first error is the one reported.
    let raws: Vec<&Spanned<String>> = groups.iter().flat_map(|g| &g.entries).collect();
    let read = |raws: &[&Spanned<String>]| -> Vec<Result<ReadEntry, LexiconError>> {
        raws.iter()
            .map(|raw| {
                let text = clean_phrase(ctx, raw, true)?;
                let (seq, phrase_count) = parse_entry(&text, classes)
                    .map_err(|problem| ctx.err(raw.span().start, problem))?;
                Ok((text, seq, phrase_count))
            })
            .collect()
    };
    let (first, second) = raws.split_at(raws.len() / 2);
    let (mut parsed, rest) = crate::util::par::join(|| read(first), || read(second));
    parsed.extend(rest);
    let mut parsed = parsed.into_iter();

    let mut entries = Vec::new();
    // Keyed by side too: the same phrase may be an agent cue and a customer cue.
    let mut seen: HashMap<(bool, String), usize> = HashMap::new();
    let mut total = 0usize;
    for group in groups {
        let kind = kind_at(ctx, &group.kind)?;
        let weight = check_weight(ctx, group.weight.span().start, *group.weight.get_ref())?;
        let negated = group
            .negated
            .as_ref()
            .map(|n| kind_at(ctx, n))
            .transpose()?;
        let credit = group
            .credit
            .as_ref()
            .map(|c| read_credit(ctx, c))
            .transpose()?;
        if group.entries.is_empty() {
            return Err(ctx.err(group.kind.span().start, LexiconProblem::EmptyEntry));
        }
        for raw in &group.entries {
            let at = raw.span().start;
            let line = ctx.lines.line(at);
            let (text, seq, phrase_count) = parsed.next().expect("one result per entry")?;
            if let Some(&first_line) = seen.get(&(kind.is_customer(), text.clone())) {
                return Err(ctx.err(
                    at,
                    LexiconProblem::DuplicateEntry {
                        entry: text,
                        first_line,
                    },
                ));
            }
            total += phrase_count;
            if total > MAX_PHRASES {
                return Err(ctx.err(
                    at,
                    LexiconProblem::TooLarge {
                        count: total,
                        limit: MAX_PHRASES,
                    },
                ));
            }
            seen.insert((kind.is_customer(), text.clone()), line);
            entries.push(Entry {
                pattern: SharedStr::from(text),
                kind,
                weight,
                question: group.question,
                upset: group.upset,
                opens_clause: group.opens_clause,
                negated,
                credit,
                line,
                seq: Arc::new(seq),
                phrase_count,
                learned: false,
            });
        }
    }
    Ok(entries)
}

/// An entry as read: its cleaned phrase, its parsed pattern and how many phrases it stands for.
type ReadEntry = (String, pattern::Seq, usize);

/// `credit = { kind = weight }`: exactly one kind.
fn read_credit(ctx: &Ctx, c: &Spanned<BTreeMap<String, f64>>) -> Result<(Kind, f32), LexiconError> {
    let at = c.span().start;
    let map = c.get_ref();
    if map.len() != 1 {
        return Err(ctx.err(at, LexiconProblem::BadCredit));
    }
    let (k, &w) = map.iter().next().expect("one item");
    let k = Kind::from_key(k).ok_or_else(|| ctx.err(at, LexiconProblem::UnknownKind(k.clone())))?;
    Ok((k, check_weight(ctx, at, w)?))
}

/// An entry's pattern, parsed, its classes resolved, and how many phrases it stands for.
fn parse_entry(text: &str, classes: &Classes) -> Result<(pattern::Seq, usize), LexiconProblem> {
    pattern::parse(text)
        .and_then(|mut seq| {
            pattern::resolve(&mut seq, classes)?;
            match pattern::count(&seq, MAX_EXPANSIONS) {
                n if n > MAX_EXPANSIONS => Err(PatternError::TooMany),
                n => Ok((seq, n)),
            }
        })
        .map_err(|e| match e {
            PatternError::Malformed(reason) => LexiconProblem::Pattern {
                entry: text.to_string(),
                reason,
            },
            PatternError::BadChar(ch) => LexiconProblem::BadCharacter {
                entry: text.to_string(),
                ch,
            },
            PatternError::UnknownClass(c) => LexiconProblem::UnknownClass(c),
            PatternError::TooMany => LexiconProblem::TooManyExpansions {
                limit: MAX_EXPANSIONS,
            },
        })
}

fn read_context(ctx: &Ctx, raw: RawContext) -> Result<Context, LexiconError> {
    let clean = |list: Vec<Spanned<String>>| -> Result<Vec<String>, LexiconError> {
        let mut out: Vec<String> = Vec::with_capacity(list.len());
        for w in &list {
            let w = clean_phrase(ctx, w, false)?;
            if !out.contains(&w) {
                out.push(w);
            }
        }
        Ok(out)
    };
    let mut context = Context::default();
    let lists = [
        (ContextKind::Negator, raw.negators),
        (ContextKind::Contrast, raw.contrast),
        (ContextKind::Intensifier, raw.intensifiers),
        (ContextKind::Hedge, raw.hedges),
        (ContextKind::QuestionStarter, raw.question_starters),
        (ContextKind::DataRequest, raw.data_request),
        (ContextKind::Alternative, raw.alternatives),
        (ContextKind::Greeting, raw.greetings),
        (ContextKind::Apology, raw.apologies),
        (ContextKind::Celebration, raw.celebrations),
        (ContextKind::Commitment, raw.commitments),
        (ContextKind::Instruction, raw.instructions),
        (ContextKind::InstructionOpener, raw.instruction_openers),
        (ContextKind::SarcasticCloser, raw.sarcastic_closers),
        (ContextKind::Referral, raw.referrals),
    ];
    for (kind, list) in lists {
        context.lists[kind as usize] = clean(list)?;
    }
    context.not_names = clean(raw.not_names)?;
    context.stopwords = clean(raw.stopwords)?;
    context.generic_words = clean(raw.generic_words)?;
    context.sign_offs = clean(raw.sign_offs)?;
    context.addressees = clean(raw.addressees)?;
    Ok(context)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The shortcut for plain phrases reads a phrase exactly as the general path does.
        #[test]
        fn ascii_phrases_normalize_as_any_text_does(text in "[ a-zA-Z'`\t\n\x0b\x0c\r\x7f(|)?{}_-]{0,30}") {
            prop_assert_eq!(normalize_phrase(&text), normalize_any_phrase(&text));
        }
    }

    #[test]
    fn phrases_are_folded_and_squeezed() {
        assert_eq!(
            normalize_phrase("  So  SORRY\tabout `that` "),
            "so sorry about 'that'"
        );
        assert_eq!(normalize_phrase("sorry😢 café"), "sorry 😢 café");
    }
}
