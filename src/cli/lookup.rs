//! `movie-trivia lookup`: runs the title matcher over queries read from standard input, so it can
//! be measured from outside on the shipped data set or on a large plain catalog of titles.

use std::fs;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use clap::Args;

use crate::commands::Engine;
use crate::lookup::{Entry, TitleIndex};

use super::{engine_or_report, DataArgs, EXIT_USAGE};

#[derive(Debug, Args)]
pub struct LookupArgs {
    /// Match against a plain catalog of `id<TAB>title<TAB>year` lines instead of a data set
    #[arg(long, value_name = "FILE", conflicts_with = "data")]
    pub titles: Option<PathBuf>,
}

/// One searchable title with what the output line shows for it.
struct Titled {
    id: String,
    label: String,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
struct TitlesError {
    path: String,
    line: usize,
    message: String,
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
    let (titles, index): (Vec<Titled>, &TitleIndex) = match &args.titles {
        Some(path) => match read_titles(path) {
            Ok((titles, index)) => {
                plain = index;
                (titles, &plain)
            }
            Err(e) => {
                eprintln!("error: {e}");
                return Ok(EXIT_USAGE);
            }
        },
        None => {
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
    for line in input.lines() {
        let query = line?;
        let query = query.trim_end_matches('\r');
        match index.search(query, 1).first() {
            Some(c) => {
                let t = &titles[c.entry];
                writeln!(out, "{query}\t{}\t{}\t{:.3}", t.id, t.label, c.score)?;
            }
            None => writeln!(out, "{query}\t\t\t0.000")?,
        }
    }
    Ok(0)
}

/// Reads `id<TAB>title<TAB>year` lines; blank lines are skipped.
fn read_titles(path: &Path) -> Result<(Vec<Titled>, TitleIndex), TitlesError> {
    let shown = path.display().to_string();
    let text = fs::read_to_string(path).map_err(|e| TitlesError {
        path: shown.clone(),
        line: 0,
        message: format!("cannot read: {e}"),
    })?;
    let mut titles = Vec::new();
    let mut entries = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let error = |message: String| TitlesError { path: shown.clone(), line: i + 1, message };
        let fields: Vec<&str> = line.split('\t').collect();
        let [id, title, year] = fields[..] else {
            return Err(error(format!("expected id<TAB>title<TAB>year, found {} field(s)", fields.len())));
        };
        let year: u16 = year.trim().parse().map_err(|_| error(format!("year `{year}` is not a number")))?;
        titles.push(Titled { id: id.to_string(), label: format!("{title} ({year})") });
        entries.push(Entry { title: title.to_string(), aliases: Vec::new(), years: Some(year..=year) });
    }
    Ok((titles, TitleIndex::new(entries)))
}
