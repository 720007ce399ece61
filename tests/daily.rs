//! Daily posts end to end: the real bot against the Discord double, with its clock started
//! seconds before a post is due (`MOVIE_TRIVIA_CLOCK`), so a post arrives during the test.
#![recursion_limit = "256"]

mod support;

use std::time::{Duration, Instant};

use jiff::{SignedDuration, Timestamp};
use serde_json::{json, Value};

use support::double::Fault;
use support::payloads::{self, ALL_PERMISSIONS, CHANNEL_ID, MEMBER_PERMISSIONS, READ_ONLY_CHANNEL_ID};
use support::running::{buttons, embed, is_ephemeral, wait_for_log, Running, MEMBER};

const ADMIN: (u64, &str) = (payloads::OWNER_ID, "owner");
const CHANNEL: u8 = 7;
const TEXT: u8 = 3;

/// 02:30 does not exist in Berlin on 29 March 2026 (clocks jump from 02:00 to 03:00, which is
/// 01:00 UTC): the post goes out at the jump. The bot's clock starts a few seconds before.
const DUE: &str = "2026-03-29T01:00:00Z";
const LEAD: SignedDuration = SignedDuration::from_secs(4);

fn clock_before_due() -> (Timestamp, Instant) {
    let due: Timestamp = DUE.parse().unwrap();
    (due - LEAD, Instant::now())
}

/// The instant the bot's clock shows now, for a bot restarted after `started`.
fn clock_now(start: Timestamp, started: Instant) -> String {
    (start + SignedDuration::try_from(started.elapsed()).unwrap()).to_string()
}

/// A bot whose clock reads noon UTC, so a 23:59 schedule is never due during the test.
async fn at_noon() -> Running {
    Running::start_with(&[("MOVIE_TRIVIA_CLOCK", "2026-06-01T12:00:00Z")]).await
}

fn text(answer: &Value) -> String {
    let e = embed(answer);
    format!("{}\n{}", e["title"].as_str().unwrap_or_default(), e["description"].as_str().unwrap_or_default())
}

/// The answer's text, for answers sent either directly or as a follow-up after deferring.
fn body_text(body: &Value) -> String {
    let e = &body["embeds"][0];
    format!("{}\n{}", e["title"].as_str().unwrap_or_default(), e["description"].as_str().unwrap_or_default())
}

async fn set(
    run: &Running,
    who: (u64, &str),
    permissions: &str,
    channel: u64,
    time: &str,
    zone: Option<&str>,
) -> Value {
    let channel = channel.to_string();
    let mut options = vec![("channel", CHANNEL, channel.as_str()), ("time", TEXT, time)];
    if let Some(zone) = zone {
        options.push(("timezone", TEXT, zone));
    }
    run.subcommand("daily", "set", &options, who, permissions).await.1
}

/// The bodies of every message post the bot requested in the test channel, in order.
fn post_requests(run: &Running) -> Vec<Value> {
    let path = format!("/channels/{CHANNEL_ID}/messages");
    run.discord.calls().into_iter().filter(|c| c.path.ends_with(&path)).map(|c| c.body).collect()
}

/// `/daily now` by an admin: the interaction id and the immediate answer.
async fn now(run: &Running) -> (u64, Value) {
    run.subcommand("daily", "now", &[], ADMIN, ALL_PERMISSIONS).await
}

