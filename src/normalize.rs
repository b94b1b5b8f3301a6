//! The matching view of a text: lower case, straight apostrophes and quotes, whitespace runs
//! collapsed — with a map back to byte offsets of the original text.
//!
//! Plain ASCII text with single spaces needs no map (offsets are identical), which keeps
//! the common case a single lower-casing copy.

/// A normalised copy of a text. Reused between calls to avoid allocation.
#[derive(Debug, Default, Clone)]
pub(crate) struct Normalized {
    /// The normalised bytes (valid UTF-8).
    pub(crate) bytes: Vec<u8>,
    /// `map[i]` = original offset of normalised byte `i`, plus a final entry for the end.
    /// Empty while the two texts are offset-identical.
    map: Vec<u32>,
    mapped: bool,
    original_len: usize,
}

fn apostrophe_or_quote(c: char) -> Option<u8> {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{00B4}' | '\u{02BC}' | '\u{201B}' | '\u{2032}' => Some(b'\''),
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => Some(b'"'),
        _ => None,
    }
}

impl Normalized {
    /// Rebuilds the view for `text`.
    pub(crate) fn build(&mut self, text: &str) {
        self.bytes.clear();
        self.map.clear();
        self.mapped = false;
        self.original_len = text.len();
        self.bytes.reserve(text.len());
        let src = text.as_bytes();
        // Fast path: ASCII with single spaces only is just lower-cased, offsets unchanged.
        if text.is_ascii() && !has_irregular_space(src) {
            self.bytes.extend(src.iter().map(u8::to_ascii_lowercase));
            return;
        }
        let mut i = 0;
        while i < src.len() {
            let b = src[i];
            if b < 0x80 {
                if b.is_ascii_whitespace() {
                    let start = i;
                    let mut newline = false;
                    while i < src.len() && src[i].is_ascii_whitespace() {
                        newline |= src[i] == b'\n';
                        i += 1;
                    }
                    self.push(if newline { b'\n' } else { b' ' }, start, i - start != 1);
                } else {
                    self.push(b.to_ascii_lowercase(), i, false);
                    i += 1;
                }
                continue;
            }
            // Non-ASCII: decode one char (text is valid UTF-8, so this cannot fail).
            let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
            let len = c.len_utf8();
            if let Some(r) = apostrophe_or_quote(c) {
                self.push(r, i, true);
            } else if c.is_whitespace() {
                self.push(b' ', i, true);
            } else {
                let mut lower = c.to_lowercase();
                let single = lower.len() == 1;
                let first = lower.next().unwrap_or(c);
                if single && first.len_utf8() == len {
                    let mut buf = [0u8; 4];
                    for (k, &byte) in first.encode_utf8(&mut buf).as_bytes().iter().enumerate() {
                        self.push(byte, i + k, false);
                    }
                } else {
                    let mut buf = [0u8; 4];
                    for ch in std::iter::once(first).chain(lower) {
                        for &byte in ch.encode_utf8(&mut buf).as_bytes() {
                            self.push(byte, i, true);
                        }
                    }
                }
            }
            i += len;
        }
        if self.mapped {
            self.map.push(text.len() as u32);
        }
    }

    /// Appends a byte that came from original offset `orig`. `diverges` says the offsets stop
    /// being identical here (a multi-byte char became one byte, a run of spaces one space).
    #[inline]
    fn push(&mut self, byte: u8, orig: usize, diverges: bool) {
        if !self.mapped && (diverges || orig != self.bytes.len()) {
            self.mapped = true;
            self.map.extend(0..self.bytes.len() as u32);
        }
        if self.mapped {
            self.map.push(orig as u32);
        }
        self.bytes.push(byte);
    }

    /// The original offset of normalised offset `i` (`i` may equal the length).
    #[inline]
    pub(crate) fn original(&self, i: usize) -> usize {
        if self.mapped {
            self.map[i] as usize
        } else {
            i.min(self.original_len)
        }
    }

    /// Whether the char that ends just before `i` continues a word.
    pub(crate) fn word_before(&self, i: usize) -> bool {
        match self.char_before(i) {
            None => false,
            Some((c, at)) => {
                is_word(c)
                    || (is_joiner(c) && self.char_before(at).is_some_and(|(p, _)| is_word(p)))
            }
        }
    }

    /// Whether the char that starts at `i` continues a word.
    pub(crate) fn word_at(&self, i: usize) -> bool {
        match self.char_at(i) {
            None => false,
            Some(c) => {
                is_word(c) || (is_joiner(c) && self.char_at(i + c.len_utf8()).is_some_and(is_word))
            }
        }
    }

    fn char_at(&self, i: usize) -> Option<char> {
        let b = *self.bytes.get(i)?;
        if b < 0x80 {
            return Some(b as char);
        }
        let end = (i + 4).min(self.bytes.len());
        let s = &self.bytes[i..end];
        let valid = match std::str::from_utf8(s) {
            Ok(v) => v,
            Err(e) => std::str::from_utf8(&s[..e.valid_up_to()]).unwrap_or(""),
        };
        valid.chars().next()
    }

    fn char_before(&self, i: usize) -> Option<(char, usize)> {
        if i == 0 {
            return None;
        }
        let mut start = i - 1;
        while start > 0 && i - start < 4 && (self.bytes[start] & 0xC0) == 0x80 {
            start -= 1;
        }
        self.char_at(start).map(|c| (c, start))
    }
}

/// Whether ASCII text has whitespace other than single spaces (which the slow path collapses).
fn has_irregular_space(src: &[u8]) -> bool {
    let mut prev_space = false;
    for &b in src {
        let space = b.is_ascii_whitespace();
        if space && (prev_space || b != b' ') {
            return true;
        }
        prev_space = space;
    }
    false
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || crate::token::is_mark(c) || c == '_'
}

fn is_joiner(c: char) -> bool {
    c == '\'' || c == '-'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_needs_no_map() {
        let mut n = Normalized::default();
        n.build("Hello World");
        assert_eq!(n.bytes, b"hello world");
        assert!(!n.mapped);
        assert_eq!(n.original(5), 5);
    }

    #[test]
    fn maps_back_through_collapses_and_quotes() {
        let mut n = Normalized::default();
        let text = "I’M  so\n\nSORRY";
        n.build(text);
        assert_eq!(std::str::from_utf8(&n.bytes).unwrap(), "i'm so\nsorry");
        let s = n.bytes.len() - 5;
        assert_eq!(&text[n.original(s)..n.original(n.bytes.len())], "SORRY");
        assert_eq!(&text[n.original(0)..n.original(3)], "I’M");
    }

    #[test]
    fn word_boundaries() {
        let mut n = Normalized::default();
        n.build("also can't x-ray é😢");
        assert!(n.word_before(2)); // "al|so"
        assert!(n.word_at(8)); // "can|'t"
        let e = n.bytes.len() - 4;
        assert!(!n.word_at(e)); // emoji is not a word char
        assert!(n.word_before(e));
    }
}
