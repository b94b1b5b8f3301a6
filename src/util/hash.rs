//! The multiplicative (Fibonacci) hash used by every open-addressing table in the crate:
//! the top bits of a multiplication by 2^64 / φ.

/// The slot of `key` in a table of `2^bits` slots (`1 <= bits <= 63`).
#[inline]
pub(crate) fn slot(key: u64, bits: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> (64 - bits)) as usize
}
