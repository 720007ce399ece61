//! `/quiz start | stop` and `/leaderboard`. Discord does not allow a command to have both
//! options and subcommands, hence `/quiz start [rounds] [decade] [technique]`.

use std::sync::Arc;

use poise::serenity_prelude as serenity;
use serenity::{AutocompleteChoice, CreateAutocompleteResponse};
use tokio::sync::Notify;

use super::live::Stop;
use super::play::{question_message, Quiz};
use super::replies;
use crate::discord::message::Message;
use crate::discord::{BotError, Context};
use crate::quiz::{build_rounds, Decade, Filter, Game, Redactor, RoundCount};
use crate::reply::Reply;

/// Rounds when `/quiz start` does not say.
const DEFAULT_ROUNDS: u8 = 5;

/// "Which film is this?": guess the film from a behind-the-scenes fact, with everyone here
#[poise::command(slash_command, guild_only, subcommands("quiz_start", "quiz_stop"), subcommand_required)]
pub async fn quiz(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// Start a quiz in this channel: a fact with its film hidden, four films to choose from
#[poise::command(slash_command, guild_only, rename = "start")]
pub async fn quiz_start(
    ctx: Context<'_>,
    #[description = "How many rounds, 1 to 10 (5 if left out)"]
    #[min = 1]
    #[max = 10]
    rounds: Option<u8>,
    #[description = "Only films from this decade, such as 1980s"]
    #[autocomplete = "complete_decade"]
    decade: Option<String>,
    #[description = "Only facts that involve this filming technique"]
    #[autocomplete = "complete_technique"]
    technique: Option<String>,
) -> Result<(), BotError> {
    let poise::Context::Application(app) = ctx else { return Ok(()) };
    let data = ctx.data();
    let (Some(guild), channel) = (ctx.guild_id(), ctx.channel_id()) else { return Ok(()) };
    if data.quizzes.is_running(channel.get()) {
        return say(ctx, &replies::busy()).await;
    }
    let decade = match decade.as_deref().map(str::parse::<Decade>).transpose() {
        Ok(decade) => decade,
        Err(e) => return say(ctx, &replies::cannot_start(&e.to_string())).await,
    };
    let technique = match technique.as_deref().map(|q| data.engine.find_technique(q)).transpose() {
        Ok(technique) => technique.map(|t| t.id.clone()),
        Err(not_found) => return say(ctx, &not_found).await,
    };
    let count = match RoundCount::new(usize::from(rounds.unwrap_or(DEFAULT_ROUNDS))) {
        Ok(count) => count,
        Err(e) => return say(ctx, &replies::cannot_start(&e.to_string())).await,
    };
    let catalog = data.engine.shared_catalog();
    let filter = Filter { decade, technique };
    let redactor = data.redactor.get_or_init(|| Redactor::new(&catalog));
    let built = build_rounds(&catalog, redactor, &filter, count, rand::random());
    let game = match built.map_err(|e| e.to_string()).and_then(|r| Game::new(r).map_err(|e| e.to_string())) {
        Ok(game) => game,
        Err(why) => return say(ctx, &replies::cannot_start(&why)).await,
    };
    let (total, first) = (game.rounds().len(), game.rounds()[0].clone());
    let id = app.interaction.id.get();
    let stop = Arc::new(Notify::new());
    if !data.quizzes.start(channel.get(), id, ctx.author().id.get(), game, stop.clone()) {
        return say(ctx, &replies::busy()).await;
    }
    let seconds = data.quiz_round.as_secs();
    let question = question_message(&catalog, id, &first, 0, total, seconds);
    if let Err(e) = ctx.send(question.to_poise()).await {
        data.quizzes.finish(channel.get(), id);
        return Err(e.into());
    }
    tracing::info!("quiz {id} started in channel {channel}: {total} round(s)");
    let quiz = Quiz {
        http: ctx.serenity_context().http.clone(),
        interaction: app.interaction.clone(),
        quizzes: data.quizzes.clone(),
        store: data.store.clone(),
        catalog,
        guild: guild.get(),
        channel: channel.get(),
        id,
        stop,
        round_time: data.quiz_round,
    };
    tokio::spawn(quiz.play());
    Ok(())
}

/// Stop the quiz running in this channel (its starter, or someone with Manage Messages)
#[poise::command(slash_command, guild_only, rename = "stop")]
pub async fn quiz_stop(ctx: Context<'_>) -> Result<(), BotError> {
    let manages_messages = crate::discord::member_may(ctx, |p| p.manage_messages());
    let reply = match ctx.data().quizzes.request_stop(
        ctx.channel_id().get(),
        ctx.author().id.get(),
        manages_messages,
    ) {
        Stop::Stopping => replies::stopping(),
        Stop::NotAllowed { starter } => replies::stop_refused(starter),
        Stop::NoQuiz => replies::no_quiz(),
    };
    say(ctx, &reply).await
}

/// The server's best quiz players, and where you stand
#[poise::command(slash_command, guild_only)]
pub async fn leaderboard(ctx: Context<'_>) -> Result<(), BotError> {
    let Some(guild) = ctx.guild_id() else { return Ok(()) };
    let me = ctx.author().id.get();
    let (leaders, mine) = {
        let store = ctx.data().store.lock();
        let leaders = store.quiz_leaders(guild.get(), 10);
        let mine = store.quiz_rank(guild.get(), me);
        (leaders, mine)
    };
    let (leaders, mine) = match (leaders, mine) {
        (Ok(leaders), Ok(mine)) => (leaders, mine),
        (Err(e), _) | (_, Err(e)) => return Err(BotError::Daily(format!("leaderboard: {e}"))),
    };
    say(ctx, &replies::leaderboard(&leaders, me, mine)).await
}

async fn complete_decade(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let mut decades: Vec<u16> =
        ctx.data().engine.catalog().films().iter().map(|f| Decade::of(f.year).first_year()).collect();
    decades.sort_unstable();
    decades.dedup();
    let choices = decades
        .into_iter()
        .map(|d| format!("{d}s"))
        .filter(|d| d.starts_with(partial.trim()))
        .map(|d| AutocompleteChoice::new(d.clone(), d))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

async fn complete_technique(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    crate::discord::commands::technique_choices(ctx, partial)
}

async fn say(ctx: Context<'_>, reply: &Reply) -> Result<(), BotError> {
    ctx.send(Message::from_reply(reply).to_poise()).await?;
    Ok(())
}
