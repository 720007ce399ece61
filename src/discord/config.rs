//! The bot's settings, read from the environment (and `.env`), each checked with a message
//! that names the variable and says how to fix it.

use std::fmt;
use std::num::NonZeroU64;
use std::path::PathBuf;

use jiff::{SignedDuration, Timestamp};

use thiserror::Error;

/// Discord's own API, which [`BotConfig::api_url`] replaces when set.
pub const DISCORD_URL: &str = "https://discord.com";
/// Where the database lives unless `MOVIE_TRIVIA_DB` says otherwise: the working directory.
pub const DEFAULT_DB: &str = "movie-trivia.db";

/// The bot token. Its `Debug` and `Display` never show it, so it cannot leak into a log line.
#[derive(Clone, PartialEq, Eq)]
pub struct Token(String);

impl Token {
    /// The token itself, for the one place that sends it to Discord.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token(<redacted>)")
    }
}

/// Everything the Discord front end needs besides the data set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BotConfig {
    pub token: Token,
    /// Register the commands in this one server (instant, for development) instead of globally.
    pub guild_id: Option<NonZeroU64>,
    /// A Discord-compatible API (scheme, host and port) to talk to instead of Discord.
    pub api_url: Option<String>,
    /// The SQLite database of daily schedules and posts.
    pub db_path: PathBuf,
    /// How late a daily post missed while the bot was down may still go out.
    pub daily_grace: SignedDuration,
    /// Start the bot's clock at this instant instead of now (tests of daily posts); the clock
    /// then runs at normal speed.
    pub clock_start: Option<Timestamp>,
    /// How long a quiz round stays open ([`crate::quiz::ROUND_SECONDS`]; shorter in tests).
    pub quiz_round: std::time::Duration,
    /// How long a daily "Guess the film" post stays open before its answer comes.
    pub daily_reveal: SignedDuration,
}

/// A setting that is missing or malformed. The messages never contain the token.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ConfigError {
    #[error(
        "DISCORD_TOKEN is not set: put DISCORD_TOKEN=<your bot token> in .env or the environment \
         (README.md, \"Running the bot\", says where to get one)"
    )]
    MissingToken,
    #[error(
        "DISCORD_TOKEN does not look like a bot token ({0}): copy it again from the developer \
         portal, Bot page, \"Reset Token\""
    )]
    MalformedToken(&'static str),
    #[error("DISCORD_GUILD_ID `{0}` is not a server id: expected a number such as 123456789012345678, or leave it unset")]
    BadGuildId(String),
    #[error("DISCORD_API_URL `{0}` is not usable: {1}")]
    BadApiUrl(String, &'static str),
    #[error(
        "MOVIE_TRIVIA_DAILY_GRACE `{0}` is not a duration between 0m and 23h59m: write it as 6h, 90m or 2h 30m"
    )]
    BadGrace(String),
    #[error(
        "MOVIE_TRIVIA_CLOCK `{0}` is not an instant: write it as 2026-03-29T00:59:50Z, or leave it unset"
    )]
    BadClock(String),
    #[error("MOVIE_TRIVIA_QUIZ_SECONDS `{0}` is not a number of seconds from 1 to 600, or leave it unset")]
    BadQuizSeconds(String),
    #[error(
        "MOVIE_TRIVIA_DAILY_REVEAL `{0}` is not a duration between 1s and 23h59m: write it as 1h, 90m or 30s"
    )]
    BadReveal(String),
}

