//! The team's peer emotional-support set: `data/eval/peer/turns.jsonl`, turns of
//! conversations between a help-seeker and a volunteer supporter (not customer service),
//! written by the team. Each turn holds the seeker's message, the supporter's reply and the
//! one strategy its writer chose for the reply — as supporters label their own turns in
//! emotional-support chat sets — so the reply side can be measured in another domain:
//! questions, restatement, reflecting feelings, affirmation.
//!
//! Split by a hash of the id: the `train` half may be read when writing cues, the
//! `held_out` half is only measured.

#![allow(dead_code)]

use crate::real::{LoadError, Selection, Split, root};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// The strategies a supporter's turn is labelled with.
pub const STRATEGIES: [&str; 8] = [
    "question",
    "restatement",
    "reflection",
    "self_disclosure",
    "affirmation",
    "suggestion",
    "information",
    "other",
];

/// One turn: the seeker's message and the supporter's reply.
#[derive(Debug, Clone)]
pub struct PeerItem {
    pub id: String,
    pub seeker: String,
    pub reply: String,
    /// One of [`STRATEGIES`].
    pub strategy: &'static str,
    pub topic: String,
    pub split: Split,
}

/// The set, in file order.
pub struct PeerSet {
    pub path: PathBuf,
    pub items: Vec<PeerItem>,
}

impl PeerSet {
    pub fn select(&self, sel: Selection) -> Vec<&PeerItem> {
        self.items
            .iter()
            .filter(|i| sel.contains(i.split))
            .collect()
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TurnLine {
    id: String,
    seeker: String,
    reply: String,
    strategy: String,
    topic: String,
}

/// `data/eval/peer/turns.jsonl` in the crate.
pub fn peer_path() -> PathBuf {
    root().join("data/eval/peer/turns.jsonl")
}

/// Reads the set from [`peer_path`].
pub fn load() -> Result<PeerSet, LoadError> {
    load_from(&peer_path())
}

/// Reads a turns file; an unreadable or malformed line, an unknown strategy, an empty reply
/// or an id seen before is an error naming the file and the line.
pub fn load_from(path: &Path) -> Result<PeerSet, LoadError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| LoadError(format!("{}: {e}", path.display())))?;
    let mut items = Vec::new();
    let mut seen = HashSet::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let at = || format!("{}:{}", path.display(), n + 1);
        let t: TurnLine =
            serde_json::from_str(line).map_err(|e| LoadError(format!("{}: {e}", at())))?;
        let strategy = STRATEGIES
            .iter()
            .copied()
            .find(|s| *s == t.strategy)
            .ok_or_else(|| {
                LoadError(format!(
                    "{}: strategy {:?} is not one of {}",
                    at(),
                    t.strategy,
                    STRATEGIES.join(", ")
                ))
            })?;
        if t.reply.trim().is_empty() {
            return Err(LoadError(format!("{}: the reply is empty", at())));
        }
        if !seen.insert(t.id.clone()) {
            return Err(LoadError(format!("{}: id {} appears twice", at(), t.id)));
        }
        items.push(PeerItem {
            split: Split::of_id(&t.id),
            id: t.id,
            seeker: t.seeker,
            reply: t.reply,
            strategy,
            topic: t.topic,
        });
    }
    if items.is_empty() {
        return Err(LoadError(format!("{}: no turns", path.display())));
    }
    Ok(PeerSet {
        path: path.to_path_buf(),
        items,
    })
}
