//! Daily fact posts, the pure part: when each server's post is due ([`schedule`]) and which
//! fact it gets ([`rotation`]). The store keeps the state; the Discord adapter sends.

pub mod rotation;
pub mod schedule;

pub use rotation::{next_fact, Rotation};
pub use schedule::{
    instant_on, parse_time, parse_zone, plan, Next, Occurrence, Plan, ScheduleError, DEFAULT_GRACE,
};
