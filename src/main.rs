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
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("warn")))
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

/// With no subcommand: the Discord bot when a token is configured, the console otherwise.
fn default_front_end(args: &Cli, out: &mut impl Write) -> io::Result<u8> {
    if std::env::var_os("DISCORD_TOKEN").is_some_and(|t| !t.is_empty()) {
        eprintln!(
            "error: DISCORD_TOKEN is set, but this build of movie-trivia has no Discord connection yet; \
             unset it to use the local console (`movie-trivia console`)"
        );
        return Ok(cli::EXIT_USAGE);
    }
    eprintln!(
        "No DISCORD_TOKEN set: answering in the local console. To run as a Discord bot, put \
         DISCORD_TOKEN=<your bot token> in .env (see README.md)."
    );
    cli::console(&args.data, io::stdin().lock(), out)
}
