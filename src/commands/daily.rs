//! `/daily preview` in the console: the fact the daily rotation gives today and tomorrow.
//! A console has no server and no record of posts, so it follows a fixed rotation that posts
//! one fact per calendar day; a Discord server gets its own shuffle (see [`crate::daily`]).

use jiff::civil::Date;

use super::trivia::fact_reply;
use crate::catalog::Catalog;
use crate::daily::fact_for_day;
use crate::reply::{Colour, Field, Reply, Status};

/// A server's daily post: the fact's card under a "Fact of the day" title. `None` when the
/// fact left the data set since it was chosen.
pub fn post(catalog: &Catalog, fact_id: &str) -> Option<Reply> {
    let fact = catalog.fact(fact_id)?;
    let mut reply = fact_reply(catalog, fact, None, None);
    reply.title = format!("Fact of the day: {}", reply.title);
    Some(reply)
}

/// The console's rotation seed: any fixed value; it only has to stay the same across runs.
const CONSOLE_SEED: u64 = 0x006d_7464_6169_6c79;

pub(super) fn preview(catalog: &Catalog, today: Date) -> Reply {
    let mut reply = Reply::new(
        Status::Answer,
        Colour::TRIVIA,
        "Daily fact preview",
        "What the daily post would be here. In a Discord server, admins choose the channel and the \
         local time with /daily set, and each server gets its own order of facts.",
    );
    let ids: Vec<&str> = catalog.facts().map(|f| f.fact.id.as_str()).collect();
    for (when, date) in [("Today", Some(today)), ("Tomorrow", today.tomorrow().ok())] {
        let Some(date) = date else { continue };
        let fact = fact_for_day(&ids, CONSOLE_SEED, day_number(date)).and_then(|id| catalog.fact(id));
        let Some(f) = fact else {
            reply.fields.push(Field {
                name: when.into(),
                value: "The data set has no facts.".into(),
                spoiler: false,
                inline: false,
            });
            continue;
        };
        reply.fields.push(Field {
            name: format!("{when}, {} · {}", date.strftime("%A %-d %B %Y"), f.film.label()),
            value: f.fact.text.clone(),
            spoiler: f.fact.spoiler,
            inline: false,
        });
    }
    reply
}

/// Days since 1970-01-01, so each calendar date has its own place in the rotation.
fn day_number(date: Date) -> u64 {
    let epoch = Date::constant(1970, 1, 1);
    u64::try_from(date.duration_since(epoch).as_hours() / 24).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::super::test_catalog;
    use super::*;

    #[test]
    fn preview_names_today_and_tomorrow_with_their_facts() {
        let catalog = test_catalog::catalog();
        let reply = preview(&catalog, date(2026, 11, 21));
        assert_eq!(reply.fields.len(), 2);
        assert!(
            reply.fields[0].name.starts_with("Today, Saturday 21 November 2026 · "),
            "{}",
            reply.fields[0].name
        );
        assert!(
            reply.fields[1].name.starts_with("Tomorrow, Sunday 22 November 2026 · "),
            "{}",
            reply.fields[1].name
        );
        let texts: Vec<&str> = catalog.facts().map(|f| f.fact.text.as_str()).collect();
        assert!(reply.fields.iter().all(|f| texts.contains(&f.value.as_str())));
        assert_ne!(reply.fields[0].value, reply.fields[1].value, "two days, two facts");
    }

    #[test]
    fn a_daily_post_is_the_fact_card_under_its_own_title() {
        let catalog = test_catalog::catalog();
        let first = catalog.facts().next().unwrap();
        let reply = post(&catalog, &first.fact.id).unwrap();
        assert_eq!(reply.title, format!("Fact of the day: {}", first.film.label()));
        assert_eq!(reply.body, first.fact.text);
        assert!(reply.footer.as_deref().unwrap().starts_with("Source: "));
        assert_eq!(post(&catalog, "gone/fact"), None);
    }

    #[test]
    fn tomorrows_fact_is_what_today_shows_tomorrow() {
        let catalog = test_catalog::catalog();
        let today = preview(&catalog, date(2026, 11, 21));
        let tomorrow = preview(&catalog, date(2026, 11, 22));
        assert_eq!(today.fields[1].value, tomorrow.fields[0].value);
    }
}
