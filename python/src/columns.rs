//! Assessments as an Arrow struct column, built without a Python object per row.
//!
//! The column's type is [`assessment_type`]: the score, the level, each dimension and concern
//! as a flat field, the word count, `readability`, `evidence_truncated`, the suggestion codes,
//! the evidence (a list of structs) and `customer` (the serde form of the customer context,
//! nested; null when the row was scored without a customer message). A null, or non-string, text gives a
//! null row, with every child null as well.

use arrow_array::StructArray;
use arrow_array::builder::{
    ArrayBuilder, BooleanBuilder, Float32Builder, Int64Builder, ListBuilder, StringBuilder,
};
use arrow_array::{Array, ArrayRef, LargeStringArray, ListArray, StringArray, StringViewArray};
use arrow_buffer::{NullBufferBuilder, OffsetBuffer};
use arrow_data::ArrayData;
use arrow_schema::{ArrowError, DataType, Field, FieldRef, Fields};
use empathy::{Assessment, Concern, CustomerContext, Dimension, Emotion, Evidence, Rule, Scorer};
use rayon::prelude::*;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

/// The fewest rows worth a piece of their own (a rayon task).
const MIN_PIECE_ROWS: usize = 1024;
/// Pieces per pool thread, for load balance (texts differ in length).
const PIECES_PER_THREAD: usize = 4;

fn field(name: &str, data_type: DataType) -> Field {
    Field::new(name, data_type, true)
}

fn list_item(data_type: DataType) -> FieldRef {
    Arc::new(Field::new_list_field(data_type, true))
}

fn list_of(data_type: DataType) -> DataType {
    DataType::List(list_item(data_type))
}

/// `struct<kind, start, end, text, source, cue, weight, base_weight, rules, overlaps>`: one
/// [`Evidence`] (`cue` null for computed evidence).
fn evidence_fields() -> &'static Fields {
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    FIELDS.get_or_init(|| {
        Fields::from(vec![
            field("kind", DataType::Utf8),
            field("start", DataType::Int64),
            field("end", DataType::Int64),
            field("text", DataType::Utf8),
            field("source", DataType::Utf8),
            field("cue", DataType::Utf8),
            field("weight", DataType::Float32),
            field("base_weight", DataType::Float32),
            field("rules", list_of(DataType::Utf8)),
            field("overlaps", DataType::Boolean),
        ])
    })
}

fn evidence_list() -> DataType {
    list_of(DataType::Struct(evidence_fields().clone()))
}

fn emotion_fields() -> &'static Fields {
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    FIELDS.get_or_init(|| {
        Emotion::ALL
            .iter()
            .map(|e| field(e.key(), DataType::Float32))
            .collect()
    })
}

/// The serde form of [`CustomerContext`], as a struct.
fn customer_fields() -> &'static Fields {
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    FIELDS.get_or_init(|| {
        Fields::from(vec![
            field("emotions", DataType::Struct(emotion_fields().clone())),
            field("evidence", evidence_list()),
            field("responsiveness", DataType::Float32),
            field("reflection", DataType::Float32),
            field("need", DataType::Float32),
            field("content_words", DataType::Int64),
            field("unmet", list_of(DataType::Utf8)),
            field("name", DataType::Utf8),
        ])
    })
}

/// The fields of the result column, in order.
pub fn assessment_fields() -> &'static Fields {
    static FIELDS: OnceLock<Fields> = OnceLock::new();
    FIELDS.get_or_init(|| {
        let mut v = vec![
            field("score", DataType::Float32),
            field("level", DataType::Utf8),
        ];
        v.extend(
            Dimension::ALL
                .iter()
                .map(|d| field(d.key(), DataType::Float32)),
        );
        v.extend(
            Concern::ALL
                .iter()
                .map(|c| field(c.key(), DataType::Float32)),
        );
        v.extend([
            field("words", DataType::Int64),
            field("readability", DataType::Utf8),
            field("evidence_truncated", DataType::Boolean),
            field("suggestions", list_of(DataType::Utf8)),
            field("evidence", evidence_list()),
            field("customer", DataType::Struct(customer_fields().clone())),
        ]);
        Fields::from(v)
    })
}

/// The Arrow type of the result column.
pub fn assessment_type() -> DataType {
    DataType::Struct(assessment_fields().clone())
}

/// The snake_case name of a rule, as serde writes it (`Rule` has no `key()` of its own).
fn rule_key(rule: Rule) -> &'static str {
    static KEYS: OnceLock<Vec<(Rule, String)>> = OnceLock::new();
    let keys = KEYS.get_or_init(|| {
        Rule::ALL
            .iter()
            .map(|&r| {
                let key = serde_json::to_value(r)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_else(|| format!("{r:?}"));
                (r, key)
            })
            .collect()
    });
    keys.iter()
        .find(|(r, _)| *r == rule)
        .map_or("unknown", |(_, k)| k.as_str())
}

