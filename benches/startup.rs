//! The running bot's footprint, measured from outside as a server owner meets it: the real
//! `movie-trivia run` binary (release build) with the shipped data set, against the loopback
//! Discord double of `tests/`. For each of `RUNS` fresh starts it reports
//!
//! - start to READY: from spawning the process until its commands are registered (which it
//!   does on READY);
//! - start to first answer: from spawning the process until the double has the answer to a
//!   `/trivia` sent right after READY;
//! - resident set size (`VmRSS` in `/proc/<pid>/status`) after READY, after 20 commands
//!   and then idle for a second, and its peak (`VmHWM`).
//!
//! `cargo bench --bench startup` (Linux only: it reads `/proc`). Not a test: nothing is
//! asserted about the figures; BENCHMARKS.md records them.
#![recursion_limit = "256"]

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::{Duration, Instant};

use support::bot::{Bot, TOKEN};
use support::double::DiscordDouble;
use support::running::Running;

const RUNS: usize = 10;

/// A `/proc/<pid>/status` field in kB.
fn status_kb(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read /proc/<pid>/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.trim().strip_suffix("kB")?.trim().parse().ok())
        .unwrap_or_else(|| panic!("{field} in /proc/{pid}/status"))
}

struct Sample {
    to_ready: Duration,
    to_answer: Duration,
    /// The median of 20 commands' round trips, READY long past.
    round_trip: Duration,
    rss_ready_kb: u64,
    rss_busy_kb: u64,
    peak_kb: u64,
}

async fn one_run() -> Sample {
    let discord = DiscordDouble::start(TOKEN).await;
    let started = Instant::now();
    // The log level a server owner runs with, not the tests' debug.
    let bot = Bot::start(&discord.url(), TOKEN, &[("RUST_LOG", "warn,movie_trivia=info")]);
    let commands = discord.wait_until_ready().await;
    let to_ready = started.elapsed();
    let running = Running { discord, bot, commands };
    let answer = running.slash("trivia", &[]).await;
    let to_answer = started.elapsed();
    assert_eq!(answer["type"], 4, "an answer to /trivia: {answer}");
    let pid = running.bot.pid();
    let rss_ready_kb = status_kb(pid, "VmRSS:");
    let mut trips = Vec::new();
    for (name, options) in [
        ("film", vec![("title", "inception")]),
        ("technique", vec![("name", "bullet time")]),
        ("trivia", vec![]),
    ]
    .iter()
    .cycle()
    .take(20)
    {
        let asked = Instant::now();
        running.slash(name, options).await;
        trips.push(asked.elapsed());
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    Sample {
        to_ready,
        to_answer,
        round_trip: median(trips),
        rss_ready_kb,
        rss_busy_kb: status_kb(pid, "VmRSS:"),
        peak_kb: status_kb(pid, "VmHWM:"),
    }
}

fn median<T: Ord + Copy>(mut values: Vec<T>) -> T {
    values.sort();
    values[values.len() / 2]
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that names another bench skips this one.
    if std::env::args().skip(1).any(|a| !a.starts_with("--") && !"startup".contains(a.as_str())) {
        return;
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("a runtime");
    let samples: Vec<Sample> = (0..RUNS).map(|_| runtime.block_on(one_run())).collect();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let mb = |kb: u64| kb as f64 / 1024.0;
    println!("{RUNS} fresh starts of the release binary against the loopback double");
    for (what, values) in [
        ("start to READY", samples.iter().map(|s| s.to_ready).collect::<Vec<_>>()),
        ("start to first answer", samples.iter().map(|s| s.to_answer).collect()),
        ("a command's round trip", samples.iter().map(|s| s.round_trip).collect()),
    ] {
        let max = *values.iter().max().expect("runs");
        println!("{what:<28} median {:7.1} ms  max {:7.1} ms", ms(median(values)), ms(max));
    }
    for (what, values) in [
        ("RSS after READY", samples.iter().map(|s| s.rss_ready_kb).collect::<Vec<_>>()),
        ("RSS after 20 commands, idle", samples.iter().map(|s| s.rss_busy_kb).collect()),
        ("peak RSS (VmHWM)", samples.iter().map(|s| s.peak_kb).collect()),
    ] {
        let max = *values.iter().max().expect("runs");
        println!("{what:<28} median {:7.1} MB  max {:7.1} MB", mb(median(values)), mb(max));
    }
}
