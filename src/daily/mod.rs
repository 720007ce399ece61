//! Daily fact posts. The pure part: when each server's post is due ([`schedule`]), which fact
//! it gets ([`rotation`]), the order servers come due in ([`queue`]), the nonce that makes a
//! resend harmless ([`nonce`]) and time zone names for autocomplete ([`zones`]).
//! [`posts`] keeps the books over the store; the Discord adapter only sends.

pub mod nonce;
pub mod posts;
pub mod queue;
pub mod rotation;
pub mod schedule;
pub mod zones;

pub use nonce::nonce;
pub use posts::{DailyError, DailyPosts, DailyStatus, Post};
pub use queue::DueQueue;
pub use rotation::{fact_for_day, next_fact, Rotation};
pub use schedule::{
    instant_on, parse_time, parse_zone, plan, Next, Occurrence, Plan, ScheduleError, DEFAULT_GRACE,
};
