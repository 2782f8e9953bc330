//! `ExchangeVersion`: which Exchange a command will run against, down to the cumulative update.
//!
//! Features arrive in cumulative updates (`Set-RemoteMailbox -Type Shared` needs 2013 CU21, 2016 CU10
//! or 2019; docs/exchange-notes.md §1.2), so a product name alone is not enough to say whether a command will
//! work. A version can be given as a build number (what `Get-ExchangeServer` reports), as the
//! `AdminDisplayVersion` text, or as a product plus CU; a build always yields its CU from the table
//! below.
//!
//! Build numbers: "Exchange Server build numbers and release dates",
//! https://learn.microsoft.com/exchange/new-features/build-numbers-and-release-dates (mirror
//! MicrosoftDocs/OfficeDocs-Exchange `Exchange/ExchangeServer/new-features/build-numbers-and-release-dates.md`),
//! completed for the later CUs and Exchange SE from microsoft/CSS-Exchange
//! `Shared/Get-ExchangeBuildVersionInformation.ps1` (`GetExchangeBuildDictionary`), which also gives
//! the SE boundary: 15.2 builds from 2562 on are Exchange Server SE.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// An Exchange product line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Product {
    /// Exchange Server 2010 (14.x).
    #[serde(rename = "2010")]
    Exchange2010,
    /// Exchange Server 2013 (15.0).
    #[serde(rename = "2013")]
    Exchange2013,
    /// Exchange Server 2016 (15.1).
    #[serde(rename = "2016")]
    Exchange2016,
    /// Exchange Server 2019 (15.2, builds before 2562).
    #[serde(rename = "2019")]
    Exchange2019,
    /// Exchange Server Subscription Edition (15.2, builds from 2562).
    #[serde(rename = "SE")]
    ExchangeSE,
    /// Exchange Online: no builds or CUs an admin can pick, so never gated by version.
    #[serde(rename = "Online")]
    Online,
}

impl Product {
    /// Every product, oldest first.
    pub const ALL: [Product; 6] = [
        Product::Exchange2010,
        Product::Exchange2013,
        Product::Exchange2016,
        Product::Exchange2019,
        Product::ExchangeSE,
        Product::Online,
    ];

    /// The short label used in version texts: `2016`, `SE`, `Online`.
    pub fn label(self) -> &'static str {
        match self {
            Product::Exchange2010 => "2010",
            Product::Exchange2013 => "2013",
            Product::Exchange2016 => "2016",
            Product::Exchange2019 => "2019",
            Product::ExchangeSE => "SE",
            Product::Online => "Online",
        }
    }

    /// Whether this is an Exchange Server (on-premises) product.
    pub fn is_on_premises(self) -> bool {
        self != Product::Online
    }

    /// The highest CU released for a product line that is closed; `None` where more may come.
    fn last_cu(self) -> Option<u16> {
        match self {
            Product::Exchange2013 => Some(23),
            Product::Exchange2016 => Some(23),
            Product::Exchange2019 => Some(15),
            _ => None,
        }
    }

    fn from_label(s: &str) -> Option<Product> {
        Some(match s {
            "2010" => Product::Exchange2010,
            "2013" => Product::Exchange2013,
            "2016" => Product::Exchange2016,
            "2019" => Product::Exchange2019,
            "se" => Product::ExchangeSE,
            "online" | "exo" => Product::Online,
            _ => return None,
        })
    }
}

/// A four-part Exchange build number, `15.1.2507.18` (the long form `15.01.2507.018` reads the same).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Build {
    /// Major version: 14 for 2010, 15 for 2013 and later.
    pub major: u16,
    /// Minor version: 0 = 2013, 1 = 2016, 2 = 2019/SE.
    pub minor: u16,
    /// Build: identifies the CU.
    pub build: u32,
    /// Revision: identifies the security update within a CU.
    pub revision: u32,
}

impl fmt::Display for Build {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}.{}", self.major, self.minor, self.build, self.revision)
    }
}

