//! The `movie-trivia` binary: reads configuration, then hands over to the chosen front end.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use movie_trivia::cli::{self, Cli, CliCommand};

fn main() -> ExitCode {
    // A missing .env is normal; a broken one is worth one line.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("warning: .env was not read: {e}");
        }
    }
    // `.env.example` lists every setting with an empty value; empty means "not set" (clap would
    // otherwise take an empty MOVIE_TRIVIA_DATA as a missing --data value). Nothing else runs
    // yet, so changing the environment here is safe.
    for name in [
        "DISCORD_TOKEN",
        "DISCORD_GUILD_ID",
        "DISCORD_API_URL",
        "MOVIE_TRIVIA_DATA",
        "MOVIE_TRIVIA_DB",
        "MOVIE_TRIVIA_DAILY_GRACE",
        "MOVIE_TRIVIA_CLOCK",
        "MOVIE_TRIVIA_QUIZ_SECONDS",
        "MOVIE_TRIVIA_DAILY_REVEAL",
        "RUST_LOG",
    ] {
        if std::env::var_os(name).is_some_and(|v| v.to_string_lossy().trim().is_empty()) {
            std::env::remove_var(name);
        }
    }
    tracing_subscriber::fmt()
        .with_env_filter(log_filter())
        .with_writer(io::stderr)
        .with_ansi(io::stderr().is_terminal())
        .init();

    let args = Cli::parse();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let result = match &args.command {
        Some(CliCommand::Console) => cli::console(&args.data, io::stdin().lock(), &mut out),
        Some(CliCommand::Ask { command }) => cli::ask(&args.data, command, &mut out),
        Some(CliCommand::Check) => cli::check(&args.data, &mut out),
        Some(CliCommand::Lookup(lookup)) => cli::lookup(&args.data, lookup, io::stdin().lock(), &mut out),
        Some(CliCommand::Run) => cli::run(&args.data),
        None => default_front_end(&args, &mut out),
    };
    match result.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => ExitCode::from(code),
        // A closed pipe (`movie-trivia lookup < q | head`) is a normal way to stop reading.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `RUST_LOG` when set (`main` has already dropped an empty one); otherwise the bot's own
/// progress and everyone's warnings.
fn log_filter() -> EnvFilter {
    const DEFAULT: &str = "warn,movie_trivia=info";
    match std::env::var("RUST_LOG") {
        Ok(spec) => EnvFilter::try_new(&spec).unwrap_or_else(|e| {
            eprintln!("warning: RUST_LOG `{spec}` is not a valid filter ({e}); using `{DEFAULT}`");
            EnvFilter::new(DEFAULT)
        }),
        _ => EnvFilter::new(DEFAULT),
    }
}

/// With no subcommand: the Discord bot when a token is configured, the console otherwise.
fn default_front_end(args: &Cli, out: &mut impl Write) -> io::Result<u8> {
    if std::env::var_os("DISCORD_TOKEN").is_some() {
        return cli::run(&args.data);
    }
    eprintln!(
        "No DISCORD_TOKEN set: answering in the local console. To run as a Discord bot, put \
         DISCORD_TOKEN=<your bot token> in .env (see README.md)."
    );
    cli::console(&args.data, io::stdin().lock(), out)
}
