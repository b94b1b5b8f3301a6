//! Tokenizer: tokens with byte spans into the caller's text, their kinds, sentence and clause
//! boundaries, and normalisation of words for matching.
//!
//! ASCII text takes a byte-level fast path; anything else goes through
//! [`unicode_segmentation`] word boundaries (UAX #29), so emoji sequences, combining marks and
//! non-Latin scripts stay whole.
//!
//! ```
//! use empathy::token::{tokenize, TokenKind};
//! let kinds: Vec<_> = tokenize("@acme Sorry! See https://x.io *TMB")
//!     .map(|t| (t.kind, t.text))
//!     .collect();
//! assert_eq!(kinds, vec![
//!     (TokenKind::Mention, "@acme"),
//!     (TokenKind::Word, "Sorry"),
//!     (TokenKind::Punct, "!"),
//!     (TokenKind::Word, "See"),
//!     (TokenKind::Url, "https://x.io"),
//!     (TokenKind::SignOff, "*TMB"),
//! ]);
//! ```

use crate::span::Span;
use crate::util::fold;
use crate::util::swar::{splat, zero_bytes};
use std::borrow::Cow;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TokenKind {
    /// Letters (with inner apostrophes and hyphens): `don't`, `follow-up`, `café`.
    Word,
    /// Digits, with inner `.`, `,` or `:`: `5`, `3.50`, `10:30`.
    Number,
    /// Punctuation: `.`, `?!`, `,`, `—`, `"`.
    Punct,
    /// An emoji or pictograph (a whole ZWJ sequence is one token).
    Emoji,
    /// `http://…`, `https://…`, `www.…`.
    Url,
    /// `@handle`.
    Mention,
    /// `#hashtag`.
    Hashtag,
    /// `name@example.com`.
    Email,
    /// An agent's initials sign-off: `*TMB`, `^JK`.
    SignOff,
    /// A line break (ends a sentence).
    LineBreak,
    /// Anything else (symbols, stray combining marks, control characters).
    Symbol,
}

impl TokenKind {
    /// Tokens that are not language: URLs, handles, hashtags, e-mails, sign-offs.
    pub const fn is_noise(self) -> bool {
        matches!(
            self,
            TokenKind::Url
                | TokenKind::Mention
                | TokenKind::Hashtag
                | TokenKind::Email
                | TokenKind::SignOff
        )
    }
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token<'a> {
    /// What it is.
    pub kind: TokenKind,
    /// Where it is (bytes, on char boundaries).
    pub span: Span,
    /// The text it covers.
    pub text: &'a str,
}

impl Token<'_> {
    /// Whether the token ends a sentence (`.`, `!`, `?`, `…`, a line break).
    pub fn is_sentence_end(&self) -> bool {
        match self.kind {
            TokenKind::LineBreak => true,
            TokenKind::Punct => self
                .text
                .chars()
                .any(|c| matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')),
            _ => false,
        }
    }

    /// Whether the token ends a clause (sentence ends, `,`, `;`, `:`, dashes, brackets).
    pub fn is_clause_break(&self) -> bool {
        self.is_sentence_end()
            || (self.kind == TokenKind::Punct
                && self.text.chars().any(|c| {
                    matches!(
                        c,
                        ',' | ';' | ':' | '—' | '–' | '(' | ')' | '[' | ']' | '、' | '，'
                    )
                }))
            || (self.kind == TokenKind::Punct && self.text == "-")
    }

    /// Whether the token is a question mark (or ends with one: `?!`).
    pub fn is_question_mark(&self) -> bool {
        self.kind == TokenKind::Punct && self.text.contains(['?', '？'])
    }
}

/// Splits `text` into tokens. Whitespace (other than line breaks) is skipped.
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// Iterator returned by [`tokenize`].
#[derive(Debug, Clone)]
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Tokens<'a> {
    /// Tokens of `text` from byte `pos` (a char boundary) on.
    pub(crate) fn from(text: &'a str, pos: usize) -> Tokens<'a> {
        Tokens { text, pos }
    }

    /// Where the next token is looked for.
    pub(crate) fn position(&self) -> usize {
        self.pos
    }
}

