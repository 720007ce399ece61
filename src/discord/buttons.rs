//! Button clicks: decode the follow-up from the button's id and answer with a new message.

use poise::serenity_prelude as serenity;
use serenity::{ComponentInteraction, CreateInteractionResponse};

use crate::commands;

use super::message::Message;
use super::quiz::live::Click;
use super::{custom_id, quiz, BotError, Data};

pub async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &ComponentInteraction,
) -> Result<(), BotError> {
    if let Some(answer) = custom_id::decode_quiz(&click.data.custom_id) {
        return on_quiz_answer(ctx, data, click, answer).await;
    }
    if let Some(answer) = custom_id::decode_daily_quiz(&click.data.custom_id) {
        return super::daily::quiz::on_answer(ctx, data, click, answer).await;
    }
    let reply = match custom_id::decode(&click.data.custom_id) {
        Some(action) => data.follow(click.channel_id, &action),
        // Never leave Discord to say "This interaction failed".
        None => commands::unknown_button(),
    };
    tracing::debug!(custom_id = %click.data.custom_id, status = ?reply.status, "button clicked");
    let response = CreateInteractionResponse::Message(Message::from_reply(&reply).to_interaction_response());
    click.create_response(&ctx.http, response).await?;
    Ok(())
}

/// An answer to a quiz round: taken or refused, the reply is for the clicker only; the round's
/// result comes for everyone when it closes.
async fn on_quiz_answer(
    ctx: &serenity::Context,
    data: &Data,
    click: &ComponentInteraction,
    answer: custom_id::QuizClick,
) -> Result<(), BotError> {
    let player = click.user.id.get();
    let outcome =
        data.quizzes.answer(click.channel_id.get(), answer.quiz, answer.round, player, answer.choice);
    let label = |film: &str| crate::quiz::film_label(data.engine.catalog(), film);
    let reply = match &outcome {
        Click::Accepted(_, film) => quiz::replies::answered(&label(film)),
        Click::AlreadyAnswered(film) => quiz::replies::already_answered(&label(film)),
        Click::Refused(_) => quiz::replies::round_over(),
        Click::Gone => quiz::replies::quiz_gone(),
    };
    tracing::debug!(custom_id = %click.data.custom_id, ?outcome, "quiz answer");
    let response = CreateInteractionResponse::Message(Message::from_reply(&reply).to_interaction_response());
    click.create_response(&ctx.http, response).await?;
    Ok(())
}
