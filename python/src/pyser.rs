//! A serde `Serializer` that builds Python objects: the crate's serde form, exactly as
//! `serde_json::to_string` followed by Python's `json.loads` would give it, without the JSON.
//!
//! The rules are serde_json's: structs and maps are dicts (keys as strings), sequences and
//! tuples are lists, `None` and units are `None`, unit variants are their name, other variants
//! `{name: value}`; an `f32` is written as its shortest decimal (with `zmij`, the formatter
//! serde_json uses) and read back as a Python float, so 0.9f32 is `0.9`, not
//! `0.8999999761581421`; a NaN or infinite float is `None`.

use pyo3::IntoPyObjectExt;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use rustc_hash::FxHashMap;
use serde::ser::{self, Serialize};
use std::cell::RefCell;
use std::fmt;

/// A Python error carried through serde.
pub struct Error(pub PyErr);

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.0, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(PyValueError::new_err(msg.to_string()))
    }
}

impl From<PyErr> for Error {
    fn from(e: PyErr) -> Self {
        Error(e)
    }
}

/// Python strings already made in this conversion, by content: field names, kinds, cues and
/// coaching messages repeat on every row, and are made once (Python strings are immutable, so
/// sharing them is invisible).
type Strings<'py> = RefCell<FxHashMap<Box<str>, Bound<'py, PyString>>>;

/// Longer strings are made afresh each time (hashing them would cost more than it saves).
const SHARED_STRING_MAX: usize = 512;

/// Converts any `Serialize` value into a Python object.
pub fn to_python<'py, T: Serialize + ?Sized>(
    py: Python<'py>,
    value: &T,
) -> PyResult<Bound<'py, PyAny>> {
    let strings = Strings::default();
    let ser = Serializer {
        py,
        strings: &strings,
    };
    value.serialize(ser).map_err(|e| e.0)
}

/// Converts many values into a Python list, sharing the strings between them, with Python's
/// cyclic garbage collector paused meanwhile (the new objects hold no cycles; without the
/// pause, making them triggers collections that walk them all again and again).
pub fn to_python_list<'py, T: Serialize>(
    py: Python<'py>,
    values: &[T],
) -> PyResult<Bound<'py, PyAny>> {
    let gc = py.import("gc")?;
    let was_enabled: bool = gc.call_method0("isenabled")?.extract()?;
    if was_enabled {
        gc.call_method0("disable")?;
    }
    let strings = Strings::default();
    let ser = Serializer {
        py,
        strings: &strings,
    };
    let built = values
        .iter()
        .map(|v| v.serialize(ser).map_err(|e| e.0))
        .collect::<PyResult<Vec<_>>>()
        .and_then(|items| PyList::new(py, items))
        .map(Bound::into_any);
    if was_enabled {
        gc.call_method0("enable")?;
    }
    built
}

#[derive(Clone, Copy)]
struct Serializer<'a, 'py> {
    py: Python<'py>,
    strings: &'a Strings<'py>,
}

type Obj<'py> = Bound<'py, PyAny>;

impl<'a, 'py> Serializer<'a, 'py> {
    /// The Python string for `text`, made once per conversion (interned when it is a key).
    fn string(self, text: &str, intern: bool) -> Bound<'py, PyString> {
        if text.len() > SHARED_STRING_MAX {
            return PyString::new(self.py, text);
        }
        if let Some(s) = self.strings.borrow().get(text) {
            return s.clone();
        }
        let s = if intern {
            PyString::intern(self.py, text)
        } else {
            PyString::new(self.py, text)
        };
        self.strings.borrow_mut().insert(text.into(), s.clone());
        s
    }

    fn obj<T: IntoPyObject<'py>>(self, v: T) -> Result<Obj<'py>, Error> {
        v.into_bound_py_any(self.py).map_err(Error)
    }

    fn tagged(self, variant: &'static str, value: Obj<'py>) -> Result<Obj<'py>, Error> {
        let d = PyDict::new(self.py);
        d.set_item(self.string(variant, true), value)?;
        Ok(d.into_any())
    }
}

