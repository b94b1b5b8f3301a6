//! Evaluation metrics and the development-set reader, shared by the `evaluate` and
//! `calibrate` examples and the calibration test.

#![allow(dead_code)]

use serde::Deserialize;

/// The fields a rater rates 0/1/2.
pub const FIELDS: [&str; 11] = [
    "acknowledgment",
    "understanding",
    "exploration",
    "ownership",
    "reassurance",
    "personalization",
    "blame",
    "dismissiveness",
    "policy_wall",
    "scripted",
    "curtness",
];

/// One rater's ratings of one item.
#[derive(Debug, Clone, Deserialize)]
pub struct Rating {
    pub rater: String,
    pub acknowledgment: u8,
    pub understanding: u8,
    pub exploration: u8,
    pub ownership: u8,
    pub reassurance: u8,
    pub personalization: u8,
    pub blame: u8,
    pub dismissiveness: u8,
    pub policy_wall: u8,
    pub scripted: u8,
    pub curtness: u8,
    pub overall: u8,
    #[serde(default)]
    pub note: String,
}

impl Rating {
    pub fn field(&self, name: &str) -> u8 {
        match name {
            "acknowledgment" => self.acknowledgment,
            "understanding" => self.understanding,
            "exploration" => self.exploration,
            "ownership" => self.ownership,
            "reassurance" => self.reassurance,
            "personalization" => self.personalization,
            "blame" => self.blame,
            "dismissiveness" => self.dismissiveness,
            "policy_wall" => self.policy_wall,
            "scripted" => self.scripted,
            "curtness" => self.curtness,
            "overall" => self.overall,
            other => panic!("unknown field {other}"),
        }
    }
}

/// One labelled customer/reply pair.
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    pub id: String,
    #[serde(default)]
    pub industry: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub customer: Option<String>,
    pub reply: String,
    pub ratings: Vec<Rating>,
}

impl Item {
    /// Mean rating of a field over the raters.
    pub fn mean(&self, field: &str) -> f64 {
        let n = self.ratings.len().max(1) as f64;
        self.ratings
            .iter()
            .map(|r| f64::from(r.field(field)))
            .sum::<f64>()
            / n
    }

    /// The scorer's assessment of the reply, against the customer's message when there is one.
    pub fn assess(&self, scorer: &empathy::Scorer) -> empathy::Assessment {
        match &self.customer {
            Some(c) => scorer.score_reply(c, &self.reply),
            None => scorer.score(&self.reply),
        }
    }

    /// Whether the item is in the held-out split. The split is fixed: by a hash of the
    /// customer message, so replies to the same message stay on the same side.
    pub fn held_out(&self) -> bool {
        fnv1a(self.customer.as_deref().unwrap_or(&self.reply)).is_multiple_of(4)
    }
}

/// FNV-1a 64 of the UTF-8 text: the dev set's split and the real ratings' text hashes.
pub fn fnv1a(text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

pub fn read_items(path: &str) -> Result<Vec<Item>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| serde_json::from_str(l).map_err(|e| format!("{path}:{}: {e}", n + 1)))
        .collect()
}

/// Average ranks (1-based), ties sharing their mean rank.
pub fn ranks(v: &[f64]) -> Vec<f64> {
    let mut idx: Vec<usize> = (0..v.len()).collect();
    idx.sort_by(|&a, &b| v[a].total_cmp(&v[b]));
    let mut r = vec![0.0; v.len()];
    let mut i = 0;
    while i < idx.len() {
        let mut j = i;
        while j + 1 < idx.len() && v[idx[j + 1]] == v[idx[i]] {
            j += 1;
        }
        let avg = (i + j) as f64 / 2.0 + 1.0;
        for k in i..=j {
            r[idx[k]] = avg;
        }
        i = j + 1;
    }
    r
}

pub fn pearson(x: &[f64], y: &[f64]) -> f64 {
    let n = x.len() as f64;
    if x.len() < 2 {
        return f64::NAN;
    }
    let mx = x.iter().sum::<f64>() / n;
    let my = y.iter().sum::<f64>() / n;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x.iter().zip(y) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    if sxx == 0.0 || syy == 0.0 {
        return f64::NAN;
    }
    sxy / (sxx * syy).sqrt()
}

