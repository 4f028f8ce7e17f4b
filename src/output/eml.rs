//! Drafts as RFC 5322 messages (.eml) that a mail client opens.

use base64::Engine;

/// An RFC 5322 message with an RFC 2047 subject and an RFC 2045 base64
/// body, so any text survives; X-Unsent opens it as a draft in Outlook.
pub fn message(
    from: Option<&str>,
    name: &str,
    to: &str,
    subject: &str,
    body: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    // No header value may hold a control character: CR or LF would start
    // a header of its own (an injected Bcc:).
    let plain = |text: &str| -> String {
        text.chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect()
    };
    let (from, to) = (from.map(plain), plain(to));
    let word = |text: &str| {
        if text.is_ascii() && !text.contains(|c: char| c.is_control()) {
            text.to_string()
        } else {
            format!("=?UTF-8?B?{}?=", b64.encode(text))
        }
    };
    let display = if name.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        name.to_string()
    } else if name.is_ascii() && !name.contains(|c: char| c.is_control()) {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        word(name)
    };
    let normalised = body.replace("\r\n", "\n").replace('\n', "\r\n");
    let encoded = b64.encode(normalised.as_bytes());
    let mut lines = Vec::new();
    if let Some(from) = from.filter(|f| !f.trim().is_empty()) {
        lines.push(format!("From: {from}"));
    }
    lines.push(format!("To: {display} <{to}>"));
    lines.push(format!("Subject: {}", word(subject)));
    lines.push(format!("Date: {}", now.to_rfc2822()));
    lines.push(format!(
        "Message-ID: <{}@rapport.invalid>",
        ulid::Ulid::generate()
    ));
    lines.push("X-Unsent: 1".into());
    lines.push("MIME-Version: 1.0".into());
    lines.push("Content-Type: text/plain; charset=utf-8".into());
    lines.push("Content-Transfer-Encoding: base64".into());
    let mut out = lines.join("\r\n");
    out.push_str("\r\n\r\n");
    for chunk in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(chunk).unwrap_or_default());
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eml_headers_and_body() {
        let now = chrono::DateTime::parse_from_rfc3339("2026-11-23T09:00:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let m = message(
            Some("Sam <sam@example.com>"),
            "Zoë Brontë",
            "zoe@example.com",
            "Café",
            "Hi Zoë,\nbye",
            now,
        );
        assert!(m.contains("From: Sam <sam@example.com>\r\n"));
        assert!(m.contains("To: =?UTF-8?B?"), "{m}");
        assert!(m.contains("Subject: =?UTF-8?B?Q2Fmw6k=?=\r\n"), "{m}");
        assert!(m.contains("Date: Mon, 23 Nov 2026 09:00:00 +0000\r\n"));
        let body = m.split("\r\n\r\n").nth(1).unwrap().replace("\r\n", "");
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), "Hi Zoë,\r\nbye");
    }
}
