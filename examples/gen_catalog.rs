//! Writes a synthetic catalog and labelled queries for measuring the title matcher:
//!
//! ```sh
//! cargo run --release --example gen_catalog -- --titles 100000 --queries 10000 --seed 7 --out target/bench-data
//! ```
//!
//! `DIR/titles.tsv` holds `id<TAB>title<TAB>year` and `DIR/queries.tsv` holds
//! `query<TAB>id<TAB>kind`. The same arguments always write the same files. How the catalog and
//! the queries are made, and the rules that give every query one right answer, are documented in
//! `src/measure/catalog.rs` and `src/measure/queries.rs`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use movie_trivia::measure::{self, tsv};

#[derive(Parser)]
struct Args {
    /// How many titles
    #[arg(long, default_value_t = 100_000)]
    titles: usize,
    /// How many queries (the nine kinds in turn)
    #[arg(long, default_value_t = 10_000)]
    queries: usize,
    #[arg(long, default_value_t = 7)]
    seed: u64,
    /// The shortest prefix query, in percent of the title (shorter prefixes are shared by more
    /// titles, and harder for any matcher)
    #[arg(long, default_value_t = 60, value_parser = clap::value_parser!(u16).range(1..=99))]
    min_prefix_percent: u16,
    /// Directory to write titles.tsv and queries.tsv into (created if missing)
    #[arg(long)]
    out: PathBuf,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let titles = measure::titles(args.titles, args.seed);
    // A different stream for the queries, so more queries never change the catalog.
    let typing = measure::Typing { min_prefix_percent: usize::from(args.min_prefix_percent) };
    let queries = measure::queries_typed(&titles, args.queries, args.seed.wrapping_add(0x5EED), typing);
    let written = std::fs::create_dir_all(&args.out)
        .and_then(|()| std::fs::write(args.out.join("titles.tsv"), tsv::titles_text(&titles)))
        .and_then(|()| std::fs::write(args.out.join("queries.tsv"), tsv::queries_text(&queries)));
    if let Err(e) = written {
        eprintln!("error: cannot write to {}: {e}", args.out.display());
        return ExitCode::FAILURE;
    }
    println!("wrote {} titles and {} queries to {}", titles.len(), queries.len(), args.out.display());
    ExitCode::SUCCESS
}
