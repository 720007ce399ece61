//! Button ids. A button carries its whole follow-up in its `custom_id` (stable ids from the
//! data set), so a click works after a restart and the bot keeps no per-message state.

use crate::reply::Action;

/// Discord's limit on a `custom_id`.
pub const MAX_LEN: usize = 100;

/// Every id starts with this, so buttons of other features (or other bots' leftovers) are told
/// apart from ours; the digit is the format's version.
const PREFIX: &str = "mt1";
/// Stands for "no filter" in [`Action::AnotherFact`]; data set ids are slugs, never "-".
const NONE: &str = "-";

/// The `custom_id` for an action, or `None` when its ids are too long to fit.
pub fn encode(action: &Action) -> Option<String> {
    let id = match action {
        Action::AnotherFact { film, technique } => format!(
            "{PREFIX}:fact:{}:{}",
            film.as_deref().unwrap_or(NONE),
            technique.as_deref().unwrap_or(NONE)
        ),
        Action::MoreFromFilm { film } => format!("{PREFIX}:film:{film}"),
        Action::ExplainTechnique { technique, .. } => format!("{PREFIX}:tech:{technique}"),
    };
    (id.len() <= MAX_LEN).then_some(id)
}

/// What a clicked `custom_id` asks for, or `None` when it is not one of ours (or is malformed).
/// The technique's display name is not carried: the reply looks it up again.
pub fn decode(custom_id: &str) -> Option<Action> {
    let rest = custom_id.strip_prefix(PREFIX)?.strip_prefix(':')?;
    let (kind, args) = rest.split_once(':')?;
    let slug = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'))
            .then(|| s.to_string())
    };
    match kind {
        "fact" => {
            let (film, technique) = args.split_once(':')?;
            let filter = |s: &str| if s == NONE { Some(None) } else { slug(s).map(Some) };
            Some(Action::AnotherFact { film: filter(film)?, technique: filter(technique)? })
        }
        "film" => Some(Action::MoreFromFilm { film: slug(args)? }),
        "tech" => Some(Action::ExplainTechnique { technique: slug(args)?, name: String::new() }),
        _ => None,
    }
}

/// A click on one of a quiz round's answers. The quiz id tells a running quiz from an older
/// one in the same channel; the round, a late click from an earlier round.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizClick {
    pub quiz: u64,
    pub round: usize,
    pub choice: usize,
}

pub fn encode_quiz(click: QuizClick) -> String {
    format!("{PREFIX}:quiz:{}:{}:{}", click.quiz, click.round, click.choice)
}

pub fn decode_quiz(custom_id: &str) -> Option<QuizClick> {
    let rest = custom_id.strip_prefix(PREFIX)?.strip_prefix(":quiz:")?;
    let mut parts = rest.split(':').map(str::parse::<u64>);
    let (quiz, round, choice) = (parts.next()?.ok()?, parts.next()?.ok()?, parts.next()?.ok()?);
    if parts.next().is_some() {
        return None;
    }
    Some(QuizClick { quiz, round: usize::try_from(round).ok()?, choice: usize::try_from(choice).ok()? })
}

/// A click on one of a daily "Guess the film" post's answers. The server comes with the click;
/// the date names the post, and its answers are kept in the database, so the button works
/// across restarts until the reveal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DailyQuizClick {
    pub date: jiff::civil::Date,
    pub choice: usize,
}

pub fn encode_daily_quiz(click: DailyQuizClick) -> String {
    format!("{PREFIX}:dq:{}:{}", click.date, click.choice)
}

pub fn decode_daily_quiz(custom_id: &str) -> Option<DailyQuizClick> {
    let rest = custom_id.strip_prefix(PREFIX)?.strip_prefix(":dq:")?;
    let (date, choice) = rest.split_once(':')?;
    Some(DailyQuizClick { date: date.parse().ok()?, choice: choice.parse().ok()? })
}

#[cfg(test)]
mod tests {
    #[test]
    fn daily_quiz_clicks_survive_a_round_trip_and_junk_is_refused() {
        let click = DailyQuizClick { date: jiff::civil::date(2026, 3, 29), choice: 2 };
        assert_eq!(encode_daily_quiz(click), "mt1:dq:2026-03-29:2");
        assert_eq!(decode_daily_quiz("mt1:dq:2026-03-29:2"), Some(click));
        for junk in ["mt1:dq:2026-02-30:1", "mt1:dq:2026-03-29", "mt1:dq:2026-03-29:x", "mt1:quiz:1:2:3"] {
            assert_eq!(decode_daily_quiz(junk), None, "{junk}");
        }
        assert_eq!(decode("mt1:dq:2026-03-29:2"), None, "not a fact button");
    }

    #[test]
    fn quiz_clicks_survive_a_round_trip_and_junk_is_refused() {
        let click = QuizClick { quiz: 1_500_000_000_000_000_001, round: 9, choice: 3 };
        let id = encode_quiz(click);
        assert!(id.len() <= MAX_LEN);
        assert_eq!(decode_quiz(&id), Some(click));
        assert_eq!(decode(&id), None, "not a fact button");
        for junk in
            ["mt1:quiz:1:2", "mt1:quiz:1:2:3:4", "mt1:quiz:a:2:3", "mt1:quiz:1:-2:3", "mt1:film:rope-1948"]
        {
            assert_eq!(decode_quiz(junk), None, "{junk}");
        }
    }

    use super::*;

    fn another(film: Option<&str>, technique: Option<&str>) -> Action {
        Action::AnotherFact { film: film.map(String::from), technique: technique.map(String::from) }
    }

    #[test]
    fn every_action_survives_a_round_trip() {
        let actions = [
            another(None, None),
            another(Some("rope-1948"), None),
            another(None, Some("dolly-zoom")),
            another(Some("2001-a-space-odyssey-1968"), Some("front-projection")),
            Action::MoreFromFilm { film: "the-matrix-1999".into() },
        ];
        for action in actions {
            let id = encode(&action).unwrap();
            assert!(id.len() <= MAX_LEN);
            assert_eq!(decode(&id), Some(action), "{id}");
        }
        let explain =
            Action::ExplainTechnique { technique: "bullet-time".into(), name: "Bullet time".into() };
        assert_eq!(encode(&explain).as_deref(), Some("mt1:tech:bullet-time"));
        assert_eq!(
            decode("mt1:tech:bullet-time"),
            Some(Action::ExplainTechnique { technique: "bullet-time".into(), name: String::new() })
        );
    }

    #[test]
    fn ids_too_long_for_discord_are_not_encoded() {
        let long = "x".repeat(95);
        assert_eq!(encode(&Action::MoreFromFilm { film: long }), None);
    }

    #[test]
    fn foreign_or_mangled_ids_are_not_ours() {
        for id in [
            "",
            "mt1",
            "mt1:",
            "mt2:film:rope-1948",
            "mt1:film:",
            "mt1:film:Rope 1948",
            "mt1:fact:rope-1948",
            "mt1:fact::-",
            "mt1:quiz:abc",
            "other-bot:film:rope-1948",
        ] {
            assert_eq!(decode(id), None, "{id:?}");
        }
    }
}
