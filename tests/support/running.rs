//! A bot running against the double, with helpers to talk to it as members do and to read
//! its answers.

use std::path::Path;
use std::time::Duration;

use serde_json::Value;

use super::bot::{Bot, TOKEN};
use super::double::DiscordDouble;
use super::payloads::{self, ALL_PERMISSIONS};

pub const MEMBER: (u64, &str) = (1_600_000_000_000_000_001, "alice");
pub const EPHEMERAL: u64 = 1 << 6;

pub struct Running {
    pub discord: DiscordDouble,
    pub bot: Bot,
    pub commands: Vec<Value>,
}

impl Running {
    pub async fn start() -> Running {
        Running::start_with(&[]).await
    }

    pub async fn start_with(env: &[(&str, &str)]) -> Running {
        let discord = DiscordDouble::start(TOKEN).await;
        let bot = Bot::start(&discord.url(), TOKEN, env);
        let commands = discord.wait_until_ready().await;
        Running { discord, bot, commands }
    }

    /// Starts the bot in `dir`, where its database lives across restarts.
    pub async fn start_in(dir: &Path, env: &[(&str, &str)]) -> Running {
        let discord = DiscordDouble::start(TOKEN).await;
        let bot = Bot::start_in(dir, &discord.url(), TOKEN, env);
        let commands = discord.wait_until_ready().await;
        Running { discord, bot, commands }
    }

    /// Replaces the bot with a new process in `dir`, against the same double, once the old
    /// one is gone (stopped or killed by the test); waits until the new one is connected.
    pub async fn restart_in(&mut self, dir: &Path, env: &[(&str, &str)]) {
        let ready_before = self.discord.ready_count();
        self.bot = Bot::start_in(dir, &self.discord.url(), TOKEN, env);
        self.discord.wait_until_ready_again(ready_before).await;
    }

    /// `/name sub` with typed options (name, Discord option type, value), by `who`.
    pub async fn subcommand(
        &self,
        name: &str,
        sub: &str,
        options: &[(&str, u8, &str)],
        who: (u64, &str),
        permissions: &str,
    ) -> (u64, Value) {
        let id = self.discord.next_id();
        let payload = payloads::subcommand(id, &self.command_id(name), name, sub, options, who, permissions);
        (id, self.discord.interact(payload).await)
    }

    /// Waits until interaction `id` has at least `n` follow-up messages; returns them in order.
    pub async fn follow_ups(&self, id: u64, n: usize) -> Vec<Value> {
        let path = format!("/webhooks/{}/interaction-token-{id}", payloads::APPLICATION_ID);
        self.discord
            .wait_for(&format!("{n} follow-up(s) to interaction {id}"), |calls| {
                let found: Vec<Value> = calls
                    .iter()
                    .filter(|c| c.path.ends_with(&path) && c.method == "POST")
                    .map(|c| c.body.clone())
                    .collect();
                (found.len() >= n).then_some(found)
            })
            .await
    }

    /// A click by `who` on button `custom_id` of `message` (a message body as the bot sent it).
    pub async fn click_as(&self, who: (u64, &str), custom_id: &str, sent: &Value) -> Value {
        let message =
            payloads::message(self.discord.next_id(), payloads::CHANNEL_ID, sent, payloads::bot_user());
        let payload = payloads::button_click(self.discord.next_id(), custom_id, message, who);
        self.discord.interact(payload).await
    }

    /// The follow-up message a deferred answer to interaction `id` ends with.
    pub async fn follow_up(&self, id: u64) -> Value {
        let path = format!("/webhooks/{}/interaction-token-{id}", payloads::APPLICATION_ID);
        self.discord
            .wait_for(&format!("the follow-up to interaction {id}"), |calls| {
                calls.iter().find(|c| c.path.ends_with(&path) && c.method == "POST").map(|c| c.body.clone())
            })
            .await
    }

    pub fn command_id(&self, name: &str) -> String {
        let command = self.commands.iter().find(|c| c["name"] == name);
        command.unwrap_or_else(|| panic!("/{name} is not registered"))["id"].as_str().unwrap().to_string()
    }

    pub async fn slash(&self, name: &str, options: &[(&str, &str)]) -> Value {
        let id = self.discord.next_id();
        let payload =
            payloads::slash_command(id, &self.command_id(name), name, options, MEMBER, ALL_PERMISSIONS);
        self.discord.interact(payload).await
    }

    pub async fn click(&self, custom_id: &str, answer: &Value) -> Value {
        let message = payloads::message(
            self.discord.next_id(),
            payloads::CHANNEL_ID,
            &answer["data"],
            payloads::bot_user(),
        );
        let payload = payloads::button_click(self.discord.next_id(), custom_id, message, MEMBER);
        self.discord.interact(payload).await
    }
}

pub fn embed(answer: &Value) -> &Value {
    &answer["data"]["embeds"][0]
}

pub fn is_ephemeral(answer: &Value) -> bool {
    answer["data"]["flags"].as_u64().unwrap_or(0) & EPHEMERAL != 0
}

/// (label, custom_id) of every button in an answer.
pub fn buttons(answer: &Value) -> Vec<(String, String)> {
    let rows = answer["data"]["components"].as_array().cloned().unwrap_or_default();
    rows.iter()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .map(|b| {
            (
                b["label"].as_str().unwrap_or_default().to_string(),
                b["custom_id"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// Mentions are off: nothing parsed, no user or role allowed, no reply ping.
pub fn assert_no_mentions(answer: &Value) {
    let mentions = &answer["data"]["allowed_mentions"];
    assert!(mentions.is_object(), "no allowed_mentions: {answer:#}");
    for list in ["parse", "users", "roles"] {
        let empty = mentions.get(list).is_none_or(|l| l.as_array().is_some_and(Vec::is_empty));
        assert!(empty, "allowed_mentions.{list} is not empty: {mentions}");
    }
    assert!(mentions.get("parse").is_some(), "without `parse`, Discord parses everything: {mentions}");
    assert_ne!(mentions["replied_user"], true);
}

pub async fn wait_for_log(bot: &Bot, needle: &str) -> String {
    let deadline = std::time::Instant::now() + super::double::PATIENCE;
    loop {
        let log = bot.log();
        if log.contains(needle) {
            return log;
        }
        assert!(std::time::Instant::now() < deadline, "`{needle}` never appeared in the log:\n{log}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}
