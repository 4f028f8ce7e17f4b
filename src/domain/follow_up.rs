//! Follow-ups: the next step with someone, once or on a rhythm.

use super::when::Duration;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    pub id: i64,
    pub uid: String,
    pub contact_id: i64,
    pub contact: String,
    pub due: String,
    pub time: Option<String>,
    pub note: String,
    pub every: Option<String>,
    pub done_at: Option<String>,
    pub created_at: String,
    /// The rule that scheduled it, if a rule did.
    pub rule: Option<i64>,
}

/// A follow-up a rule scheduled and a later move closed unanswered: kept so
/// `show` can say why a step that was planned never happened.
#[derive(Debug, Clone, Serialize)]
pub struct CancelledFollowUp {
    pub id: i64,
    pub due: String,
    pub note: String,
    pub rule: Option<i64>,
    pub cancelled_at: String,
    pub why: String,
}

/// The occurrence after `current` of a series that started on `anchor`,
/// skipping any that are already past `today`: a weekly check-in done three
/// weeks late is next due once, not three times. Counting from the anchor
/// keeps "every 1m from 31 January" on month ends instead of drifting.
pub fn next_occurrence(
    anchor: NaiveDate,
    every: Duration,
    current: NaiveDate,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let floor = current.max(today);
    let mut k: u32 = 1;
    loop {
        let candidate = every.times(k)?.add_to(anchor)?;
        if candidate > floor {
            return Some(candidate);
        }
        k = k.checked_add(1)?;
        if k > 1_000_000 {
            return None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn monthly_on_time() {
        let d = ymd(2026, 11, 23);
        assert_eq!(
            next_occurrence(d, Duration::Months(1), d, d),
            Some(ymd(2026, 12, 23))
        );
    }

    #[test]
    fn late_completion_skips_missed_occurrences() {
        let anchor = ymd(2026, 11, 2);
        let next = next_occurrence(anchor, Duration::Weeks(1), anchor, ymd(2026, 11, 23));
        assert_eq!(next, Some(ymd(2026, 11, 30)));
    }

    #[test]
    fn month_ends_do_not_drift() {
        let anchor = ymd(2027, 1, 31);
        let feb = next_occurrence(anchor, Duration::Months(1), anchor, anchor).unwrap();
        assert_eq!(feb, ymd(2027, 2, 28));
        assert_eq!(
            next_occurrence(anchor, Duration::Months(1), feb, feb),
            Some(ymd(2027, 3, 31))
        );
    }

    #[test]
    fn done_early_moves_past_the_current_one() {
        let anchor = ymd(2026, 11, 30);
        let next = next_occurrence(anchor, Duration::Weeks(1), anchor, ymd(2026, 11, 23));
        assert_eq!(next, Some(ymd(2026, 12, 7)));
    }
}
