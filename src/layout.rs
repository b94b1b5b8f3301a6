//! The shape of a text that the context rules need: its word-like tokens with their sentence
//! and clause, which sentences are questions, what is quoted.

use crate::token::{Token, TokenKind, tokenize};

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
    pub(crate) flags: u8,
}

impl Tok {
    pub(crate) fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }

    /// Words and numbers: the tokens phrases are made of.
    pub(crate) fn is_word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Number)
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Sentence {
    pub(crate) question: bool,
    pub(crate) exclaims: u8,
    pub(crate) first_contrast: Option<usize>,
    pub(crate) last_contrast: Option<usize>,
    pub(crate) data_request: bool,
}

/// Reusable per-text layout.
#[derive(Debug, Default, Clone)]
pub(crate) struct Layout {
    pub(crate) toks: Vec<Tok>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) words: usize,
}

impl Layout {
    pub(crate) fn build(&mut self, text: &str) {
        self.toks.clear();
        self.sentences.clear();
        self.words = 0;
        self.sentences.push(Sentence::default());
        let mut sentence = 0u32;
        let mut clause = 0u32;
        let mut clause_open = false; // has the current clause a word yet?
        let mut sentence_open = false;
        let mut in_quote = false;
        let mut line_quoted = false;
        let mut line_start = true;
        let mut broken = false; // punctuation since the last word-like token?
        for t in tokenize(text) {
            match t.kind {
                TokenKind::LineBreak | TokenKind::Punct => {
                    broken = true;
                    if t.kind == TokenKind::LineBreak {
                        in_quote = false;
                        line_quoted = false;
                        line_start = true;
                    } else if line_start && t.text == ">" {
                        line_quoted = true;
                    } else if matches!(t.text, "\"" | "“" | "”") {
                        in_quote = !in_quote;
                    }
                    let (sentence_end, clause_break, question, bangs) = punctuation(&t);
                    let s = &mut self.sentences[sentence as usize];
                    s.question |= question;
                    s.exclaims = s.exclaims.saturating_add(bangs);
                    if sentence_end && sentence_open {
                        sentence += 1;
                        self.sentences.push(Sentence::default());
                        sentence_open = false;
                    }
                    if clause_break && clause_open {
                        clause += 1;
                        clause_open = false;
                    }
                }
                kind => {
                    line_start = false;
                    let mut flags = 0;
                    if std::mem::take(&mut broken) {
                        flags |= BREAK_BEFORE;
                    }
                    if !clause_open {
                        flags |= FIRST_IN_CLAUSE;
                    }
                    if in_quote || line_quoted {
                        flags |= QUOTED;
                    }
                    if kind == TokenKind::Word {
                        self.words += 1;
                        let (mut upper, mut lower) = (0usize, false);
                        for b in t.text.bytes() {
                            upper += usize::from(b.is_ascii_uppercase());
                            lower |= b.is_ascii_lowercase();
                        }
                        if upper >= 2 && !lower {
                            flags |= ALL_CAPS;
                        }
                        let first = t.text.as_bytes()[0];
                        if first.is_ascii_uppercase()
                            || (first >= 0x80
                                && t.text.chars().next().is_some_and(char::is_uppercase))
                        {
                            flags |= CAPITALIZED;
                        }
                    } else if kind == TokenKind::Number {
                        self.words += 1;
                    }
                    // Handles, links and sign-offs do not open a clause: "@user Hi Dana" still
                    // starts with its greeting.
                    if !kind.is_noise() {
                        clause_open = true;
                        sentence_open = true;
                    }
                    self.toks.push(Tok {
                        start: t.span.start as u32,
                        end: t.span.end as u32,
                        kind,
                        sentence,
                        clause,
                        flags,
                    });
                }
            }
        }
    }
}

/// What a punctuation token does: (ends a sentence, ends a clause, is a question mark, "!"s).
fn punctuation(t: &Token<'_>) -> (bool, bool, bool, u8) {
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
