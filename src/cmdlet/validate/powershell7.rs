//! Scripts that must run in Windows PowerShell 5.1 and use PowerShell 7 syntax.
//!
//! The Exchange Management Shell of Exchange 2013, 2016, 2019 and Subscription Edition (the
//! snap-in `Microsoft.Exchange.Management.PowerShell.SnapIn`, loaded by `Add-PSSnapin` or by
//! `RemoteExchange.ps1` and `Connect-ExchangeServer`) exists only in Windows PowerShell 5.1,
//! whose parser rejects what PowerShell 7 added: the pipeline chain operators `&&` and `||`, the
//! ternary `? :`, `??` and `??=`, `?.` and `?[]`, the `clean` block (docs/validate.md, "Windows
//! PowerShell 5.1", says which version brought each). The reader notes each of them
//! ([`crate::cmdlet::parse::NEEDS_POWERSHELL_7`]); here they become warnings for a script that
//! must run in Windows PowerShell, and are dropped for one that may run in PowerShell 7
//! (Exchange Online, a remote session to a server, a script that does not say).

use super::script::SideEvidence;
use crate::cmdlet::diagnostic::{Diagnostic, Severity};
use crate::cmdlet::parse::NEEDS_POWERSHELL_7;

/// Why the script must run in Windows PowerShell 5.1, if it must: it loads the Exchange
/// Management Shell into its own session (`evidence`), or a `#requires` line says so
/// (`-Version` 5.1 or lower, `-PSEdition Desktop`, `-PSSnapin`, which only Windows PowerShell
/// has).
pub fn windows_powershell(text: &str, evidence: &SideEvidence) -> Option<String> {
    if let Some((name, p)) = evidence.windows_powershell.first() {
        return Some(format!(
            "the script loads the Exchange Management Shell ({name} at {}:{}), which runs only in Windows PowerShell 5.1",
            p.line, p.column
        ));
    }
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_start();
        // Compared as bytes: the line may start with any text, and byte 9 need not end a
        // character (`# ── Convert`).
        if !line.as_bytes().get(..9).is_some_and(|b| b.eq_ignore_ascii_case(b"#requires")) {
            continue;
        }
        let words: Vec<String> = line[9..].split_whitespace().map(str::to_ascii_lowercase).collect();
        for (k, w) in words.iter().enumerate() {
            let next = words.get(k + 1).map(String::as_str).unwrap_or("");
            // `-Version` may be abbreviated (`-v`, `-ver`), as any parameter.
            let version = w.len() >= 2 && "-version".starts_with(w.as_str());
            let major = next.split('.').next().and_then(|m| m.parse::<u32>().ok());
            let desktop = w == "-psedition" && next == "desktop";
            if (version && major.is_some_and(|m| m <= 5)) || desktop || w == "-pssnapin" {
                return Some(format!(
                    "line {} ({}) makes it a Windows PowerShell 5.1 script",
                    i + 1,
                    line.split_whitespace().collect::<Vec<_>>().join(" ")
                ));
            }
        }
    }
    None
}

