//! Enum values as PowerShell converts them: mbxctl's `enum_match` against real pwsh.
//!
//! For every value list the catalogue has (the hand-kept enums and the lists Microsoft's pages
//! give for enum-typed parameters), one PowerShell `enum` is declared with those names, and texts
//! an admin might write are converted to it with `[E]$text`, the conversion parameter binding
//! uses (LanguagePrimitives: .NET's parse, then PowerShell's minimum disambiguation of a
//! shortened name). Whether the conversion succeeds, and to which name, must be what
//! `mbxctl::cmdlet::validate::enum_match` says: a false error on `-AutoReplyState Enable` or a
//! missed ambiguous `-AccessRights Edit` is a disagreement here.
//!
//! Needs real PowerShell (`MBXCTL_TEST_PWSH`, `../shared/tools/pwsh` or `pwsh` on PATH); skipped
//! without it unless `MBXCTL_REQUIRE_PWSH=1`.

mod binder_support;

use binder_support::{SIDES, catalogue_side, ps_quote, pwsh_or_skip, run_pwsh};
use mbxctl::cmdlet::validate::{EnumMatch, enum_match};
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Every distinct list of value names in the catalogue, both sides.
fn value_lists() -> Vec<Vec<String>> {
    let mut seen: BTreeSet<Vec<String>> = BTreeSet::new();
    for (side, flag) in SIDES {
        for cmd in catalogue_side(side, flag) {
            for p in cmd["parameters"].as_array().into_iter().flatten() {
                let mut kind = &p["kind"];
                if kind["type"] == "multi_valued" {
                    kind = &kind["of"];
                }
                let mut names: Vec<String> = if kind["type"] == "enum" {
                    kind["values"].as_array().unwrap().iter().map(|v| v["name"].as_str().unwrap().to_string()).collect()
                } else {
                    p["listed_values"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|v| v.as_str().unwrap().to_string())
                        .collect()
                };
                // An enum cannot name a member twice, in any case.
                let mut lower = BTreeSet::new();
                names.retain(|n| lower.insert(n.to_ascii_lowercase()));
                if names.len() >= 2 {
                    seen.insert(names);
                }
            }
        }
    }
    seen.into_iter().collect()
}

/// Texts an admin might write for a parameter with these names.
fn texts(names: &[String]) -> Vec<String> {
    let mut out: BTreeSet<String> = BTreeSet::new();
    for n in names {
        out.insert(n.clone());
        out.insert(n.to_ascii_lowercase());
        out.insert(format!(" {n} "));
        let chars: Vec<char> = n.chars().collect();
        for len in [1, 2, 3, 4, chars.len().saturating_sub(1)] {
            if len > 0 && len < chars.len() {
                let start: String = chars[..len].iter().collect();
                out.insert(format!(" {start}"));
                out.insert(start);
            }
        }
        // A plural and a slip of the keyboard.
        out.insert(format!("{n}s"));
        if chars.len() > 3 {
            let mut swapped = chars.clone();
            swapped.swap(1, 2);
            out.insert(swapped.into_iter().collect());
        }
    }
    out.insert(format!("{}, {}", names[0], names[1]));
    out.insert(format!("{},{}", names[0].to_ascii_uppercase(), names[1]));
    out.insert(format!("{}, {}", names[0], &names[1][..1]));
    out.insert("1".into());
    out.insert(String::new());
    out.insert("nonsense".into());
    out.into_iter().collect()
}

#[test]
fn enum_text_converts_as_real_powershell_converts_it() {
    let Some(pwsh) = pwsh_or_skip("enum_text_converts_as_real_powershell_converts_it") else { return };
    let lists = value_lists();
    assert!(lists.len() > 100, "the catalogue should give hundreds of value lists, got {}", lists.len());
    let cases: Vec<Vec<String>> = lists.iter().map(|l| texts(l)).collect();

    let mut script = String::new();
    for (k, (names, inputs)) in lists.iter().zip(&cases).enumerate() {
        // Declared through Invoke-Expression so that one list PowerShell cannot declare (a
        // keyword as a name) is reported as skipped instead of failing the whole run.
        let body = names.join("; ");
        let _ = writeln!(
            script,
            "$ok = $true; try {{ Invoke-Expression {} }} catch {{ $ok = $false; [pscustomobject]@{{k={k}; skip=$_.Exception.Message}} | ConvertTo-Json -Compress }}",
            ps_quote(&format!("enum E{k} {{ {body} }}"))
        );
        let _ = writeln!(script, "if ($ok) {{\n$t = [type]'E{k}'");
        for (i, text) in inputs.iter().enumerate() {
            let _ = writeln!(
                script,
                // The names are identifiers: JSON written by hand (ConvertTo-Json for 16,000
                // lines would be most of the run).
                "try {{ $v = [System.Management.Automation.LanguagePrimitives]::ConvertTo({}, $t); \
                 '{{\"k\":{k},\"i\":{i},\"ok\":true,\"v\":\"' + $v + '\"}}' }} \
                 catch {{ '{{\"k\":{k},\"i\":{i},\"ok\":false}}' }}",
                ps_quote(text)
            );
        }
        script.push_str("}\n");
    }
    let dir = tempfile::tempdir().unwrap();
    let records = run_pwsh(&pwsh, dir.path(), &script);

    let (mut compared, mut skipped, mut wrong) = (0usize, 0usize, Vec::new());
    for r in &records {
        let k = r["k"].as_u64().unwrap() as usize;
        if r.get("skip").is_some() {
            skipped += 1;
            continue;
        }
        let i = r["i"].as_u64().unwrap() as usize;
        let names: Vec<&str> = lists[k].iter().map(String::as_str).collect();
        let text = &cases[k][i];
        let ours = enum_match(&names, text);
        let agrees = match (&ours, r["ok"].as_bool().unwrap()) {
            (EnumMatch::One(n), true) => r["v"].as_str() == Some(*n),
            (EnumMatch::Combined, true) => true,
            (EnumMatch::Ambiguous(_) | EnumMatch::Unknown, false) => true,
            _ => false,
        };
        compared += 1;
        if !agrees {
            wrong.push(format!("{names:?} {text:?}: pwsh {} / mbxctl {ours:?}", r));
        }
    }
    eprintln!("enum oracle: {} lists, {compared} conversions compared, {skipped} lists skipped", lists.len());
    assert!(skipped * 20 < lists.len(), "too many lists PowerShell could not declare: {skipped}");
    assert!(compared > 5_000, "only {compared} conversions compared");
    assert!(wrong.is_empty(), "{} disagreements with PowerShell:\n{}", wrong.len(), wrong.join("\n"));
}
