//! Diminishing returns: the weights of one kind's findings combine into one 0–1 value (the
//! third "sorry" adds little).

use crate::analyze::Finding;
use crate::kind::Kind;
use crate::model::Model;

/// Scratch space for [`saturate_kinds`]: (kind slot, weight) of each found cue.
pub(crate) type KindWeights = Vec<(u8, f32)>;

/// The saturated strength of every kind, from one sort of the found cues (indexed by
/// [`Kind::slot`]). `pairs` is scratch space.
pub(crate) fn saturate_kinds(
    w: &Model,
    findings: &[Finding],
    pairs: &mut KindWeights,
) -> [f32; Kind::SLOTS] {
    pairs.clear();
    pairs.extend(findings.iter().map(|f| (f.kind.slot() as u8, f.weight)));
    pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
    let mut out = [0.0; Kind::SLOTS];
    for group in pairs.chunk_by(|a, b| a.0 == b.0) {
        out[group[0].0 as usize] = w.saturate(group.iter().map(|p| p.1));
    }
    out
}
