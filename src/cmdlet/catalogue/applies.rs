//! `Applies`: where a cmdlet or parameter exists, as the `Applicable:` lines of Microsoft's cmdlet
//! reference say: which Exchange Server products, Exchange Online, Security & Compliance.
//!
//! The reference names products, never cumulative updates; CU-level gating (`2016 CU10+`) is
//! hand-kept knowledge in `overrides.json` and wins where it exists (see [`super::ParamInfo::availability`]).

use crate::cmdlet::version::{Availability, Product};
use crate::exchange::side::{Service, Side};
use serde::Serialize;

/// A set of products and services, as bits (the same bits `generated.txt` stores in hex).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Applies(u16);

/// Each bit and how the reference names it.
const NAMES: [(u16, &str); 9] = [
    (Applies::EXCHANGE_2010, "Exchange Server 2010"),
    (Applies::EXCHANGE_2013, "Exchange Server 2013"),
    (Applies::EXCHANGE_2016, "Exchange Server 2016"),
    (Applies::EXCHANGE_2019, "Exchange Server 2019"),
    (Applies::EXCHANGE_SE, "Exchange Server SE"),
    (Applies::ONLINE, "Exchange Online"),
    (Applies::SECURITY_COMPLIANCE, "Security & Compliance"),
    (Applies::ONLINE_PROTECTION, "Exchange Online Protection"),
    (Applies::SECURITY_ADD_ON, "Built-in security add-on for on-premises mailboxes"),
];

/// The on-premises products, oldest first, with their bits.
const ON_PREMISES: [(u16, Product); 5] = [
    (Applies::EXCHANGE_2010, Product::Exchange2010),
    (Applies::EXCHANGE_2013, Product::Exchange2013),
    (Applies::EXCHANGE_2016, Product::Exchange2016),
    (Applies::EXCHANGE_2019, Product::Exchange2019),
    (Applies::EXCHANGE_SE, Product::ExchangeSE),
];

impl Applies {
    /// Exchange Server 2010.
    pub const EXCHANGE_2010: u16 = 0x001;
    /// Exchange Server 2013.
    pub const EXCHANGE_2013: u16 = 0x002;
    /// Exchange Server 2016.
    pub const EXCHANGE_2016: u16 = 0x004;
    /// Exchange Server 2019.
    pub const EXCHANGE_2019: u16 = 0x008;
    /// Exchange Server Subscription Edition.
    pub const EXCHANGE_SE: u16 = 0x010;
    /// Exchange Online.
    pub const ONLINE: u16 = 0x020;
    /// Security & Compliance PowerShell.
    pub const SECURITY_COMPLIANCE: u16 = 0x040;
    /// Exchange Online Protection (standalone).
    pub const ONLINE_PROTECTION: u16 = 0x080;
    /// The built-in security add-on for on-premises mailboxes.
    pub const SECURITY_ADD_ON: u16 = 0x100;
    /// Every on-premises product.
    pub const ON_PREMISES: u16 = 0x01f;
    /// Everywhere.
    pub const EVERYWHERE: Applies = Applies(0x1ff);

    /// From the bits.
    pub fn from_bits(bits: u16) -> Applies {
        Applies(bits & 0x1ff)
    }

    /// The bits.
    pub fn bits(self) -> u16 {
        self.0
    }

    /// Everything a shell on one side has (hand-kept entries say no more than their side).
    pub fn for_side(side: Side) -> Applies {
        match side {
            Side::OnPremises => Applies(Self::ON_PREMISES),
            Side::Online => Applies(Self::ONLINE),
        }
    }

    /// Whether it exists in a service (on-premises: in any Exchange Server product).
    pub fn in_service(self, service: Service) -> bool {
        let bits = match service {
            Service::OnPremises => Self::ON_PREMISES,
            Service::Online => Self::ONLINE,
            Service::SecurityCompliance => Self::SECURITY_COMPLIANCE,
        };
        self.0 & bits != 0
    }

    /// The services it exists in.
    pub fn services(self) -> impl Iterator<Item = Service> {
        Service::ALL.into_iter().filter(move |s| self.in_service(*s))
    }

    /// The on-premises products it exists in, as an [`Availability`] (`all` when every one).
    pub fn on_premises_availability(self) -> Availability {
        let present: Vec<Product> = ON_PREMISES.iter().filter(|(b, _)| self.0 & b != 0).map(|(_, p)| *p).collect();
        if present.len() == ON_PREMISES.len() || present.is_empty() {
            return Availability::everywhere();
        }
        // `2013+` when the products run without a gap up to the newest, else each one named.
        let first = ON_PREMISES.iter().position(|(_, p)| *p == present[0]).unwrap_or(0);
        let text = if present.len() == ON_PREMISES.len() - first {
            format!("{}+", present[0].label())
        } else {
            present.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ")
        };
        // Built only from product labels, which `Availability` always reads.
        text.parse().unwrap_or_default()
    }

    /// The names, as the reference writes them.
    pub fn names(self) -> Vec<&'static str> {
        NAMES.iter().filter(|(b, _)| self.0 & b != 0).map(|(_, n)| *n).collect()
    }

    /// The bit of one product or service, named as the reference writes it (`Exchange Server 2010`).
    pub fn bit_of(name: &str) -> Option<u16> {
        NAMES.iter().find(|(_, n)| n.eq_ignore_ascii_case(name.trim())).map(|(b, _)| *b)
    }
}

impl Serialize for Applies {
    /// As the list of names.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.names())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn availability_from_products() {
        let a = |bits| Applies::from_bits(bits).on_premises_availability().to_string();
        assert_eq!(a(Applies::ON_PREMISES | Applies::ONLINE), "all");
        assert_eq!(a(0x1e), "2013+");
        assert_eq!(a(0x18), "2019+");
        assert_eq!(a(0x06), "2013, 2016");
        assert_eq!(a(0x01), "2010");
        assert_eq!(a(Applies::ONLINE), "all");
    }

    #[test]
    fn services_and_names() {
        let x = Applies::from_bits(Applies::EXCHANGE_2016 | Applies::SECURITY_COMPLIANCE);
        assert_eq!(x.services().collect::<Vec<_>>(), vec![Service::OnPremises, Service::SecurityCompliance]);
        assert_eq!(x.names(), vec!["Exchange Server 2016", "Security & Compliance"]);
        assert!(!x.in_service(Service::Online));
        assert_eq!(Applies::bit_of("exchange server 2010"), Some(Applies::EXCHANGE_2010));
        assert_eq!(Applies::bit_of("Exchange 2010"), None);
    }
}
