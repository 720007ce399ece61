//! The Discord front end: a thin adapter from slash commands and button clicks to the pure
//! core in [`crate::commands`], built on serenity and poise.
//!
//! - [`config`]: settings from the environment, checked, with the token kept out of logs.
//! - [`message`]: a core reply as an embed with buttons, cut to Discord's limits.
//! - [`custom_id`]: button ids that carry their own follow-up, so they outlive restarts.
//! - [`commands`] and [`buttons`]: the handlers; [`invite`]: the invite link.
//! - [`daily`]: the `/daily` commands and the task that posts on schedule; [`clock`]: its time.
//! - [`quiz`]: `/quiz` games round by round, and `/leaderboard`.

mod buttons;
mod clock;
mod commands;
mod config;
mod custom_id;
mod daily;
mod error;
mod invite;
mod message;
mod quiz;

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex};

use poise::serenity_prelude as serenity;
use serenity::{ChannelId, FullEvent, GatewayIntents, HttpBuilder, Interaction};

use crate::commands::{Command, Engine, Session};
use crate::daily::DailyPosts;
use crate::quiz::Redactor;
use crate::reply::{Action, Reply};
use crate::store::{SharedStore, Store};

pub use clock::Clock;
pub use config::{BotConfig, ConfigError, Token, DEFAULT_DB, DISCORD_URL};
pub use error::BotError;
pub use invite::{invite_url, PERMISSIONS};
pub use message::Message;

/// What every handler shares: the engine, per channel what it was shown last, and the daily
/// posts with the scheduler that sends them.
pub struct Data {
    engine: Engine,
    sessions: Mutex<HashMap<ChannelId, Session>>,
    daily: Arc<DailyPosts>,
    scheduler: daily::Scheduler,
    clock: Clock,
    store: SharedStore,
    quizzes: Arc<quiz::Quizzes>,
    /// Built on the first quiz, not at start: many servers never play.
    /// Built on the first quiz (here or in a daily post), shared by both.
    redactor: Arc<std::sync::OnceLock<Redactor>>,
    quiz_round: std::time::Duration,
}

pub type Context<'a> = poise::Context<'a, Data, BotError>;

impl Data {
    fn answer(&self, channel: ChannelId, command: &Command) -> Reply {
        self.with_session(channel, |engine, session| engine.run(command, session, &mut rand::rng()))
    }

    fn follow(&self, channel: ChannelId, action: &Action) -> Reply {
        self.with_session(channel, |engine, session| engine.follow(action, session, &mut rand::rng()))
    }

    fn with_session(&self, channel: ChannelId, f: impl FnOnce(&Engine, &mut Session) -> Reply) -> Reply {
        // A panic elsewhere while holding the lock leaves only "last fact" memory behind;
        // that is safe to keep using.
        let mut sessions = self.sessions.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&self.engine, sessions.entry(channel).or_default())
    }
}

