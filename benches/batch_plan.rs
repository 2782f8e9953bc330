//! Planning a 100,000-row batch: reading the CSV into items (decoding, delimiter detection,
//! row checks and duplicate detection included).

use criterion::{Criterion, criterion_group, criterion_main};
use mbxctl::workflow::batch::{RowDefaults, TargetType, read_batch};
use std::hint::black_box;

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

fn bench(c: &mut Criterion) {
    let bytes = csv_100k();
    let defaults = RowDefaults { target: Some(TargetType::Shared), ..Default::default() };
    let mut g = c.benchmark_group("batch_plan");
    g.sample_size(10);
    g.bench_function("read_batch_csv_100k_rows", |b| {
        b.iter(|| {
            let input = read_batch(black_box(&bytes), "bench.csv", &defaults);
            assert_eq!(input.items.len(), 100_000);
            input
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