impl<'a, 'py> ser::Serializer for Serializer<'a, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    type SerializeSeq = Seq<'a, 'py>;
    type SerializeTuple = Seq<'a, 'py>;
    type SerializeTupleStruct = Seq<'a, 'py>;
    type SerializeTupleVariant = Seq<'a, 'py>;
    type SerializeMap = Map<'a, 'py>;
    type SerializeStruct = Map<'a, 'py>;
    type SerializeStructVariant = Map<'a, 'py>;

    fn serialize_bool(self, v: bool) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_i8(self, v: i8) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_i16(self, v: i16) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_i32(self, v: i32) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_i64(self, v: i64) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_i128(self, v: i128) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_u8(self, v: u8) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_u16(self, v: u16) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_u32(self, v: u32) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_u64(self, v: u64) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_u128(self, v: u128) -> Result<Obj<'py>, Error> {
        self.obj(v)
    }
    fn serialize_f32(self, v: f32) -> Result<Obj<'py>, Error> {
        if !v.is_finite() {
            return Ok(self.py.None().into_bound(self.py));
        }
        // What json.loads does with serde_json's text for it: the shortest decimal, as an f64.
        let mut buf = zmij::Buffer::new();
        let text = buf.format_finite(v);
        let value: f64 = text
            .parse()
            .map_err(|_| <Error as ser::Error>::custom(format!("cannot read back {text}")))?;
        self.obj(value)
    }
    fn serialize_f64(self, v: f64) -> Result<Obj<'py>, Error> {
        if !v.is_finite() {
            return Ok(self.py.None().into_bound(self.py));
        }
        self.obj(v)
    }
    fn serialize_char(self, v: char) -> Result<Obj<'py>, Error> {
        self.obj(v.to_string())
    }
    fn serialize_str(self, v: &str) -> Result<Obj<'py>, Error> {
        Ok(self.string(v, false).into_any())
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Obj<'py>, Error> {
        // serde_json writes bytes as a list of numbers.
        Ok(PyList::new(self.py, v)?.into_any())
    }
    fn serialize_none(self) -> Result<Obj<'py>, Error> {
        Ok(self.py.None().into_bound(self.py))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Obj<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Obj<'py>, Error> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Obj<'py>, Error> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Obj<'py>, Error> {
        Ok(self.string(variant, false).into_any())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Obj<'py>, Error> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Obj<'py>, Error> {
        let inner = value.serialize(self)?;
        self.tagged(variant, inner)
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Seq<'a, 'py>, Error> {
        Ok(Seq {
            ser: self,
            items: Vec::with_capacity(len.unwrap_or(0)),
            variant: None,
        })
    }
    fn serialize_tuple(self, len: usize) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        self.serialize_seq(Some(len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Seq<'a, 'py>, Error> {
        let mut seq = self.serialize_seq(Some(len))?;
        seq.variant = Some(variant);
        Ok(seq)
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Map<'a, 'py>, Error> {
        Ok(Map {
            ser: self,
            dict: PyDict::new(self.py),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _name: &'static str, len: usize) -> Result<Map<'a, 'py>, Error> {
        self.serialize_map(Some(len))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
        len: usize,
    ) -> Result<Map<'a, 'py>, Error> {
        let mut map = self.serialize_map(Some(len))?;
        map.variant = Some(variant);
        Ok(map)
    }
}

/// A list being built.
pub struct Seq<'a, 'py> {
    ser: Serializer<'a, 'py>,
    items: Vec<Obj<'py>>,
    variant: Option<&'static str>,
}

impl<'py> Seq<'_, 'py> {
    fn done(self) -> Result<Obj<'py>, Error> {
        let list = PyList::new(self.ser.py, self.items)?.into_any();
        match self.variant {
            Some(v) => self.ser.tagged(v, list),
            None => Ok(list),
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.items.push(value.serialize(self.ser)?);
        Ok(())
    }
}

impl<'py> ser::SerializeSeq for Seq<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.done()
    }
}

impl<'py> ser::SerializeTuple for Seq<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.done()
    }
}

impl<'py> ser::SerializeTupleStruct for Seq<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.done()
    }
}

impl<'py> ser::SerializeTupleVariant for Seq<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.push(value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.done()
    }
}

/// A dict being built.
pub struct Map<'a, 'py> {
    ser: Serializer<'a, 'py>,
    dict: Bound<'py, PyDict>,
    key: Option<Obj<'py>>,
    variant: Option<&'static str>,
}

impl<'py> Map<'_, 'py> {
    fn done(self) -> Result<Obj<'py>, Error> {
        let dict = self.dict.into_any();
        match self.variant {
            Some(v) => self.ser.tagged(v, dict),
            None => Ok(dict),
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        let value = value.serialize(self.ser)?;
        self.dict.set_item(self.ser.string(key, true), value)?;
        Ok(())
    }
}

impl<'py> ser::SerializeMap for Map<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let key = key.serialize(self.ser)?;
        // JSON object keys are strings: serde_json writes a number key as its digits.
        let key = if key.is_instance_of::<PyString>() {
            key
        } else {
            key.str()?.into_any()
        };
        self.key = Some(key);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        let key = self
            .key
            .take()
            .ok_or_else(|| <Error as ser::Error>::custom("a map value without a key"))?;
        let value = value.serialize(self.ser)?;
        self.dict.set_item(key, value)?;
        Ok(())
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.done()
    }
}

impl<'py> ser::SerializeStruct for Map<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.done()
    }
}

impl<'py> ser::SerializeStructVariant for Map<'_, 'py> {
    type Ok = Obj<'py>;
    type Error = Error;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }
    fn end(self) -> Result<Obj<'py>, Error> {
        self.done()
    }
}
