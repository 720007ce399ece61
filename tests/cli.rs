//! Runs the `movie-trivia` binary the way a person would, on the shipped data set and on
//! small data sets written for each test.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

/// The binary with a clean environment, run from an empty directory so no `.env` is picked up.
fn movie_trivia(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_movie-trivia"));
    cmd.current_dir(dir).env_remove("DISCORD_TOKEN").env_remove("MOVIE_TRIVIA_DATA").env_remove("RUST_LOG");
    cmd
}

fn run(args: &[&str], stdin: &str) -> Output {
    let dir = tempfile::tempdir().unwrap();
    run_in(dir.path(), args, stdin)
}

fn run_in(dir: &Path, args: &[&str], stdin: &str) -> Output {
    let mut child = movie_trivia(dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // The binary may exit before reading its input (a usage error); that is not a test failure.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn ask_answers_a_film_query_with_a_typo() {
    let out = run(&["ask", "/film incepton"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("== Inception (2010) ==\nDirected by Christopher Nolan"), "{text}");
    assert!(text.contains("-- Sources: "), "{text}");
    assert!(text.contains("[1] Another fact"), "{text}");
}

#[test]
fn ask_finds_films_by_alias_and_year() {
    let out = run(&["ask", "/film E.T."], "");
    assert!(stdout(&out).starts_with("== E.T. the Extra-Terrestrial (1982) =="), "{}", stdout(&out));
    let out = run(&["ask", "/film back to the future 1990"], "");
    assert!(stdout(&out).starts_with("== Back to the Future Part III (1990) =="), "{}", stdout(&out));
}

#[test]
fn ask_for_an_unknown_film_prints_suggestions_and_exits_1() {
    let out = run(&["ask", "/film the matrix revolutions reloaded"], "");
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with("== No film matches “the matrix revolutions reloaded” =="), "{text}");
    assert!(text.contains("• The Matrix (1999)"), "{text}");
}

#[test]
fn ask_with_a_malformed_command_exits_2_with_usage() {
    let out = run(&["ask", "/flim rope"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: unknown command `/flim` (did you mean /film?)"), "{err}");
    assert!(err.contains("usage:\n/trivia [film:<title>] [technique:<name>]"), "{err}");
    assert!(stdout(&out).is_empty());
}

#[test]
fn ask_trivia_gives_a_sourced_fact() {
    let out = run(&["ask", "/trivia film:rope"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("== Rope (1948) =="), "{text}");
    assert!(text.contains("-- Source: "), "{text}");
}

#[test]
fn ask_technique_names_the_films_that_used_it() {
    let out = run(&["ask", "/technique bullet time"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("== Bullet time =="), "{text}");
    assert!(text.contains("Films that used it:\n  The Matrix (1999)"), "{text}");
}

#[test]
fn check_accepts_the_shipped_data_set_and_counts_it() {
    let out = run(&["check"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let count = |label: &str| -> usize {
        let line =
            text.lines().find(|l| l.starts_with(label)).unwrap_or_else(|| panic!("no {label} in {text}"));
        line[label.len()..].trim().parse().unwrap()
    };
    assert!(count("films:") >= 15);
    assert!(count("series:") >= 1);
    assert!(count("facts:") >= 40);
    assert!(count("techniques:") >= 10);
    assert_eq!(count("facts without a source:"), 0);
    assert!(text.ends_with("ok\n"));
}

/// Writes a one-film data set, with `film` as the contents of `films/rope-1948.toml`.
fn data_set(dir: &Path, film: &str) {
    std::fs::create_dir_all(dir.join("films")).unwrap();
    std::fs::write(
        dir.join("techniques.toml"),
        "[[technique]]\nid = \"long-take\"\nname = \"Long take\"\nwhat = \"w\"\nhow = \"h\"\nwhy = \"y\"\n",
    )
    .unwrap();
    std::fs::write(dir.join("films/rope-1948.toml"), film).unwrap();
}

const ROPE: &str = "id = \"rope-1948\"\ntitle = \"Rope\"\nyear = 1948\nkind = \"film\"\n\
directors = [\"Alfred Hitchcock\"]\ncountries = [\"US\"]\n\n[[fact]]\nid = \"takes\"\n\
text = \"Filmed in ten-minute takes.\"\ntechniques = [\"long-take\"]\n\n[[fact.source]]\n\
publication = \"Example\"\ntitle = \"Rope\"\n";

#[test]
fn check_lists_every_problem_with_file_line_and_field() {
    let dir = tempfile::tempdir().unwrap();
    let broken = ROPE.replace("year = 1948", "year = 1700").replace("[\"long-take\"]", "[\"long-takes\"]");
    data_set(dir.path(), &broken);
    let out = run(&["check", "--data", dir.path().to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    let film = dir.path().join("films/rope-1948.toml");
    let film = film.display();
    assert!(err.starts_with("error: the data set has 2 problems\n"), "{err}");
    assert!(err.contains(&format!("  {film}:3: year: 1700 is not a plausible year")), "{err}");
    assert!(
        err.contains(&format!("  {film}:11: fact[0].techniques[0]: unknown technique `long-takes`")),
        "{err}"
    );
}

#[test]
fn check_rejects_quality_problems_the_bot_would_tolerate() {
    let dir = tempfile::tempdir().unwrap();
    data_set(
        dir.path(),
        &ROPE.replace("\n[[fact.source]]\npublication = \"Example\"\ntitle = \"Rope\"\n", ""),
    );
    let out = run(&["check", "--data", dir.path().to_str().unwrap()], "");
    assert_eq!(out.status.code(), Some(2));
    assert!(stdout(&out).contains("facts without a source: 1"), "{}", stdout(&out));
    assert!(stderr(&out).contains("fact[0].source: the fact names no source"), "{}", stderr(&out));
    // but the same data set answers commands
    let out = run(&["ask", "--data", dir.path().to_str().unwrap(), "/film rope"], "");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn the_data_directory_can_come_from_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    data_set(dir.path(), &ROPE.replace("Rope\"\nyear", "Rope Test\"\nyear"));
    let mut child = movie_trivia(dir.path());
    let out = child.env("MOVIE_TRIVIA_DATA", dir.path()).args(["ask", "/film rope test"]).output().unwrap();
    assert!(stdout(&out).starts_with("== Rope Test (1948) =="), "{}", stdout(&out));
}

#[test]
fn a_missing_data_directory_is_a_clear_error() {
    let out = run(&["check", "--data", "/nonexistent/movie-trivia-data"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stderr(&out), "error: /nonexistent/movie-trivia-data is not a data set: no such directory\n");
}

#[test]
fn console_answers_piped_commands_and_numbered_follow_ups() {
    let out = run(&["console"], "/film rope\n\n1\n/flim x\n9\n/help\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert!(text.starts_with("== Rope (1948) =="), "{text}");
    // "1" is the film card's "Another fact": a fact from Rope
    assert_eq!(text.matches("== Rope (1948) ==").count(), 2, "{text}");
    assert!(text.contains("error: unknown command `/flim`"), "{text}");
    assert!(text.contains("error: there is no follow-up number 9 here"), "{text}");
    assert!(text.contains("== movie-trivia =="), "{text}");
}

#[test]
fn with_no_command_and_no_token_the_console_answers() {
    let out = run(&[], "/film inception\n");
    assert_eq!(out.status.code(), Some(0));
    assert!(stdout(&out).starts_with("== Inception (2010) =="), "{}", stdout(&out));
    assert!(stderr(&out).contains("No DISCORD_TOKEN set"), "{}", stderr(&out));
}

#[test]
fn the_example_env_file_as_shipped_opens_the_console() {
    // Every setting in .env.example is empty, and empty means unset.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/.env.example"), dir.path().join(".env")).unwrap();
    let out = run_in(dir.path(), &[], "/film rope\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("== Rope (1948) =="), "{}", stdout(&out));
}

#[test]
fn lookup_prints_one_tab_separated_line_per_query() {
    let out = run(&["lookup"], "incepton\nthe matirx\nzzzzzzzzzz\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<Vec<String>> =
        stdout(&out).lines().map(|l| l.split('\t').map(String::from).collect()).collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0][..3], ["incepton", "inception-2010", "Inception (2010)"]);
    assert_eq!(lines[1][..3], ["the matirx", "the-matrix-1999", "The Matrix (1999)"]);
    assert_eq!(lines[2], ["zzzzzzzzzz", "", "", "0.000"]);
    let score: f32 = lines[0][3].parse().unwrap();
    assert!(score > 0.5 && score < 1.0, "a typo scores below an exact match: {score}");
}

#[test]
fn lookup_reads_a_plain_catalog_of_titles() {
    let dir = tempfile::tempdir().unwrap();
    let titles = dir.path().join("titles.tsv");
    std::fs::write(&titles, "t1\tDune\t1984\nt2\tDune\t2021\nt3\tThe Godfather Part II\t1974\n").unwrap();
    let out = run(&["lookup", "--titles", titles.to_str().unwrap()], "dune 2021\ngodfather part 2\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let ids: Vec<&str> = text.lines().map(|l| l.split('\t').nth(1).unwrap()).collect();
    assert_eq!(ids, ["t2", "t3"]);
}

#[test]
fn lookup_reports_a_malformed_titles_line() {
    let dir = tempfile::tempdir().unwrap();
    let titles = dir.path().join("titles.tsv");
    std::fs::write(&titles, "t1\tDune\t1984\nt2 Dune 2021\n").unwrap();
    let out = run(&["lookup", "--titles", titles.to_str().unwrap()], "dune\n");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        stderr(&out),
        format!("error: {}:2: expected id<TAB>title<TAB>year, found 1 field(s)\n", titles.display())
    );
}

#[test]
fn lookup_top_k_lists_the_first_k_ids_best_first() {
    let dir = tempfile::tempdir().unwrap();
    let titles = dir.path().join("titles.tsv");
    std::fs::write(&titles, "t1\tDune\t1984\nt2\tDune\t2021\nt3\tDunkirk\t2017\nt4\tInception\t2010\n")
        .unwrap();
    let path = titles.to_str().unwrap();
    let out = run(&["lookup", "--titles", path, "--top", "3"], "dune 1984\ndun\nzzzzzzzzzz\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // the year picks the 1984 film; a bare prefix lists the remakes, most recent first
    assert_eq!(stdout(&out), "dune 1984\tt1,t2\ndun\tt2,t1,t3\nzzzzzzzzzz\t\n");
    assert!(stderr(&out).is_empty(), "{}", stderr(&out));
}

#[test]
fn lookup_timings_go_to_standard_error_one_line_per_query() {
    let dir = tempfile::tempdir().unwrap();
    let titles = dir.path().join("titles.tsv");
    std::fs::write(&titles, "t1\tDune\t1984\n").unwrap();
    let path = titles.to_str().unwrap();
    for args in [
        vec!["lookup", "--titles", path, "--timings"],
        vec!["lookup", "--titles", path, "--timings", "--top", "5"],
    ] {
        let out = run(&args, "dune\nincepton\n");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        assert_eq!(stdout(&out).lines().count(), 2);
        let err = stderr(&out);
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 3, "{err}");
        assert!(lines[0].strip_prefix("perf: build_ms=").is_some_and(|n| n.parse::<u64>().is_ok()), "{err}");
        for line in &lines[1..] {
            assert!(line.strip_prefix("perf: query_ns=").is_some_and(|n| n.parse::<u64>().is_ok()), "{err}");
        }
    }
}

#[test]
fn lookup_top_needs_at_least_one() {
    let out = run(&["lookup", "--top", "0"], "dune\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--top"), "{}", stderr(&out));
}

#[test]
fn every_subcommand_has_help() {
    for sub in ["console", "ask", "check", "lookup", "run"] {
        let out = run(&[sub, "--help"], "");
        assert_eq!(out.status.code(), Some(0), "{sub}");
        assert!(stdout(&out).contains("Usage: movie-trivia"), "{sub}: {}", stdout(&out));
    }
}

#[test]
fn the_console_previews_todays_and_tomorrows_daily_fact() {
    let out = run(&["console"], "/daily preview\n");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let today = jiff::Zoned::now().date();
    assert!(text.contains("== Daily fact preview =="), "{text}");
    assert!(text.contains(&format!("Today, {} · ", today.strftime("%A %-d %B %Y"))), "{text}");
    assert!(text.contains("Tomorrow, "), "{text}");
    // The same day previews the same fact: a daily fact, not a random one.
    assert_eq!(stdout(&run(&["ask", "/daily preview"], "")).trim_end(), text.trim_end());
}

#[test]
fn daily_settings_outside_discord_say_where_they_belong() {
    let out = run(&["ask", "/daily set #movies 09:00"], "");
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.starts_with("error: /daily set sets up posts in a Discord server"), "{err}");
    assert!(err.contains("/daily preview"), "{err}");
}

#[test]
fn a_database_that_cannot_be_opened_stops_the_bot_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let out = movie_trivia(dir.path())
        .arg("run")
        .env("DISCORD_TOKEN", "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GtEsT0.bm90LWEtcmVhbC10b2tlbg")
        // Never reached: the database is opened before connecting.
        .env("DISCORD_API_URL", "http://127.0.0.1:9")
        .env("MOVIE_TRIVIA_DB", dir.path().join("missing/dir/bot.db"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(err.contains("error: cannot open the database") && err.contains("missing/dir/bot.db"), "{err}");
}
