//! Lab benchmarks: building a large organisation, and cmdlet latency in a 100,000-user lab.
//! Run: `cargo bench --bench lab -- --warm-up-time 1 --measurement-time 3`.

use criterion::{Criterion, criterion_group, criterion_main};
use mbxctl::cmdlet::Invocation;
use mbxctl::lab::{self, InitOptions};
use mbxctl::shell::{Shell, Side};
use std::time::Instant;

fn init(c: &mut Criterion) {
    let mut g = c.benchmark_group("lab_init");
    g.sample_size(10);
    let t = tempfile::tempdir().unwrap();
    g.bench_function("users_10000", |b| {
        b.iter(|| lab::init(&t.path().join("lab"), InitOptions { users: 10_000 }).unwrap())
    });
    g.finish();
}

fn cmdlets(c: &mut Criterion) {
    let t = tempfile::tempdir().unwrap();
    let dir = t.path().join("lab");
    let start = Instant::now();
    let summary = lab::init(&dir, InitOptions { users: 100_000 }).unwrap();
    eprintln!("init with 100,000 users: {:?} ({} AD users)", start.elapsed(), summary.on_premises_total());
    let rt = tokio::runtime::Builder::new_current_thread().enable_time().build().unwrap();
    let mut shell = lab::open(&dir, Side::OnPremises).unwrap();
    let mut g = c.benchmark_group("lab_100k");
    g.sample_size(20);
    let get = Invocation::new("Get-Mailbox").param("Identity", "farid.umarov100000");
    g.bench_function("get_mailbox_by_alias", |b| {
        b.iter(|| assert_eq!(rt.block_on(shell.run(&get)).unwrap().output.len(), 1))
    });
    let mut shared = false;
    g.bench_function("set_mailbox_type_toggle", |b| {
        b.iter(|| {
            shared = !shared;
            let inv = Invocation::new("Set-Mailbox")
                .param("Identity", "aaron.abbott000001")
                .param("Type", if shared { "Shared" } else { "Regular" });
            assert!(rt.block_on(shell.run(&inv)).unwrap().succeeded());
        })
    });
    g.finish();
}

criterion_group!(benches, init, cmdlets);
criterion_main!(benches);
