//! The local console: the bot's commands answered in a terminal or from a pipe.

use std::io::{BufRead, IsTerminal, Write};

use crate::commands::{parse, Session, USAGE};
use crate::render::text::render;
use crate::reply::Action;

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