fn string_list() -> ListBuilder<StringBuilder> {
    ListBuilder::new(StringBuilder::new()).with_field(list_item(DataType::Utf8))
}

fn finish(builder: &mut dyn ArrayBuilder) -> ArrayRef {
    builder.finish()
}

/// Offsets of a list column being built.
struct Offsets(Vec<i32>);

impl Offsets {
    fn new(rows: usize) -> Self {
        let mut v = Vec::with_capacity(rows + 1);
        v.push(0);
        Offsets(v)
    }

    fn push(&mut self, len: usize) {
        let end = i32::try_from(len).expect("a list column holds at most 2^31 - 1 values");
        self.0.push(end);
    }

    fn take(&mut self) -> OffsetBuffer<i32> {
        let offsets = std::mem::replace(&mut self.0, vec![0]);
        OffsetBuffer::new(offsets.into())
    }
}

/// `list<struct<evidence>>`.
struct EvidenceColumn {
    offsets: Offsets,
    nulls: NullBufferBuilder,
    count: usize,
    kind: StringBuilder,
    start: Int64Builder,
    end: Int64Builder,
    text: StringBuilder,
    source: StringBuilder,
    cue: StringBuilder,
    weight: Float32Builder,
    base_weight: Float32Builder,
    rules: ListBuilder<StringBuilder>,
    overlaps: BooleanBuilder,
}

impl EvidenceColumn {
    fn new(rows: usize) -> Self {
        let items = rows * 8;
        EvidenceColumn {
            offsets: Offsets::new(rows),
            nulls: NullBufferBuilder::new(rows),
            count: 0,
            kind: StringBuilder::with_capacity(items, items * 12),
            start: Int64Builder::with_capacity(items),
            end: Int64Builder::with_capacity(items),
            text: StringBuilder::with_capacity(items, items * 16),
            source: StringBuilder::with_capacity(items, items * 4),
            cue: StringBuilder::with_capacity(items, items * 32),
            weight: Float32Builder::with_capacity(items),
            base_weight: Float32Builder::with_capacity(items),
            rules: string_list(),
            overlaps: BooleanBuilder::with_capacity(items),
        }
    }

    fn append(&mut self, evidence: Option<&[Evidence]>) {
        match evidence {
            Some(list) => {
                for e in list {
                    self.kind.append_value(e.kind.key());
                    self.start.append_value(e.span.start as i64);
                    self.end.append_value(e.span.end as i64);
                    self.text.append_value(&e.text);
                    self.source.append_value(e.source.key());
                    self.cue.append_option(e.cue.as_deref());
                    self.weight.append_value(e.weight);
                    self.base_weight.append_value(e.base_weight);
                    for r in e.rules.iter() {
                        self.rules.values().append_value(rule_key(r));
                    }
                    self.rules.append(true);
                    self.overlaps.append_value(e.overlaps);
                }
                self.count += list.len();
                self.nulls.append_non_null();
            }
            None => self.nulls.append_null(),
        }
        self.offsets.push(self.count);
    }

    fn finish(&mut self) -> ArrayRef {
        let values = StructArray::new(
            evidence_fields().clone(),
            vec![
                finish(&mut self.kind),
                finish(&mut self.start),
                finish(&mut self.end),
                finish(&mut self.text),
                finish(&mut self.source),
                finish(&mut self.cue),
                finish(&mut self.weight),
                finish(&mut self.base_weight),
                finish(&mut self.rules),
                finish(&mut self.overlaps),
            ],
            None,
        );
        self.count = 0;
        Arc::new(ListArray::new(
            list_item(DataType::Struct(evidence_fields().clone())),
            self.offsets.take(),
            Arc::new(values),
            self.nulls.finish(),
        ))
    }
}

/// Float fields appended in a fixed order.
struct Floats(Vec<Float32Builder>);

impl Floats {
    fn new(n: usize, rows: usize) -> Self {
        Floats(
            (0..n)
                .map(|_| Float32Builder::with_capacity(rows))
                .collect(),
        )
    }

    fn append(&mut self, values: Option<impl Iterator<Item = f32>>) {
        match values {
            Some(values) => {
                for (b, v) in self.0.iter_mut().zip(values) {
                    b.append_value(v);
                }
            }
            None => self.0.iter_mut().for_each(|b| b.append_null()),
        }
    }

