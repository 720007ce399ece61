//! `movie-trivia lookup`: runs the title matcher over queries read from standard input, so it can
//! be measured from outside on the shipped data set or on a large plain catalog of titles.

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::time::Instant;

use clap::Args;

use crate::commands::Engine;
use crate::lookup::TitleIndex;
use crate::measure::{accuracy, tsv};

use super::{engine_or_report, DataArgs, EXIT_USAGE};

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// Match against a plain catalog of `id<TAB>title<TAB>year` lines instead of a data set
    #[arg(long, value_name = "FILE", conflicts_with = "data")]
    pub titles: Option<PathBuf>,
    /// Print the first K suggestions per query, as `query<TAB>id1,id2,...` (best first), instead
    /// of the best match with its title and score
    #[arg(long, value_name = "K", value_parser = clap::value_parser!(u32).range(1..))]
    pub top: Option<u32>,
    /// Print on standard error how long building the index took (`perf: build_ms=N`, once; with
    /// a data set, loading it included) and each query (`perf: query_ns=N`, one line per query),
    /// to time the matcher apart from process start and input
    #[arg(long)]
    pub timings: bool,
}

/// One searchable title with what the output line shows for it.
struct Titled {
    id: String,
    label: String,
}

pub fn lookup(
    data: &DataArgs,
    args: &LookupArgs,
    input: impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<u8> {
    // Whichever owns the index lives here, so the index is borrowed, never copied.
    let plain: TitleIndex;
    let engine: Engine;
    let built: Instant;
    let (titles, index): (Vec<Titled>, &TitleIndex) = match &args.titles {
        Some(path) => match tsv::read_titles(path) {
            Ok(read) => {
                built = Instant::now();
                plain = accuracy::index(&read);
                let titles = read
                    .into_iter()
                    .map(|t| Titled { label: format!("{} ({})", t.title, t.year), id: t.id })
                    .collect();
                (titles, &plain)
            }
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(EXIT_USAGE);
            }
        },
        None => {
            // The data set is small and built into the binary: its time includes loading it.
            built = Instant::now();
            let Some(loaded) = engine_or_report(data) else { return Ok(EXIT_USAGE) };
            engine = loaded;
            let titles = engine
                .catalog()
                .films()
                .iter()
                .map(|f| Titled { id: f.id.clone(), label: f.label() })
                .collect();
            (titles, engine.film_index())
        }
    };
    let mut perf = std::io::BufWriter::new(std::io::stderr().lock());
    if args.timings {
        writeln!(perf, "perf: build_ms={}", built.elapsed().as_millis())?;
    }
    for line in input.lines() {
        let query = line?;
        let query = query.trim_end_matches('\r');
        let start = Instant::now();
        match args.top {
            Some(k) => {
                let found = index.suggest(query, k as usize);
                let elapsed = start.elapsed();
                let ids: Vec<&str> = found.iter().map(|c| titles[c.entry].id.as_str()).collect();
                writeln!(out, "{query}\t{}", ids.join(","))?;
                if args.timings {
                    writeln!(perf, "perf: query_ns={}", elapsed.as_nanos())?;
                }
            }
            None => {
                let found = index.search(query, 1);
                let elapsed = start.elapsed();
                match found.first() {
                    Some(c) => {
                        let t = &titles[c.entry];
                        writeln!(out, "{query}\t{}\t{}\t{:.3}", t.id, t.label, c.score)?;
                    }
                    None => writeln!(out, "{query}\t\t\t0.000")?,
                }
                if args.timings {
                    writeln!(perf, "perf: query_ns={}", elapsed.as_nanos())?;
                }
            }
        }
    }
    perf.flush()?;
    Ok(0)
}