/// Combining marks that continue a word (the common blocks).
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0900..=0x0903 | 0x093A..=0x094F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
        | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

const fn is_ascii_word(b: u8) -> bool {
    b.is_ascii_alphanumeric()
}

impl<'a> Tokens<'a> {
    fn make(&self, kind: TokenKind, start: usize, end: usize) -> Token<'a> {
        Token {
            kind,
            span: Span::new(start, end),
            text: &self.text[start..end],
        }
    }

    /// End of a run of `[A-Za-z0-9_]` (plus non-ASCII letters) starting at `i`.
    fn handle_end(&self, mut i: usize) -> usize {
        let bytes = self.text.as_bytes();
        while i < bytes.len() {
            let b = bytes[i];
            if b.is_ascii_alphanumeric() || b == b'_' {
                i += 1;
            } else if b >= 0x80 {
                let c = self.text[i..].chars().next().unwrap_or(' ');
                if c.is_alphanumeric() || is_mark(c) {
                    i += c.len_utf8();
                } else {
                    break;
                }
            } else {
                break;
            }
        }
        i
    }

    /// End of a URL or e-mail: up to whitespace or a closing bracket/quote.
    fn link_end(&self, i: usize) -> usize {
        link_end(self.text, i, true)
    }

    /// Scans a word or number from `start` (an alphanumeric char).
    fn word(&self, start: usize) -> Token<'a> {
        let bytes = self.text.as_bytes();
        let numeric = bytes[start].is_ascii_digit();
        let mut i = start;
        loop {
            while i < bytes.len() && is_ascii_word(bytes[i]) {
                i += 1;
            }
            // Inner joiners: don't, follow-up, 3.50, 10:30.
            if i + 1 < bytes.len() && is_ascii_word(bytes[i + 1]) {
                let joiner = bytes[i];
                let ok = if numeric {
                    matches!(joiner, b'.' | b',' | b':') && bytes[i + 1].is_ascii_digit()
                } else {
                    matches!(joiner, b'\'' | b'-')
                };
                if ok {
                    i += 1;
                    continue;
                }
            }
            break;
        }
        if i < bytes.len() && bytes[i] >= 0x80 {
            // Non-ASCII continues the word (café, don’t): let UAX #29 decide where it ends.
            let seg_end = self.text[start..]
                .split_word_bound_indices()
                .next()
                .map_or(i, |(_, s)| start + s.len());
            i = i.max(seg_end);
        }
        // name@example.com
        if i + 1 < bytes.len() && bytes[i] == b'@' && is_ascii_word(bytes[i + 1]) {
            let end = self.link_end(i + 1);
            if self.text[i + 1..end].contains('.') {
                return self.make(TokenKind::Email, start, end);
            }
        }
        let kind = if numeric {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        self.make(kind, start, i)
    }

    fn starts_url(&self, i: usize) -> bool {
        starts_url(self.text.as_bytes(), i)
    }

    fn sign_off(&self, i: usize) -> Option<usize> {
        // *TMB, ^JK: 1–4 capitals after the marker, then a non-letter.
        let bytes = self.text.as_bytes();
        let mut j = i + 1;
        while j < bytes.len() && bytes[j].is_ascii_uppercase() && j - i <= 4 {
            j += 1;
        }
        let n = j - i - 1;
        let ends = j >= bytes.len() || !bytes[j].is_ascii_alphanumeric();
        ((1..=4).contains(&n) && ends).then_some(j)
    }
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    #[inline]
    fn next(&mut self) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        loop {
            let i = self.pos;
            let &b = bytes.get(i)?;
            let tok = if b < 0x80 {
                // Scanned once, before the match: its guard and its arm read the same end.
                let handle = if matches!(b, b'@' | b'#') {
                    self.handle_end(i + 1)
                } else {
                    i + 1
                };
                match b {
                    b'\n' => {
                        let mut j = i + 1;
                        while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                            j += 1;
                        }
                        // A line break also swallows the whitespace after it.
                        self.pos = j;
                        self.make(TokenKind::LineBreak, i, i + 1)
                    }
                    _ if b.is_ascii_whitespace() => {
                        self.pos += 1;
                        continue;
                    }
                    b'@' | b'#' if handle > i + 1 => {
                        let kind = if b == b'@' {
                            TokenKind::Mention
                        } else {
                            TokenKind::Hashtag
                        };
                        self.make(kind, i, handle)
                    }
                    b'h' | b'H' | b'w' | b'W' if self.starts_url(i) => {
                        self.make(TokenKind::Url, i, self.link_end(i))
                    }
                    _ if b.is_ascii_alphanumeric() => self.word(i),
                    b'*' | b'^' if self.sign_off(i).is_some() => {
                        let end = self.sign_off(i).unwrap_or(i + 1);
                        self.make(TokenKind::SignOff, i, end)
                    }
                    b'.' | b'!' | b'?' => {
                        let mut j = i + 1;
                        while j < bytes.len() && matches!(bytes[j], b'.' | b'!' | b'?') {
                            j += 1;
                        }
                        self.make(TokenKind::Punct, i, j)
                    }
                    b':' | b';' | b'=' | b'>' | b'<' if emoticon_end(bytes, i).is_some() => {
                        let end = emoticon_end(bytes, i).unwrap_or(i + 1);
                        self.make(TokenKind::Emoji, i, end)
                    }
                    _ if b.is_ascii_punctuation() => self.make(TokenKind::Punct, i, i + 1),
                    _ => self.make(TokenKind::Symbol, i, i + 1),
                }
            } else {
                let c = self.text[i..].chars().next()?;
                if c.is_whitespace() {
                    self.pos += c.len_utf8();
                    continue;
                }
                if c.is_alphanumeric() {
                    self.word(i)
                } else {
                    let seg = self.text[i..]
                        .split_word_bound_indices()
                        .next()
                        .map_or(c.len_utf8(), |(_, s)| s.len());
                    let kind = if fold::is_emoji(c) {
                        TokenKind::Emoji
                    } else if is_general_punct(c) {
                        TokenKind::Punct
                    } else {
                        TokenKind::Symbol
                    };
                    let end = if kind == TokenKind::Punct {
                        i + c.len_utf8()
                    } else {
                        i + seg.max(c.len_utf8())
                    };
                    self.make(kind, i, end)
                }
            };
            self.pos = self.pos.max(tok.span.end);
            return Some(tok);
        }
    }
}

