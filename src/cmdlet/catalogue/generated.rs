//! The generated half of the catalogue: `generated.txt`, written by `scripts/gen-catalogue.py`
//! from Microsoft's cmdlet reference (every Exchange cmdlet, every parameter), embedded as text
//! and decoded lazily.
//!
//! Start-up reads only the header and the index (one line per cmdlet: name, where it applies,
//! where its record is); a cmdlet's record is decoded the first time a caller asks for it. So a
//! run that validates a few commands pays for those few, not for 15,000 parameters. The format
//! is described in docs/catalogue.md.

use super::applies::Applies;
use super::{CatalogueError, ParamKind};

/// The generated data, as committed.
const TEXT: &str = include_str!("generated.txt");

/// Where the generated data comes from.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct GeneratedSource {
    /// The repository, `MicrosoftDocs/office-docs-powershell`.
    pub repository: &'static str,
    /// The commit the pages were read at.
    pub commit: &'static str,
    /// The folder of the cmdlet pages in that repository.
    pub path: &'static str,
}

/// One cmdlet of the index.
#[derive(Debug, Clone)]
pub(super) struct IndexEntry {
    pub name: &'static str,
    pub applies: Applies,
    record: &'static str,
}

/// The header and index of the generated data.
#[derive(Debug)]
pub(super) struct Generated {
    pub source: GeneratedSource,
    types: Vec<&'static str>,
    pub index: Vec<IndexEntry>,
}

/// One decoded cmdlet record, before it is cut to one service.
#[derive(Debug)]
pub(super) struct Record {
    pub name: &'static str,
    pub default_set: usize,
    pub sets: Vec<&'static str>,
    pub synopsis: &'static str,
    pub params: Vec<RecordParam>,
}

/// One parameter of a record.
#[derive(Debug)]
pub(super) struct RecordParam {
    pub name: &'static str,
    pub type_name: &'static str,
    pub aliases: Vec<&'static str>,
    pub position: Option<u32>,
    /// 0 none, 1 by value, 2 by property name, 3 both, 4 "True" without saying how.
    pub pipeline: u8,
    pub applies: Applies,
    pub sets: u64,
    pub mandatory: u64,
    /// The names the page lists as the valid values of an enum-typed parameter (empty when the
    /// type is no enum or the page lists none).
    pub values: Vec<&'static str>,
}

fn bad(what: &str, line: &str) -> CatalogueError {
    CatalogueError::Invalid { cmdlet: "(generated.txt)".into(), problem: format!("{what}: '{line}'") }
}

fn hex(s: &str, line: &str) -> Result<u64, CatalogueError> {
    u64::from_str_radix(s, 16).map_err(|_| bad("not a hex mask", line))
}

impl Generated {
    /// Reads the embedded data's header and index.
    pub fn embedded() -> Result<Generated, CatalogueError> {
        // A checkout that turned LF into CRLF (against .gitattributes) would shift every offset;
        // such text is normalised once rather than misread.
        // The first line tells: scanning all 800 KB for a CR would cost more than reading the index.
        if TEXT.split('\n').next().is_some_and(|l| l.ends_with('\r')) {
            let owned: &'static str = Box::leak(TEXT.replace("\r\n", "\n").into_boxed_str());
            return Self::parse(owned);
        }
        Self::parse(TEXT)
    }

