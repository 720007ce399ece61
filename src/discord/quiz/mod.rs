//! The quiz in Discord: `/quiz start | stop` and `/leaderboard` ([`commands`]), what they show
//! ([`replies`]), the quizzes running in each channel ([`live`]) and the task that runs one
//! quiz round by round ([`play`]). The rules live in [`crate::quiz`].

pub mod commands;
pub mod live;
pub mod play;
pub mod replies;

pub use live::Quizzes;
