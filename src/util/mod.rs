//! Small mechanisms shared by several layers; none of them knows about cues or scores.
//!
//! * [`swar`]: eight bytes at a time — ASCII classes, lower-casing, packing short words.
//! * [`fold`]: the one normalisation of a word — case, apostrophes, contractions.
//! * [`hash`]: the one multiplicative hash of the open-addressing tables.

pub(crate) mod fold;
pub(crate) mod hash;
pub(crate) mod swar;
