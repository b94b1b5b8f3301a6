//! The team's customer-message set: `data/eval/customers/messages.jsonl` (messages written by
//! the team, no corpus text) and its ratings in `data/eval/customers/ratings/*.jsonl`, two
//! raters per message following `data/eval/GUIDELINE.md` §9 plus a `sentiment` label
//! (negative / neutral / positive, as sentiment-labelled tweet sets have it).
//!
//! It is a second domain for the customer reading: twelve industries where the real corpus is
//! mostly tech support. The `train` half (a hash of the id) may be read when writing cues and
//! is part of the learned layer's customer training items (`support/learn.rs`); the
//! `held_out` half is only measured.

#![allow(dead_code)]

use crate::real::{
    CUSTOMER_FIELDS, LoadError, Rated, Rating, RealItem, Role, Selection, Split, root,
};
use empathy::token::{TokenKind, tokenize};
use serde::Deserialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A message's sentiment label as a number: negative −1, neutral 0, positive 1.
fn sentiment_value(label: &str) -> Option<i8> {
    match label {
        "negative" => Some(-1),
        "neutral" => Some(0),
        "positive" => Some(1),
        _ => None,
    }
}

/// One rater's record of one message.
#[derive(Debug, Clone)]
pub struct CustomerRating {
    pub rater: String,
    /// The [`CUSTOMER_FIELDS`], in that order (0–2).
    pub values: [u8; 9],
    /// −1 negative, 0 neutral, 1 positive.
    pub sentiment: i8,
    pub english: bool,
}

/// A message with its ratings.
#[derive(Debug, Clone)]
pub struct CustomerItem {
    pub id: String,
    pub industry: String,
    pub channel: String,
    pub text: String,
    pub split: Split,
    pub ratings: Vec<CustomerRating>,
}

impl CustomerItem {
    /// Whether the raters read it as mostly English (all of them).
    pub fn english(&self) -> bool {
        self.ratings.iter().all(|r| r.english)
    }

    /// The organisation the message is addressed to: its first `@handle`, else its industry
    /// (an e-mail or chat names no handle; counting its industry as one brand is the
    /// conservative reading for the learner's several-brands rule).
    pub fn brand(&self) -> String {
        tokenize(&self.text)
            .find(|t| t.kind == TokenKind::Mention)
            .map_or_else(
                || format!("industry:{}", self.industry),
                |t| t.text.to_lowercase(),
            )
    }

    /// The message as a customer utterance of a conversation of its own (`team/<id>`), with
    /// its ratings, so the learner reads it like a corpus message.
    pub fn as_real(&self) -> RealItem {
        RealItem {
            conv: format!("team/{}", self.id),
            pos: 0,
            role: Role::Customer,
            split: self.split,
            text: self.text.clone(),
            context: None,
            ratings: self
                .ratings
                .iter()
                .map(|r| Rating {
                    rater: r.rater.clone(),
                    values: r.values.to_vec(),
                    overall: 0,
                    english: r.english,
                })
                .collect(),
        }
    }
}

impl Rated for CustomerItem {
    /// The raters' mean of a field of [`CUSTOMER_FIELDS`], or of `sentiment` (−1…1).
    fn mean(&self, field: &str) -> f64 {
        let n = self.ratings.len().max(1) as f64;
        if field == "sentiment" {
            return self
                .ratings
                .iter()
                .map(|r| f64::from(r.sentiment))
                .sum::<f64>()
                / n;
        }
        let i = field_index(field);
        self.ratings
            .iter()
            .map(|r| f64::from(r.values[i]))
            .sum::<f64>()
            / n
    }

    /// Rater `i`'s value of a field (`sentiment` as 0 negative, 1 neutral, 2 positive).
    fn rater(&self, i: usize, field: &str) -> Option<u8> {
        let r = self.ratings.get(i)?;
        Some(if field == "sentiment" {
            (r.sentiment + 1) as u8
        } else {
            r.values[field_index(field)]
        })
    }

    fn text(&self) -> &str {
        &self.text
    }
}

fn field_index(field: &str) -> usize {
    CUSTOMER_FIELDS
        .iter()
        .position(|f| *f == field)
        .unwrap_or_else(|| panic!("{field} is not a customer field"))
}

/// The set: its messages in file order and the raters found.
pub struct CustomerSet {
    pub dir: PathBuf,
    pub raters: Vec<String>,
    pub items: Vec<CustomerItem>,
}

