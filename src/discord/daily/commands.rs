//! `/daily set | show | off | now`, for members with Manage Server. The permission is both the
//! command's default (Discord hides it from others) and checked here, because a server can
//! override a command's default permissions.

use jiff::SignedDuration;
use poise::serenity_prelude as serenity;
use serenity::{AutocompleteChoice, ChannelId, CreateAutocompleteResponse, GuildId, Permissions, UserId};

use super::replies;
use super::send::{self, Outcome};
use crate::daily::{zones, DailyError, Mode};
use crate::discord::message::Message;
use crate::discord::{BotError, Context};
use crate::reply::Reply;

/// How long `/daily now` keeps retrying before it reports back.
const NOW_DEADLINE: SignedDuration = SignedDuration::from_secs(20);

/// A behind-the-scenes fact posted every day in a channel, at your local time (admins)
#[poise::command(
    slash_command,
    guild_only,
    default_member_permissions = "MANAGE_GUILD",
    subcommands("daily_set", "daily_show", "daily_off", "daily_now"),
    subcommand_required
)]
pub async fn daily(_ctx: Context<'_>) -> Result<(), BotError> {
    Ok(())
}

/// What `/daily set` posts; the names are what members type (`mode:quiz`).
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum ModeChoice {
    #[name = "fact"]
    Fact,
    #[name = "quiz"]
    Quiz,
}

impl From<ModeChoice> for Mode {
    fn from(choice: ModeChoice) -> Self {
        match choice {
            ModeChoice::Fact => Mode::Fact,
            ModeChoice::Quiz => Mode::Quiz,
        }
    }
}

/// Post a fact (or a guess-the-film quiz) every day in a channel, at a local time
#[poise::command(slash_command, guild_only, rename = "set")]
pub async fn daily_set(
    ctx: Context<'_>,
    #[description = "The channel to post in"]
    #[channel_types("Text", "News")]
    channel: serenity::PartialChannel,
    #[description = "Local time, 24-hour HH:MM, such as 09:00 or 18:30"] time: String,
    #[description = "Your time zone, such as Europe/Berlin or America/New_York (UTC if left out)"]
    #[autocomplete = "complete_zone"]
    timezone: Option<String>,
    #[description = "fact: a fact of the day (the default); quiz: guess the film, answer revealed later"]
    mode: Option<ModeChoice>,
) -> Result<(), BotError> {
    let Some(guild) = admin_guild(ctx).await? else { return Ok(()) };
    let zone = timezone.unwrap_or_else(|| "UTC".to_string());
    // Bad input first: it costs nothing to check and saves nothing.
    if let Err(e) = crate::daily::parse_time(&time).and_then(|_| crate::daily::parse_zone(&zone)) {
        return say(ctx, &replies::bad_setting(&e)).await;
    }
    let data = ctx.data();
    // Without a mode, the server keeps the one it has.
    let kept = || data.daily.status(guild.get(), data.clock.now()).ok().flatten().map(|s| s.schedule.mode);
    let effective = mode.map(Mode::from).or_else(kept).unwrap_or_default();
    let permissions = bot_permissions(ctx, guild, channel.id).await?;
    let missing = replies::missing(permissions.bits(), effective);
    if !missing.is_empty() {
        tracing::debug!(guild = %guild, channel = %channel.id, ?missing, "daily set refused: permissions");
        return say(ctx, &replies::missing_permissions(channel.id.get(), &missing)).await;
    }
    let seed = rand::random::<u64>();
    let mode = mode.map(Mode::from);
    let saved = data.daily.set(guild.get(), channel.id.get(), &time, &zone, mode, data.clock.now(), seed);
    let status = match saved {
        Ok(status) => status,
        Err(DailyError::Schedule(e)) => return say(ctx, &replies::bad_setting(&e)).await,
        Err(e) => return Err(BotError::Daily(e.to_string())),
    };
    data.scheduler.changed(guild.get());
    tracing::info!(
        "daily posts set for server {guild}: {} in channel {} at {} {}",
        status.schedule.mode.as_str(),
        channel.id,
        status.schedule.local_time,
        status.schedule.time_zone
    );
    say(ctx, &replies::saved(&status, data.daily.reveal_after())).await
}

/// The daily post schedule, and when the next post comes
#[poise::command(slash_command, guild_only, rename = "show")]
pub async fn daily_show(ctx: Context<'_>) -> Result<(), BotError> {
    let Some(guild) = admin_guild(ctx).await? else { return Ok(()) };
    let data = ctx.data();
    let status = data.daily.status(guild.get(), data.clock.now()).map_err(daily_error)?;
    say(ctx, &replies::show(status.as_ref(), data.daily.reveal_after())).await
}

