//! The one normalisation of a word, used alike by the lexicon reader (its phrases), the
//! vocabulary lookup (every token of a text) and the customer's content words: lower case,
//! every typographic apostrophe straightened, contractions in both spellings, and emoji read
//! without their skin tone and presentation selector (so "👍🏽" is "👍" and "❤️" is "❤"). Two
//! habits of informal writing are read through as well: a text emoticon stands for the emoji
//! it draws (":(" is "🙁"), and a stretched word ("sooo", "pleaseee") is looked up squeezed.

use std::borrow::Cow;

/// Whether `c` is written for an apostrophe: ’ ‘ ´ ʼ ‛ and the backtick.
#[inline]
pub(crate) const fn is_apostrophe_like(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2019}' | '\u{2018}' | '\u{00B4}' | '\u{02BC}' | '\u{201B}' | '`'
    )
}

/// Whether `c` is part of an emoji or pictograph (with its joiners, selectors and tags).
pub(crate) const fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF
        | 0xFE0F | 0x200D | 0x3030 | 0x303D | 0xE0020..=0xE007F)
}

/// What an emoji keeps of `c` in the fold: skin tones and the text/emoji presentation
/// selectors are dropped, so one lexicon entry covers every variant.
#[inline]
const fn is_emoji_variant(c: char) -> bool {
    matches!(c as u32, 0xFE0E | 0xFE0F | 0x1F3FB..=0x1F3FF)
}

/// Appends `c` folded: apostrophe-like characters become `'`, letters lower case, emoji
/// variants (skin tones, presentation selectors) nothing.
#[inline]
pub(crate) fn push_folded(out: &mut String, c: char) {
    if is_emoji_variant(c) {
        return;
    }
    if is_apostrophe_like(c) {
        out.push('\'');
    } else if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// `text` with every emoji standing as a word of its own ("sorry😢😢" → "sorry 😢 😢"),
/// as the tokenizer reads it; a joined sequence (👨‍👩‍👧) stays one word.
pub(crate) fn space_emoji(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_emoji) {
        return Cow::Borrowed(text);
    }
    const ZWJ: char = '\u{200D}';
    let mut out = String::with_capacity(text.len() + 8);
    let (mut prev, mut in_emoji) = (' ', false);
    for c in text.chars() {
        if is_emoji(c) {
            let joined = prev == ZWJ || c == ZWJ || matches!(c as u32, 0xE0020..=0xE007F);
            if !joined {
                out.push(' ');
            }
            in_emoji = true;
        } else if in_emoji {
            out.push(' ');
            in_emoji = false;
        }
        out.push(c);
        prev = c;
    }
    Cow::Owned(out)
}

/// Text emoticons and the emoji each stands for, longest first where one starts another.
/// Read as that emoji, an emoticon meets the lexicon's emoji cues: one list of feelings.
/// (A closing bracket may repeat: ":(((" is ":(".)
pub(crate) const EMOTICONS: &[(&str, &str)] = &[
    (">:-(", "😠"),
    (">:(", "😠"),
    (":'-(", "😢"),
    (":'(", "😢"),
    (":-(", "🙁"),
    (":-[", "🙁"),
    (":-/", "😕"),
    (":-|", "😐"),
    (":-)", "🙂"),
    (":-D", "😀"),
    (":-P", "😛"),
    (";-)", "😉"),
    (":(", "🙁"),
    (":[", "🙁"),
    ("=(", "🙁"),
    (":@", "😠"),
    (":/", "😕"),
    (":\\", "😕"),
    (":|", "😐"),
    (":)", "🙂"),
    (":]", "🙂"),
    ("=)", "🙂"),
    (":D", "😀"),
    ("=D", "😀"),
    (":P", "😛"),
    (":p", "😛"),
    (";)", "😉"),
    ("<3", "❤"),
];

/// The emoji an emoticon token (as the tokenizer cut it) stands for.
pub(crate) fn emoticon(text: &str) -> Option<&'static str> {
    // ":(((" is ":(": a repeated bracket counts once.
    let trimmed = text.trim_end_matches(['(', ')']).len();
    let base = &text[..(trimmed + 1).min(text.len())];
    EMOTICONS
        .iter()
        .find_map(|&(e, emoji)| (e == base).then_some(emoji))
}

