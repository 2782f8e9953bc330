//! Validation throughput: the CLI validates every invocation of a batch (often thousands of
//! mailboxes) before running any, so it must cost well under a microsecond each.
//!
//! Run: `cargo bench --bench validate -- --warm-up-time 1 --measurement-time 3`

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use mbxctl::cmdlet::validate::{Target, validate};
use mbxctl::cmdlet::version::ExchangeVersion;
use mbxctl::cmdlet::{Invocation, Value};
use mbxctl::shell::Side;
use std::hint::black_box;

fn typical() -> Vec<Invocation> {
    (0..100_000)
        .map(|i| match i % 4 {
            0 => Invocation::new("Set-Mailbox").param("Identity", format!("user{i}")).param("Type", "Shared"),
            1 => Invocation::new("set-remotemailbox").param("identity", format!("user{i}")).param("ty", "shared"),
            2 => Invocation::new("Add-MailboxPermission")
                .param("Identity", format!("shared{i}"))
                .param("User", "kim")
                .param("AccessRights", Value::List(vec!["FullAccess".into()]))
                .param("AutoMapping", false),
            _ => Invocation::new("Get-Mailbox").param("Identity", format!("user{i}")).param("ResultSize", "Unlimited"),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let target = Target { side: Side::OnPremises, version: Some("2016 CU23".parse::<ExchangeVersion>().unwrap()) };
    // Parse the catalogue outside the measurement.
    black_box(validate(&Invocation::new("Get-Mailbox"), &target));

    let one = Invocation::new("Set-Mailbox").param("Identity", "kim").param("Type", "Shared");
    let mut g = c.benchmark_group("validate");
    g.throughput(Throughput::Elements(1));
    g.bench_function("set-mailbox-type-shared", |b| b.iter(|| validate(black_box(&one), black_box(&target))));

    let batch = typical();
    g.throughput(Throughput::Elements(batch.len() as u64));
    g.sample_size(10);
    g.bench_function("batch-100k-mixed", |b| {
        b.iter_batched(
            || (),
            |_| {
                let mut ok = 0usize;
                for inv in &batch {
                    ok += validate(inv, &target).is_ok() as usize;
                }
                assert_eq!(ok, batch.len());
                ok
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