    fn finish(&mut self) -> impl Iterator<Item = ArrayRef> + '_ {
        self.0.iter_mut().map(|b| finish(b))
    }
}

/// `struct<customer context>`.
struct CustomerColumn {
    nulls: NullBufferBuilder,
    emotions: Floats,
    evidence: EvidenceColumn,
    responsiveness: Float32Builder,
    reflection: Float32Builder,
    need: Float32Builder,
    content_words: Int64Builder,
    unmet: ListBuilder<StringBuilder>,
    name: StringBuilder,
}

impl CustomerColumn {
    fn new(rows: usize) -> Self {
        CustomerColumn {
            nulls: NullBufferBuilder::new(rows),
            emotions: Floats::new(Emotion::ALL.len(), rows),
            evidence: EvidenceColumn::new(0),
            responsiveness: Float32Builder::with_capacity(rows),
            reflection: Float32Builder::with_capacity(rows),
            need: Float32Builder::with_capacity(rows),
            content_words: Int64Builder::with_capacity(rows),
            unmet: string_list(),
            name: StringBuilder::new(),
        }
    }

    fn append(&mut self, customer: Option<&CustomerContext>) {
        let Some(c) = customer else {
            self.nulls.append_null();
            self.emotions.append(None::<std::iter::Empty<f32>>);
            self.evidence.append(None);
            self.responsiveness.append_null();
            self.reflection.append_null();
            self.need.append_null();
            self.content_words.append_null();
            self.unmet.append(false);
            self.name.append_null();
            return;
        };
        self.nulls.append_non_null();
        self.emotions
            .append(Some(c.emotions.iter().map(|(_, v)| v)));
        self.evidence.append(Some(&c.evidence));
        self.responsiveness.append_value(c.responsiveness);
        self.reflection.append_value(c.reflection);
        self.need.append_value(c.need);
        self.content_words.append_value(c.content_words as i64);
        for e in &c.unmet {
            self.unmet.values().append_value(e.key());
        }
        self.unmet.append(true);
        self.name.append_option(c.name.as_deref());
    }

    fn finish(&mut self) -> ArrayRef {
        let nulls = self.nulls.finish();
        let emotions = StructArray::new(
            emotion_fields().clone(),
            self.emotions.finish().collect(),
            nulls.clone(),
        );
        Arc::new(StructArray::new(
            customer_fields().clone(),
            vec![
                Arc::new(emotions),
                self.evidence.finish(),
                finish(&mut self.responsiveness),
                finish(&mut self.reflection),
                finish(&mut self.need),
                finish(&mut self.content_words),
                finish(&mut self.unmet),
                finish(&mut self.name),
            ],
            nulls,
        ))
    }
}

/// The whole result column.
struct AssessmentColumn {
    nulls: NullBufferBuilder,
    score: Float32Builder,
    level: StringBuilder,
    dimensions: Floats,
    concerns: Floats,
    words: Int64Builder,
    readability: StringBuilder,
    evidence_truncated: BooleanBuilder,
    suggestions: ListBuilder<StringBuilder>,
    evidence: EvidenceColumn,
    customer: CustomerColumn,
}

impl AssessmentColumn {
    fn new(rows: usize) -> Self {
        AssessmentColumn {
            nulls: NullBufferBuilder::new(rows),
            score: Float32Builder::with_capacity(rows),
            level: StringBuilder::with_capacity(rows, rows * 8),
            dimensions: Floats::new(Dimension::ALL.len(), rows),
            concerns: Floats::new(Concern::ALL.len(), rows),
            words: Int64Builder::with_capacity(rows),
            readability: StringBuilder::with_capacity(rows, rows * 8),
            evidence_truncated: BooleanBuilder::with_capacity(rows),
            suggestions: ListBuilder::with_capacity(
                StringBuilder::with_capacity(rows * 3, rows * 48),
                rows,
            )
            .with_field(list_item(DataType::Utf8)),
            evidence: EvidenceColumn::new(rows),
            customer: CustomerColumn::new(rows),
        }
    }