    /// Reads a header and index; `text` is the whole file.
    pub fn parse(text: &'static str) -> Result<Generated, CatalogueError> {
        let mut lines = text.split('\n');
        let mut pos = 0usize;
        let mut next = || -> Result<&'static str, CatalogueError> {
            let l = lines.next().ok_or_else(|| bad("ends early", ""))?;
            pos += l.len() + 1;
            Ok(l)
        };
        let magic = next()?;
        if magic != "mbxctl-catalogue\t2" {
            return Err(bad("not format 2 of mbxctl-catalogue", magic));
        }
        let source_line = next()?;
        let mut f = source_line.split('\t');
        let (Some("source"), Some(repository), Some(commit), Some(path)) = (f.next(), f.next(), f.next(), f.next())
        else {
            return Err(bad("expected the source line", source_line));
        };
        let count = |line: &str, key: &str| -> Result<usize, CatalogueError> {
            line.strip_prefix(key)
                .and_then(|n| n.strip_prefix('\t'))
                .and_then(|n| n.parse().ok())
                .ok_or_else(|| bad(&format!("expected '{key}' and a count"), line))
        };
        let ntypes = count(next()?, "types")?;
        let mut types = Vec::with_capacity(ntypes);
        for _ in 0..ntypes {
            types.push(next()?);
        }
        let nindex = count(next()?, "index")?;
        let mut raw_index = Vec::with_capacity(nindex);
        for _ in 0..nindex {
            let line = next()?;
            let mut f = line.split('\t');
            let (Some(name), Some(applies), Some(off), Some(len)) = (f.next(), f.next(), f.next(), f.next()) else {
                return Err(bad("expected name, applies, offset, length", line));
            };
            let off: usize = off.parse().map_err(|_| bad("bad offset", line))?;
            let len: usize = len.parse().map_err(|_| bad("bad length", line))?;
            raw_index.push((name, Applies::from_bits(hex(applies, line)? as u16), off, len));
        }
        let data_line = next()?;
        if data_line != "data" {
            return Err(bad("expected 'data'", data_line));
        }
        let data = &text[pos.min(text.len())..];
        let mut index = Vec::with_capacity(nindex);
        for (name, applies, off, len) in raw_index {
            let record = data.get(off..off + len).ok_or_else(|| bad("record outside the data", name))?;
            if !record.strip_prefix("C\t").is_some_and(|r| r.starts_with(name)) {
                return Err(bad("index does not point at its record", name));
            }
            index.push(IndexEntry { name, applies, record });
        }
        Ok(Generated { source: GeneratedSource { repository, commit, path }, types, index })
    }

    /// Decodes one cmdlet's record.
    pub fn record(&self, entry: &IndexEntry) -> Result<Record, CatalogueError> {
        let mut lines = entry.record.split('\n').filter(|l| !l.is_empty());
        let head = lines.next().unwrap_or_default();
        let f: Vec<&'static str> = head.split('\t').collect();
        let [_, name, _, default_set, sets, synopsis] = f[..] else {
            return Err(bad("expected a cmdlet line", head));
        };
        let default_set = default_set.parse().map_err(|_| bad("bad default set", head))?;
        let sets: Vec<&'static str> = sets.split(';').collect();
        let mut params = Vec::new();
        for line in lines {
            let f: Vec<&'static str> = line.split('\t').collect();
            let [_, pname, ty, aliases, position, pipeline, applies, psets, mandatory, values] = f[..] else {
                return Err(bad("expected a parameter line", line));
            };
            let ty: usize = ty.parse().map_err(|_| bad("bad type index", line))?;
            params.push(RecordParam {
                name: pname,
                type_name: self.types.get(ty).copied().ok_or_else(|| bad("type index out of range", line))?,
                aliases: aliases.split(',').filter(|a| !a.is_empty()).collect(),
                position: if position.is_empty() {
                    None
                } else {
                    Some(position.parse().map_err(|_| bad("bad position", line))?)
                },
                pipeline: pipeline.parse().map_err(|_| bad("bad pipeline code", line))?,
                applies: Applies::from_bits(hex(applies, line)? as u16),
                sets: hex(psets, line)?,
                mandatory: hex(mandatory, line)?,
                values: values.split(',').filter(|v| !v.is_empty()).collect(),
            });
        }
        Ok(Record { name, default_set, sets, synopsis, params })
    }
}

