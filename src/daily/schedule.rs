//! When a daily post is due: local time and IANA time zone turned into instants, across
//! daylight-saving changes, with the grace rule for posts the bot was down for.
//!
//! Everything here takes the current instant as an argument; nothing reads a clock.

use jiff::civil::{Date, Time};
use jiff::tz::{AmbiguousOffset, TimeZone};
use jiff::{SignedDuration, Timestamp};
use thiserror::Error;

/// How late a missed post may still go out, unless configured otherwise.
pub const DEFAULT_GRACE: SignedDuration = SignedDuration::from_hours(6);

#[derive(Debug, Error, PartialEq, Eq)]
pub enum ScheduleError {
    #[error("`{0}` is not a time of day: use 24-hour HH:MM, such as 09:00 or 18:30")]
    BadTime(String),
    #[error("`{0}` is not a time zone: use an IANA name such as Europe/Berlin, America/New_York or UTC")]
    BadZone(String),
}

/// Parses "HH:MM" (24-hour). Seconds are not offered: a daily post is per minute.
pub fn parse_time(text: &str) -> Result<Time, ScheduleError> {
    let bad = || ScheduleError::BadTime(text.trim().to_string());
    let (h, m) = text.trim().split_once(':').ok_or_else(bad)?;
    let digits = |s: &str| !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
    if !digits(h) || m.len() != 2 || !digits(m) {
        return Err(bad());
    }
    let (h, m): (i8, i8) = (h.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
    Time::new(h, m, 0, 0).map_err(|_| bad())
}

/// Looks up an IANA time zone name (case-insensitively, as the database allows).
pub fn parse_zone(name: &str) -> Result<TimeZone, ScheduleError> {
    TimeZone::get(name.trim()).map_err(|_| ScheduleError::BadZone(name.trim().to_string()))
}

/// The instant of `time` on local `date` in `tz`. A time the clocks skip (spring forward) is
/// posted at the first valid instant after it, the moment the clocks jump; a time that occurs
/// twice (fall back) is posted at its first occurrence.
pub fn instant_on(date: Date, time: Time, tz: &TimeZone) -> Timestamp {
    let local = date.to_datetime(time);
    let ambiguous = tz.to_ambiguous_timestamp(local);
    match ambiguous.offset() {
        AmbiguousOffset::Unambiguous { offset } | AmbiguousOffset::Fold { before: offset, .. } => {
            offset.to_timestamp(local).expect("a civil date-time within jiff's range")
        }
        AmbiguousOffset::Gap { before, .. } => {
            // Read with the offset in force before the jump, the time lies just after the
            // transition; that transition is the first instant the clocks show a valid time.
            let past_the_jump = before.to_timestamp(local).expect("a civil date-time within jiff's range");
            tz.preceding(past_the_jump + SignedDuration::from_nanos(1))
                .next()
                .map(|t| t.timestamp())
                .unwrap_or(past_the_jump)
        }
    }
}

/// What the scheduler should do for one server now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// A post that was due but is more than the grace period late: it will not be sent.
    pub skipped: Option<Occurrence>,
    /// Earlier dates that were due and never posted (a multi-day outage), before `skipped` or
    /// the post due now; only ever logged.
    pub missed_before: u32,
    pub next: Next,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    /// The server's local date the post belongs to.
    pub date: Date,
    /// When it was (or is) scheduled.
    pub at: Timestamp,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    /// Post now, for this occurrence (on time, or late within the grace period).
    Now(Occurrence),
    /// Nothing to do before this occurrence.
    At(Occurrence),
}

