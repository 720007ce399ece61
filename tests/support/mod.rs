//! Test support shared by the integration tests: a Discord double on loopback and a runner
//! for the real `movie-trivia` binary. Each test binary uses a different part of it.
#![allow(dead_code)]

pub mod bot;
pub mod double;
pub mod payloads;
pub mod running;
