//! The figures of `evaluate --plot DIR`, as SVG files (plotters' SVG backend): a grid of ROC
//! curves, one panel per field with the crate's curve and VADER's and their AUCs in the
//! legend, and the score plotted against the raters' mean overall rating, Spearman in the
//! title.

#![allow(dead_code)]

use plotters::prelude::*;
use std::path::Path;

/// The crate's colour and VADER's, in every figure.
const OURS: RGBColor = RGBColor(31, 119, 180);
const VADER: RGBColor = RGBColor(255, 127, 14);
const GRID: RGBColor = RGBColor(225, 225, 225);
const CHANCE: RGBColor = RGBColor(150, 150, 150);
/// The levels' colours in the scatter: low, moderate, high.
const LOW: RGBColor = RGBColor(214, 39, 40);
const MODERATE: RGBColor = RGBColor(230, 160, 0);
const HIGH: RGBColor = RGBColor(44, 160, 44);

const FONT: &str = "sans-serif";

/// One ROC curve: its points (false positive rate, true positive rate) and its AUC.
pub struct Curve {
    pub points: Vec<(f64, f64)>,
    pub auc: f64,
}

/// One field's panel: the crate's curve (none for a field the crate does not score) and
/// VADER's, on the same labels.
pub struct Panel {
    pub field: String,
    pub positives: usize,
    pub items: usize,
    pub ours: Option<Curve>,
    pub vader: Curve,
}

fn auc_text(auc: f64) -> String {
    if auc.is_finite() {
        format!("{auc:.3}")
    } else {
        "n/a".to_string()
    }
}

fn failed(path: &Path) -> impl Fn(&dyn std::fmt::Display) -> String + '_ {
    move |e| format!("cannot draw {}: {e}", path.display())
}

/// A grid of ROC panels, four a row, under `title`.
pub fn roc_grid(path: &Path, title: &str, panels: &[Panel]) -> Result<(), String> {
    let fail = failed(path);
    const COLS: usize = 4;
    const CELL: u32 = 320;
    let rows = panels.len().div_ceil(COLS).max(1);
    let size = (CELL * COLS as u32, CELL * rows as u32 + 56);
    let root = SVGBackend::new(path, size).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let root = root
        .titled(title, (FONT, 22).into_font().color(&BLACK))
        .map_err(|e| fail(&e))?;
    let cells = root.split_evenly((rows, COLS));
    for (panel, cell) in panels.iter().zip(&cells) {
        let caption = format!(
            "{} ({} of {} present)",
            panel.field, panel.positives, panel.items
        );
        let mut chart = ChartBuilder::on(cell)
            .caption(caption, (FONT, 15))
            .margin(8)
            .x_label_area_size(32)
            .y_label_area_size(38)
            .build_cartesian_2d(0f64..1f64, 0f64..1f64)
            .map_err(|e| fail(&e))?;
        chart
            .configure_mesh()
            .light_line_style(WHITE)
            .bold_line_style(GRID)
            .x_labels(6)
            .y_labels(6)
            .x_desc("false positive rate")
            .y_desc("true positive rate")
            .label_style((FONT, 11))
            .axis_desc_style((FONT, 12))
            .x_label_formatter(&|v| format!("{v:.1}"))
            .y_label_formatter(&|v| format!("{v:.1}"))
            .draw()
            .map_err(|e| fail(&e))?;
        chart
            .draw_series(DashedLineSeries::new(
                [(0.0, 0.0), (1.0, 1.0)],
                4,
                4,
                CHANCE.stroke_width(1),
            ))
            .map_err(|e| fail(&e))?;
        let mut curves: Vec<(&Curve, String, RGBColor)> = Vec::new();
        curves.push((
            &panel.vader,
            format!("VADER AUC {}", auc_text(panel.vader.auc)),
            VADER,
        ));
        if let Some(ours) = &panel.ours {
            curves.push((ours, format!("empathy AUC {}", auc_text(ours.auc)), OURS));
        }
        for (curve, label, color) in curves.into_iter().rev() {
            chart
                .draw_series(LineSeries::new(
                    curve.points.iter().copied(),
                    color.stroke_width(2),
                ))
                .map_err(|e| fail(&e))?
                .label(label)
                .legend(move |(x, y)| {
                    PathElement::new([(x, y), (x + 18, y)], color.stroke_width(2))
                });
        }
        if panel.ours.is_none() {
            chart
                .draw_series([Text::new(
                    "not scored by the crate",
                    (0.05, 0.95),
                    (FONT, 12).into_font().color(&CHANCE),
                )])
                .map_err(|e| fail(&e))?;
        }
        chart
            .configure_series_labels()
            .position(SeriesLabelPosition::LowerRight)
            .label_font((FONT, 12))
            .background_style(WHITE.mix(0.85))
            .border_style(GRID)
            .draw()
            .map_err(|e| fail(&e))?;
    }
    root.present().map_err(|e| fail(&e))
}