pub fn spearman(x: &[f64], y: &[f64]) -> f64 {
    pearson(&ranks(x), &ranks(y))
}

/// ROC AUC of `score` for `positive` labels (Mann–Whitney, ties count half). NaN when a
/// class is empty.
pub fn roc_auc(score: &[f64], positive: &[bool]) -> f64 {
    let r = ranks(score);
    let n_pos = positive.iter().filter(|&&p| p).count() as f64;
    let n_neg = positive.len() as f64 - n_pos;
    if n_pos == 0.0 || n_neg == 0.0 {
        return f64::NAN;
    }
    let rank_sum: f64 = r
        .iter()
        .zip(positive)
        .filter(|(_, p)| **p)
        .map(|(r, _)| r)
        .sum();
    (rank_sum - n_pos * (n_pos + 1.0) / 2.0) / (n_pos * n_neg)
}

/// The ROC curve of `score` for `positive` labels: (false positive rate, true positive rate)
/// from (0, 0) to (1, 1), one point per distinct score, highest first (tied scores are one
/// diagonal step, as [`roc_auc`] counts them half). Empty when a class is empty.
pub fn roc_curve(score: &[f64], positive: &[bool]) -> Vec<(f64, f64)> {
    let n_pos = positive.iter().filter(|&&p| p).count() as f64;
    let n_neg = positive.len() as f64 - n_pos;
    if n_pos == 0.0 || n_neg == 0.0 {
        return Vec::new();
    }
    let mut idx: Vec<usize> = (0..score.len()).collect();
    idx.sort_by(|&a, &b| score[b].total_cmp(&score[a]));
    let mut curve = vec![(0.0, 0.0)];
    let (mut tp, mut fp) = (0.0, 0.0);
    for (k, &i) in idx.iter().enumerate() {
        if positive[i] {
            tp += 1.0;
        } else {
            fp += 1.0;
        }
        if idx.get(k + 1).is_none_or(|&j| score[j] != score[i]) {
            curve.push((fp / n_neg, tp / n_pos));
        }
    }
    curve
}

/// Best F1 over all thresholds of `score`, and the threshold.
pub fn best_f1(score: &[f64], positive: &[bool]) -> (f64, f64) {
    let mut thresholds: Vec<f64> = score.to_vec();
    thresholds.sort_by(f64::total_cmp);
    thresholds.dedup();
    let mut best = (0.0, f64::NAN);
    for &t in &thresholds {
        let (mut tp, mut fp, mut fne) = (0.0, 0.0, 0.0);
        for (&s, &p) in score.iter().zip(positive) {
            match (s >= t, p) {
                (true, true) => tp += 1.0,
                (true, false) => fp += 1.0,
                (false, true) => fne += 1.0,
                _ => {}
            }
        }
        let f1 = if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fne)
        };
        if f1 > best.0 {
            best = (f1, t);
        }
    }
    best
}

/// Quadratic-weighted Cohen's kappa between two raters on an ordinal scale `min..=max`.
pub fn qwk(a: &[u8], b: &[u8], min: u8, max: u8) -> f64 {
    let k = usize::from(max - min) + 1;
    let n = a.len() as f64;
    if a.is_empty() {
        return f64::NAN;
    }
    let mut obs = vec![vec![0.0; k]; k];
    let (mut ha, mut hb) = (vec![0.0; k], vec![0.0; k]);
    for (&x, &y) in a.iter().zip(b) {
        let (i, j) = (usize::from(x - min), usize::from(y - min));
        obs[i][j] += 1.0;
        ha[i] += 1.0;
        hb[j] += 1.0;
    }
    let (mut num, mut den) = (0.0, 0.0);
    for i in 0..k {
        for j in 0..k {
            let w = ((i as f64 - j as f64) / (k as f64 - 1.0)).powi(2);
            num += w * obs[i][j];
            den += w * ha[i] * hb[j] / n;
        }
    }
    if den == 0.0 { 1.0 } else { 1.0 - num / den }
}
