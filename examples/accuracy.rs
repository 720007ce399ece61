//! Measures the title matcher on files written by `gen_catalog`: top-1 per kind of query,
//! recall at 25, per-query median and p99, queries per second, index build time and memory.
//!
//! ```sh
//! cargo run --release --example accuracy -- target/bench-data [--json ours.json]
//! ```
//!
//! Everything runs on one thread. Memory is the heap the index holds once built, counted by a
//! global allocator that tracks live bytes (exact, whatever else the machine is doing); the
//! resident set growth is printed beside it.

use std::alloc::{GlobalAlloc, Layout, System};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use clap::Parser;
use movie_trivia::measure::{accuracy, tsv, Report};

/// The system allocator, counting the bytes currently allocated and the peak.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: forwarded unchanged to the system allocator.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

#[derive(Parser)]
struct Args {
    /// Directory holding titles.tsv and queries.tsv
    dir: PathBuf,
    /// Suggestions counted for recall
    #[arg(long, default_value_t = 25)]
    k: usize,
    /// Also write the figures as JSON to this file (read by bench/table.py)
    #[arg(long)]
    json: Option<PathBuf>,
}

fn rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn main() -> ExitCode {
    let args = Args::parse();
    let (titles, queries) = match tsv::read_titles(&args.dir.join("titles.tsv"))
        .and_then(|t| Ok((t, tsv::read_queries(&args.dir.join("queries.tsv"))?)))
    {
        Ok(read) => read,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };

    let (live_before, rss_before) = (LIVE.load(Ordering::Relaxed), rss_kib());
    PEAK.store(live_before, Ordering::Relaxed);
    let start = Instant::now();
    let index = accuracy::index(&titles);
    let build_ms = start.elapsed().as_secs_f64() * 1e3;
    let index_bytes = LIVE.load(Ordering::Relaxed) - live_before;
    let peak_bytes = PEAK.load(Ordering::Relaxed) - live_before;
    let rss_growth_kib = rss_kib().zip(rss_before).map(|(a, b)| a.saturating_sub(b));

    // An untimed pass first, so neither timed pass pays for cold caches and page faults.
    accuracy::evaluate(&index, &titles, &queries[..queries.len().min(1000)], args.k);
    let first = accuracy::evaluate(&index, &titles, &queries, 1);
    let within = accuracy::evaluate(&index, &titles, &queries, args.k);

    println!("titles: {}  queries: {}  (one thread)", titles.len(), queries.len());
    println!("index build: {build_ms:.1} ms");
    println!(
        "index memory: {:.1} MB held after build (peak {:.1} MB during build; resident set grew {} MB)",
        index_bytes as f64 / 1e6,
        peak_bytes as f64 / 1e6,
        rss_growth_kib.map_or("?".to_string(), |k| format!("{:.1}", k as f64 / 1024.0)),
    );
    println!();
    println!("{:<18} {:>7} {:>8} {:>10}", "kind", "queries", "top-1", format!("recall@{}", args.k));
    for (a, b) in first.kinds.iter().zip(&within.kinds) {
        println!(
            "{:<18} {:>7} {:>7.1}% {:>9.1}%",
            a.label(),
            a.queries,
            100.0 * a.top1(),
            100.0 * b.recall()
        );
    }
    println!(
        "{:<18} {:>7} {:>7.1}% {:>9.1}%",
        "all",
        first.overall.queries,
        100.0 * first.overall.top1(),
        100.0 * within.overall.recall()
    );
    println!();
    for (label, r) in [("top-1", &first), (&format!("top-{}", args.k)[..], &within)] {
        println!(
            "{label:<6} lookups: {:>9.0} queries/s  median {:>6.1} us  p99 {:>6.1} us  max {:>7.1} us",
            r.queries_per_second(),
            r.percentile_ns(50.0) as f64 / 1e3,
            r.percentile_ns(99.0) as f64 / 1e3,
            r.percentile_ns(100.0) as f64 / 1e3,
        );
    }
    if let Some(path) = &args.json {
        if let Err(e) = std::fs::write(path, json(&first, &within, build_ms, index_bytes)) {
            eprintln!("error: cannot write {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    }
    ExitCode::SUCCESS
}

fn json(first: &Report, within: &Report, build_ms: f64, index_bytes: usize) -> String {
    let kinds: serde_json::Map<String, serde_json::Value> = first
        .kinds
        .iter()
        .zip(&within.kinds)
        .chain(std::iter::once((&first.overall, &within.overall)))
        .map(|(a, b)| {
            (
                a.label().to_string(),
                serde_json::json!({"queries": a.queries, "top1": a.top1(), "recall": b.recall()}),
            )
        })
        .collect();
    let timing = |r: &Report| {
        serde_json::json!({
            "qps": r.queries_per_second(),
            "median_us": r.percentile_ns(50.0) as f64 / 1e3,
            "p99_us": r.percentile_ns(99.0) as f64 / 1e3,
        })
    };
    let value = serde_json::json!({
        "name": "movie-trivia",
        "k": within.k,
        "kinds": kinds,
        "top1_timing": timing(first),
        "topk_timing": timing(within),
        "build_ms": build_ms,
        "index_mb": index_bytes as f64 / 1e6,
    });
    serde_json::to_string_pretty(&value).unwrap_or_default()
}