/// First build (build, revision) of each CU; CU 0 is RTM; the revision is kept for reference. 2013 CU4 is the release named SP1.
const CU_2013: &[(u16, u32, u32)] = &[
    (0, 516, 32),
    (1, 620, 29),
    (2, 712, 24),
    (3, 775, 38),
    (4, 847, 32),
    (5, 913, 22),
    (6, 995, 29),
    (7, 1044, 25),
    (8, 1076, 9),
    (9, 1104, 5),
    (10, 1130, 7),
    (11, 1156, 6),
    (12, 1178, 4),
    (13, 1210, 3),
    (14, 1236, 3),
    (15, 1263, 5),
    (16, 1293, 2),
    (17, 1320, 4),
    (18, 1347, 2),
    (19, 1365, 1),
    (20, 1367, 3),
    (21, 1395, 4),
    (22, 1473, 3),
    (23, 1497, 2),
];

const CU_2016: &[(u16, u32, u32)] = &[
    (0, 225, 42),
    (1, 396, 30),
    (2, 466, 34),
    (3, 544, 27),
    (4, 669, 32),
    (5, 845, 34),
    (6, 1034, 26),
    (7, 1261, 35),
    (8, 1415, 2),
    (9, 1466, 3),
    (10, 1531, 3),
    (11, 1591, 10),
    (12, 1713, 5),
    (13, 1779, 2),
    (14, 1847, 3),
    (15, 1913, 5),
    (16, 1979, 3),
    (17, 2044, 4),
    (18, 2106, 2),
    (19, 2176, 2),
    (20, 2242, 4),
    (21, 2308, 8),
    (22, 2375, 7),
    (23, 2507, 6),
];

const CU_2019: &[(u16, u32, u32)] = &[
    (0, 221, 12),
    (1, 330, 5),
    (2, 397, 3),
    (3, 464, 5),
    (4, 529, 5),
    (5, 595, 3),
    (6, 659, 4),
    (7, 721, 2),
    (8, 792, 3),
    (9, 858, 5),
    (10, 922, 7),
    (11, 986, 5),
    (12, 1118, 7),
    (13, 1258, 12),
    (14, 1544, 4),
    (15, 1748, 10),
];

const CU_SE: &[(u16, u32, u32)] = &[(0, 2562, 17)];

/// First 15.2 build of Exchange Server SE.
const SE_FIRST_BUILD: u32 = 2562;

fn cu_table(product: Product) -> &'static [(u16, u32, u32)] {
    match product {
        Product::Exchange2013 => CU_2013,
        Product::Exchange2016 => CU_2016,
        Product::Exchange2019 => CU_2019,
        Product::ExchangeSE => CU_SE,
        Product::Exchange2010 | Product::Online => &[],
    }
}

impl Build {
    /// The product a build belongs to, or `None` for builds outside 2010–SE (2007 is 8.x).
    pub fn product(&self) -> Option<Product> {
        match (self.major, self.minor) {
            (14, _) => Some(Product::Exchange2010),
            (15, 0) => Some(Product::Exchange2013),
            (15, 1) => Some(Product::Exchange2016),
            (15, 2) if self.build >= SE_FIRST_BUILD => Some(Product::ExchangeSE),
            (15, 2) => Some(Product::Exchange2019),
            _ => None,
        }
    }

    /// The CU this build belongs to (0 = RTM); `None` for 2010 (no CUs) and builds before RTM.
    /// Only the build part counts: a CU's security updates raise the revision, never the build, and
    /// a three-part `15.1.2507` must still read as CU23.
    pub fn cu(&self) -> Option<u16> {
        let table = cu_table(self.product()?);
        table.iter().rev().find(|(_, b, _)| self.build >= *b).map(|(cu, _, _)| *cu)
    }
}

