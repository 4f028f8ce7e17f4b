use super::Ctx;
use crate::agenda::render_for;
use crate::store::Access;
use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct Args {
    pub contact: String,
    pub template: String,
    /// Write an RFC 5322 message (.eml) that a mail client opens as a draft
    #[arg(long, value_name = "FILE")]
    pub eml: Option<PathBuf>,
}

pub fn run(ctx: &mut Ctx, args: Args) -> Result<()> {
    let store = ctx.open(Access::Read)?;
    let db = store.read();
    let id = ctx.resolve_contact(&db, &args.contact)?;
    let contact = db
        .contact(id)?
        .ok_or_else(|| anyhow!("contact #{id} no longer exists"))?;
    let template = db.template(&args.template)?.ok_or_else(|| {
        anyhow!(
            "no template '{}': `rapport template list` shows them",
            args.template
        )
    })?;
    let draft = render_for(&db, &template, &contact, ctx.clock)?.map_err(|e| {
        anyhow!(
            "{e} for #{} {}: fill it in (rapport edit) or change the template",
            contact.id,
            contact.name
        )
    })?;
    if contact.do_not_contact {
        eprintln!(
            "note: #{} {} is marked do-not-contact",
            contact.id, contact.name
        );
    }
    if let Some(path) = &args.eml {
        let to = contact.email.as_deref().ok_or_else(|| {
            anyhow!(
                "#{} {} has no email: cannot address a message (rapport edit {} --email …)",
                contact.id,
                contact.name,
                contact.id
            )
        })?;
        let from = db.setting("from")?;
        let message = eml(
            from.as_deref(),
            &contact.name,
            to,
            &draft.subject,
            &draft.body,
            ctx.clock.now(),
        );
        if path.is_dir() {
            bail!(
                "'{}' is a directory: expected a file name like draft.eml",
                path.display()
            );
        }
        let mut file = std::fs::File::create(path)
            .with_context(|| format!("cannot write '{}'", path.display()))?;
        file.write_all(message.as_bytes())?;
        return ctx.ui.confirm(
            &draft,
            &format!("Wrote a draft to {} for {to}", path.display()),
        );
    }
    ctx.ui.confirm(
        &draft,
        &format!("Subject: {}\n\n{}", draft.subject, draft.body),
    )
}

/// An RFC 5322 message with an RFC 2047 subject and an RFC 2045 base64
/// body, so any text survives; X-Unsent opens it as a draft in Outlook.
fn eml(
    from: Option<&str>,
    name: &str,
    to: &str,
    subject: &str,
    body: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let word = |text: &str| {
        if text.is_ascii() && !text.contains(['\r', '\n']) {
            text.to_string()
        } else {
            format!("=?UTF-8?B?{}?=", b64.encode(text))
        }
    };
    let display = if name.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ') {
        name.to_string()
    } else if name.is_ascii() {
        format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        word(name)
    };
    let normalised = body.replace("\r\n", "\n").replace('\n', "\r\n");
    let encoded = b64.encode(normalised.as_bytes());
    let mut lines = Vec::new();
    if let Some(from) = from.filter(|f| !f.is_empty()) {
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
        let m = eml(
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
