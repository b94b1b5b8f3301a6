//! A deterministic automaton over word IDs, compiled from lexicon patterns without expanding
//! them.
//!
//! Every pattern becomes a small word-level NFA fragment (alternatives branch and join again,
//! optional parts get an ε edge), all fragments hang off one root, and subset construction
//! turns the whole into a DFA. An entry that stands for 7,200 phrasings costs a few dozen
//! states instead of 7,200 strings, which keeps building in milliseconds and the tables
//! small. Matching walks the DFA from each word of a text: one table lookup per word.

use crate::lexicon::pattern::{Part, Seq};
use crate::text::segment::{NO_WORD, WordId};
use crate::util::hash;
use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// A DFA state. `DEAD` has no way forward; `ROOT` is where every walk starts.
pub(crate) type State = u32;
pub(crate) const DEAD: State = 0;
pub(crate) const ROOT: State = 1;
/// Set on a state reached by a transition when that state accepts, so a walk reads whether
/// it matched from the state itself and loads the label only when it did.
pub(crate) const ACCEPTS: State = 1 << 31;
/// A DFA has at most this many states (far above any real lexicon: the built-in one has
/// about 7,700); the top bits of a state are flags ([`ACCEPTS`], and one the matcher uses).
pub(crate) const MAX_STATES: usize = 1 << 24;

/// The word-level NFA under construction: flat lists of (node, …) pairs, grouped by node
/// when the DFA is built (a few big vectors instead of three small ones per node).
#[derive(Debug, Default)]
pub(crate) struct Nfa {
    nodes: u32,
    /// ε edges (from, to).
    eps: Vec<(u32, u32)>,
    /// Word edges (from, (word, to)).
    edges: Vec<(u32, (WordId, u32))>,
    /// Accept labels (node, label).
    accepts: Vec<(u32, u32)>,
}

impl Nfa {
    pub(crate) fn new() -> Nfa {
        let mut nfa = Nfa::default();
        nfa.node(); // the root, node 0
        nfa
    }

    fn node(&mut self) -> u32 {
        self.nodes += 1;
        self.nodes - 1
    }

    /// Adds a pattern from the root; reaching its end accepts `label`. `intern` turns a
    /// word into its ID.
    pub(crate) fn add_pattern(
        &mut self,
        seq: &Seq,
        label: u32,
        intern: &mut impl FnMut(&str) -> WordId,
    ) {
        let end = self.seq(seq, 0, intern);
        self.accepts.push((end, label));
    }

    /// Adds a literal phrase (words separated by single spaces) from the root.
    pub(crate) fn add_phrase(
        &mut self,
        phrase: &str,
        label: u32,
        intern: &mut impl FnMut(&str) -> WordId,
    ) {
        let end = self.words(phrase, 0, intern);
        self.accepts.push((end, label));
    }

    fn words(&mut self, phrase: &str, from: u32, intern: &mut impl FnMut(&str) -> WordId) -> u32 {
        phrase.split(' ').fold(from, |at, w| {
            let next = self.node();
            self.edges.push((at, (intern(w), next)));
            next
        })
    }

    /// The same automaton with pass-through nodes taken out: a node whose only way on is one
    /// ε edge (the end of a phrase or alternative, before the node where they join) and that
    /// accepts nothing stands for that edge's target. Edges into it go straight there, so
    /// every closure has fewer nodes to visit (the language is the same).
    fn without_pass_through(&self) -> Nfa {
        let nodes = self.nodes as usize;
        // Per node: its one ε target, or `NONE` when it has other ways on (or none).
        const NONE: u32 = u32::MAX;
        let mut through = vec![NONE; nodes];
        let mut eps_out = vec![0u32; nodes];
        for &(from, to) in &self.eps {
            eps_out[from as usize] += 1;
            through[from as usize] = to;
        }
        for (n, &count) in eps_out.iter().enumerate() {
            if count != 1 {
                through[n] = NONE;
            }
        }
        for &(from, _) in &self.edges {
            through[from as usize] = NONE;
        }
        for &(n, _) in &self.accepts {
            through[n as usize] = NONE;
        }
        through[0] = NONE;
        // Where a node really leads (chains followed; patterns have no ε cycles, and the
        // walk is bounded all the same).
        let target = |mut n: u32| {
            for _ in 0..nodes {
                match through[n as usize] {
                    NONE => break,
                    next => n = next,
                }
            }
            n
        };
        Nfa {
            nodes: self.nodes,
            eps: self
                .eps
                .iter()
                .filter(|&&(from, _)| through[from as usize] == NONE)
                .map(|&(from, to)| (from, target(to)))
                .collect(),
            edges: self
                .edges
                .iter()
                .map(|&(from, (w, to))| (from, (w, target(to))))
                .collect(),
            accepts: self.accepts.clone(),
        }
    }