    fn append(&mut self, assessment: Option<&Assessment>) {
        let Some(a) = assessment else {
            self.nulls.append_null();
            self.score.append_null();
            self.level.append_null();
            self.dimensions.append(None::<std::iter::Empty<f32>>);
            self.concerns.append(None::<std::iter::Empty<f32>>);
            self.words.append_null();
            self.readability.append_null();
            self.evidence_truncated.append_null();
            self.suggestions.append(false);
            self.evidence.append(None);
            self.customer.append(None);
            return;
        };
        self.nulls.append_non_null();
        self.score.append_value(a.score);
        // Display writes the same snake_case word as serde, without an allocation.
        let _ = write!(self.level, "{}", a.level);
        self.level.append_value("");
        self.dimensions
            .append(Some(a.dimensions.iter().map(|(_, v)| v)));
        self.concerns
            .append(Some(a.concerns.iter().map(|(_, v)| v)));
        self.words.append_value(a.words as i64);
        self.readability.append_value(a.readability.key());
        self.evidence_truncated.append_value(a.evidence_truncated);
        for s in &a.suggestions {
            self.suggestions.values().append_value(s.code.key());
        }
        self.suggestions.append(true);
        self.evidence.append(Some(&a.evidence));
        self.customer.append(a.customer.as_ref());
    }

    fn finish(&mut self) -> StructArray {
        let mut children = vec![finish(&mut self.score), finish(&mut self.level)];
        children.extend(self.dimensions.finish());
        children.extend(self.concerns.finish());
        children.extend([
            finish(&mut self.words),
            finish(&mut self.readability),
            finish(&mut self.evidence_truncated),
            finish(&mut self.suggestions),
            self.evidence.finish(),
            self.customer.finish(),
        ]);
        StructArray::new(assessment_fields().clone(), children, self.nulls.finish())
    }
}

/// A column of texts: any of Arrow's three string layouts; any other type reads as all null.
pub enum TextColumn {
    /// `string` (32-bit offsets).
    Utf8(StringArray),
    /// `large_string` (64-bit offsets).
    Large(LargeStringArray),
    /// `string_view`.
    View(StringViewArray),
    /// A column of another type (or of nulls): every row is null.
    Null(usize),
}

impl TextColumn {
    /// Wraps imported Arrow data.
    pub fn new(data: ArrayData) -> Self {
        match data.data_type() {
            DataType::Utf8 => TextColumn::Utf8(StringArray::from(data)),
            DataType::LargeUtf8 => TextColumn::Large(LargeStringArray::from(data)),
            DataType::Utf8View => TextColumn::View(StringViewArray::from(data)),
            _ => TextColumn::Null(data.len()),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        match self {
            TextColumn::Utf8(a) => a.len(),
            TextColumn::Large(a) => a.len(),
            TextColumn::View(a) => a.len(),
            TextColumn::Null(n) => *n,
        }
    }

    /// The text of row `i`, or `None` for a null.
    pub fn get(&self, i: usize) -> Option<&str> {
        match self {
            TextColumn::Utf8(a) => a.is_valid(i).then(|| a.value(i)),
            TextColumn::Large(a) => a.is_valid(i).then(|| a.value(i)),
            TextColumn::View(a) => a.is_valid(i).then(|| a.value(i)),
            TextColumn::Null(_) => None,
        }
    }
}

/// Scores every row into one struct column: in parallel pieces on the rayon pool, each built
/// by its own task and joined at the end (one copy). On a pool of one thread the column is
/// built in one piece, with no join.
///
/// A row with a customer message is scored with `score_reply`; one whose customer cell is
/// null (or with no customer column) with `score_into`, reusing one `Assessment` per piece.
pub fn score_column(
    scorer: &Scorer,
    texts: &TextColumn,
    customers: Option<&TextColumn>,
) -> Result<StructArray, ArrowError> {
    let n = texts.len();
    let threads = rayon::current_num_threads();
    let pieces = if threads <= 1 {
        1
    } else {
        (n / MIN_PIECE_ROWS).clamp(1, threads * PIECES_PER_THREAD)
    };
    let per_piece = n.div_ceil(pieces).max(1);
    let pieces: Vec<StructArray> = (0..pieces)
        .into_par_iter()
        .map(|piece| {
            let lo = (piece * per_piece).min(n);
            let hi = n.min(lo + per_piece);
            let mut column = AssessmentColumn::new(hi - lo);
            let mut reused = Assessment::default();
            for i in lo..hi {
                let Some(text) = texts.get(i) else {
                    column.append(None);
                    continue;
                };
                match customers.and_then(|c| c.get(i)) {
                    Some(customer) => column.append(Some(&scorer.score_reply(customer, text))),
                    None => {
                        scorer.score_into(text, &mut reused);
                        column.append(Some(&reused));
                    }
                }
            }
            column.finish()
        })
        .collect();
    match pieces.len() {
        1 => Ok(pieces.into_iter().next().expect("one piece")),
        _ => {
            let refs: Vec<&dyn Array> = pieces.iter().map(|p| p as &dyn Array).collect();
            let joined = arrow_select::concat::concat(&refs)?;
            Ok(StructArray::from(joined.to_data()))
        }
    }
}
