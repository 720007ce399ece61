//! What the quiz shows. Pure: rounds, results and scores in, core [`Reply`] values out (with
//! Discord's `<@id>` markup for players, which never pings: mentions are off on every message).

use crate::catalog::Catalog;
use crate::quiz::{
    film_label, Round, RoundResult, Standing, Winner, FIRST_CORRECT, LATER_CORRECT, SECOND_CORRECT,
};
use crate::reply::{Colour, Field, Reply, Status};
use crate::store::QuizScore;

use super::live::Player;

const QUIZ: Colour = Colour(0xC061CB);

fn user(id: Player) -> String {
    format!("<@{id}>")
}

pub fn question(round: &Round, number: usize, total: usize, seconds: u64) -> Reply {
    let mut reply = Reply::new(
        Status::Answer,
        QUIZ,
        format!("Which film is this? Round {} of {total}", number + 1),
        round.question.clone(),
    );
    reply.body_spoiler = round.spoiler;
    reply.footer = Some(format!(
        "{seconds} seconds, one answer each. The first right answer scores {FIRST_CORRECT}, the second \
         {SECOND_CORRECT}, later ones {LATER_CORRECT}."
    ));
    reply
}

pub fn reveal(catalog: &Catalog, round: &Round, result: &RoundResult<Player>, total: usize) -> Reply {
    let film = film_label(catalog, &round.film_id);
    let fact = catalog.fact(&round.fact_id);
    let text = fact.map_or_else(|| round.question.clone(), |f| f.fact.text.clone());
    let mut reply = Reply::new(
        Status::Answer,
        QUIZ,
        format!("Round {} of {total}: it was {film}", result.round + 1),
        text,
    );
    reply.body_spoiler = round.spoiler;
    let right = right_answers(&result.winners);
    reply.fields.push(Field { name: "Right".into(), value: right, spoiler: false, inline: false });
    reply.footer = fact.and_then(|f| f.fact.sources.first()).map(|s| format!("Source: {}", s.citation()));
    reply
}

/// Who answered a round right, with their points, for the reveal's "Right" field.
pub fn right_answers(winners: &[Winner<Player>]) -> String {
    if winners.is_empty() {
        return "Nobody this time.".to_string();
    }
    winners.iter().map(|w| format!("{} +{}", user(w.player), w.points)).collect::<Vec<_>>().join(" · ")
}

pub fn standings(standings: &[Standing<Player>], stopped_by: Option<Player>, shutting_down: bool) -> Reply {
    let title = if shutting_down || stopped_by.is_some() { "Quiz stopped" } else { "Final standings" };
    let mut body = match (shutting_down, stopped_by) {
        (true, _) => {
            "The bot is restarting, so the quiz ends here. Completed rounds are scored.\n\n".to_string()
        }
        (false, Some(who)) => format!("Stopped by {}. Completed rounds are scored.\n\n", user(who)),
        (false, None) => String::new(),
    };
    if standings.is_empty() {
        body.push_str("Nobody answered.");
    }
    for (i, s) in standings.iter().take(10).enumerate() {
        body.push_str(&format!(
            "{}. {} · {} point{} ({} of {} right)\n",
            i + 1,
            user(s.player),
            s.points,
            if s.points == 1 { "" } else { "s" },
            s.correct,
            s.answered
        ));
    }
    let mut reply = Reply::new(Status::Answer, QUIZ, title, body.trim_end().to_string());
    reply.footer = Some("Scores add up on /leaderboard.".into());
    reply
}

pub fn leaderboard(leaders: &[QuizScore], me: Player, mine: Option<(usize, QuizScore)>) -> Reply {
    let mut body = String::new();
    if leaders.is_empty() {
        body.push_str("Nobody has played yet. Start a quiz with `/quiz start`.");
    }
    for (i, s) in leaders.iter().enumerate() {
        body.push_str(&format!(
            "{}. {} · {} points, {} of {} rounds won\n",
            i + 1,
            user(s.user_id),
            s.points,
            s.rounds_won,
            s.rounds_played
        ));
    }
    let you = match mine {
        Some((rank, s)) => format!("You ({}) are #{rank} with {} points.", user(me), s.points),
        None => "You have not played yet.".to_string(),
    };
    Reply::new(Status::Answer, QUIZ, "Quiz leaderboard", body.trim_end().to_string()).field("You", you)
}

