//! movie-trivia: behind-the-scenes movie trivia, served in Discord or a local console.
//!
//! The crate is split so that the domain core knows nothing of Discord or terminals:
//!
//! - [`catalog`]: the data set (films, facts, techniques), its TOML format, loading and validation.
//! - [`lookup`]: forgiving title matching (case, accents, articles, numerals, typos, prefixes).
//! - [`quiz`]: the quiz core (redacted facts, four choices, scoring, rounds), free of Discord.
//! - [`reply`]: the reply value every command produces, independent of how it is shown.
//! - [`commands`]: parsing `/film inception`-style commands and building their replies.
//! - [`render`]: turning a reply into plain text for the console.
//! - [`cli`]: the command-line front end (console, ask, check, lookup, run).
//! - [`measure`]: synthetic catalogs and queries, and the accuracy report, for benchmarks.
//! - [`discord`]: the Discord front end, a thin adapter over [`commands`].

pub mod catalog;
pub mod cli;
pub mod commands;
pub mod daily;
pub mod discord;
pub mod lookup;
pub mod quiz;
pub mod render;
pub mod reply;
pub mod store;

// Benchmark tools: nothing the bot runs depends on them.
pub mod measure;