impl CustomerSet {
    pub fn select(&self, sel: Selection) -> Vec<&CustomerItem> {
        self.items
            .iter()
            .filter(|i| sel.contains(i.split))
            .collect()
    }
}

/// `data/eval/customers` in the crate.
pub fn customers_dir() -> PathBuf {
    root().join("data/eval/customers")
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageLine {
    id: String,
    industry: String,
    channel: String,
    text: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RatingLine {
    id: String,
    rater: String,
    frustration: u8,
    anger: u8,
    sadness: u8,
    anxiety: u8,
    confusion: u8,
    urgency: u8,
    gratitude: u8,
    relief: u8,
    distress: u8,
    sentiment: String,
    english: bool,
    #[serde(default)]
    #[allow(dead_code)]
    note: String,
}

fn read(path: &Path) -> Result<String, LoadError> {
    std::fs::read_to_string(path).map_err(|e| LoadError(format!("{}: {e}", path.display())))
}

/// Reads the set from [`customers_dir`].
pub fn load() -> Result<CustomerSet, LoadError> {
    load_from(&customers_dir())
}

/// Reads `dir/messages.jsonl` and every `dir/ratings/*.jsonl`; an unreadable or malformed
/// line, a rating of an unknown message, a value out of range or a message with fewer than
/// two raters is an error naming the file and the line.
pub fn load_from(dir: &Path) -> Result<CustomerSet, LoadError> {
    let messages = dir.join("messages.jsonl");
    let mut items = Vec::new();
    let mut index = HashMap::new();
    for (n, line) in read(&messages)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let m: MessageLine = serde_json::from_str(line)
            .map_err(|e| LoadError(format!("{}:{}: {e}", messages.display(), n + 1)))?;
        if index.insert(m.id.clone(), items.len()).is_some() {
            return Err(LoadError(format!(
                "{}:{}: id {} appears twice",
                messages.display(),
                n + 1,
                m.id
            )));
        }
        items.push(CustomerItem {
            split: Split::of_id(&m.id),
            id: m.id,
            industry: m.industry,
            channel: m.channel,
            text: m.text,
            ratings: Vec::new(),
        });
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("ratings"))
        .map_err(|e| LoadError(format!("{}: {e}", dir.join("ratings").display())))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    files.sort();
    let mut raters: Vec<String> = Vec::new();
    for file in &files {
        for (n, line) in read(file)?.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let at = || format!("{}:{}", file.display(), n + 1);
            let r: RatingLine =
                serde_json::from_str(line).map_err(|e| LoadError(format!("{}: {e}", at())))?;
            let Some(&i) = index.get(&r.id) else {
                return Err(LoadError(format!("{}: no message has id {}", at(), r.id)));
            };
            let values = [
                r.frustration,
                r.anger,
                r.sadness,
                r.anxiety,
                r.confusion,
                r.urgency,
                r.gratitude,
                r.relief,
                r.distress,
            ];
            if let Some(k) = values.iter().position(|&v| v > 2) {
                return Err(LoadError(format!(
                    "{}: {} is {}, not 0, 1 or 2",
                    at(),
                    CUSTOMER_FIELDS[k],
                    values[k]
                )));
            }
            let sentiment = sentiment_value(&r.sentiment).ok_or_else(|| {
                LoadError(format!(
                    "{}: sentiment {:?} is not negative, neutral or positive",
                    at(),
                    r.sentiment
                ))
            })?;
            let item = &mut items[i];
            if item.ratings.iter().any(|x| x.rater == r.rater) {
                return Err(LoadError(format!(
                    "{}: rater {} rated {} twice",
                    at(),
                    r.rater,
                    r.id
                )));
            }
            if !raters.contains(&r.rater) {
                raters.push(r.rater.clone());
            }
            item.ratings.push(CustomerRating {
                rater: r.rater,
                values,
                sentiment,
                english: r.english,
            });
        }
    }
    raters.sort();
    for item in &mut items {
        item.ratings.sort_by(|a, b| a.rater.cmp(&b.rater));
        if item.ratings.len() < 2 {
            return Err(LoadError(format!(
                "{}: message {} has {} rating(s); every message needs two raters",
                messages.display(),
                item.id,
                item.ratings.len()
            )));
        }
    }
    Ok(CustomerSet {
        dir: dir.to_path_buf(),
        raters,
        items,
    })
}
