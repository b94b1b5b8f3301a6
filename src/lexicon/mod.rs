//! The cue lexicon: entries (patterns with a kind and a weight), context word lists, scoring
//! weights and coaching messages, parsed and validated from TOML.
//!
//! The built-in English lexicon is `data/lexicon/en.toml` (extended by its learned layer,
//! `data/lexicon/en-learned.toml`), embedded in the crate. The file format follows.
//!
#![doc = include_str!("../../data/lexicon/FORMAT.md")]

mod file;
pub(crate) mod messages;
pub(crate) mod pattern;

use crate::error::{Error, LexiconError, LexiconProblem};
use crate::kind::Kind;
use crate::model::Model;
use crate::report::SuggestionCode;
use crate::shared_str::SharedStr;
use crate::util::named_enum::named_enum;
use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The source of the built-in English lexicon.
pub const BUILTIN_EN: &str = include_str!("../../data/lexicon/en.toml");
/// The learned layer of the built-in English lexicon: short word n-grams whose weights were
/// fitted on rated real replies (by `examples/train`), in the same format as any lexicon.
/// The built-in lexicon is [`BUILTIN_EN`] extended by it.
pub const BUILTIN_EN_LEARNED: &str = include_str!("../../data/lexicon/en-learned.toml");

/// Entries may be at most this many bytes long.
pub const MAX_ENTRY_LEN: usize = 256;
/// One entry may expand to at most this many phrases.
pub const MAX_EXPANSIONS: usize = 16_384;
/// A lexicon (after merging) may hold at most this many phrases. The built-in lexicon holds
/// about half of them, so a user's lexicon laid on it has as much room again.
pub const MAX_PHRASES: usize = 1_000_000;

named_enum! {
    /// A list of context words that the rules look for (keyed by its name in `[context]`).
    pub(crate) enum ContextKind {
        /// Negate a following cue in the same clause.
        Negator => "negators",
        /// Weaken what comes before, strengthen what follows.
        Contrast => "contrast",
        /// Strengthen the next cue.
        Intensifier => "intensifiers",
        /// Weaken the next cue.
        Hedge => "hedges",
        /// Open a question even without "?".
        QuestionStarter => "question_starters",
        /// Mark a question that only collects data.
        DataRequest => "data_request",
        /// Offer something else after a refusal.
        Alternative => "alternatives",
        /// Greet the reader (a name may follow).
        Greeting => "greetings",
        /// Apologise.
        Apology => "apologies",
        /// Share good news or joy.
        Celebration => "celebrations",
        /// Open a first-person commitment ("i'll", "let me").
        Commitment => "commitments",
        /// A help verb that opens a step ("try", "restart", "go to").
        Instruction => "instructions",
        /// A word that may come before such a verb ("please", "then").
        InstructionOpener => "instruction_openers",
        /// Praise that, left on its own to close a complaint, is sarcasm ("… nice",
        /// "… impressive", "great job").
        SarcasticCloser => "sarcastic_closers",
        /// Send the reader to someone ("contact", "reach out to"): before another company's
        /// name, a deflection.
        Referral => "referrals",
    }
}

impl ContextKind {
    pub(crate) const fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// Context word lists, plus the word sets used by personalization and reflection.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    pub(crate) lists: [Vec<String>; ContextKind::ALL.len()],
    pub(crate) not_names: Vec<String>,
    pub(crate) stopwords: Vec<String>,
    /// Content words too generic to say the customer's situation back ("tried", "days"):
    /// left out of reflection only (the learned layer still reads them in n-grams).
    pub(crate) generic_words: Vec<String>,
    /// Words that sign a message off before a name ("thanks", "cheers").
    pub(crate) sign_offs: Vec<String>,
    /// Words that address the reader ("you", "your"): a question with one is about them.
    pub(crate) addressees: Vec<String>,
}

/// `[grammar]`: the function words the negation edits read (folded).
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct GrammarWords {
    pub(crate) subjects: Vec<String>,
    pub(crate) future: Vec<String>,
    pub(crate) copulas: Vec<String>,
    pub(crate) demonstratives: Vec<String>,
    pub(crate) dont: String,
    pub(crate) do_: String,
    pub(crate) not: String,
    pub(crate) is: String,
    pub(crate) will: String,
    pub(crate) wont: String,
    pub(crate) takes_not: Vec<String>,
    pub(crate) contractions: Vec<(String, String)>,
    pub(crate) auxiliaries: Vec<String>,
}

