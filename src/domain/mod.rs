//! The relationship model in plain types and rules: no I/O, no SQL.

pub mod config;
pub mod contact;
pub mod due;
pub mod follow_up;
pub mod insight;
pub mod interaction;
pub mod rules;
pub mod score;
pub mod stage;
pub mod template;
pub mod when;

/// The reasons a value is refused, phrased for the person who typed it.
pub type Invalid = String;
