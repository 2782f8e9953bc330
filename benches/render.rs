//! Rendering 100,000 invocations into one reused buffer.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mbxctl::cmdlet::invocation::{Invocation, Value};
use mbxctl::cmdlet::render::render_into;
use std::hint::black_box;
use std::time::Duration;

fn invocations(n: usize) -> Vec<Invocation> {
    (0..n)
        .map(|i| match i % 4 {
            0 => Invocation::new("Set-Mailbox")
                .param("Identity", format!("user{i}@contoso.com"))
                .param("Type", "Shared")
                .param("ProhibitSendQuota", 50i64 << 30)
                .param("Confirm", Value::Switch(false)),
            1 => Invocation::new("Add-MailboxPermission")
                .param("Identity", format!("o'brien.{i}"))
                .param("User", "CONTOSO\\sales-team")
                .param("AccessRights", vec!["FullAccess".to_string()])
                .param("AutoMapping", false),
            2 => Invocation::new("Set-Mailbox").param("Identity", format!("user{i}")).param(
                "EmailAddresses",
                Value::AddRemove {
                    add: vec![format!("smtp:new{i}@contoso.com")],
                    remove: vec![format!("smtp:old{i}@contoso.com")],
                },
            ),
            _ => Invocation::new("Set-User").param("Notes", format!("moved {i}\nby runbook — ‘batch’")).switch("Force"),
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let invs = invocations(100_000);
    let mut g = c.benchmark_group("render");
    g.throughput(Throughput::Elements(invs.len() as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("100k_invocations", |b| {
        let mut buf = String::with_capacity(256);
        b.iter(|| {
            let mut total = 0usize;
            for inv in &invs {
                buf.clear();
                render_into(black_box(inv), &mut buf).expect("renderable");
                total += buf.len();
            }
            total
        })
    });
    g.finish();
}

/// What `mbxctl render` does per invocation: validate against the catalogue, then render the
/// canonical form. Every invocation here is one the catalogue accepts.
fn validate_then_render(c: &mut Criterion) {
    use mbxctl::cmdlet::validate::{Target, validate};
    let invs: Vec<Invocation> = (0..100_000)
        .map(|i| match i % 4 {
            0 => {
                Invocation::new("Set-Mailbox").param("Identity", format!("user{i}@contoso.com")).param("Type", "Shared")
            }
            1 => Invocation::new("Add-MailboxPermission")
                .param("Identity", format!("o'brien.{i}"))
                .param("User", "CONTOSO\\sales-team")
                .param("AccessRights", vec!["FullAccess".to_string()])
                .param("AutoMapping", false),
            2 => Invocation::new("set-remotemailbox").param("identity", format!("user{i}")).param("type", "shared"),
            _ => Invocation::new("Get-MailboxStatistics").param("Identity", format!("user{i} — ‘x’")),
        })
        .collect();
    let target = Target::default();
    let mut g = c.benchmark_group("validate_and_render");
    g.throughput(Throughput::Elements(invs.len() as u64));
    g.sample_size(10);
    g.warm_up_time(Duration::from_secs(1));
    g.measurement_time(Duration::from_secs(3));
    g.bench_function("100k_invocations", |b| {
        let mut buf = String::with_capacity(256);
        b.iter(|| {
            let mut total = 0usize;
            for inv in &invs {
                let v = validate(black_box(inv), &target);
                assert!(v.is_ok());
                buf.clear();
                render_into(&v.invocation, &mut buf).expect("renderable");
                total += buf.len();
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, bench, validate_then_render);
criterion_main!(benches);
