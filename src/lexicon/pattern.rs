//! The small pattern language of lexicon entries: `(a|b c)`, `word?`, `(group)?`, `{class}`.
//!
//! Patterns are never expanded for matching: they compile into one word-level automaton
//! (see `automaton`), so an entry with thousands of phrasings costs a handful of states.

use std::collections::HashMap;
use std::sync::Arc;

/// A parsed pattern: a sequence of items.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Seq(Vec<Item>);

#[derive(Debug, Clone, PartialEq)]
struct Item {
    node: Node,
    optional: bool,
}

#[derive(Debug, Clone, PartialEq)]
enum Node {
    Word(Box<str>),
    Alt(Vec<Seq>),
    /// A `{class}` reference, before [`resolve`].
    Class(String),
    /// A class's phrases, after [`resolve`] (shared with every other use of the class).
    Phrases(Arc<[Box<str>]>),
}

/// Why a pattern could not be read or expanded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PatternError {
    Malformed(String),
    BadChar(char),
    UnknownClass(String),
    TooMany,
}

/// Characters allowed inside a word (an emoji is a word of its own: the lexicon reader
/// spaces it from its neighbours).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '-' || crate::util::fold::is_emoji(c)
}

pub(crate) fn parse(src: &str) -> Result<Seq, PatternError> {
    let mut cur = Cursor { src, pos: 0 };
    let seq = parse_seq(&mut cur, 0)?;
    if let Some(c) = cur.peek() {
        return Err(PatternError::Malformed(format!(
            "unexpected {c:?} at character {}",
            src[..cur.pos].chars().count() + 1
        )));
    }
    if seq.0.is_empty() {
        return Err(PatternError::Malformed("empty pattern".into()));
    }
    if nullable(&seq) {
        return Err(PatternError::Malformed(
            "every part is optional, so it could match nothing".into(),
        ));
    }
    Ok(seq)
}

const MAX_DEPTH: usize = 16;

/// Where the parser is in a pattern: a byte offset on a char boundary. Words are sliced
/// straight out of the source (no per-char copies).
struct Cursor<'a> {
    src: &'a str,
    pos: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        match *self.src.as_bytes().get(self.pos)? {
            b if b.is_ascii() => Some(char::from(b)),
            _ => self.src[self.pos..].chars().next(),
        }
    }

    fn bump(&mut self, c: char) {
        self.pos += c.len_utf8();
    }

    /// Takes a `?` after an item: whether the item is optional.
    fn optional(&mut self) -> bool {
        let q = self.peek() == Some('?');
        if q {
            self.bump('?');
        }
        q
    }

    /// The run of characters from here that satisfy `f`.
    fn take_while(&mut self, f: impl Fn(char) -> bool) -> &str {
        let start = self.pos;
        while let Some(c) = self.peek().filter(|&c| f(c)) {
            self.bump(c);
        }
        &self.src[start..self.pos]
    }
}

fn parse_seq(cur: &mut Cursor<'_>, depth: usize) -> Result<Seq, PatternError> {
    if depth > MAX_DEPTH {
        return Err(PatternError::Malformed("groups nested too deeply".into()));
    }
    let mut items = Vec::new();
    while let Some(c) = cur.peek() {
        match c {
            ' ' => cur.bump(c),
            '|' | ')' => break,
            '(' => {
                cur.bump(c);
                let mut alts = vec![parse_seq(cur, depth + 1)?];
                loop {
                    match cur.peek() {
                        Some('|') => {
                            cur.bump('|');
                            alts.push(parse_seq(cur, depth + 1)?);
                        }
                        Some(')') => {
                            cur.bump(')');
                            break;
                        }
                        _ => return Err(PatternError::Malformed("unclosed '('".into())),
                    }
                }
                if alts.iter().any(|a| a.0.is_empty()) {
                    return Err(PatternError::Malformed(
                        "empty alternative (use '?' to make a part optional)".into(),
                    ));
                }
                items.push(Item {
                    node: Node::Alt(alts),
                    optional: cur.optional(),
                });
            }
            '{' => {
                cur.bump(c);
                let name = cur.take_while(|c| c != '}').to_owned();
                if let Some(ch) = name.chars().find(|&c| !(c.is_alphanumeric() || c == '_')) {
                    return Err(PatternError::Malformed(format!(
                        "bad character {ch:?} in class name"
                    )));
                }
                if cur.peek().is_none() {
                    return Err(PatternError::Malformed("unclosed '{'".into()));
                }
                cur.bump('}');
                if name.is_empty() {
                    return Err(PatternError::Malformed("empty class name".into()));
                }
                items.push(Item {
                    node: Node::Class(name),
                    optional: cur.optional(),
                });
            }
            '?' => return Err(PatternError::Malformed("'?' with nothing before it".into())),
            '}' => return Err(PatternError::Malformed("unmatched '}'".into())),
            c if is_word_char(c) => {
                let word = Box::from(cur.take_while(is_word_char));
                items.push(Item {
                    node: Node::Word(word),
                    optional: cur.optional(),
                });
            }
            other => return Err(PatternError::BadChar(other)),
        }
    }
    Ok(Seq(items))
}

/// The phrases of every class, by name (each phrase is words joined by single spaces).
pub(crate) type Classes = HashMap<String, Arc<[Box<str>]>>;

/// Replaces every `{class}` by the class's phrases, so the pattern stands alone.
pub(crate) fn resolve(seq: &mut Seq, classes: &Classes) -> Result<(), PatternError> {
    for item in &mut seq.0 {
        match &mut item.node {
            Node::Word(_) | Node::Phrases(_) => {}
            Node::Alt(alts) => {
                for a in alts {
                    resolve(a, classes)?;
                }
            }
            Node::Class(name) => {
                let phrases = classes
                    .get(name.as_str())
                    .ok_or_else(|| PatternError::UnknownClass(name.clone()))?;
                item.node = Node::Phrases(phrases.clone());
            }
        }
    }
    Ok(())
}

