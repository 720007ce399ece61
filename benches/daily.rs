//! The daily scheduler's question at scale: which of 100,000 servers' posts is due next.
//!
//! Each schedule's next instant comes from `daily::plan`; `daily::DueQueue` (ordered by that
//! instant) gives the earliest in O(log n), and after a post only that server is planned again. The
//! linear scan over every schedule is measured beside it for scale.
//!
//! `cargo bench --bench daily` (add `-- --quick` for a faster, rougher run).

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use jiff::civil::Time;
use jiff::tz::TimeZone;
use jiff::Timestamp;
use movie_trivia::daily::{parse_zone, plan, DueQueue, Next, DEFAULT_GRACE};
use movie_trivia::measure::rng::Rng;

const SERVERS: usize = 100_000;
const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Asia/Tokyo",
    "Asia/Kolkata",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Africa/Cairo",
    "Asia/Kathmandu",
    "America/St_Johns",
    "Europe/Moscow",
    "Asia/Shanghai",
];

struct Schedule {
    time: Time,
    tz: TimeZone,
}

fn schedules() -> Vec<Schedule> {
    let zones: Vec<TimeZone> = ZONES.iter().map(|z| parse_zone(z).expect("a known zone")).collect();
    let mut rng = Rng::new(3);
    (0..SERVERS)
        .map(|_| Schedule {
            time: Time::new(rng.below(24) as i8, rng.below(60) as i8, 0, 0).expect("a valid time"),
            tz: zones[rng.below(zones.len())].clone(),
        })
        .collect()
}

/// When server `s` posts next, as of `now`, having last posted on the date of `last`.
fn next_at(s: &Schedule, now: Timestamp, last: Option<jiff::civil::Date>) -> Timestamp {
    let since: Timestamp = "2026-01-01T00:00:00Z".parse().expect("a valid instant");
    match plan(s.time, &s.tz, now, since, last, DEFAULT_GRACE).next {
        Next::Now(o) | Next::At(o) => o.at,
    }
}

fn scheduler(c: &mut Criterion) {
    let all = schedules();
    let start: Timestamp = "2026-03-28T12:00:00Z".parse().expect("a valid instant");
    let mut group = c.benchmark_group("daily");
    group.sample_size(10).measurement_time(Duration::from_secs(3));
    group.bench_function("plan-100k-schedules", |b| {
        b.iter(|| all.iter().map(|s| next_at(s, start, None)).max().map(black_box))
    });

    let first: Vec<Timestamp> = all.iter().map(|s| next_at(s, start, None)).collect();
    let mut queue = DueQueue::new();
    for (i, at) in first.iter().enumerate() {
        queue.set(i as u64, *at);
    }
    group.sample_size(50).measurement_time(Duration::from_secs(2));
    // One scheduler step: take the earliest due post, "send" it, plan that server's next one.
    group.bench_function("next-due-of-100k/due-queue", |b| {
        b.iter(|| {
            let Some(at) = queue.next_due() else { return };
            for i in queue.pop_due(at) {
                let s = &all[i as usize];
                let posted = at.to_zoned(s.tz.clone()).date();
                queue.set(i, next_at(s, at, Some(posted)));
            }
            black_box(at);
        })
    });
    group.bench_function("next-due-of-100k/linear-scan", |b| {
        b.iter(|| black_box(first.iter().enumerate().min_by_key(|(_, at)| **at)))
    });
    group.finish();
}

criterion_group!(benches, scheduler);
criterion_main!(benches);
