//! Button clicks: decode the follow-up from the button's id and answer with a new message.

use poise::serenity_prelude as serenity;
use serenity::{ComponentInteraction, CreateInteractionResponse};

use crate::commands;

use super::message::Message;
use super::{custom_id, BotError, Data};

pub async fn on_click(
    ctx: &serenity::Context,
    data: &Data,
    click: &ComponentInteraction,
) -> Result<(), BotError> {
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
