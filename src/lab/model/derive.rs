//! The derivation rules: what a lab fills in when an import leaves it out (names, addresses,
//! GUIDs, account state, display types), all stable between runs and platforms, and the
//! classifications of recipient types those rules and the lab's cmdlets share.

use super::schema::{
    CloudMailbox, DEFAULT_ROLES, DisconnectedMailbox, LabData, OnPremRecipient, Organization, RoleAssignment,
    ServerVersion,
};
use crate::exchange::{ByteSize, Quota, RecipientTypeDetails, RemoteRecipientType};
use crate::lab::LabError;
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

impl Organization {
    /// `CONTOSO` for `contoso.com` unless given.
    pub fn net_bios(&self) -> String {
        self.net_bios_name
            .clone()
            .unwrap_or_else(|| self.domain.split('.').next().unwrap_or(&self.domain).to_ascii_uppercase())
    }

    /// The domain controller named in "couldn't be found on" errors.
    pub fn dc(&self) -> String {
        self.domain_controller.clone().unwrap_or_else(|| format!("DC01.{}", self.domain))
    }

    /// `contoso.onmicrosoft.com`.
    pub fn tenant(&self) -> String {
        self.tenant_domain
            .clone()
            .unwrap_or_else(|| format!("{}.onmicrosoft.com", self.name.to_ascii_lowercase().replace(' ', "")))
    }

    /// The hybrid routing domain, `contoso.mail.onmicrosoft.com`.
    pub fn routing_domain(&self) -> String {
        let t = self.tenant();
        match t.strip_suffix(".onmicrosoft.com") {
            Some(prefix) => format!("{prefix}.mail.onmicrosoft.com"),
            None => t,
        }
    }

    /// The on-premises caller for the audit log.
    pub fn admin_name(&self) -> String {
        self.admin.clone().unwrap_or_else(|| format!("{}/Users/Administrator", self.domain))
    }

    /// The Exchange Online caller for the audit log.
    pub fn online_admin_name(&self) -> String {
        self.online_admin.clone().unwrap_or_else(|| format!("admin@{}", self.tenant()))
    }

    /// The distinguished-name suffix of the domain: `DC=contoso,DC=com`.
    pub fn domain_dn(&self) -> String {
        self.domain.split('.').map(|p| format!("DC={p}")).collect::<Vec<_>>().join(",")
    }
}

/// The kinds of mailbox Get-Mailbox returns on-premises.
pub fn is_local_mailbox(t: RecipientTypeDetails) -> bool {
    use RecipientTypeDetails as R;
    matches!(
        t,
        R::UserMailbox
            | R::LinkedMailbox
            | R::SharedMailbox
            | R::LegacyMailbox
            | R::RoomMailbox
            | R::EquipmentMailbox
            | R::DiscoveryMailbox
            | R::TeamMailbox
            | R::LinkedRoomMailbox
            | R::ArbitrationMailbox
            | R::PublicFolderMailbox
            | R::MonitoringMailbox
            | R::AuditLogMailbox
            | R::GroupMailbox
    )
}

/// Whether the object is an AD user without a mailbox.
pub fn is_plain_user(t: RecipientTypeDetails) -> bool {
    matches!(t, RecipientTypeDetails::User | RecipientTypeDetails::DisabledUser | RecipientTypeDetails::LinkedUser)
}

/// Cloud RecipientTypeDetails values Exchange Online knows beyond the on-premises enum.
const CLOUD_ONLY_TYPES: [&str; 2] = ["WorkspaceMailbox", "DeskMailbox"];

/// Checks a cloud type name and returns it in Exchange's spelling.
pub fn cloud_type_name(t: &str) -> Option<String> {
    if let Some(c) = CLOUD_ONLY_TYPES.iter().find(|c| c.eq_ignore_ascii_case(t)) {
        return Some((*c).to_string());
    }
    match t.parse::<RecipientTypeDetails>() {
        Ok(RecipientTypeDetails::Unknown(_)) | Err(_) => None,
        Ok(r) => Some(r.name().into_owned()),
    }
}