/// Why a version text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VersionParseError {
    /// The text matches none of the accepted forms.
    #[error(
        "'{text}' is not an Exchange version; accepted forms: a build number ('15.1.2507.18'), \
         AdminDisplayVersion ('Version 15.1 (Build 2507.18)'), a product with an optional CU \
         ('2016 CU10', '2016CU10', 'Exchange 2016 CU23', '2019', '2019 RTM', 'SE'), or 'Online'/'EXO'"
    )]
    Unrecognized {
        /// The text given.
        text: String,
    },
    /// A build number from outside Exchange 2010–SE.
    #[error("build {build} is not an Exchange 2010–SE build (expected 14.x, 15.0, 15.1 or 15.2)")]
    UnknownBuild {
        /// The build given.
        build: String,
    },
    /// A CU that was never released for that product.
    #[error("Exchange {product} has no CU{cu}; its last cumulative update is CU{last}")]
    UnknownCu {
        /// The product label.
        product: &'static str,
        /// The CU asked for.
        cu: u16,
        /// The last CU released.
        last: u16,
    },
    /// CUs asked for a product that has none.
    #[error("Exchange {product} has no cumulative updates; give '{product}' alone or its build number")]
    NoCus {
        /// The product label.
        product: &'static str,
    },
    /// A display text whose build disagrees with its product or CU.
    #[error("'{text}': build {build} is {actual}, not {claimed}")]
    Inconsistent {
        /// The text given.
        text: String,
        /// The build in it.
        build: String,
        /// What the build really is.
        actual: String,
        /// What the text claims.
        claimed: String,
    },
}

/// An Exchange version: a product, optionally the CU (0 = RTM), optionally the exact build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ExchangeVersion {
    /// The product line.
    pub product: Product,
    /// The cumulative update, 0 for RTM; `None` when unknown (or for 2010 and Online).
    pub cu: Option<u16>,
    /// The exact build when known.
    pub build: Option<Build>,
}

impl ExchangeVersion {
    /// A product at a CU (`Some(0)` = RTM) or at an unknown CU.
    pub fn new(product: Product, cu: Option<u16>) -> Self {
        ExchangeVersion { product, cu, build: None }
    }

    /// Exchange Online.
    pub fn online() -> Self {
        Self::new(Product::Online, None)
    }

    /// The version of a build number; the CU comes from the build table.
    pub fn from_build(build: Build) -> Result<Self, VersionParseError> {
        let product = build.product().ok_or_else(|| VersionParseError::UnknownBuild { build: build.to_string() })?;
        Ok(ExchangeVersion { product, cu: build.cu(), build: Some(build) })
    }

    /// Whether this is Exchange Online.
    pub fn is_online(&self) -> bool {
        self.product == Product::Online
    }

    /// Whether this version has everything `other` has: a later on-premises product, or the same
    /// product at the same or a later CU (and build). Online compares equal only to Online. An
    /// unknown CU is not assumed to be at least a named one.
    pub fn at_least(&self, other: &ExchangeVersion) -> bool {
        if self.is_online() || other.is_online() {
            return self.is_online() && other.is_online();
        }
        if self.product != other.product {
            return self.product > other.product;
        }
        match (self.build, other.build) {
            (Some(a), Some(b)) => a >= b,
            _ => match (self.cu, other.cu) {
                (_, None) => true,
                (Some(a), Some(b)) => a >= b,
                (None, Some(_)) => false,
            },
        }
    }

    /// Whether `Set-RemoteMailbox -Type Shared` and the `-Shared` switches of
    /// `New-/Enable-RemoteMailbox` exist: 2013 CU21+, 2016 CU10+, 2019 and SE (docs/exchange-notes.md §1.2).
    /// An unknown CU of 2013/2016 counts as unsupported.
    pub fn supports_remote_shared(&self) -> bool {
        check_items(REMOTE_SHARED, self) == Support::Yes
    }
}

/// Where remote shared mailboxes exist (docs/exchange-notes.md §1.2, [SRM] `-Type`).
const REMOTE_SHARED: &[Since] = &[
    Since { product: Product::Exchange2013, min_cu: Some(21), and_later: true },
    Since { product: Product::Exchange2016, min_cu: Some(10), and_later: true },
];

impl fmt::Display for ExchangeVersion {
    /// `Exchange 2016 CU23 (15.1.2507.18)`, `Exchange 2019`, `Exchange SE RTM`, `Exchange Online`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Exchange {}", self.product.label())?;
        match self.cu {
            Some(0) => f.write_str(" RTM")?,
            Some(cu) => write!(f, " CU{cu}")?,
            None => {}
        }
        if let Some(b) = self.build {
            write!(f, " ({b})")?;
        }
        Ok(())
    }
}

