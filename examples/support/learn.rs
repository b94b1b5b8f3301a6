//! The learned layer of the built-in lexicon (`data/lexicon/en-learned.toml`): weighted word
//! n-grams of up to three words, derived from the TRAIN split of the real rated corpus
//! (`support/real.rs`) and, for customer messages, the TRAIN half of the team's customer set
//! (`support/customers.rs`). Shared by `examples/train.rs`, which writes the file, and
//! `tests/learned.rs`, which fails when the shipped file differs from what this produces.
//!
//! The procedure, for each side (agent replies, customer messages) and each kind it learns:
//!
//! 1. **Items and labels.** Every TRAIN item of the side; held-out items are never read.
//!    Customer messages are the corpus's and the team set's TRAIN half (each a conversation
//!    of its own, its brand the `@handle` it addresses): one corpus is tech support, and a
//!    customer n-gram kept only there names that domain's topics. A
//!    reply is positive for a kind when the mean of the two raters' ratings is ≥ 0.5 (what
//!    `evaluate` calls present). A customer message is positive for an emotion when the mean
//!    is ≥ 1, one rule for all eight: it is what `evaluate` and the ratings' README call
//!    present, and a mean of 0.5 is one rater's faint trace — the least reliable cell, and for
//!    the distress-like emotions it leaves few negatives (frustration: 625 of 849 training
//!    messages at ≥ 0.5 against 581 at ≥ 1; confusion 307 against 203).
//! 2. **Features.** The distinct n-grams of the item's own text, over the words of
//!    [`empathy::token::tokenize`] normalised by [`empathy::token::normalize_word`]; an n-gram
//!    runs only over consecutive `Word` tokens, so it never crosses punctuation, a line break,
//!    a number, a link, a handle or an emoji. Replies: two or three words ([`REPLY_MIN_WORDS`]):
//!    what a reply does is said by phrases, and its single words name the topic ("contact",
//!    "days", "app" were learned as deflection, policy wall and exploration, and fired on the
//!    development set's replies that do none of it). Customer messages: one to three words
//!    (customers name what happened — "lost", "deleted", "refund" — in single words).
//!    Skipped: n-grams made only of stopwords (the built-in lexicon's `[context] stopwords`,
//!    read from the public [`empathy::lexicon::BUILTIN_EN`] source), words with a digit or a
//!    character the pattern language rejects, words mostly capitalised inside a sentence in
//!    the side's training text (names of people, products, places), and the brands' names.
//! 3. **Near-identical texts count once.** Agents post canned replies again and again; texts
//!    whose word-pair sets overlap by ≥ [`SAME_TEXT`] (Jaccard) form a cluster, and each item
//!    counts 1 / (its cluster's size) in the statistic.
//! 4. **Brands.** A conversation's brand is the organisation its agent links to (every
//!    conversation of the corpus links to its brand's help site); the text to be judged is
//!    about other brands, so support must come from several.
//! 5. **Statistic.** Per kind and n-gram: `a` (weighted) positives among the `n` (weighted)
//!    items with the n-gram, base rate `p0 = A / N`. The precision is shrunk towards the base
//!    rate by a Beta prior of strength [`PRIOR`] items (`p = (a + PRIOR·p0) / (n + PRIOR)`),
//!    and the *lift* is `logit(p) − logit(p0)`. The evidence is the z of the smoothed (+0.5)
//!    log odds ratio of the 2×2 table (items with / without the n-gram × positive / not).
//! 6. **Selection.** An n-gram is kept for a kind when its positive items are ≥
//!    [`MIN_SUPPORT`] distinct texts from ≥ [`MIN_CONVERSATIONS`] conversations and ≥
//!    [`MIN_BRANDS`] brands, its lift is ≥ [`MIN_LIFT`] (the odds at least double) and its
//!    z ≥ [`MIN_Z`]. Only positive associations: a cue can only add to its kind. It is dropped
//!    when it would change what a hand-written cue does: when any run of its words is a
//!    phrase of a hand-written entry of its side (the learned phrase would be the longer
//!    match and replace it), or when a tail of it starts a hand-written phrase of the same
//!    kind (it would swallow that phrase's start). Candidates are then taken by lift,
//!    strongest first: one kind per n-gram, at most [`CAP`] per kind, and none that contains,
//!    lies inside or overlaps by two words one already taken on its side (they say the same
//!    thing, and the longest-match rule would let only one of them count).
//! 7. **Weight.** `0.5 · (1 − exp(−lift / 2))`, rounded to 0.05 and kept in 0.1–0.5: a small
//!    weight, since it adds to the hand-written cues. Exploration entries count fully only
//!    inside a question, like the hand-written ones.
//!
//! The constants were chosen by `train --cv` (five folds by brand inside TRAIN), never on
//! the held-out split. Everything is counted, sorted and rounded deterministically; there is
//! no random step.

