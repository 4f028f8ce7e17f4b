//! Message templates: `{first_name}`, `{company}`, any custom field.
//! A placeholder without a value is an error naming it, never "Hi ,".

use super::contact::Contact;
use super::{Invalid, TemplateProblem};
use chrono::NaiveDate;
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

/// A template's name: one word, as rules and `draft` refer to it.
pub fn validate_name(name: &str) -> Result<String, Invalid> {
    let n = name.trim();
    if n.is_empty()
        || n.len() > 50
        || !n
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_')
    {
        return Err(Invalid::TemplateName(name.to_string()));
    }
    Ok(n.to_string())
}

/// The placeholders of a text: each name, once, in order of appearance
/// (a fallback's text is not a name).
pub fn placeholders(text: &str) -> Result<Vec<String>, TemplateProblem> {
    let names = std::cell::RefCell::new(Vec::<String>::new());
    render(text, &|key| {
        let mut n = names.borrow_mut();
        if !n.iter().any(|k| k == key) {
            n.push(key.to_string());
        }
        Some("x".to_string())
    })?;
    Ok(names.into_inner())
}

/// Fills `{key}` from `value`, or `{key|fallback}` with the fallback when
/// the key has none; `{{` and `}}` are literal braces.
pub fn render(
    text: &str,
    value: &dyn Fn(&str) -> Option<String>,
) -> Result<String, TemplateProblem> {
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
            return Err(TemplateProblem::StrayClose);
        }
        let end = tail
            .find('}')
            .ok_or_else(|| TemplateProblem::Unclosed(tail.chars().take(20).collect()))?;
        let inside = &tail[1..end];
        let (key, fallback) = match inside.split_once('|') {
            Some((k, f)) => (k.trim(), Some(f)),
            None => (inside.trim(), None),
        };
        if key.is_empty() {
            return Err(TemplateProblem::EmptyPlaceholder);
        }
        match (value(key), fallback) {
            (Some(v), _) if !v.trim().is_empty() => out.push_str(&v),
            (_, Some(f)) => out.push_str(f),
            _ => return Err(TemplateProblem::NoValue(key.to_string())),
        }
        rest = &tail[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

impl Template {
    /// A template as saved: a valid name, every brace closed, a body.
    pub fn new(name: &str, subject: String, body: String) -> Result<Template, Invalid> {
        let t = Template {
            name: validate_name(name)?,
            // A header line: one line, no control characters.
            subject: super::text::single_line(&subject)?.unwrap_or_default(),
            body: super::text::free_text(&body)?.unwrap_or_default(),
        };
        let any = |_: &str| Some("x".to_string());
        render(&t.subject, &any).map_err(|p| t.problem("subject", p))?;
        render(&t.body, &any).map_err(|p| t.problem("body", p))?;
        if t.body.trim().is_empty() {
            return Err(t.problem("body", TemplateProblem::EmptyBody));
        }
        Ok(t)
    }

    fn problem(&self, part: &'static str, problem: TemplateProblem) -> Invalid {
        Invalid::Template {
            name: self.name.clone(),
            part,
            problem,
        }
    }

    /// Refuses a placeholder no contact could fill: not a built-in, not a
    /// custom field key in use (`fields`). A typo is caught when written,
    /// not when sent.
    pub fn check_placeholders(&self, fields: &[String]) -> Result<(), Invalid> {
        for (part, text) in [("subject", &self.subject), ("body", &self.body)] {
            for key in placeholders(text).map_err(|p| self.problem(part, p))? {
                let known = PLACEHOLDERS.contains(&key.as_str())
                    || fields.iter().any(|f| f.eq_ignore_ascii_case(&key));
                if !known {
                    let mut names: Vec<String> =
                        PLACEHOLDERS.iter().map(|s| s.to_string()).collect();
                    names.extend(fields.iter().cloned());
                    return Err(self.problem(
                        part,
                        TemplateProblem::Unknown {
                            key,
                            known: names.join(", "),
                        },
                    ));
                }
            }
        }
        Ok(())
    }

    pub fn draft(&self, value: &dyn Fn(&str) -> Option<String>) -> Result<Draft, Invalid> {
        Ok(Draft {
            subject: render(&self.subject, value).map_err(|p| self.problem("subject", p))?,
            body: render(&self.body, value).map_err(|p| self.problem("body", p))?,
        })
    }
}

/// What a contact fills placeholders with: their details, custom fields,
/// days since the last contact, and the last thing they bought.
pub fn contact_value(
    contact: &Contact,
    last_purchase: Option<&str>,
    today: NaiveDate,
    key: &str,
) -> Option<String> {
    let mut words = contact.name.split_whitespace();
    match key {
        "first_name" => words.next().map(String::from),
        "last_name" => words
            .clone()
            .last()
            .filter(|_| contact.name.contains(' '))
            .map(String::from),
        "name" => Some(contact.name.clone()),
        "email" => contact.email.clone(),
        "company" => contact.company.clone(),
        "title" => contact.title.clone(),
        "location" => contact.location.clone(),
        "source" => contact.source.clone(),
        "stage" => Some(contact.stage.clone()),
        "days_since_contact" => contact
            .last_contact_at
            .as_deref()
            .and_then(crate::clock::timestamp_date)
            .map(|d| (today - d).num_days().to_string()),
        "last_purchase" => last_purchase.map(String::from),
        other => contact.fields.get(other).cloned(),
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
    fn fallbacks_and_unknown_placeholders() {
        assert_eq!(
            render("Hi {nickname|there}, {company|your team}", &values).unwrap(),
            "Hi there, Engines"
        );
        assert_eq!(render("{empty|}!", &values).unwrap(), "!");
        assert_eq!(
            placeholders("{a} {b|x} {a} {{c}}").unwrap(),
            vec!["a".to_string(), "b".to_string()]
        );
        let t = Template::new("t", "Hi {first_name}".into(), "{compnay}".into()).unwrap();
        let err = t
            .check_placeholders(&["interest".into()])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("{compnay}") && err.contains("company") && err.contains("interest"),
            "{err}"
        );
        let ok = Template::new("t", "Hi".into(), "{interest|your work}".into()).unwrap();
        assert!(ok.check_placeholders(&["interest".into()]).is_ok());
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
            render("Hi {nickname},", &values).unwrap_err().to_string(),
            "placeholder {nickname} has no value"
        );
        assert_eq!(
            render("Hi {empty},", &values).unwrap_err().to_string(),
            "placeholder {empty} has no value"
        );
        assert!(render("Hi {first_name", &values)
            .unwrap_err()
            .to_string()
            .contains("not closed"));
        assert!(render("Hi }", &values).is_err());
        assert!(Template::new("ok", "s".into(), "ok {a} {{b}}".into()).is_ok());
        assert!(Template::new("two words", "s".into(), "b".into()).is_err());
        assert!(Template::new("ok", "s".into(), " ".into())
            .unwrap_err()
            .to_string()
            .contains("empty"));
    }
}