impl BotConfig {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads the settings through `get`, so tests need not touch the process environment.
    /// An empty value counts as unset, as in `.env.example`.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| get(name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
        let token = get("DISCORD_TOKEN").ok_or(ConfigError::MissingToken)?;
        check_token(&token)?;
        let guild_id = get("DISCORD_GUILD_ID")
            .map(|v| v.parse::<NonZeroU64>().map_err(|_| ConfigError::BadGuildId(v)))
            .transpose()?;
        let api_url = get("DISCORD_API_URL").map(|v| check_api_url(&v)).transpose()?;
        let db_path = PathBuf::from(get("MOVIE_TRIVIA_DB").unwrap_or_else(|| DEFAULT_DB.to_string()));
        let daily_grace = get("MOVIE_TRIVIA_DAILY_GRACE")
            .map(|v| parse_grace(&v).ok_or(ConfigError::BadGrace(v)))
            .transpose()?
            .unwrap_or(crate::daily::DEFAULT_GRACE);
        let clock_start = get("MOVIE_TRIVIA_CLOCK")
            .map(|v| v.parse::<Timestamp>().map_err(|_| ConfigError::BadClock(v)))
            .transpose()?;
        let quiz_seconds = get("MOVIE_TRIVIA_QUIZ_SECONDS")
            .map(|v| {
                v.parse::<u64>().ok().filter(|s| (1..=600).contains(s)).ok_or(ConfigError::BadQuizSeconds(v))
            })
            .transpose()?
            .unwrap_or(crate::quiz::ROUND_SECONDS);
        let quiz_round = std::time::Duration::from_secs(quiz_seconds);
        // Under a day, so a server's quiz is always answered before its next one is posted.
        let daily_reveal = get("MOVIE_TRIVIA_DAILY_REVEAL")
            .map(|v| parse_grace(&v).filter(|d| d.is_positive()).ok_or(ConfigError::BadReveal(v)))
            .transpose()?
            .unwrap_or(crate::daily::DEFAULT_REVEAL_AFTER);
        Ok(BotConfig {
            token: Token(token),
            guild_id,
            api_url,
            db_path,
            daily_grace,
            clock_start,
            quiz_round,
            daily_reveal,
        })
    }
}

/// Catches the usual copy-paste mistakes before Discord sees the token: a "Bot " prefix, the
/// client secret, the application id, quotes. The reason never repeats the token.
fn check_token(token: &str) -> Result<(), ConfigError> {
    if token.starts_with('"') || token.starts_with('\'') {
        return Err(ConfigError::MalformedToken("remove the quotes around it"));
    }
    if token.len() > 6 && token[..4].eq_ignore_ascii_case("bot ") {
        return Err(ConfigError::MalformedToken("leave out the \"Bot \" prefix"));
    }
    if token.chars().any(char::is_whitespace) {
        return Err(ConfigError::MalformedToken("it contains spaces"));
    }
    // A bot token is three base64 parts joined by dots; a client secret or an id is one part.
    let parts: Vec<&str> = token.split('.').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        return Err(ConfigError::MalformedToken("a bot token has three parts separated by dots"));
    }
    Ok(())
}

/// A grace of a day or more would reach back past the previous post, so it is capped below.
fn parse_grace(text: &str) -> Option<SignedDuration> {
    let grace: SignedDuration = text.parse().ok()?;
    (!grace.is_negative() && grace < SignedDuration::from_hours(24)).then_some(grace)
}

