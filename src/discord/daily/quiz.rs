//! The "Guess the film" daily post in Discord: the question with its four buttons, members'
//! clicks (kept in the database, so they count across restarts), and the reveal an hour later,
//! sent as a reply to the question whose buttons then come off.

use jiff::SignedDuration;
use poise::serenity_prelude as serenity;
use serenity::{ChannelId, ComponentInteraction, CreateInteractionResponse, EditMessage, Http, MessageId};

use super::replies;
use super::send::{send_until, Sent};
use crate::catalog::Catalog;
use crate::daily::{DailyAnswer, DailyPosts, Post, Reveal};
use crate::discord::clock::Clock;
use crate::discord::custom_id::{encode_daily_quiz, DailyQuizClick};
use crate::discord::error::describe;
use crate::discord::message::{cut, limits, Button, Message};
use crate::discord::{BotError, Data};
use crate::quiz::film_label;

/// How long taking a question's buttons off may take.
const EDIT_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(15);
/// How long a reveal keeps retrying when Discord cannot be reached; an unclear failure stops
/// sooner, at the end of the nonce window.
const REVEAL_DEADLINE: SignedDuration = SignedDuration::from_mins(10);

/// A daily post as a message: the fact of the day, or the quiz question with its buttons.
/// `None` when the fact left the data set since the post was begun.
pub fn post_message(catalog: &Catalog, post: &Post) -> Option<Message> {
    let fact = catalog.fact(&post.fact_id)?;
    let Some(quiz) = &post.quiz else {
        return crate::commands::daily::post(catalog, &post.fact_id).map(|r| Message::from_reply(&r));
    };
    let mut message =
        Message::from_reply(&replies::quiz_question(&quiz.question, fact.fact.spoiler, quiz.reveal_at));
    message.buttons = quiz
        .choices
        .iter()
        .enumerate()
        .map(|(choice, film)| Button {
            custom_id: encode_daily_quiz(DailyQuizClick { date: post.date, choice }),
            label: cut(&film_label(catalog, film), limits::BUTTON_LABEL),
        })
        .collect();
    Some(message)
}

/// A click on a daily quiz's answer: taken or refused, the reply is for the clicker only.
pub async fn on_answer(
    ctx: &serenity::Context,
    data: &Data,
    click: &ComponentInteraction,
    answer: DailyQuizClick,
) -> Result<(), BotError> {
    let label = |film: &str| film_label(data.engine.catalog(), film);
    let outcome = match click.guild_id {
        Some(guild) => {
            data.daily.answer(guild.get(), answer.date, click.user.id.get(), answer.choice, data.clock.now())
        }
        None => Ok(DailyAnswer::Gone),
    };
    let reply = match &outcome {
        Ok(DailyAnswer::Taken { film, reveal_at }) => replies::quiz_taken(&label(film), *reveal_at),
        Ok(DailyAnswer::Already { film }) => crate::discord::quiz::replies::already_answered(&label(film)),
        Ok(DailyAnswer::Closed { answer }) => replies::quiz_closed(&label(answer)),
        Ok(DailyAnswer::Gone) => replies::quiz_gone(),
        // Answered all the same, so Discord never shows "This interaction failed".
        Err(e) => {
            tracing::error!("could not record a daily quiz answer ({}): {e}", click.data.custom_id);
            replies::quiz_not_recorded()
        }
    };
    tracing::debug!(custom_id = %click.data.custom_id, ?outcome, "daily quiz answer");
    let response = CreateInteractionResponse::Message(Message::from_reply(&reply).to_interaction_response());
    click.create_response(&ctx.http, response).await?;
    Ok(())
}

/// Sends the answer as a reply to the question, records how that ended, and takes the
/// question's buttons off. `resend` when an earlier run may have sent it already (the nonce
/// then makes Discord return that message instead of a second one).
pub async fn deliver_reveal(http: &Http, daily: &DailyPosts, clock: Clock, reveal: &Reveal, resend: bool) {
    let where_ = format!("server {} channel {} date {}", reveal.guild_id, reveal.channel_id, reveal.date);
    send_reveal(http, daily, clock, reveal, resend, &where_).await;
    // After the answer, never before it: the answer must not wait on an edit. Clicks after the
    // reveal time are refused anyway; this only spares members a button that does nothing.
    if let Some(question) = reveal.question_message {
        let edit = EditMessage::new().components(vec![]);
        let channel = ChannelId::new(reveal.channel_id);
        match tokio::time::timeout(EDIT_TIMEOUT, channel.edit_message(http, MessageId::new(question), edit))
            .await
        {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                tracing::debug!("daily quiz for {where_}: could not take the buttons off: {}", describe(&e))
            }
            Err(_) => tracing::debug!("daily quiz for {where_}: taking the buttons off timed out"),
        }
    }
}

async fn send_reveal(
    http: &Http,
    daily: &DailyPosts,
    clock: Clock,
    reveal: &Reveal,
    resend: bool,
    where_: &str,
) {
    let message = Message::from_reply(&replies::quiz_reveal(daily.catalog(), reveal));
    let deadline = reveal.started_at.checked_add(REVEAL_DEADLINE).unwrap_or(reveal.started_at);
    let unclear_since = resend.then_some(reveal.started_at);
    let what = format!("daily quiz answer for {where_}");
    let send = |reply_to| {
        send_until(
            http,
            clock,
            reveal.channel_id,
            &message,
            &reveal.nonce,
            reply_to,
            deadline,
            unclear_since,
            &what,
        )
    };
    let mut sent = send(reveal.question_message).await;
    if let (Sent::Access { unclear: false, .. }, Some(_)) = (&sent, reveal.question_message) {
        // A reply needs Read Message History, which an admin may have taken away since
        // `/daily set`: refused, nothing was posted, so it goes again as a plain message.
        tracing::info!("daily quiz answer for {where_}: not allowed as a reply, sending it on its own");
        sent = send(None).await;
    }
    let recorded = match sent {
        Sent::Posted(id) => {
            tracing::info!(
                "daily quiz answer for {where_} sent: {} of {} right (message {id})",
                reveal.winners.len(),
                reveal.answered
            );
            daily.reveal_sent(reveal.guild_id, reveal.date)
        }
        Sent::Access { why, .. } | Sent::Refused(why) | Sent::GaveUp { why, .. } => {
            // The scores are counted already; only the message is missing, and a second one
            // later could be a duplicate.
            tracing::error!("daily quiz answer for {where_} not sent: {why}; the scores are counted");
            daily.reveal_given_up(reveal.guild_id, reveal.date)
        }
    };
    if let Err(e) = recorded {
        tracing::error!("could not record the daily quiz answer for {where_}: {e}");
    }
}
