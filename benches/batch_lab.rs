//! Batch throughput on the LAB with 200 ms of latency per cmdlet: N sessions should give close
//! to N times the throughput of one. Runs the same worker and pool the CLI uses (no binary).
//! Also: planning 100,000 rows (read_batch + plan, no shell).
//!
//! Prints the ratio of each N to one session and the overhead over the ideal (time(1) / N).

use criterion::{Criterion, criterion_group, criterion_main};
use mbxctl::lab::{self, Faults, InitOptions};
use mbxctl::shell::{ShellError, Side};
use mbxctl::workflow::batch::journal::{Journal, RunHeader, TargetKind};
use mbxctl::workflow::batch::pool::{PoolOptions, WorkItem, run_pool};
use mbxctl::workflow::batch::progress::{Progress, ProgressMode};
use mbxctl::workflow::batch::worker::{BatchWorker, ConvertJob, Session, apply_grant_defaults, convert_options};
use mbxctl::workflow::batch::{BatchItem, RowDefaults, TargetType, read_batch};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::sync::Mutex;
use std::time::Duration;

const ITEMS: usize = 8;
const LATENCY: Duration = Duration::from_millis(200);

static TIMES: Mutex<BTreeMap<usize, Vec<Duration>>> = Mutex::new(BTreeMap::new());

fn item(row: usize, identity: String) -> BatchItem {
    let csv = format!("Identity,Type\n{identity},Shared\n");
    let mut i = read_batch(csv.as_bytes(), "bench", &RowDefaults::default()).items.remove(0);
    i.row = row;
    i
}

/// One batch of ITEMS conversions over `sessions` sessions on a fresh LAB; returns the pool's time.
fn one_batch(rt: &tokio::runtime::Runtime, sessions: usize) -> Duration {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("lab");
    lab::init(&dir, InitOptions { users: ITEMS }).expect("lab init");
    lab::set_faults(&dir, Faults { latency: Some(LATENCY), ..Faults::default() }).expect("faults");
    // Generated users' aliases, as `lab init --users` creates them.
    let shown = lab::show(&dir).expect("show");
    let aliases: Vec<String> = shown["OnPremises"]["Recipients"]
        .as_array()
        .expect("recipients")
        .iter()
        .filter(|r| r["OrganizationalUnit"] == "contoso.com/Staff")
        .filter_map(|r| r["Alias"].as_str().map(String::from))
        .collect();
    assert_eq!(aliases.len(), ITEMS);
    let header = RunHeader {
        id: "20250101-000000-0001".into(),
        started: "2025-01-01T00:00:00.000Z".into(),
        command: "bench".into(),
        target: TargetKind::Lab,
        options: serde_json::Value::Null,
        item_count: ITEMS,
        parent: None,
        version: "bench".into(),
    };
    let journal = Journal::create(tmp.path(), &header).expect("journal");
    let worker = BatchWorker::new(&journal, ConvertJob::default());
    let work: Vec<WorkItem<BatchItem>> =
        aliases.into_iter().enumerate().map(|(i, a)| WorkItem::new(i + 1, a.clone(), item(i + 1, a))).collect();
    let report = rt.block_on(run_pool(
        work,
        sessions,
        &PoolOptions::default(),
        |_slot| {
            let dir = dir.clone();
            async move {
                let primary = lab::open(&dir, Side::OnPremises).map_err(|e| ShellError::Start(e.to_string()))?;
                Ok::<_, ShellError>(Session::single(Box::new(primary)))
            }
        },
        async |s: &mut Session, it: WorkItem<BatchItem>| worker.run(s, it).await,
        &journal,
        Progress::new("bench", ITEMS, ProgressMode::Quiet),
    ));
    assert_eq!((report.done, report.failed), (ITEMS, 0));
    report.elapsed
}

fn throughput(c: &mut Criterion) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let mut g = c.benchmark_group("batch_lab_200ms");
    g.sample_size(10);
    g.warm_up_time(Duration::from_millis(1));
    g.measurement_time(Duration::from_secs(1));
    for n in [1usize, 4, 8] {
        g.bench_function(format!("{ITEMS}_items_{n}_sessions"), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let t = one_batch(&rt, n);
                    TIMES.lock().unwrap().entry(n).or_default().push(t);
                    total += t;
                }
                total
            })
        });
    }
    g.finish();
    let times = TIMES.lock().unwrap();
    let median = |v: &Vec<Duration>| {
        let mut v = v.clone();
        v.sort();
        v[v.len() / 2]
    };
    if let Some(one) = times.get(&1).map(median) {
        for (n, v) in times.iter() {
            let t = median(v);
            let ideal = one / *n as u32;
            println!(
                "batch_lab: {n} session(s): median {:.2} s for {ITEMS} items; speed-up {:.2}x (ideal {n}x); overhead over ideal {:+.1}%",
                t.as_secs_f64(),
                one.as_secs_f64() / t.as_secs_f64(),
                (t.as_secs_f64() / ideal.as_secs_f64() - 1.0) * 100.0
            );
        }
    }
}

fn csv_100k() -> Vec<u8> {
    let mut s = String::from("\u{feff}Identity;Type;FullAccess;SendAs;AutoMapping;Comment\r\n");
    for i in 0..100_000 {
        s.push_str(&format!(
            "user{i}@contoso.com;Shared;\"helpdesk{}@contoso.com,ops@contoso.com\";team{}@contoso.com;false;ticket CHG{i}\r\n",
            i % 50,
            i % 7
        ));
    }
    s.into_bytes()
}

fn planning(c: &mut Criterion) {
    let bytes = csv_100k();
    let defaults = RowDefaults { target: Some(TargetType::Shared), ..Default::default() };
    let job = ConvertJob::default();
    let mut g = c.benchmark_group("batch_lab_plan");
    g.sample_size(10);
    g.bench_function("plan_100k_rows", |b| {
        b.iter(|| {
            let mut input = read_batch(black_box(&bytes), "bench.csv", &defaults);
            apply_grant_defaults(&mut input.items, &["admin@contoso.com".into()], &[], &[]);
            let work: Vec<WorkItem<_>> = input
                .items
                .iter()
                .map(|i| WorkItem::new(i.row, i.identity.clone(), convert_options(i, &job)))
                .collect();
            assert_eq!(work.len(), 100_000);
            work
        })
    });
    g.finish();
}

criterion_group!(benches, planning, throughput);
criterion_main!(benches);
