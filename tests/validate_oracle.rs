//! PowerShell's own binder as the oracle for `validate`, on the corpus and hand-written edge cases.
//!
//! Every cmdlet the corpus (tests/corpus) and the edge cases below use is defined in one real
//! `pwsh` as a proxy function carrying the catalogue's metadata, and every command is bound with
//! PowerShell's `StaticParameterBinder` (tests/binder_support/mod.rs says how). What it binds
//! (parameter names, positional arguments) and what it refuses (unknown, ambiguous, duplicate
//! parameters, missing arguments, positional arguments nothing takes) must be what `mbxctl --json
//! validate --side <side>` reports for the same command. Generated and hostile command lines are
//! compared in tests/validate_binder_fuzz.rs.
//!
//! One `pwsh` process runs the whole comparison (all scripts, both sides), so the test takes
//! seconds. Without a PowerShell the test says so loudly and passes, unless
//! `MBXCTL_REQUIRE_PWSH=1`, when it fails.

#[path = "binder_support/mod.rs"]
mod binder_support;

use binder_support::{
    DefaultSet, Facts, Mode, Ours, SIDES, catalogue_side, compare_static, driver_part, mbxctl_view, proxy, repo,
};
use std::collections::BTreeSet;
use std::path::PathBuf;

/// The binder's edge cases, written as scripts would (each line one command).
const EDGE_CASES: &str = r#"
Enable-RemoteMailbox -Shared kim -RemoteRoutingAddress kim@contoso.mail.onmicrosoft.com
Get-Mailbox -Archive kim
Get-Mailbox -SoftDeletedMailbox kim
Set-Mailbox kim -Type Shared -Confirm $false
Set-Mailbox kim -Type Shared -Confirm:$false
Set-Mailbox kim -HiddenFromAddressListsEnabled:$true -Type:Shared
Set-Mailbox -Identity:kim -Type Shared
Set-Mailbox kim -Ver
Set-Mailbox kim -Warn x
Set-Mailbox kim -W x
Set-Mailbox kim -ea Stop -wi
Set-Mailbox kim -T Shared
Set-Mailbox kim -Typ Shared -Co:$false
Set-Mailbox kim -Type Shared -type Room
Set-Mailbox -Identity -Type Shared
Get-EXOMailboxStatistics kim
Get-EXOMailboxStatistics kim bob
Set-Mailbox kim bob -Type Shared
Set-Mailbox kim,bob -Type Shared
Add-MailboxPermission shared -User kim -AccessRights FullAccess, SendAs
Add-MailboxPermission shared kim -AccessRights FullAccess
Add-MailboxPermission @p
Add-MailboxPermission @p -AccesRights FullAccess
Add-MailboxPermission -Identity shared @p -AutoMapping $false
Set-Mailbox @args extra
Connect-Mailbox -Identity kim DB01 -User kim
Get-Mailbox -ResultSize Unlimited -RecipientTypeDetails SharedMailbox,RoomMailbox
Get-MailboxStatistics kim -IncludeSoftDeletedRecipients
Remove-MailboxPermission kim -User bob -AccessRights SendAs -InheritanceType All -Confirm:$false
Set-CASMailbox kim -OWAEnabled $false -ActiveSyncEnabled:$false
Get-MailboxFolderPermission kim:\Calendar -User Default
Set-MailboxAutoReplyConfiguration kim -AutoReplyState Enabled -InternalMessage "x" -ExternalMessage 'y'
Set-RemoteMailbox kim -Type Shared
Get-Recipient -Identity kim -RecipientTypeDetails UserMailbox
Set-Mailbox –Identity kim —Type Shared
"#;

#[test]
fn powershell_binds_every_command_as_mbxctl_does() {
    let Some(pwsh) = binder_support::pwsh_or_skip("validate_oracle") else { return };
    let dir = std::env::temp_dir().join(format!("mbxctl-oracle-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let edge = dir.join("edge-cases.ps1");
    std::fs::write(&edge, EDGE_CASES).unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("tests").join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "ps1"))
        .collect();
    files.sort();
    files.push(edge);

    // mbxctl's view, per side, and the cmdlets to define.
    let mut ours = Ours::new();
    let mut facts = Facts::default();
    let mut script = String::new();
    for (side, flag) in SIDES {
        let mut used = BTreeSet::new();
        for f in &files {
            for (k, v) in mbxctl_view(f, side) {
                used.insert(v.cmdlet.to_ascii_lowercase());
                ours.insert((side.to_string(), f.clone(), k.0, k.1), v);
            }
        }
        let all = catalogue_side(side, flag);
        let entries: Vec<_> =
            all.iter().filter(|c| used.contains(&c["name"].as_str().unwrap().to_ascii_lowercase())).collect();
        facts.learn(side, &entries);
        let proxies: Vec<String> = entries.into_iter().map(|c| proxy(c, DefaultSet::Catalogue)).collect();
        assert!(proxies.len() >= 40, "{side}: only {} cmdlets used", proxies.len());
        script.push_str(&driver_part(side, &proxies, &files, Mode::Static, ""));
    }
    let records = binder_support::run_pwsh(&pwsh, &dir, &script);
    let cmp = compare_static(&records, &ours, &facts);
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "validate_oracle: {} commands compared with PowerShell's binder ({} by bound names)",
        cmp.compared, cmp.bound_compared
    );
    assert!(cmp.compared >= 250, "only {} commands compared", cmp.compared);
    assert!(cmp.differences.is_empty(), "{} difference(s):\n{}", cmp.differences.len(), cmp.differences.join("\n"));
}