/// What values a parameter of this .NET type (as the reference names it) accepts.
///
/// Only types whose values mbxctl can judge without the server become a specific kind; every other
/// type (`Fqdn`, `SmtpAddress`, `Unlimited`, `EnhancedTimeSpan`, Exchange enums, ...) is text, so
/// a value is never refused on a guess. Hand-kept kinds in `overrides.json` refine these.
pub fn kind_of_type(type_name: &str) -> ParamKind {
    let t = type_name.trim();
    let t = t.strip_prefix("System.").unwrap_or(t);
    let t = t.strip_prefix("Microsoft.Exchange.Data.").unwrap_or(t);
    if let Some(element) = t.strip_suffix("[]") {
        let of = match kind_of_type(element) {
            ParamKind::Switch | ParamKind::MultiValued { .. } => ParamKind::String,
            k => k,
        };
        // The reference writes Exchange's MultiValuedProperty<T> as T[] (`RecipientIdParameter[]`
        // for -AcceptMessagesOnlyFrom), and those take `@{Add=...; Remove=...}`: allowed for every
        // list rather than refused on a guess.
        return ParamKind::MultiValued { of: Box::new(of), add_remove: true };
    }
    match t {
        "SwitchParameter" => ParamKind::Switch,
        "Boolean" | "bool" => ParamKind::Bool,
        "SecureString" | "Security.SecureString" => ParamKind::SecureString,
        "Int32" | "int" => ParamKind::Int { min: i32::MIN.into(), max: i32::MAX.into() },
        "UInt32" => ParamKind::Int { min: 0, max: u32::MAX.into() },
        "Int64" | "long" => ParamKind::Int { min: i64::MIN, max: i64::MAX },
        "Guid" => ParamKind::Guid,
        "DateTime" | "ExDateTime" => ParamKind::DateTime,
        "ByteQuantifiedSize" => ParamKind::ByteSize,
        // Exchange's multi-valued properties take a list or `@{Add=...; Remove=...}`: the
        // collections are multi-valued properties too (New-EmailAddressPolicy
        // -EnabledEmailAddressTemplates "SMTP:...","smtp:..."), and one page misspells the name.
        "MultiValuedProperty"
        | "MulitValuedProperty"
        | "ProxyAddressCollection"
        | "ProxyAddressTemplateCollection"
        | "ApprovedApplicationCollection" => {
            ParamKind::MultiValued { of: Box::new(ParamKind::String), add_remove: true }
        }
        t if t.ends_with("IdParameter") => ParamKind::Identity,
        _ => ParamKind::String,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_index_is_consistent() {
        let g = Generated::embedded().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(g.source.repository, "MicrosoftDocs/office-docs-powershell");
        assert_eq!(g.source.commit, "93336da2bca96c31c0fc8acc52658a30ef8a6c94");
        assert!(g.index.len() >= 1_000, "{}", g.index.len());
        // Sorted case-insensitively, no name twice: lookups binary-search it.
        for w in g.index.windows(2) {
            assert!(w[0].name.to_ascii_lowercase() < w[1].name.to_ascii_lowercase(), "{} {}", w[0].name, w[1].name);
        }
        for e in &g.index {
            let r = g.record(e).unwrap_or_else(|err| panic!("{}: {err}", e.name));
            assert_eq!(r.name, e.name);
            assert!(r.default_set < r.sets.len(), "{}", e.name);
            let all = (1u64 << r.sets.len()) - 1;
            for p in &r.params {
                assert!(p.sets != 0 && p.sets & !all == 0, "{} -{}", e.name, p.name);
                assert!(p.mandatory & !p.sets == 0, "{} -{}", e.name, p.name);
            }
        }
    }

    #[test]
    fn crlf_checkouts_read_the_same() {
        let crlf: &'static str = Box::leak(TEXT.replace('\n', "\r\n").into_boxed_str());
        assert!(Generated::parse(crlf).is_err(), "raw CRLF text must not be misread silently");
        let g = Generated::parse(Box::leak(crlf.replace("\r\n", "\n").into_boxed_str())).unwrap();
        assert_eq!(g.index.len(), Generated::embedded().unwrap().index.len());
    }

    #[test]
    fn types_map_to_kinds() {
        assert_eq!(kind_of_type("SwitchParameter"), ParamKind::Switch);
        assert_eq!(kind_of_type("System.Boolean"), ParamKind::Bool);
        assert_eq!(kind_of_type("MailboxIdParameter"), ParamKind::Identity);
        assert_eq!(kind_of_type("Fqdn"), ParamKind::String);
        assert_eq!(kind_of_type("Microsoft.Exchange.Data.ByteQuantifiedSize"), ParamKind::ByteSize);
        assert_eq!(
            kind_of_type("MailboxIdParameter[]"),
            ParamKind::MultiValued { of: Box::new(ParamKind::Identity), add_remove: true }
        );
        assert_eq!(
            kind_of_type("MultiValuedProperty"),
            ParamKind::MultiValued { of: Box::new(ParamKind::String), add_remove: true }
        );
        assert_eq!(kind_of_type("UInt32"), ParamKind::Int { min: 0, max: 4_294_967_295 });
        for collection in ["ProxyAddressTemplateCollection", "MulitValuedProperty", "ApprovedApplicationCollection"] {
            assert_eq!(
                kind_of_type(collection),
                ParamKind::MultiValued { of: Box::new(ParamKind::String), add_remove: true },
                "{collection}"
            );
        }
    }
}