/// Decides the next post for a schedule of `time` in `tz`.
///
/// - `last_posted`: the latest local date already posted for (by the schedule or `/daily now`);
///   a date is never posted twice.
/// - `since`: when the schedule was set; occurrences before it never count as missed.
/// - A missed occurrence is posted if it is at most `grace` late, otherwise skipped. Only the
///   most recent occurrence can be posted late, so a long outage posts once, not a backlog.
pub fn plan(
    time: Time,
    tz: &TimeZone,
    now: Timestamp,
    since: Timestamp,
    last_posted: Option<Date>,
    grace: SignedDuration,
) -> Plan {
    let today = now.to_zoned(tz.clone()).date();
    let open = |date: Date| last_posted.is_none_or(|last| date > last);
    let occurrence = |date: Date| Occurrence { date, at: instant_on(date, time, tz) };

    let mut skipped = None;
    let yesterday = today.yesterday().expect("a date within jiff's range");
    // The most recent occurrence that is already due.
    let recent = [today, yesterday].into_iter().map(occurrence).find(|o| o.at <= now);
    let missed_before = recent.map_or(0, |o| missed_between(last_posted, since, o.date, tz, &occurrence));
    if let Some(o) = recent.filter(|o| open(o.date) && o.at >= since) {
        if now.duration_since(o.at) <= grace {
            return Plan { skipped: None, missed_before, next: Next::Now(o) };
        }
        skipped = Some(o);
    }
    let mut date = today;
    loop {
        let o = occurrence(date);
        if o.at > now && open(date) {
            return Plan { skipped, missed_before, next: Next::At(o) };
        }
        date = date.tomorrow().expect("a date within jiff's range");
    }
}