/// The bytes that come second in some text emoticon (`(` of ":(", `3` of "<3"…).
const FACE_SECOND: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < fold::EMOTICONS.len() {
        t[fold::EMOTICONS[i].0.as_bytes()[1] as usize] = true;
        i += 1;
    }
    t
};

/// End of a text emoticon (":(", ">:(", "<3", see [`fold::EMOTICONS`]) starting at byte `i`,
/// if one does. It stands alone: after a space, a letter or the start ("thanks:)"), and
/// before a space, punctuation or the end, so "10:30", "C:/dir" and ":Dear" are no faces.
pub(crate) fn emoticon_end(bytes: &[u8], i: usize) -> Option<usize> {
    let rest = &bytes[i..];
    // Most `:` and `=` in text are followed by a space or a digit: no face starts there.
    if !rest.get(1).is_some_and(|&b| FACE_SECOND[b as usize]) {
        return None;
    }
    let face = fold::EMOTICONS
        .iter()
        .map(|(e, _)| e.as_bytes())
        .find(|e| rest.starts_with(e))?;
    if i > 0 && !(bytes[i - 1].is_ascii_whitespace() || bytes[i - 1].is_ascii_alphabetic()) {
        return None;
    }
    let mut end = i + face.len();
    let last = face[face.len() - 1];
    if matches!(last, b'(' | b')') {
        while bytes.get(end) == Some(&last) {
            end += 1;
        }
    }
    let stands_alone = bytes.get(end).is_none_or(|&b| {
        b.is_ascii_whitespace() || b >= 0x80 || matches!(b, b'.' | b',' | b'!' | b'?' | b';' | b'"')
    });
    stands_alone.then_some(end)
}