fn parse_build(s: &str) -> Option<Build> {
    let mut parts = s.split('.');
    let major = parts.next()?.trim().parse().ok()?;
    let minor = parts.next()?.trim().parse().ok()?;
    let build = parts.next()?.trim().parse().ok()?;
    let revision = match parts.next() {
        Some(r) => r.trim().parse().ok()?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    Some(Build { major, minor, build, revision })
}

/// `Version 15.1 (Build 2507.18)`, as `AdminDisplayVersion` prints.
fn parse_admin_display(s: &str) -> Option<Build> {
    let rest = s.strip_prefix("version")?.trim_start();
    let (majmin, rest) = rest.split_once('(')?;
    let inner = rest.trim().strip_suffix(')')?.trim().strip_prefix("build")?.trim();
    parse_build(&format!("{}.{}", majmin.trim(), inner))
}

/// Reads the CU part after a product: ``, `rtm`, `cu10`, `cu 10`, `sp1` (2013 SP1 = CU4).
fn parse_cu(product: Product, rest: &str, text: &str) -> Result<Option<u16>, VersionParseError> {
    let unrecognized = || VersionParseError::Unrecognized { text: text.to_string() };
    let rest = rest.trim();
    let cu = if rest.is_empty() {
        return Ok(None);
    } else if rest == "rtm" {
        0
    } else if product == Product::Exchange2013 && rest == "sp1" {
        4
    } else if let Some(n) = rest.strip_prefix("cu") {
        n.trim().parse::<u16>().map_err(|_| unrecognized())?
    } else {
        return Err(unrecognized());
    };
    if matches!(product, Product::Exchange2010 | Product::Online) {
        return Err(VersionParseError::NoCus { product: product.label() });
    }
    if let Some(last) = product.last_cu()
        && cu > last
    {
        return Err(VersionParseError::UnknownCu { product: product.label(), cu, last });
    }
    Ok(Some(cu))
}

impl FromStr for ExchangeVersion {
    type Err = VersionParseError;

    /// Accepts `15.1.2507.18`, `Version 15.1 (Build 2507.18)`, `2016CU10`, `2016 CU10`,
    /// `Exchange 2016 CU23`, `Exchange Server 2019`, `2019 RTM`, `SE`, `Online`/`EXO`, and the
    /// display form `Exchange 2016 CU23 (15.1.2507.18)`; case-insensitive.
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let unrecognized = || VersionParseError::Unrecognized { text: text.to_string() };
        let lower = text.trim().to_ascii_lowercase();
        if let Some(build) = parse_admin_display(&lower) {
            return Self::from_build(build);
        }
        if lower.starts_with(|c: char| c.is_ascii_digit())
            && lower.contains('.')
            && let Some(build) = parse_build(&lower)
        {
            return Self::from_build(build);
        }
        let mut s = lower.as_str();
        for word in ["microsoft ", "exchange ", "server "] {
            s = s.strip_prefix(word).map(str::trim_start).unwrap_or(s);
        }
        // The display form carries the build in parentheses; it must agree with the rest.
        let (head, build) = match s.split_once('(') {
            Some((head, tail)) => {
                let b = tail.trim().strip_suffix(')').and_then(parse_build).ok_or_else(unrecognized)?;
                (head.trim(), Some(b))
            }
            None => (s.trim(), None),
        };
        let product_len = head.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(head.len());
        let (product, rest) = match Product::from_label(&head[..product_len]) {
            Some(p) => (p, &head[product_len..]),
            // Glued forms such as `2016cu10`.
            None if head.len() >= 4 && head.is_char_boundary(4) => {
                (Product::from_label(&head[..4]).ok_or_else(unrecognized)?, &head[4..])
            }
            None => return Err(unrecognized()),
        };
        let cu = parse_cu(product, rest, text)?;
        let Some(build) = build else {
            return Ok(ExchangeVersion::new(product, cu));
        };
        let from_build = Self::from_build(build)?;
        if from_build.product != product || (cu.is_some() && cu != from_build.cu) {
            return Err(VersionParseError::Inconsistent {
                text: text.to_string(),
                build: build.to_string(),
                actual: from_build.to_string(),
                claimed: ExchangeVersion::new(product, cu).to_string(),
            });
        }
        Ok(from_build)
    }
}

impl Serialize for ExchangeVersion {
    /// Serialized as its display text, which parses back to the same value.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ExchangeVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One item of an [`Availability`]: a product, optionally from a CU on, optionally extending to
/// later on-premises products.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Since {
    /// The product named.
    pub product: Product,
    /// The first CU that has the feature; `None` = every CU.
    pub min_cu: Option<u16>,
    /// Written with `+`: later on-premises products that the list does not name also have it.
    pub and_later: bool,
}

