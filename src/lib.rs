//! rapport: a local-first command-line CRM for solopreneurs.

pub mod agenda;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod domain;
pub mod generated;
pub mod import;
pub mod output;
pub mod reports;
pub mod store;

use std::io;
use std::process::ExitCode;

/// Parses, runs, and maps the outcome to the contract's exit codes:
/// 0 success, 1 the command failed, 2 a usage error (clap's own).
pub fn main() -> ExitCode {
    use clap::Parser;
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `rapport list | head`: the reader left; that is not a failure.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            let text = format!("{e:#}");
            let mut lines = text.lines();
            eprintln!("error: {}", lines.next().unwrap_or("unknown error"));
            for hint in lines {
                eprintln!("{hint}");
            }
            ExitCode::FAILURE
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        let kind = cause
            .downcast_ref::<io::Error>()
            .map(io::Error::kind)
            .or_else(|| {
                cause
                    .downcast_ref::<serde_json::Error>()
                    .and_then(|j| j.io_error_kind())
            })
            .or_else(
                || match cause.downcast_ref::<csv::Error>().map(csv::Error::kind) {
                    Some(csv::ErrorKind::Io(io)) => Some(io.kind()),
                    _ => None,
                },
            );
        kind == Some(io::ErrorKind::BrokenPipe)
    })
}
