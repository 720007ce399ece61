//! The quiz core: "Which film is this?" rounds built from the catalog's facts, with the telling
//! words hidden, four films to choose from, points and standings. Pure: no Discord, no storage,
//! no clock, no I/O; front ends show rounds, pass clicks on, and close rounds when time is up.
//!
//! - [`redact`]: hiding the title, series names, directors and title names in a fact.
//! - [`round`]: picking facts (by decade, by technique) and three plausible wrong films.
//! - [`score`]: points for the first, second and later correct answers.
//! - [`game`]: one quiz in play, round by round, with standings.
//!
//! A quiz from start to finish:
//!
//! ```
//! use movie_trivia::catalog::{load_embedded, Limits};
//! use movie_trivia::quiz::{build_rounds, Filter, Game, Phase, Redactor, RoundCount};
//!
//! let catalog = load_embedded(Limits::today()).unwrap().catalog;
//! let redactor = Redactor::new(&catalog);
//! let rounds = build_rounds(&catalog, &redactor, &Filter::default(), RoundCount::new(2)?, 7)?;
//! let mut game: Game<u64> = Game::new(rounds)?;
//! while let Phase::Open { round } = game.phase() {
//!     let correct = game.rounds()[round].correct;
//!     game.answer(1, correct)?;
//!     game.close_round()?;
//!     game.next_round()?;
//! }
//! assert_eq!(game.standings()[0].points, 6);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub mod game;
pub mod redact;
pub mod round;
pub mod score;
mod words;

pub use game::{Accepted, AnswerError, Game, GameError, Phase, RoundResult, Standing, ROUND_SECONDS};
pub use redact::{Redactor, FILM_MASK, NAME_MASK, SERIES_MASK};
pub use round::{
    build_round, build_rounds, film_label, round_for_fact, Decade, DecadeError, Filter, Round, RoundCount,
    RoundCountError, RoundError, CHOICES, MAX_ROUNDS, MIN_ROUNDS,
};
pub use score::{
    points_for_correct, score_round, Scored, Winner, FIRST_CORRECT, LATER_CORRECT, SECOND_CORRECT,
};