/// Whether a version has something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Support {
    /// It does.
    Yes,
    /// It does not.
    No,
    /// It depends on a CU the version does not state.
    Unknown,
}

/// The versions that have a cmdlet, parameter or value, written as in the docs' "Applicable" lines:
/// `2013 CU21+, 2016 CU10+` means 2013 from CU21, 2016 from CU10, and the later products the list
/// does not name (2019, SE). A product named in the list is governed only by its own item, so
/// `2013 CU21+` never admits 2016 CU9. `2013+` means 2013 and every later on-premises product;
/// `2010` alone means 2010 only; `Online` must be named. The empty list means every version.
#[derive(Debug, Clone, PartialEq, Eq, Default, Hash)]
pub struct Availability {
    items: Vec<Since>,
}

fn check_items(items: &[Since], v: &ExchangeVersion) -> Support {
    if items.is_empty() {
        return Support::Yes;
    }
    if let Some(item) = items.iter().find(|i| i.product == v.product) {
        return match (item.min_cu, v.cu) {
            (None, _) => Support::Yes,
            (Some(min), Some(cu)) if cu >= min => Support::Yes,
            (Some(_), Some(_)) => Support::No,
            (Some(_), None) => Support::Unknown,
        };
    }
    let later = v.product.is_on_premises()
        && items.iter().any(|i| i.and_later && i.product.is_on_premises() && i.product < v.product);
    if later { Support::Yes } else { Support::No }
}

impl Availability {
    /// Every version.
    pub fn everywhere() -> Self {
        Availability::default()
    }

    /// Whether no version is excluded.
    pub fn is_everywhere(&self) -> bool {
        self.items.is_empty()
    }

    /// The items, as written.
    pub fn items(&self) -> &[Since] {
        &self.items
    }

    /// Whether `version` has it.
    pub fn check(&self, version: &ExchangeVersion) -> Support {
        check_items(&self.items, version)
    }

    /// Human text for messages: `Exchange 2013 CU21 or later, Exchange 2016 CU10 or later, or a later
    /// Exchange Server`.
    pub fn describe(&self) -> String {
        if self.items.is_empty() {
            return "every Exchange version".to_string();
        }
        let mut parts: Vec<String> = self
            .items
            .iter()
            .map(|i| match (i.min_cu, i.and_later) {
                (Some(cu), _) => format!("Exchange {} CU{cu} or later", i.product.label()),
                (None, true) => format!("Exchange {} or later", i.product.label()),
                (None, false) if i.product == Product::Online => "Exchange Online".to_string(),
                (None, false) => format!("Exchange {}", i.product.label()),
            })
            .collect();
        if self.items.iter().any(|i| i.and_later && i.min_cu.is_some())
            && !self.items.iter().any(|i| i.and_later && i.min_cu.is_none())
        {
            parts.push("later Exchange Server versions".to_string());
        }
        parts.join(", ")
    }
}

impl fmt::Display for Availability {
    /// The same syntax `FromStr` reads; `all` for every version.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.items.is_empty() {
            return f.write_str("all");
        }
        for (n, i) in self.items.iter().enumerate() {
            if n > 0 {
                f.write_str(", ")?;
            }
            f.write_str(i.product.label())?;
            if let Some(cu) = i.min_cu {
                write!(f, " CU{cu}")?;
            }
            if i.and_later {
                f.write_str("+")?;
            }
        }
        Ok(())
    }
}

/// Why an availability text could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{item}' in availability '{text}' is not of the form '2016', '2016+', '2016 CU10+', 'SE' or 'Online'")]
pub struct AvailabilityParseError {
    /// The whole text.
    pub text: String,
    /// The item at fault.
    pub item: String,
}

