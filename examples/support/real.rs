//! The real rated data: `../shared/corpora/ibm_customer_care.jsonl` joined at run time with
//! the ratings stored *by reference* in `data/eval/real/` (see `data/eval/real/items.py` and
//! `data/eval/GUIDELINE.md` §9–10). Shared by the examples that evaluate on real text.
//!
//! Every utterance is named by `(conv, pos, hash)`: its conversation id, its 0-based
//! position among that conversation's lines, and the FNV-1a 64-bit hash of its UTF-8 text
//! (16 hex digits). The manifest and every rating record are checked against the corpus;
//! a missing or changed corpus is an error that names the file, the line and what differs.

#![allow(dead_code)]

use crate::metrics::{FIELDS, fnv1a};
use serde::Deserialize;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

/// The 0/1/2 fields of a reply record: the eleven of the development set
/// ([`FIELDS`], same order), then the two concerns only the real-corpus ratings carry.
pub const REPLY_FIELDS: [&str; 13] = {
    let mut all = [""; 13];
    let mut i = 0;
    while i < FIELDS.len() {
        all[i] = FIELDS[i];
        i += 1;
    }
    all[11] = "defensiveness";
    all[12] = "deflection";
    all
};

/// The rated concerns: [`REPLY_FIELDS`] from `blame` on.
pub const CONCERN_FIELDS: &[&str] = REPLY_FIELDS.split_at(6).1;

/// The 0/1/2 fields of a customer record: the eight emotions, then holistic distress.
pub const CUSTOMER_FIELDS: [&str; 9] = [
    "frustration",
    "anger",
    "sadness",
    "anxiety",
    "confusion",
    "urgency",
    "gratitude",
    "relief",
    "distress",
];

/// Who wrote an utterance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Customer,
    Agent,
}

impl Role {
    fn parse(s: &str) -> Option<Self> {
        match s {
            "customer" => Some(Role::Customer),
            "agent" => Some(Role::Agent),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Role::Customer => "customer",
            Role::Agent => "agent",
        }
    }

    /// The 0/1/2 fields a record of this role carries.
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            Role::Customer => &CUSTOMER_FIELDS,
            Role::Agent => &REPLY_FIELDS,
        }
    }
}

/// The fixed split, by conversation (see the manifest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Split {
    Train,
    HeldOut,
}

impl Split {
    /// The fixed split of a set without conversations (the team's customer messages and
    /// peer-support turns): half the items, by a hash of the id, are held out.
    pub fn of_id(id: &str) -> Self {
        if fnv1a(id).is_multiple_of(2) {
            Split::HeldOut
        } else {
            Split::Train
        }
    }
}

/// Which items to select.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    Train,
    HeldOut,
    All,
}

impl Selection {
    /// Parses `train`, `held-out` (or `held_out`) and `all`.
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "train" => Some(Selection::Train),
            "held-out" | "held_out" => Some(Selection::HeldOut),
            "all" => Some(Selection::All),
            _ => None,
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Selection::Train => "train",
            Selection::HeldOut => "held-out",
            Selection::All => "all",
        }
    }

    pub fn contains(self, split: Split) -> bool {
        match self {
            Selection::All => true,
            Selection::Train => split == Split::Train,
            Selection::HeldOut => split == Split::HeldOut,
        }
    }
}

/// One rater's ratings of one item.
#[derive(Debug, Clone)]
pub struct Rating {
    pub rater: String,
    /// Values of the role's fields ([`Role::fields`]), in that order.
    pub values: Vec<u8>,
    /// Overall 1–5 (replies only; 0 for customer messages).
    pub overall: u8,
    pub english: bool,
}

impl Rating {
    /// The value of a 0/1/2 field, or `overall`. `None` when the record has no such field.
    pub fn field(&self, role: Role, name: &str) -> Option<u8> {
        if name == "overall" {
            return (role == Role::Agent).then_some(self.overall);
        }
        let i = role.fields().iter().position(|f| *f == name)?;
        self.values.get(i).copied()
    }
}

/// One rated utterance with its text, its context and every rater's ratings (sorted by
/// rater name).
#[derive(Debug, Clone)]
pub struct RealItem {
    pub conv: String,
    pub pos: usize,
    pub role: Role,
    pub split: Split,
    pub text: String,
    /// For a reply: the consecutive customer lines right before it in its conversation,
    /// joined with a newline (`None` when the line before is not a customer's).
    pub context: Option<String>,
    pub ratings: Vec<Rating>,
}

