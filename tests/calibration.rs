//! The shipped score weights are exactly what the calibration procedure produces from the
//! rated real corpus and the development set (run `cargo run --release --example calibrate --
//! --write` after changing cues). Needs `../shared/corpora` beside the checkout (or
//! `EMPATHY_CORPUS`), and says so when it is missing.

#[path = "../examples/calibrate/fit.rs"]
mod fit;
#[path = "../examples/support/metrics.rs"]
mod metrics;
#[path = "../examples/support/real.rs"]
mod real;

use empathy::{Concern, Dimension, Scorer};

#[test]
fn shipped_weights_match_the_calibration_procedure() {
    let items = metrics::read_items(concat!(env!("CARGO_MANIFEST_DIR"), "/data/eval/dev.jsonl"))
        .expect("dev set");
    assert!(items.len() >= 400, "dev set has {} items", items.len());
    assert!(
        items.iter().all(|i| i.ratings.len() >= 2),
        "every item has two ratings"
    );
    let real_set = real::load().unwrap_or_else(|e| panic!("the rated real corpus: {e}"));
    let scorer = Scorer::default();
    let train = fit::examples(&scorer, &items, &real_set);
    let fitted = fit::fit(&scorer, &train);
    let shipped = scorer.model();
    let close = |a: f32, b: f32| (a - b).abs() <= 0.0015;
    let mut diffs = Vec::new();
    if !close(fitted.bias, shipped.bias) {
        diffs.push(format!(
            "bias: fitted {} shipped {}",
            fitted.bias, shipped.bias
        ));
    }
    if !close(fitted.off_topic, shipped.off_topic) {
        diffs.push(format!(
            "off_topic: fitted {} shipped {}",
            fitted.off_topic, shipped.off_topic
        ));
    }
    if !close(fitted.unmet_emotion, shipped.unmet_emotion) {
        diffs.push(format!(
            "unmet_emotion: fitted {} shipped {}",
            fitted.unmet_emotion, shipped.unmet_emotion
        ));
    }
    for &d in Dimension::ALL {
        let (f, s) = (
            fitted.dimension_weights.get(d),
            shipped.dimension_weights.get(d),
        );
        if !close(f, s) {
            diffs.push(format!("{d}: fitted {f} shipped {s}"));
        }
    }
    for &c in Concern::ALL {
        let (f, s) = (
            fitted.concern_weights.get(c),
            shipped.concern_weights.get(c),
        );
        if !close(f, s) {
            diffs.push(format!("{c}: fitted {f} shipped {s}"));
        }
    }
    if fitted.levels != shipped.levels {
        diffs.push(format!(
            "levels: fitted {:?} shipped {:?}",
            fitted.levels, shipped.levels
        ));
    }
    assert!(
        diffs.is_empty(),
        "shipped weights differ from the calibration (run `cargo run --release --example calibrate -- --write`):\n{}",
        diffs.join("\n")
    );
}