/// End of a URL or e-mail starting at `i`: up to whitespace or a closing bracket/quote.
/// `skip`: leap over eight bytes at a time where none can end the link (the byte-by-byte
/// scan, `skip == false`, is the reference the tests hold it to).
fn link_end(text: &str, mut i: usize, skip: bool) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        // Links are long: a fifth of the bytes of a customer-care corpus.
        while let Some(chunk) = bytes.get(i..i + 8).filter(|_| skip) {
            let x = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]);
            let stops = may_end_link(x);
            if stops != 0 {
                i += stops.trailing_zeros() as usize / 8;
                break;
            }
            i += 8;
        }
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        if b.is_ascii_whitespace() || matches!(b, b'"' | b'<' | b'>' | b')' | b']') {
            break;
        }
        if b >= 0x80 {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_whitespace() || matches!(c, '“' | '”' | '’' | '‘') || fold::is_emoji(c)
            {
                break;
            }
            i += c.len_utf8();
        } else {
            i += 1;
        }
    }
    // Trailing sentence punctuation is not part of the link.
    while i > 0 && matches!(bytes[i - 1], b'.' | b',' | b'!' | b'?' | b';' | b':') {
        i -= 1;
    }
    i
}

/// The high bit of each byte of `x` that may end a link: a control character or space,
/// a non-ASCII byte, or one of `" < > ) ]`. Exact for the lowest such byte, which is all
/// the caller reads (a borrow can only mark bytes above a marked one).
fn may_end_link(x: u64) -> u64 {
    let high = x & splat(0x80);
    let low7 = x & splat(0x7f);
    // 7-bit bytes of at most 0x20: adding 0x5f leaves their high bit clear.
    let control_or_space = !(low7 + splat(0x5f)) & splat(0x80) & !high;
    let special = [b'"', b'<', b'>', b')', b']']
        .iter()
        .fold(0, |m, &c| m | zero_bytes(x ^ splat(c)));
    high | control_or_space | special
}

/// Whether a link (`http://`, `https://`, `www.`) starts at byte `i`.
pub(crate) fn starts_url(bytes: &[u8], i: usize) -> bool {
    let rest = &bytes[i..];
    let has = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
    has(b"http://") || has(b"https://") || has(b"www.")
}

fn is_general_punct(c: char) -> bool {
    matches!(c as u32, 0x00A1..=0x00BF | 0x2010..=0x205E | 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20)
        || matches!(c, '«' | '»' | '¿' | '¡')
}

/// The sentences of `text`, as spans (a sentence ends at `.`, `!`, `?`, `…` or a line break).
///
/// ```
/// let text = "Sorry about that! What happened?\nThanks";
/// let s: Vec<_> = empathy::token::sentences(text).map(|sp| &text[sp.range()]).collect();
/// assert_eq!(s, ["Sorry about that!", "What happened?", "Thanks"]);
/// ```
pub fn sentences(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut toks = tokenize(text).peekable();
    std::iter::from_fn(move || {
        let first = loop {
            let t = toks.next()?;
            if t.kind != TokenKind::LineBreak {
                break t;
            }
        };
        let mut end = first.span.end;
        if first.is_sentence_end() {
            return Some(Span::new(first.span.start, end));
        }
        while let Some(t) = toks.peek().copied() {
            if t.kind == TokenKind::LineBreak {
                break;
            }
            toks.next();
            end = t.span.end;
            if t.is_sentence_end() {
                break;
            }
        }
        Some(Span::new(first.span.start, end))
    })
}

