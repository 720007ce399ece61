//! The slash commands, as poise sees them: each one turns its options into a core
//! [`Command`] and sends the reply. Descriptions come from the doc comments.

use poise::serenity_prelude as serenity;
use serenity::{AutocompleteChoice, CreateAutocompleteResponse};

use crate::commands::Command;

use super::message::{cut, Message};
use super::{BotError, Context, Data};

/// Discord's limits on autocomplete: 25 choices, names and values of 1 to 100 characters.
const CHOICES: usize = 25;
const CHOICE_LEN: usize = 100;

/// Every command the bot registers, in the order `/` lists them.
pub fn all() -> Vec<poise::Command<Data, BotError>> {
    vec![
        trivia(),
        film(),
        technique(),
        super::quiz::commands::quiz(),
        super::quiz::commands::leaderboard(),
        super::daily::commands::daily(),
        help(),
    ]
}

/// A random behind-the-scenes fact: how a famous scene was really filmed
#[poise::command(slash_command)]
pub async fn trivia(
    ctx: Context<'_>,
    #[description = "Only facts about this film"]
    #[autocomplete = "complete_film"]
    film: Option<String>,
    #[description = "Only facts that involve this filming technique"]
    #[autocomplete = "complete_technique"]
    technique: Option<String>,
) -> Result<(), BotError> {
    answer(ctx, Command::Trivia { film, technique }).await
}

/// How a film was made: every behind-the-scenes fact we have about it
#[poise::command(slash_command)]
pub async fn film(
    ctx: Context<'_>,
    #[description = "The film's title (typos and a missing \"The\" are fine; add the year for remakes)"]
    #[autocomplete = "complete_film"]
    title: String,
) -> Result<(), BotError> {
    answer(ctx, Command::Film { title }).await
}

/// A filming technique explained, with the films that used it
#[poise::command(slash_command)]
pub async fn technique(
    ctx: Context<'_>,
    #[description = "The technique, e.g. dolly zoom, bullet time, forced perspective"]
    #[autocomplete = "complete_technique"]
    name: String,
) -> Result<(), BotError> {
    answer(ctx, Command::Technique { name }).await
}

/// What this bot can do, and how much it knows
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), BotError> {
    answer(ctx, Command::Help).await
}

async fn answer(ctx: Context<'_>, command: Command) -> Result<(), BotError> {
    let reply = ctx.data().answer(ctx.channel_id(), &command);
    ctx.send(Message::from_reply(&reply).to_poise()).await?;
    Ok(())
}

async fn complete_film(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    choices(ctx.data().engine.complete_film(partial, CHOICES))
}

async fn complete_technique(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    technique_choices(ctx, partial)
}

/// Technique autocomplete, shared with `/quiz start`.
pub(super) fn technique_choices(ctx: Context<'_>, partial: &str) -> CreateAutocompleteResponse {
    choices(ctx.data().engine.complete_technique(partial, CHOICES))
}

/// (label, id) pairs as choices: the label is shown, the id is what the command receives.
fn choices(found: Vec<(String, String)>) -> CreateAutocompleteResponse {
    let choices = found
        .into_iter()
        .filter(|(_, id)| id.len() <= CHOICE_LEN)
        .map(|(label, id)| AutocompleteChoice::new(cut(&label, CHOICE_LEN), id))
        .collect();
    CreateAutocompleteResponse::new().set_choices(choices)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_option_has_a_description() {
        for command in all() {
            let description = command.description.as_deref().unwrap_or_default();
            assert!(
                !description.is_empty() && description.len() <= 100,
                "/{}: {description:?}",
                command.name
            );
            let subcommands = command.subcommands.iter().flat_map(|s| &s.parameters);
            for p in command.parameters.iter().chain(subcommands) {
                let d = p.description.as_deref().unwrap_or_default();
                assert!(!d.is_empty() && d.len() <= 100, "/{} {}: {d:?}", command.name, p.name);
            }
            for sub in &command.subcommands {
                let d = sub.description.as_deref().unwrap_or_default();
                assert!(!d.is_empty() && d.len() <= 100, "/{} {}: {d:?}", command.name, sub.name);
            }
        }
    }

    #[test]
    fn long_labels_are_shortened_for_discord() {
        assert_eq!(cut("Rope (1948)", CHOICE_LEN), "Rope (1948)");
        let long = cut(&"x".repeat(150), CHOICE_LEN);
        assert_eq!(long.chars().count(), CHOICE_LEN);
        assert!(long.ends_with('…'));
    }
}