/// One point of the scatter: the crate's score (0–100), the raters' mean overall rating
/// (1–5), and the level (0 low, 1 moderate, 2 high).
pub struct Point {
    pub score: f64,
    pub rating: f64,
    pub level: u8,
}

/// The score against the mean overall rating, coloured by level, the level thresholds as
/// dashed lines. Mean ratings take few values, so each point is moved up or down by at most
/// 0.08 (the same for the same item on every run) to show how many share one.
pub fn score_scatter(
    path: &Path,
    title: &str,
    points: &[Point],
    moderate: f64,
    high: f64,
) -> Result<(), String> {
    let fail = failed(path);
    let root = SVGBackend::new(path, (900, 640)).into_drawing_area();
    root.fill(&WHITE).map_err(|e| fail(&e))?;
    let mut chart = ChartBuilder::on(&root)
        .caption(title, (FONT, 20))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(54)
        .build_cartesian_2d(0f64..100f64, 0.8f64..5.2f64)
        .map_err(|e| fail(&e))?;
    chart
        .configure_mesh()
        .light_line_style(WHITE)
        .bold_line_style(GRID)
        .x_labels(11)
        .y_labels(9)
        .x_desc("empathy score (0–100)")
        .y_desc("raters' mean overall rating (1–5, jittered ±0.08)")
        .label_style((FONT, 13))
        .axis_desc_style((FONT, 14))
        .x_label_formatter(&|v| format!("{v:.0}"))
        .y_label_formatter(&|v| format!("{v:.1}"))
        .draw()
        .map_err(|e| fail(&e))?;
    for (x, name) in [(moderate, "moderate"), (high, "high")] {
        chart
            .draw_series(DashedLineSeries::new(
                [(x, 0.8), (x, 5.2)],
                5,
                5,
                CHANCE.stroke_width(1),
            ))
            .map_err(|e| fail(&e))?;
        chart
            .draw_series([Text::new(
                format!("{name} from {x:.0}"),
                (x + 0.8, 0.9),
                (FONT, 12).into_font().color(&CHANCE),
            )])
            .map_err(|e| fail(&e))?;
    }
    for (level, name, color) in [
        (0, "low", LOW),
        (1, "moderate", MODERATE),
        (2, "high", HIGH),
    ] {
        let count = points.iter().filter(|p| p.level == level).count();
        chart
            .draw_series(
                points
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| p.level == level)
                    .map(|(i, p)| {
                        Circle::new((p.score, p.rating + jitter(i)), 3, color.mix(0.6).filled())
                    }),
            )
            .map_err(|e| fail(&e))?
            .label(format!("level {name} ({count})"))
            .legend(move |(x, y)| Circle::new((x + 8, y), 4, color.filled()));
    }
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .label_font((FONT, 13))
        .background_style(WHITE.mix(0.85))
        .border_style(GRID)
        .draw()
        .map_err(|e| fail(&e))?;
    root.present().map_err(|e| fail(&e))
}

/// A small offset in −0.08…0.08 from the item's position (deterministic).
fn jitter(i: usize) -> f64 {
    let mut h = (i as u64)
        .wrapping_add(1)
        .wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h ^= h >> 31;
    (h % 1601) as f64 / 10_000.0 - 0.08
}