/// Normalises a word for matching: lower case, typographic apostrophes (’ ‘ ´ ʼ ‛ `) to `'`,
/// and contractions written without the apostrophe restored ("dont" → "don't").
///
/// ```
/// use empathy::token::normalize_word;
/// assert_eq!(normalize_word("Don’t"), "don't");
/// assert_eq!(normalize_word("IM"), "i'm");
/// assert_eq!(normalize_word("sorry"), "sorry");
/// ```
pub fn normalize_word(word: &str) -> Cow<'_, str> {
    let folded = fold::fold(word);
    match fold::full_spelling(&folded) {
        Some(full) => Cow::Borrowed(full),
        None => folded,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn link_end_skips_exactly(text in "[a-z/:.?=&%_0-9\\-]{0,40}[ \t\n\r\x0b\x01\x7f\"<>)\\]}’é😀\u{a0}]?[a-z/.0-9 ]{0,20}") {
            prop_assert_eq!(link_end(&text, 0, true), link_end(&text, 0, false));
        }
    }

    #[test]
    fn link_end_stops_where_it_did() {
        for text in [
            "https://example.com/a/b?c=d",
            "https://example.com/abcdefgh\u{1}ijklmnop qr",
            "www.example.com/abcdefghijklmnop)",
            "https://x.io/abcdefgh”more",
            "https://x.io/abcdefgh\u{a0}more",
            "https://x.io/abcdefghé/more more",
            "https://x.io/abcdefgh12345678.",
            "a.b@example.co.uk>",
        ] {
            assert_eq!(
                link_end(text, 0, true),
                link_end(text, 0, false),
                "{text:?}"
            );
        }
    }

    fn kinds(text: &str) -> Vec<(TokenKind, &str)> {
        tokenize(text).map(|t| (t.kind, t.text)).collect()
    }

    #[test]
    fn words_numbers_and_joiners() {
        assert_eq!(
            kinds("Don't follow-up 3.50 at 10:30."),
            vec![
                (TokenKind::Word, "Don't"),
                (TokenKind::Word, "follow-up"),
                (TokenKind::Number, "3.50"),
                (TokenKind::Word, "at"),
                (TokenKind::Number, "10:30"),
                (TokenKind::Punct, "."),
            ]
        );
    }

    #[test]
    fn noise_tokens() {
        assert_eq!(
            kinds("mail a.b@example.com or #help www.x.com/a, ^JK"),
            vec![
                (TokenKind::Word, "mail"),
                (TokenKind::Word, "a"),
                (TokenKind::Punct, "."),
                (TokenKind::Email, "b@example.com"),
                (TokenKind::Word, "or"),
                (TokenKind::Hashtag, "#help"),
                (TokenKind::Url, "www.x.com/a"),
                (TokenKind::Punct, ","),
                (TokenKind::SignOff, "^JK"),
            ]
        );
    }

    #[test]
    fn unicode_words_emoji_and_quotes() {
        assert_eq!(
            kinds("café don’t 😢 “ok”"),
            vec![
                (TokenKind::Word, "café"),
                (TokenKind::Word, "don’t"),
                (TokenKind::Emoji, "😢"),
                (TokenKind::Punct, "“"),
                (TokenKind::Word, "ok"),
                (TokenKind::Punct, "”"),
            ]
        );
    }

    #[test]
    fn text_emoticons_stand_alone() {
        assert_eq!(
            kinds("no :( thanks:) <3 >:((( 10:30 C:/x :Dear a<3b"),
            vec![
                (TokenKind::Word, "no"),
                (TokenKind::Emoji, ":("),
                (TokenKind::Word, "thanks"),
                (TokenKind::Emoji, ":)"),
                (TokenKind::Emoji, "<3"),
                (TokenKind::Emoji, ">:((("),
                (TokenKind::Number, "10:30"),
                (TokenKind::Word, "C"),
                (TokenKind::Punct, ":"),
                (TokenKind::Punct, "/"),
                (TokenKind::Word, "x"),
                (TokenKind::Punct, ":"),
                (TokenKind::Word, "Dear"),
                (TokenKind::Word, "a"),
                (TokenKind::Punct, "<"),
                (TokenKind::Number, "3b"),
            ]
        );
    }

    #[test]
    fn line_breaks_and_sentences() {
        let t = "Hi Sam\n\nSorry.  Really?!";
        let k = kinds(t);
        assert_eq!(k[2], (TokenKind::LineBreak, "\n"));
        assert_eq!(sentences(t).count(), 3);
    }

    #[test]
    fn spans_cover_text() {
        for text in [
            "",
            " ",
            "a",
            "é",
            "\u{301}",
            "🇫🇷👍🏽",
            "**",
            "@",
            "#",
            "x@y",
            "http://",
        ] {
            for t in tokenize(text) {
                assert_eq!(&text[t.span.range()], t.text);
                assert!(!t.text.is_empty());
            }
        }
    }
}
