//! The native half of the `empathy` Python package (imported as `empathy._native`).
//!
//! Everything here wraps the `empathy` crate's public API; there is no second implementation.
//! Results cross into Python in the crate's own serde form: [`pyser`] is a serde serializer
//! that makes the Python objects `json.loads` would make of `serde_json::to_string`'s text
//! (an `f32` such as 0.9 is the shortest decimal, exactly as the JSONL worker prints it), without
//! the text. The Arrow path ([`columns`]) builds the result column in Rust, with no Python
//! object per row.
//!
//! Scoring releases the GIL; every call into the crate runs under `catch_unwind`, so a panic
//! (a bug: the crate promises none) becomes `empathy.InternalError` instead of aborting the
//! interpreter.

#![forbid(unsafe_code)]

mod columns;
mod pyser;

use arrow_array::Array;
use arrow_data::ArrayData;
use arrow_pyarrow::{PyArrowType, ToPyArrow};
use empathy::conversation::{Conversation, TurnRecord};
use empathy::{Assessment, Error, Lexicon, Scorer as RustScorer};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyFloat, PyInt, PyString};
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::Instant;

pyo3::create_exception!(
    empathy,
    InternalError,
    PyRuntimeError,
    "A bug inside the empathy library (a Rust panic, caught at the boundary). Please report it with the input."
);

/// Runs `f`, turning a panic into `InternalError`.
fn guarded<T>(f: impl FnOnce() -> T) -> PyResult<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_owned());
        InternalError::new_err(format!("the empathy library panicked: {message}"))
    })
}

/// A cell of text: a `str` (surrogates replaced), or `None` for anything else (None, NaN, numbers…).
fn cell(value: &Bound<'_, PyAny>) -> Option<String> {
    value
        .cast::<PyString>()
        .ok()
        .map(|s| s.to_string_lossy().into_owned())
}

/// The cells of a Python iterable.
fn cells(values: &Bound<'_, PyAny>, what: &str) -> PyResult<Vec<Option<String>>> {
    if values.is_instance_of::<PyString>() {
        return Err(PyTypeError::new_err(format!(
            "{what} must be a sequence of strings, not a single str"
        )));
    }
    let mut out = Vec::with_capacity(values.len().unwrap_or(0));
    for v in values.try_iter()? {
        out.push(cell(&v?));
    }
    Ok(out)
}

/// Texts and customers must pair up one to one.
fn same_length(texts: usize, customers: Option<usize>) -> PyResult<()> {
    match customers {
        Some(c) if c != texts => Err(PyValueError::new_err(format!(
            "{texts} texts but {c} customers"
        ))),
        _ => Ok(()),
    }
}

fn assess(scorer: &RustScorer, text: &str, customer: Option<&str>, out: &mut Assessment) {
    match customer {
        Some(c) => *out = scorer.score_reply(c, text),
        None => scorer.score_into(text, out),
    }
}

/// `empathy.LexiconError(message, file, line, problem)`, defined in Python.
fn lexicon_error(
    py: Python<'_>,
    message: String,
    file: String,
    line: usize,
    problem: String,
) -> PyErr {
    let made = py
        .import("empathy")
        .and_then(|m| m.getattr("LexiconError"))
        .and_then(|cls| cls.call1((message.clone(), file, line, problem)));
    match made {
        Ok(err) => PyErr::from_value(err),
        Err(_) => PyValueError::new_err(message),
    }
}

fn build_error(py: Python<'_>, path: &str, err: Error) -> PyErr {
    let message = err.to_string();
    match err {
        Error::Lexicon(e) => {
            let problem = e.problem.to_string();
            lexicon_error(py, message, e.origin, e.line, problem)
        }
        // Unreadable file, invalid weights in the file's [model], …: no line to name.
        other => lexicon_error(py, message, path.to_owned(), 0, other.to_string()),
    }
}

/// Scores customer-service replies for empathy: the built-in English lexicon, plus the cues of
/// an optional lexicon file.
///
/// Build one per process and share it: it is immutable and thread-safe.
#[pyclass(module = "empathy._native", name = "Scorer", subclass, frozen)]
struct PyScorer {
    scorer: RustScorer,
    lexicon: Option<String>,
}