#![allow(dead_code)]

use crate::customers::CustomerSet;
use crate::real::{CUSTOMER_FIELDS, RealItem, RealSet, Selection};
use empathy::token::{TokenKind, normalize_word, tokenize};
use empathy::{Kind, Lexicon};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

/// The reply kinds learned. Curtness is computed, not matched; personalization is about this
/// customer's own specifics (their name, their words), which no corpus-wide n-gram can name.
pub const REPLY_KINDS: [&str; 11] = [
    "acknowledgment",
    "understanding",
    "exploration",
    "ownership",
    "reassurance",
    "blame",
    "dismissiveness",
    "policy_wall",
    "scripted",
    "defensiveness",
    "deflection",
];

/// The customer emotions learned: the rated customer fields but holistic `distress`.
pub const CUSTOMER_KINDS: &[&str] = CUSTOMER_FIELDS.split_at(8).0;

/// Longest n-gram, in words.
pub const MAX_N: usize = 3;
/// Shortest n-gram learned for replies.
pub const REPLY_MIN_WORDS: usize = 2;
/// Shortest n-gram learned for customer messages.
pub const CUSTOMER_MIN_WORDS: usize = 1;
/// Whether customer n-grams made only of stopwords and the built-in lexicon's `[context]
/// generic_words` ("tell", "try", "every", "days") are skipped as well.
pub const CUSTOMER_SKIP_GENERIC: bool = false;
/// Distinct sources (the real corpus; the team's customer set, conversations `team/…`) the
/// positive items of a customer n-gram must come from.
pub const MIN_SOURCES: usize = 1;
/// Strength of the Beta prior (in items) that shrinks an n-gram's precision to the base rate.
pub const PRIOR: f64 = 10.0;
/// Positive training items an n-gram must occur in.
pub const MIN_SUPPORT: usize = 5;
/// Distinct conversations those positive items must come from.
pub const MIN_CONVERSATIONS: usize = 3;
/// Distinct brands (the organisation the conversation's agent links to) they must come from.
pub const MIN_BRANDS: usize = 4;
/// Jaccard overlap of their word pairs from which two texts count as one (a canned reply).
pub const SAME_TEXT: f64 = 0.5;
/// Least shrunk lift (log odds over the base rate): the odds at least double.
pub const MIN_LIFT: f64 = std::f64::consts::LN_2;
/// Least z of the log odds ratio (one-sided p < 0.01).
pub const MIN_Z: f64 = 2.33;
/// Most learned entries per kind.
pub const CAP: usize = 40;
/// The mean rating from which a reply field counts as present.
pub const REPLY_PRESENT: f64 = 0.5;
/// The mean rating from which a customer emotion counts as present.
pub const CUSTOMER_PRESENT: f64 = 1.0;
/// A word capitalised in at least this share of its counted occurrences inside a sentence
/// is taken for a name.
pub const NAME_SHARE: f64 = 0.5;

