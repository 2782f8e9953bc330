//! Where an Exchange command runs: the side of a hybrid organisation, and the finer service a
//! cmdlet belongs to.
//!
//! A hybrid organisation has two sides, each with its own shell: Exchange Server on-premises and
//! Exchange Online. Microsoft's cmdlet reference also names a third place, Security & Compliance
//! PowerShell (`Connect-IPPSSession`), a cloud endpoint of its own: [`Service`] tells the three
//! apart where it matters (the catalogue, judging a script), [`Side`] stays the two-way choice of a
//! shell. docs/catalogue.md describes how the catalogue uses both.

use serde::{Deserialize, Serialize};

/// The side of a hybrid organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// Exchange Server on-premises.
    #[default]
    OnPremises,
    /// Exchange Online.
    Online,
}

impl Side {
    /// The service a shell on this side talks to.
    pub fn service(self) -> Service {
        match self {
            Side::OnPremises => Service::OnPremises,
            Side::Online => Service::Online,
        }
    }

    /// How messages name it: `on-premises Exchange`, `Exchange Online`.
    pub fn label(self) -> &'static str {
        self.service().label()
    }
}

/// Where a cmdlet runs, as Microsoft's reference says in its `Applicable:` lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    /// Exchange Server on-premises (2010 to SE), in the Exchange Management Shell.
    OnPremises,
    /// Exchange Online PowerShell (`Connect-ExchangeOnline`).
    Online,
    /// Security & Compliance PowerShell (`Connect-IPPSSession`), a cloud endpoint of its own.
    SecurityCompliance,
}

impl Service {
    /// Every service.
    pub const ALL: [Service; 3] = [Service::OnPremises, Service::Online, Service::SecurityCompliance];

    /// The side of a hybrid organisation it belongs to: Security & Compliance is in the cloud.
    pub fn side(self) -> Side {
        match self {
            Service::OnPremises => Side::OnPremises,
            Service::Online | Service::SecurityCompliance => Side::Online,
        }
    }

    /// How messages name it.
    pub fn label(self) -> &'static str {
        match self {
            Service::OnPremises => "on-premises Exchange",
            Service::Online => "Exchange Online",
            Service::SecurityCompliance => "Security & Compliance PowerShell",
        }
    }
}

impl From<Side> for Service {
    fn from(side: Side) -> Service {
        side.service()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sides_and_services_map_both_ways() {
        for side in [Side::OnPremises, Side::Online] {
            assert_eq!(side.service().side(), side);
        }
        assert_eq!(Service::SecurityCompliance.side(), Side::Online);
        assert_eq!(Side::Online.label(), "Exchange Online");
        assert_eq!(serde_json::to_string(&Side::OnPremises).unwrap(), "\"onpremises\"");
        assert_eq!(serde_json::to_string(&Service::SecurityCompliance).unwrap(), "\"security_compliance\"");
    }
}
