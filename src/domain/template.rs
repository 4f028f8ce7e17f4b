//! Message templates: `{first_name}`, `{company}`, any custom field.
//! A placeholder without a value is an error naming it, never "Hi ,".

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Template {
    pub name: String,
    pub subject: String,
    pub body: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Draft {
    pub subject: String,
    pub body: String,
}

/// The placeholders every contact can fill (custom fields come on top).
pub const PLACEHOLDERS: &[&str] = &[
    "first_name",
    "last_name",
    "name",
    "email",
    "company",
    "title",
    "location",
    "source",
    "stage",
    "days_since_contact",
    "last_purchase",
];

/// Fills `{key}` from `value`; `{{` and `}}` are literal braces.
pub fn render(text: &str, value: &dyn Fn(&str) -> Option<String>) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(['{', '}']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push(tail.as_bytes()[0] as char);
            rest = &tail[2..];
            continue;
        }
        if tail.starts_with('}') {
            return Err("a '}' with no '{' before it: write '}}' for a brace".to_string());
        }
        let end = tail.find('}').ok_or_else(|| {
            format!(
                "'{}' is not closed: expected {{placeholder}}",
                truncate(tail)
            )
        })?;
        let key = tail[1..end].trim();
        if key.is_empty() {
            return Err("an empty placeholder {}: expected a name like {first_name}".to_string());
        }
        match value(key) {
            Some(v) if !v.trim().is_empty() => out.push_str(&v),
            _ => return Err(format!("placeholder {{{key}}} has no value")),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// Checks a template's shape when it is saved: every brace closed.
pub fn check(text: &str) -> Result<(), String> {
    render(text, &|_| Some("x".to_string())).map(|_| ())
}

fn truncate(text: &str) -> String {
    text.chars().take(20).collect()
}

impl Template {
    pub fn draft(&self, value: &dyn Fn(&str) -> Option<String>) -> Result<Draft, String> {
        let context = |part: &str, e: String| format!("template '{}', {part}: {e}", self.name);
        Ok(Draft {
            subject: render(&self.subject, value).map_err(|e| context("subject", e))?,
            body: render(&self.body, value).map_err(|e| context("body", e))?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(key: &str) -> Option<String> {
        match key {
            "first_name" => Some("Ada".into()),
            "company" => Some("Engines".into()),
            "empty" => Some(" ".into()),
            _ => None,
        }
    }

    #[test]
    fn fills_placeholders() {
        assert_eq!(
            render("Hi {first_name} at {company}!", &values).unwrap(),
            "Hi Ada at Engines!"
        );
        assert_eq!(
            render("{{literal}} {first_name}", &values).unwrap(),
            "{literal} Ada"
        );
    }

    #[test]
    fn a_missing_value_is_an_error_naming_it() {
        assert_eq!(
            render("Hi {nickname},", &values).unwrap_err(),
            "placeholder {nickname} has no value"
        );
        assert_eq!(
            render("Hi {empty},", &values).unwrap_err(),
            "placeholder {empty} has no value"
        );
        assert!(render("Hi {first_name", &values)
            .unwrap_err()
            .contains("not closed"));
        assert!(render("Hi }", &values).is_err());
        assert!(check("ok {a} {{b}}").is_ok());
    }
}
