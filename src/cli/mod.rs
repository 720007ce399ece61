//! The command-line front end: argument parsing and one module per subcommand. Each returns
//! the process exit code, so `main` stays a thin dispatcher.

mod ask;
mod check;
mod console;
mod lookup;
mod quiz;
mod run;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, Parser, Subcommand};

use crate::catalog::{self, Limits, LoadError, Loaded};
use crate::commands::Engine;

pub use ask::ask;
pub use check::check;
pub use console::console;
pub use lookup::lookup;
pub use run::run;

/// Exit code for a query that found nothing.
pub const EXIT_NOT_FOUND: u8 = 1;
/// Exit code for bad input: a malformed command, an invalid data set, a missing setting.
pub const EXIT_USAGE: u8 = 2;

#[derive(Debug, Parser)]
#[command(
    name = "movie-trivia",
    version,
    about = "Behind-the-scenes movie trivia, as a Discord bot or a local console",
    long_about = "Behind-the-scenes movie trivia: how famous scenes were really filmed, and the \
                  techniques behind them.\n\nWith no command, opens the local console (set \
                  DISCORD_TOKEN to run it as a Discord bot)."
)]
pub struct Cli {
    #[command(flatten)]
    pub data: DataArgs,
    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

/// Where the data set comes from.
#[derive(Debug, Clone, Args)]
pub struct DataArgs {
    /// Load the data set from this directory (techniques.toml and films/*.toml) instead of the
    /// one built into the binary
    #[arg(long, global = true, value_name = "DIR", env = "MOVIE_TRIVIA_DATA")]
    pub data: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Answer commands typed on standard input, one per line (works on a pipe too)
    Console,
    /// Answer one command and exit: 0 answered, 1 nothing found, 2 malformed command
    #[command(after_help = format!("Commands:\n{}", crate::commands::USAGE))]
    Ask {
        /// The command, quoted, e.g. "/film inception"
        command: String,
    },
    /// Validate a data set and print its counts; exit 2 listing every problem when invalid
    Check,
    /// Read queries on standard input, one per line; print query, id, title (year) and score
    Lookup(lookup::LookupArgs),
    /// Run the Discord bot (needs DISCORD_TOKEN; see .env.example) until Ctrl-C or SIGTERM
    Run,
}

impl DataArgs {
    /// Loads the configured data set, reporting problems on standard error.
    pub fn load(&self) -> Result<Loaded, LoadError> {
        load_from(self.data.as_deref())
    }
}

fn load_from(dir: Option<&Path>) -> Result<Loaded, LoadError> {
    let limits = Limits::today();
    match dir {
        Some(dir) => catalog::load_dir(dir, limits),
        None => catalog::load_embedded(limits),
    }
}

/// Loads the data set and builds the engine, or prints why not. `None` means exit 2.
fn engine_or_report(data: &DataArgs) -> Option<Engine> {
    match data.load() {
        Ok(loaded) => {
            // One line, not one per lint: `check` is where an author reads the details.
            if !loaded.lints.is_empty() {
                tracing::warn!(
                    "the data set has {} quality problem(s) (first: {}); run `movie-trivia check` for all",
                    loaded.lints.len(),
                    loaded.lints[0]
                );
            }
            Some(Engine::new(Arc::new(loaded.catalog)))
        }
        Err(e) => {
            report_load_error(&e);
            None
        }
    }
}

/// Prints a load error and every problem in it, one per line, on standard error.
pub fn report_load_error(e: &LoadError) {
    eprintln!("error: {e}");
    if let LoadError::Invalid(problems) = e {
        for p in problems {
            eprintln!("  {p}");
        }
    }
}