    fn seq(&mut self, seq: &Seq, from: u32, intern: &mut impl FnMut(&str) -> WordId) -> u32 {
        let mut at = from;
        for (part, optional) in seq.items() {
            let end = match part {
                Part::Word(w) => self.words(w, at, intern),
                Part::Phrases(phrases) => {
                    let join = self.node();
                    for p in phrases {
                        let e = self.words(p, at, intern);
                        self.eps.push((e, join));
                    }
                    join
                }
                Part::Alt(alts) => {
                    let join = self.node();
                    for a in alts {
                        let e = self.seq(a, at, intern);
                        self.eps.push((e, join));
                    }
                    join
                }
            };
            if optional {
                self.eps.push((at, end));
            }
            at = end;
        }
        at
    }
}

/// The compiled DFA. `T` is what an accepting state stands for.
#[derive(Debug, Clone)]
pub(crate) struct Dfa<T> {
    /// Transitions out of the root, indexed by word ID (most walks end here).
    root: Vec<State>,
    /// `edges[offsets[s]..offsets[s + 1]]` are the transitions of state `s`: a list, or a
    /// hash table for a state with many (see [`NARROW`]).
    offsets: Vec<u32>,
    edges: Vec<(WordId, State)>,
    /// Per state, a 64-bit filter of the words it has edges on (bit `word % 64`): most
    /// walks end on a word the state has no edge on, and the filter says so from one load.
    bloom: Vec<u64>,
    /// What each state accepts (`None`: not accepting).
    accept: Vec<Option<T>>,
}

/// States with more edges than this have them hashed: their stretch of `edges` is an
/// open-addressing table (a power of two long, at most half full, empty slots `NO_WORD`)
/// instead of a list — one probe, in the state's own few cache lines, instead of a search.
const NARROW: usize = 8;

/// Where `word` hashes to in a table of `2^bits` slots.
#[inline]
fn wide_slot(word: WordId, bits: u32) -> usize {
    hash::slot(u64::from(word), bits)
}

/// The rows of states with more than [`NARROW`] edges, rewritten as hash tables.
fn hash_wide_rows(offsets: &[u32], edges: &[(WordId, State)]) -> (Vec<u32>, Vec<(WordId, State)>) {
    let mut new_offsets = vec![0u32];
    let mut new_edges = Vec::with_capacity(edges.len() * 2);
    for s in 0..offsets.len() - 1 {
        let row = &edges[offsets[s] as usize..offsets[s + 1] as usize];
        if row.len() > NARROW {
            let size = (row.len() * 2).next_power_of_two();
            let (bits, base) = (size.trailing_zeros(), new_edges.len());
            new_edges.resize(base + size, (NO_WORD, DEAD));
            for &(w, next) in row {
                let mut i = wide_slot(w, bits);
                while new_edges[base + i].0 != NO_WORD {
                    i = (i + 1) & (size - 1);
                }
                new_edges[base + i] = (w, next);
            }
        } else {
            new_edges.extend_from_slice(row);
        }
        new_offsets.push(new_edges.len() as u32);
    }
    (new_offsets, new_edges)
}