impl RealItem {
    /// Mean of a field over the raters.
    pub fn mean(&self, field: &str) -> f64 {
        let v: Vec<f64> = self
            .ratings
            .iter()
            .filter_map(|r| r.field(self.role, field))
            .map(f64::from)
            .collect();
        if v.is_empty() {
            f64::NAN
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    }

    /// One rater's value of a field (by position in [`RealItem::ratings`]).
    pub fn rater(&self, i: usize, field: &str) -> Option<u8> {
        self.ratings.get(i)?.field(self.role, field)
    }

    /// Whether every rater marked the item as English.
    pub fn english(&self) -> bool {
        self.ratings.iter().all(|r| r.english)
    }

    /// The scorer's assessment of a reply, against its customer context when there is one.
    pub fn assess(&self, scorer: &empathy::Scorer) -> empathy::Assessment {
        match &self.context {
            Some(c) => scorer.score_reply(c, &self.text),
            None => scorer.score(&self.text),
        }
    }
}

/// Something rated by several raters: a real utterance, or a message of the team's
/// customer set. The evaluation's agreement and AUC tables read items through this.
pub trait Rated {
    /// The raters' mean of a field.
    fn mean(&self, field: &str) -> f64;
    /// Rater `i`'s value of a field, `None` when there is no such rater or field.
    fn rater(&self, i: usize, field: &str) -> Option<u8>;
    /// The text rated.
    fn text(&self) -> &str;
}

impl Rated for RealItem {
    fn mean(&self, field: &str) -> f64 {
        RealItem::mean(self, field)
    }
    fn rater(&self, i: usize, field: &str) -> Option<u8> {
        RealItem::rater(self, i, field)
    }
    fn text(&self) -> &str {
        &self.text
    }
}

/// The joined real data set.
#[derive(Debug, Clone)]
pub struct RealSet {
    pub corpus: PathBuf,
    pub rating_files: Vec<PathBuf>,
    /// Rater names, sorted.
    pub raters: Vec<String>,
    /// Every utterance of the corpus, in corpus order (conversation by conversation).
    pub items: Vec<RealItem>,
}

impl RealSet {
    pub fn replies(&self, sel: Selection) -> Vec<&RealItem> {
        self.select(Role::Agent, sel)
    }

    pub fn customers(&self, sel: Selection) -> Vec<&RealItem> {
        self.select(Role::Customer, sel)
    }

    fn select(&self, role: Role, sel: Selection) -> Vec<&RealItem> {
        self.items
            .iter()
            .filter(|i| i.role == role && sel.contains(i.split))
            .collect()
    }
}

/// Why the real data could not be loaded.
#[derive(Debug)]
pub struct LoadError(pub String);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

fn err<T>(msg: impl Into<String>) -> Result<T, LoadError> {
    Err(LoadError(msg.into()))
}

/// The crate's directory, where its data is: the one it was built from, so that the examples
/// work from any directory; the current directory when that one is gone (a program copied
/// elsewhere, run from a checkout).
pub fn root() -> PathBuf {
    let built = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    if built.join("data").is_dir() {
        built
    } else {
        PathBuf::from(".")
    }
}

/// The corpus: `$EMPATHY_CORPUS`, else `CARGO_MANIFEST_DIR/../shared/corpora/ibm_customer_care.jsonl`.
pub fn corpus_path() -> PathBuf {
    match std::env::var_os("EMPATHY_CORPUS") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => root().join("../shared/corpora/ibm_customer_care.jsonl"),
    }
}

/// `data/eval/real` in the crate.
pub fn real_dir() -> PathBuf {
    root().join("data/eval/real")
}

/// FNV-1a 64 of the UTF-8 text, 16 lowercase hex digits (as `items.py` writes it).
pub fn text_hash(text: &str) -> String {
    format!("{:016x}", fnv1a(text))
}

#[derive(Deserialize)]
struct CorpusLine {
    conv_id: String,
    role: String,
    text: String,
}

struct Utterance {
    conv: String,
    pos: usize,
    role: Role,
    text: String,
    hash: String,
}

fn read_lines(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|e| LoadError(format!("{}: {e}", path.display())))
}

/// Reads the corpus: utterances grouped by conversation (in order of first appearance),
/// each with its position among its conversation's lines.
fn read_corpus(path: &Path) -> Result<Vec<Utterance>, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        LoadError(format!(
            "corpus {}: {e}\n  the real evaluation needs the IBM customer-care corpus; \
             put it there or set EMPATHY_CORPUS to its path",
            path.display()
        ))
    })?;
    let mut order: Vec<String> = Vec::new();
    let mut convs: HashMap<String, Vec<Utterance>> = HashMap::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let where_ = format!("corpus {}:{}", path.display(), n + 1);
        let row: CorpusLine = serde_json::from_str(line)
            .map_err(|e| LoadError(format!("{where_}: not a corpus record ({e})")))?;
        let role = Role::parse(&row.role).ok_or_else(|| {
            LoadError(format!(
                "{where_}: role {:?} is neither customer nor agent",
                row.role
            ))
        })?;
        let lines = convs.entry(row.conv_id.clone()).or_insert_with(|| {
            order.push(row.conv_id.clone());
            Vec::new()
        });
        lines.push(Utterance {
            conv: row.conv_id,
            pos: lines.len(),
            role,
            hash: text_hash(&row.text),
            text: row.text,
        });
    }
    Ok(order
        .iter()
        .flat_map(|c| convs.remove(c).unwrap_or_default())
        .collect())
}