/// Whether the pattern can match no words at all.
pub(crate) fn nullable(seq: &Seq) -> bool {
    seq.0.iter().all(|item| {
        item.optional
            || match &item.node {
                Node::Alt(alts) => alts.iter().any(nullable),
                Node::Word(_) | Node::Class(_) | Node::Phrases(_) => false,
            }
    })
}

/// How many phrases the (resolved) pattern expands to, saturating at `limit + 1`.
pub(crate) fn count(seq: &Seq, limit: usize) -> usize {
    let mut total = 1usize;
    for item in &seq.0 {
        let n = match &item.node {
            Node::Word(_) => 1,
            Node::Class(_) => 1,
            Node::Phrases(p) => p.len(),
            Node::Alt(alts) => alts
                .iter()
                .fold(0usize, |acc, a| acc.saturating_add(count(a, limit))),
        } + usize::from(item.optional);
        total = total.saturating_mul(n).min(limit + 1);
    }
    total
}

/// Expands a resolved pattern into its phrases (words joined by single spaces), at most
/// `limit` of them. Matching never does this; it is for inspection and tests.
pub(crate) fn expand(seq: &Seq, limit: usize) -> Result<Vec<String>, PatternError> {
    let mut out = expand_seq(seq, limit)?;
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    Ok(out)
}

fn expand_seq(seq: &Seq, limit: usize) -> Result<Vec<String>, PatternError> {
    let mut acc = vec![String::new()];
    for item in &seq.0 {
        let mut options: Vec<String> = match &item.node {
            Node::Word(w) => vec![w.to_string()],
            Node::Phrases(p) => p.iter().map(|s| s.to_string()).collect(),
            Node::Class(name) => return Err(PatternError::UnknownClass(name.clone())),
            Node::Alt(alts) => {
                let mut v = Vec::new();
                for a in alts {
                    v.extend(expand_seq(a, limit)?);
                    if v.len() > limit {
                        return Err(PatternError::TooMany);
                    }
                }
                v
            }
        };
        if item.optional {
            options.push(String::new());
        }
        if acc.len().saturating_mul(options.len()) > limit {
            return Err(PatternError::TooMany);
        }
        let mut next = Vec::with_capacity(acc.len() * options.len());
        for prefix in &acc {
            for opt in &options {
                let mut s = prefix.clone();
                if !s.is_empty() && !opt.is_empty() {
                    s.push(' ');
                }
                s.push_str(opt);
                next.push(s);
            }
        }
        acc = next;
    }
    Ok(acc)
}

/// The pieces of a resolved pattern, for compiling it into an automaton.
pub(crate) enum Part<'a> {
    /// One word.
    Word(&'a str),
    /// One of several phrases (a class): each is words joined by single spaces.
    Phrases(&'a [Box<str>]),
    /// One of several sequences.
    Alt(&'a [Seq]),
}

impl Seq {
    /// The items of the pattern: each part and whether it is optional.
    pub(crate) fn items(&self) -> impl Iterator<Item = (Part<'_>, bool)> {
        self.0.iter().map(|item| {
            let part = match &item.node {
                Node::Word(w) => Part::Word(w),
                Node::Phrases(p) => Part::Phrases(p),
                Node::Alt(a) => Part::Alt(a),
                // Unresolved classes never reach the compiler: `resolve` runs at parse time.
                Node::Class(_) => Part::Phrases(&[]),
            };
            (part, item.optional)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(p: &str) -> Vec<String> {
        let mut classes = Classes::new();
        classes.insert(
            "adj".to_string(),
            Arc::from(vec!["bad".into(), "really bad".into()]),
        );
        let mut seq = parse(p).unwrap();
        resolve(&mut seq, &classes).unwrap();
        assert_eq!(count(&seq, 100), expand(&seq, 100).unwrap().len(), "{p}");
        expand(&seq, 100).unwrap()
    }

    #[test]
    fn expands_alternatives_optionals_and_classes() {
        assert_eq!(ex("a (b|c d)"), vec!["a b", "a c d"]);
        assert_eq!(ex("so? sorry"), vec!["so sorry", "sorry"]);
        assert_eq!(ex("(very|so)? {adj}").len(), 6);
        assert_eq!(ex("((a|b) c|d)"), vec!["a c", "b c", "d"]);
    }

    #[test]
    fn rejects_malformed() {
        for p in [
            "(a|b", "a)", "(|a)", "{x", "?", "a ! b", "x?", "{}", "(a?|b)", "(a b?)?",
        ] {
            assert!(parse(p).is_err(), "{p}");
        }
        let mut seq = parse("{nope} x").unwrap();
        assert_eq!(
            resolve(&mut seq, &Classes::new()),
            Err(PatternError::UnknownClass("nope".into()))
        );
    }

    #[test]
    fn errors_count_characters_not_bytes() {
        assert_eq!(
            parse("café ) x"),
            Err(PatternError::Malformed(
                "unexpected ')' at character 6".into()
            ))
        );
        assert_eq!(parse("naïve (a|b)? x").map(|s| s.0.len()), Ok(3));
    }

    #[test]
    fn limits_expansions() {
        let p = parse("(a|b|c|d) (a|b|c|d) (a|b|c|d) (a|b|c|d)").unwrap();
        assert_eq!(expand(&p, 100), Err(PatternError::TooMany));
        assert_eq!(count(&p, 100), 101);
        assert_eq!(count(&p, 1000), 256);
    }
}
