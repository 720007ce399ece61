//! Sending one daily post and sorting Discord's answer into what to do next. The nonce makes a
//! resend within Discord's de-duplication window return the first message instead of a second
//! one, so a retry after an unclear failure is only made inside that window.

use std::time::Duration;

use jiff::{SignedDuration, Timestamp};
use poise::serenity_prelude as serenity;
use serenity::{ChannelId, Http, MessageId, MessageReference, Nonce};

use crate::daily::{DailyPosts, Post};
use crate::discord::clock::Clock;
use crate::discord::error::describe;
use crate::discord::Message;

/// How long Discord is trusted to recognise a resent nonce. Discord documents "the past few
/// minutes"; the bot stays well inside that, preferring a logged skip to a duplicate.
pub const NONCE_WINDOW: SignedDuration = SignedDuration::from_mins(2);
/// Whether a message an earlier run may have sent at `since` can still be resent at `now`
/// without risking a duplicate. A clock that went back since cannot tell, so it cannot.
pub fn may_resend(since: Timestamp, now: Timestamp) -> bool {
    let age = now.duration_since(since);
    !age.is_negative() && age <= NONCE_WINDOW
}

/// One send may take this long before it counts as an unclear failure.
const SEND_TIMEOUT: Duration = Duration::from_secs(15);
const FIRST_BACKOFF: SignedDuration = SignedDuration::from_secs(1);
const MAX_BACKOFF: SignedDuration = SignedDuration::from_secs(60);

/// Why a send failed, by what it means for the post.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// The channel is gone or the bot may not post there: the schedule pauses, saying why.
    Access(String),
    /// Certainly not delivered (no connection, rate limited): safe to send again.
    NotDelivered(String),
    /// Perhaps delivered (timed out, server error): resending is safe only within [`NONCE_WINDOW`].
    Unclear(String),
    /// Discord will never accept this request.
    Refused(String),
}

/// How a delivery ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Posted(u64),
    /// Access lost: the schedule is paused with this reason.
    Paused(String),
    /// Not confirmed; the reason is in the log.
    GaveUp(String),
}

/// How a send with retries ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    Posted(u64),
    /// The channel is gone or closed to the bot. `unclear`: an earlier attempt may have landed.
    Access {
        why: String,
        unclear: bool,
    },
    /// Discord will never accept it.
    Refused(String),
    /// Not confirmed in time. `unclear`: an earlier attempt may have landed.
    GaveUp {
        why: String,
        unclear: bool,
    },
}