impl<T> Dfa<T> {
    /// Determinises `nfa` over a vocabulary of `words` IDs. `label` turns the accept labels
    /// of a state's NFA nodes (sorted, distinct) into what the state accepts. `None` if the
    /// DFA would have more than `max_states` states (at most [`MAX_STATES`]).
    pub(crate) fn build(
        nfa: &Nfa,
        words: usize,
        max_states: usize,
        mut label: impl FnMut(&[u32]) -> Option<T>,
    ) -> Option<Dfa<T>> {
        let max_states = max_states.min(MAX_STATES);
        let nfa = &nfa.without_pass_through();
        let nodes = nfa.nodes as usize;
        let accepts = Grouped::new(nodes, &nfa.accepts);
        let Subsets {
            sets,
            offsets,
            mut edges,
        } = Subsets::build(nfa, max_states)?;
        let mut root = vec![DEAD; words];
        let (a, b) = (
            offsets[ROOT as usize] as usize,
            offsets[ROOT as usize + 1] as usize,
        );
        for &(w, next) in &edges[a..b] {
            root[w as usize] = next;
        }
        let mut labels = Vec::new();
        let accept: Vec<Option<T>> = (0..sets.len())
            .map(|s| {
                labels.clear();
                for &n in sets.get(s) {
                    labels.extend_from_slice(accepts.of(n));
                }
                labels.sort_unstable();
                labels.dedup();
                if labels.is_empty() {
                    None
                } else {
                    label(&labels)
                }
            })
            .collect();
        let flag = |s: State| {
            if accept[s as usize].is_some() {
                s | ACCEPTS
            } else {
                s
            }
        };
        for e in &mut edges {
            e.1 = flag(e.1);
        }
        for r in &mut root {
            *r = flag(*r);
        }
        let bloom = (0..offsets.len() - 1)
            .map(|s| {
                let row = &edges[offsets[s] as usize..offsets[s + 1] as usize];
                row.iter().fold(0u64, |b, &(w, _)| b | (1 << (w % 64)))
            })
            .collect();
        let (offsets, edges) = hash_wide_rows(&offsets, &edges);
        Some(Dfa {
            root,
            offsets,
            edges,
            bloom,
            accept,
        })
    }

    /// The state after reading `word` in `state` (`DEAD` if there is none).
    #[inline(always)]
    pub(crate) fn next(&self, state: State, word: WordId) -> State {
        let state = (state & !ACCEPTS) as usize;
        if word == NO_WORD || state == DEAD as usize {
            return DEAD;
        }
        if state == ROOT as usize {
            return self.root(word);
        }
        if self.bloom[state] & (1 << (word % 64)) == 0 {
            return DEAD;
        }
        self.row_next(state, word)
    }

    /// [`Dfa::next`] past the filter: the state's row is searched (out of line: the inline
    /// part above ends most walks).
    #[inline(never)]
    fn row_next(&self, state: usize, word: WordId) -> State {
        let (a, b) = (
            self.offsets[state] as usize,
            self.offsets[state + 1] as usize,
        );
        if b - a > NARROW {
            let (size, table) = (b - a, &self.edges[a..b]);
            let mut i = wide_slot(word, size.trailing_zeros());
            loop {
                let (w, next) = table[i];
                if w == word {
                    return next;
                }
                if w == NO_WORD {
                    return DEAD;
                }
                i = (i + 1) & (size - 1);
            }
        }
        // Most states have a handful of edges: a scan of one cache line or two.
        self.edges[a..b]
            .iter()
            .find(|e| e.0 == word)
            .map_or(DEAD, |e| e.1)
    }

    /// The transition out of the root on `word` (a word ID, not `NO_WORD`).
    #[inline]
    pub(crate) fn root(&self, word: WordId) -> State {
        self.root.get(word as usize).copied().unwrap_or(DEAD)
    }

    /// What `state` accepts.
    #[inline]
    pub(crate) fn accept(&self, state: State) -> Option<&T> {
        self.accept[(state & !ACCEPTS) as usize].as_ref()
    }

    /// Number of states.
    #[cfg(test)]
    pub(crate) fn states(&self) -> usize {
        self.accept.len()
    }

    /// Approximate heap bytes.
    pub(crate) fn memory_usage(&self) -> usize {
        self.root.len() * 4
            + self.offsets.len() * 4
            + self.edges.len() * 8
            + self.bloom.len() * 8
            + self.accept.len() * std::mem::size_of::<Option<T>>()
    }
}

/// The subset construction: each DFA state is a set of NFA nodes, with its edges.
struct Subsets {
    /// Each state's NFA node set (`DEAD` is the empty set).
    sets: NodeSets,
    /// `edges[offsets[s]..offsets[s + 1]]` are state `s`'s (word, next) pairs, by word.
    offsets: Vec<u32>,
    edges: Vec<(WordId, State)>,
}

