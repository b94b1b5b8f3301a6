//! [`SharedStr`]: a string from the lexicon (a cue's pattern, a coaching message) that is cheap to
//! clone into every result.

use serde::{Deserialize, Serialize};
use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

/// An immutable string shared between the lexicon and the results that quote it
/// ([`crate::Evidence::cue`], [`crate::Suggestion::message`]).
///
/// It reads like a `&str` (it derefs to one, compares with one, prints and serializes as
/// one). Cloning text of the built-in lexicon copies a pointer; text of a custom lexicon
/// is reference-counted.
///
/// ```
/// let scorer = empathy::Scorer::default();
/// let a = scorer.score("I'm so sorry about that.");
/// let cue: &str = a.evidence[0].cue.as_deref().unwrap();
/// assert!(cue.contains("sorry"));
/// assert_eq!(empathy::SharedStr::from("sorry"), "sorry");
/// ```
#[derive(Clone)]
pub struct SharedStr(Repr);

/// The old name of [`SharedStr`] (it read like the input text, which it is not).
#[deprecated(since = "0.2.0", note = "renamed to `SharedStr`")]
pub type Text = SharedStr;

#[derive(Clone)]
enum Repr {
    /// Borrowed for the life of the process (the built-in lexicon is parsed once and kept,
    /// and clones of it borrow from that copy): cloning costs no atomic count.
    Static(&'static str),
    Shared(Arc<str>),
}

impl SharedStr {
    /// The text as a `&str`.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Static(s) => s,
            Repr::Shared(s) => s,
        }
    }

    /// The same text, borrowed from `self` for good: for text kept in a `static`.
    pub(crate) fn borrowed(&'static self) -> SharedStr {
        SharedStr(Repr::Static(self.as_str()))
    }
}

impl Deref for SharedStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&'static str> for SharedStr {
    fn from(s: &'static str) -> SharedStr {
        SharedStr(Repr::Static(s))
    }
}

impl From<String> for SharedStr {
    fn from(s: String) -> SharedStr {
        SharedStr(Repr::Shared(Arc::from(s)))
    }
}

impl From<Arc<str>> for SharedStr {
    fn from(s: Arc<str>) -> SharedStr {
        SharedStr(Repr::Shared(s))
    }
}

impl fmt::Debug for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for SharedStr {
    fn eq(&self, other: &SharedStr) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedStr {}

impl PartialEq<str> for SharedStr {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for SharedStr {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialOrd for SharedStr {
    fn partial_cmp(&self, other: &SharedStr) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SharedStr {
    fn cmp(&self, other: &SharedStr) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SharedStr {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Serialize for SharedStr {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for SharedStr {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<SharedStr, D::Error> {
        String::deserialize(d).map(SharedStr::from)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_and_shared_text_behave_alike() {
        let a = SharedStr::from("sorry");
        let b = SharedStr::from(String::from("sorry"));
        assert_eq!(a, b);
        assert_eq!(a, "sorry");
        assert_eq!(format!("{a} {b:?}"), "sorry \"sorry\"");
        let mut set = std::collections::HashSet::new();
        set.insert(a.clone());
        assert!(set.contains("sorry"));
        assert_eq!(serde_json::to_string(&b).unwrap(), "\"sorry\"");
        let back: SharedStr = serde_json::from_str("\"sorry\"").unwrap();
        assert_eq!(back, a);
    }
}
