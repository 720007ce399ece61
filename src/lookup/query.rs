//! A query as the matcher reads it: its key and, if it ends in a year, the reading without it.

use super::normalize;

/// Years a trailing number may name; outside these it is part of the title ("2001", "1984").
const YEARS: std::ops::RangeInclusive<u16> = 1870..=2100;

/// Characters of a query that are read. A title has at most 256 (Discord's limit), so a longer
/// query cannot be one typed; reading only this much bounds the work any input can cause.
pub const QUERY_MAX_CHARS: usize = 300;

pub struct Query {
    pub key: String,
    /// The key without a trailing year, and the year.
    pub with_year: Option<(String, u16)>,
    /// The leading article the key dropped, if any.
    pub article: Option<u8>,
}

impl Query {
    pub fn parse(text: &str) -> Self {
        let text = match text.char_indices().nth(QUERY_MAX_CHARS) {
            Some((cut, _)) => &text[..cut],
            None => text,
        };
        let words = normalize::words(text);
        let article = normalize::leading_article(&words);
        let with_year = match words.split_last() {
            Some((last, rest)) if !rest.is_empty() && last.len() == 4 => last
                .parse::<u16>()
                .ok()
                .filter(|y| YEARS.contains(y))
                .map(|y| (normalize::canonical_words(rest.to_vec()).concat(), y)),
            _ => None,
        };
        Query { key: normalize::canonical_words(words).concat(), with_year, article }
    }
}