impl FromStr for Availability {
    type Err = AvailabilityParseError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let trimmed = text.trim();
        if trimmed.is_empty() || trimmed.eq_ignore_ascii_case("all") {
            return Ok(Availability::default());
        }
        let mut items = Vec::new();
        for raw in trimmed.split(',') {
            let err = || AvailabilityParseError { text: text.to_string(), item: raw.trim().to_string() };
            let item = raw.trim().to_ascii_lowercase();
            let (item, and_later) = match item.strip_suffix('+') {
                Some(i) => (i.trim_end().to_string(), true),
                None => (item.clone(), false),
            };
            let (product, rest) = item.split_once(' ').unwrap_or((item.as_str(), ""));
            let product = Product::from_label(product).ok_or_else(err)?;
            let min_cu = parse_cu(product, rest, text).map_err(|_| err())?;
            if product == Product::Online && and_later {
                return Err(err());
            }
            if items.iter().any(|i: &Since| i.product == product) {
                return Err(err());
            }
            items.push(Since { product, min_cu, and_later });
        }
        Ok(Availability { items })
    }
}

impl Serialize for Availability {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Availability {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> ExchangeVersion {
        s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn build_numbers_yield_product_and_cu() {
        let x = v("15.1.2507.18");
        assert_eq!((x.product, x.cu), (Product::Exchange2016, Some(23)));
        assert_eq!(x.build, Some(Build { major: 15, minor: 1, build: 2507, revision: 18 }));
        assert_eq!(v("15.1.1531.3").cu, Some(10));
        assert_eq!(v("15.1.1531.12").cu, Some(10));
        assert_eq!(v("15.1.1466.13").cu, Some(9));
        assert_eq!(v("15.1.2375.7").cu, Some(22));
        assert_eq!(v("15.0.1395.4").cu, Some(21));
        assert_eq!(v("15.0.1367.9").cu, Some(20));
        assert_eq!(v("15.2.221.12").cu, Some(0));
        assert_eq!(v("15.2.1748.53").cu, Some(15));
        let se = v("15.2.2562.17");
        assert_eq!((se.product, se.cu), (Product::ExchangeSE, Some(0)));
        let e2010 = v("14.3.123.4");
        assert_eq!((e2010.product, e2010.cu), (Product::Exchange2010, None));
        // Builds before RTM have no CU.
        assert_eq!(v("15.1.200.1").cu, None);
        // The long form with zero padding reads the same.
        assert_eq!(v("15.01.2507.018"), x);
        assert_eq!(v("15.1.2507").cu, Some(23));
    }

    #[test]
    fn admin_display_version_form() {
        let x = v("Version 15.1 (Build 2507.18)");
        assert_eq!(x.to_string(), "Exchange 2016 CU23 (15.1.2507.18)");
        assert_eq!(v("version 15.1 (build 2375.7)").cu, Some(22));
    }

    #[test]
    fn product_and_cu_forms_case_insensitive() {
        for s in ["2016CU10", "2016 CU10", "2016 cu 10", "Exchange 2016 CU10", "exchange server 2016 cu10"] {
            assert_eq!(v(s), ExchangeVersion::new(Product::Exchange2016, Some(10)), "{s}");
        }
        assert_eq!(v("Exchange 2016 CU23"), ExchangeVersion::new(Product::Exchange2016, Some(23)));
        assert_eq!(v("2019"), ExchangeVersion::new(Product::Exchange2019, None));
        assert_eq!(v("2019 RTM"), ExchangeVersion::new(Product::Exchange2019, Some(0)));
        assert_eq!(v("SE"), ExchangeVersion::new(Product::ExchangeSE, None));
        assert_eq!(v("se"), ExchangeVersion::new(Product::ExchangeSE, None));
        assert_eq!(v("2013 SP1"), ExchangeVersion::new(Product::Exchange2013, Some(4)));
        for s in ["Online", "EXO", "exo", "Exchange Online"] {
            assert!(v(s).is_online(), "{s}");
        }
    }

    #[test]
    fn display_round_trips() {
        for s in ["Exchange 2016 CU23 (15.1.2507.18)", "Exchange 2019", "Exchange SE RTM", "Exchange Online"] {
            assert_eq!(v(s).to_string(), s);
        }
        assert_eq!(v("2016cu10").to_string(), "Exchange 2016 CU10");
        assert_eq!(serde_json::to_string(&v("15.1.2507.18")).unwrap(), "\"Exchange 2016 CU23 (15.1.2507.18)\"");
        let back: ExchangeVersion = serde_json::from_str("\"Exchange 2016 CU23 (15.1.2507.18)\"").unwrap();
        assert_eq!(back, v("15.1.2507.18"));
    }