/// msExchRecipientDisplayType for an on-premises type (docs/exchange-notes.md §2.3; `StampMailboxRecipientDisplayType`).
/// Types §2.3 does not list (team, discovery, ...) get none rather than a guess.
pub fn display_type_for(t: RecipientTypeDetails) -> Option<i64> {
    use RecipientTypeDetails as R;
    Some(match t {
        R::UserMailbox | R::LinkedMailbox => 1_073_741_824,
        R::SharedMailbox => 0,
        R::RoomMailbox | R::LinkedRoomMailbox => 7,
        R::EquipmentMailbox => 8,
        R::RemoteUserMailbox | R::RemoteSharedMailbox => -2_147_483_642,
        R::RemoteRoomMailbox => -2_147_481_850,
        R::RemoteEquipmentMailbox => -2_147_481_594,
        _ => return None,
    })
}

/// A stable hash, so that generated GUIDs and sizes never change between runs or platforms.
pub(crate) fn stable_hash(parts: &[&str], seed: u64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for p in parts {
        for b in p.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h ^= 0xff;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    splitmix(h)
}

/// splitmix64 finaliser.
pub(crate) fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A version-4-shaped GUID derived from text, the same on every run.
pub(crate) fn stable_uuid(parts: &[&str]) -> Uuid {
    let hi = stable_hash(parts, 1);
    let lo = stable_hash(parts, 2);
    uuid::Builder::from_random_bytes(((u128::from(hi) << 64) | u128::from(lo)).to_be_bytes()).into_uuid()
}

/// The source anchor Entra Connect derives from an objectGUID (base64 of its little-endian bytes).
pub(crate) fn immutable_id(guid: Uuid) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(guid.to_bytes_le())
}

fn alias_from(name: &str) -> String {
    name.chars().filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')).collect()
}

impl OnPremRecipient {
    /// A new record of a type with every optional value left to normalisation.
    pub fn new(name: impl Into<String>, t: RecipientTypeDetails) -> Self {
        OnPremRecipient {
            name: name.into(),
            recipient_type_details: t,
            display_name: None,
            alias: None,
            organizational_unit: None,
            sam_account_name: None,
            user_principal_name: None,
            guid: None,
            primary_smtp_address: None,
            email_addresses: Vec::new(),
            exchange_guid: None,
            database: None,
            account_disabled: None,
            has_password: None,
            reset_password_on_next_logon: false,
            recipient_display_type: None,
            linked_master_account: None,
            total_item_size: ByteSize(0),
            item_count: 0,
            total_deleted_item_size: ByteSize(0),
            last_logon_time: None,
            litigation_hold_enabled: false,
            in_place_holds: Vec::new(),
            retention_hold_enabled: false,
            archive_guid: None,
            archive_database: None,
            archive_name: None,
            archive_total_item_size: ByteSize(0),
            prohibit_send_quota: Quota::Unlimited,
            prohibit_send_receive_quota: Quota::Unlimited,
            issue_warning_quota: Quota::Unlimited,
            inbox_rules: Vec::new(),
            mailbox_permissions: Vec::new(),
            ad_permissions: Vec::new(),
            grant_send_on_behalf_to: Vec::new(),
            message_copy_for_sent_as_enabled: false,
            message_copy_for_send_on_behalf_enabled: false,
            remote_recipient_type: RemoteRecipientType(0),
            remote_routing_address: None,
            when_mailbox_created: None,
        }
    }

    /// Whether the object has an email address (anything but a plain user).
    pub fn is_mail_enabled(&self) -> bool {
        !is_plain_user(self.recipient_type_details)
    }

    /// Canonical identity: `contoso.com/Users/Kim Akers`.
    pub fn identity(&self) -> String {
        format!("{}/{}", self.organizational_unit.as_deref().unwrap_or(""), self.name)
    }

