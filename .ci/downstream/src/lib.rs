//! The README's Rust examples, run as doctests of a crate outside the empathy workspace
//! (`cargo test --doc` here), so that the README cannot drift from the API a user gets.
#![doc = include_str!("../../../README.md")]

/// The README's custom-lexicon file, exactly as written there: the first ```` ```toml ````
/// block that begins with the `[lexicon]` header.
pub fn readme_lexicon() -> &'static str {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("```toml\n[lexicon]")
        .expect("the README has a custom-lexicon TOML block")
        + "```toml\n".len();
    let len = readme[start..]
        .find("```")
        .expect("the README's TOML block is closed");
    &readme[start..start + len]
}
