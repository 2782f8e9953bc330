//! Mailbox identities as admins write them (on the command line, in batch CSV files).
//!
//! Exchange's `MailboxIdParameter` accepts many forms (alias, SMTP address, UPN, GUID,
//! distinguished name, canonical name, display name, `DOMAIN\user`, LegacyExchangeDN). mbxctl
//! passes the text through unchanged as a typed string argument, so no form needs rewriting; the
//! classification here serves messages and duplicate detection, where two rows of a batch that
//! name the same mailbox in different forms must be caught.

use super::results::Mailbox;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A validated, non-empty mailbox identity, trimmed of surrounding whitespace.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MailboxIdentity(String);

/// Which form an identity is written in. The forms overlap (an alias is also a valid name); the
/// classification picks the most specific reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum IdentityKind {
    /// `a3f2…` / `{a3f2…}`: a mailbox, object or Exchange GUID.
    Guid,
    /// `CN=Kim Akers,OU=Users,DC=contoso,DC=com`.
    DistinguishedName,
    /// `/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=kim`.
    LegacyExchangeDn,
    /// `contoso.com/Users/Kim Akers`: the form Exchange on-premises prints as `Identity`.
    CanonicalName,
    /// `CONTOSO\kim`: a pre-Windows 2000 logon name.
    DomainAccount,
    /// `kim@contoso.com` (optionally `smtp:` prefixed): an SMTP address or a UPN, which look alike.
    EmailAddress,
    /// `kim.akers`: one word of the characters an alias allows (also a valid name or SAM name).
    Alias,
    /// `Kim Akers`: anything else, matched against names.
    DisplayName,
}

/// Why a text is not a usable identity.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IdentityError {
    /// Empty or only whitespace.
    #[error("the mailbox identity is empty; give an alias, an email address, a GUID or a name")]
    Empty,
    /// Contains a control character (a tab, a line break), usually a CSV or copy-paste accident.
    #[error(
        "the mailbox identity {text:?} contains the control character U+{code:04X} at character {position}; \
         remove it (a tab or line break from a copied cell?)"
    )]
    ControlCharacter {
        /// The identity as given.
        text: String,
        /// The offending character's code point.
        code: u32,
        /// Its 1-based position in characters.
        position: usize,
    },
}

impl MailboxIdentity {
    /// Validates an identity: trims surrounding whitespace, rejects empty text and control
    /// characters.
    pub fn new(text: &str) -> Result<Self, IdentityError> {
        let t = text.trim();
        if t.is_empty() {
            return Err(IdentityError::Empty);
        }
        if let Some((i, c)) = t.chars().enumerate().find(|(_, c)| c.is_control()) {
            return Err(IdentityError::ControlCharacter { text: text.to_string(), code: c as u32, position: i + 1 });
        }
        Ok(MailboxIdentity(t.to_string()))
    }

    /// The identity text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Which form the identity is written in.
    pub fn kind(&self) -> IdentityKind {
        let t = self.0.as_str();
        if parse_guid(t).is_some() {
            IdentityKind::Guid
        } else if is_distinguished_name(t) {
            IdentityKind::DistinguishedName
        } else if t.len() > 3 && t[..3].eq_ignore_ascii_case("/o=") {
            IdentityKind::LegacyExchangeDn
        } else if let Some(_addr) = email_address(t) {
            IdentityKind::EmailAddress
        } else if is_canonical_name(t) {
            IdentityKind::CanonicalName
        } else if domain_account(t).is_some() {
            IdentityKind::DomainAccount
        } else if is_alias(t) {
            IdentityKind::Alias
        } else {
            IdentityKind::DisplayName
        }
    }