/// The reader's `needs-powershell-7` notes in `diagnostics` become warnings that say why the
/// script must run in Windows PowerShell (`reason`), or are removed when it need not.
pub fn judge(diagnostics: &mut Vec<Diagnostic>, reason: Option<&str>) {
    match reason {
        None => diagnostics.retain(|d| d.code != NEEDS_POWERSHELL_7),
        Some(reason) => {
            for d in diagnostics.iter_mut().filter(|d| d.code == NEEDS_POWERSHELL_7) {
                d.severity = Severity::Warning;
                let how = d.help.take().unwrap_or_default();
                d.help = Some(format!("{reason}; {how}"));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cmdlet::parse::parse_script;
    use crate::cmdlet::validate::script::infer_side;

    /// The warnings `validate` gives `text`: (line, column) of each.
    fn warned(text: &str) -> Vec<(u32, u32)> {
        let script = parse_script(text);
        let evidence = infer_side(&script);
        let mut diags = script.diagnostics;
        judge(&mut diags, windows_powershell(text, &evidence).as_deref());
        diags
            .iter()
            .filter(|d| d.code == NEEDS_POWERSHELL_7)
            .map(|d| {
                assert_eq!(d.severity, Severity::Warning);
                let p = d.position.expect("a position");
                (p.line, p.column)
            })
            .collect()
    }

    const SNAPIN: &str = "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n";

    #[test]
    fn a_line_starting_with_any_text_is_read_without_cutting_a_character() {
        // Byte 9 inside a character once panicked (a fuzzed corpus script).
        for text in ["# ── Convert ──\nGet-Mailbox kim && 1", "#€€€€\n", "#requireé -Version 5.1\n", "é"]
        {
            assert_eq!(windows_powershell(text, &SideEvidence::default()), None, "{text}");
        }
        assert!(windows_powershell("#Requires -Version 5.1\n", &SideEvidence::default()).is_some());
    }

    #[test]
    fn each_powershell_7_construct_is_found_where_it_is() {
        let cases: &[(&str, (u32, u32))] = &[
            ("Get-Mailbox kim && Set-Mailbox kim -Type Shared", (2, 17)),
            ("Get-Mailbox kim || Write-Warning missing", (2, 17)),
            ("$q = $m.ProhibitSendQuota ?? 'Unlimited'", (2, 27)),
            ("$q ??= 'Unlimited'", (2, 4)),
            ("$t = $shared ? 'Shared' : 'Regular'", (2, 14)),
            ("$n = ${m}?.Name", (2, 10)),
            ("$n = (Get-Mailbox kim)?.Alias", (2, 23)),
            ("$first = ${all}?[0]", (2, 16)),
            ("function Set-X { process { } clean { } }", (2, 30)),
        ];
        for (line, at) in cases {
            let text = format!("{SNAPIN}{line}\n");
            assert_eq!(warned(&text), vec![*at], "{line}");
        }
    }

    #[test]
    fn powershell_5_syntax_and_look_alikes_are_not_flagged() {
        // `$m?.Name` is the variable `m?` (pwsh 7.6 tokenizes it so), `-Parallel` a parameter.
        for line in [
            "$n = $m?.Name",
            "1..3 | ForEach-Object -Parallel { $_ }",
            "if ($a -and $b) { Get-Mailbox kim }",
            "Get-Mailbox -Filter \"Name -like 'a?b'\"",
            "$x = '&& || ?? ? :'",
            "# Get-X && Get-Y",
            "Write-Host a?b",
        ] {
            assert_eq!(warned(&format!("{SNAPIN}{line}\n")), vec![], "{line}");
        }
    }

    #[test]
    fn only_a_script_that_must_run_in_windows_powershell_is_warned() {
        let chain = "Get-Mailbox kim && Set-Mailbox kim -Type Shared\n";
        for head in [
            "Add-PSSnapin Microsoft.Exchange.Management.PowerShell.SnapIn\n",
            "Add-PSSnapin *Exchange*\n",
            ". 'C:\\Program Files\\Microsoft\\Exchange Server\\V15\\bin\\RemoteExchange.ps1'\nConnect-ExchangeServer -auto\n",
            "#Requires -Version 5.1\n",
            "#requires -version 3\n",
            "#Requires -PSEdition Desktop\n",
        ] {
            assert_eq!(warned(&format!("{head}{chain}")).len(), 1, "{head}");
        }
        for head in [
            "Connect-ExchangeOnline -UserPrincipalName admin@contoso.com\n",
            "$s = New-PSSession -ConfigurationName Microsoft.Exchange -ConnectionUri http://ex01/PowerShell\nImport-PSSession $s\n",
            "#Requires -Version 7.2\n",
            "#Requires -PSEdition Core\n",
            "",
        ] {
            assert_eq!(warned(&format!("{head}{chain}")), vec![], "{head}");
        }
    }

    #[test]
    fn the_warning_says_why_and_what_to_write() {
        let text = format!("{SNAPIN}Get-Mailbox kim && Set-Mailbox kim -Type Shared\n");
        let script = parse_script(&text);
        let reason = windows_powershell(&text, &infer_side(&script));
        let mut diags = script.diagnostics;
        judge(&mut diags, reason.as_deref());
        let d = diags.iter().find(|d| d.code == NEEDS_POWERSHELL_7).unwrap();
        assert!(d.message.contains("&&") && d.message.contains("Windows PowerShell 5.1"), "{}", d.message);
        let help = d.help.as_deref().unwrap();
        assert!(help.contains("Add-PSSnapin at 1:1") && help.contains("if ($?)"), "{help}");
    }
}
