//! SIMD within a register: eight bytes of text tested or transformed at once in a `u64`.

/// `b` in every byte.
#[inline]
pub(crate) const fn splat(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// Eight bytes from `j`, little-endian (zero past the end, and zero is no letter).
#[inline]
pub(crate) fn load8(bytes: &[u8], j: usize) -> u64 {
    match bytes.get(j..j + 8) {
        Some(w) => u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]),
        None => {
            let mut buf = [0u8; 8];
            let rest = &bytes[j.min(bytes.len())..];
            buf[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(buf)
        }
    }
}

/// The high bit of each byte of `x` that is in `lo..=hi` (both ASCII); bytes of 0x80 and
/// above are never in. Adding to 7-bit bytes cannot carry into the next byte.
#[inline]
pub(crate) fn ascii_in(x: u64, lo: u8, hi: u8) -> u64 {
    let v = x & splat(0x7f);
    let at_least_lo = v.wrapping_add(splat(0x80 - lo));
    let above_hi = v.wrapping_add(splat(0x7f - hi));
    at_least_lo & !above_hi & !x & splat(0x80)
}

/// The high bit of each zero byte of `v` (exact for the lowest one).
#[inline]
pub(crate) fn zero_bytes(v: u64) -> u64 {
    v.wrapping_sub(splat(1)) & !v & splat(0x80)
}

/// Lower-cases the ASCII letters of 8 bytes at once (every byte must be below 0x80).
#[inline]
pub(crate) fn lowercase(x: u64) -> u64 {
    x | (ascii_in(x, b'A', b'Z') >> 2)
}

/// A word of at most 16 bytes as an integer, zero-padded. Words never contain NUL, so the
/// padding cannot collide with a real byte.
#[inline]
pub(crate) fn pack(bytes: &[u8]) -> u128 {
    let mut buf = [0u8; 16];
    buf[..bytes.len()].copy_from_slice(bytes);
    u128::from_le_bytes(buf)
}

/// The packed, lower-cased key of `text[start..end]` (at most 16 bytes), or `None` if it
/// is not ASCII.
#[inline]
pub(crate) fn ascii_key(text: &[u8], start: usize, end: usize) -> Option<u128> {
    let len = end - start;
    debug_assert!(len <= 16);
    let raw = match text.get(start..start + 16) {
        Some(window) => {
            let mut buf = [0u8; 16];
            buf.copy_from_slice(window);
            u128::from_le_bytes(buf)
        }
        None => pack(&text[start..end]),
    };
    let mask = if len == 16 {
        u128::MAX
    } else {
        (1u128 << (8 * len)) - 1
    };
    let word = raw & mask;
    let (lo, hi) = (word as u64, (word >> 64) as u64);
    if (lo | hi) & splat(0x80) != 0 {
        return None;
    }
    Some(u128::from(lowercase(lo)) | (u128::from(lowercase(hi)) << 64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_keys_lower_case_ascii_only() {
        let text = b"Hello WORLD-Zz@[` caf\xc3\xa9";
        assert_eq!(ascii_key(text, 0, 5), Some(pack(b"hello")));
        assert_eq!(ascii_key(text, 6, 17), Some(pack(b"world-zz@[`")));
        assert_eq!(ascii_key(text, 18, 23), None);
        assert_eq!(ascii_key(b"a", 0, 1), Some(pack(b"a")));
        assert_eq!(
            ascii_key(b"ABCDEFGHIJKLMNOP", 0, 16),
            Some(pack(b"abcdefghijklmnop"))
        );
    }

    #[test]
    fn lowercase_matches_the_standard_library_on_every_ascii_byte() {
        for b in 0u8..128 {
            let x = lowercase(splat(b));
            assert_eq!(x, splat(b.to_ascii_lowercase()), "{b}");
        }
    }
}
