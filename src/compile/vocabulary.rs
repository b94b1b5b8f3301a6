//! The lexicon's vocabulary: every word of every pattern gets a dense ID, and a text's
//! tokens are looked up in it once each (most as one integer hash, no string compare).

use crate::text::segment::{NO_WORD, WordId};
use crate::util::swar::{ascii_key, pack};
use crate::util::{fold, hash};
use rustc_hash::FxHashMap;

/// The lexicon's words, with their apostrophe-less spellings ("im" reads as "i'm").
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocabulary {
    /// Every word, while the matcher is built.
    pub(crate) ids: FxHashMap<Box<str>, WordId>,
    /// Words of up to 8 bytes (most words), packed into an integer (zero-padded): the
    /// lookup of almost every token is one integer hash, with no string comparison.
    pub(crate) short: ShortWords,
    /// Words of 9 to 16 bytes, packed the same way.
    pub(crate) medium: FxHashMap<u128, WordId>,
    /// Longer words.
    pub(crate) long: FxHashMap<Box<str>, WordId>,
    /// Per word ID: the word is a contraction (has an apostrophe).
    pub(crate) contracted: Vec<bool>,
    /// No word is longer than this (in bytes), so longer tokens need no lookup.
    pub(crate) longest: usize,
}

impl Vocabulary {
    pub(crate) fn intern(&mut self, word: &str) -> WordId {
        if let Some(&id) = self.ids.get(word) {
            return id;
        }
        let id = self.contracted.len() as WordId;
        self.ids.insert(word.into(), id);
        self.contracted.push(word.contains('\''));
        self.longest = self.longest.max(word.len());
        id
    }

    /// Adds the apostrophe-less spelling of each contraction (unless it is a word itself)
    /// and builds the lookup tables.
    pub(crate) fn freeze(&mut self) {
        let bare: Vec<(String, WordId)> = self
            .ids
            .iter()
            .filter_map(|(w, &id)| fold::bare_spelling(w).map(|b| (b, id)))
            .collect();
        for (b, id) in bare {
            self.ids.entry(b.into()).or_insert(id);
        }
        for (w, &id) in &self.ids {
            if w.len() > 16 {
                self.long.insert(w.clone(), id);
            } else if w.len() > 8 {
                self.medium.insert(pack(w.as_bytes()), id);
            }
        }
        let short = self.ids.iter().filter(|(w, _)| w.len() <= 8);
        self.short = ShortWords::new(short.map(|(w, &id)| (pack(w.as_bytes()) as u64, id)));
        self.ids = FxHashMap::default();
    }

    fn get_packed(&self, len: usize, key: u128) -> WordId {
        if len <= 8 {
            self.short.get(key as u64)
        } else {
            self.medium.get(&key).copied().unwrap_or(NO_WORD)
        }
    }

    /// The ID of the token `text[start..end]`: lower-cased, typographic apostrophes
    /// straightened.
    #[inline]
    pub(crate) fn lookup(
        &self,
        text: &str,
        start: usize,
        end: usize,
        scratch: &mut String,
    ) -> WordId {
        let len = end - start;
        if len > self.longest * 2 + 8 {
            return NO_WORD;
        }
        if len <= 16
            && let Some(key) = ascii_key(text.as_bytes(), start, end)
        {
            return self.get_packed(len, key);
        }
        let word = &text[start..end];
        scratch.clear();
        for c in word.chars() {
            fold::push_folded(scratch, c);
        }
        if scratch.len() <= 16 {
            self.get_packed(scratch.len(), pack(scratch.as_bytes()))
        } else {
            self.long.get(scratch.as_str()).copied().unwrap_or(NO_WORD)
        }
    }
}

/// An open-addressing table from words of up to 8 bytes (packed; never 0) to their IDs.
#[derive(Debug, Clone, Default)]
pub(crate) struct ShortWords {
    /// Packed words; 0 is an empty slot.
    pub(crate) keys: Vec<u64>,
    ids: Vec<WordId>,
    /// The log2 of the table size.
    bits: u32,
}

impl ShortWords {
    fn new(words: impl Iterator<Item = (u64, WordId)> + Clone) -> ShortWords {
        // A quarter full: most tokens of a text are not in the vocabulary, and a miss probes
        // until an empty slot.
        let size = (words.clone().count() * 4).next_power_of_two().max(2);
        let mut t = ShortWords {
            keys: vec![0; size],
            ids: vec![NO_WORD; size],
            bits: size.trailing_zeros(),
        };
        for (key, id) in words {
            let mut i = t.slot(key);
            while t.keys[i] != 0 {
                i = (i + 1) & (size - 1);
            }
            t.keys[i] = key;
            t.ids[i] = id;
        }
        t
    }

    #[inline]
    fn slot(&self, key: u64) -> usize {
        hash::slot(key, self.bits)
    }

    #[inline]
    pub(crate) fn get(&self, key: u64) -> WordId {
        if self.keys.is_empty() {
            return NO_WORD;
        }
        let mask = self.keys.len() - 1;
        let mut i = self.slot(key);
        loop {
            let k = self.keys[i];
            if k == key {
                return self.ids[i];
            }
            if k == 0 {
                return NO_WORD;
            }
            i = (i + 1) & mask;
        }
    }
}
