//! Exchange sizes: `ByteQuantifiedSize` and `Unlimited<ByteQuantifiedSize>` (docs/exchange-notes.md §3.2).
//!
//! Exchange prints `"{0:G4} {1} ({2:N0} bytes)"` in the invariant culture, e.g.
//! `1.234 GB (1,325,000,000 bytes)`; the byte count in parentheses is exact, so parsing takes it
//! from there. Over remoting these values arrive as plain strings (depth 1), never as objects.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A size in bytes, exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSize(pub u64);

/// A quota: `Unlimited` or a size.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Quota {
    /// No limit.
    Unlimited,
    /// A limit.
    Limited(ByteSize),
}

/// Why a size text could not be read.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("'{text}' is not an Exchange size (expected e.g. '1.234 GB (1,325,000,000 bytes)', '50GB' or a byte count)")]
pub struct SizeParseError {
    /// The text that was given.
    pub text: String,
}

const UNITS: [(&str, u64); 5] = [("TB", 1 << 40), ("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)];

impl ByteSize {
    /// 1 GB, binary, as Exchange counts.
    pub const GB: u64 = 1 << 30;

    /// A size of `n` binary gigabytes.
    pub const fn gb(n: u64) -> Self {
        ByteSize(n * Self::GB)
    }

    /// The byte count.
    pub fn bytes(self) -> u64 {
        self.0
    }
}

/// Formats like .NET's `G4`: at most four significant digits, no trailing zeros.
fn g4(v: f64) -> String {
    if v == 0.0 {
        return "0".into();
    }
    let digits_before = (v.abs().log10().floor() as i32) + 1;
    let decimals = (4 - digits_before).max(0) as usize;
    let mut s = format!("{v:.decimals$}");
    // Rounding can carry into a fifth digit (999.96 -> 1000.0); recompute then.
    if s.contains('.') {
        s = s.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    s
}

fn with_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl fmt::Display for ByteSize {
    /// `1.234 GB (1,325,000,000 bytes)`, exactly as Exchange 2010+ prints it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (unit, size) = UNITS.iter().find(|(_, m)| self.0 >= *m).copied().unwrap_or(("B", 1));
        write!(f, "{} {} ({} bytes)", g4(self.0 as f64 / size as f64), unit, with_thousands(self.0))
    }
}

impl FromStr for ByteSize {
    type Err = SizeParseError;
    /// Reads Exchange's long form (bytes taken from the parentheses), a short form such as
    /// `50GB`, `1.5 GB` or `6672B` (Exchange 2007), or a plain byte count.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || SizeParseError { text: s.to_string() };
        let t = s.trim();
        if let (Some(open), true) = (t.rfind('('), t.ends_with(" bytes)")) {
            let inner = &t[open + 1..t.len() - " bytes)".len()];
            let digits: String = inner.chars().filter(|c| *c != ',').collect();
            return digits.parse().map(ByteSize).map_err(|_| err());
        }
        let upper = t.to_ascii_uppercase();
        let (number, mult) = UNITS
            .iter()
            .find_map(|(u, m)| upper.strip_suffix(u).map(|n| (n.trim(), *m)))
            .unwrap_or((upper.as_str(), 1));
        let number = number.replace(',', "");
        let (int, frac) = number.split_once('.').unwrap_or((&number, ""));
        if int.is_empty() && frac.is_empty() || !int.chars().chain(frac.chars()).all(|c| c.is_ascii_digit()) {
            return Err(err());
        }
        let int: u128 = if int.is_empty() { 0 } else { int.parse().map_err(|_| err())? };
        let mut bytes = int.checked_mul(mult as u128).ok_or_else(err)?;
        if !frac.is_empty() {
            // Digits beyond the 18th cannot change a byte count below 2^64 bytes × 1 TB.
            let frac = &frac[..frac.len().min(18)];
            let f: u128 = frac.parse().map_err(|_| err())?;
            let scale = 10u128.pow(frac.len() as u32);
            let part = f.checked_mul(mult as u128).ok_or_else(err)? / scale;
            bytes = bytes.checked_add(part).ok_or_else(err)?;
        }
        u64::try_from(bytes).map(ByteSize).map_err(|_| err())
    }
}

impl fmt::Display for Quota {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Quota::Unlimited => f.write_str("Unlimited"),
            Quota::Limited(b) => b.fmt(f),
        }
    }
}

