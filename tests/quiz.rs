//! The quiz end to end: the real bot against the Discord double, with two-second rounds
//! (`MOVIE_TRIVIA_QUIZ_SECONDS`), members clicking answers, and the scores on `/leaderboard`.
#![recursion_limit = "256"]

mod support;

use std::collections::HashMap;

use serde_json::Value;

use support::payloads::{self, ALL_PERMISSIONS, MEMBER_PERMISSIONS};
use support::running::{buttons, embed, is_ephemeral, Running};

const ANN: (u64, &str) = (1_600_000_000_000_000_011, "ann");
const BOB: (u64, &str) = (1_600_000_000_000_000_012, "bob");
const CY: (u64, &str) = (1_600_000_000_000_000_013, "cy");
const DEE: (u64, &str) = (1_600_000_000_000_000_014, "dee");
const PLAYERS: [(u64, &str); 4] = [ANN, BOB, CY, DEE];

async fn start() -> Running {
    Running::start_with(&[("MOVIE_TRIVIA_QUIZ_SECONDS", "2")]).await
}

/// `/quiz start` by `who` with string options; the interaction id and the answer.
async fn quiz_start(run: &Running, who: (u64, &str), options: &[(&str, u8, &str)]) -> (u64, Value) {
    run.subcommand("quiz", "start", options, who, MEMBER_PERMISSIONS).await
}

fn text(body: &Value) -> String {
    let e = &body["embeds"][0];
    format!("{}\n{}", e["title"].as_str().unwrap_or_default(), e["description"].as_str().unwrap_or_default())
}

/// (label, custom_id) of the buttons of a message as the bot sent it.
fn buttons_of(sent: &Value) -> Vec<(String, String)> {
    buttons(&serde_json::json!({ "data": sent }))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_two_round_quiz_scores_the_right_answers_and_the_leaderboard_shows_them() {
    let run = start().await;
    let (quiz, answer) = quiz_start(&run, ANN, &[("rounds", 4, "2")]).await;
    assert_eq!(answer["type"], 4);
    assert!(!is_ephemeral(&answer), "the question is for everyone");
    let mut question = answer["data"].clone();
    let mut expected: HashMap<u64, u32> = HashMap::new();
    for round in 0..2 {
        assert!(
            text(&question).starts_with(&format!("Which film is this? Round {} of 2", round + 1)),
            "{question:#}"
        );
        let choices = buttons_of(&question);
        assert_eq!(choices.len(), 4, "{question:#}");
        // Each member picks a different film, so exactly one is right; Ann clicks first.
        for (who, (_, custom_id)) in PLAYERS.iter().zip(&choices) {
            let ack = run.click_as(*who, custom_id, &question).await;
            assert!(is_ephemeral(&ack), "{ack:#}");
            assert!(text(&ack["data"]).contains("You chose"), "{ack:#}");
        }
        let again = run.click_as(ANN, &choices[3].1, &question).await;
        assert!(is_ephemeral(&again));
        assert!(text(&again["data"]).contains("You already answered"), "{again:#}");

        // The reveal (round 1: follow-up 1; round 2: follow-up 3).
        let reveal = run.follow_ups(quiz, 2 * round + 1).await[2 * round].clone();
        let said = text(&reveal);
        let title = reveal["embeds"][0]["title"].as_str().unwrap();
        let film = title.split(": it was ").nth(1).unwrap_or_else(|| panic!("{title}"));
        let right = choices.iter().position(|(label, _)| label == film).expect("the answer was a choice");
        let winner = PLAYERS[right];
        *expected.entry(winner.0).or_default() += 3;
        assert_eq!(reveal["embeds"][0]["fields"][0]["value"], format!("<@{}> +3", winner.0), "{said}");
        assert!(reveal["embeds"][0]["footer"]["text"].as_str().unwrap().starts_with("Source: "));
        if round == 0 {
            question = run.follow_ups(quiz, 2).await[1].clone();
        }
    }
    let standings = run.follow_ups(quiz, 4).await[3].clone();
    assert!(text(&standings).starts_with("Final standings"), "{standings:#}");

    // A late click on a finished quiz is answered politely.
    let late = run.click_as(BOB, &buttons_of(&answer["data"])[0].1, &answer["data"]).await;
    assert!(is_ephemeral(&late) && text(&late["data"]).contains("This quiz has ended"), "{late:#}");

    // The scores were stored: /leaderboard ranks them, with the caller's own rank.
    let id = run.discord.next_id();
    let board =
        payloads::slash_command(id, &run.command_id("leaderboard"), "leaderboard", &[], DEE, ALL_PERMISSIONS);
    let board = run.discord.interact(board).await;
    let shown = embed(&board)["description"].as_str().unwrap().to_string();
    let mut ranked: Vec<(u64, u32)> = expected.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let (top, points) = ranked[0];
    assert!(shown.starts_with(&format!("1. <@{top}> · {points} points")), "{shown}");
    for (who, _) in PLAYERS {
        assert!(shown.contains(&format!("<@{who}>")), "every player played: {shown}");
    }
    assert!(embed(&board)["fields"][0]["value"].as_str().unwrap().contains(&format!("<@{}>", DEE.0)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_quiz_per_channel_and_only_its_starter_or_a_moderator_stops_it() {
    let run = Running::start().await; // 20-second rounds: the quiz stays open during the test
    let (quiz, _) = quiz_start(&run, ANN, &[("rounds", 4, "3")]).await;
    let (_, busy) = quiz_start(&run, BOB, &[]).await;
    assert!(is_ephemeral(&busy) && text(&busy["data"]).contains("already running"), "{busy:#}");

    let (_, refused) = run.subcommand("quiz", "stop", &[], BOB, MEMBER_PERMISSIONS).await;
    assert!(is_ephemeral(&refused) && text(&refused["data"]).contains("Not yours to stop"), "{refused:#}");
    let (_, stopped) = run.subcommand("quiz", "stop", &[], ANN, MEMBER_PERMISSIONS).await;
    assert!(text(&stopped["data"]).contains("Stopping"), "{stopped:#}");
    let standings = run.follow_ups(quiz, 1).await[0].clone();
    assert!(
        text(&standings).starts_with("Quiz stopped") && text(&standings).contains(&format!("<@{}>", ANN.0))
    );
    // The question lost its buttons.
    let edited = run
        .discord
        .wait_for("the question edited", |calls| {
            calls
                .iter()
                .find(|c| c.method == "PATCH" && c.path.contains(&format!("interaction-token-{quiz}")))
                .cloned()
        })
        .await;
    assert_eq!(edited.body["components"], serde_json::json!([]));
    let (_, none) = run.subcommand("quiz", "stop", &[], ANN, MEMBER_PERMISSIONS).await;
    assert!(text(&none["data"]).contains("No quiz is running"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_filter_that_leaves_nothing_says_so() {
    let run = start().await;
    let (_, answer) = quiz_start(&run, ANN, &[("decade", 3, "1890s")]).await;
    assert!(is_ephemeral(&answer), "{answer:#}");
    assert!(text(&answer["data"]).contains("no facts from the 1890s"), "{answer:#}");
}