    /// Distinguished name: `CN=Kim Akers,CN=Users,DC=contoso,DC=com`.
    pub fn distinguished_name(&self) -> String {
        let ou = self.organizational_unit.as_deref().unwrap_or("");
        let mut parts: Vec<&str> = ou.split('/').collect();
        let domain = parts.remove(0);
        let mut dn = format!("CN={}", escape_rdn(&self.name));
        for (i, p) in parts.iter().enumerate().rev() {
            // `Users` directly under the domain is a container (CN=), everything else an OU.
            let kind = if i == 0 && p.eq_ignore_ascii_case("Users") { "CN" } else { "OU" };
            dn.push_str(&format!(",{kind}={}", escape_rdn(p)));
        }
        for label in domain.split('.') {
            dn.push_str(&format!(",DC={label}"));
        }
        dn
    }

    /// The alias, or the empty string for a plain user.
    pub fn alias_str(&self) -> &str {
        self.alias.as_deref().unwrap_or("")
    }

    /// The primary SMTP address, or the empty string.
    pub fn smtp(&self) -> &str {
        self.primary_smtp_address.as_deref().unwrap_or("")
    }

    /// DOMAIN\sam.
    pub fn domain_account(&self, org: &Organization) -> String {
        format!("{}\\{}", org.net_bios(), self.sam_account_name.as_deref().unwrap_or(&self.name))
    }

    /// legacyExchangeDN.
    pub fn legacy_dn(&self, org: &Organization) -> String {
        format!(
            "/o={}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn={}",
            org.name,
            self.alias.as_deref().unwrap_or(&self.name)
        )
    }

    /// Fills derived values. `org` supplies the domains.
    pub fn normalise(&mut self, org: &Organization) {
        use RecipientTypeDetails as R;
        let t = self.recipient_type_details;
        if self.organizational_unit.is_none() {
            self.organizational_unit = Some(format!("{}/Users", org.domain));
        }
        if self.display_name.is_none() {
            self.display_name = Some(self.name.clone());
        }
        if self.guid.is_none() {
            self.guid = Some(stable_uuid(&["guid", &org.domain, &self.identity()]));
        }
        if self.is_mail_enabled() {
            if self.alias.is_none() {
                self.alias = Some(alias_from(&self.name));
            }
            let alias = self.alias.clone().unwrap_or_default();
            if self.primary_smtp_address.is_none() {
                self.primary_smtp_address = Some(format!("{alias}@{}", org.domain));
            }
            let primary = self.primary_smtp_address.clone().unwrap_or_default();
            // Exactly one primary: the PrimarySmtpAddress.
            self.email_addresses.retain(|a| !a.starts_with("SMTP:"));
            self.email_addresses.retain(|a| !a.eq_ignore_ascii_case(&format!("smtp:{primary}")));
            self.email_addresses.insert(0, format!("SMTP:{primary}"));
            if t.is_remote_mailbox() {
                if self.remote_routing_address.is_none() {
                    self.remote_routing_address = Some(format!("{alias}@{}", org.routing_domain()));
                }
                let rra = self.remote_routing_address.clone().unwrap_or_default();
                if !self.email_addresses.iter().any(|a| a.get(5..).is_some_and(|x| x.eq_ignore_ascii_case(&rra))) {
                    self.email_addresses.push(format!("smtp:{rra}"));
                }
                if self.remote_recipient_type.0 == 0 {
                    self.remote_recipient_type = RemoteRecipientType(match t {
                        R::RemoteSharedMailbox => 97,
                        R::RemoteRoomMailbox => 33,
                        R::RemoteEquipmentMailbox => 65,
                        _ => 1,
                    });
                }
            }
            if is_local_mailbox(t) {
                if self.exchange_guid.is_none() {
                    self.exchange_guid = Some(stable_uuid(&["mailbox", &org.domain, &self.identity()]));
                }
                if self.archive_guid.is_some() {
                    if self.archive_database.is_none() {
                        self.archive_database = self.database.clone();
                    }
                    if self.archive_name.is_none() {
                        self.archive_name =
                            Some(format!("In-Place Archive - {}", self.display_name.as_deref().unwrap_or(&self.name)));
                    }
                }
            }
        }
        if self.sam_account_name.is_none() {
            let base = self.alias.clone().unwrap_or_else(|| alias_from(&self.name));
            self.sam_account_name = Some(base.chars().take(20).collect());
        }
        if self.user_principal_name.is_none() {
            self.user_principal_name =
                Some(format!("{}@{}", self.sam_account_name.as_deref().unwrap_or(&self.name), org.domain));
        }
        let resource_like = matches!(
            t,
            R::SharedMailbox
                | R::RoomMailbox
                | R::EquipmentMailbox
                | R::LinkedMailbox
                | R::LinkedRoomMailbox
                | R::DiscoveryMailbox
                | R::TeamMailbox
                | R::DisabledUser
        );
        if self.account_disabled.is_none() {
            self.account_disabled = Some(resource_like);
        }
        if self.has_password.is_none() {
            self.has_password = Some(!resource_like || matches!(t, R::DisabledUser));
        }
        if self.recipient_display_type.is_none() {
            self.recipient_display_type = display_type_for(t);
        }
    }
}

