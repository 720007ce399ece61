//! `movie-trivia ask "/film inception"`: one command, one reply.

use std::io::Write;

use crate::commands::{parse, Session, USAGE};
use crate::render::text::render;
use crate::reply::Status;

use super::{engine_or_report, DataArgs, EXIT_NOT_FOUND, EXIT_USAGE};

pub fn ask(data: &DataArgs, command: &str, out: &mut impl Write) -> std::io::Result<u8> {
    let command = match parse(command) {
        Ok(command) => command,
        Err(e) => {
            eprintln!("error: {e}\n\nusage:\n{USAGE}");
            return Ok(EXIT_USAGE);
        }
    };
    let Some(engine) = engine_or_report(data) else { return Ok(EXIT_USAGE) };
    let reply = engine.run(&command, &mut Session::default(), &mut rand::rng());
    out.write_all(render(&reply).as_bytes())?;
    Ok(match reply.status {
        Status::Answer => 0,
        Status::NotFound => EXIT_NOT_FOUND,
    })
}