    /// Whether this identity names `mailbox`: a case-insensitive match against its Identity,
    /// Alias, PrimarySmtpAddress, SMTP EmailAddresses, UPN, Name, DisplayName, SamAccountName,
    /// DistinguishedName and ExternalDirectoryObjectId, and for GUIDs against Guid and
    /// ExchangeGuid (in any GUID spelling). `DOMAIN\user` matches the SamAccountName, as the
    /// mailbox object does not carry the NetBIOS domain name.
    pub fn matches(&self, mailbox: &Mailbox) -> bool {
        let t = self.0.as_str();
        if let Some(g) = parse_guid(t) {
            let guid_text = |s: &str| parse_guid(s) == Some(g);
            if mailbox.guid == Some(g)
                || mailbox.exchange_guid == Some(g)
                || guid_text(&mailbox.identity)
                || mailbox.external_directory_object_id.as_deref().is_some_and(guid_text)
            {
                return true;
            }
        }
        if let Some(addr) = email_address(t) {
            let is_addr = |s: &str| eq_ci(s, addr);
            if is_addr(&mailbox.primary_smtp_address)
                || mailbox.user_principal_name.as_deref().is_some_and(is_addr)
                || mailbox.smtp_addresses().into_iter().any(is_addr)
            {
                return true;
            }
        }
        if let Some(sam) = domain_account(t)
            && mailbox.sam_account_name.as_deref().is_some_and(|s| eq_ci(s, sam))
        {
            return true;
        }
        let names = [
            Some(mailbox.identity.as_str()),
            Some(mailbox.alias.as_str()),
            Some(mailbox.primary_smtp_address.as_str()),
            mailbox.user_principal_name.as_deref(),
            Some(mailbox.name.as_str()),
            Some(mailbox.display_name.as_str()),
            mailbox.sam_account_name.as_deref(),
            mailbox.distinguished_name.as_deref(),
            mailbox.external_directory_object_id.as_deref(),
        ];
        names.into_iter().flatten().any(|n| eq_ci(n, t))
    }
}

/// Case-insensitive equality as Exchange compares names (Unicode-aware, not only ASCII).
fn eq_ci(a: &str, b: &str) -> bool {
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a.eq_ignore_ascii_case(b) || (!a.is_ascii() || !b.is_ascii()) && a.to_lowercase() == b.to_lowercase()
}

fn parse_guid(t: &str) -> Option<uuid::Uuid> {
    // uuid accepts braces, hyphens or not, and URNs; Exchange accepts the same spellings.
    uuid::Uuid::parse_str(t).ok()
}

fn is_distinguished_name(t: &str) -> bool {
    let first = t.split(',').next().unwrap_or("");
    let Some((attr, value)) = first.split_once('=') else { return false };
    ["cn", "ou", "dc", "o", "uid"].iter().any(|a| attr.trim().eq_ignore_ascii_case(a))
        && !value.trim().is_empty()
        && t.contains(',')
}

/// `contoso.com/Users/Kim`: a domain (dotted, no spaces) followed by at least one path segment.
fn is_canonical_name(t: &str) -> bool {
    match t.split_once('/') {
        Some((domain, rest)) => {
            domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains(char::is_whitespace)
                && !rest.trim().is_empty()
        }
        None => false,
    }
}

/// The address of `kim@contoso.com` or `smtp:kim@contoso.com`.
fn email_address(t: &str) -> Option<&str> {
    let addr = match t.split_once(':') {
        Some((prefix, rest)) if prefix.eq_ignore_ascii_case("smtp") => rest,
        _ => t,
    };
    let (local, domain) = addr.rsplit_once('@')?;
    let ok = !local.is_empty()
        && !domain.is_empty()
        && !addr.contains(char::is_whitespace)
        && !addr.contains(['/', '\\', ','])
        && !domain.starts_with('.')
        && !domain.ends_with('.');
    ok.then_some(addr)
}

/// The user part of `DOMAIN\user`.
fn domain_account(t: &str) -> Option<&str> {
    let (domain, user) = t.split_once('\\')?;
    let ok = !domain.is_empty() && !user.is_empty() && !user.contains('\\') && !t.contains('@');
    ok.then_some(user)
}

/// One word of the characters Exchange allows in an alias: letters, digits and
/// ``!#$%&'*+-/=?^_`{|}~`` with dots only between other characters.
fn is_alias(t: &str) -> bool {
    let allowed = |c: char| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    t.chars().all(allowed) && !t.starts_with('.') && !t.ends_with('.') && !t.contains("..")
}

impl fmt::Display for MailboxIdentity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for MailboxIdentity {
    type Err = IdentityError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        MailboxIdentity::new(s)
    }
}

impl AsRef<str> for MailboxIdentity {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Serialize for MailboxIdentity {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for MailboxIdentity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        MailboxIdentity::new(&s).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::exchange::{RecipientTypeDetails, results::ps_from_json};

    fn id(s: &str) -> MailboxIdentity {
        s.parse().unwrap()
    }