fn add_missing(list: &mut Vec<String>, words: Vec<String>) {
    for w in words {
        if !list.contains(&w) {
            list.push(w);
        }
    }
}

impl Context {
    pub(crate) fn list(&self, kind: ContextKind) -> &[String] {
        &self.lists[kind as usize]
    }

    fn extend(&mut self, other: Context) {
        for (mine, theirs) in self.lists.iter_mut().zip(other.lists) {
            add_missing(mine, theirs);
        }
        add_missing(&mut self.not_names, other.not_names);
        add_missing(&mut self.stopwords, other.stopwords);
        add_missing(&mut self.generic_words, other.generic_words);
        add_missing(&mut self.sign_offs, other.sign_offs);
        add_missing(&mut self.addressees, other.addressees);
    }
}

/// One cue entry of a lexicon: a pattern, what it counts towards, and how much.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub(crate) pattern: SharedStr,
    pub(crate) kind: Kind,
    pub(crate) weight: f32,
    pub(crate) question: bool,
    pub(crate) upset: bool,
    pub(crate) opens_clause: bool,
    pub(crate) negated: Option<Kind>,
    pub(crate) credit: Option<(Kind, f32)>,
    pub(crate) line: usize,
    /// The pattern, parsed and with its classes resolved (never expanded for matching).
    pub(crate) seq: Arc<pattern::Seq>,
    /// How many phrases the pattern stands for.
    pub(crate) phrase_count: usize,
    /// From the built-in lexicon's learned layer (its evidence says so).
    pub(crate) learned: bool,
}

impl Entry {
    /// The pattern as written in the lexicon.
    pub fn pattern(&self) -> &str {
        &self.pattern
    }
    /// What a match counts towards.
    pub fn kind(&self) -> Kind {
        self.kind
    }
    /// Base weight, in (0, 1].
    pub fn weight(&self) -> f32 {
        self.weight
    }
    /// Whether the cue counts fully only inside a question.
    pub fn needs_question(&self) -> bool {
        self.question
    }
    /// Whether the cue counts only toward an upset customer (`upset = true`): its weight is
    /// scaled by the customer's need ("have you tried the steps?" is dismissive to someone
    /// who is furious, a fair question to someone who is not).
    pub fn needs_upset_customer(&self) -> bool {
        self.upset
    }
    /// Whether the cue counts only where it opens a clause (`opens_clause = true`): the
    /// subject-less "Looking into this now" of a reply on a social channel is a commitment,
    /// "the app keeps looking into this folder" is not.
    pub fn needs_clause_start(&self) -> bool {
        self.opens_clause
    }
    /// What a negated match turns into (`None`: it is cancelled).
    pub fn when_negated(&self) -> Option<Kind> {
        self.negated
    }
    /// A second kind this cue gives a little credit to, and how much.
    pub fn credit(&self) -> Option<(Kind, f32)> {
        self.credit
    }
    /// The line of the lexicon file the entry is on.
    pub fn line(&self) -> usize {
        self.line
    }
    /// How many phrases the pattern stands for (at most [`MAX_EXPANSIONS`]).
    pub fn phrase_count(&self) -> usize {
        self.phrase_count
    }

    /// The phrases the pattern stands for, spelled out (sorted, without duplicates).
    ///
    /// Matching never expands patterns — they compile into a word automaton — so this
    /// builds the list on each call; it is for inspecting a lexicon.
    ///
    /// ```
    /// let lexicon = empathy::Lexicon::from_toml_str(r#"
    /// [lexicon]
    /// format = 1
    /// [[cues]]
    /// kind = "acknowledgment"
    /// weight = 0.8
    /// entries = ["(so|very)? sorry (for|about) that"]
    /// "#)?;
    /// let entry = &lexicon.entries()[0];
    /// assert_eq!(entry.phrase_count(), 6);
    /// assert!(entry.phrases().contains(&"so sorry about that".to_string()));
    /// # Ok::<(), empathy::Error>(())
    /// ```
    pub fn phrases(&self) -> Vec<String> {
        pattern::expand(&self.seq, MAX_EXPANSIONS).unwrap_or_default()
    }
}

