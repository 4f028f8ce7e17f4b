//! rapport: a local-first command-line CRM for solopreneurs.
//!
//! A command (`commands/`) turns its arguments into a call of one
//! operation (`ops/`), which works through the store (`store/`, the only
//! code that speaks SQL) on plain types and rules (`domain/`), and hands
//! its result to `output/`, which writes every byte shown.

pub mod clock;
pub mod commands;
pub mod domain;
pub mod error;
pub mod generated;
pub mod import;
pub mod ops;
pub mod output;
pub mod store;

#[cfg(test)]
mod fuzz;

use std::io::Write;
use std::process::ExitCode;

/// Parses, runs, and maps the outcome to an exit code (see `error`).
pub fn main() -> ExitCode {
    use clap::Parser;
    // RAPPORT_DB set but empty (`RAPPORT_DB= rapport …`) means not set, as
    // shells treat it; clap would call it a missing value. Still one thread.
    if std::env::var_os("RAPPORT_DB").is_some_and(|v| v.is_empty()) {
        std::env::remove_var("RAPPORT_DB");
    }
    let cli = match commands::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { error::EXIT_USAGE } else { 0 });
        }
    };
    // A panic is a bug: reported like any internal error, exit 70.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| commands::run(cli)).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        Err(error::Error::Internal(format!("panicked: {what}")))
    });
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            let mut stderr = std::io::stderr().lock();
            if !matches!(e, error::Error::BrokenPipe) {
                for line in e.report() {
                    let _ = writeln!(stderr, "{line}");
                }
            }
            ExitCode::from(e.exit_code())
        }
    }
}
