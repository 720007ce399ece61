//! One quiz from its first question to its standings, in its own task: the round clock, the
//! reveal, the scores written after every round (so a restart loses no finished round), and the
//! buttons taken off each question once it closes. Messages go out as follow-ups to the
//! `/quiz start` interaction, which stays valid for 15 minutes: ten rounds take under five.

use std::sync::Arc;
use std::time::Duration;

use poise::serenity_prelude as serenity;
use serenity::{
    CommandInteraction, CreateInteractionResponseFollowup, EditInteractionResponse, Http, MessageId,
};
use tokio::sync::Notify;

use super::live::{Player, Quizzes};
use super::replies;
use crate::catalog::Catalog;
use crate::discord::custom_id::{encode_quiz, QuizClick};
use crate::discord::error::describe;
use crate::discord::message::{cut, limits, Button, Message};
use crate::quiz::{Round, RoundResult};
use crate::store::{RoundScore, SharedStore};

/// The pause between a round's answer and the next question, to read the answer.
const BETWEEN_ROUNDS: Duration = Duration::from_secs(3);

pub struct Quiz {
    pub http: Arc<Http>,
    pub interaction: CommandInteraction,
    pub quizzes: Arc<Quizzes>,
    pub store: SharedStore,
    pub catalog: Arc<crate::catalog::Catalog>,
    pub guild: u64,
    pub channel: u64,
    pub id: u64,
    pub stop: Arc<Notify>,
    pub round_time: Duration,
}

/// A round's question with its four answer buttons.
pub fn question_message(
    catalog: &Catalog,
    quiz: u64,
    round: &Round,
    number: usize,
    total: usize,
    seconds: u64,
) -> Message {
    let mut message = Message::from_reply(&replies::question(round, number, total, seconds));
    message.buttons = round
        .labels(catalog)
        .into_iter()
        .enumerate()
        .map(|(choice, label)| Button {
            custom_id: encode_quiz(QuizClick { quiz, round: number, choice }),
            label: cut(&label, limits::BUTTON_LABEL),
        })
        .collect();
    message
}

impl Quiz {
    /// Runs the quiz whose first question is already shown, until its last round or a stop.
    pub async fn play(self) {
        let mut shown: Option<MessageId> = None;
        loop {
            let stopped = tokio::select! {
                () = tokio::time::sleep(self.round_time) => false,
                () = self.stop.notified() => true,
            };
            if stopped {
                self.take_buttons_off(shown).await;
                break;
            }
            let Some((result, round, total)) = self.quizzes.close_round(self.channel, self.id) else { break };
            self.take_buttons_off(shown).await;
            self.record(&result);
            self.send(&Message::from_reply(&replies::reveal(&self.catalog, &round, &result, total))).await;
            if result.last {
                break;
            }
            let paused = tokio::select! {
                () = tokio::time::sleep(BETWEEN_ROUNDS) => false,
                () = self.stop.notified() => true,
            };
            if paused {
                break;
            }
            let Some((number, next)) = self.quizzes.next_round(self.channel, self.id) else { break };
            let seconds = self.round_time.as_secs();
            let message = question_message(&self.catalog, self.id, &next, number, total, seconds);
            match self.send(&message).await {
                Some(id) => shown = Some(id),
                None => break,
            }
        }
        if let Some((standings, stopped_by)) = self.quizzes.finish(self.channel, self.id) {
            let shutting_down = self.quizzes.shutting_down();
            self.send(&Message::from_reply(&replies::standings(&standings, stopped_by, shutting_down))).await;
            tracing::info!(
                "quiz {} in channel {} ended{}; {} player(s)",
                self.id,
                self.channel,
                if stopped_by.is_some() || shutting_down { " early" } else { "" },
                standings.len()
            );
        }
    }

    fn record(&self, result: &RoundResult<Player>) {
        let scores: Vec<RoundScore> = result
            .winners
            .iter()
            .map(|w| RoundScore { user_id: w.player, points: w.points, won: true })
            .chain(result.wrong.iter().map(|&p| RoundScore { user_id: p, points: 0, won: false }))
            .collect();
        if scores.is_empty() {
            return;
        }
        if let Err(e) = self.store.lock().record_quiz_round(self.guild, &scores) {
            tracing::error!("could not record quiz scores for server {}: {e}", self.guild);
        }
    }

    async fn send(&self, message: &Message) -> Option<MessageId> {
        match self.interaction.create_followup(&self.http, message.to_followup()).await {
            Ok(sent) => Some(sent.id),
            Err(e) => {
                tracing::warn!(
                    "quiz {} in channel {}: could not post: {}",
                    self.id,
                    self.channel,
                    describe(&e)
                );
                None
            }
        }
    }

    /// A closed question keeps its text but loses its buttons, so nobody clicks in vain.
    async fn take_buttons_off(&self, shown: Option<MessageId>) {
        let result = match shown {
            None => {
                self.interaction
                    .edit_response(&self.http, EditInteractionResponse::new().components(vec![]))
                    .await
            }
            Some(id) => {
                let edit = CreateInteractionResponseFollowup::new().components(vec![]);
                self.interaction.edit_followup(&self.http, id, edit).await
            }
        };
        if let Err(e) = result {
            tracing::debug!("quiz {}: could not take the buttons off a question: {}", self.id, describe(&e));
        }
    }
}
