//! Recipient type values: `RecipientTypeDetails` and `msExchRemoteRecipientType`.
//! Source: docs/exchange-notes.md §2.1 and §2.2 (values as Exchange stores them).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

macro_rules! recipient_types {
    ($($name:ident = $value:expr),* $(,)?) => {
        /// `RecipientTypeDetails` (a 64-bit value: RemoteSharedMailbox needs 36 bits), §2.1.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RecipientTypeDetails {
            $(
                #[doc = concat!("`", stringify!($name), "` = ", stringify!($value))]
                $name,
            )*
            /// A value this build of mbxctl does not know, kept as the number.
            Unknown(u64),
        }

        impl RecipientTypeDetails {
            /// Every known value, in numeric order.
            pub const ALL: &'static [RecipientTypeDetails] = &[$(RecipientTypeDetails::$name),*];

            /// The numeric value stored in `msExchRecipientTypeDetails`.
            pub fn value(self) -> u64 {
                match self {
                    $(RecipientTypeDetails::$name => $value,)*
                    RecipientTypeDetails::Unknown(v) => v,
                }
            }

            /// The value for a number.
            pub fn from_value(v: u64) -> Self {
                match v {
                    $($value => RecipientTypeDetails::$name,)*
                    other => RecipientTypeDetails::Unknown(other),
                }
            }

            /// Exchange's name for the value.
            pub fn name(self) -> std::borrow::Cow<'static, str> {
                match self {
                    $(RecipientTypeDetails::$name => stringify!($name).into(),)*
                    RecipientTypeDetails::Unknown(v) => v.to_string().into(),
                }
            }
        }
    };
}

recipient_types! {
    None = 0,
    UserMailbox = 1,
    LinkedMailbox = 2,
    SharedMailbox = 4,
    LegacyMailbox = 8,
    RoomMailbox = 16,
    EquipmentMailbox = 32,
    MailContact = 64,
    MailUser = 128,
    MailUniversalDistributionGroup = 256,
    MailNonUniversalGroup = 512,
    MailUniversalSecurityGroup = 1024,
    DynamicDistributionGroup = 2048,
    PublicFolder = 4096,
    SystemAttendantMailbox = 8192,
    SystemMailbox = 16384,
    MailForestContact = 32768,
    User = 65536,
    Contact = 131072,
    UniversalDistributionGroup = 262144,
    UniversalSecurityGroup = 524288,
    NonUniversalGroup = 1048576,
    DisabledUser = 2097152,
    MicrosoftExchange = 4194304,
    ArbitrationMailbox = 8388608,
    MailboxPlan = 16777216,
    LinkedUser = 33554432,
    RoomList = 268435456,
    DiscoveryMailbox = 536870912,
    RoleGroup = 1073741824,
    RemoteUserMailbox = 2147483648,
    Computer = 4294967296,
    RemoteRoomMailbox = 8589934592,
    RemoteEquipmentMailbox = 17179869184,
    RemoteSharedMailbox = 34359738368,
    PublicFolderMailbox = 68719476736,
    TeamMailbox = 137438953472,
    RemoteTeamMailbox = 274877906944,
    MonitoringMailbox = 549755813888,
    GroupMailbox = 1099511627776,
    LinkedRoomMailbox = 2199023255552,
    AuditLogMailbox = 4398046511104,
    RemoteGroupMailbox = 8796093022208,
}

impl RecipientTypeDetails {
    /// Whether `Set-Mailbox -Type` can convert from or to this type (Regular, Room, Equipment,
    /// Shared, §1.1); linked, team and system mailboxes cannot.
    pub fn is_convertible_mailbox(self) -> bool {
        matches!(self, Self::UserMailbox | Self::SharedMailbox | Self::RoomMailbox | Self::EquipmentMailbox)
    }

    /// Whether this is a remote (hybrid, mailbox in Exchange Online) recipient on-premises.
    pub fn is_remote_mailbox(self) -> bool {
        matches!(
            self,
            Self::RemoteUserMailbox
                | Self::RemoteSharedMailbox
                | Self::RemoteRoomMailbox
                | Self::RemoteEquipmentMailbox
                | Self::RemoteTeamMailbox
        )
    }
}

