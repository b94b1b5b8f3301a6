//! The segmenter: one pass over the bytes gives the shape of a text that matching and the
//! context rules need — its word-like tokens with their sentence and clause, which
//! sentences are questions, what is quoted — and each word its vocabulary ID as it is read.
//! Plain ASCII runs are read eight bytes at a time; links, handles and anything non-ASCII go
//! through the public [tokenizer](super::token), so the result is exactly the tokenizer's.

use super::token::{self, Token, TokenKind, Tokens};
use crate::util::fold;
use crate::util::swar::{ascii_in, load8, splat};

/// A word ID in a matcher's vocabulary. IDs are dense, from 0.
pub(crate) type WordId = u32;

/// A word that is in no pattern (or a token that is not a word).
pub(crate) const NO_WORD: WordId = u32::MAX;

pub(crate) const FIRST_IN_CLAUSE: u8 = 1;
pub(crate) const QUOTED: u8 = 2;
pub(crate) const ALL_CAPS: u8 = 4;
pub(crate) const CAPITALIZED: u8 = 8;
/// Punctuation or a line break comes between this token and the one before: no phrase
/// runs across it.
pub(crate) const BREAK_BEFORE: u8 = 16;

/// A word-like token (punctuation is folded into sentence and clause numbers).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub(crate) start: u32,
    pub(crate) end: u32,
    pub(crate) kind: TokenKind,
    pub(crate) sentence: u32,
    pub(crate) clause: u32,
    /// The word's ID in the matcher's vocabulary (`NO_WORD` if it has none or is no word).
    pub(crate) word: WordId,
    pub(crate) flags: u8,
}

impl Tok {
    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sentence {
    /// Index of its first token (its tokens run up to the next sentence's first).
    pub(crate) first: u32,
    pub(crate) question: bool,
    pub(crate) exclaims: u8,
    pub(crate) first_contrast: Option<usize>,
    pub(crate) last_contrast: Option<usize>,
    pub(crate) data_request: bool,
}

/// A segmented text (reused between texts: its vectors keep their capacity).
#[derive(Debug, Default, Clone)]
pub(crate) struct Segments {
    pub(crate) toks: Vec<Tok>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) words: usize,
    /// Links (`http…`, `www.…`) in the text: a reply that points to one reads differently.
    pub(crate) links: usize,
    /// Scratch space for lower-casing non-ASCII words.
    scratch: String,
    /// Scratch space for a stretched word squeezed ("sooo" → "so").
    squeezed: String,
}

/// A vocabulary: the segmenter gives each word its ID as it reads it.
pub(crate) trait Words {
    /// The ID of the word or number `text[start..end]` (`NO_WORD` if unknown).
    fn id(&self, text: &str, start: usize, end: usize, scratch: &mut String) -> WordId;

    /// The ID of an ASCII word of at most 8 bytes, lower-cased and packed little-endian
    /// into an integer (zero-padded).
    fn short_id(&self, key: u64) -> WordId;

    /// Whether a hashtag of one word is read as that word ("#fail" as "fail").
    fn reads_hashtags(&self) -> bool;
}

/// Where the layout pass is: sentence and clause numbers, quoting, line starts.
#[derive(Debug, Clone, Copy)]
struct Cursor {
    sentence: u32,
    clause: u32,
    /// Has the current clause a word yet?
    clause_open: bool,
    sentence_open: bool,
    in_quote: bool,
    line_quoted: bool,
    line_start: bool,
    /// Punctuation since the last word-like token?
    broken: bool,
    /// Words and numbers so far (kept here, in a register, not in the layout).
    words: usize,
}

// Byte classes of the ASCII fast path.
const ALNUM: u8 = 1;
const UPPER: u8 = 2;
const LOWER: u8 = 4;
/// Space, tab, carriage return, form feed (a line feed is a token).
const SPACE: u8 = 8;
const NEWLINE: u8 = 16;
/// `.`, `!`, `?`: runs of them are one token.
const STOP: u8 = 32;
/// Other ASCII punctuation that is always a one-byte token (not `@ # * ^`, which may start
/// a handle or a sign-off).
const PUNCT: u8 = 64;

const CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = if c.is_ascii_uppercase() {
            ALNUM | UPPER
        } else if c.is_ascii_lowercase() {
            ALNUM | LOWER
        } else if c.is_ascii_digit() {
            ALNUM
        } else if c == b'\n' {
            NEWLINE
        } else if c.is_ascii_whitespace() {
            SPACE
        } else if matches!(c, b'.' | b'!' | b'?') {
            STOP
        } else if c.is_ascii_punctuation() && !matches!(c, b'@' | b'#' | b'*' | b'^') {
            PUNCT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// The longest prefix of `text` of at most `limit` bytes that ends on a char boundary (never
/// sliced wrong). The segmenter reads a text up to 4 GiB (its token offsets are 32-bit); the
/// language detector reads a sample of a reply.
pub(crate) fn prefix_within(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

impl Segments {
    /// The range of token indices of sentence `s`.
    pub(crate) fn sentence_tokens(&self, s: usize) -> std::ops::Range<usize> {
        let end = self
            .sentences
            .get(s + 1)
            .map_or(self.toks.len(), |n| n.first as usize);
        self.sentences[s].first as usize..end
    }

    /// Lays out `text`. Plain ASCII words, spaces and punctuation are read straight off the
    /// bytes; anything else (links, handles, non-ASCII) goes through the tokenizer, so the
    /// result is exactly the tokenizer's.
    pub(crate) fn build(&mut self, text: &str, words: &impl Words) {
        self.build_with::<true>(prefix_within(text, u32::MAX as usize), words);
    }

    /// `FAST`: read plain ASCII straight off the bytes (`false`, everything through the
    /// tokenizer, is the reference the tests hold the fast path to).
    fn build_with<const FAST: bool>(&mut self, text: &str, words: &impl Words) {
        self.toks.clear();
        self.sentences.clear();
        self.words = 0;
        self.links = 0;
        self.sentences.push(Sentence::default());
        let mut c = Cursor {
            sentence: 0,
            clause: 0,
            clause_open: false,
            sentence_open: false,
            in_quote: false,
            line_quoted: false,
            line_start: true,
            broken: false,
            words: 0,
        };
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let class = if FAST { CLASS[b as usize] } else { 0 };
            if class & SPACE != 0 {
                i += 1;
                continue;
            }
            if class & NEWLINE != 0 {
                self.line_break(&mut c);
                i += 1;
                // A line break also swallows the whitespace after it.
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                continue;
            }
            if class & ALNUM != 0 {
                if let Some(end) = self.ascii_word(text, i, words, &mut c) {
                    i = end;
                    continue;
                }
            } else if class & STOP != 0 {
                let mut j = i + 1;
                let (mut question, mut bangs) = (b == b'?', u8::from(b == b'!'));
                while j < bytes.len() && CLASS[bytes[j] as usize] & STOP != 0 {
                    question |= bytes[j] == b'?';
                    bangs = bangs.saturating_add(u8::from(bytes[j] == b'!'));
                    j += 1;
                }
                self.punct(&mut c, (true, true, question, bangs));
                i = j;
                continue;
            } else if b == b'@'
                && FAST
                && let Some(end) = ascii_handle_end(bytes, i)
            {
                // "@user" opens most replies on social channels: read here, not by the
                // tokenizer (a handle is no word: no ID, no capitals).
                self.word_like(&mut c, TokenKind::Mention, i, end, 0, NO_WORD);
                i = end;
                continue;
            } else if class & PUNCT != 0 && !starts_emoticon(bytes, i) {
                if c.line_start && b == b'>' {
                    c.line_quoted = true;
                } else if b == b'"' {
                    c.in_quote = !c.in_quote;
                }
                let clause = matches!(b, b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'-');
                self.punct(&mut c, (false, clause, false, 0));
                i += 1;
                continue;
            }
            let mut toks = Tokens::from(text, i);
            let Some(t) = toks.next() else { break };
            self.token(&mut c, &t, text, words);
            i = toks.position();
        }
        self.words = c.words;
    }

    /// A plain ASCII word or number at `i`, laid out; its end. `None` if the tokenizer must
    /// decide (a link, an e-mail, a word that goes on in non-ASCII).
    #[inline]
    fn ascii_word(
        &mut self,
        text: &str,
        i: usize,
        words: &impl Words,
        c: &mut Cursor,
    ) -> Option<usize> {
        let bytes = text.as_bytes();
        // The word's first eight bytes: its lookup key, its case, and (for a word of fewer
        // than eight bytes, most of them) the byte after it. Each class is read once.
        let head = load8(bytes, i);
        let upper = ascii_in(head, b'A', b'Z');
        let lower = ascii_in(head, b'a', b'z');
        let digit = ascii_in(head, b'0', b'9');
        let numeric = digit & 0x80 != 0;
        let run = alnum_run(upper | lower | digit);
        // What may join the next run to this word: don't, follow-up; 3.50, 10:30.
        let joins = |b: u8| {
            if numeric {
                matches!(b, b'.' | b',' | b':')
            } else {
                matches!(b, b'\'' | b'-')
            }
        };
        // The byte after the word (0 past the end of the text, which no check below takes).
        let after = |j: usize| bytes.get(j).copied().unwrap_or(0);
        let (j, next) = match run {
            8 => (alnum_end(bytes, i + 8), None),
            n => (i + n, Some((head >> (8 * n)) as u8)),
        };
        let (j, next) = match next {
            Some(b) if !joins(b) => (j, b),
            _ => {
                let mut j = j;
                // Inner joiners (most words end in a space, and never get here).
                while let Some(&joiner) = bytes.get(j)
                    && joins(joiner)
                    && j + 1 < bytes.len()
                    && CLASS[bytes[j + 1] as usize] & ALNUM != 0
                    && (!numeric || bytes[j + 1].is_ascii_digit())
                {
                    j = alnum_end(bytes, j + 1);
                }
                (j, after(j))
            }
        };
        // The tokenizer decides words that go on in non-ASCII or an `@`, and links: "http",
        // "https" or "www" followed by "://" or "." (checked only then: no branch per word).
        if next >= 0x80
            || next == b'@'
            || (matches!(next, b':' | b'.') && j - i <= 5 && token::starts_url(bytes, i))
        {
            return None;
        }
        let len = j - i;
        // The word's bytes in `head` (all of it when it is no longer than eight bytes).
        let mask = if len >= 8 {
            u64::MAX
        } else {
            (1 << (8 * len)) - 1
        };
        let upper = upper & mask;
        let (kind, caps) = if numeric {
            (TokenKind::Number, 0)
        } else {
            let all_caps = if len <= 8 {
                upper.count_ones() >= 2 && lower & mask == 0
            } else {
                is_all_caps(&bytes[i..j])
            };
            let capitalized = upper & 0x80 != 0;
            let caps =
                if all_caps { ALL_CAPS } else { 0 } | if capitalized { CAPITALIZED } else { 0 };
            (TokenKind::Word, caps)
        };
        let id = if len <= 8 {
            // Lower-case the letters (0x80 >> 2 is the case bit); what follows is cleared.
            words.short_id((head | (upper >> 2)) & mask)
        } else {
            words.id(text, i, j, &mut self.scratch)
        };
        let id = if numeric {
            id
        } else {
            stretched(
                id,
                text,
                (i, j),
                words,
                (&mut self.squeezed, &mut self.scratch),
            )
        };
        self.word_like(c, kind, i, j, caps, id);
        // The space after a word is skipped here, not by another turn of the main loop.
        Some(j + usize::from(next == b' '))
    }

    /// Any token from the tokenizer.
    fn token(&mut self, c: &mut Cursor, t: &Token<'_>, text: &str, words: &impl Words) {
        match t.kind {
            TokenKind::LineBreak => self.line_break(c),
            TokenKind::Punct => {
                if c.line_start && t.text == ">" {
                    c.line_quoted = true;
                } else if matches!(t.text, "\"" | "“" | "”") {
                    c.in_quote = !c.in_quote;
                }
                self.punct(c, punctuation(t));
            }
            kind => {
                let mut caps = 0;
                if kind == TokenKind::Word {
                    if is_all_caps(t.text.as_bytes()) {
                        caps |= ALL_CAPS;
                    }
                    let first = t.text.as_bytes()[0];
                    if first.is_ascii_uppercase()
                        || (first >= 0x80 && t.text.chars().next().is_some_and(char::is_uppercase))
                    {
                        caps |= CAPITALIZED;
                    }
                }
                // Counted here: links never take the ASCII fast path.
                self.links += usize::from(kind == TokenKind::Url);
                let (start, end) = (t.span.start, t.span.end);
                let id = match kind {
                    TokenKind::Word => {
                        let id = words.id(text, start, end, &mut self.scratch);
                        let buffers = (&mut self.squeezed, &mut self.scratch);
                        stretched(id, text, (start, end), words, buffers)
                    }
                    TokenKind::Number => words.id(text, start, end, &mut self.scratch),
                    // Emoji are looked up too: a lexicon may list them ("😡", "🙏"); a text
                    // emoticon as the emoji it draws.
                    TokenKind::Emoji => match fold::emoticon(t.text) {
                        Some(emoji) => words.id(emoji, 0, emoji.len(), &mut self.scratch),
                        None => words.id(text, start, end, &mut self.scratch),
                    },
                    // A hashtag that is one word may say it ("#fail", "#disappointed").
                    TokenKind::Hashtag if words.reads_hashtags() => {
                        words.id(text, start + 1, end, &mut self.scratch)
                    }
                    _ => NO_WORD,
                };
                self.word_like(c, kind, start, end, caps, id);
            }
        }
    }

    fn line_break(&mut self, c: &mut Cursor) {
        c.in_quote = false;
        c.line_quoted = false;
        c.line_start = true;
        self.punct(c, (true, true, false, 0));
    }

    /// Punctuation (or a line break): (ends a sentence, ends a clause, is a question mark,
    /// number of "!").
    #[inline]
    fn punct(
        &mut self,
        c: &mut Cursor,
        (sentence_end, clause_break, question, bangs): Punctuation,
    ) {
        c.broken = true;
        let s = &mut self.sentences[c.sentence as usize];
        s.question |= question;
        s.exclaims = s.exclaims.saturating_add(bangs);
        if sentence_end && c.sentence_open {
            c.sentence += 1;
            self.sentences.push(Sentence {
                first: self.toks.len() as u32,
                ..Sentence::default()
            });
            c.sentence_open = false;
        }
        if clause_break && c.clause_open {
            c.clause += 1;
            c.clause_open = false;
        }
    }

    /// A word-like token (a word, number, emoji, link, handle…) with its capitalisation flags.
    #[inline]
    fn word_like(
        &mut self,
        c: &mut Cursor,
        kind: TokenKind,
        start: usize,
        end: usize,
        caps: u8,
        word: WordId,
    ) {
        c.line_start = false;
        let mut flags = caps;
        if std::mem::take(&mut c.broken) {
            flags |= BREAK_BEFORE;
        }
        if !c.clause_open {
            flags |= FIRST_IN_CLAUSE;
        }
        if c.in_quote || c.line_quoted {
            flags |= QUOTED;
        }
        if matches!(kind, TokenKind::Word | TokenKind::Number) {
            c.words += 1;
        }
        // Handles, links and sign-offs do not open a clause: "@user Hi Dana" still starts
        // with its greeting.
        if !kind.is_noise() {
            c.clause_open = true;
            c.sentence_open = true;
        }
        self.toks.push(Tok {
            start: start as u32,
            end: end as u32,
            kind,
            sentence: c.sentence,
            clause: c.clause,
            word,
            flags,
        });
    }
}

/// The ID of the word `text[start..end]` when the vocabulary does not know it (`id`), read
/// squeezed when it is stretched ("sooo" as "soo", then "so"); `id` when it is known or not
/// stretched. The text is sliced only then: no char-boundary check per word.
#[inline]
fn stretched(
    id: WordId,
    text: &str,
    (start, end): (usize, usize),
    words: &impl Words,
    buffers: (&mut String, &mut String),
) -> WordId {
    if id != NO_WORD || !fold::is_stretched(&text.as_bytes()[start..end]) {
        return id;
    }
    squeezed_id(&text[start..end], words, buffers)
}

/// How many of eight bytes are ASCII letters or digits before the first that is not (8:
/// all of them), from the high bit of each byte that is (`alnum`).
#[inline]
fn alnum_run(alnum: u64) -> usize {
    (!alnum & splat(0x80)).trailing_zeros() as usize / 8
}

/// The high bit of each of the eight bytes of `x` that is an ASCII letter or digit.
#[inline]
fn alnum_bytes(x: u64) -> u64 {
    ascii_in(x, b'0', b'9') | ascii_in(x | splat(0x20), b'a', b'z')
}

/// The end of the run of ASCII letters and digits from `j`, read eight bytes at a time.
#[inline]
fn alnum_end(bytes: &[u8], mut j: usize) -> usize {
    loop {
        let n = alnum_run(alnum_bytes(load8(bytes, j)));
        j += n;
        if n < 8 {
            return j;
        }
    }
}

/// The end of an all-ASCII handle at `i` (an `@`, then `[A-Za-z0-9_]`); `None` when there
/// is none or it goes on in non-ASCII (the tokenizer decides those).
#[inline]
fn ascii_handle_end(bytes: &[u8], i: usize) -> Option<usize> {
    let run = bytes[i + 1..]
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_'))
        .unwrap_or(bytes.len() - i - 1);
    let end = i + 1 + run;
    (run > 0 && bytes.get(end).is_none_or(|&b| b < 0x80)).then_some(end)
}

/// Whether a word has two capitals or more and no small letter ("USA", "OK").
fn is_all_caps(word: &[u8]) -> bool {
    word.iter().filter(|b| b.is_ascii_uppercase()).count() >= 2
        && !word.iter().any(u8::is_ascii_lowercase)
}

/// The ID of `word` squeezed (rare: only unknown stretched words get here).
#[cold]
fn squeezed_id(
    word: &str,
    words: &impl Words,
    (squeezed, scratch): (&mut String, &mut String),
) -> WordId {
    for keep in [2, 1] {
        squeezed.clear();
        fold::push_squeezed(squeezed, word, keep);
        let id = words.id(squeezed, 0, squeezed.len(), scratch);
        if id != NO_WORD {
            return id;
        }
    }
    NO_WORD
}

/// Whether a text emoticon starts at `i` (the tokenizer reads it: it is a word, not two
/// stops). Only five bytes can begin one, so the rest never pay for the check.
#[inline]
fn starts_emoticon(bytes: &[u8], i: usize) -> bool {
    matches!(bytes[i], b':' | b';' | b'=' | b'>' | b'<') && token::emoticon_end(bytes, i).is_some()
}

/// (ends a sentence, ends a clause, is a question mark, number of "!").
type Punctuation = (bool, bool, bool, u8);

/// What a punctuation token does: (ends a sentence, ends a clause, is a question mark, "!"s).
fn punctuation(t: &Token<'_>) -> Punctuation {
    if t.kind == TokenKind::LineBreak {
        return (true, true, false, 0);
    }
    let bytes = t.text.as_bytes();
    if bytes.iter().all(u8::is_ascii) {
        let (mut end, mut question, mut bangs) = (false, false, 0u8);
        for &b in bytes {
            end |= matches!(b, b'.' | b'!' | b'?');
            question |= b == b'?';
            bangs = bangs.saturating_add(u8::from(b == b'!'));
        }
        let clause = end
            || matches!(
                bytes,
                [b',' | b';' | b':' | b'(' | b')' | b'[' | b']' | b'-']
            );
        return (end, clause, question, bangs);
    }
    let bangs = t.text.bytes().filter(|&b| b == b'!').count().min(255) as u8;
    (
        t.is_sentence_end(),
        t.is_clause_break(),
        t.is_question_mark(),
        bangs,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The fast path must lay out exactly what the tokenizer alone gives.
    fn same_as_tokenizer(text: &str) {
        let scorer = crate::Scorer::default();
        let words = &scorer.engine().reply;
        let (mut fast, mut slow) = (Segments::default(), Segments::default());
        fast.build_with::<true>(text, words);
        slow.build_with::<false>(text, words);
        assert_eq!(
            format!("{:?}", fast.toks),
            format!("{:?}", slow.toks),
            "{text:?}"
        );
        assert_eq!(
            format!("{:?}", fast.sentences),
            format!("{:?}", slow.sentences),
            "{text:?}"
        );
        assert_eq!(fast.words, slow.words, "{text:?}");
        let mut covered = 0;
        for s in 0..fast.sentences.len() {
            let range = fast.sentence_tokens(s);
            assert_eq!(range.start, covered, "{text:?}");
            assert!(
                fast.toks[range.clone()]
                    .iter()
                    .all(|t| t.sentence as usize == s)
            );
            covered = range.end;
        }
        assert_eq!(covered, fast.toks.len(), "{text:?}");
    }

    /// The word IDs the segmenter gives the tokens of `text`, by token text, on the reply
    /// side or the customer side.
    fn ids(text: &str, customer: bool) -> Vec<(String, WordId)> {
        let scorer = crate::Scorer::default();
        let engine = scorer.engine();
        let words = if customer {
            &engine.customer
        } else {
            &engine.reply
        };
        let mut seg = Segments::default();
        seg.build(text, words);
        seg.toks
            .iter()
            .map(|t| (text[t.start as usize..t.end as usize].to_owned(), t.word))
            .collect()
    }

    #[test]
    fn informal_spellings_are_read_as_the_word_they_stand_for() {
        // Words on the reply side, faces on the customer side (where the emoji cues are).
        for (informal, word, customer) in [
            ("sooo", "so", false),
            ("SOOOO", "so", false),
            ("sorryyy", "sorry", false),
            ("pleaseeee", "please", false),
            ("heeeelp", "help", false),
            (":(", "🙁", true),
            (":(((", "🙁", true),
            (">:(", "😠", true),
            ("<3", "❤", true),
        ] {
            let id = ids(word, customer)[0].1;
            assert_ne!(id, NO_WORD, "{word}");
            let got = ids(&format!("ok {informal} ok"), customer);
            assert_eq!(got[1], (informal.to_owned(), id), "{informal}");
        }
        // A stretched word that is no word stays unknown.
        assert_eq!(ids("zzzzzz", false)[0].1, NO_WORD);
    }

    #[test]
    fn only_a_customers_hashtag_is_read_as_its_word() {
        let pathetic = ids("pathetic", true)[0].1;
        assert_ne!(pathetic, NO_WORD);
        assert_eq!(
            ids("ok #pathetic", true)[1],
            ("#pathetic".to_owned(), pathetic)
        );
        assert_eq!(ids("#notaword", true)[0].1, NO_WORD);
        let relax = ids("relax", false)[0].1;
        assert_eq!(ids("ok #relax", false)[1].1, NO_WORD, "{relax}");
    }

    #[test]
    fn texts_past_the_offset_range_are_cut_on_a_char_boundary() {
        assert_eq!(prefix_within("abc", 10), "abc");
        assert_eq!(prefix_within("abc", 2), "ab");
        assert_eq!(prefix_within("aé", 2), "a");
        assert_eq!(prefix_within("😀x", 3), "");
    }

    #[test]
    fn fast_path_agrees_with_tokenizer_on_examples() {
        for text in [
            "",
            "Hi Dana, I'm SO sorry!!! What happened?",
            "> quoted line\nnot quoted \"but this\" is",
            "see https://x.io/a?b=1. Or www.acme.com, or HTTP://A.B",
            "mail me: a.b@example.com or @handle #tag *TMB ^JK",
            "3.50 10:30 1,000 3abc 3.x don't follow-up -x x- 'quote'",
            "café don’t naïve x\u{301} 😢 «ok» — fine",
            "a\r\n\t b\x0c c\u{2028}d \u{a0}e",
            "***  ^^ ** @ # @@ ## x@y x@ http:// www.",
            "USA OK I A ABc aBC",
            "Supercalifragilisticexpialidocious ABCDEFGHIJKLMNOPQ abcdefgh ABCDEFGHi 12345678.9",
            "abcdefgh'abcdefgh-ABCDEFGH,x ABCDEFG",
            "https://x wwwx.com http:/x xhttp://y Www. www.x https:// HTTPS://X.Y http's",
            ":( >:( thanks:) :((( ;) <3 10:30 C:/x :Dear =D, a:b :'( ok:/ x<3y",
            "sooo sorry pleaseeee heeelp #fail #disappointed ##x aaa",
            "@user_1 @x. @_ @ @@a @abé @a\u{301} @Ab9,x @end",
        ] {
            same_as_tokenizer(text);
        }
    }

    proptest! {
        #[test]
        fn fast_path_agrees_with_tokenizer(text in "[a-zA-Z0-9 .,!?'\"\\-@#*^:;()>\n\t/wht’é😢\u{301}]{0,60}") {
            same_as_tokenizer(&text);
        }

        #[test]
        fn fast_path_agrees_on_links(text in "((https?|HTTPS?|htt|www|wWw|ww|w)[:/.]{0,4}[a-z0-9]{0,3}[ .,@]?){0,6}") {
            same_as_tokenizer(&text);
        }

        #[test]
        fn fast_path_agrees_on_emoticons(text in "([a-z0-9]{0,3}[ :;=><'()/|@3DP\\-]{1,4}){0,10}") {
            same_as_tokenizer(&text);
        }

        #[test]
        fn fast_path_agrees_on_long_words(text in "([a-zA-Z]{1,20}['.-]?[0-9]{0,3}[ ,]){0,8}") {
            same_as_tokenizer(&text);
        }
    }
}