#[pymethods]
impl PyScorer {
    #[new]
    #[pyo3(signature = (lexicon = None))]
    fn new(py: Python<'_>, lexicon: Option<PathBuf>) -> PyResult<Self> {
        let Some(path) = lexicon else {
            let scorer = py.detach(|| guarded(RustScorer::default))?;
            return Ok(PyScorer {
                scorer,
                lexicon: None,
            });
        };
        let shown = path.to_string_lossy().into_owned();
        let built = py.detach(|| {
            guarded(|| {
                Lexicon::from_file(&path).and_then(|l| RustScorer::builder().extend(l).build())
            })
        })?;
        match built {
            Ok(scorer) => Ok(PyScorer {
                scorer,
                lexicon: Some(shown),
            }),
            Err(e) => Err(build_error(py, &shown, e)),
        }
    }

    /// The lexicon file this scorer was built with, or None for the built-in lexicon alone.
    #[getter]
    fn lexicon(&self) -> Option<String> {
        self.lexicon.clone()
    }

    /// score(text, customer=None) -> dict | None
    ///
    /// Scores one agent reply, against the customer's message it answers when `customer` is a
    /// string. Returns the library's serde form of the assessment (the same keys and values as
    /// the JSONL worker), or None when `text` is not a string (None, NaN, a number…).
    #[pyo3(signature = (text, customer = None))]
    fn score<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        customer: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let Some(text) = cell(text) else {
            return Ok(py.None().into_bound(py));
        };
        let customer = customer.and_then(cell);
        let a = py.detach(|| {
            guarded(|| {
                let mut a = Assessment::default();
                assess(&self.scorer, &text, customer.as_deref(), &mut a);
                a
            })
        })?;
        pyser::to_python(py, &a)
    }

    /// score_batch(texts, customers=None) -> list[dict | None]
    ///
    /// Scores many replies on all cores with the GIL released; results are in input order and
    /// equal to `score` on each. A cell that is not a string gives None; a customer cell that
    /// is not a string scores that reply alone.
    #[pyo3(signature = (texts, customers = None))]
    fn score_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        customers: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts = cells(texts, "texts")?;
        let customers = match customers {
            Some(c) if !c.is_none() => Some(cells(c, "customers")?),
            _ => None,
        };
        same_length(texts.len(), customers.as_ref().map(|c| c.len()))?;
        let rows: Vec<Option<Assessment>> = py.detach(|| {
            guarded(|| {
                texts
                    .par_iter()
                    .enumerate()
                    .with_min_len(64)
                    .map(|(i, text)| {
                        let text = text.as_deref()?;
                        let customer = customers.as_ref().and_then(|c| c[i].as_deref());
                        let mut a = Assessment::default();
                        assess(&self.scorer, text, customer, &mut a);
                        Some(a)
                    })
                    .collect()
            })
        })?;
        // Python objects are made with the GIL held, one row after another.
        pyser::to_python_list(py, &rows)
    }

    /// _score_arrow(texts, customers=None) -> pyarrow.StructArray
    ///
    /// The native half of `Scorer.score_arrow`: takes pyarrow arrays (string, large_string or
    /// string_view; any other type reads as all null) and returns the struct column.
    #[pyo3(signature = (texts, customers = None))]
    fn _score_arrow<'py>(
        &self,
        py: Python<'py>,
        texts: PyArrowType<ArrayData>,
        customers: Option<PyArrowType<ArrayData>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let texts = columns::TextColumn::new(texts.0);
        let customers = customers.map(|c| columns::TextColumn::new(c.0));
        same_length(texts.len(), customers.as_ref().map(|c| c.len()))?;
        let column = py.detach(|| {
            guarded(|| columns::score_column(&self.scorer, &texts, customers.as_ref()))
        })?;
        let column = column.map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        column.to_data().to_pyarrow(py)
    }

    /// score_conversation(turns) -> dict
    ///
    /// Scores a whole conversation. `turns` is a list of dicts `{"role": "customer" | "agent",
    /// "text": str, "at": RFC 3339 str | Unix seconds | datetime (optional), "name": str
    /// (optional)}` in the order they were written. A turn whose text is not a string counts as
    /// empty. A bad role or timestamp raises ValueError naming the (zero-based) turn. Returns
    /// the library's serde form of the conversation report.
    fn score_conversation<'py>(
        &self,
        py: Python<'py>,
        turns: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut records = Vec::new();
        for (i, turn) in turns.try_iter()?.enumerate() {
            records.push(turn_record(i, &turn?)?);
        }
        let conversation = Conversation::from_records(records)
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        let report = py.detach(|| guarded(|| self.scorer.score_conversation(&conversation)))?;
        pyser::to_python(py, &report)
    }
}

