//! What can stop the bot, worded for the operator's log. No message ever contains the bot
//! token, nor an interaction token (those sit in request URLs, which are left out).

use poise::serenity_prelude as serenity;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum BotError {
    #[error(
        "Discord rejected DISCORD_TOKEN (401 Unauthorized): reset the token in the developer portal \
         (Bot page, \"Reset Token\") and put the new one in .env"
    )]
    TokenRejected,
    #[error("cannot reach the Discord API at {url}: {reason}")]
    Unreachable { url: String, reason: String },
    #[error("the gateway refused the bot: {0}")]
    GatewayRefused(String),
    #[error("Discord API: {0}")]
    Discord(String),
    #[error("daily posts: {0}")]
    Daily(String),
}

impl From<serenity::Error> for BotError {
    fn from(e: serenity::Error) -> Self {
        BotError::Discord(describe(&e))
    }
}

/// One line about a serenity error, without URLs (they can carry interaction tokens).
pub fn describe(e: &serenity::Error) -> String {
    use serenity::{Error, HttpError};
    match e {
        Error::Http(HttpError::UnsuccessfulRequest(r)) => {
            format!("{} {} (code {}): {}", r.method, r.status_code, r.error.code, r.error.message)
        }
        Error::Http(HttpError::Request(r)) => {
            let kind = if r.is_timeout() {
                "timed out"
            } else if r.is_connect() {
                "connection failed"
            } else {
                "request failed"
            };
            // reqwest's own text names the URL; its source chain says why without it.
            let mut reason = kind.to_string();
            let mut source = std::error::Error::source(r);
            while let Some(s) = source {
                reason = format!("{reason}: {s}");
                source = s.source();
            }
            reason
        }
        other => other.to_string(),
    }
}

/// Whether the error is Discord saying the token is wrong.
pub(super) fn is_unauthorized(e: &serenity::Error) -> bool {
    matches!(e, serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) if r.status_code.as_u16() == 401)
}