/// The tunable constants of the procedure (the shipped layer uses [`Params::default`], the
/// constants above; `train --cv` tries others, on the training split only).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Params {
    pub prior: f64,
    pub min_support: usize,
    pub min_conversations: usize,
    pub min_brands: usize,
    pub min_lift: f64,
    pub min_z: f64,
    pub cap: usize,
    /// Shortest n-gram learned for replies, and for customer messages.
    pub reply_min_words: usize,
    pub customer_min_words: usize,
    /// Whether customer n-grams made only of stopwords and `[context] generic_words` are
    /// skipped.
    pub customer_skip_generic: bool,
    /// Distinct sources (the real corpus, the team's customer set) an n-gram's positive
    /// items must come from, where the side has items from both.
    pub min_sources: usize,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            prior: PRIOR,
            min_support: MIN_SUPPORT,
            min_conversations: MIN_CONVERSATIONS,
            min_brands: MIN_BRANDS,
            min_lift: MIN_LIFT,
            min_z: MIN_Z,
            cap: CAP,
            reply_min_words: REPLY_MIN_WORDS,
            customer_min_words: CUSTOMER_MIN_WORDS,
            customer_skip_generic: CUSTOMER_SKIP_GENERIC,
            min_sources: MIN_SOURCES,
        }
    }
}

/// The file this produces.
pub const LEARNED_PATH: &str = "data/lexicon/en-learned.toml";

/// One learned entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Learned {
    pub kind: &'static str,
    pub ngram: String,
    /// Training items with the n-gram.
    pub items: usize,
    /// Positive training items with the n-gram.
    pub positives: usize,
    /// Distinct texts (clusters of near-identical texts) among those positive items.
    pub texts: usize,
    /// Distinct conversations of those positive items.
    pub conversations: usize,
    /// Distinct brands of those positive items.
    pub brands: usize,
    /// Shrunk lift: `logit(p) − logit(p0)`.
    pub lift: f64,
    /// z of the smoothed log odds ratio.
    pub z: f64,
    /// The cue weight.
    pub weight: f64,
}