/// Answers shown only to the person concerned.
pub fn private(title: &str, body: String) -> Reply {
    Reply::new(Status::NotFound, QUIZ, title, body)
}

pub fn answered(label: &str) -> Reply {
    private("Answer taken", format!("You chose **{label}**. The answer comes when the round ends."))
}

pub fn already_answered(label: &str) -> Reply {
    private("You already answered", format!("Your answer this round is **{label}**; it cannot be changed."))
}

pub fn round_over() -> Reply {
    private("This round is over", "Wait for the next question.".into())
}

pub fn quiz_gone() -> Reply {
    private("This quiz has ended", "Start a new one with `/quiz start`.".into())
}

pub fn busy() -> Reply {
    private(
        "A quiz is already running here",
        "Play along, or wait for it to end (its starter or a moderator can end it with `/quiz stop`).".into(),
    )
}

pub fn no_quiz() -> Reply {
    private("No quiz is running here", "Start one with `/quiz start`.".into())
}

pub fn stop_refused(starter: Player) -> Reply {
    private(
        "Not yours to stop",
        format!(
            "Only {} (who started it) or someone with Manage Messages can stop this quiz.",
            user(starter)
        ),
    )
}

pub fn stopping() -> Reply {
    private("Stopping the quiz", "The standings follow.".into())
}

pub fn cannot_start(why: &str) -> Reply {
    private("No quiz", format!("{why}."))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round() -> Round {
        Round {
            fact_id: "gone/fact".into(),
            film_id: "gone".into(),
            question: "[this film] was shot in one take.".into(),
            spoiler: false,
            choices: ["a".into(), "b".into(), "c".into(), "d".into()],
            correct: 2,
        }
    }

    #[test]
    fn a_question_numbers_its_round_and_states_the_rules() {
        let reply = question(&round(), 0, 3, 20);
        assert_eq!(reply.title, "Which film is this? Round 1 of 3");
        assert!(reply
            .footer
            .unwrap()
            .starts_with("20 seconds, one answer each. The first right answer scores 3"));
        assert!(reply.actions.is_empty(), "the adapter adds the answer buttons");
    }

    #[test]
    fn the_reveal_names_the_winners_with_their_points() {
        let catalog = crate::commands::test_catalog::catalog();
        let result = RoundResult {
            round: 0,
            correct: 2,
            winners: vec![Winner { player: 5, points: 3 }, Winner { player: 6, points: 2 }],
            wrong: vec![7],
            last: false,
        };
        let reply = reveal(&catalog, &round(), &result, 3);
        assert_eq!(reply.fields[0].value, "<@5> +3 · <@6> +2");
        let nobody = RoundResult { winners: vec![], ..result };
        assert_eq!(reveal(&catalog, &round(), &nobody, 3).fields[0].value, "Nobody this time.");
    }

    #[test]
    fn standings_and_leaderboard_rank_players() {
        let s = |player, points, correct| Standing { player, points, correct, answered: 2 };
        let reply = standings(&[s(5, 5, 2), s(6, 1, 1)], None, false);
        assert_eq!(reply.title, "Final standings");
        assert_eq!(reply.body, "1. <@5> · 5 points (2 of 2 right)\n2. <@6> · 1 point (1 of 2 right)");
        assert!(standings(&[], Some(6), false).body.contains("Stopped by <@6>"));
        let score = |user_id, points| QuizScore { user_id, points, rounds_played: 4, rounds_won: 2 };
        let board = leaderboard(&[score(5, 9), score(6, 4)], 6, Some((2, score(6, 4))));
        assert!(board.body.starts_with("1. <@5> · 9 points, 2 of 4 rounds won"), "{}", board.body);
        assert_eq!(board.fields[0].value, "You (<@6>) are #2 with 4 points.");
        assert_eq!(leaderboard(&[], 6, None).fields[0].value, "You have not played yet.");
    }
}
