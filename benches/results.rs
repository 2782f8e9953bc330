//! Reading `Get-Mailbox` output into typed `Mailbox` values: 10,000 objects shaped as they
//! arrive over PSRP from Exchange (depth 1: `Deserialized.` type names, enums as objects with a
//! wrapped number, sizes and ADObjectIds as text, multi-valued properties as lists), ~40
//! properties each.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mbxctl::exchange::results::Mailbox;
use mbxctl::psobject::{PsObject, PsValue};
use std::hint::black_box;

fn enum_value(type_name: &str, n: PsValue, text: &str) -> PsValue {
    PsObject {
        type_names: [type_name, "System.Enum", "System.ValueType", "System.Object"].into(),
        to_string: Some(text.into()),
        base: Some(n),
        ..Default::default()
    }
    .into()
}

fn strings(items: Vec<String>) -> PsValue {
    PsValue::list(items.into_iter().map(PsValue::String))
}

fn wire_mailbox(i: usize) -> PsValue {
    let shared = i.is_multiple_of(3);
    let (rtd, rtd_text) = if shared { (4, "SharedMailbox") } else { (1, "UserMailbox") };
    let guid = |salt: u128| PsValue::Guid(uuid::Uuid::from_u128((i as u128) << 32 | salt));
    let mut o = PsObject::with_types([
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.Mailbox",
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.MailEnabledOrgPerson",
        "Deserialized.Microsoft.Exchange.Data.Directory.Management.MailEnabledRecipient",
        "Deserialized.Microsoft.Exchange.Data.Directory.ADPresentationObject",
        "Deserialized.Microsoft.Exchange.Data.Directory.ConfigurableObject",
        "Deserialized.System.Object",
    ]);
    o.to_string = Some(format!("User {i}"));
    let props: Vec<(&str, PsValue)> = vec![
        ("Database", format!("DB{:02}", i % 12).into()),
        ("UseDatabaseQuotaDefaults", i.is_multiple_of(2).into()),
        ("ProhibitSendQuota", "49.5 GB (53,150,220,288 bytes)".into()),
        ("ProhibitSendReceiveQuota", "Unlimited".into()),
        ("IssueWarningQuota", "49 GB (52,613,349,376 bytes)".into()),
        ("RecoverableItemsQuota", "30 GB (32,212,254,720 bytes)".into()),
        ("ExchangeGuid", guid(1)),
        ("ArchiveGuid", PsValue::Guid(uuid::Uuid::nil())),
        ("ArchiveDatabase", PsValue::Null),
        (
            "ArchiveStatus",
            enum_value(
                "Deserialized.Microsoft.Exchange.Data.Directory.Recipient.ArchiveStatusFlags",
                PsValue::I32(0),
                "None",
            ),
        ),
        ("ArchiveState", "None".into()),
        ("LitigationHoldEnabled", false.into()),
        ("InPlaceHolds", strings(vec![])),
        ("RetentionHoldEnabled", false.into()),
        ("IsShared", shared.into()),
        ("IsResource", false.into()),
        ("IsLinked", false.into()),
        ("LinkedMasterAccount", if shared { "NT AUTHORITY\\SELF".into() } else { PsValue::Null }),
        ("RemoteRecipientType", "None".into()),
        ("MessageCopyForSentAsEnabled", shared.into()),
        ("MessageCopyForSendOnBehalfEnabled", false.into()),
        ("UserPrincipalName", format!("user{i}@contoso.com").into()),
        ("SamAccountName", format!("user{i}").into()),
        ("AccountDisabled", shared.into()),
        ("GrantSendOnBehalfTo", strings(if shared { vec![format!("contoso.com/Users/Delegate {i}")] } else { vec![] })),
        ("HiddenFromAddressListsEnabled", false.into()),
        ("ForwardingAddress", PsValue::Null),
        ("ForwardingSmtpAddress", PsValue::Null),
        ("Alias", format!("user{i}").into()),
        (
            "EmailAddresses",
            strings(vec![
                format!("SMTP:user{i}@contoso.com"),
                format!("smtp:u{i}@contoso.mail.onmicrosoft.com"),
                format!("X500:/o=Contoso/ou=Exchange Administrative Group/cn=Recipients/cn=user{i}"),
            ]),
        ),
        ("PrimarySmtpAddress", format!("user{i}@contoso.com").into()),
        ("RecipientType", "UserMailbox".into()),
        (
            "RecipientTypeDetails",
            enum_value(
                "Deserialized.Microsoft.Exchange.Data.Directory.Recipient.RecipientTypeDetails",
                PsValue::I64(rtd),
                rtd_text,
            ),
        ),
        ("DisplayName", format!("User {i}").into()),
        ("Name", format!("User {i}").into()),
        ("DistinguishedName", format!("CN=User {i},OU=Users,DC=contoso,DC=com").into()),
        ("Identity", format!("contoso.com/Users/User {i}").into()),
        ("Guid", guid(2)),
        ("WhenMailboxCreated", PsValue::DateTime("2021-03-04T10:11:12.0000000Z".into())),
        ("OrganizationalUnit", "contoso.com/Users".into()),
    ];
    for (k, v) in props {
        o = o.note(k, v);
    }
    o.into()
}

fn bench(c: &mut Criterion) {
    let input: Vec<PsValue> = (0..10_000).map(wire_mailbox).collect();
    let mut group = c.benchmark_group("results");
    group.sample_size(10);
    group.throughput(Throughput::Elements(input.len() as u64));
    group.bench_function("mailbox_from_ps_10k", |b| {
        b.iter(|| {
            let parsed: Result<Vec<Mailbox>, _> = black_box(&input).iter().map(Mailbox::from_ps).collect();
            black_box(parsed.expect("bench input is valid"))
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
