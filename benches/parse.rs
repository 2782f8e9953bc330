//! Parsing a 10 MB Exchange runbook. The runbook is also written to
//! `target/bench-runbook.ps1` so that `scripts/bench-treesitter.sh` times tree-sitter-powershell
//! on the very same text in the same run.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mbxctl::cmdlet::parse::parse_script;
use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

/// A realistic runbook of at least `bytes` bytes: comments, pipelines, foreach, if, hash
/// literals, quoted identities with doubled quotes, CRLF line ends.
pub fn runbook(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 4096);
    let mut i = 0u32;
    while s.len() < bytes {
        let _ = write!(
            s,
            "# Convert batch {i} of the Sales department to shared mailboxes\r\n\
             <# Change: CHG{i:07}\r\n   Owner: Exchange team #>\r\n\
             $batch{i} = Get-Mailbox -OrganizationalUnit 'contoso.com/Sales/Batch {i}' -ResultSize Unlimited |\r\n\
             \x20   Where-Object {{ $_.RecipientTypeDetails -eq 'UserMailbox' -and $_.Name -like 'sales-{i}*' }}\r\n\
             foreach ($m in $batch{i}) {{\r\n\
             \x20   Set-Mailbox -Identity $m.Alias -Type Shared -ProhibitSendQuota 50GB -IssueWarningQuota 45GB -Confirm:$false\r\n\
             \x20   Add-MailboxPermission -Identity $m.Alias -User 'CONTOSO\\sales-team-{i}' -AccessRights FullAccess -InheritanceType All -AutoMapping $false\r\n\
             }}\r\n\
             Set-Mailbox -Identity 'o''brien.{i}@contoso.com' -EmailAddresses @{{Add='smtp:obrien{i}@contoso.com';Remove='smtp:old{i}@contoso.com'}} -HiddenFromAddressListsEnabled $true\r\n\
             if ((Get-MailboxStatistics -Identity \"user{i}@contoso.com\").TotalItemSize.Value.ToBytes() -gt 10GB) {{\r\n\
             \x20   Write-Warning \"user{i} is larger than 10 GB: $($m.Alias)\"\r\n\
             }}\r\n\
             Set-CASMailbox -Identity 'user{i}' -OWAEnabled $false -ActiveSyncEnabled:$false -ImapEnabled $false\r\n\
             Get-MailboxPermission -Identity 'shared-{i}' | Where-Object {{ $_.User -like 'CONTOSO\\*' }} | Select-Object User, AccessRights\r\n\r\n"
        );
        i += 1;
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = runbook(10 * 1024 * 1024);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bench-runbook.ps1");
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    std::fs::write(&path, &text).expect("write target/bench-runbook.ps1");
    let check = parse_script(&text);
    assert!(check.diagnostics.is_empty(), "runbook has errors: {:?}", &check.diagnostics[..1]);
    eprintln!("runbook: {} bytes, {} commands", text.len(), check.commands.len());
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(5));
    // Freeing the result is measured separately: with glibc's allocator it costs as much as
    // parsing (a million small strings), and callers often keep the script.
    g.bench_function("runbook_10MB", |b| b.iter_with_large_drop(|| parse_script(black_box(&text))));
    g.bench_function("runbook_10MB_including_drop", |b| b.iter(|| parse_script(black_box(&text))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