impl fmt::Display for RecipientTypeDetails {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// Error for a recipient type name or number mbxctl cannot read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("'{0}' is not a RecipientTypeDetails name or number")]
pub struct UnknownRecipientType(pub String);

impl FromStr for RecipientTypeDetails {
    type Err = UnknownRecipientType;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if let Ok(n) = t.parse::<u64>() {
            return Ok(Self::from_value(n));
        }
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownRecipientType(s.to_string()))
    }
}

impl Serialize for RecipientTypeDetails {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

impl<'de> Deserialize<'de> for RecipientTypeDetails {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match &v {
            serde_json::Value::Number(n) => n
                .as_u64()
                .map(Self::from_value)
                .ok_or_else(|| serde::de::Error::custom("negative RecipientTypeDetails")),
            serde_json::Value::String(s) => s.parse().map_err(serde::de::Error::custom),
            _ => Err(serde::de::Error::custom("RecipientTypeDetails must be a name or a number")),
        }
    }
}

/// `msExchRemoteRecipientType` flags (§2.2). `SharedMailbox` (96) equals Room|Equipment and is
/// decoded as one combined value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RemoteRecipientType(pub u64);

impl RemoteRecipientType {
    /// No flags.
    pub const NONE: u64 = 0;
    /// Mailbox provisioned in the cloud (New/Enable-RemoteMailbox).
    pub const PROVISION_MAILBOX: u64 = 1;
    /// Archive provisioned in the cloud.
    pub const PROVISION_ARCHIVE: u64 = 2;
    /// Mailbox moved (onboarded) from on-premises.
    pub const MIGRATED: u64 = 4;
    /// Mailbox deprovisioned.
    pub const DEPROVISION_MAILBOX: u64 = 8;
    /// Archive deprovisioned.
    pub const DEPROVISION_ARCHIVE: u64 = 16;
    /// Room mailbox.
    pub const ROOM_MAILBOX: u64 = 32;
    /// Equipment mailbox.
    pub const EQUIPMENT_MAILBOX: u64 = 64;
    /// Shared mailbox (= Room | Equipment).
    pub const SHARED_MAILBOX: u64 = 96;
    /// Team mailbox.
    pub const TEAM_MAILBOX: u64 = 128;

    const NAMED: [(u64, &'static str); 6] = [
        (Self::PROVISION_MAILBOX, "ProvisionMailbox"),
        (Self::PROVISION_ARCHIVE, "ProvisionArchive"),
        (Self::MIGRATED, "Migrated"),
        (Self::DEPROVISION_MAILBOX, "DeprovisionMailbox"),
        (Self::DEPROVISION_ARCHIVE, "DeprovisionArchive"),
        (Self::TEAM_MAILBOX, "TeamMailbox"),
    ];

    /// Whether the ProvisionMailbox bit is set: `Set-RemoteMailbox -Type` needs it (§1.2).
    pub fn has_provision_mailbox(self) -> bool {
        self.0 & Self::PROVISION_MAILBOX != 0
    }

    /// Whether the mailbox was migrated (onboarded) rather than provisioned in the cloud.
    pub fn is_migrated(self) -> bool {
        self.0 & Self::MIGRATED != 0
    }

    /// The mailbox kind bits: 96 shared, 32 room, 64 equipment, 0 user.
    pub fn kind_bits(self) -> u64 {
        self.0 & Self::SHARED_MAILBOX
    }

    /// Whether the kind bits say shared.
    pub fn is_shared(self) -> bool {
        self.kind_bits() == Self::SHARED_MAILBOX
    }

    /// The value with the kind bits replaced (what `Set-RemoteMailbox -Type` writes).
    pub fn with_kind(self, kind_bits: u64) -> Self {
        RemoteRecipientType((self.0 & !(Self::SHARED_MAILBOX | Self::TEAM_MAILBOX)) | kind_bits)
    }
}

impl fmt::Display for RemoteRecipientType {
    /// Formats as EMS shows it: `Migrated, SharedMailbox`, `ProvisionMailbox`, `None`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts: Vec<&str> = Vec::new();
        for (bit, name) in Self::NAMED {
            if self.0 & bit != 0 && bit != Self::TEAM_MAILBOX {
                parts.push(name);
            }
        }
        match self.kind_bits() {
            Self::SHARED_MAILBOX => parts.push("SharedMailbox"),
            Self::ROOM_MAILBOX => parts.push("RoomMailbox"),
            Self::EQUIPMENT_MAILBOX => parts.push("EquipmentMailbox"),
            _ => {}
        }
        if self.0 & Self::TEAM_MAILBOX != 0 {
            parts.push("TeamMailbox");
        }
        let known = Self::NAMED.iter().fold(Self::SHARED_MAILBOX, |a, (b, _)| a | b);
        if self.0 & !known != 0 {
            return write!(f, "{}", self.0);
        }
        if parts.is_empty() { f.write_str("None") } else { f.write_str(&parts.join(", ")) }
    }
}