fn escape_rdn(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, ',' | '+' | '"' | '\\' | '<' | '>' | ';' | '=') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl CloudMailbox {
    /// A new record with every optional value left to normalisation.
    pub fn new(name: impl Into<String>, rtd: &str) -> Self {
        CloudMailbox {
            name: name.into(),
            recipient_type_details: rtd.to_string(),
            display_name: None,
            alias: None,
            user_principal_name: None,
            primary_smtp_address: None,
            email_addresses: Vec::new(),
            external_directory_object_id: None,
            guid: None,
            exchange_guid: None,
            immutable_id: None,
            sku_assigned: false,
            account_disabled: false,
            total_item_size: ByteSize(0),
            item_count: 0,
            last_logon_time: None,
            litigation_hold_enabled: false,
            in_place_holds: Vec::new(),
            archive_guid: None,
            archive_total_item_size: ByteSize(0),
            inbox_rules: Vec::new(),
            mailbox_permissions: Vec::new(),
            recipient_permissions: Vec::new(),
            grant_send_on_behalf_to: Vec::new(),
            message_copy_for_sent_as_enabled: false,
            message_copy_for_send_on_behalf_enabled: false,
            database: None,
            grace_period_started: None,
        }
    }

    /// Exchange Online identities are object names.
    pub fn identity(&self) -> String {
        self.name.clone()
    }

    /// Whether the mailbox is synced from on-premises.
    pub fn is_dir_synced(&self) -> bool {
        self.immutable_id.is_some()
    }

    /// The primary SMTP address.
    pub fn smtp(&self) -> &str {
        self.primary_smtp_address.as_deref().unwrap_or("")
    }

    /// Fills derived values; `linked` is the on-premises object this mailbox is synced from.
    pub fn normalise(&mut self, org: &Organization, linked: Option<&OnPremRecipient>) {
        if let Some(t) = cloud_type_name(&self.recipient_type_details) {
            self.recipient_type_details = t;
        }
        if self.display_name.is_none() {
            self.display_name = Some(linked.and_then(|l| l.display_name.clone()).unwrap_or_else(|| self.name.clone()));
        }
        if self.alias.is_none() {
            self.alias = Some(linked.and_then(|l| l.alias.clone()).unwrap_or_else(|| alias_from(&self.name)));
        }
        if let Some(l) = linked {
            if self.immutable_id.is_none() {
                self.immutable_id = l.guid.map(immutable_id);
            }
            if self.user_principal_name.is_none() {
                self.user_principal_name = l.user_principal_name.clone();
            }
            if self.primary_smtp_address.is_none() {
                self.primary_smtp_address = l.primary_smtp_address.clone();
            }
            if self.email_addresses.is_empty() {
                self.email_addresses = l.email_addresses.clone();
            }
        }
        let alias = self.alias.clone().unwrap_or_default();
        if self.user_principal_name.is_none() {
            self.user_principal_name = Some(format!("{alias}@{}", org.tenant()));
        }
        if self.primary_smtp_address.is_none() {
            self.primary_smtp_address = self.user_principal_name.clone();
        }
        let primary = self.smtp().to_string();
        self.email_addresses.retain(|a| !a.starts_with("SMTP:"));
        self.email_addresses.retain(|a| !a.eq_ignore_ascii_case(&format!("smtp:{primary}")));
        self.email_addresses.insert(0, format!("SMTP:{primary}"));
        let onms = format!("{alias}@{}", org.tenant());
        if !self.email_addresses.iter().any(|a| a.get(5..).is_some_and(|x| x.eq_ignore_ascii_case(&onms))) {
            self.email_addresses.push(format!("smtp:{onms}"));
        }
        let seed = self.immutable_id.clone().unwrap_or_else(|| self.name.clone());
        if self.external_directory_object_id.is_none() {
            self.external_directory_object_id = Some(stable_uuid(&["edoid", &org.tenant(), &seed]));
        }
        if self.guid.is_none() {
            self.guid = Some(stable_uuid(&["cloudguid", &org.tenant(), &seed]));
        }
        if self.exchange_guid.is_none() {
            self.exchange_guid = Some(
                linked
                    .and_then(|l| l.exchange_guid)
                    .unwrap_or_else(|| stable_uuid(&["cloudmailbox", &org.tenant(), &seed])),
            );
        }
        if self.database.is_none() {
            let n = stable_hash(&[&seed], 7);
            self.database = Some(format!("EURPR0{}A{:03}-db{:03}", n % 9 + 1, (n >> 8) % 1000, (n >> 20) % 1000));
        }
    }
}

