//! What `/daily` answers. Pure: each takes what happened and returns a core [`Reply`]; the
//! Discord markup (channel mentions, timestamps that show in each reader's own time zone) is
//! why these live in the Discord adapter rather than the core.

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};

use crate::catalog::Catalog;
use crate::daily::{DailyStatus, Mode, Reveal, ScheduleError};
use crate::quiz::{film_label, FIRST_CORRECT, LATER_CORRECT, SECOND_CORRECT};
use crate::reply::{Colour, Field, Reply, Status};

/// The permissions a daily post needs in its channel, with the names Discord shows for them.
pub const NEEDED: [(&str, u64); 3] =
    [("View Channel", 1 << 10), ("Send Messages", 1 << 11), ("Embed Links", 1 << 14)];
/// What a daily quiz needs on top: its answer is a reply to the question, and Discord allows a
/// reply only with this.
pub const NEEDED_FOR_QUIZ: (&str, u64) = ("Read Message History", 1 << 16);

/// Shown only to the person who asked: everything `/daily` answers concerns the admins.
fn private(colour: Colour, title: &str, body: String) -> Reply {
    Reply::new(Status::NotFound, colour, title, body)
}

/// A Discord timestamp: the full date and time, and how far off it is, in the reader's zone.
pub fn when(at: Timestamp) -> String {
    let s = at.as_second();
    format!("<t:{s}:F> (<t:{s}:R>)")
}

pub fn channel(id: u64) -> String {
    format!("<#{id}>")
}

/// What a server's daily post is, as the confirmation and `/daily show` say it.
fn what(mode: Mode, reveal_after: SignedDuration) -> String {
    match mode {
        Mode::Fact => "a behind-the-scenes fact".into(),
        Mode::Quiz => format!(
            "a \"Guess the film\" quiz (a fact with its film hidden, four films to pick from, the answer {} later)",
            span(reveal_after)
        ),
    }
}