impl FromStr for Quota {
    type Err = SizeParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s.trim().eq_ignore_ascii_case("unlimited") { Ok(Quota::Unlimited) } else { s.parse().map(Quota::Limited) }
    }
}

impl Serialize for ByteSize {
    /// JSON carries the exact byte count as a number; runbooks format it themselves.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_u64(self.0)
    }
}

impl<'de> Deserialize<'de> for ByteSize {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::Number(n) => {
                n.as_u64().map(ByteSize).ok_or_else(|| serde::de::Error::custom("size must be a non-negative integer"))
            }
            serde_json::Value::String(s) => s.parse().map_err(serde::de::Error::custom),
            _ => Err(serde::de::Error::custom("size must be a byte count or a size text such as '10GB'")),
        }
    }
}

impl Serialize for Quota {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Quota::Unlimited => s.serialize_str("Unlimited"),
            Quota::Limited(b) => b.serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Quota {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(d)? {
            serde_json::Value::String(s) => s.parse().map_err(serde::de::Error::custom),
            serde_json::Value::Number(n) => {
                n.as_u64().map(|b| Quota::Limited(ByteSize(b))).ok_or_else(|| serde::de::Error::custom("bad quota"))
            }
            _ => Err(serde::de::Error::custom("quota must be 'Unlimited', a size text or a byte count")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_exactly_like_exchange() {
        assert_eq!(ByteSize(1_325_000_000).to_string(), "1.234 GB (1,325,000,000 bytes)");
        assert_eq!(ByteSize(159_449_088).to_string(), "152.1 MB (159,449,088 bytes)");
        assert_eq!(ByteSize(3_984).to_string(), "3.891 KB (3,984 bytes)");
        assert_eq!(ByteSize(21_474_836_480).to_string(), "20 GB (21,474,836,480 bytes)");
        assert_eq!(ByteSize(481_789_280_256).to_string(), "448.7 GB (481,789,280,256 bytes)");
        assert_eq!(ByteSize(0).to_string(), "0 B (0 bytes)");
    }

    #[test]
    fn parses_long_short_and_unlimited_forms_to_the_byte() {
        assert_eq!("1.234 GB (1,325,000,000 bytes)".parse::<ByteSize>().unwrap(), ByteSize(1_325_000_000));
        assert_eq!("50GB".parse::<ByteSize>().unwrap(), ByteSize::gb(50));
        assert_eq!("1.5 GB".parse::<ByteSize>().unwrap(), ByteSize(1_610_612_736));
        assert_eq!("6672B".parse::<ByteSize>().unwrap(), ByteSize(6672));
        assert_eq!("Unlimited".parse::<Quota>().unwrap(), Quota::Unlimited);
        assert!("lots".parse::<ByteSize>().is_err());
        assert!("GB".parse::<ByteSize>().is_err());
        // Long fractions neither overflow nor panic.
        assert_eq!(
            "1.99999999999999999999999999999999999 TB".parse::<ByteSize>().unwrap(),
            ByteSize(2 * (1 << 40) - 1)
        );
        assert!("99999999999999999999999 TB".parse::<ByteSize>().is_err());
    }

    #[test]
    fn display_then_parse_is_exact() {
        for b in [1u64, 1023, 1024, 999_999, 53_687_091_200, u64::MAX / 2] {
            assert_eq!(ByteSize(b).to_string().parse::<ByteSize>().unwrap(), ByteSize(b));
        }
    }
}