    #[test]
    fn classifies_every_form() {
        use IdentityKind::*;
        let cases = [
            ("2f0eef8a-ac24-475e-beae-3da243345ad9", Guid),
            ("{2F0EEF8A-AC24-475E-BEAE-3DA243345AD9}", Guid),
            ("CN=Kim Akers,OU=Users,DC=contoso,DC=com", DistinguishedName),
            ("cn=kim,dc=contoso,dc=com", DistinguishedName),
            ("/o=Contoso/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=kim", LegacyExchangeDn),
            ("contoso.com/Users/Kim Akers", CanonicalName),
            ("CONTOSO\\kakers", DomainAccount),
            ("kim@contoso.com", EmailAddress),
            ("SMTP:kim@contoso.com", EmailAddress),
            ("kim.akers", Alias),
            ("kakers", Alias),
            ("Kim Akers", DisplayName),
            ("Kim (Sales)", DisplayName),
            ("kim..akers", DisplayName),
        ];
        for (text, kind) in cases {
            assert_eq!(id(text).kind(), kind, "{text}");
        }
    }

    #[test]
    fn rejects_empty_and_control_characters_with_clear_messages() {
        assert_eq!("".parse::<MailboxIdentity>(), Err(IdentityError::Empty));
        assert_eq!("  \t ".parse::<MailboxIdentity>(), Err(IdentityError::Empty));
        let e = "kim\takers".parse::<MailboxIdentity>().unwrap_err();
        assert_eq!(e, IdentityError::ControlCharacter { text: "kim\takers".into(), code: 9, position: 4 });
        assert_eq!(
            e.to_string(),
            "the mailbox identity \"kim\\takers\" contains the control character U+0009 at character 4; \
             remove it (a tab or line break from a copied cell?)"
        );
        assert_eq!(id("  Kim Akers \r\n").as_str(), "Kim Akers");
    }

    #[test]
    fn serializes_as_a_plain_string_and_validates_on_read() {
        let i = id("kim@contoso.com");
        assert_eq!(serde_json::to_string(&i).unwrap(), "\"kim@contoso.com\"");
        assert_eq!(serde_json::from_str::<MailboxIdentity>("\" kim \"").unwrap(), id("kim"));
        let e = serde_json::from_str::<MailboxIdentity>("\"  \"").unwrap_err();
        assert!(e.to_string().starts_with("the mailbox identity is empty"));
        assert_eq!(serde_json::to_string(&IdentityKind::LegacyExchangeDn).unwrap(), "\"legacy-exchange-dn\"");
    }

    fn kim() -> Mailbox {
        let json = serde_json::json!({
            "Identity": "contoso.com/Users/Kim Akers", "Name": "Kim Akers", "DisplayName": "Kim Akers (Sales)",
            "Alias": "kim", "PrimarySmtpAddress": "kim@contoso.com", "UserPrincipalName": "kakers@corp.contoso.com",
            "SamAccountName": "kakers", "RecipientTypeDetails": "UserMailbox",
            "Guid": "0d4a5e0c-7c2b-4a4e-9a55-6f0e8c3a1b2d", "ExchangeGuid": "2f0eef8a-ac24-475e-beae-3da243345ad9",
            "DistinguishedName": "CN=Kim Akers,OU=Users,DC=contoso,DC=com",
            "EmailAddresses": ["SMTP:kim@contoso.com", "smtp:kim.akers@contoso.com", "X500:/o=old/cn=kim", "SIP:k@contoso.com"]
        });
        let m = Mailbox::from_ps(&ps_from_json(&json)).unwrap();
        assert_eq!(m.recipient_type_details, RecipientTypeDetails::UserMailbox);
        m
    }

    #[test]
    fn matches_every_identifying_property_case_insensitively() {
        let m = kim();
        for text in [
            "contoso.com/users/kim akers",
            "KIM",
            "Kim@Contoso.com",
            "smtp:kim@contoso.com",
            "KIM.AKERS@contoso.com",
            "kakers@CORP.contoso.com",
            "kim akers",
            "Kim Akers (Sales)",
            "KAKERS",
            "CONTOSO\\kakers",
            "cn=kim akers,ou=users,dc=contoso,dc=com",
            "0D4A5E0C-7C2B-4A4E-9A55-6F0E8C3A1B2D",
            "{2f0eef8a-ac24-475e-beae-3da243345ad9}",
            "2f0eef8aac24475ebeae3da243345ad9",
        ] {
            assert!(id(text).matches(&m), "{text} should match");
        }
        for text in [
            "kim2",
            "k@contoso.com",
            "sip:k@contoso.com",
            "CONTOSO\\kim2",
            "Lee",
            "00000000-0000-0000-0000-000000000000",
        ] {
            assert!(!id(text).matches(&m), "{text} should not match");
        }
    }

    #[test]
    fn unicode_names_match_without_regard_to_case() {
        let mut m = kim();
        m.display_name = "Ärzte Empfang".into();
        assert!(id("ärzte empfang").matches(&m));
        assert!(!id("arzte empfang").matches(&m));
    }
}
