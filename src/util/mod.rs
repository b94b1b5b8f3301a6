//! Small mechanisms shared by several layers; none of them knows about cues or scores.
//!
//! * [`swar`]: eight bytes at a time — ASCII classes, lower-casing, packing short words.
//! * [`fold`]: the one normalisation of a word — case, apostrophes, contractions.
//! * [`hash`]: the one multiplicative hash of the open-addressing tables.
//! * [`named_enum`]: enums named by stable snake_case keys.
//! * [`template`]: `{name}` placeholders in the lexicon's messages.
//! * [`par`]: two jobs on two threads (building only).

pub(crate) mod fold;
pub(crate) mod hash;
#[macro_use]
pub(crate) mod named_enum;
pub(crate) mod par;
pub(crate) mod swar;
pub(crate) mod template;
