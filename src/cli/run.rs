//! `movie-trivia run`: the Discord bot, until SIGINT or SIGTERM.

use std::io;

use crate::discord::{self, BotConfig, BotError};
use crate::store::Store;

use super::{engine_or_report, DataArgs, EXIT_USAGE};

/// Exit code when the bot stops on a failure that is not a setting: Discord unreachable, say.
const EXIT_FAILURE: u8 = 1;

pub fn run(data: &DataArgs) -> io::Result<u8> {
    let config = match BotConfig::from_env() {
        Ok(config) => config,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    let Some(engine) = engine_or_report(data) else {
        return Ok(EXIT_USAGE);
    };
    // Opened before connecting, so a database problem is one line at start, not a failed post.
    let store = match Store::open(&config.db_path) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("error: {e}");
            return Ok(EXIT_USAGE);
        }
    };
    tracing::info!("database: {}", config.db_path.display());
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    let result = runtime.block_on(discord::run(config, engine, store, shutdown_signal()));
    // Tasks still talking to Discord are not worth waiting for once the shards are down.
    runtime.shutdown_timeout(std::time::Duration::from_secs(2));
    match result {
        Ok(()) => {
            tracing::info!("stopped");
            Ok(0)
        }
        Err(e) => {
            eprintln!("error: {e}");
            Ok(match e {
                BotError::TokenRejected | BotError::GatewayRefused(_) => EXIT_USAGE,
                BotError::Unreachable { .. } | BotError::Discord(_) | BotError::Daily(_) => EXIT_FAILURE,
            })
        }
    }
}

/// Completes on Ctrl-C (SIGINT) or, on Unix, SIGTERM (what systemd and Docker send).
async fn shutdown_signal() {
    let interrupt = async {
        if let Err(e) = tokio::signal::ctrl_c().await {
            tracing::warn!("cannot listen for Ctrl-C: {e}");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(e) => {
                tracing::warn!("cannot listen for SIGTERM: {e}");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("received Ctrl-C"),
        () = terminate => tracing::info!("received SIGTERM"),
    }
}