/// Sends `message` with `nonce` to `channel` (as a reply to `reply_to`, when given) until
/// Discord confirms it, the failure is final, or retrying could duplicate it or run past
/// `deadline`. `unclear_since` is when an earlier attempt (before a restart) may have reached
/// Discord. `what` names the message in log lines.
#[allow(clippy::too_many_arguments)]
pub async fn send_until(
    http: &Http,
    clock: Clock,
    channel: u64,
    message: &Message,
    nonce: &str,
    reply_to: Option<u64>,
    deadline: Timestamp,
    mut unclear_since: Option<Timestamp>,
    what: &str,
) -> Sent {
    let mut backoff = FIRST_BACKOFF;
    let mut attempts = 0u32;
    loop {
        attempts += 1;
        let attempt_started = clock.now();
        // Checked before every attempt, the first included: a resend after a restart may
        // already be too late for Discord to recognise its nonce.
        if let Some(since) = unclear_since {
            if attempt_started > since.checked_add(NONCE_WINDOW).unwrap_or(since) {
                let why = format!("an earlier attempt may have gone through more than {NONCE_WINDOW:#} ago");
                tracing::error!("{what} not sent again, giving up: {why}");
                return Sent::GaveUp { why, unclear: true };
            }
        }
        let failure = match send_once(http, channel, message, nonce, reply_to).await {
            Ok(message_id) => return Sent::Posted(message_id),
            Err(failure) => failure,
        };
        let now = clock.now();
        let why = match failure {
            Failure::Access(why) => return Sent::Access { why, unclear: unclear_since.is_some() },
            Failure::Refused(why) => return Sent::Refused(why),
            Failure::Unclear(why) => {
                // The request may have landed as soon as it was made.
                unclear_since.get_or_insert(attempt_started);
                why
            }
            Failure::NotDelivered(why) => why,
        };
        let mut limit = deadline;
        if let Some(since) = unclear_since {
            limit = limit.min(since.checked_add(NONCE_WINDOW).unwrap_or(limit));
        }
        let retry_at = now.checked_add(backoff).unwrap_or(Timestamp::MAX);
        if retry_at > limit {
            tracing::error!("{what} not confirmed after {attempts} attempt(s), giving up: {why}");
            return Sent::GaveUp { why, unclear: unclear_since.is_some() };
        }
        tracing::warn!("{what} failed (attempt {attempts}), retrying in {backoff:#}: {why}");
        tokio::time::sleep(backoff.unsigned_abs()).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Sends `post` until Discord confirms it, the failure is final, or retrying could duplicate it
/// or run past `deadline`; records the outcome. `unclear_since` is when an earlier attempt
/// (before a restart) may have reached Discord.
pub async fn deliver(
    http: &Http,
    daily: &DailyPosts,
    clock: Clock,
    post: &Post,
    deadline: Timestamp,
    unclear_since: Option<Timestamp>,
) -> Outcome {
    let channel = format!("<#{}>", post.channel_id);
    let where_ = format!("server {} channel {} date {}", post.guild_id, post.channel_id, post.date);
    let Some(message) = super::quiz::post_message(daily.catalog(), post) else {
        let why = format!("fact {} is no longer in the data set", post.fact_id);
        record(daily.give_up(post.guild_id, post.date), &where_);
        record(daily.cancel_quiz(post.guild_id, post.date), &where_);
        tracing::error!("daily post for {where_} not sent: {why}");
        return Outcome::GaveUp(why);
    };
    let what = format!("daily post for {where_}");
    let sent =
        send_until(http, clock, post.channel_id, &message, &post.nonce, None, deadline, unclear_since, &what)
            .await;
    // Never reached Discord: the date is free again, and the scheduler reports it as skipped
    // if its grace is over. Perhaps reached it: the date stays used.
    let settle = |unclear: bool| {
        if unclear {
            record(daily.give_up(post.guild_id, post.date), &where_);
        } else {
            record(daily.abandon(post.guild_id, post.date), &where_);
        }
    };
    match sent {
        Sent::Posted(message_id) => {
            record(daily.confirm(post.guild_id, post.date, message_id), &where_);
            let kind = if post.quiz.is_some() { "quiz" } else { "fact" };
            tracing::info!("daily post for {where_} sent: {kind} {} (message {message_id})", post.fact_id);
            Outcome::Posted(message_id)
        }
        Sent::Access { why, unclear } => {
            let reason = format!("{why} (posting in {channel} on {})", post.date);
            settle(unclear);
            match daily.pause(post.guild_id, post.channel_id, &reason) {
                Ok(true) => tracing::warn!("daily posts paused for server {}: {reason}", post.guild_id),
                Ok(false) => {
                    tracing::info!("daily post for {where_} not sent: {reason}; the schedule has moved on")
                }
                Err(e) => tracing::error!("could not pause the daily posts for {where_}: {e}"),
            }
            Outcome::Paused(reason)
        }
        Sent::Refused(why) => {
            record(daily.give_up(post.guild_id, post.date), &where_);
            record(daily.cancel_quiz(post.guild_id, post.date), &where_);
            tracing::error!("daily post for {where_} refused by Discord: {why}");
            Outcome::GaveUp(why)
        }
        Sent::GaveUp { why, unclear } => {
            settle(unclear);
            Outcome::GaveUp(why)
        }
    }
}

async fn send_once(
    http: &Http,
    channel: u64,
    message: &Message,
    nonce: &str,
    reply_to: Option<u64>,
) -> Result<u64, Failure> {
    let mut builder = message.to_create_message().nonce(Nonce::String(nonce.to_string())).enforce_nonce(true);
    if let Some(question) = reply_to {
        // Shown as an answer to the question; sent all the same if that message was deleted.
        let reference = MessageReference::from((ChannelId::new(channel), MessageId::new(question)));
        builder = builder.reference_message(reference.fail_if_not_exists(false));
    }
    let sent = tokio::time::timeout(SEND_TIMEOUT, ChannelId::new(channel).send_message(http, builder)).await;
    match sent {
        Ok(Ok(message)) => Ok(message.id.get()),
        Ok(Err(e)) => Err(classify(&e)),
        Err(_) => Err(Failure::Unclear(format!("no answer within {} s", SEND_TIMEOUT.as_secs()))),
    }
}

/// Sorts a serenity error by what it means for the post.
pub fn classify(e: &serenity::Error) -> Failure {
    use serenity::{Error, HttpError, ModelError};
    match e {
        Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            let said = format!("Discord said {} {}", r.status_code.as_u16(), r.error.message);
            match r.status_code.as_u16() {
                403 => Failure::Access(format!("the bot may no longer post there ({said})")),
                404 => Failure::Access(format!("the channel no longer exists ({said})")),
                429 => Failure::NotDelivered(said),
                500..=599 => Failure::Unclear(said),
                _ => Failure::Refused(describe(e)),
            }
        }
        Error::Http(HttpError::Request(r)) if r.is_connect() => Failure::NotDelivered(describe(e)),
        Error::Http(HttpError::Request(_)) => Failure::Unclear(describe(e)),
        Error::Model(ModelError::InvalidPermissions { .. }) => {
            Failure::Access("the bot may no longer post there (missing permissions)".into())
        }
        other => Failure::Refused(describe(other)),
    }
}

/// A failed write of the outcome leaves the post pending, which the next start reconciles;
/// worth one line, not a stop.
fn record(result: Result<(), crate::daily::DailyError>, where_: &str) {
    if let Err(e) = result {
        tracing::error!("could not record the daily post for {where_}: {e}");
    }
}