fn str_field<'a>(v: &'a serde_json::Value, name: &str, where_: &str) -> Result<&'a str, LoadError> {
    v.get(name)
        .and_then(|x| x.as_str())
        .ok_or_else(|| LoadError(format!("{where_}: `{name}` missing or not a string")))
}

fn pos_field(v: &serde_json::Value, where_: &str) -> Result<usize, LoadError> {
    v.get("pos")
        .and_then(|x| x.as_u64())
        .and_then(|x| usize::try_from(x).ok())
        .ok_or_else(|| {
            LoadError(format!(
                "{where_}: `pos` missing or not a non-negative integer"
            ))
        })
}

fn score_field(
    v: &serde_json::Value,
    name: &str,
    range: std::ops::RangeInclusive<u8>,
    where_: &str,
) -> Result<u8, LoadError> {
    let x = v.get(name).and_then(|x| x.as_u64());
    match x.and_then(|x| u8::try_from(x).ok()) {
        Some(x) if range.contains(&x) => Ok(x),
        _ => err(format!(
            "{where_}: `{name}` must be an integer {}–{} (got {})",
            range.start(),
            range.end(),
            v.get(name).map_or("nothing".to_string(), |x| x.to_string())
        )),
    }
}

/// Checks a record's `(conv, pos, hash)` against the corpus; returns the utterance's index.
fn resolve(
    index: &HashMap<(&str, usize), usize>,
    corpus: &[Utterance],
    corpus_path: &Path,
    v: &serde_json::Value,
    where_: &str,
) -> Result<usize, LoadError> {
    let conv = str_field(v, "conv", where_)?;
    let pos = pos_field(v, where_)?;
    let hash = str_field(v, "hash", where_)?;
    let Some(&i) = index.get(&(conv, pos)) else {
        return err(format!(
            "{where_}: conv={conv} pos={pos} is not in the corpus {} \
             (the corpus is not the one the ratings were made on, or was changed)",
            corpus_path.display()
        ));
    };
    let u = &corpus[i];
    if u.hash != hash {
        return err(format!(
            "{where_}: conv={conv} pos={pos} ({}): the record's hash is {hash} but the corpus \
             text hashes to {} — the corpus {} was changed since rating",
            u.role.key(),
            u.hash,
            corpus_path.display()
        ));
    }
    Ok(i)
}

/// Loads and joins the corpus, `data/eval/real/manifest.jsonl` and every
/// `data/eval/real/ratings/*.jsonl`.
pub fn load() -> Result<RealSet, LoadError> {
    load_from(&corpus_path(), &real_dir())
}

