//! Time zone names for autocomplete: what a person types ("berlin", "new york", "utc") matched
//! against the IANA names of the bundled time zone database.

use std::sync::OnceLock;

/// Every canonical-looking IANA name, sorted, read once from the bundled database.
fn names() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.as_str().to_string())
            // Legacy aliases such as "EST5EDT" or "SystemV/..." only confuse a picker.
            .filter(|n| {
                n == "UTC" || (n.contains('/') && !n.starts_with("Etc/") && !n.starts_with("SystemV/"))
            })
            .collect();
        names.sort();
        names.dedup();
        names
    })
}

/// Up to `limit` zone names for what a person has typed so far, best first: names whose city
/// starts with it, then names that start with it, then names that contain it. Spaces and
/// underscores are interchangeable, case does not matter.
pub fn complete(partial: &str, limit: usize) -> Vec<&'static str> {
    let wanted = fold(partial);
    if wanted.is_empty() {
        return [
            "UTC",
            "Europe/London",
            "Europe/Berlin",
            "America/New_York",
            "America/Los_Angeles",
            "Asia/Tokyo",
        ]
        .into_iter()
        .take(limit)
        .collect();
    }
    let mut ranked: Vec<(u8, &'static str)> = names()
        .iter()
        .filter_map(|name| {
            let folded = fold(name);
            let city = folded.rsplit('/').next().unwrap_or(&folded);
            let rank = if city.starts_with(&wanted) {
                0
            } else if folded.starts_with(&wanted) {
                1
            } else if folded.contains(&wanted) {
                2
            } else {
                return None;
            };
            Some((rank, name.as_str()))
        })
        .collect();
    ranked.sort();
    ranked.into_iter().take(limit).map(|(_, name)| name).collect()
}

fn fold(text: &str) -> String {
    text.trim().to_lowercase().replace(' ', "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_city_finds_its_zone_first() {
        assert_eq!(complete("berlin", 25)[0], "Europe/Berlin");
        assert_eq!(complete("new york", 25)[0], "America/New_York");
        assert_eq!(complete("Lord_H", 25)[0], "Australia/Lord_Howe");
        assert_eq!(complete("utc", 25)[0], "UTC");
    }

    #[test]
    fn a_region_lists_its_zones_within_the_limit() {
        let europe = complete("europe/", 25);
        assert_eq!(europe.len(), 25);
        assert!(europe.iter().all(|n| n.starts_with("Europe/")), "{europe:?}");
    }

    #[test]
    fn every_suggestion_is_a_zone_the_schedule_accepts() {
        for partial in ["", "a", "america", "kolkata", "sao"] {
            for name in complete(partial, 25) {
                assert!(super::super::parse_zone(name).is_ok(), "{name}");
            }
        }
        assert!(complete("atlantis", 25).is_empty());
    }
}