/// "1 hour", "90 minutes", "30 seconds".
fn span(d: SignedDuration) -> String {
    let s = d.as_secs();
    let (n, unit) = if s % 3600 == 0 {
        (s / 3600, "hour")
    } else if s % 60 == 0 {
        (s / 60, "minute")
    } else {
        (s, "second")
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

pub fn saved(status: &DailyStatus, reveal_after: SignedDuration) -> Reply {
    let s = &status.schedule;
    let mut body = format!(
        "Every day at **{}** ({}), {} goes to {}.",
        s.local_time,
        s.time_zone,
        what(s.mode, reveal_after),
        channel(s.channel_id)
    );
    if let Some(next) = status.next {
        body.push_str(&format!("\nNext post: {}", when(next)));
    }
    private(Colour::TRIVIA, "Daily facts are on", body)
}

pub fn show(status: Option<&DailyStatus>, reveal_after: SignedDuration) -> Reply {
    let Some(status) = status else {
        return private(
            Colour::NOT_FOUND,
            "Daily facts are not set up",
            "Nothing is posted here yet. Start with `/daily set`: a channel, a time (HH:MM) and your time zone."
                .into(),
        );
    };
    let s = &status.schedule;
    let plan = format!("{} at **{}** ({})", channel(s.channel_id), s.local_time, s.time_zone);
    if !s.enabled {
        return private(
            Colour::NOT_FOUND,
            "Daily facts are off",
            format!("They were set for {plan}. `/daily set` turns them back on."),
        );
    }
    if let Some(reason) = &s.paused_reason {
        return private(
            Colour::NOT_FOUND,
            "Daily facts are paused",
            format!(
                "Set for {plan}, but paused: {reason}.\nOnce that is fixed, run `/daily set` again to resume."
            ),
        );
    }
    let mut body = format!("Every day: {} in {plan}.", what(s.mode, reveal_after));
    if let Some(next) = status.next {
        body.push_str(&format!("\nNext post: {}", when(next)));
    }
    private(Colour::TRIVIA, "Daily facts are on", body)
}

pub fn off(was_on: bool) -> Reply {
    if was_on {
        private(
            Colour::TRIVIA,
            "Daily facts are off",
            "No more daily posts here. `/daily set` starts them again, where the rotation left off.".into(),
        )
    } else {
        private(Colour::NOT_FOUND, "Daily facts were not set up", "There was nothing to turn off.".into())
    }
}

pub fn posted_now(channel_id: u64, date: Date) -> Reply {
    private(
        Colour::TRIVIA,
        "Posted",
        format!("Today's fact ({date}) is in {}. It counts as today's post, so the scheduled one is skipped today.", channel(channel_id)),
    )
}

pub fn already_posted(date: Date, next: Option<Timestamp>) -> Reply {
    let mut body = format!("Today's fact ({date}) has already been posted.");
    if let Some(next) = next {
        body.push_str(&format!(" The next one comes {}.", when(next)));
    }
    private(Colour::NOT_FOUND, "Already posted today", body)
}

pub fn not_set() -> Reply {
    show(None, SignedDuration::ZERO)
}

pub fn not_posted(reason: &str) -> Reply {
    private(Colour::NOT_FOUND, "Not posted", format!("Today's fact could not be posted: {reason}."))
}

pub fn admins_only() -> Reply {
    private(
        Colour::NOT_FOUND,
        "Admins only",
        "Only members with the **Manage Server** permission can change daily posts.".into(),
    )
}

pub fn servers_only() -> Reply {
    private(
        Colour::NOT_FOUND,
        "Servers only",
        "Daily posts go to a server channel: use `/daily` in a server.".into(),
    )
}

pub fn bad_setting(error: &ScheduleError) -> Reply {
    private(Colour::NOT_FOUND, "Nothing saved", format!("{error}."))
}

/// `missing` holds the names from [`NEEDED`] the bot lacks in the channel.
pub fn missing_permissions(channel_id: u64, missing: &[&str]) -> Reply {
    let names: Vec<String> = missing.iter().map(|m| format!("**{m}**")).collect();
    let list = match names.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    private(
        Colour::NOT_FOUND,
        "Nothing saved",
        format!(
            "I can't post in {} yet: I am missing {list} there. Give my role {} in the channel's \
             permissions, then run `/daily set` again.",
            channel(channel_id),
            if missing.len() == 1 { "that permission" } else { "those permissions" }
        ),
    )
}

/// Which of [`NEEDED`] (and for a quiz [`NEEDED_FOR_QUIZ`]) `permissions` (a Discord
/// permission bit set) lacks.
pub fn missing(permissions: u64, mode: Mode) -> Vec<&'static str> {
    let quiz = (mode == Mode::Quiz).then_some(NEEDED_FOR_QUIZ);
    NEEDED
        .iter()
        .copied()
        .chain(quiz)
        .filter(|(_, bit)| permissions & bit == 0)
        .map(|(name, _)| name)
        .collect()
}

const QUIZ: Colour = Colour(0xC061CB);

/// The daily quiz's question. The reveal time is in the body: footers show no timestamps.
pub fn quiz_question(question: &str, spoiler: bool, reveal_at: Timestamp) -> Reply {
    let s = reveal_at.as_second();
    let mut reply = Reply::new(Status::Answer, QUIZ, "Guess the film", question.to_string());
    reply.body_spoiler = spoiler;
    reply.fields.push(Field {
        name: "How to play".into(),
        value: format!("Pick the film below, one answer each. The answer comes <t:{s}:R>, at <t:{s}:t>."),
        spoiler: false,
        inline: false,
    });
    reply.footer = Some(format!(
        "The first right answer scores {FIRST_CORRECT}, the second {SECOND_CORRECT}, later ones \
         {LATER_CORRECT}; totals on /leaderboard."
    ));
    reply
}

/// The answer to a daily quiz: the film, the whole fact, and who got it right.
pub fn quiz_reveal(catalog: &Catalog, reveal: &Reveal) -> Reply {
    let film = film_label(catalog, &reveal.film_id);
    let fact = catalog.fact(&reveal.fact_id);
    let text = fact.map_or_else(String::new, |f| f.fact.text.clone());
    let mut reply = Reply::new(Status::Answer, QUIZ, format!("Guess the film: it was {film}"), text);
    reply.body_spoiler = fact.is_some_and(|f| f.fact.spoiler);
    let right = crate::discord::quiz::replies::right_answers(&reveal.winners);
    let answers = match reveal.answered {
        0 => "No answers.".to_string(),
        n => format!("{} of {n} right", reveal.winners.len()),
    };
    reply.fields.push(Field { name: "Right".into(), value: right, spoiler: false, inline: false });
    reply.fields.push(Field { name: "Answers".into(), value: answers, spoiler: false, inline: true });
    reply.footer = fact.and_then(|f| f.fact.sources.first()).map(|s| format!("Source: {}", s.citation()));
    reply
}

pub fn quiz_taken(label: &str, reveal_at: Timestamp) -> Reply {
    private(
        QUIZ,
        "Answer taken",
        format!("You chose **{label}**. The answer comes <t:{}:R>.", reveal_at.as_second()),
    )
}

pub fn quiz_gone() -> Reply {
    private(QUIZ, "This quiz is over", "A new one comes with the next daily post.".into())
}

pub fn quiz_not_recorded() -> Reply {
    private(
        QUIZ,
        "Answer not recorded",
        "Something went wrong on my side: please click again in a moment.".into(),
    )
}

pub fn quiz_closed(label: &str) -> Reply {
    private(
        QUIZ,
        "This quiz is closed",
        format!("It was **{label}**. A new one comes with the next daily post."),
    )
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    const HOUR: SignedDuration = SignedDuration::from_hours(1);
    use crate::daily::Rotation;
    use crate::store::DailySchedule;

    fn status(enabled: bool, paused: Option<&str>, next: Option<&str>) -> DailyStatus {
        DailyStatus {
            schedule: DailySchedule {
                guild_id: 1,
                channel_id: 42,
                local_time: "09:00".into(),
                time_zone: "Europe/Berlin".into(),
                enabled,
                paused_reason: paused.map(String::from),
                since: "2026-01-01T00:00:00Z".parse().unwrap(),
                rotation: Rotation { seed: 1, round: 0 },
                mode: Mode::Fact,
            },
            next: next.map(|n| n.parse().unwrap()),
        }
    }

    #[test]
    fn the_confirmation_names_channel_time_zone_and_next_post() {
        let reply = saved(&status(true, None, Some("2026-01-15T08:00:00Z")), HOUR);
        assert!(
            reply.body.contains("<#42>") && reply.body.contains("**09:00** (Europe/Berlin)"),
            "{}",
            reply.body
        );
        assert!(reply.body.contains("<t:1768464000:F>"), "{}", reply.body);
        assert_eq!(reply.status, Status::NotFound, "shown only to the admin");
    }

    #[test]
    fn show_tells_on_off_paused_and_unset_apart() {
        assert!(show(Some(&status(true, None, Some("2026-01-15T08:00:00Z"))), HOUR)
            .body
            .contains("Next post: <t:"));
        assert_eq!(show(Some(&status(false, None, None)), HOUR).title, "Daily facts are off");
        let paused = show(Some(&status(true, Some("the channel <#42> was deleted"), None)), HOUR);
        assert_eq!(paused.title, "Daily facts are paused");
        assert!(paused.body.contains("the channel <#42> was deleted") && paused.body.contains("/daily set"));
        assert!(show(None, HOUR).body.contains("/daily set"));
    }

    #[test]
    fn missing_permissions_are_named_one_by_one() {
        assert_eq!(missing(1024 | 2048 | 16384, Mode::Fact), Vec::<&str>::new());
        assert_eq!(missing(1024 | 2048 | 16384, Mode::Quiz), vec!["Read Message History"]);
        assert_eq!(missing(1024, Mode::Fact), vec!["Send Messages", "Embed Links"]);
        let reply = missing_permissions(42, &missing(1024 | 16384, Mode::Fact));
        assert!(reply.body.contains("missing **Send Messages** there"), "{}", reply.body);
        assert!(reply.body.contains("that permission"), "{}", reply.body);
        let reply = missing_permissions(42, &missing(0, Mode::Fact));
        assert!(
            reply.body.contains("**View Channel**, **Send Messages** and **Embed Links**"),
            "{}",
            reply.body
        );
    }

    #[test]
    fn a_quiz_schedule_says_so_and_its_reveal_credits_the_right_members() {
        let mut quiz = status(true, None, Some("2026-01-15T08:00:00Z"));
        quiz.schedule.mode = Mode::Quiz;
        assert!(saved(&quiz, HOUR).body.contains("a \"Guess the film\" quiz"), "{}", saved(&quiz, HOUR).body);
        assert!(saved(&quiz, SignedDuration::from_mins(90)).body.contains("the answer 90 minutes later"));
        assert!(show(Some(&quiz), HOUR).body.starts_with("Every day: a \"Guess the film\" quiz"));
        let question =
            quiz_question("[this film] was shot in reverse.", false, "2026-01-15T09:00:00Z".parse().unwrap());
        assert!(question.fields[0].value.contains("<t:1768467600:R>"), "{:?}", question.fields);
        let catalog = crate::commands::test_catalog::catalog();
        let fact = catalog.facts().next().unwrap();
        let reveal = Reveal {
            guild_id: 1,
            channel_id: 42,
            date: date(2026, 1, 15),
            question_message: Some(9),
            fact_id: fact.fact.id.clone(),
            film_id: fact.film.id.clone(),
            winners: vec![crate::quiz::Winner { player: 5, points: 3 }],
            answered: 3,
            nonce: "n".into(),
            started_at: "2026-01-15T09:00:00Z".parse().unwrap(),
        };
        let reply = quiz_reveal(&catalog, &reveal);
        assert_eq!(reply.title, format!("Guess the film: it was {}", fact.film.label()));
        assert_eq!(reply.body, fact.fact.text);
        assert_eq!(
            (reply.fields[0].value.as_str(), reply.fields[1].value.as_str()),
            ("<@5> +3", "1 of 3 right")
        );
        assert!(reply.footer.unwrap().starts_with("Source: "));
    }

    #[test]
    fn already_posted_says_when_the_next_comes() {
        let reply = already_posted(date(2026, 1, 15), Some("2026-01-16T08:00:00Z".parse().unwrap()));
        assert!(
            reply.body.contains("2026-01-15") && reply.body.contains("<t:1768550400:F>"),
            "{}",
            reply.body
        );
    }
}