/// What one side learned, with the counts the file's comments report.
#[derive(Debug, Clone)]
pub struct SideResult {
    pub role: &'static str,
    pub items: usize,
    /// (kind, positive training items).
    pub base: Vec<(&'static str, usize)>,
    pub entries: Vec<Learned>,
}

/// The hand-written phrases of one side, for the checks of step 4.
#[derive(Default)]
struct Hand {
    /// Every phrase of at most [`MAX_N`] words (any kind).
    short: HashSet<Vec<String>>,
    /// (kind, a proper prefix of one of its phrases, of fewer than [`MAX_N`] words).
    prefixes: HashSet<(Kind, Vec<String>)>,
    /// (kind, phrase) of every phrase of at most [`MAX_N`] words.
    same: HashSet<(Kind, Vec<String>)>,
}

fn words_of(phrase: &str) -> Vec<String> {
    phrase
        .split_whitespace()
        .map(|w| normalize_word(w).into_owned())
        .collect()
}

fn hand_phrases(lexicon: &Lexicon, customer: bool) -> Hand {
    let mut hand = Hand::default();
    for e in lexicon.entries() {
        if e.kind().is_customer() != customer {
            continue;
        }
        for p in e.phrases() {
            let w = words_of(&p);
            for k in 1..w.len().min(MAX_N) {
                hand.prefixes.insert((e.kind(), w[..k].to_vec()));
            }
            if w.len() <= MAX_N {
                hand.same.insert((e.kind(), w.clone()));
                hand.short.insert(w);
            }
        }
    }
    hand
}

impl Hand {
    /// Why the n-gram `g` of kind `kind` would change what a hand-written cue does.
    fn conflict(&self, g: &[String], kind: Kind) -> bool {
        if self.same.contains(&(kind, g.to_vec())) {
            return true;
        }
        for i in 0..g.len() {
            for j in i + 1..=g.len() {
                if self.short.contains(&g[i..j]) {
                    return true;
                }
            }
            if i > 0 && self.prefixes.contains(&(kind, g[i..].to_vec())) {
                return true;
            }
        }
        false
    }
}

/// The built-in lexicon's `[context] stopwords`, read from the public source of `en.toml`.
pub fn stopwords() -> HashSet<String> {
    context_words("stopwords")
}

/// A word list of the built-in lexicon's `[context]` table, normalised.
fn context_words(list: &str) -> HashSet<String> {
    let v: toml::Value = toml::from_str(empathy::lexicon::BUILTIN_EN)
        .unwrap_or_else(|e| panic!("the built-in en.toml is not TOML: {e}"));
    v.get("context")
        .and_then(|c| c.get(list))
        .and_then(|s| s.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|w| w.as_str())
                .map(|w| normalize_word(w).into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// A normalised word the layer can use: letters with inner `'` and `-`, no digit.
fn usable(word: &str) -> bool {
    word.chars().any(char::is_alphabetic)
        && word
            .chars()
            .all(|c| (c.is_alphabetic() || c == '\'' || c == '-') && !c.is_numeric())
}

/// The runs of consecutive words of a text (normalised), each word with whether it is
/// capitalised (`Some(true)`), lower case (`Some(false)`) or not counted (`None`: first word
/// of a sentence, all capitals, or `I`).
fn runs(text: &str) -> Vec<Vec<(String, Option<bool>)>> {
    let mut out = Vec::new();
    let mut run: Vec<(String, Option<bool>)> = Vec::new();
    let mut sentence_start = true;
    for t in tokenize(text) {
        if t.kind != TokenKind::Word {
            if !run.is_empty() {
                out.push(std::mem::take(&mut run));
            }
            if t.is_sentence_end() {
                sentence_start = true;
            }
            continue;
        }
        let word = normalize_word(t.text).into_owned();
        let first_upper = t.text.chars().next().is_some_and(char::is_uppercase);
        let all_caps = t.text.chars().filter(|c| c.is_uppercase()).count() >= 2
            && !t.text.chars().any(char::is_lowercase);
        let is_i = word == "i" || word.starts_with("i'");
        let caps = (!sentence_start && !all_caps && !is_i).then_some(first_upper);
        sentence_start = false;
        run.push((word, caps));
    }
    if !run.is_empty() {
        out.push(run);
    }
    out
}

/// Words taken for names in the texts: capitalised in at least [`NAME_SHARE`] of their
/// counted occurrences.
fn names(texts: &[&str]) -> HashSet<String> {
    let mut counts: HashMap<String, (usize, usize)> = HashMap::new();
    for text in texts {
        for run in runs(text) {
            for (w, caps) in run {
                if let Some(c) = caps {
                    let e = counts.entry(w).or_default();
                    e.0 += usize::from(c);
                    e.1 += 1;
                }
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (caps, all))| *caps as f64 >= NAME_SHARE * *all as f64)
        .map(|(w, _)| w)
        .collect()
}

/// The distinct usable n-grams of a text (words joined by one space).
pub fn ngrams(
    text: &str,
    min_words: usize,
    stop: &HashSet<String>,
    names: &HashSet<String>,
) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for run in runs(text) {
        let words: Vec<&str> = run.iter().map(|(w, _)| w.as_str()).collect();
        for n in min_words.max(1)..=MAX_N {
            for g in words.windows(n) {
                if g.iter().all(|w| stop.contains(*w))
                    || g.iter().any(|w| !usable(w) || names.contains(*w))
                {
                    continue;
                }
                out.insert(g.join(" "));
            }
        }
    }
    out
}

fn logit(p: f64) -> f64 {
    (p / (1.0 - p)).ln()
}

/// The cue weight of a lift.
pub fn weight_of(lift: f64) -> f64 {
    let w = 0.5 * (1.0 - (-lift / 2.0).exp());
    ((w * 20.0).round() / 20.0).clamp(0.1, 0.5)
}

/// The organisation a URL belongs to: the label before its public suffix, after taking off
/// an archive prefix (`https://web.archive.org/web/2020…/https://support.hp.com/…` is `hp`).
fn site_of(url: &str) -> Option<String> {
    let mut u = url.to_lowercase();
    while let Some(i) = u.find("archive.org/web/") {
        let rest = &u[i + "archive.org/web/".len()..];
        let after = rest.find('/').map_or("", |j| &rest[j + 1..]);
        u = after.to_string();
    }
    let u = u
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let host = u.split(['/', '?', '#', ':']).next()?;
    let labels: Vec<&str> = host.split('.').filter(|l| !l.is_empty()).collect();
    let n = labels.len();
    if n < 2 {
        return None;
    }
    // `example.co.uk`, `example.com.au`: the label before the two-part suffix.
    let i = if n >= 3
        && matches!(labels[n - 2], "co" | "com" | "org" | "net")
        && labels[n - 1].len() == 2
    {
        n - 3
    } else {
        n - 2
    };
    Some(labels[i].to_string())
}

/// Each conversation's brand: the organisation of the first link its agent replies give
/// (every conversation of the corpus has one). Conversations without a link count as a
/// brand of their own.
pub fn brands(replies: &[&RealItem]) -> HashMap<String, String> {
    let mut out: HashMap<String, String> = HashMap::new();
    for r in replies {
        if out.contains_key(&r.conv) {
            continue;
        }
        if let Some(site) = tokenize(&r.text)
            .filter(|t| t.kind == TokenKind::Url)
            .find_map(|t| site_of(t.text))
        {
            out.insert(r.conv.clone(), site);
        }
    }
    out
}

/// [`brands`] of the corpus's conversations, and each team message's own brand.
pub fn brands_with(replies: &[&RealItem], team: &[(RealItem, String)]) -> HashMap<String, String> {
    let mut out = brands(replies);
    out.extend(team.iter().map(|(i, b)| (i.conv.clone(), b.clone())));
    out
}

/// Clusters of near-identical texts (canned replies posted again and again): texts whose
/// sets of word pairs overlap by at least [`SAME_TEXT`] (Jaccard) are one cluster. Returns
/// each text's cluster number.
fn clusters(texts: &[&str]) -> Vec<usize> {
    let pairs: Vec<Vec<String>> = texts
        .iter()
        .map(|t| {
            let words: Vec<String> = tokenize(t)
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| normalize_word(t.text).into_owned())
                .collect();
            let mut p: Vec<String> = if words.len() < 2 {
                words.clone()
            } else {
                words.windows(2).map(|w| w.join(" ")).collect()
            };
            p.sort();
            p.dedup();
            p
        })
        .collect();
    let mut parent: Vec<usize> = (0..texts.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    for i in 0..texts.len() {
        for j in i + 1..texts.len() {
            let (x, y) = (&pairs[i], &pairs[j]);
            if x.is_empty() || y.is_empty() {
                continue;
            }
            let small = x.len().min(y.len()) as f64;
            let big = x.len().max(y.len()) as f64;
            // Jaccard ≤ small / big: skip pairs that cannot reach it.
            if small < SAME_TEXT * big {
                continue;
            }
            let (mut a, mut b, mut common) = (0, 0, 0usize);
            while a < x.len() && b < y.len() {
                match x[a].cmp(&y[b]) {
                    std::cmp::Ordering::Less => a += 1,
                    std::cmp::Ordering::Greater => b += 1,
                    std::cmp::Ordering::Equal => {
                        common += 1;
                        a += 1;
                        b += 1;
                    }
                }
            }
            let jaccard = common as f64 / (x.len() + y.len() - common) as f64;
            if jaccard >= SAME_TEXT {
                let (ri, rj) = (root(&mut parent, i), root(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    (0..texts.len()).map(|i| root(&mut parent, i)).collect()
}

/// Learns one side from its training items.
#[allow(clippy::too_many_arguments)]
fn learn_side(
    role: &'static str,
    items: &[&RealItem],
    kinds: &[&'static str],
    present: f64,
    min_words: usize,
    hand: &Hand,
    stop: &HashSet<String>,
    brand_of: &HashMap<String, String>,
    params: &Params,
) -> SideResult {
    let texts: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let mut names = names(&texts);
    // The brands' own names are topic too.
    names.extend(brand_of.values().cloned());
    let cluster = clusters(&texts);
    let mut size: HashMap<usize, usize> = HashMap::new();
    for &c in &cluster {
        *size.entry(c).or_default() += 1;
    }
    // Each item counts 1 / (its cluster's size): a canned reply counts once however often
    // it was posted.
    let weight: Vec<f64> = cluster.iter().map(|c| 1.0 / size[c] as f64).collect();
    let brand: Vec<&str> = items
        .iter()
        .map(|i| {
            brand_of
                .get(&i.conv)
                .map_or(i.conv.as_str(), String::as_str)
        })
        .collect();
    // n-gram → the items it occurs in (ascending).
    let mut index: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, text) in texts.iter().enumerate() {
        for g in ngrams(text, min_words, stop, &names) {
            index.entry(g).or_default().push(i);
        }
    }
    let sources = items
        .iter()
        .map(|i| source(&i.conv))
        .collect::<BTreeSet<_>>()
        .len();
    let n_items: f64 = weight.iter().sum();
    let mut base = Vec::new();
    let mut candidates: Vec<Learned> = Vec::new();
    for &kind in kinds {
        let label: Vec<bool> = items.iter().map(|i| i.mean(kind) >= present).collect();
        let total_pos = label.iter().filter(|&&p| p).count();
        base.push((kind, total_pos));
        if total_pos < params.min_support {
            continue;
        }
        let k = Kind::from_key(kind).expect("a learned kind is a crate kind");
        let big_a: f64 = (0..items.len())
            .filter(|&i| label[i])
            .map(|i| weight[i])
            .sum();
        let big_b = n_items - big_a;
        let p0 = big_a / n_items;
        for (g, occ) in &index {
            let pos: Vec<usize> = occ.iter().copied().filter(|&i| label[i]).collect();
            if pos.len() < params.min_support {
                continue;
            }
            let distinct = |key: &dyn Fn(usize) -> String| -> usize {
                pos.iter()
                    .map(|&i| key(i))
                    .collect::<BTreeSet<String>>()
                    .len()
            };
            let texts_n = distinct(&|i| cluster[i].to_string());
            let convs_n = distinct(&|i| items[i].conv.clone());
            let brands_n = distinct(&|i| brand[i].to_string());
            let sources_n = distinct(&|i| source(&items[i].conv).to_string());
            if texts_n < params.min_support
                || convs_n < params.min_conversations
                || brands_n < params.min_brands
                || sources_n < params.min_sources.min(sources)
            {
                continue;
            }
            let a: f64 = pos.iter().map(|&i| weight[i]).sum();
            let n: f64 = occ.iter().map(|&i| weight[i]).sum();
            let p = (a + params.prior * p0) / (n + params.prior);
            let lift = logit(p) - logit(p0);
            let b = n - a;
            let lor = ((a + 0.5) * (big_b - b + 0.5) / ((b + 0.5) * (big_a - a + 0.5))).ln();
            let se = (1.0 / (a + 0.5)
                + 1.0 / (b + 0.5)
                + 1.0 / (big_a - a + 0.5)
                + 1.0 / (big_b - b + 0.5))
                .sqrt();
            let z = lor / se;
            if lift < params.min_lift || z < params.min_z {
                continue;
            }
            let words: Vec<String> = g.split(' ').map(str::to_string).collect();
            if hand.conflict(&words, k) {
                continue;
            }
            candidates.push(Learned {
                kind,
                ngram: g.clone(),
                items: occ.len(),
                positives: pos.len(),
                texts: texts_n,
                conversations: convs_n,
                brands: brands_n,
                lift,
                z,
                weight: weight_of(lift),
            });
        }
    }
    // Strongest first; ties by support, then by text and kind (a total order).
    candidates.sort_by(|x, y| {
        y.lift
            .total_cmp(&x.lift)
            .then(y.texts.cmp(&x.texts))
            .then(x.ngram.cmp(&y.ngram))
            .then(x.kind.cmp(y.kind))
    });
    let mut taken: Vec<Learned> = Vec::new();
    let mut per_kind: HashMap<&str, usize> = HashMap::new();
    for c in candidates {
        if per_kind.get(c.kind).copied().unwrap_or(0) >= params.cap {
            continue;
        }
        let g: Vec<&str> = c.ngram.split(' ').collect();
        if taken.iter().any(|t| {
            let h: Vec<&str> = t.ngram.split(' ').collect();
            overlaps(&g, &h)
        }) {
            continue;
        }
        *per_kind.entry(c.kind).or_default() += 1;
        taken.push(c);
    }
    SideResult {
        role,
        items: items.len(),
        base,
        entries: taken,
    }
}

/// Where an item comes from: the team's customer set (conversations `team/…`, see
/// [`crate::customers::CustomerItem::as_real`]) or the real corpus.
fn source(conv: &str) -> &'static str {
    if conv.starts_with("team/") {
        "team"
    } else {
        "corpus"
    }
}

/// Whether two n-grams say the same thing: one contains the other, or they overlap (one's
/// tail is the other's head) by two words or more.
fn overlaps(g: &[&str], h: &[&str]) -> bool {
    let contains = |a: &[&str], b: &[&str]| a.windows(b.len()).any(|w| w == b);
    if contains(g, h) || contains(h, g) {
        return true;
    }
    // A tail of `a` that is a head of `b`, of two words or more (shorter than both).
    let shared =
        |a: &[&str], b: &[&str]| (2..a.len().min(b.len())).any(|k| a[a.len() - k..] == b[..k]);
    shared(g, h) || shared(h, g)
}

/// Learns the layer from these replies and customer messages (the caller picks TRAIN items),
/// against the hand-written lexicon `hand` (the built-in `en.toml`).
///
/// `team` are further customer messages (the TRAIN half of the team's customer set, as
/// [`crate::customers::CustomerItem::as_real`]) with each one's brand: other industries
/// than the corpus's tech support, so the customer n-grams are counted over both domains
/// (`params.min_sources` can require support from both; the shipped layer does not).
pub fn learn_items(
    replies: &[&RealItem],
    customers: &[&RealItem],
    team: &[(RealItem, String)],
    hand: &Lexicon,
    params: &Params,
) -> Vec<SideResult> {
    let stop = stopwords();
    let mut customer_stop = stop.clone();
    if params.customer_skip_generic {
        customer_stop.extend(context_words("generic_words"));
    }
    let brand_of = brands_with(replies, team);
    let customers: Vec<&RealItem> = customers
        .iter()
        .copied()
        .chain(team.iter().map(|(i, _)| i))
        .collect();
    vec![
        learn_side(
            "agent replies",
            replies,
            &REPLY_KINDS,
            REPLY_PRESENT,
            params.reply_min_words,
            &hand_phrases(hand, false),
            &stop,
            &brand_of,
            params,
        ),
        learn_side(
            "customer messages",
            &customers,
            CUSTOMER_KINDS,
            CUSTOMER_PRESENT,
            params.customer_min_words,
            &hand_phrases(hand, true),
            &customer_stop,
            &brand_of,
            params,
        ),
    ]
}

/// The hand-written built-in lexicon (`en.toml` without its learned layer).
pub fn hand_lexicon() -> Lexicon {
    Lexicon::from_toml_str(empathy::lexicon::BUILTIN_EN)
        .unwrap_or_else(|e| panic!("the built-in en.toml is invalid: {e}"))
}

/// The TRAIN half of the team's customer set, as learner items with their brands.
pub fn team_train(team: &CustomerSet) -> Vec<(RealItem, String)> {
    team.select(Selection::Train)
        .iter()
        .map(|i| (i.as_real(), i.brand()))
        .collect()
}

/// Learns the layer from the TRAIN split of the real corpus and the TRAIN half of the
/// team's customer set, against the built-in hand-written lexicon.
pub fn learn(set: &RealSet, team: &CustomerSet) -> Vec<SideResult> {
    learn_items(
        &set.replies(Selection::Train),
        &set.customers(Selection::Train),
        &team_train(team),
        &hand_lexicon(),
        &Params::default(),
    )
}

/// The first lines of the file.
const HEADER: &str = "\
# The learned layer of the built-in English lexicon: written by `cargo run --release --example
# train -- --write`; do not edit by hand (override an entry in your own lexicon instead).
";

/// The lexicon file for what was learned. Groups by side, kind (in the crate's order) and
/// weight (strongest first); entries sorted by text within a group.
pub fn render(sides: &[SideResult]) -> String {
    let mut s = String::from(HEADER);
    let _ = write!(
        s,
        "#
# Word n-grams associated with a kind in the TRAIN split of the real rated
# corpus (data/eval/real; the held-out split is never read); replies {REPLY_MIN_WORDS}–{MAX_N} words,
# customer messages {CUSTOMER_MIN_WORDS}–{MAX_N}. Procedure and rules: examples/support/learn.rs. Beta prior of
# strength {PRIOR}; kept with rated-present items that are ≥ {MIN_SUPPORT} distinct texts from
# ≥ {MIN_CONVERSATIONS} conversations and ≥ {MIN_BRANDS} brands, lift ≥ {MIN_LIFT:.3}, z ≥ {MIN_Z}; at most {CAP} per kind.
# Each comment: rated-present items / items with the n-gram; distinct texts, conversations
# and brands of the rated-present ones; shrunk lift (log odds over the base rate,
# near-identical texts counted once) and z of the log odds ratio.
[lexicon]
format = 1
language = \"en\"
name = \"builtin-en-learned\"
version = \"0.1.0\"
"
    );
    for side in sides {
        let _ = write!(
            s,
            "\n# ===== {} ({} training items) =====\n",
            side.role, side.items
        );
        for &(kind, positives) in &side.base {
            let mut group: Vec<&Learned> = side.entries.iter().filter(|e| e.kind == kind).collect();
            let _ = write!(
                s,
                "\n# {kind}: {} learned ({positives} of {} training items rated present)\n",
                group.len(),
                side.items
            );
            group.sort_by(|a, b| b.weight.total_cmp(&a.weight).then(a.ngram.cmp(&b.ngram)));
            for by_weight in group.chunk_by(|a, b| a.weight == b.weight) {
                let _ = write!(
                    s,
                    "[[cues]]\nkind = \"{kind}\"\nweight = {}\n",
                    fmt_weight(by_weight[0].weight)
                );
                if kind == "exploration" {
                    s.push_str("question = true\n");
                }
                s.push_str("entries = [\n");
                for e in by_weight {
                    let _ = writeln!(
                        s,
                        "  \"{}\", # {}/{}; {} texts, {} conv, {} brands; lift {:.2}, z {:.2}",
                        e.ngram,
                        e.positives,
                        e.items,
                        e.texts,
                        e.conversations,
                        e.brands,
                        e.lift,
                        e.z
                    );
                }
                s.push_str("]\n");
            }
        }
    }
    s
}

fn fmt_weight(w: f64) -> String {
    let mut t = format!("{w:.2}");
    while t.ends_with('0') {
        t.pop();
    }
    if t.ends_with('.') {
        t.push('0');
    }
    t
}
