//! Daily posts in Discord: the `/daily` commands ([`commands`]), their replies ([`replies`]),
//! sending a post and sorting Discord's answers ([`send`]), and the one task that posts for
//! every server when it is due ([`scheduler`]), and the "Guess the film" variant's question,
//! clicks and reveal ([`quiz`]). The rules live in [`crate::daily`].

pub mod commands;
pub mod quiz;
pub mod replies;
pub mod scheduler;
pub mod send;

pub use scheduler::Scheduler;
