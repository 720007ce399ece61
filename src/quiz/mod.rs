//! The quiz core: "Which film is this?" rounds built from the catalog's facts, with the telling
//! words hidden, four choices, points and standings. Pure: no Discord, no storage, no clock;
//! front ends show rounds, collect clicks and close rounds when their time is up.

pub mod redact;
pub mod round;
pub mod score;
mod words;

pub use redact::{Redactor, FILM_MASK, NAME_MASK, SERIES_MASK};
pub use round::{
    build_round, build_rounds, round_for_fact, Decade, DecadeError, Filter, Round, RoundCount,
    RoundCountError, RoundError, CHOICES, MAX_ROUNDS, MIN_ROUNDS,
};
pub use score::{points_for_correct, score_round, Scored, Winner};
