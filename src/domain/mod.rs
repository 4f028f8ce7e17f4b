//! The relationship model in plain types and rules: no I/O, no SQL.

pub mod at_risk;
pub mod contact;
pub mod due;
pub mod follow_up;
pub mod interaction;
pub mod report;
pub mod rules;
pub mod score;
pub mod settings;
pub mod stage;
pub mod template;
pub mod text;
pub mod when;

use text::shown;

/// Why a value is refused, phrased for the person who typed it: each
/// names the value (escaped, on one line) and what was expected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Invalid {
    #[error("a contact needs a name: it is empty")]
    EmptyName,
    #[error("name {} contains control characters: expected plain text", shown(.0))]
    NameControl(String),
    #[error("name '{}…' is too long: at most 200 characters", shown(.0))]
    NameTooLong(String),
    #[error("'{}' is not an email address: expected name@example.com", shown(.0))]
    Email(String),
    #[error("'{}' is not a phone number: expected digits with optional +, spaces, dashes or brackets", shown(.0))]
    Phone(String),
    #[error("'{}' is not a tag: expected one word of letters, digits, - _ : / or .", shown(.0))]
    Tag(String),
    #[error("'{}' is not a field name: expected letters, digits, _ or -", shown(.0))]
    FieldKey(String),
    #[error("'{}' is not a field: expected KEY=VALUE, like interest=analytics", shown(.0))]
    Field(String),
    #[error(
        "field '{}' has no value in '{}': use --clear {} to remove it",
        shown(key),
        shown(text),
        shown(key)
    )]
    FieldEmpty { key: String, text: String },
    #[error("'{}' is not something to clear: expected email, phone, company, title, location, source, birthday, referred-by, note, or a custom field key", shown(.0))]
    Clearable(String),
    #[error("the {what} is empty: {hint}")]
    Empty {
        what: &'static str,
        hint: &'static str,
    },
    #[error("'{}' is not a pipeline: expected lifecycle, phases, or a comma list of stages like lead,client,fan", shown(.0))]
    Pipeline(String),
    #[error("stage '{}' appears twice in '{}'", shown(stage), shown(pipeline))]
    StageTwice { stage: String, pipeline: String },
    #[error("'{}' is not a stage name: expected a word of letters, digits, - or _ (at most 40)", shown(.0))]
    StageName(String),
    #[error("'{}' is not a kind of interaction: expected call, email, meeting, message, note, purchase, feedback or ticket", shown(.0))]
    Kind(String),
    #[error("'{}' is not an amount: expected a positive number like 49.90", shown(.0))]
    Amount(String),
    #[error("'{}' is not a positive amount: a purchase is worth more than 0", shown(.0))]
    AmountZero(String),
    #[error("'{}' holds a control character or a direction override: expected plain text", shown(.0))]
    Control(String),
    #[error("'{}…' is too long: expected at most {max} characters", shown(start))]
    TooLong { start: String, max: usize },
    #[error("amount '{}' is too large: expected at most 1000000000.00 per purchase", shown(.0))]
    AmountTooLarge(String),
    #[error("direction '{}' is not one: expected in or out", shown(.0))]
    Direction(String),
    #[error("rating '{}' is out of range: expected 0 to 10", shown(.0))]
    Rating(String),
    #[error("{flag} goes with --kind {kind}, not '{given}'")]
    Extra {
        flag: &'static str,
        kind: &'static str,
        given: String,
    },
    #[error("a purchase needs --amount, like --amount 49.90")]
    PurchaseAmount,
    #[error("'{}' is not an item id: expected an id that `rapport due` shows, like 12 or dormant-2-40", shown(.0))]
    ItemId(String),
    #[error("'{}' is not a setting: expected one of {}", shown(.0), settings::names())]
    SettingKey(String),
    #[error("{key} '{}' is not {expected}", shown(value))]
    SettingValue {
        key: &'static str,
        value: String,
        expected: &'static str,
    },
    #[error("unknown stage '{}': expected one of {}", shown(stage), known.join(", "))]
    UnknownStage { stage: String, known: Vec<String> },
    #[error("'{}' is not a duration: expected a number and a unit, like 10d, 3w, 6m or 1y", shown(.0))]
    Duration(String),
    #[error("'{}' is not a date: expected YYYY-MM-DD (years 1000-9999), today, tomorrow, yesterday, +3d, 2w, 1m, -2d, 'in 3 days', '3 days ago', a weekday, 'next monday', 'last friday' or 'april 1', each optionally with a time (14:30, 8pm, noon)", shown(.0))]
    When(String),
    #[error("'{}' is not a timestamp: expected YYYY-MM-DDTHH:MM:SSZ with a year from 1000 to 9999", shown(.0))]
    Timestamp(String),
    #[error("'{}' is not a day: expected YYYY-MM-DD with a year from 1000 to 9999", shown(.0))]
    Day(String),
    #[error("'{}' is not a consent: expected what, then when and how, like 'newsletter 2026-03-01 web form'", shown(.0))]
    Consent(String),
    #[error("consent given on {} is in the future: expected a day up to today", shown(.0))]
    ConsentFuture(String),
    #[error("'{}' is not a birthday: expected YYYY-MM-DD, or --MM-DD when the year is unknown", shown(.0))]
    Birthday(String),
    #[error("birthday '{}' is in the future", shown(.0))]
    BirthdayFuture(String),
    #[error("'{}' is in the future: expected a time that has passed", shown(.0))]
    Future(String),
    #[error("'{}' is not after today: snooze moves an item to a later date", shown(.0))]
    NotLater(String),
    #[error("{} reaches too far", shown(.0))]
    TooFar(String),
    #[error("'{}' is not a number of points: expected +N or -N, like +50 or -20", shown(.0))]
    Points(String),
    #[error(
        "'{}' is not {what}: expected the number {printed_by} printed",
        shown(text)
    )]
    Id {
        text: String,
        what: &'static str,
        printed_by: &'static str,
    },
    #[error("'{}' is not a template name: expected one word of letters, digits, - or _", shown(.0))]
    TemplateName(String),
    #[error("template '{}', {part}: {problem}", shown(name))]
    Template {
        name: String,
        part: &'static str,
        problem: TemplateProblem,
    },
    #[error("RAPPORT_NOW '{}' is not a time: expected RFC 3339 (2026-11-23T09:00:00Z) or YYYY-MM-DD", shown(.0))]
    Now(String),
    #[error("{flag}: {inner}")]
    Flag {
        flag: &'static str,
        inner: Box<Invalid>,
    },
    #[error("{inner} (in {context} '{}')", shown(text))]
    In {
        context: &'static str,
        text: String,
        inner: Box<Invalid>,
    },
}

/// What is wrong with a template's text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateProblem {
    #[error("a '}}' with no '{{' before it: write '}}}}' for a brace")]
    StrayClose,
    #[error("'{}' is not closed: expected {{placeholder}}", shown(.0))]
    Unclosed(String),
    #[error("an empty placeholder {{}}: expected a name like {{first_name}}")]
    EmptyPlaceholder,
    #[error("placeholder {{{}}} has no value", shown(.0))]
    NoValue(String),
    #[error("it is empty")]
    EmptyBody,
    #[error("no contact has a value for {{{}}}: expected one of {known}, or a fallback like {{{}|your team}}", shown(key), shown(key))]
    Unknown { key: String, known: String },
}

/// Import rows keep their reasons as text, for the summary and the rejects file.
impl From<Invalid> for String {
    fn from(e: Invalid) -> String {
        e.to_string()
    }
}

impl Invalid {
    /// This error, said of a flag's value.
    pub fn of_flag(self, flag: &'static str) -> Invalid {
        Invalid::Flag {
            flag,
            inner: Box::new(self),
        }
    }
}