/// A validated lexicon.
///
/// ```
/// use empathy::Lexicon;
/// let extra = Lexicon::from_toml_str(r#"
/// [lexicon]
/// format = 1
///
/// [[cues]]
/// kind = "reassurance"
/// weight = 0.7
/// entries = ["(we've|we have) got (you|your back)"]
/// "#).unwrap();
/// assert_eq!(extra.entries().len(), 1);
///
/// let err = Lexicon::from_toml_str("[lexicon]\nformat = 1\n[[cues]]\nkind = \"kindness\"\nweight = 0.5\nentries = [\"x\"]\n")
///     .unwrap_err();
/// assert!(err.to_string().contains(":4:"), "{err}");
/// ```
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) origin: String,
    pub(crate) name: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) version: Option<String>,
    pub(crate) entries: Vec<Entry>,
    pub(crate) context: Context,
    /// The whole model: the built-in lexicon's, or a user's `[model]` on the built-in one.
    pub(crate) weights: Option<Model>,
    /// The user's `[model]` tables this lexicon carries, oldest first: [`Lexicon::extend`]
    /// lays them on the model it extends. Empty for a lexicon whose model is complete on
    /// its own (the built-in one), or that has none.
    model_layers: Vec<file::ModelLayer>,
    pub(crate) messages: HashMap<SuggestionCode, SharedStr>,
    /// `[messages]`: the unmet-emotion tip, escalation reasons.
    pub(crate) texts: Option<messages::Messages>,
    /// `[grammar]`: the negation grammar's words.
    pub(crate) grammar: Option<GrammarWords>,
}

impl Lexicon {
    /// The built-in English lexicon (parsed once per process, then cloned).
    pub fn builtin() -> Lexicon {
        Lexicon::builtin_ref().clone()
    }