/// How many dates before `recent` were due (after the last post and after the schedule was set)
/// and never posted.
fn missed_between(
    last_posted: Option<Date>,
    since: Timestamp,
    recent: Date,
    tz: &TimeZone,
    occurrence: &impl Fn(Date) -> Occurrence,
) -> u32 {
    let since_date = since.to_zoned(tz.clone()).date();
    let after_last = last_posted.and_then(|d| d.tomorrow().ok()).unwrap_or(since_date);
    let mut first = after_last.max(since_date);
    if occurrence(first).at < since {
        first = first.tomorrow().unwrap_or(first);
    }
    if first >= recent {
        return 0;
    }
    recent.since(first).map_or(0, |span| u32::try_from(span.get_days()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    fn tz(name: &str) -> TimeZone {
        parse_zone(name).unwrap()
    }

    fn utc(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn at(d: Date, hh_mm: &str, zone: &str) -> Timestamp {
        instant_on(d, parse_time(hh_mm).unwrap(), &tz(zone))
    }

    #[test]
    fn times_are_24_hour_hh_mm() {
        assert_eq!(parse_time("09:00"), Ok(Time::constant(9, 0, 0, 0)));
        assert_eq!(parse_time(" 9:05 "), Ok(Time::constant(9, 5, 0, 0)));
        assert_eq!(parse_time("23:59"), Ok(Time::constant(23, 59, 0, 0)));
        for bad in ["24:00", "9", "09:0", "9am", "09:60", "-1:00", "09:00:00", ""] {
            assert_eq!(parse_time(bad), Err(ScheduleError::BadTime(bad.trim().to_string())), "{bad}");
        }
    }

    #[test]
    fn zones_are_iana_names() {
        assert!(parse_zone("Europe/Berlin").is_ok());
        assert!(parse_zone("UTC").is_ok());
        let e = parse_zone("Mars/Olympus_Mons").unwrap_err();
        assert!(e.to_string().contains("IANA name"), "{e}");
    }

    #[test]
    fn berlin_nine_oclock_is_eight_utc_in_winter_and_seven_in_summer() {
        assert_eq!(at(date(2026, 1, 15), "09:00", "Europe/Berlin"), utc("2026-01-15T08:00:00Z"));
        assert_eq!(at(date(2026, 7, 15), "09:00", "Europe/Berlin"), utc("2026-07-15T07:00:00Z"));
    }

    #[test]
    fn a_time_skipped_by_spring_forward_posts_when_the_clocks_jump() {
        // Berlin, 29 March 2026: 02:00 CET jumps to 03:00 CEST (01:00 UTC).
        assert_eq!(at(date(2026, 3, 29), "02:30", "Europe/Berlin"), utc("2026-03-29T01:00:00Z"));
        // New York, 8 March 2026: 02:00 EST jumps to 03:00 EDT (07:00 UTC).
        assert_eq!(at(date(2026, 3, 8), "02:15", "America/New_York"), utc("2026-03-08T07:00:00Z"));
        // The hours around the gap are untouched.
        assert_eq!(at(date(2026, 3, 29), "03:00", "Europe/Berlin"), utc("2026-03-29T01:00:00Z"));
        assert_eq!(at(date(2026, 3, 29), "01:59", "Europe/Berlin"), utc("2026-03-29T00:59:00Z"));
    }

    #[test]
    fn a_time_repeated_by_fall_back_posts_once_at_its_first_occurrence() {
        // Berlin, 25 October 2026: 02:30 happens at 00:30 UTC (CEST) and 01:30 UTC (CET).
        assert_eq!(at(date(2026, 10, 25), "02:30", "Europe/Berlin"), utc("2026-10-25T00:30:00Z"));
        // New York, 1 November 2026: 01:30 EDT is 05:30 UTC; 01:30 EST would be 06:30 UTC.
        assert_eq!(at(date(2026, 11, 1), "01:30", "America/New_York"), utc("2026-11-01T05:30:00Z"));
    }

    #[test]
    fn lord_howe_moves_its_clocks_by_half_an_hour() {
        // Lord Howe Island: +10:30 standard, +11:00 summer. Summer begins on 4 October 2026 at
        // 02:00, which becomes 02:30 (15:30 UTC the day before); it ends on 5 April 2026, when
        // 02:00 falls back to 01:30, so 01:45 happens twice.
        assert_eq!(at(date(2026, 10, 4), "02:15", "Australia/Lord_Howe"), utc("2026-10-03T15:30:00Z"));
        assert_eq!(at(date(2026, 10, 4), "09:00", "Australia/Lord_Howe"), utc("2026-10-03T22:00:00Z"));
        assert_eq!(at(date(2026, 4, 5), "01:45", "Australia/Lord_Howe"), utc("2026-04-04T14:45:00Z"));
        assert_eq!(at(date(2026, 4, 5), "09:00", "Australia/Lord_Howe"), utc("2026-04-04T22:30:00Z"));
    }

    #[test]
    fn a_multi_day_outage_counts_the_days_it_missed() {
        let tz = tz("Europe/Berlin");
        let nine = parse_time("09:00").unwrap();
        let since = utc("2026-01-01T00:00:00Z");
        // Last post on the 13th; down from the 14th until the 15th 09:00 UTC (10:00 Berlin).
        let p = plan(nine, &tz, utc("2026-01-15T09:00:00Z"), since, Some(date(2026, 1, 13)), DEFAULT_GRACE);
        assert_eq!(
            p.next,
            Next::Now(Occurrence { date: date(2026, 1, 15), at: utc("2026-01-15T08:00:00Z") })
        );
        assert_eq!(p.missed_before, 1, "the 14th");
        // Down for a week past the grace: the 15th skipped, and the five days before it.
        let p = plan(nine, &tz, utc("2026-01-15T20:00:00Z"), since, Some(date(2026, 1, 9)), DEFAULT_GRACE);
        assert_eq!(p.skipped.map(|o| o.date), Some(date(2026, 1, 15)));
        assert_eq!(p.missed_before, 5);
        // Nothing missed on a normal day, nor before the schedule was set.
        let p = plan(nine, &tz, utc("2026-01-15T08:00:00Z"), since, Some(date(2026, 1, 14)), DEFAULT_GRACE);
        assert_eq!(p.missed_before, 0);
        let p =
            plan(nine, &tz, utc("2026-01-15T08:00:00Z"), utc("2026-01-14T12:00:00Z"), None, DEFAULT_GRACE);
        assert_eq!(p.missed_before, 0);
    }

    fn plan_at(now: &str, last: Option<Date>) -> Plan {
        plan(
            parse_time("09:00").unwrap(),
            &tz("Europe/Berlin"),
            utc(now),
            utc("2026-01-01T00:00:00Z"),
            last,
            DEFAULT_GRACE,
        )
    }

    #[test]
    fn before_the_time_the_next_post_is_today() {
        let p = plan_at("2026-01-15T06:00:00Z", Some(date(2026, 1, 14)));
        assert_eq!(p.next, Next::At(Occurrence { date: date(2026, 1, 15), at: utc("2026-01-15T08:00:00Z") }));
        assert_eq!(p.skipped, None);
    }

    #[test]
    fn at_the_time_it_posts_and_once_posted_the_next_is_tomorrow() {
        let due = plan_at("2026-01-15T08:00:00Z", Some(date(2026, 1, 14)));
        assert_eq!(
            due.next,
            Next::Now(Occurrence { date: date(2026, 1, 15), at: utc("2026-01-15T08:00:00Z") })
        );
        let after = plan_at("2026-01-15T08:00:01Z", Some(date(2026, 1, 15)));
        assert_eq!(
            after.next,
            Next::At(Occurrence { date: date(2026, 1, 16), at: utc("2026-01-16T08:00:00Z") })
        );
    }

    #[test]
    fn a_post_missed_by_up_to_the_grace_period_goes_out_late() {
        let p = plan_at("2026-01-15T14:00:00Z", Some(date(2026, 1, 14)));
        assert_eq!(
            p.next,
            Next::Now(Occurrence { date: date(2026, 1, 15), at: utc("2026-01-15T08:00:00Z") })
        );
    }

    #[test]
    fn a_post_missed_by_more_than_the_grace_period_is_skipped_and_reported() {
        let p = plan_at("2026-01-15T14:00:01Z", Some(date(2026, 1, 14)));
        assert_eq!(p.skipped, Some(Occurrence { date: date(2026, 1, 15), at: utc("2026-01-15T08:00:00Z") }));
        assert_eq!(p.next, Next::At(Occurrence { date: date(2026, 1, 16), at: utc("2026-01-16T08:00:00Z") }));
    }

    #[test]
    fn a_late_post_across_midnight_belongs_to_the_day_it_was_due() {
        // 23:30 in Berlin on the 15th is 22:30 UTC; the bot comes back at 00:30 local.
        let p = plan(
            parse_time("23:30").unwrap(),
            &tz("Europe/Berlin"),
            utc("2026-01-15T23:30:00Z"),
            utc("2026-01-01T00:00:00Z"),
            Some(date(2026, 1, 14)),
            DEFAULT_GRACE,
        );
        assert_eq!(
            p.next,
            Next::Now(Occurrence { date: date(2026, 1, 15), at: utc("2026-01-15T22:30:00Z") })
        );
    }

    #[test]
    fn a_day_already_posted_early_with_daily_now_is_not_posted_again() {
        let p = plan_at("2026-01-15T08:30:00Z", Some(date(2026, 1, 15)));
        assert_eq!(p.next, Next::At(Occurrence { date: date(2026, 1, 16), at: utc("2026-01-16T08:00:00Z") }));
        assert_eq!(p.skipped, None);
    }

    #[test]
    fn a_schedule_set_after_todays_time_starts_tomorrow() {
        let p = plan(
            parse_time("09:00").unwrap(),
            &tz("Europe/Berlin"),
            utc("2026-01-15T10:00:00Z"),
            utc("2026-01-15T09:59:00Z"),
            None,
            DEFAULT_GRACE,
        );
        assert_eq!(p.skipped, None);
        assert_eq!(p.next, Next::At(Occurrence { date: date(2026, 1, 16), at: utc("2026-01-16T08:00:00Z") }));
    }

    #[test]
    fn the_spring_forward_day_posts_once_then_resumes_at_the_local_time() {
        let time = parse_time("02:30").unwrap();
        let berlin = tz("Europe/Berlin");
        let since = utc("2026-03-01T00:00:00Z");
        let p =
            plan(time, &berlin, utc("2026-03-28T12:00:00Z"), since, Some(date(2026, 3, 28)), DEFAULT_GRACE);
        assert_eq!(p.next, Next::At(Occurrence { date: date(2026, 3, 29), at: utc("2026-03-29T01:00:00Z") }));
        let p =
            plan(time, &berlin, utc("2026-03-29T01:00:01Z"), since, Some(date(2026, 3, 29)), DEFAULT_GRACE);
        assert_eq!(p.next, Next::At(Occurrence { date: date(2026, 3, 30), at: utc("2026-03-30T00:30:00Z") }));
    }
}
