//! What merging an imported row into an existing contact changes:
//! empty fields are filled, tags and custom fields are added, the stage
//! only moves forward, and nothing the user already has is overwritten.

use crate::domain::contact::{Contact, ContactChanges, NewContact};

/// One value an import set, remembered so that `import undo` can put it back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub target: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

#[derive(Debug, Default)]
pub struct MergePlan {
    pub changes: ContactChanges,
    /// The stage to move forward to.
    pub stage: Option<String>,
    pub record: Vec<Change>,
}

impl MergePlan {
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.stage.is_none()
    }
}

pub fn plan(existing: &Contact, incoming: &NewContact, pipeline: &[String]) -> MergePlan {
    let mut plan = MergePlan::default();
    let mut fill =
        |target: &str, current: &Option<String>, new: &Option<String>| -> Option<Option<String>> {
            match (current, new) {
                (None, Some(v)) => {
                    plan.record.push(Change {
                        target: target.into(),
                        old: None,
                        new: Some(v.clone()),
                    });
                    Some(Some(v.clone()))
                }
                _ => None,
            }
        };
    let c = &mut ContactChanges::default();
    c.email = fill("email", &existing.email, &incoming.email);
    c.phone = fill("phone", &existing.phone, &incoming.phone);
    c.company = fill("company", &existing.company, &incoming.company);
    c.title = fill("title", &existing.title, &incoming.title);
    c.location = fill("location", &existing.location, &incoming.location);
    c.source = fill("source", &existing.source, &incoming.source);
    c.birthday = fill("birthday", &existing.birthday, &incoming.birthday);
    c.note = fill("note", &existing.note, &incoming.note);
    for tag in &incoming.tags {
        if !existing.tags.iter().any(|t| t.eq_ignore_ascii_case(tag)) && !c.add_tags.contains(tag) {
            c.add_tags.push(tag.clone());
            plan.record.push(Change {
                target: "tag".into(),
                old: None,
                new: Some(tag.clone()),
            });
        }
    }
    for (key, value) in &incoming.fields {
        let known = existing.fields.keys().any(|k| k.eq_ignore_ascii_case(key));
        if !known && !c.set_fields.iter().any(|(k, _)| k == key) {
            c.set_fields.push((key.clone(), value.clone()));
            plan.record.push(Change {
                target: format!("field:{key}"),
                old: None,
                new: Some(value.clone()),
            });
        }
    }
    // An unsubscribe is honoured; an import never lifts do-not-contact.
    if incoming.do_not_contact && !existing.do_not_contact {
        c.do_not_contact = Some(true);
        plan.record.push(Change {
            target: "do_not_contact".into(),
            old: Some("false".into()),
            new: Some("true".into()),
        });
    }
    if let Some(stage) = &incoming.stage {
        let position = |name: &str| pipeline.iter().position(|s| s.eq_ignore_ascii_case(name));
        if let (Some(now), Some(then)) = (position(&existing.stage), position(stage)) {
            if then > now {
                plan.stage = Some(pipeline[then].clone());
            }
        }
    }
    plan.changes = std::mem::take(c);
    plan
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn existing() -> Contact {
        Contact {
            id: 1,
            uid: "U".into(),
            name: "Ada Lovelace".into(),
            email: Some("ada@example.com".into()),
            phone: None,
            company: Some("Engines".into()),
            title: None,
            location: None,
            stage: "acquisition".into(),
            stage_since: String::new(),
            source: None,
            tags: vec!["vip".into()],
            birthday: None,
            fields: BTreeMap::from([("interest".to_string(), "maths".to_string())]),
            referred_by: None,
            referred_by_name: None,
            note: None,
            do_not_contact: false,
            created_at: String::new(),
            updated_at: String::new(),
            last_contact_at: None,
            next_follow_up: None,
            lost_at: None,
            lost_reason: None,
        }
    }

    fn pipeline() -> Vec<String> {
        ["reach", "acquisition", "conversion", "retention"]
            .map(String::from)
            .to_vec()
    }

    #[test]
    fn fills_empty_fields_and_never_overwrites() {
        let incoming = NewContact {
            name: "A. Lovelace".into(),
            email: Some("other@example.com".into()),
            phone: Some("+44 1".into()),
            company: Some("Other Co".into()),
            tags: vec!["vip".into(), "speaker".into()],
            fields: vec![
                ("interest".into(), "poetry".into()),
                ("diet".into(), "vegan".into()),
            ],
            ..NewContact::default()
        };
        let p = plan(&existing(), &incoming, &pipeline());
        assert_eq!(p.changes.phone, Some(Some("+44 1".into())));
        assert_eq!(p.changes.email, None);
        assert_eq!(p.changes.company, None);
        assert_eq!(p.changes.name, None);
        assert_eq!(p.changes.add_tags, ["speaker"]);
        assert_eq!(
            p.changes.set_fields,
            [("diet".to_string(), "vegan".to_string())]
        );
        assert_eq!(p.record.len(), 3);
    }

    #[test]
    fn the_same_row_again_changes_nothing() {
        let incoming = NewContact {
            name: "Ada Lovelace".into(),
            email: Some("ADA@example.com".into()),
            company: Some("Engines".into()),
            tags: vec!["vip".into()],
            stage: Some("acquisition".into()),
            ..NewContact::default()
        };
        assert!(plan(&existing(), &incoming, &pipeline()).is_empty());
    }

    #[test]
    fn stage_moves_forward_only() {
        let forward = NewContact {
            stage: Some("Conversion".into()),
            ..NewContact::default()
        };
        assert_eq!(
            plan(&existing(), &forward, &pipeline()).stage.as_deref(),
            Some("conversion")
        );
        let back = NewContact {
            stage: Some("reach".into()),
            ..NewContact::default()
        };
        assert!(plan(&existing(), &back, &pipeline()).is_empty());
    }

    #[test]
    fn unsubscribes_are_honoured() {
        let unsub = NewContact {
            do_not_contact: true,
            ..NewContact::default()
        };
        let p = plan(&existing(), &unsub, &pipeline());
        assert_eq!(p.changes.do_not_contact, Some(true));
    }
}