    #[test]
    fn errors_say_what_is_accepted() {
        let e = "Exchange 2017".parse::<ExchangeVersion>().unwrap_err();
        assert!(matches!(e, VersionParseError::Unrecognized { .. }));
        assert!(e.to_string().contains("'2016 CU10'") && e.to_string().contains("'Online'/'EXO'"), "{e}");
        assert_eq!(
            "2016 CU30".parse::<ExchangeVersion>().unwrap_err(),
            VersionParseError::UnknownCu { product: "2016", cu: 30, last: 23 }
        );
        assert_eq!("2010 CU1".parse::<ExchangeVersion>().unwrap_err(), VersionParseError::NoCus { product: "2010" });
        assert!(matches!("8.3.83.6".parse::<ExchangeVersion>(), Err(VersionParseError::UnknownBuild { .. })));
        assert!(matches!(
            "Exchange 2019 CU12 (15.1.2507.18)".parse::<ExchangeVersion>(),
            Err(VersionParseError::Inconsistent { .. })
        ));
        assert!("".parse::<ExchangeVersion>().is_err());
        assert!("2016 CUx".parse::<ExchangeVersion>().is_err());
    }

    #[test]
    fn ordering_and_at_least() {
        assert!(v("2016 CU10") > v("2016 CU9"));
        assert!(v("2019 RTM") > v("2016 CU23"));
        assert!(v("2016 CU10").at_least(&v("2016 CU10")));
        assert!(!v("2016 CU9").at_least(&v("2016 CU10")));
        assert!(v("2019").at_least(&v("2016 CU10")));
        assert!(!v("2016").at_least(&v("2016 CU10")));
        assert!(v("2016 CU1").at_least(&v("2016")));
        assert!(v("15.1.2507.18").at_least(&v("15.1.2507.6")));
        assert!(!v("15.1.2507.6").at_least(&v("15.1.2507.18")));
        assert!(!v("Online").at_least(&v("2013")));
        assert!(!v("SE").at_least(&v("Online")));
        assert!(v("Online").at_least(&v("EXO")));
    }

    #[test]
    fn remote_shared_support() {
        for s in ["2013 CU21", "2013 CU23", "2016 CU10", "15.1.1531.3", "2016 CU23", "2019", "2019 RTM", "SE"] {
            assert!(v(s).supports_remote_shared(), "{s}");
        }
        for s in ["2013 CU20", "2016 CU9", "15.1.1466.13", "2010", "2016", "Online"] {
            assert!(!v(s).supports_remote_shared(), "{s}");
        }
    }

    #[test]
    fn availability_semantics() {
        let a: Availability = "2013 CU21+, 2016 CU10+".parse().unwrap();
        assert_eq!(a.check(&v("2016 CU9")), Support::No);
        assert_eq!(a.check(&v("2016 CU10")), Support::Yes);
        assert_eq!(a.check(&v("2019")), Support::Yes);
        assert_eq!(a.check(&v("SE")), Support::Yes);
        assert_eq!(a.check(&v("2013 CU20")), Support::No);
        assert_eq!(a.check(&v("2016")), Support::Unknown);
        assert_eq!(a.check(&v("2010")), Support::No);
        assert_eq!(a.check(&v("Online")), Support::No);
        assert_eq!(a.to_string(), "2013 CU21+, 2016 CU10+");
        let b: Availability = "2016+".parse().unwrap();
        assert_eq!(b.check(&v("2013 CU23")), Support::No);
        assert_eq!(b.check(&v("SE")), Support::Yes);
        let c: Availability = "2010".parse().unwrap();
        assert_eq!(c.check(&v("2013")), Support::No);
        assert_eq!(c.check(&v("2010")), Support::Yes);
        let all: Availability = "all".parse().unwrap();
        assert!(all.is_everywhere());
        assert_eq!(all.check(&v("Online")), Support::Yes);
        assert_eq!(
            a.describe(),
            "Exchange 2013 CU21 or later, Exchange 2016 CU10 or later, later Exchange Server versions"
        );
        assert!("2017+".parse::<Availability>().is_err());
        assert!("2016, 2016 CU3".parse::<Availability>().is_err());
        assert!("Online+".parse::<Availability>().is_err());
    }
}