impl DisconnectedMailbox {
    /// Fills derived values.
    pub fn normalise(&mut self, org: &Organization) {
        if self.mailbox_guid.is_none() {
            self.mailbox_guid = Some(stable_uuid(&["disconnected", &org.domain, &self.database, &self.display_name]));
        }
        if self.legacy_exchange_dn.is_none() {
            self.legacy_exchange_dn = Some(format!(
                "/o={}/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn={}",
                org.name,
                alias_from(&self.display_name)
            ));
        }
    }
}

impl LabData {
    /// Checks the organisation for mistakes an import can make, naming the field at fault, then
    /// fills every derived value. Errors are `LabError::Invalid` with a JSON-path-like field.
    pub fn normalise(&mut self) -> Result<(), LabError> {
        let invalid = |field: String, message: String| LabError::Invalid { field, message };
        let org = self.organization.clone();
        if org.domain.trim().is_empty() || !org.domain.contains('.') {
            return Err(invalid("Organization.Domain".into(), format!("'{}' is not a DNS domain name", org.domain)));
        }
        let on = &mut self.on_premises;
        if on.servers.is_empty() {
            return Err(invalid(
                "OnPremises.Servers".into(),
                "at least one Exchange server is needed (its version gates which cmdlets and parameters exist)".into(),
            ));
        }
        let mut server_names = HashSet::new();
        for (i, s) in on.servers.iter_mut().enumerate() {
            if ServerVersion::parse(&s.admin_display_version).is_none() {
                return Err(invalid(
                    format!("OnPremises.Servers[{i}].AdminDisplayVersion"),
                    format!("'{}' is not of the form 'Version 15.1 (Build 2507.18)'", s.admin_display_version),
                ));
            }
            if !server_names.insert(s.name.to_ascii_lowercase()) {
                return Err(invalid(format!("OnPremises.Servers[{i}].Name"), format!("duplicate server '{}'", s.name)));
            }
            if s.fqdn.is_none() {
                s.fqdn = Some(format!("{}.{}", s.name, org.domain));
            }
        }
        if let Some(c) = &org.connected_server
            && !server_names.contains(&c.to_ascii_lowercase())
        {
            return Err(invalid(
                "Organization.ConnectedServer".into(),
                format!("'{c}' is not one of OnPremises.Servers"),
            ));
        }
        if self.organization.connected_server.is_none() {
            self.organization.connected_server = Some(on.servers[0].name.clone());
        }
        let mut dbs = HashSet::new();
        for (i, d) in on.databases.iter().enumerate() {
            if !server_names.contains(&d.server.to_ascii_lowercase()) {
                return Err(invalid(
                    format!("OnPremises.Databases[{i}].Server"),
                    format!("server '{}' is not one of OnPremises.Servers", d.server),
                ));
            }
            if !dbs.insert(d.name.to_ascii_lowercase()) {
                return Err(invalid(
                    format!("OnPremises.Databases[{i}].Name"),
                    format!("duplicate database '{}'", d.name),
                ));
            }
        }
        if on.role_assignments.is_empty() {
            // An import that says nothing about RBAC gets an admin who holds every role the lab checks.
            on.role_assignments = DEFAULT_ROLES
                .iter()
                .map(|r| RoleAssignment { role: (*r).into(), name: None, role_assignee_name: None, enabled: true })
                .collect();
        }
        for r in on.role_assignments.iter_mut() {
            if r.role_assignee_name.is_none() {
                r.role_assignee_name = Some("Administrator".into());
            }
            if r.name.is_none() {
                r.name = Some(format!("{}-{}", r.role, r.role_assignee_name.as_deref().unwrap_or("")));
            }
        }
        let mut seen: HashMap<String, String> = HashMap::new();
        for (i, r) in on.recipients.iter_mut().enumerate() {
            let at = |f: &str| format!("OnPremises.Recipients[{i}].{f}");
            if r.name.trim().is_empty() {
                return Err(invalid(at("Name"), "must not be empty".into()));
            }
            let t = r.recipient_type_details;
            if !(is_local_mailbox(t) || is_plain_user(t) || t.is_remote_mailbox()) {
                return Err(invalid(
                    at("RecipientTypeDetails"),
                    format!(
                        "'{t}' is not modelled by the lab (use a mailbox type, a Remote*Mailbox type, User or DisabledUser)"
                    ),
                ));
            }
            r.normalise(&org);
            if is_local_mailbox(t) {
                match &r.database {
                    None => return Err(invalid(at("Database"), format!("a {t} needs a Database"))),
                    Some(d) if !dbs.contains(&d.to_ascii_lowercase()) => {
                        return Err(invalid(
                            at("Database"),
                            format!("database '{d}' is not one of OnPremises.Databases"),
                        ));
                    }
                    _ => {}
                }
                if let Some(a) = &r.archive_database
                    && !dbs.contains(&a.to_ascii_lowercase())
                {
                    return Err(invalid(
                        at("ArchiveDatabase"),
                        format!("database '{a}' is not one of OnPremises.Databases"),
                    ));
                }
            } else if r.database.is_some() {
                return Err(invalid(at("Database"), format!("a {t} has no mailbox on-premises, so no Database")));
            }
            if let Some(ts) = &r.last_logon_time
                && crate::lab::clock::parse_iso(ts).is_none()
            {
                return Err(invalid(
                    at("LastLogonTime"),
                    format!("'{ts}' is not an ISO 8601 time such as 2025-05-01T09:30:00Z"),
                ));
            }
            for (k, what) in
                [(r.identity().to_ascii_lowercase(), "Identity"), (r.smtp().to_ascii_lowercase(), "PrimarySmtpAddress")]
            {
                if k.is_empty() {
                    continue;
                }
                if let Some(prev) = seen.insert(format!("{what}:{k}"), r.name.clone()) {
                    return Err(invalid(at(what), format!("'{k}' is already used by '{prev}'")));
                }
            }
        }
        for (i, d) in on.disconnected_mailboxes.iter_mut().enumerate() {
            if !dbs.contains(&d.database.to_ascii_lowercase()) {
                return Err(invalid(
                    format!("OnPremises.DisconnectedMailboxes[{i}].Database"),
                    format!("database '{}' is not one of OnPremises.Databases", d.database),
                ));
            }
            d.normalise(&org);
        }
        let remotes: Vec<&OnPremRecipient> =
            on.recipients.iter().filter(|r| r.recipient_type_details.is_remote_mailbox()).collect();
        let mut cloud_names = HashSet::new();
        for (i, m) in self.online.mailboxes.iter_mut().enumerate() {
            let at = |f: &str| format!("Online.Mailboxes[{i}].{f}");
            if cloud_type_name(&m.recipient_type_details).is_none() {
                return Err(invalid(
                    at("RecipientTypeDetails"),
                    format!("'{}' is not an Exchange Online recipient type", m.recipient_type_details),
                ));
            }
            if !cloud_names.insert(m.name.to_ascii_lowercase()) {
                return Err(invalid(at("Name"), format!("duplicate mailbox '{}'", m.name)));
            }
            let linked = match &m.immutable_id {
                Some(id) => match remotes.iter().find(|r| r.guid.map(immutable_id).as_deref() == Some(id.as_str())) {
                    Some(r) => Some(*r),
                    None => {
                        return Err(invalid(
                            at("ImmutableId"),
                            format!("'{id}' matches no on-premises remote mailbox's objectGUID"),
                        ));
                    }
                },
                None => {
                    let keys: Vec<String> = [&m.user_principal_name, &m.primary_smtp_address]
                        .into_iter()
                        .flatten()
                        .map(|s| s.to_ascii_lowercase())
                        .collect();
                    // Soft match as Entra Connect does (UPN, SMTP); an import that gives neither
                    // is matched on the object name.
                    remotes.iter().copied().find(|r| {
                        if keys.is_empty() {
                            return r.name.eq_ignore_ascii_case(&m.name);
                        }
                        keys.iter().any(|k| {
                            r.user_principal_name.as_deref().is_some_and(|u| u.eq_ignore_ascii_case(k))
                                || r.smtp().eq_ignore_ascii_case(k)
                        })
                    })
                }
            };
            m.normalise(&org, linked);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org() -> Organization {
        Organization {
            name: "Contoso".into(),
            domain: "contoso.com".into(),
            net_bios_name: None,
            domain_controller: None,
            tenant_domain: None,
            connected_server: None,
            admin: None,
            online_admin: None,
        }
    }

    #[test]
    fn normalise_derives_identity_addresses_and_account_state() {
        let o = org();
        let mut r = OnPremRecipient::new("Kim Akers", RecipientTypeDetails::SharedMailbox);
        r.alias = Some("kim".into());
        r.normalise(&o);
        assert_eq!(r.identity(), "contoso.com/Users/Kim Akers");
        assert_eq!(r.distinguished_name(), "CN=Kim Akers,CN=Users,DC=contoso,DC=com");
        assert_eq!(r.email_addresses, ["SMTP:kim@contoso.com"]);
        assert_eq!(r.user_principal_name.as_deref(), Some("kim@contoso.com"));
        assert_eq!(r.account_disabled, Some(true));
        assert_eq!(r.has_password, Some(false));
        assert_eq!(r.recipient_display_type, Some(0));
        let mut again = r.clone();
        again.normalise(&o);
        assert_eq!(again, r, "normalising twice changes nothing");
    }

    #[test]
    fn remote_mailbox_gets_routing_address_and_provision_flag() {
        let mut r = OnPremRecipient::new("Support Desk", RecipientTypeDetails::RemoteSharedMailbox);
        r.alias = Some("support".into());
        r.normalise(&org());
        assert_eq!(r.remote_routing_address.as_deref(), Some("support@contoso.mail.onmicrosoft.com"));
        assert_eq!(r.remote_recipient_type, RemoteRecipientType(97));
        assert_eq!(r.email_addresses, ["SMTP:support@contoso.com", "smtp:support@contoso.mail.onmicrosoft.com"]);
        assert_eq!(r.exchange_guid, None);
    }

    #[test]
    fn stable_values_do_not_change_between_runs() {
        assert_eq!(stable_uuid(&["a", "b"]), stable_uuid(&["a", "b"]));
        assert_ne!(stable_uuid(&["a", "b"]), stable_uuid(&["ab"]));
        assert_eq!(stable_uuid(&["a"]).get_version_num(), 4);
        let g = Uuid::parse_str("c07d2fbc-48f5-4a90-b7d7-5ec79d2844b4").unwrap();
        assert_eq!(immutable_id(g), "vC99wPVIkEq3117HnShEtA==");
    }
}