/// One turn, read through the crate's own serde form of [`TurnRecord`].
fn turn_record(i: usize, turn: &Bound<'_, PyAny>) -> PyResult<TurnRecord> {
    let bad = |what: String| PyValueError::new_err(format!("turn {i}: {what}"));
    let get = |key: &str| -> PyResult<Option<Bound<'_, PyAny>>> {
        let v = turn.call_method1("get", (key,)).map_err(|_| {
            bad(format!(
                "expected a dict with \"role\" and \"text\", got {}",
                type_name(turn)
            ))
        })?;
        Ok((!v.is_none()).then_some(v))
    };
    let mut obj = Map::new();
    let role = get("role")?.ok_or_else(|| bad("missing \"role\"".into()))?;
    let role = role
        .cast::<PyString>()
        .map_err(|_| bad(format!("\"role\" must be a str, got {}", type_name(&role))))?;
    obj.insert(
        "role".into(),
        Value::String(role.to_string_lossy().into_owned()),
    );
    let text = get("text")?.and_then(|t| cell(&t)).unwrap_or_default();
    obj.insert("text".into(), Value::String(text));
    if let Some(at) = get("at")? {
        obj.insert("at".into(), time_value(&at).map_err(bad)?);
    }
    if let Some(name) = get("name")?.and_then(|n| cell(&n)) {
        obj.insert("name".into(), Value::String(name));
    }
    serde_json::from_value(Value::Object(obj)).map_err(|e| bad(e.to_string()))
}

/// A time as the crate's `TimeValue` reads it: text, or Unix seconds (a number or a datetime).
fn time_value(at: &Bound<'_, PyAny>) -> Result<Value, String> {
    if let Ok(s) = at.cast::<PyString>() {
        return Ok(Value::String(s.to_string_lossy().into_owned()));
    }
    let seconds: f64 = if at.is_instance_of::<PyBool>() {
        return Err("\"at\" must be a str, a number or a datetime, got bool".into());
    } else if at.is_instance_of::<PyInt>() || at.is_instance_of::<PyFloat>() {
        at.extract().map_err(|e: PyErr| e.to_string())?
    } else if at.hasattr("timestamp").unwrap_or(false) {
        at.call_method0("timestamp")
            .and_then(|t| t.extract())
            .map_err(|e| format!("\"at\": {e}"))?
    } else {
        return Err(format!(
            "\"at\" must be a str, a number or a datetime, got {}",
            type_name(at)
        ));
    };
    serde_json::Number::from_f64(seconds)
        .map(Value::Number)
        .ok_or_else(|| format!("invalid timestamp {seconds}: not a finite number"))
}

fn type_name(v: &Bound<'_, PyAny>) -> String {
    v.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// arrow_type() -> pyarrow.DataType
///
/// The Arrow type of the column `Scorer.score_arrow` returns.
#[pyfunction]
fn arrow_type(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    columns::assessment_type().to_pyarrow(py)
}

/// _bench_rust_score_batch(scorer, texts) -> float
///
/// For bench.py: seconds taken by one call of the crate's own `Scorer::score_batch` on the
/// (non-null) texts of a pyarrow string array, copied into Rust strings before the clock
/// starts. No Python object is touched while it runs.
#[pyfunction]
fn _bench_rust_score_batch(
    py: Python<'_>,
    scorer: &Bound<'_, PyScorer>,
    texts: PyArrowType<ArrayData>,
) -> PyResult<f64> {
    let column = columns::TextColumn::new(texts.0);
    let owned: Vec<String> = (0..column.len())
        .filter_map(|i| column.get(i).map(str::to_owned))
        .collect();
    let scorer = scorer.get().scorer.clone();
    py.detach(|| {
        guarded(|| {
            let start = Instant::now();
            let out = scorer.score_batch(&owned);
            let seconds = start.elapsed().as_secs_f64();
            assert_eq!(out.len(), owned.len());
            seconds
        })
    })
}

/// The native module: `empathy._native`. Use it through the `empathy` package.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyScorer>()?;
    m.add_function(wrap_pyfunction!(arrow_type, m)?)?;
    m.add_function(wrap_pyfunction!(_bench_rust_score_batch, m)?)?;
    m.add("InternalError", m.py().get_type::<InternalError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