/// The NFA node sets of the DFA states, end to end in one vector (state `s` is
/// `nodes[starts[s]..starts[s + 1]]`), and an index from a set to its state: one
/// allocation for all of them instead of one per state.
struct NodeSets {
    nodes: Vec<u32>,
    starts: Vec<u32>,
    index: HashTable<State>,
}

impl NodeSets {
    fn new() -> NodeSets {
        NodeSets {
            nodes: Vec::new(),
            starts: vec![0],
            index: HashTable::new(),
        }
    }

    fn len(&self) -> usize {
        self.starts.len() - 1
    }

    fn get(&self, s: usize) -> &[u32] {
        set_of(&self.nodes, &self.starts, s)
    }

    fn hash(set: &[u32]) -> u64 {
        FxBuildHasher.hash_one(set)
    }

    /// The state of `set`, if it has one.
    fn find(&self, set: &[u32]) -> Option<State> {
        self.index
            .find(Self::hash(set), |&s| self.get(s as usize) == set)
            .copied()
    }

    /// Adds `set` (not yet a state) as the next state.
    fn push(&mut self, set: &[u32]) -> State {
        let id = self.len() as State;
        self.nodes.extend_from_slice(set);
        self.starts.push(self.nodes.len() as u32);
        // The index is grown while the arena is borrowed apart from it.
        let (nodes, starts) = (&self.nodes, &self.starts);
        let rehash = |&s: &State| Self::hash(set_of(nodes, starts, s as usize));
        self.index.insert_unique(Self::hash(set), id, rehash);
        id
    }
}

/// State `s`'s node set in the arena.
fn set_of<'a>(nodes: &'a [u32], starts: &[u32], s: usize) -> &'a [u32] {
    &nodes[starts[s] as usize..starts[s + 1] as usize]
}

impl Subsets {
    /// Determinises `nfa`; `None` past `max_states`.
    fn build(nfa: &Nfa, max_states: usize) -> Option<Subsets> {
        let nodes = nfa.nodes as usize;
        let eps = Grouped::new(nodes, &nfa.eps);
        let nfa_edges = Grouped::new(nodes, &nfa.edges);
        let mut closure = Closure::new(nodes);
        let mut set = Vec::new();
        let mut sets = NodeSets::new();
        sets.push(&[]);
        closure.of(&eps, &[0], &mut set);
        sets.push(&set);
        let mut offsets = vec![0u32, 0];
        let mut edges: Vec<(WordId, State)> = Vec::new();
        let mut pairs: Vec<(WordId, u32)> = Vec::new();
        let mut targets: Vec<u32> = Vec::new();
        let mut s = ROOT as usize;
        while s < sets.len() {
            pairs.clear();
            for &n in sets.get(s) {
                for &e in nfa_edges.of(n) {
                    pairs.push(e);
                }
            }
            pairs.sort_unstable();
            pairs.dedup();
            for group in pairs.chunk_by(|a, b| a.0 == b.0) {
                targets.clear();
                targets.extend(group.iter().map(|p| p.1));
                closure.of(&eps, &targets, &mut set);
                let next = match sets.find(&set) {
                    Some(id) => id,
                    None if sets.len() >= max_states => return None,
                    None => sets.push(&set),
                };
                edges.push((group[0].0, next));
            }
            offsets.push(edges.len() as u32);
            s += 1;
        }
        Some(Subsets {
            sets,
            offsets,
            edges,
        })
    }
}

/// (node, value) pairs grouped by node: `of(n)` is node `n`'s values, in insertion order.
struct Grouped<V> {
    offsets: Vec<u32>,
    values: Vec<V>,
}

impl<V: Copy> Grouped<V> {
    fn new(nodes: usize, pairs: &[(u32, V)]) -> Grouped<V> {
        let mut offsets = vec![0u32; nodes + 1];
        for &(n, _) in pairs {
            offsets[n as usize + 1] += 1;
        }
        for i in 0..nodes {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        // Any values will do as placeholders: every slot is overwritten below.
        let mut values: Vec<V> = pairs.iter().map(|p| p.1).collect();
        for &(n, v) in pairs {
            values[next[n as usize] as usize] = v;
            next[n as usize] += 1;
        }
        Grouped { offsets, values }
    }

    fn of(&self, n: u32) -> &[V] {
        &self.values[self.offsets[n as usize] as usize..self.offsets[n as usize + 1] as usize]
    }
}

/// ε-closure of NFA node sets, with a reusable visited marker.
struct Closure {
    mark: Vec<u32>,
    stamp: u32,
    stack: Vec<u32>,
}

impl Closure {
    fn new(nodes: usize) -> Closure {
        Closure {
            mark: vec![0; nodes],
            stamp: 0,
            stack: Vec::new(),
        }
    }

