//! `audit hybrid`'s judging over 100,000 remote mailboxes and their Exchange Online mailboxes:
//! the in-memory join (ExchangeGuid, else SMTP address) and every rule, with a realistic mix of
//! findings (most onboarded mailboxes lack ProvisionMailbox, a few will revert or are unlicensed).
//! Reading from Exchange is not measured: that is the sessions' cost, not the audit's.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mbxctl::exchange::ByteSize;
use mbxctl::exchange::results::{Mailbox, RemoteMailbox};
use mbxctl::psobject::{PsObject, PsValue};
use mbxctl::workflow::audit::{CloudEntry, Inventory, analyse};
use std::hint::black_box;

const PAIRS: usize = 100_000;

/// (on-premises type, RemoteRecipientType, cloud type, licensed) for mailbox `i`.
fn case(i: usize) -> (&'static str, &'static str, &'static str, bool) {
    match i % 100 {
        0..=59 => ("RemoteUserMailbox", "Migrated", "UserMailbox", true),
        60..=84 => ("RemoteUserMailbox", "ProvisionMailbox", "UserMailbox", true),
        85..=94 => ("RemoteSharedMailbox", "Migrated, SharedMailbox", "SharedMailbox", false),
        95..=96 => ("RemoteUserMailbox", "ProvisionMailbox", "SharedMailbox", false),
        97 => ("RemoteSharedMailbox", "ProvisionMailbox, SharedMailbox", "UserMailbox", true),
        _ => ("RemoteUserMailbox", "ProvisionMailbox", "UserMailbox", false),
    }
}

fn inventory(n: usize) -> Inventory {
    let mut inv = Inventory { cloud_read: true, remote_type_supported: true, ..Inventory::default() };
    for i in 0..n {
        let (onprem, rrt, cloud, licensed) = case(i);
        let smtp = format!("user{i:06}@contoso.com");
        let routing = format!("user{i:06}@contoso.mail.onmicrosoft.com");
        let guid = uuid::Uuid::from_u128(0x5eed_0000_0000 + i as u128);
        // Half the remote mailboxes carry their ExchangeGuid; the rest join by address.
        let mut r = PsObject::default()
            .note("Identity", format!("contoso.com/Staff/User {i:06}"))
            .note("Name", format!("User {i:06}"))
            .note("SamAccountName", format!("user{i:06}"))
            .note("PrimarySmtpAddress", smtp.clone())
            .note("RemoteRoutingAddress", routing.clone())
            .note("RecipientTypeDetails", onprem)
            .note("RemoteRecipientType", rrt);
        if i % 2 == 0 {
            r = r.note("ExchangeGuid", guid);
        }
        inv.remote.push(RemoteMailbox::from_ps(&PsValue::from(r)).expect("remote"));
        let c = PsObject::default()
            .note("Identity", format!("User {i:06}"))
            .note("PrimarySmtpAddress", smtp.clone())
            .note("UserPrincipalName", smtp.clone())
            .note(
                "EmailAddresses",
                PsValue::list([PsValue::from(format!("SMTP:{smtp}")), PsValue::from(format!("smtp:{routing}"))]),
            )
            .note("RecipientTypeDetails", cloud)
            .note("ExchangeGuid", guid)
            .note("SKUAssigned", licensed)
            .note("LitigationHoldEnabled", i % 37 == 0);
        let size = (cloud == "SharedMailbox" && !licensed).then_some(ByteSize((i as u64 % 70) << 30));
        inv.cloud
            .push(CloudEntry { mailbox: Mailbox::from_ps(&PsValue::from(c)).expect("cloud"), total_item_size: size });
    }
    inv
}

fn bench(c: &mut Criterion) {
    let inv = inventory(PAIRS);
    let report = analyse(&inv);
    assert_eq!(report.pairs, PAIRS);
    let mut g = c.benchmark_group("audit");
    g.sample_size(10);
    g.throughput(Throughput::Elements(PAIRS as u64));
    g.bench_function("analyse_100k_pairs", |b| b.iter(|| analyse(black_box(&inv))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
