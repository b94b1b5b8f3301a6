//! The small pattern language of lexicon entries: `(a|b c)`, `word?`, `(group)?`, `{class}`.
//!
//! Patterns are expanded into plain phrases when the lexicon is built, so matching stays a
//! single Aho–Corasick pass.

use std::collections::HashMap;

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
    Word(String),
    Alt(Vec<Seq>),
    Class(String),
}

/// Why a pattern could not be read or expanded.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PatternError {
    Malformed(String),
    BadChar(char),
    UnknownClass(String),
    TooMany,
}

/// Characters allowed inside a word.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\'' || c == '-'
}

pub(crate) fn parse(src: &str) -> Result<Seq, PatternError> {
    let chars: Vec<char> = src.chars().collect();
    let mut pos = 0;
    let seq = parse_seq(&chars, &mut pos, 0)?;
    if pos < chars.len() {
        return Err(PatternError::Malformed(format!(
            "unexpected {:?} at character {}",
            chars[pos],
            pos + 1
        )));
    }
    if seq.0.is_empty() {
        return Err(PatternError::Malformed("empty pattern".into()));
    }
    if seq.0.iter().all(|i| i.optional) {
        return Err(PatternError::Malformed(
            "every part is optional, so it could match nothing".into(),
        ));
    }
    Ok(seq)
}

const MAX_DEPTH: usize = 16;

fn parse_seq(chars: &[char], pos: &mut usize, depth: usize) -> Result<Seq, PatternError> {
    if depth > MAX_DEPTH {
        return Err(PatternError::Malformed("groups nested too deeply".into()));
    }
    let mut items = Vec::new();
    while *pos < chars.len() {
        let c = chars[*pos];
        match c {
            ' ' => *pos += 1,
            '|' | ')' => break,
            '(' => {
                *pos += 1;
                let mut alts = vec![parse_seq(chars, pos, depth + 1)?];
                loop {
                    match chars.get(*pos) {
                        Some('|') => {
                            *pos += 1;
                            alts.push(parse_seq(chars, pos, depth + 1)?);
                        }
                        Some(')') => {
                            *pos += 1;
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
                    optional: take_optional(chars, pos),
                });
            }
            '{' => {
                *pos += 1;
                let start = *pos;
                while *pos < chars.len() && chars[*pos] != '}' {
                    let ch = chars[*pos];
                    if !(ch.is_alphanumeric() || ch == '_') {
                        return Err(PatternError::Malformed(format!(
                            "bad character {ch:?} in class name"
                        )));
                    }
                    *pos += 1;
                }
                if *pos >= chars.len() {
                    return Err(PatternError::Malformed("unclosed '{'".into()));
                }
                let name: String = chars[start..*pos].iter().collect();
                *pos += 1;
                if name.is_empty() {
                    return Err(PatternError::Malformed("empty class name".into()));
                }
                items.push(Item {
                    node: Node::Class(name),
                    optional: take_optional(chars, pos),
                });
            }
            '?' => return Err(PatternError::Malformed("'?' with nothing before it".into())),
            '}' => return Err(PatternError::Malformed("unmatched '}'".into())),
            c if is_word_char(c) => {
                let start = *pos;
                while *pos < chars.len() && is_word_char(chars[*pos]) {
                    *pos += 1;
                }
                let word: String = chars[start..*pos].iter().collect();
                items.push(Item {
                    node: Node::Word(word),
                    optional: take_optional(chars, pos),
                });
            }
            other => return Err(PatternError::BadChar(other)),
        }
    }
    Ok(Seq(items))
}

fn take_optional(chars: &[char], pos: &mut usize) -> bool {
    if chars.get(*pos) == Some(&'?') {
        *pos += 1;
        true
    } else {
        false
    }
}

/// Expands a pattern into phrases (words joined by single spaces), at most `limit` of them.
pub(crate) fn expand(
    seq: &Seq,
    classes: &HashMap<String, Vec<String>>,
    limit: usize,
) -> Result<Vec<String>, PatternError> {
    let mut out = expand_seq(seq, classes, limit)?;
    out.retain(|s| !s.is_empty());
    out.sort();
    out.dedup();
    Ok(out)
}

fn expand_seq(
    seq: &Seq,
    classes: &HashMap<String, Vec<String>>,
    limit: usize,
) -> Result<Vec<String>, PatternError> {
    let mut acc = vec![String::new()];
    for item in &seq.0 {
        let mut options: Vec<String> = match &item.node {
            Node::Word(w) => vec![w.clone()],
            Node::Class(name) => classes
                .get(name)
                .cloned()
                .ok_or_else(|| PatternError::UnknownClass(name.clone()))?,
            Node::Alt(alts) => {
                let mut v = Vec::new();
                for a in alts {
                    v.extend(expand_seq(a, classes, limit)?);
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

/// Words whose apostrophe-less spelling is another common word, so no variant is generated.
const NO_BARE_SPELLING: &[&str] = &[
    "we'll", "we're", "i'll", "she'll", "he'll", "we'd", "she'd", "i'd", "it'll", "who're",
];

/// The spelling of `phrase` without apostrophes ("i'm sorry" → "im sorry"), if it differs and
/// is not ambiguous.
pub(crate) fn bare_spelling(phrase: &str) -> Option<String> {
    if !phrase.contains('\'') {
        return None;
    }
    let mut changed = false;
    let words: Vec<String> = phrase
        .split(' ')
        .map(|w| {
            if w.contains('\'') && !NO_BARE_SPELLING.contains(&w) && w.len() > 2 {
                changed = true;
                w.replace('\'', "")
            } else {
                w.to_string()
            }
        })
        .collect();
    changed.then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(p: &str) -> Vec<String> {
        let mut classes = HashMap::new();
        classes.insert("adj".to_string(), vec!["bad".into(), "really bad".into()]);
        expand(&parse(p).unwrap(), &classes, 100).unwrap()
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
        for p in ["(a|b", "a)", "(|a)", "{x", "?", "a ! b", "x?", "{}"] {
            assert!(parse(p).is_err(), "{p}");
        }
    }

    #[test]
    fn limits_expansions() {
        let classes = HashMap::new();
        let p = parse("(a|b|c|d) (a|b|c|d) (a|b|c|d) (a|b|c|d)").unwrap();
        assert_eq!(expand(&p, &classes, 100), Err(PatternError::TooMany));
    }

    #[test]
    fn bare_spellings() {
        assert_eq!(bare_spelling("i'm sorry").as_deref(), Some("im sorry"));
        assert_eq!(bare_spelling("we'll fix it"), None);
        assert_eq!(bare_spelling("sorry"), None);
    }
}