/// Stop the daily posts
#[poise::command(slash_command, guild_only, rename = "off")]
pub async fn daily_off(ctx: Context<'_>) -> Result<(), BotError> {
    let Some(guild) = admin_guild(ctx).await? else { return Ok(()) };
    let data = ctx.data();
    let was_on = data.daily.off(guild.get()).map_err(daily_error)?;
    data.scheduler.changed(guild.get());
    if was_on {
        tracing::info!("daily posts turned off for server {guild}");
    }
    say(ctx, &replies::off(was_on)).await
}

/// Post today's fact now (it counts as today's post)
#[poise::command(slash_command, guild_only, rename = "now")]
pub async fn daily_now(ctx: Context<'_>) -> Result<(), BotError> {
    let Some(guild) = admin_guild(ctx).await? else { return Ok(()) };
    // Deferred before anything is recorded: a failed defer must not leave today's post
    // begun and never sent. Sending may take a few tries; Discord wants an answer in 3 s.
    ctx.defer_ephemeral().await?;
    let data = ctx.data();
    let now = data.clock.now();
    let today = match data.daily.today(guild.get(), now) {
        Ok(today) => today,
        Err(DailyError::NotSet) => return say(ctx, &replies::not_set()).await,
        Err(e) => return Err(daily_error(e)),
    };
    let Some(post) = data.daily.begin(guild.get(), today, now).map_err(daily_error)? else {
        let next = data.daily.status(guild.get(), now).map_err(daily_error)?.and_then(|s| s.next);
        return say(ctx, &replies::already_posted(today, next)).await;
    };
    let deadline = now.checked_add(NOW_DEADLINE).unwrap_or(now);
    let outcome = send::deliver(ctx.http(), &data.daily, data.clock, &post, deadline, None).await;
    data.scheduler.changed(guild.get());
    let reply = match outcome {
        Outcome::Posted(_) => replies::posted_now(post.channel_id, today),
        Outcome::Paused(reason) => {
            replies::not_posted(&format!("{reason}; daily posts are paused until `/daily set` is run again"))
        }
        Outcome::GaveUp(why) => replies::not_posted(&why),
    };
    say(ctx, &reply).await
}

async fn complete_zone(_ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    let choices =
        zones::complete(partial, 25).into_iter().map(|name| AutocompleteChoice::new(name, name)).collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

/// The server, when the member may use `/daily`; otherwise answers for them and gives `None`.
async fn admin_guild(ctx: Context<'_>) -> Result<Option<GuildId>, BotError> {
    let Some(guild) = ctx.guild_id() else {
        say(ctx, &replies::servers_only()).await?;
        return Ok(None);
    };
    let allowed = crate::discord::member_may(ctx, |p| p.manage_guild());
    if !allowed {
        tracing::debug!(guild = %guild, user = %ctx.author().id, "daily refused: not an admin");
        say(ctx, &replies::admins_only()).await?;
        return Ok(None);
    }
    Ok(Some(guild))
}

/// What the bot itself may do in `channel`: from the gateway's cache, or asked of Discord
/// when the cache does not hold the server yet.
async fn bot_permissions(
    ctx: Context<'_>,
    guild: GuildId,
    channel: ChannelId,
) -> Result<Permissions, BotError> {
    let me: UserId = ctx.framework().bot_id();
    let cached = ctx.cache().guild(guild).and_then(|g| {
        let channel = g.channels.get(&channel)?;
        let member = g.members.get(&me)?;
        Some(g.user_permissions_in(channel, member))
    });
    if let Some(permissions) = cached {
        return Ok(permissions);
    }
    let partial = guild.to_partial_guild(ctx.http()).await?;
    let channel = match channel.to_channel(ctx.http()).await {
        Ok(channel) => channel.guild(),
        // Discord hides a channel the bot cannot view: that is the missing permission.
        Err(serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)))
            if r.status_code.as_u16() == 403 =>
        {
            None
        }
        Err(e) => return Err(e.into()),
    };
    let Some(channel) = channel else { return Ok(Permissions::empty()) };
    let member = guild.member(ctx.http(), me).await?;
    Ok(partial.user_permissions_in(&channel, &member))
}

async fn say(ctx: Context<'_>, reply: &Reply) -> Result<(), BotError> {
    ctx.send(Message::from_reply(reply).to_poise()).await?;
    Ok(())
}

fn daily_error(e: DailyError) -> BotError {
    BotError::Daily(e.to_string())
}
