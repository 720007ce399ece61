//! The "Guess the film" daily post: a server's mode, the round a quiz post carries, and what
//! a member's click on it did. The answers live in the store rather than in memory, because
//! the reveal comes an hour later and the bot may restart in between.

use std::str::FromStr;

use jiff::{SignedDuration, Timestamp};

use crate::quiz::{Winner, CHOICES};

/// How long a daily quiz stays open before its answer is revealed.
pub const DEFAULT_REVEAL_AFTER: SignedDuration = SignedDuration::from_hours(1);

/// What a server's daily post is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// A fact of the day, with its film named.
    #[default]
    Fact,
    /// The fact with its film hidden and four films to guess from; the answer an hour later.
    Quiz,
}

impl Mode {
    /// The name stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Fact => "fact",
            Mode::Quiz => "quiz",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown daily post mode `{0}` (expected `fact` or `quiz`)")]
pub struct ModeError(pub String);

impl FromStr for Mode {
    type Err = ModeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "fact" => Ok(Mode::Fact),
            "quiz" => Ok(Mode::Quiz),
            other => Err(ModeError(other.to_string())),
        }
    }
}

/// The round a quiz post carries, fixed when the post is begun, so a resend after a crash
/// shows the same four films in the same order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuizPost {
    /// Film ids in the order the buttons show them.
    pub choices: [String; CHOICES],
    pub correct: usize,
    /// The redacted fact shown as the question.
    pub question: String,
    pub reveal_at: Timestamp,
}

/// What a click on a daily quiz's answer did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DailyAnswer {
    /// Taken: the film chosen, and when the answer comes.
    Taken { film: String, reveal_at: Timestamp },
    /// The member had answered already: the film they chose then.
    Already { film: String },
    /// The answer was revealed already: the film it was.
    Closed { answer: String },
    /// No quiz post with that date in this server (another bot's button, or data since removed).
    Gone,
}

/// A daily quiz whose answer is due: everything the reveal message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reveal {
    pub guild_id: u64,
    pub channel_id: u64,
    pub date: jiff::civil::Date,
    /// The question's message, to answer it and take its buttons off; `None` when its send
    /// was never confirmed.
    pub question_message: Option<u64>,
    pub fact_id: String,
    pub film_id: String,
    /// Right answers, earliest first, with their points.
    pub winners: Vec<Winner<u64>>,
    /// How many members answered in all.
    pub answered: usize,
    pub nonce: String,
    /// When the reveal was scored: a resend after a restart is safe only soon after.
    pub started_at: Timestamp,
}

/// Film ids as the store keeps them: comma-separated (ids are slugs, never holding a comma).
pub fn join_choices(choices: &[String; CHOICES]) -> String {
    choices.join(",")
}

/// The inverse of [`join_choices`]; `None` for anything but four ids.
pub fn split_choices(text: &str) -> Option<[String; CHOICES]> {
    let ids: Vec<String> = text.split(',').map(String::from).collect();
    ids.try_into().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_read_back_what_they_store_and_refuse_the_rest() {
        for mode in [Mode::Fact, Mode::Quiz] {
            assert_eq!(mode.as_str().parse::<Mode>(), Ok(mode));
        }
        assert_eq!("Quiz".parse::<Mode>(), Err(ModeError("Quiz".into())));
        assert_eq!(Mode::default(), Mode::Fact);
    }

    #[test]
    fn choices_survive_the_store_and_a_wrong_count_is_refused() {
        let choices = ["a-1999".to_string(), "b-2001".into(), "c-1968".into(), "d-2010".into()];
        assert_eq!(split_choices(&join_choices(&choices)), Some(choices));
        assert_eq!(split_choices("a,b,c"), None);
        assert_eq!(split_choices("a,b,c,d,e"), None);
    }
}