/// [`load`] with explicit paths: the corpus file and the directory holding `manifest.jsonl`
/// and `ratings/`.
pub fn load_from(corpus_path: &Path, dir: &Path) -> Result<RealSet, LoadError> {
    let corpus = read_corpus(corpus_path)?;
    let index: HashMap<(&str, usize), usize> = corpus
        .iter()
        .enumerate()
        .map(|(i, u)| ((u.conv.as_str(), u.pos), i))
        .collect();

    // The manifest: every utterance, its role and its split.
    let manifest_path = dir.join("manifest.jsonl");
    let mut split: Vec<Option<Split>> = vec![None; corpus.len()];
    let mut conv_split: HashMap<&str, Split> = HashMap::new();
    for (n, line) in read_lines(&manifest_path)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let where_ = format!("{}:{}", manifest_path.display(), n + 1);
        let v: serde_json::Value = serde_json::from_str(line)
            .map_err(|e| LoadError(format!("{where_}: not JSON ({e})")))?;
        let i = resolve(&index, &corpus, corpus_path, &v, &where_)?;
        let u = &corpus[i];
        let role = str_field(&v, "role", &where_)?;
        if role != u.role.key() {
            return err(format!(
                "{where_}: conv={} pos={}: the manifest says {role}, the corpus says {}",
                u.conv,
                u.pos,
                u.role.key()
            ));
        }
        let s = match str_field(&v, "split", &where_)? {
            "train" => Split::Train,
            "held_out" => Split::HeldOut,
            other => {
                return err(format!(
                    "{where_}: split {other:?} is neither train nor held_out"
                ));
            }
        };
        if split[i].is_some() {
            return err(format!(
                "{where_}: conv={} pos={} is listed twice",
                u.conv, u.pos
            ));
        }
        if conv_split
            .get(u.conv.as_str())
            .is_some_and(|&prev| prev != s)
        {
            return err(format!(
                "{where_}: conversation {} is split across train and held_out",
                u.conv
            ));
        }
        conv_split.insert(&u.conv, s);
        split[i] = Some(s);
    }
    if let Some(i) = split.iter().position(Option::is_none) {
        let missing = split.iter().filter(|s| s.is_none()).count();
        return err(format!(
            "{}: {missing} corpus utterance(s) are not listed, first conv={} pos={} \
             (the corpus {} has lines the ratings were not made on)",
            manifest_path.display(),
            corpus[i].conv,
            corpus[i].pos,
            corpus_path.display()
        ));
    }

    // The rating files.
    let ratings_dir = dir.join("ratings");
    let mut rating_files: Vec<PathBuf> = std::fs::read_dir(&ratings_dir)
        .map_err(|e| LoadError(format!("{}: {e}", ratings_dir.display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    rating_files.sort();
    if rating_files.is_empty() {
        return err(format!(
            "{}: no rating files (*.jsonl)",
            ratings_dir.display()
        ));
    }
    let mut ratings: Vec<Vec<Rating>> = vec![Vec::new(); corpus.len()];
    let mut seen: HashMap<(usize, String), String> = HashMap::new();
    let mut raters: BTreeSet<String> = BTreeSet::new();
    for path in &rating_files {
        for (n, line) in read_lines(path)?.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let where_ = format!("{}:{}", path.display(), n + 1);
            let v: serde_json::Value = serde_json::from_str(line)
                .map_err(|e| LoadError(format!("{where_}: not JSON ({e})")))?;
            let i = resolve(&index, &corpus, corpus_path, &v, &where_)?;
            let role = corpus[i].role;
            let rater = str_field(&v, "rater", &where_)?.to_string();
            let values = role
                .fields()
                .iter()
                .map(|f| score_field(&v, f, 0..=2, &where_))
                .collect::<Result<Vec<u8>, _>>()?;
            let overall = match role {
                Role::Agent => score_field(&v, "overall", 1..=5, &where_)?,
                Role::Customer => 0,
            };
            let english = match v.get("english") {
                None => true,
                Some(serde_json::Value::Bool(b)) => *b,
                Some(other) => {
                    return err(format!(
                        "{where_}: `english` must be true or false (got {other})"
                    ));
                }
            };
            if let Some(first) = seen.insert((i, rater.clone()), where_.clone()) {
                return err(format!(
                    "{where_}: rater {rater} already rated conv={} pos={} at {first}",
                    corpus[i].conv, corpus[i].pos
                ));
            }
            raters.insert(rater.clone());
            ratings[i].push(Rating {
                rater,
                values,
                overall,
                english,
            });
        }
    }
    let raters: Vec<String> = raters.into_iter().collect();
    for (i, r) in ratings.iter().enumerate() {
        if r.len() != raters.len() {
            let have: Vec<&str> = r.iter().map(|r| r.rater.as_str()).collect();
            return err(format!(
                "{}: conv={} pos={} is rated by [{}], not by every rater [{}]",
                ratings_dir.display(),
                corpus[i].conv,
                corpus[i].pos,
                have.join(", "),
                raters.join(", ")
            ));
        }
    }

    // Items, with each reply's customer context.
    let mut items = Vec::with_capacity(corpus.len());
    for (i, (u, mut r)) in corpus.iter().zip(ratings).enumerate() {
        r.sort_by(|a, b| a.rater.cmp(&b.rater));
        let context = match u.role {
            Role::Customer => None,
            Role::Agent => {
                let mut start = i;
                while start > 0
                    && corpus[start - 1].conv == u.conv
                    && corpus[start - 1].role == Role::Customer
                {
                    start -= 1;
                }
                (start < i).then(|| {
                    corpus[start..i]
                        .iter()
                        .map(|c| c.text.as_str())
                        .collect::<Vec<_>>()
                        .join("\n")
                })
            }
        };
        items.push(RealItem {
            conv: u.conv.clone(),
            pos: u.pos,
            role: u.role,
            split: split[i].unwrap_or(Split::Train),
            text: u.text.clone(),
            context,
            ratings: r,
        });
    }
    Ok(RealSet {
        corpus: corpus_path.to_path_buf(),
        rating_files,
        raters,
        items,
    })
}
