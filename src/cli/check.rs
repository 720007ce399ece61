//! `movie-trivia check`: validates a data set and prints its counts.

use std::io::Write;

use super::{report_load_error, DataArgs, EXIT_USAGE};

pub fn check(data: &DataArgs, out: &mut impl Write) -> std::io::Result<u8> {
    let loaded = match data.load() {
        Ok(loaded) => loaded,
        Err(e) => {
            report_load_error(&e);
            return Ok(EXIT_USAGE);
        }
    };
    let c = loaded.catalog.counts();
    let source = data.data.as_ref().map_or("built-in data set".to_string(), |d| d.display().to_string());
    writeln!(out, "{source}")?;
    writeln!(out, "films: {}", c.films)?;
    writeln!(out, "series: {}", c.series)?;
    writeln!(out, "facts: {}", c.facts)?;
    writeln!(out, "techniques: {}", c.techniques)?;
    writeln!(out, "facts without a source: {}", c.facts_without_source)?;
    if loaded.lints.is_empty() {
        writeln!(out, "ok")?;
        return Ok(0);
    }
    eprintln!(
        "error: the data set has {} problem{}",
        loaded.lints.len(),
        if loaded.lints.len() == 1 { "" } else { "s" }
    );
    for lint in &loaded.lints {
        eprintln!("  {lint}");
    }
    Ok(EXIT_USAGE)
}