/// The URL must be scheme, host and optional port: serenity puts it in place of
/// `https://discord.com`, so a path or a trailing slash would break every request.
fn check_api_url(url: &str) -> Result<String, ConfigError> {
    let bad = |why| ConfigError::BadApiUrl(url.to_string(), why);
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| bad("it must start with http:// or https://"))?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    if rest.is_empty() {
        return Err(bad("it has no host"));
    }
    if rest.contains(['/', '?', '#']) {
        return Err(bad("give only scheme, host and port, such as http://127.0.0.1:3000, without a path"));
    }
    Ok(url.strip_suffix('/').unwrap_or(url).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB";

    fn config(vars: &[(&str, &str)]) -> Result<BotConfig, ConfigError> {
        let vars: Vec<(String, String)> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        BotConfig::from_lookup(|name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()))
    }

    #[test]
    fn a_token_alone_is_enough() {
        let c = config(&[("DISCORD_TOKEN", TOKEN)]).unwrap();
        assert_eq!(c.token.expose(), TOKEN);
        assert_eq!(c.guild_id, None);
        assert_eq!(c.api_url, None);
    }

    #[test]
    fn a_missing_or_empty_token_says_how_to_set_it() {
        for vars in [&[][..], &[("DISCORD_TOKEN", "  ")][..]] {
            let e = config(vars).unwrap_err();
            assert_eq!(e, ConfigError::MissingToken);
            assert!(e.to_string().contains(".env"), "{e}");
        }
    }

    #[test]
    fn common_token_mistakes_are_named_without_echoing_the_token() {
        let cases = [
            (format!("Bot {TOKEN}"), "\"Bot \" prefix"),
            (format!("\"{TOKEN}\""), "quotes"),
            ("abcdefghijklmnopqrstuvwxyz012345".to_string(), "three parts"),
            ("a..b".to_string(), "three parts"),
        ];
        for (token, why) in cases {
            let e = config(&[("DISCORD_TOKEN", &token)]).unwrap_err();
            let text = e.to_string();
            assert!(text.contains(why), "{text}");
            assert!(!text.contains(&token) && !text.contains(TOKEN), "token leaked: {text}");
        }
    }

    #[test]
    fn the_token_is_redacted_in_debug_output() {
        let c = config(&[("DISCORD_TOKEN", TOKEN)]).unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains(TOKEN), "{shown}");
        assert!(shown.contains("redacted"), "{shown}");
    }

    #[test]
    fn the_guild_id_must_be_a_snowflake() {
        let c = config(&[("DISCORD_TOKEN", TOKEN), ("DISCORD_GUILD_ID", "123456789012345678")]).unwrap();
        assert_eq!(c.guild_id.map(NonZeroU64::get), Some(123456789012345678));
        for bad in ["abc", "0", "-5", "1.5"] {
            let e = config(&[("DISCORD_TOKEN", TOKEN), ("DISCORD_GUILD_ID", bad)]).unwrap_err();
            assert_eq!(e, ConfigError::BadGuildId(bad.to_string()));
            assert!(e.to_string().starts_with(&format!("DISCORD_GUILD_ID `{bad}`")), "{e}");
        }
    }

    #[test]
    fn the_api_url_is_scheme_host_and_port_only() {
        let ok = |url: &str| config(&[("DISCORD_TOKEN", TOKEN), ("DISCORD_API_URL", url)]).map(|c| c.api_url);
        assert_eq!(ok("http://127.0.0.1:3000"), Ok(Some("http://127.0.0.1:3000".to_string())));
        assert_eq!(ok("https://proxy.example/"), Ok(Some("https://proxy.example".to_string())));
        for (bad, why) in [
            ("127.0.0.1:3000", "http://"),
            ("http://127.0.0.1:3000/api/v10", "without a path"),
            ("https://", "no host"),
        ] {
            let e = ok(bad).unwrap_err();
            assert!(e.to_string().contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn daily_settings_have_defaults_and_are_checked() {
        let c = config(&[("DISCORD_TOKEN", TOKEN)]).unwrap();
        assert_eq!(c.db_path, PathBuf::from("movie-trivia.db"));
        assert_eq!(c.daily_grace, SignedDuration::from_hours(6));
        assert_eq!(c.clock_start, None);
        assert_eq!(c.daily_reveal, SignedDuration::from_hours(1));
        let c = config(&[
            ("DISCORD_TOKEN", TOKEN),
            ("MOVIE_TRIVIA_DB", "/var/lib/movie-trivia/bot.db"),
            ("MOVIE_TRIVIA_DAILY_GRACE", "2h 30m"),
            ("MOVIE_TRIVIA_CLOCK", "2026-03-29T00:59:50Z"),
        ])
        .unwrap();
        assert_eq!(c.db_path, PathBuf::from("/var/lib/movie-trivia/bot.db"));
        assert_eq!(c.daily_grace, SignedDuration::from_mins(150));
        assert_eq!(c.clock_start, Some("2026-03-29T00:59:50Z".parse().unwrap()));
        for bad in ["soon", "-1h", "24h", "3 days"] {
            let e = config(&[("DISCORD_TOKEN", TOKEN), ("MOVIE_TRIVIA_DAILY_GRACE", bad)]).unwrap_err();
            assert_eq!(e, ConfigError::BadGrace(bad.to_string()));
        }
        let c = config(&[("DISCORD_TOKEN", TOKEN), ("MOVIE_TRIVIA_DAILY_REVEAL", "30s")]).unwrap();
        assert_eq!(c.daily_reveal, SignedDuration::from_secs(30));
        for bad in ["0s", "24h", "later"] {
            let e = config(&[("DISCORD_TOKEN", TOKEN), ("MOVIE_TRIVIA_DAILY_REVEAL", bad)]).unwrap_err();
            assert_eq!(e, ConfigError::BadReveal(bad.to_string()));
        }
        let e = config(&[("DISCORD_TOKEN", TOKEN), ("MOVIE_TRIVIA_CLOCK", "tomorrow")]).unwrap_err();
        assert!(e.to_string().contains("MOVIE_TRIVIA_CLOCK `tomorrow`"), "{e}");
    }
}