impl FromStr for RemoteRecipientType {
    type Err = String;
    /// Reads a number (`100`) or EMS's flags text (`Migrated, SharedMailbox`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        if let Ok(n) = t.parse::<u64>() {
            return Ok(RemoteRecipientType(n));
        }
        let mut v = 0;
        for part in t.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            v |= match part.to_ascii_lowercase().as_str() {
                "none" => 0,
                "sharedmailbox" => Self::SHARED_MAILBOX,
                "roommailbox" => Self::ROOM_MAILBOX,
                "equipmentmailbox" => Self::EQUIPMENT_MAILBOX,
                other => Self::NAMED
                    .iter()
                    .find(|(_, n)| n.eq_ignore_ascii_case(other))
                    .map(|(b, _)| *b)
                    .ok_or_else(|| format!("'{part}' is not a RemoteRecipientType flag"))?,
            };
        }
        Ok(RemoteRecipientType(v))
    }
}

impl Serialize for RemoteRecipientType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for RemoteRecipientType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        match &v {
            serde_json::Value::Number(n) => {
                n.as_u64().map(RemoteRecipientType).ok_or_else(|| serde::de::Error::custom("bad RemoteRecipientType"))
            }
            serde_json::Value::String(s) => s.parse().map_err(serde::de::Error::custom),
            _ => Err(serde::de::Error::custom("RemoteRecipientType must be a number or flags text")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipient_type_values_round_trip_64_bit() {
        assert_eq!(RecipientTypeDetails::RemoteSharedMailbox.value(), 34_359_738_368);
        assert_eq!(
            "remotesharedmailbox".parse::<RecipientTypeDetails>().unwrap(),
            RecipientTypeDetails::RemoteSharedMailbox
        );
        assert_eq!("4".parse::<RecipientTypeDetails>().unwrap(), RecipientTypeDetails::SharedMailbox);
        assert_eq!(RecipientTypeDetails::from_value(3), RecipientTypeDetails::Unknown(3));
        assert!("Nonsense".parse::<RecipientTypeDetails>().is_err());
    }

    #[test]
    fn remote_recipient_type_decodes_shared_as_one_value() {
        assert_eq!(RemoteRecipientType(97).to_string(), "ProvisionMailbox, SharedMailbox");
        assert_eq!(RemoteRecipientType(100).to_string(), "Migrated, SharedMailbox");
        assert_eq!(RemoteRecipientType(116).to_string(), "Migrated, DeprovisionArchive, SharedMailbox");
        assert_eq!(RemoteRecipientType(0).to_string(), "None");
        assert_eq!("Migrated, SharedMailbox".parse::<RemoteRecipientType>().unwrap(), RemoteRecipientType(100));
        assert!(!RemoteRecipientType(4).has_provision_mailbox());
        assert_eq!(RemoteRecipientType(1).with_kind(RemoteRecipientType::SHARED_MAILBOX), RemoteRecipientType(97));
        assert_eq!(RemoteRecipientType(97).with_kind(0), RemoteRecipientType(1));
    }
}
