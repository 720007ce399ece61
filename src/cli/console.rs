//! The local console: the bot's commands answered in a terminal or from a pipe.

use std::io::{BufRead, IsTerminal, Write};

use crate::commands::{parse, Command, Session, USAGE};
use crate::quiz::Redactor;
use crate::render::text::render;
use crate::reply::Action;

use super::quiz::ConsoleQuiz;
use super::{engine_or_report, DataArgs, EXIT_USAGE};

/// Reads commands from `input` until it ends or the person types `quit`. A number picks one of
/// the numbered follow-ups of the previous reply, like clicking its button in Discord.
pub fn console(data: &DataArgs, input: impl BufRead, out: &mut impl Write) -> std::io::Result<u8> {
    let Some(engine) = engine_or_report(data) else { return Ok(EXIT_USAGE) };
    let interactive = std::io::stdin().is_terminal();
    if interactive {
        let c = engine.catalog().counts();
        writeln!(
            out,
            "movie-trivia console: {} films and series, {} facts, {} techniques.\n{USAGE}\nType a number to \
             pick a follow-up, quit to leave.",
            c.films + c.series,
            c.facts,
            c.techniques
        )?;
    }
    let mut session = Session::default();
    let mut rng = rand::rng();
    let mut actions: Vec<Action> = Vec::new();
    // Built on the first /quiz only: most sessions never play.
    let mut redactor: Option<Redactor> = None;
    let mut quiz: Option<ConsoleQuiz> = None;
    let mut lines = input.lines();
    loop {
        if interactive {
            write!(out, "> ")?;
            out.flush()?;
        }
        let Some(line) = lines.next() else { break };
        let line = line?;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        if matches!(line, "quit" | "exit" | "/quit" | "/exit") {
            break;
        }
        // While a quiz runs, numbers answer it rather than pick a follow-up.
        if let Some(running) = quiz.as_mut() {
            let text = if let Ok(n) = line.parse::<usize>() {
                running.answer(engine.catalog(), n)
            } else if matches!(line, "stop" | "/stop" | "/quiz stop") {
                running.stop()
            } else {
                writeln!(out, "error: a quiz is running: type 1 to 4 to answer, or stop to end it")?;
                continue;
            };
            writeln!(out, "{text}")?;
            if running.is_over() {
                quiz = None;
            }
            continue;
        }
        let reply = if let Ok(n) = line.parse::<usize>() {
            match n.checked_sub(1).and_then(|i| actions.get(i)) {
                Some(action) => engine.follow(action, &mut session, &mut rng),
                None => {
                    writeln!(out, "error: there is no follow-up number {n} here")?;
                    continue;
                }
            }
        } else {
            match parse(line) {
                Ok(Command::Quiz { rounds, decade, technique }) => {
                    let redactor = redactor.get_or_insert_with(|| Redactor::new(engine.catalog()));
                    let seed = rand::random();
                    match ConsoleQuiz::start(
                        &engine,
                        redactor,
                        rounds,
                        decade.as_deref(),
                        technique.as_deref(),
                        seed,
                    ) {
                        Ok((started, first)) => {
                            writeln!(out, "{first}")?;
                            quiz = Some(started);
                        }
                        Err(why) => writeln!(out, "error: {why}")?,
                    }
                    actions.clear();
                    continue;
                }
                Ok(command) => engine.run(&command, &mut session, &mut rng),
                Err(e) => {
                    writeln!(out, "error: {e}")?;
                    continue;
                }
            }
        };
        writeln!(out, "{}", render(&reply))?;
        actions = reply.actions;
    }
    Ok(0)
}
