//! The real bot (the `movie-trivia` binary) against a Discord double on 127.0.0.1: what a
#![recursion_limit = "256"]
//! server sees, checked through the calls the double records.

mod support;

use std::time::Duration;

use serde_json::{json, Value};
use serenity::model::event::{Event, GatewayEvent};

use support::bot::{Bot, TOKEN};
use support::double::DiscordDouble;
use support::payloads::{self, ALL_PERMISSIONS};
use support::running::{assert_no_mentions, buttons, embed, is_ephemeral, wait_for_log, Running, MEMBER};

#[test]
fn the_doubles_payloads_are_ones_serenity_understands() {
    let interaction = payloads::slash_command(1, "2", "film", &[("title", "rope")], MEMBER, ALL_PERMISSIONS);
    let message = payloads::message(3, payloads::CHANNEL_ID, &json!({ "embeds": [] }), payloads::bot_user());
    let frames = [
        ("READY", payloads::ready("s", "ws://127.0.0.1:1/gateway")),
        ("GUILD_CREATE", payloads::guild()),
        ("INTERACTION_CREATE", interaction),
        ("INTERACTION_CREATE", payloads::autocomplete(4, "2", "film", "title", "ro", MEMBER)),
        ("INTERACTION_CREATE", payloads::button_click(5, "mt1:film:rope-1948", message, MEMBER)),
    ];
    for (name, data) in frames {
        let frame = payloads::frame(0, data, Some(1), Some(name));
        let event: GatewayEvent = serde_json::from_value(frame).unwrap_or_else(|e| panic!("{name}: {e}"));
        match event {
            GatewayEvent::Dispatch(_, Event::Unknown(u)) => {
                panic!("{name} would be dropped as unknown: {u:?}")
            }
            GatewayEvent::Dispatch(..) => {}
            other => panic!("{name}: not a dispatch: {other:?}"),
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_registers_its_commands_with_options_and_descriptions() {
    let run = Running::start().await;
    let names: Vec<&str> = run.commands.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["trivia", "film", "technique", "quiz", "leaderboard", "daily", "help"]);
    for command in &run.commands {
        assert!(!command["description"].as_str().unwrap_or_default().is_empty(), "{command:#}");
        for option in command["options"].as_array().cloned().unwrap_or_default() {
            assert!(!option["description"].as_str().unwrap_or_default().is_empty(), "{option:#}");
        }
    }
    let film = run.commands.iter().find(|c| c["name"] == "film").unwrap();
    assert_eq!(film["options"][0]["name"], "title");
    assert_eq!(film["options"][0]["required"], true);
    assert_eq!(film["options"][0]["autocomplete"], true);
    let trivia = run.commands.iter().find(|c| c["name"] == "trivia").unwrap();
    let options: Vec<(&str, bool)> = trivia["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["name"].as_str().unwrap(), o["autocomplete"] == true))
        .collect();
    assert_eq!(options, [("film", true), ("technique", true)]);
    // Without DISCORD_GUILD_ID the commands are global.
    let put = run.discord.calls().into_iter().find(|c| c.path.ends_with("/commands")).unwrap();
    assert_eq!(put.path, format!("/api/v10/applications/{}/commands", payloads::APPLICATION_ID));
    assert!(run.discord.unexpected().is_empty(), "{:?}", run.discord.unexpected());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_identifies_with_the_guilds_intent_only_and_logs_how_to_invite_it() {
    // The most verbose log, serenity's included, is where a token would leak first.
    let run = Running::start_with(&[("RUST_LOG", "trace")]).await;
    let identify = &run.discord.identifies()[0];
    const GUILDS: u64 = 1;
    assert_eq!(identify["intents"].as_u64(), Some(GUILDS), "{identify:#}");
    // The log shows who connected, where, with what, and the invite link; never the token.
    let log = wait_for_log(&run.bot, "invite the bot with").await;
    assert!(log.contains(&format!("connected as {} to 1 server(s)", payloads::BOT_NAME)), "{log}");
    assert!(log.contains("data set:") && log.contains(" facts, "), "{log}");
    assert!(
        log.contains(&format!(
            "https://discord.com/oauth2/authorize?client_id={}&scope=bot+applications.commands&permissions=19456",
            payloads::APPLICATION_ID
        )),
        "{log}"
    );
    assert!(!log.contains(TOKEN), "the token leaked into the log");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn film_with_a_typo_answers_with_the_films_card() {
    let run = Running::start().await;
    let answer = run.slash("film", &[("title", "incepton")]).await;
    assert_eq!(answer["type"], 4, "{answer:#}");
    assert_eq!(embed(&answer)["title"], "Inception (2010)");
    assert!(embed(&answer)["description"].as_str().unwrap().contains("Christopher Nolan"), "{answer:#}");
    assert!(embed(&answer)["footer"]["text"].as_str().unwrap().starts_with("Source"), "{answer:#}");
    assert!(!embed(&answer)["fields"].as_array().unwrap().is_empty());
    assert!(!is_ephemeral(&answer));
    assert_no_mentions(&answer);
    // A film id, as autocomplete hands it back, works too.
    let answer = run.slash("film", &[("title", "inception-2010")]).await;
    assert_eq!(embed(&answer)["title"], "Inception (2010)");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn trivia_answers_with_a_fact_and_its_another_fact_button_gives_another() {
    let run = Running::start().await;
    let first = run.slash("trivia", &[]).await;
    assert_eq!(first["type"], 4, "{first:#}");
    assert!(!embed(&first)["description"].as_str().unwrap().is_empty());
    assert_no_mentions(&first);
    let buttons = buttons(&first);
    let (_, another) =
        buttons.iter().find(|(label, _)| label == "Another fact").expect("an Another fact button");
    assert_eq!(another, "mt1:fact:-:-");
    assert!(buttons.iter().any(|(label, _)| label == "More from this film"), "{buttons:?}");

    let second = run.click(another, &first).await;
    assert_eq!(second["type"], 4, "{second:#}");
    assert!(!is_ephemeral(&second));
    assert_no_mentions(&second);
    assert_ne!(embed(&second)["description"], embed(&first)["description"], "the same fact twice in a row");
    assert!(buttons_of(&second).contains(&"Another fact".to_string()));
}

fn buttons_of(answer: &Value) -> Vec<String> {
    buttons(answer).into_iter().map(|(label, _)| label).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autocomplete_offers_both_sequels_with_their_years() {
    let run = Running::start().await;
    let id = run.discord.next_id();
    let payload =
        payloads::autocomplete(id, &run.command_id("film"), "film", "title", "back to the fu", MEMBER);
    let answer = run.discord.interact(payload).await;
    assert_eq!(answer["type"], 8, "{answer:#}");
    let choices = answer["data"]["choices"].as_array().unwrap();
    assert!(choices.len() <= 25);
    let names: Vec<&str> = choices.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert!(names.contains(&"Back to the Future Part II (1989)"), "{names:?}");
    assert!(names.contains(&"Back to the Future Part III (1990)"), "{names:?}");
    let values: Vec<&str> = choices.iter().map(|c| c["value"].as_str().unwrap()).collect();
    assert!(values.contains(&"back-to-the-future-part-ii-1989"), "{values:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_film_that_does_not_exist_gets_an_ephemeral_answer_with_suggestions() {
    let run = Running::start().await;
    let answer = run.slash("film", &[("title", "the matrox reloaded")]).await;
    assert!(is_ephemeral(&answer), "{answer:#}");
    assert_no_mentions(&answer);
    let body = embed(&answer)["description"].as_str().unwrap();
    assert!(body.contains("Did you mean") && body.contains("The Matrix (1999)"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_or_foreign_buttons_get_a_polite_ephemeral_answer() {
    let run = Running::start().await;
    let first = run.slash("trivia", &[]).await;
    for custom_id in ["mt1:film:a-film-removed-since-1999", "mt0:something-old"] {
        let answer = run.click(custom_id, &first).await;
        assert_eq!(answer["type"], 4, "{answer:#}");
        assert!(is_ephemeral(&answer), "{answer:#}");
        assert_no_mentions(&answer);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_survives_the_gateway_dropping_the_connection() {
    let run = Running::start().await;
    let (connections, readies) = (run.discord.connections(), run.discord.ready_count());
    run.discord.drop_gateway();
    run.discord.wait_until_reconnected(connections, readies).await;
    let answer = run.slash("technique", &[("name", "dolly zoom")]).await;
    assert_eq!(embed(&answer)["title"], "Dolly zoom", "{answer:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_stops_the_bot_cleanly() {
    let mut run = Running::start().await;
    run.bot.signal("TERM");
    let status = run.bot.wait_exit(Duration::from_secs(20)).expect("the bot did not stop on SIGTERM");
    assert_eq!(status.code(), Some(0), "{}", run.bot.log());
    assert!(run.bot.log().contains("received SIGTERM"), "{}", run.bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_token_discord_rejects_stops_the_bot_with_one_clear_line() {
    let discord = DiscordDouble::start("some.other.token").await;
    let mut bot = Bot::start(&discord.url(), TOKEN, &[]);
    let status = bot.wait_exit(Duration::from_secs(20)).expect("the bot kept running with a rejected token");
    assert_eq!(status.code(), Some(2));
    let log = bot.log();
    assert!(log.contains("error: Discord rejected DISCORD_TOKEN (401 Unauthorized)"), "{log}");
    assert!(!log.contains(TOKEN), "the token leaked: {log}");
    // No retry loop: one attempt, then out.
    let attempts = discord.calls().iter().filter(|c| c.path == "/api/v10/users/@me").count();
    assert_eq!(attempts, 1);
}

#[test]
fn a_missing_token_says_how_to_set_it() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_movie-trivia"))
        .arg("run")
        .current_dir(std::env::temp_dir())
        .env_remove("DISCORD_TOKEN")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("DISCORD_TOKEN is not set") && stderr.contains(".env"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_development_server_gets_the_commands_instantly() {
    let discord = DiscordDouble::start(TOKEN).await;
    let _bot = Bot::start(&discord.url(), TOKEN, &[("DISCORD_GUILD_ID", &payloads::GUILD_ID.to_string())]);
    discord.wait_until_ready().await;
    let put = discord.calls().into_iter().find(|c| c.path.ends_with("/commands")).unwrap();
    assert_eq!(
        put.path,
        format!("/api/v10/applications/{}/guilds/{}/commands", payloads::APPLICATION_ID, payloads::GUILD_ID)
    );
}
