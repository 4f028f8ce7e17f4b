//! SQLite values as JSON and back: how merge snapshots and sync files
//! hold a row's values (text, integer, real, null; a blob as its bytes).

use rusqlite::types::Value;
use serde_json::Value as Json;

pub(super) fn to_json(v: Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Integer(i) => Json::from(i),
        Value::Real(f) => Json::from(f),
        Value::Text(t) => Json::from(t),
        Value::Blob(b) => Json::from(b),
    }
}

pub(super) fn from_json(v: &Json) -> Value {
    match v {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Integer(i64::from(*b)),
        Json::Number(n) => n
            .as_i64()
            .map(Value::Integer)
            .unwrap_or_else(|| Value::Real(n.as_f64().unwrap_or_default())),
        Json::String(s) => Value::Text(s.clone()),
        Json::Array(a) => Value::Blob(
            a.iter()
                .map(|b| b.as_u64().unwrap_or_default() as u8)
                .collect(),
        ),
        Json::Object(_) => Value::Null,
    }
}
