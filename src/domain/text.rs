//! Text that reaches a screen: control characters and bidirectional
//! overrides made visible, so that stored data cannot move the cursor,
//! retitle the terminal or reverse what follows; and what may be stored.

use super::Invalid;

/// Whether a character would act on a terminal instead of showing:
/// C0 controls (tab and newline included: callers keep those they want),
/// DEL, C1 controls, and the bidirectional embeddings, overrides and isolates.
pub fn is_hostile(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// The longest single-line value (a company, a title, a note on a
/// follow-up) and the longest free text (a contact's note, a summary).
pub const LINE_MAX: usize = 1_000;
pub const TEXT_MAX: usize = 100_000;

/// A single-line value as stored: trimmed, each run of whitespace (tabs and
/// line breaks too) one space; None when empty. A control character other
/// than whitespace (ESC, BEL, NUL, DEL, C1) or a direction override is
/// refused: stored, it could act on a terminal or split a header line.
pub fn single_line(value: &str) -> Result<Option<String>, Invalid> {
    if value.chars().any(|c| is_hostile(c) && !c.is_whitespace()) {
        return Err(Invalid::Control(value.to_string()));
    }
    let v = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if v.chars().count() > LINE_MAX {
        return Err(Invalid::TooLong {
            start: v.chars().take(40).collect(),
            max: LINE_MAX,
        });
    }
    Ok((!v.is_empty()).then_some(v))
}

/// Free text as stored: kept as typed (line breaks and tabs included),
/// trimmed; None when empty. Control characters are kept, and shown
/// escaped wherever text is printed for a person.
pub fn free_text(value: &str) -> Result<Option<String>, Invalid> {
    if value.contains('\0') {
        return Err(Invalid::Control(value.to_string()));
    }
    let v = value.trim();
    if v.chars().count() > TEXT_MAX {
        return Err(Invalid::TooLong {
            start: v.chars().take(40).collect(),
            max: TEXT_MAX,
        });
    }
    Ok((!v.is_empty()).then(|| v.to_string()))
}

/// A CSV cell that a spreadsheet would run as a formula, made inert by a
/// leading `'` (which spreadsheets hide): a cell starting with `=`, `@`, a
/// tab or a CR, or with `+` or `-` followed by anything but a number or a
/// phone number (`+44 20 7946 0000`, `-12.50` stay as they are).
pub fn csv_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let risky = match cell.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !cell
            .chars()
            .all(|c| c.is_ascii_digit() || " +-().,/x".contains(c)),
        _ => false,
    };
    if risky {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// A cell read back from a CSV file: the `'` that `csv_safe` added taken off.
pub fn csv_unsafe(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '@', '\t', '\r', '+', '-']) => rest,
        _ => cell,
    }
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

/// A word as names compare: lower case, Latin accents off (`Müller` and
/// `muller`, `Łukasz` and `lukasz`, `Straße` and `strasse`).
pub fn folded(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'à'..='å' | 'ā' | 'ă' | 'ą' => out.push('a'),
            'æ' => out.push_str("ae"),
            'ç' | 'ć' | 'č' | 'ĉ' | 'ċ' => out.push('c'),
            'ď' | 'đ' | 'ð' => out.push('d'),
            'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => out.push('e'),
            'ĝ' | 'ğ' | 'ġ' | 'ģ' => out.push('g'),
            'ì'..='ï' | 'ĩ' | 'ī' | 'į' | 'ı' => out.push('i'),
            'ł' | 'ľ' | 'ĺ' | 'ļ' => out.push('l'),
            'ñ' | 'ń' | 'ň' | 'ņ' => out.push('n'),
            'ò'..='ö' | 'ø' | 'ō' | 'ő' => out.push('o'),
            'œ' => out.push_str("oe"),
            'ŕ' | 'ř' => out.push('r'),
            'ś' | 'š' | 'ş' | 'ș' => out.push('s'),
            'ß' => out.push_str("ss"),
            'ť' | 'ţ' | 'ț' => out.push('t'),
            'ù'..='ü' | 'ũ' | 'ū' | 'ů' | 'ű' | 'ų' => out.push('u'),
            'ý' | 'ÿ' => out.push('y'),
            'ź' | 'ż' | 'ž' => out.push('z'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_made_inert_and_phones_stay_readable() {
        for (cell, out) in [
            ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-2+3+cmd|x", "'-2+3+cmd|x"),
            ("\tx", "'\tx"),
            ("+44 20 7946 0000", "+44 20 7946 0000"),
            ("-12.50", "-12.50"),
            ("Ada", "Ada"),
            ("", ""),
        ] {
            assert_eq!(csv_safe(cell), out, "{cell}");
            assert_eq!(csv_unsafe(&csv_safe(cell)), cell, "{cell}");
        }
    }

    #[test]
    fn single_lines_fold_whitespace_and_refuse_controls() {
        assert_eq!(
            single_line("  Analytical\r\n  Engines\t")
                .unwrap()
                .as_deref(),
            Some("Analytical Engines")
        );
        assert_eq!(single_line("   ").unwrap(), None);
        for bad in [
            "n\u{1b}]0;pwn\u{7}",
            "a\u{202e}b",
            "x\u{0}y",
            "del\u{7f}",
            "c1\u{9b}",
        ] {
            assert!(single_line(bad).is_err(), "{bad:?}");
        }
        assert!(single_line(&"x".repeat(LINE_MAX + 1)).is_err());
        assert_eq!(
            free_text(" one\ntwo\t ").unwrap().as_deref(),
            Some("one\ntwo")
        );
        assert!(free_text("a\u{0}b").is_err());
    }

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
