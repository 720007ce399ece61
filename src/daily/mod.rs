//! Daily fact posts. The pure part: when each server's post is due ([`schedule`]), which fact
//! it gets ([`rotation`]), the order servers come due in ([`queue`]), the nonce that makes a
//! resend harmless ([`nonce`]), time zone names for autocomplete ([`zones`]) and the "Guess the
//! film" variant's types ([`quiz`]).
//! [`posts`] keeps the books over the store; the Discord adapter only sends.

pub mod nonce;
pub mod posts;
pub mod queue;
pub mod quiz;
mod reveal;
pub mod rotation;
pub mod schedule;
pub mod zones;

pub use nonce::{nonce, reveal_nonce};
pub use posts::{DailyError, DailyPosts, DailyStatus, Post};
pub use queue::DueQueue;
pub use quiz::{join_choices, split_choices, DailyAnswer, Mode, QuizPost, Reveal, DEFAULT_REVEAL_AFTER};
pub use rotation::{fact_for_day, next_fact, Rotation};
pub use schedule::{
    instant_on, parse_time, parse_zone, plan, Next, Occurrence, Plan, ScheduleError, DEFAULT_GRACE,
};