/// Connects to Discord and answers until `shutdown` completes, then closes the shards cleanly.
pub async fn run(
    config: BotConfig,
    engine: Engine,
    store: Store,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), BotError> {
    let clock = match config.clock_start {
        Some(start) => {
            tracing::warn!(
                "MOVIE_TRIVIA_CLOCK is set: the bot's clock starts at {start}, not at the real time"
            );
            Clock::starting_at(start)
        }
        None => Clock::system(),
    };
    let store = SharedStore::new(store);
    let redactor = Arc::new(std::sync::OnceLock::new());
    let daily = Arc::new(
        DailyPosts::new(store.clone(), engine.shared_catalog(), config.daily_grace)
            .with_reveal_after(config.daily_reveal)
            .with_redactor(redactor.clone()),
    );
    let quizzes = Arc::new(quiz::Quizzes::default());
    let quiz_round = config.quiz_round;
    let mut http = HttpBuilder::new(config.token.expose()).default_allowed_mentions(message::no_mentions());
    if let Some(url) = &config.api_url {
        // serenity's ratelimiter builds its own URLs and ignores the proxy, so it must be off;
        // the server behind DISCORD_API_URL is then in charge of rate limits.
        http = http.proxy(url.as_str()).ratelimiter_disabled(true);
    }
    let http = http.build();
    let api = config.api_url.clone().unwrap_or_else(|| DISCORD_URL.to_string());

    // Fail fast, with one clear line, on a wrong token or an unreachable API.
    let me = http.get_current_user().await.map_err(|e| {
        if error::is_unauthorized(&e) {
            BotError::TokenRejected
        } else {
            BotError::Unreachable { url: api.clone(), reason: error::describe(&e) }
        }
    })?;
    tracing::debug!(bot = %me.name, "token accepted");

    let counts = engine.catalog().counts();
    let guild_id = config.guild_id;
    let setup_quizzes = quizzes.clone();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            on_error: |error| Box::pin(on_error(error)),
            event_handler: |framework, event| Box::pin(on_event(framework, event)),
            allowed_mentions: Some(message::no_mentions()),
            // Owners are not used; skipping them saves a request at start.
            initialize_owners: false,
            ..Default::default()
        })
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                // Setup must not fail: poise would then hold every event forever.
                let commands = &framework.options().commands;
                let registered = match guild_id {
                    Some(guild) => {
                        poise::builtins::register_in_guild(ctx, commands, serenity::GuildId::from(guild))
                            .await
                    }
                    None => poise::builtins::register_globally(ctx, commands).await,
                };
                match registered {
                    Ok(()) => tracing::info!(
                        "registered {} slash commands {}",
                        commands.len(),
                        match guild_id {
                            Some(g) => format!("in server {g} (visible now)"),
                            None => "globally (new commands can take a while to appear)".to_string(),
                        }
                    ),
                    Err(e) => {
                        tracing::error!("could not register the slash commands: {}", error::describe(&e))
                    }
                }
                tracing::info!(
                    "connected as {} to {} server(s); data set: {} films, {} series, {} facts, {} techniques",
                    ready.user.name,
                    ready.guilds.len(),
                    counts.films,
                    counts.series,
                    counts.facts,
                    counts.techniques,
                );
                tracing::info!("invite the bot with {}", invite_url(ready.application.id.get()));
                // Started once the gateway is up, so a post never waits on a connection.
                let scheduler = daily::Scheduler::start(ctx.http.clone(), daily.clone(), clock);
                Ok(Data {
                    engine,
                    sessions: Mutex::new(HashMap::new()),
                    daily,
                    scheduler,
                    clock,
                    store,
                    quizzes: setup_quizzes,
                    redactor,
                    quiz_round,
                })
            })
        })
        .build();

    let mut client = serenity::ClientBuilder::new_with_http(http, GatewayIntents::GUILDS)
        .framework(framework)
        .await
        .map_err(BotError::from)?;

    let shards = client.shard_manager.clone();
    tokio::spawn(async move {
        shutdown.await;
        tracing::info!("shutting down");
        // Running quizzes post their standings and take their buttons off first, so no round
        // is left hanging; they need a moment for those last messages.
        if quizzes.stop_all() > 0 {
            tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        }
        shards.shutdown_all().await;
    });

    client.start_autosharded().await.map_err(|e| match e {
        serenity::Error::Gateway(serenity::GatewayError::InvalidAuthentication) => BotError::TokenRejected,
        serenity::Error::Gateway(g) => BotError::GatewayRefused(g.to_string()),
        other => BotError::from(other),
    })
}

async fn on_event(
    framework: poise::FrameworkContext<'_, Data, BotError>,
    event: &FullEvent,
) -> Result<(), BotError> {
    match event {
        FullEvent::InteractionCreate { interaction: Interaction::Component(click) } => {
            buttons::on_click(framework.serenity_context, framework.user_data, click).await
        }
        FullEvent::Resume { .. } => {
            tracing::info!("gateway connection resumed");
            Ok(())
        }
        FullEvent::GuildCreate { guild, is_new } => {
            tracing::debug!(guild = %guild.id, new = ?is_new, "server available");
            Ok(())
        }
        _ => Ok(()),
    }
}

