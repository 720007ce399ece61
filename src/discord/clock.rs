//! The bot's clock. Normally the system clock; `MOVIE_TRIVIA_CLOCK` starts it at a chosen
//! instant instead (it then runs at normal speed), so a daily post can be tested end to end
//! on any date, a daylight-saving change included, without waiting for it.

use jiff::{SignedDuration, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clock {
    offset: SignedDuration,
}

impl Clock {
    pub fn system() -> Clock {
        Clock { offset: SignedDuration::ZERO }
    }

    /// A clock that reads `start` now.
    pub fn starting_at(start: Timestamp) -> Clock {
        Clock { offset: start.duration_since(Timestamp::now()) }
    }

    pub fn now(&self) -> Timestamp {
        Timestamp::now().checked_add(self.offset).unwrap_or(Timestamp::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_started_clock_reads_its_start_and_then_runs() {
        let start: Timestamp = "2026-03-29T00:59:50Z".parse().unwrap();
        let clock = Clock::starting_at(start);
        let read = clock.now();
        assert!(read >= start && read.duration_since(start) < SignedDuration::from_secs(5), "{read}");
        let system = Clock::system().now();
        assert!(system.duration_since(Timestamp::now()).abs() < SignedDuration::from_secs(5));
    }
}