async fn show(run: &Running) -> String {
    let (_, answer) = run.subcommand("daily", "show", &[], ADMIN, ALL_PERMISSIONS).await;
    assert!(is_ephemeral(&answer), "{answer:#}");
    text(&answer)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn daily_is_registered_for_managers_with_its_subcommands_and_options() {
    let run = Running::start().await;
    let daily = run.commands.iter().find(|c| c["name"] == "daily").expect("/daily registered");
    assert_eq!(daily["default_member_permissions"], "32", "Manage Server by default: {daily:#}");
    let subs: Vec<&str> =
        daily["options"].as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(subs, ["set", "show", "off", "now"]);
    let set = &daily["options"][0];
    let options: Vec<(&str, u64, bool)> = set["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| (o["name"].as_str().unwrap(), o["type"].as_u64().unwrap(), o["required"] == true))
        .collect();
    assert_eq!(
        options,
        [("channel", 7, true), ("time", 3, true), ("timezone", 3, false), ("mode", 4, false)]
    );
    assert_eq!(
        set["options"][0]["channel_types"],
        serde_json::json!([0, 5]),
        "text and announcement channels"
    );
    assert_eq!(set["options"][2]["autocomplete"], true);

    let id = run.discord.next_id();
    let typing = payloads::subcommand_autocomplete(
        id,
        &run.command_id("daily"),
        "daily",
        "set",
        "timezone",
        "berlin",
        MEMBER,
    );
    let answer = run.discord.interact(typing).await;
    assert_eq!(answer["type"], 8, "{answer:#}");
    assert_eq!(answer["data"]["choices"][0]["value"], "Europe/Berlin", "{answer:#}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_without_manage_server_is_refused_and_nothing_is_saved() {
    let run = Running::start().await;
    let answer = set(&run, MEMBER, MEMBER_PERMISSIONS, CHANNEL_ID, "09:00", Some("Europe/Berlin")).await;
    assert!(is_ephemeral(&answer), "{answer:#}");
    assert!(text(&answer).contains("**Manage Server**"), "{answer:#}");
    assert!(show(&run).await.contains("not set up"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn set_names_the_permission_the_bot_lacks_and_saves_nothing() {
    let run = Running::start().await;
    let answer = set(&run, ADMIN, ALL_PERMISSIONS, READ_ONLY_CHANNEL_ID, "09:00", None).await;
    assert!(is_ephemeral(&answer), "{answer:#}");
    let said = text(&answer);
    assert!(
        said.contains(&format!("<#{READ_ONLY_CHANNEL_ID}>"))
            && said.contains("missing **Send Messages** there"),
        "{said}"
    );
    assert!(!said.contains("View Channel") && !said.contains("Embed Links"), "{said}");
    assert!(show(&run).await.contains("not set up"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_times_and_zones_are_explained_and_nothing_is_saved() {
    let run = Running::start().await;
    let said = text(&set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "9am", None).await);
    assert!(said.contains("`9am` is not a time of day") && said.contains("HH:MM"), "{said}");
    let said = text(&set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "09:00", Some("Berlin")).await);
    assert!(said.contains("`Berlin` is not a time zone") && said.contains("Europe/Berlin"), "{said}");
    assert!(show(&run).await.contains("not set up"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_post_arrives_at_its_time_and_a_restart_does_not_post_again() {
    let dir = tempfile::tempdir().unwrap();
    let (start, started) = clock_before_due();
    let clock = start.to_string();
    let mut run = Running::start_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", &clock)]).await;

    let answer = set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "02:30", Some("europe/berlin")).await;
    let said = text(&answer);
    let due: Timestamp = DUE.parse().unwrap();
    assert!(said.contains("**02:30** (Europe/Berlin)"), "{said}");
    assert!(said.contains(&format!("<t:{}:F>", due.as_second())), "the next post is at the jump: {said}");
    assert!(run.discord.messages(CHANNEL_ID).is_empty(), "nothing before its time");

    let posts = run.discord.wait_for_messages(CHANNEL_ID, 1).await;
    let post = &posts[0];
    assert!(post["embeds"][0]["title"].as_str().unwrap().starts_with("Fact of the day: "), "{post:#}");
    assert!(post["embeds"][0]["footer"]["text"].as_str().unwrap().starts_with("Source: "), "{post:#}");
    assert!(post["nonce"].as_str().is_some_and(|n| n.len() <= 25), "{post:#}");
    let request = &post_requests(&run)[0];
    assert_eq!(request["enforce_nonce"], true);
    assert!(request["allowed_mentions"]["parse"].as_array().is_some_and(Vec::is_empty));
    wait_for_log(&run.bot, "sent: fact").await;
    // The next day 02:30 exists again: 00:30 UTC in summer time.
    let tomorrow: Timestamp = "2026-03-30T00:30:00Z".parse().unwrap();
    let shown = show(&run).await;
    assert!(shown.contains(&format!("<t:{}:F>", tomorrow.as_second())), "{shown}");

    run.bot.signal("TERM");
    assert!(run.bot.wait_exit(Duration::from_secs(10)).is_some_and(|s| s.success()));
    run.restart_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", &clock_now(start, started))]).await;
    wait_for_log(&run.bot, "daily posts: 1 server(s) scheduled").await;
    tokio::time::sleep(Duration::from_secs(2)).await;
    assert_eq!(run.discord.messages(CHANNEL_ID).len(), 1, "posted again after a restart");
    assert_eq!(post_requests(&run).len(), 1, "not even a resend");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_while_sending_is_reconciled_with_the_nonce_not_posted_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (start, started) = clock_before_due();
    let mut run = Running::start_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", &start.to_string())]).await;
    set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "02:30", Some("Europe/Berlin")).await;
    // Discord creates the message but the answer never reaches the bot, which then dies.
    run.discord.set_fault(CHANNEL_ID, Some(Fault::Hang));
    let first = run.discord.wait_for_messages(CHANNEL_ID, 1).await;
    run.bot.kill();
    run.discord.set_fault(CHANNEL_ID, None);

    run.restart_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", &clock_now(start, started))]).await;
    wait_for_log(&run.bot, "resending the unconfirmed daily post").await;
    wait_for_log(&run.bot, "sent: fact").await;
    let requests: Vec<Value> = post_requests(&run);
    assert_eq!(requests.len(), 2, "sent, then resent once");
    assert_eq!(requests[0]["nonce"], requests[1]["nonce"]);
    assert_eq!(run.discord.messages(CHANNEL_ID), first, "one message in the channel");
    let (id, _) = now(&run).await;
    let again = body_text(&run.follow_up(id).await);
    assert!(again.contains("already been posted"), "{again}");
    assert_eq!(run.discord.messages(CHANNEL_ID).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn now_posts_today_once_and_counts_as_todays_post() {
    let run = at_noon().await;
    set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "23:59", None).await;
    let (id, answer) = now(&run).await;
    assert_eq!(answer["type"], 5, "deferred while sending: {answer:#}");
    assert!(is_ephemeral(&answer));
    let said = body_text(&run.follow_up(id).await);
    assert!(said.contains("Today's fact") && said.contains(&format!("<#{CHANNEL_ID}>")), "{said}");
    assert_eq!(run.discord.messages(CHANNEL_ID).len(), 1);

    let (id, _) = now(&run).await;
    let again = body_text(&run.follow_up(id).await);
    assert!(again.contains("already been posted"), "{again}");
    assert_eq!(run.discord.messages(CHANNEL_ID).len(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_error_is_retried_with_the_same_nonce() {
    let run = at_noon().await;
    set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "23:59", None).await;
    run.discord.set_fault(CHANNEL_ID, Some(Fault::StatusTimes(500, 1)));
    let (id, _) = now(&run).await;
    let said = body_text(&run.follow_up(id).await);
    assert!(said.contains("Posted"), "{said}");
    let nonces: Vec<Value> = post_requests(&run).iter().map(|b| b["nonce"].clone()).collect();
    assert_eq!(nonces.len(), 2, "one failure, one retry");
    assert_eq!(nonces[0], nonces[1]);
    assert_eq!(run.discord.messages(CHANNEL_ID).len(), 1);
    assert!(run.bot.log().contains("retrying in"), "{}", run.bot.log());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn lost_access_pauses_the_posts_and_show_says_why() {
    let run = at_noon().await;
    set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "23:59", None).await;
    run.discord.set_fault(CHANNEL_ID, Some(Fault::Status(403)));
    let (id, _) = now(&run).await;
    let said = body_text(&run.follow_up(id).await);
    assert!(said.contains("could not be posted") && said.contains("403 Missing Permissions"), "{said}");
    let shown = show(&run).await;
    assert!(
        shown.contains("paused") && shown.contains("403 Missing Permissions") && shown.contains("/daily set"),
        "{shown}"
    );
    let log = wait_for_log(&run.bot, "daily posts paused for server").await;
    assert_eq!(log.matches("daily posts paused for server").count(), 1, "one line: {log}");

    // Fixed: /daily set resumes, and today's post can still go out.
    run.discord.set_fault(CHANNEL_ID, None);
    set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "23:59", None).await;
    assert!(show(&run).await.contains("Daily facts are on"));
    let (id, _) = now(&run).await;
    assert!(body_text(&run.follow_up(id).await).contains("Posted"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn off_stops_the_posts() {
    let run = Running::start().await;
    set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "08:00", Some("Asia/Tokyo")).await;
    assert!(show(&run).await.contains("**08:00** (Asia/Tokyo)"));
    let (_, answer) = run.subcommand("daily", "off", &[], ADMIN, ALL_PERMISSIONS).await;
    assert!(text(&answer).contains("Daily facts are off"), "{answer:#}");
    let shown = show(&run).await;
    assert!(shown.contains("Daily facts are off") && shown.contains("Asia/Tokyo"), "{shown}");
    let (_, refused) = run.subcommand("daily", "off", &[], MEMBER, MEMBER_PERMISSIONS).await;
    assert!(text(&refused).contains("Manage Server"));
}

/// Sets 02:30 Berlin the day before, stops, and starts again at `back`: as if the bot had been
/// down over the due time (01:00 UTC).
async fn down_over_the_due_time(back: &str) -> (tempfile::TempDir, Running) {
    let dir = tempfile::tempdir().unwrap();
    let mut run = Running::start_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", "2026-03-28T12:00:00Z")]).await;
    set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "02:30", Some("Europe/Berlin")).await;
    run.bot.signal("TERM");
    assert!(run.bot.wait_exit(Duration::from_secs(10)).is_some());
    run.restart_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", back)]).await;
    (dir, run)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_missed_while_down_goes_out_on_start_within_the_grace_period() {
    let (_dir, run) = down_over_the_due_time("2026-03-29T06:59:00Z").await;
    let posts = run.discord.wait_for_messages(CHANNEL_ID, 1).await;
    assert!(posts[0]["embeds"][0]["title"].as_str().unwrap().starts_with("Fact of the day"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_post_missed_by_more_than_the_grace_period_is_skipped_and_logged() {
    let (_dir, run) = down_over_the_due_time("2026-03-29T07:00:01Z").await;
    let log = wait_for_log(&run.bot, "skipped").await;
    let line = log.lines().find(|l| l.contains("skipped")).unwrap();
    assert!(line.contains("date 2026-03-29") && line.contains("grace period (6h)"), "{line}");
    tokio::time::sleep(Duration::from_secs(1)).await;
    assert!(run.discord.messages(CHANNEL_ID).is_empty());
    // Tomorrow's post is still planned.
    let tomorrow: Timestamp = "2026-03-30T00:30:00Z".parse().unwrap();
    assert!(show(&run).await.contains(&format!("<t:{}:F>", tomorrow.as_second())));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_deleted_channel_pauses_the_posts() {
    let run = at_noon().await;
    set(&run, ADMIN, ALL_PERMISSIONS, CHANNEL_ID, "23:59", None).await;
    run.discord.set_fault(CHANNEL_ID, Some(Fault::Status(404)));
    let (id, _) = now(&run).await;
    let said = body_text(&run.follow_up(id).await);
    assert!(said.contains("the channel no longer exists"), "{said}");
    let shown = show(&run).await;
    assert!(shown.contains("paused") && shown.contains("404 Unknown Channel"), "{shown}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_daily_quiz_takes_one_answer_each_across_a_restart_and_reveals_the_scores() {
    const ANN: (u64, &str) = (1_600_000_000_000_000_011, "ann");
    const BOB: (u64, &str) = (1_600_000_000_000_000_012, "bob");
    const CY: (u64, &str) = (1_600_000_000_000_000_013, "cy");
    const DEE: (u64, &str) = (1_600_000_000_000_000_014, "dee");
    let dir = tempfile::tempdir().unwrap();
    let (start, started) = clock_before_due();
    let reveal = ("MOVIE_TRIVIA_DAILY_REVEAL", "15s");
    let mut run = Running::start_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", &start.to_string()), reveal]).await;
    let channel = CHANNEL_ID.to_string();
    let options = [
        ("channel", CHANNEL, channel.as_str()),
        ("time", TEXT, "02:30"),
        ("timezone", TEXT, "Europe/Berlin"),
    ];
    let daily = run.commands.iter().find(|c| c["name"] == "daily").unwrap();
    let mode = &daily["options"][0]["options"][3];
    assert_eq!((&mode["name"], &mode["type"], &mode["required"]), (&json!("mode"), &json!(4), &json!(false)));
    let choices: Vec<(&Value, &Value)> =
        mode["choices"].as_array().unwrap().iter().map(|c| (&c["name"], &c["value"])).collect();
    assert_eq!(choices, [(&json!("fact"), &json!(0)), (&json!("quiz"), &json!(1))]);
    let (_, answer) = run
        .subcommand("daily", "set", &[&options[..], &[("mode", 4, "1")]].concat(), ADMIN, ALL_PERMISSIONS)
        .await;
    assert!(text(&answer).contains("\"Guess the film\" quiz"), "{answer:#}");

    // The question: the fact with its film hidden, four films as buttons.
    let question = run.discord.wait_for_messages(CHANNEL_ID, 1).await.remove(0);
    assert_eq!(question["embeds"][0]["title"], "Guess the film", "{question:#}");
    let choices = buttons(&json!({ "data": question }));
    assert_eq!(choices.len(), 4, "{question:#}");
    for (i, (_, custom_id)) in choices.iter().enumerate() {
        assert_eq!(custom_id, &format!("mt1:dq:2026-03-29:{i}"));
    }
    let due: Timestamp = DUE.parse().unwrap();
    let reveal_at = due.as_second() + 15;
    let rules = question["embeds"][0]["fields"][0]["value"].as_str().unwrap();
    assert!(rules.contains(&format!("<t:{reveal_at}:R>")), "{rules}");

    // Each member picks a different film; a second click is refused.
    for (who, choice) in [(ANN, 0), (BOB, 1), (CY, 2)] {
        let taken = run.click_as(who, &choices[choice].1, &question).await;
        assert!(is_ephemeral(&taken), "{taken:#}");
        assert!(text(&taken).contains(&format!("You chose **{}**", choices[choice].0)), "{taken:#}");
    }
    // The answers are in the database: a restart forgets none and the buttons keep working.
    run.bot.signal("TERM");
    assert!(run.bot.wait_exit(Duration::from_secs(10)).is_some_and(|s| s.success()));
    run.restart_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", &clock_now(start, started)), reveal]).await;
    let again = run.click_as(ANN, &choices[3].1, &question).await;
    assert!(text(&again).contains(&format!("Your answer this round is **{}**", choices[0].0)), "{again:#}");
    let taken = run.click_as(DEE, &choices[3].1, &question).await;
    assert!(text(&taken).contains("Answer taken"), "the click came after the reveal: {taken:#}");

    // The reveal, as a reply to the question, whose buttons come off.
    let reveal_message = run.discord.wait_for_messages(CHANNEL_ID, 2).await.remove(1);
    let title = reveal_message["embeds"][0]["title"].as_str().unwrap();
    let film = title.strip_prefix("Guess the film: it was ").unwrap_or_else(|| panic!("{title}"));
    let right = choices.iter().position(|(label, _)| label == film).expect("the answer is one of the four");
    let winner = [ANN, BOB, CY, DEE][right];
    let fields = &reveal_message["embeds"][0]["fields"];
    assert_eq!(fields[0]["value"], format!("<@{}> +3", winner.0), "{reveal_message:#}");
    assert_eq!(fields[1]["value"], "1 of 4 right");
    let bare_title = film.rsplit_once(" (").unwrap().0.to_lowercase();
    let shown = question["embeds"][0]["description"].as_str().unwrap().to_lowercase();
    assert!(!shown.contains(&bare_title), "the question named the film: {shown}");
    let requests = post_requests(&run);
    assert_eq!(requests.len(), 2, "one question, one reveal");
    assert_eq!(requests[1]["message_reference"]["message_id"], question["id"], "{:#}", requests[1]);
    wait_for_log(&run.bot, "sent: 1 of 4 right").await;
    let edit = format!("/channels/{CHANNEL_ID}/messages/{}", question["id"].as_str().unwrap());
    run.discord
        .wait_for("the question's buttons taken off", |calls| {
            calls.iter().find(|c| c.method == "PATCH" && c.path.ends_with(&edit)).map(|_| ())
        })
        .await;
    assert_eq!(run.discord.messages(CHANNEL_ID)[0]["components"], json!([]), "buttons taken off");

    let late = run.click_as(BOB, &choices[0].1, &question).await;
    assert!(is_ephemeral(&late), "{late:#}");
    assert!(text(&late).contains(&format!("It was **{film}**")), "{late:#}");
    let id = run.discord.next_id();
    let ask = payloads::slash_command(
        id,
        &run.command_id("leaderboard"),
        "leaderboard",
        &[],
        winner,
        ALL_PERMISSIONS,
    );
    let board = text(&run.discord.interact(ask).await);
    assert!(board.contains(&format!("1. <@{}> · 3 points, 1 of 1 rounds won", winner.0)), "{board}");
}

/// `/daily set ... mode:quiz` by an admin.
async fn set_quiz(run: &Running) {
    let channel = CHANNEL_ID.to_string();
    let options = [
        ("channel", CHANNEL, channel.as_str()),
        ("time", TEXT, "02:30"),
        ("timezone", TEXT, "Europe/Berlin"),
        ("mode", 4, "1"),
    ];
    run.subcommand("daily", "set", &options, ADMIN, ALL_PERMISSIONS).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_crash_while_revealing_resends_the_answer_once_with_its_nonce_and_scores_once() {
    let dir = tempfile::tempdir().unwrap();
    let (start, started) = clock_before_due();
    let reveal = ("MOVIE_TRIVIA_DAILY_REVEAL", "4s");
    let mut run = Running::start_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", &start.to_string()), reveal]).await;
    set_quiz(&run).await;
    let question = run.discord.wait_for_messages(CHANNEL_ID, 1).await.remove(0);
    let choices = buttons(&json!({ "data": question }));
    let taken = run.click_as(MEMBER, &choices[0].1, &question).await;
    assert!(text(&taken).contains("Answer taken"), "{taken:#}");
    // Discord creates the answer's message but the bot never hears back, and dies.
    run.discord.set_fault(CHANNEL_ID, Some(Fault::Hang));
    run.discord.wait_for_messages(CHANNEL_ID, 2).await;
    run.bot.kill();
    run.discord.set_fault(CHANNEL_ID, None);

    run.restart_in(dir.path(), &[("MOVIE_TRIVIA_CLOCK", &clock_now(start, started)), reveal]).await;
    wait_for_log(&run.bot, "resending the unconfirmed daily quiz answer").await;
    wait_for_log(&run.bot, "right (message").await;
    let requests = post_requests(&run);
    assert_eq!(requests.len(), 3, "question, answer, and the answer resent once");
    assert_eq!(requests[1]["nonce"], requests[2]["nonce"]);
    assert_ne!(requests[0]["nonce"], requests[1]["nonce"], "the answer has a nonce of its own");
    assert_eq!(run.discord.messages(CHANNEL_ID).len(), 2, "one answer in the channel");
    let id = run.discord.next_id();
    let ask = payloads::slash_command(
        id,
        &run.command_id("leaderboard"),
        "leaderboard",
        &[],
        MEMBER,
        ALL_PERMISSIONS,
    );
    let board = text(&run.discord.interact(ask).await);
    assert!(
        board.contains(&format!("<@{}>", MEMBER.0)) && board.contains("of 1 rounds won"),
        "scored once: {board}"
    );
}
