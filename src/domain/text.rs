//! Text that reaches a screen: control characters and bidirectional
//! overrides made visible, so that stored data cannot move the cursor,
//! retitle the terminal or reverse what follows.

/// Whether a character would act on a terminal instead of showing:
/// C0 controls (tab and newline included: callers keep those they want),
/// DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
pub fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The text with every hostile character written out (`\e`, `\r`, `\n`,
/// `\t`, `\u{202e}`), on one line: for error messages and single-line cells.
pub fn shown(text: &str) -> String {
    escape(text, |_| false)
}

/// Like `shown`, keeping newlines and tabs: free text (notes, summaries)
/// printed as a block.
pub fn shown_block(text: &str) -> String {
    escape(text, |c| c == '\n' || c == '\t')
}

fn escape(text: &str, keep: impl Fn(char) -> bool) -> String {
    if !text.chars().any(|c| is_hostile(c) && !keep(c)) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if !is_hostile(c) || keep(c) {
            out.push(c);
            continue;
        }
        match c {
            '\u{1b}' => out.push_str("\\e"),
            '\r' => out.push_str("\\r"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\0' => out.push_str("\\0"),
            other => out.push_str(&format!("\\u{{{:x}}}", other as u32)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_characters_are_made_visible() {
        assert_eq!(shown("plain Zoë"), "plain Zoë");
        assert_eq!(shown("x\u{1b}]0;pwn\u{7}"), "x\\e]0;pwn\\a");
        assert_eq!(shown("sum\rOVER"), "sum\\rOVER");
        assert_eq!(shown("a\nb"), "a\\nb");
        assert_eq!(shown("\u{202e}evil"), "\\u{202e}evil");
        assert_eq!(shown("\u{9b}31m"), "\\u{9b}31m");
        assert_eq!(
            shown_block("line one\nline\ttwo\r"),
            "line one\nline\ttwo\\r"
        );
    }
}