/// Whether a word is stretched: one letter three times in a row ("sooo", "pleaseee").
#[inline]
pub(crate) fn is_stretched(word: &[u8]) -> bool {
    word.windows(3)
        .any(|w| w[0] == w[1] && w[1] == w[2] && w[0].is_ascii_alphabetic())
}

/// Appends `word` folded, with every run of three or more of one letter cut to `keep`
/// letters: a stretched word is looked up as "soo" and then "so" ("gooood" is "good",
/// "sorryyy" is "sorry": a double letter of the word itself stays).
pub(crate) fn push_squeezed(out: &mut String, word: &str, keep: usize) {
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        let mut run = 1;
        while chars.next_if_eq(&c).is_some() {
            run += 1;
        }
        let n = if run >= 3 && c.is_alphabetic() {
            keep
        } else {
            run
        };
        for _ in 0..n {
            push_folded(out, c);
        }
    }
}

/// `text` folded (see [`push_folded`]); borrowed when it is folded already.
pub(crate) fn fold(text: &str) -> Cow<'_, str> {
    let plain = text
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase() && b != b'`');
    if plain {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(&mut out, c);
    }
    Cow::Owned(out)
}

/// Contractions whose apostrophe-less spelling is another common word: never read bare.
const NO_BARE_SPELLING: &[&str] = &[
    "we'll", "we're", "i'll", "she'll", "he'll", "we'd", "she'd", "i'd", "it'll", "who're",
];

/// The spelling of a word without apostrophes ("i'm" → "im"), if it differs and is not
/// ambiguous; the matcher reads such a spelling as the full word.
pub(crate) fn bare_spelling(word: &str) -> Option<String> {
    (word.contains('\'') && !NO_BARE_SPELLING.contains(&word) && word.len() > 2)
        .then(|| word.replace('\'', ""))
}

/// The full spelling of a contraction commonly written without the apostrophe, for text
/// read outside the vocabulary (the customer's content words). Every pair is the inverse of
/// [`bare_spelling`] (a test holds it to that).
pub(crate) fn full_spelling(bare: &str) -> Option<&'static str> {
    Some(match bare {
        "arent" => "aren't",
        "cant" => "can't",
        "couldnt" => "couldn't",
        "didnt" => "didn't",
        "doesnt" => "doesn't",
        "dont" => "don't",
        "hasnt" => "hasn't",
        "havent" => "haven't",
        "im" => "i'm",
        "isnt" => "isn't",
        "ive" => "i've",
        "shouldnt" => "shouldn't",
        "thats" => "that's",
        "theyre" => "they're",
        "wasnt" => "wasn't",
        "werent" => "weren't",
        "weve" => "we've",
        "whats" => "what's",
        "wont" => "won't",
        "wouldnt" => "wouldn't",
        "youll" => "you'll",
        "youre" => "you're",
        "youve" => "you've",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const BARE: &[&str] = &[
        "arent", "cant", "couldnt", "didnt", "doesnt", "dont", "hasnt", "havent", "im", "isnt",
        "ive", "shouldnt", "thats", "theyre", "wasnt", "werent", "weve", "whats", "wont",
        "wouldnt", "youll", "youre", "youve",
    ];

    #[test]
    fn full_and_bare_spellings_are_inverse() {
        for bare in BARE {
            let full = full_spelling(bare).unwrap();
            assert_eq!(bare_spelling(full).as_deref(), Some(*bare), "{full}");
        }
        assert_eq!(full_spelling("well"), None);
        assert_eq!(bare_spelling("we'll"), None);
        assert_eq!(bare_spelling("sorry"), None);
    }

    #[test]
    fn folds_case_and_every_apostrophe() {
        for a in ['\'', '’', '‘', '´', 'ʼ', '‛', '`'] {
            assert_eq!(fold(&format!("Don{a}T")), "don't");
        }
        assert_eq!(fold("ÉCOLE"), "école");
        assert!(matches!(fold("plain words"), Cow::Borrowed(_)));
    }
}