    /// The sorted set of nodes reachable from `start` by ε edges (including `start`), into
    /// `out`.
    fn of(&mut self, eps: &Grouped<u32>, start: &[u32], out: &mut Vec<u32>) {
        out.clear();
        // Most targets are inside a phrase, with no ε edge out: the closure is the targets
        // themselves (sorted and distinct, as the caller gives them).
        if start.iter().all(|&n| eps.of(n).is_empty()) {
            out.extend_from_slice(start);
            return;
        }
        self.stamp += 1;
        self.stack.clear();
        self.stack.extend_from_slice(start);
        while let Some(n) = self.stack.pop() {
            if self.mark[n as usize] == self.stamp {
                continue;
            }
            self.mark[n as usize] = self.stamp;
            out.push(n);
            // A node has an ε edge or two: pushed one by one, not copied as a slice.
            for &m in eps.of(n) {
                self.stack.push(m);
            }
        }
        out.sort_unstable();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::pattern::parse;
    use proptest::prelude::*;
    use rustc_hash::FxHashMap;

    fn compile(patterns: &[&str]) -> (Dfa<Vec<u32>>, FxHashMap<String, WordId>) {
        let mut vocab: FxHashMap<String, WordId> = FxHashMap::default();
        let mut nfa = Nfa::new();
        for (i, p) in patterns.iter().enumerate() {
            let seq = parse(p).unwrap();
            nfa.add_pattern(&seq, i as u32, &mut |w| {
                let n = vocab.len() as WordId;
                *vocab.entry(w.to_string()).or_insert(n)
            });
        }
        let dfa = Dfa::build(&nfa, vocab.len(), MAX_STATES, |l| Some(l.to_vec())).expect("small");
        (dfa, vocab)
    }

    fn run(dfa: &Dfa<Vec<u32>>, vocab: &FxHashMap<String, WordId>, text: &str) -> Option<Vec<u32>> {
        let mut s = ROOT;
        for w in text.split(' ') {
            s = dfa.next(s, vocab.get(w).copied().unwrap_or(NO_WORD));
        }
        dfa.accept(s).cloned()
    }

    #[test]
    fn matches_what_the_patterns_expand_to() {
        let (dfa, v) = compile(&[
            "(so|very)? sorry (for|about) (the|this)? delay",
            "sorry",
            "so sorry",
        ]);
        assert_eq!(run(&dfa, &v, "sorry for delay"), Some(vec![0]));
        assert_eq!(run(&dfa, &v, "very sorry about the delay"), Some(vec![0]));
        assert_eq!(run(&dfa, &v, "sorry"), Some(vec![1]));
        assert_eq!(run(&dfa, &v, "so sorry"), Some(vec![2]));
        assert_eq!(run(&dfa, &v, "so"), None);
        assert_eq!(run(&dfa, &v, "sorry the delay"), None);
        assert_eq!(run(&dfa, &v, "unknown"), None);
    }

    #[test]
    fn shared_phrases_accept_every_label() {
        let (dfa, v) = compile(&["(a|b) c", "a c?"]);
        assert_eq!(run(&dfa, &v, "a c"), Some(vec![0, 1]));
        assert_eq!(run(&dfa, &v, "a"), Some(vec![1]));
        assert_eq!(run(&dfa, &v, "b c"), Some(vec![0]));
    }

    #[test]
    fn refuses_to_grow_past_its_state_limit() {
        let mut nfa = Nfa::new();
        let mut next = 0;
        let seq = parse("a (b|c) d e f").unwrap();
        nfa.add_pattern(&seq, 0, &mut |_| {
            next += 1;
            next - 1
        });
        let ok = Dfa::build(&nfa, 6, 100, |l| Some(l.to_vec()));
        assert!(ok.is_some());
        let states = ok.map_or(0, |d| d.states());
        let cut = Dfa::build(&nfa, 6, states - 1, |l| Some(l.to_vec()));
        assert!(
            cut.is_none(),
            "{states} states should not fit in {}",
            states - 1
        );
    }

    /// Small patterns over four words: a word, a group of alternatives, either optional.
    fn pattern() -> impl Strategy<Value = String> {
        let word = proptest::sample::select(vec!["a", "b", "c", "d"]).prop_map(str::to_owned);
        let item = word.prop_recursive(2, 12, 3, |inner| {
            proptest::collection::vec(proptest::collection::vec(inner, 1..3), 1..4).prop_map(
                |alts| {
                    let alts: Vec<String> = alts.iter().map(|a| a.join(" ")).collect();
                    format!("({})", alts.join("|"))
                },
            )
        });
        proptest::collection::vec((item, proptest::bool::ANY), 1..4).prop_map(|items| {
            let mut parts: Vec<String> = items
                .into_iter()
                .map(|(p, opt)| if opt { format!("{p}?") } else { p })
                .collect();
            // At least one part is required, so the pattern matches something.
            parts[0] = parts[0].trim_end_matches('?').to_owned();
            parts.join(" ")
        })
    }

    proptest! {
        /// The DFA (pass-through nodes taken out of the NFA first) accepts exactly the
        /// phrases each pattern expands to, with every label that has the phrase.
        #[test]
        fn accepts_exactly_the_expansions(patterns in proptest::collection::vec(pattern(), 1..4),
                                          probes in proptest::collection::vec(proptest::collection::vec(0..4usize, 1..5), 0..20)) {
            let refs: Vec<&str> = patterns.iter().map(String::as_str).collect();
            let Ok(seqs) = refs.iter().map(|p| parse(p)).collect::<Result<Vec<_>, _>>() else {
                return Ok(());
            };
            let (dfa, v) = compile(&refs);
            let mut expected: FxHashMap<String, Vec<u32>> = FxHashMap::default();
            for (i, seq) in seqs.iter().enumerate() {
                for phrase in crate::lexicon::pattern::expand(seq, 10_000).unwrap() {
                    expected.entry(phrase).or_default().push(i as u32);
                }
            }
            for (phrase, labels) in &expected {
                prop_assert_eq!(run(&dfa, &v, phrase), Some(labels.clone()), "{}", phrase);
            }
            for probe in probes {
                let text: Vec<&str> = probe.iter().map(|&w| ["a", "b", "c", "d"][w]).collect();
                let text = text.join(" ");
                prop_assert_eq!(run(&dfa, &v, &text), expected.get(&text).cloned(), "{}", text);
            }
        }
    }

    #[test]
    fn stays_small_for_large_expansions() {
        let (dfa, _) = compile(&["(a|b|c|d|e) (a|b|c|d|e)? (a|b|c|d|e) (a|b|c|d|e)? (f|g)"]);
        // 5 × 6 × 5 × 6 × 2 = 1,800 phrases; a few dozen states.
        assert!(dfa.states() < 40, "{}", dfa.states());
    }

    #[test]
    fn wide_and_narrow_states_agree_with_the_patterns() {
        // One state with 150 edges (hashed, and its word filter full), one with 3 (scanned);
        // 150 words also make filter bits collide, so the filter must not reject real edges.
        let many: Vec<String> = (0..150).map(|i| format!("w{i}")).collect();
        let pattern = format!("start ({}) end", many.join("|"));
        let (dfa, v) = compile(&[pattern.as_str(), "few (x|y|z)"]);
        for w in &many {
            assert_eq!(
                run(&dfa, &v, &format!("start {w} end")),
                Some(vec![0]),
                "{w}"
            );
            assert_eq!(run(&dfa, &v, &format!("few {w}")), None, "{w}");
        }
        for w in ["x", "y", "z"] {
            assert_eq!(run(&dfa, &v, &format!("few {w}")), Some(vec![1]));
            assert_eq!(run(&dfa, &v, &format!("start {w} end")), None);
        }
        assert_eq!(run(&dfa, &v, "start end"), None);
        assert_eq!(run(&dfa, &v, "start start end"), None);
    }
}