    /// The built-in lexicon, parsed once per process; its texts are `'static`, so results
    /// quote them without reference counting.
    pub(crate) fn builtin_ref() -> &'static Lexicon {
        static PARSED: OnceLock<Lexicon> = OnceLock::new();
        static BORROWED: OnceLock<Lexicon> = OnceLock::new();
        BORROWED.get_or_init(|| {
            PARSED
                .get_or_init(|| {
                    let invalid = |e: LexiconError| -> Lexicon {
                        panic!("the built-in lexicon is invalid: {e}")
                    };
                    let mut lex =
                        file::parse(BUILTIN_EN, "builtin:en", false).unwrap_or_else(invalid);
                    let mut learned = file::parse(BUILTIN_EN_LEARNED, "builtin:en-learned", false)
                        .unwrap_or_else(invalid);
                    for e in &mut learned.entries {
                        e.learned = true;
                    }
                    lex.extend(learned)
                        .unwrap_or_else(|e| panic!("the built-in lexicon is invalid: {e}"));
                    lex.check_complete()
                        .unwrap_or_else(|e| panic!("the built-in lexicon is incomplete: {e}"));
                    lex
                })
                .borrowed()
        })
    }

    /// Parses and validates a lexicon from TOML text.
    pub fn from_toml_str(source: &str) -> Result<Lexicon, Error> {
        file::parse(source, "<string>", true).map_err(Error::from)
    }

    /// Reads, parses and validates a lexicon file.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Lexicon, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            source: std::sync::Arc::new(e),
        })?;
        let origin = path.display().to_string();
        let text = String::from_utf8(bytes).map_err(|e| {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let line = 1 + valid.iter().filter(|&&b| b == b'\n').count();
            LexiconError {
                origin: origin.clone(),
                line,
                problem: LexiconProblem::InvalidUtf8,
            }
        })?;
        file::parse(&text, &origin, true).map_err(Error::from)
    }

    /// The cue entries.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The lexicon's name, if it has one.
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }

    /// The language the lexicon is written for (`[lexicon] language`, e.g. `"en"`).
    ///
    /// ```
    /// assert_eq!(empathy::Lexicon::builtin().language(), Some("en"));
    /// ```
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// The lexicon's own version (`[lexicon] version`).
    pub fn version(&self) -> Option<&str> {
        self.version.as_deref()
    }

    /// The scoring model (`[model]`) the lexicon carries, if any. A `[model]` may list only
    /// the keys it changes; read on its own, the lexicon takes the rest from the built-in model.
    ///
    /// ```
    /// let lexicon = empathy::Lexicon::from_toml_str("[lexicon]\nformat = 1\n[model]\ncurt_words = 9\n")?;
    /// let model = lexicon.model().unwrap();
    /// assert_eq!(model.curt_words, 9.0);
    /// assert_eq!(model.bias, empathy::Lexicon::builtin().model().unwrap().bias);
    /// # Ok::<(), empathy::Error>(())
    /// ```
    pub fn model(&self) -> Option<&Model> {
        self.weights.as_ref()
    }

    /// The old name of [`Lexicon::model`].
    #[deprecated(since = "0.2.0", note = "renamed to `model`")]
    pub fn weights(&self) -> Option<&Model> {
        self.model()
    }

    /// Adds `other` on top of this lexicon: its entries override entries with the same pattern
    /// and are added otherwise; its context words are added; its messages, when present,
    /// replace these. Its `[model]` is laid over this lexicon's model: the keys it lists
    /// replace these, the rest are kept (the built-in lexicon's model, complete, replaces
    /// this one whole). The result is validated; an error names `other`'s line.
    pub fn extend(&mut self, other: Lexicon) -> Result<(), Error> {
        let key = |e: &Entry| (e.pattern.clone(), e.kind.is_customer());
        let mut index: HashMap<(SharedStr, bool), usize> = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (key(e), i))
            .collect();
        for entry in other.entries {
            match index.get(&key(&entry)) {
                Some(&i) => self.entries[i] = entry,
                None => {
                    index.insert(key(&entry), self.entries.len());
                    self.entries.push(entry);
                }
            }
        }
        let total: usize = self.entries.iter().map(|e| e.phrase_count).sum();
        if total > MAX_PHRASES {
            return Err(LexiconError {
                origin: other.origin,
                line: 0,
                problem: LexiconProblem::TooLarge {
                    count: total,
                    limit: MAX_PHRASES,
                },
            }
            .into());
        }
        self.context.extend(other.context);
        match (&self.weights, other.model_layers.is_empty()) {
            (Some(base), false) => {
                let mut model = base.clone();
                for layer in &other.model_layers {
                    model = layer.apply(&model)?;
                }
                self.weights = Some(model);
                self.model_layers.extend(other.model_layers);
            }
            (None, false) => {
                self.weights = other.weights;
                self.model_layers.extend(other.model_layers);
            }
            (_, true) if other.weights.is_some() => {
                self.weights = other.weights;
                self.model_layers.clear();
            }
            (_, true) => {}
        }
        self.messages.extend(other.messages);
        if other.texts.is_some() {
            self.texts = other.texts;
        }
        if other.grammar.is_some() {
            self.grammar = other.grammar;
        }
        Ok(())
    }

    /// Checks that a base lexicon has everything a scorer needs (weights, messages, context).
    pub(crate) fn check_complete(&self) -> Result<(), LexiconError> {
        let missing = |section| LexiconError {
            origin: self.origin.clone(),
            line: 0,
            problem: LexiconProblem::MissingSection(section),
        };
        if self.weights.is_none() {
            return Err(missing("model"));
        }
        if self.context.list(ContextKind::Negator).is_empty() {
            return Err(missing("context"));
        }
        if self.texts.is_none() {
            return Err(missing("messages"));
        }
        if self.grammar.is_none() {
            return Err(missing("grammar"));
        }
        if SuggestionCode::ALL
            .iter()
            .any(|c| !self.messages.contains_key(c))
        {
            return Err(missing("suggestions"));
        }
        Ok(())
    }

    /// Coaching messages indexed by code (for lookups on the hot path).
    pub(crate) fn message_table(&self) -> Vec<SharedStr> {
        SuggestionCode::ALL
            .iter()
            .map(|c| {
                self.messages
                    .get(c)
                    .cloned()
                    .unwrap_or_else(|| SharedStr::from(c.key()))
            })
            .collect()
    }

    /// A clone whose texts borrow from `self`, which lives for good: results quote them
    /// without reference counting.
    fn borrowed(&'static self) -> Lexicon {
        let mut lex = self.clone();
        for (mine, kept) in lex.entries.iter_mut().zip(&self.entries) {
            mine.pattern = kept.pattern.borrowed();
        }
        for (code, text) in &self.messages {
            lex.messages.insert(*code, text.borrowed());
        }
        lex
    }
}
