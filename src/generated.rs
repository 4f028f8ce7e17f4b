//! Completion scripts and man pages, generated from the clap definition.
//! `tests/generated.rs` fails when the committed copies are stale.

use crate::commands::Cli;
use clap::CommandFactory;
use clap_complete::Shell;

pub fn completion(shell: Shell) -> Vec<u8> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rapport", &mut out);
    out
}

/// (file name, contents): `rapport.1` and `rapport-SUBCOMMAND.1` for each subcommand.
pub fn man_pages() -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut command = Cli::command();
    command.build();
    let mut pages = Vec::new();
    let mut render = |cmd: &clap::Command, name: String| -> std::io::Result<()> {
        let mut out = Vec::new();
        clap_mangen::Man::new(cmd.clone())
            .title(name.to_uppercase())
            .render(&mut out)?;
        pages.push((format!("{name}.1"), out));
        Ok(())
    };
    render(&command, "rapport".to_string())?;
    for sub in command.get_subcommands() {
        render(sub, format!("rapport-{}", sub.get_name()))?;
        for nested in sub.get_subcommands() {
            render(
                nested,
                format!("rapport-{}-{}", sub.get_name(), nested.get_name()),
            )?;
        }
    }
    Ok(pages)
}
