//! Message templates from the lexicon: text with `{name}` placeholders, checked once when
//! the lexicon is read and filled when a message is made.

use std::fmt::{Display, Write};

/// The placeholders of `template`, in order (`None` for an unclosed `{`).
pub(crate) fn placeholders(template: &str) -> Option<Vec<&str>> {
    let mut out = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let close = rest[open..].find('}')? + open;
        out.push(&rest[open + 1..close]);
        rest = &rest[close + 1..];
    }
    Some(out)
}

/// `template` with each `{name}` replaced by its value (a name not in `values` stays as is).
pub(crate) fn fill(template: &str, values: &[(&str, &dyn Display)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| c + open) else {
            break;
        };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, v)) => {
                let _ = write!(out, "{v}");
            }
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_and_lists_placeholders() {
        let t = "{who} waited {n} minutes";
        assert_eq!(placeholders(t), Some(vec!["who", "n"]));
        assert_eq!(
            fill(t, &[("who", &"Ana"), ("n", &40)]),
            "Ana waited 40 minutes"
        );
        assert_eq!(fill("{x} stays", &[]), "{x} stays");
        assert_eq!(placeholders("open {brace"), None);
    }
}