/// Mistakes of the person get a friendly ephemeral line; ours get an apology and a log line.
async fn on_error(error: poise::FrameworkError<'_, Data, BotError>) {
    use poise::FrameworkError as E;
    match error {
        E::Command { error, ctx, .. } => {
            tracing::error!(command = %ctx.command().qualified_name, "command failed: {error}");
            send_ephemeral(ctx, &crate::commands::apology()).await;
        }
        E::CommandPanic { ctx, payload, .. } => {
            tracing::error!(command = %ctx.command().qualified_name, "command panicked: {}", payload.unwrap_or_default());
            send_ephemeral(ctx, &crate::commands::apology()).await;
        }
        E::ArgumentParse { error, input, ctx, .. } => {
            let option = input.unwrap_or_default();
            tracing::debug!(command = %ctx.command().qualified_name, "bad option {option:?}: {error}");
            send_ephemeral(ctx, &crate::commands::bad_option(&option, &error.to_string())).await;
        }
        E::GuildOnly { ctx, .. } => send_ephemeral(ctx, &daily::replies::servers_only()).await,
        E::EventHandler { error, event, .. } => {
            tracing::error!(event = event.snake_case_name(), "handling a Discord event failed: {error}");
        }
        E::UnknownInteraction { framework, interaction, .. } => {
            // A command registered by an older version: answer rather than let it fail.
            tracing::warn!(command = %interaction.data.name, "unknown command");
            let reply = Message::from_reply(&crate::commands::unknown_command(&interaction.data.name));
            let response = serenity::CreateInteractionResponse::Message(reply.to_interaction_response());
            if let Err(e) = interaction.create_response(&framework.serenity_context.http, response).await {
                tracing::warn!("could not answer an unknown command: {}", error::describe(&e));
            }
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!("error while handling an error: {}", error::describe(&e));
            }
        }
    }
}

/// Whether the member who used a command has a permission in its channel, as Discord computed
/// it for the interaction (roles, overwrites; administrators have every permission).
fn member_may(ctx: Context<'_>, has: impl Fn(serenity::Permissions) -> bool) -> bool {
    match ctx {
        poise::Context::Application(app) => app
            .interaction
            .member
            .as_ref()
            .and_then(|m| m.permissions)
            .is_some_and(|p| p.administrator() || has(p)),
        poise::Context::Prefix(_) => false,
    }
}

async fn send_ephemeral(ctx: Context<'_>, reply: &Reply) {
    if let Err(e) = ctx.send(Message::from_reply(reply).to_poise()).await {
        tracing::warn!("could not send an error reply: {}", error::describe(&e));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use rand::rngs::StdRng;
    use rand::SeedableRng;

    use super::message::limits;
    use super::*;
    use crate::catalog::{load_embedded, Limits};

    /// Every card of the shipped data set goes out whole: nothing summarised, no button lost
    /// to an id too long for Discord.
    #[test]
    fn every_card_of_the_shipped_data_set_fits_in_one_message() {
        let catalog = Arc::new(load_embedded(Limits::today()).unwrap().catalog);
        let engine = Engine::new(catalog.clone());
        let mut rng = StdRng::seed_from_u64(1);
        let mut commands: Vec<Command> =
            catalog.films().iter().map(|f| Command::Film { title: f.id.clone() }).collect();
        commands.extend(catalog.techniques().iter().map(|t| Command::Technique { name: t.id.clone() }));
        commands.extend(
            catalog.films().iter().map(|f| Command::Trivia { film: Some(f.id.clone()), technique: None }),
        );
        for command in commands {
            let reply = engine.run(&command, &mut Session::default(), &mut rng);
            let message = Message::from_reply(&reply);
            assert!(!message.ephemeral, "{command:?} found nothing");
            assert_eq!(message.fields.len(), reply.fields.len(), "{command:?}: fields summarised");
            assert_eq!(
                message.buttons.len(),
                reply.actions.len().min(limits::BUTTONS_PER_ROW),
                "{command:?}"
            );
        }
    }
}
