//! How strongly a query key matches one title key: the rules that rank exact titles over
//! prefixes over typos over titles that merely contain the query.
//!
//! Points are integers so ranking is exact; [`EXACT`] points is a score of 1.0.

use super::edit::osa_within;
use super::MatchKind;

/// Points, so ranking is exact integer arithmetic; divided by `EXACT` for display.
pub const EXACT: u32 = 1000;
/// A query's year that matches the entry outweighs the difference between an exact title and a
/// prefix, so "back to the future 1990" finds Part III over the 1985 film.
pub const YEAR_BONUS: u32 = 300;
/// Ignoring a year the person typed costs a little, so "blade runner 2049" stays Blade Runner 2049.
pub const IGNORED_YEAR_PENALTY: u32 = 5;
/// Titles win over aliases that spell the same.
pub const ALIAS_PENALTY: u32 = 5;
/// A query that names a title's leading article ("the quiet") ranks the titles that have it
/// above those that do not, whatever their lengths: keys drop the article, so only this says
/// the person typed it. Less than the gap between an exact title and a prefix.
pub const ARTICLE_BONUS: u32 = 100;

/// The most a match other than an exact title or a prefix scores (a typo, before any year bonus).
pub const FUZZY_CEILING: u32 = 800;

/// Shortest query key that may match inside a title rather than at its start.
pub const MIN_CONTAINED: usize = 4;
/// Shortest query key that may be a prefix typed with a typo.
pub const MIN_HEAD_WITH_TYPO: usize = 5;

/// Typos forgiven for a query key of this length: none for very short keys, where one edit
/// turns a title into a different one; up to two for long ones.
pub fn allowed_typos(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// How a query key matches a title key, and how strongly, or `None`.
pub fn match_points(query: &str, title: &str) -> Option<(u32, MatchKind)> {
    if query.is_empty() {
        return None;
    }
    if query == title {
        return Some((EXACT, MatchKind::Exact));
    }
    // Share of the title the query covers, in points out of 100.
    let coverage = |n: usize| (100 * n / title.len().max(1)) as u32;
    if title.starts_with(query) {
        return Some((800 + coverage(query.len()).min(99), MatchKind::Prefix));
    }
    let allowed = allowed_typos(query.len());
    if allowed > 0 {
        if let Some(distance) = osa_within(query, title, allowed) {
            return Some((900 - 100 * distance as u32, MatchKind::Typo));
        }
    }
    if query.len() >= MIN_HEAD_WITH_TYPO && title.len() > query.len() {
        // Keys are ASCII, so byte slicing is safe.
        let head = &title[..query.len()];
        if osa_within(query, head, 1).is_some() {
            return Some((650 + coverage(query.len()).min(99), MatchKind::PrefixTypo));
        }
    }
    if query.len() >= MIN_CONTAINED && title.contains(query) {
        return Some((600 + coverage(query.len()).min(49), MatchKind::Contains));
    }
    None
}

/// How far a typo lies from the title beyond its count of edits, for ranking titles equally
/// many typos away: letters left out or added cost one, a letter replaced or two swapped cost
/// two (the insert/delete distance). People leave letters out more often than they hit the
/// wrong one, so of "sog of the enemy"'s two-typo neighbours, "Song of the Enemy" (two letters
/// left out) comes before "Dog of the Enemy" (one replaced, one left out). Zero for other kinds.
pub fn closeness(query: &str, title: &str, kind: MatchKind) -> u32 {
    if kind != MatchKind::Typo {
        return 0;
    }
    let (a, b) = (query.as_bytes(), title.as_bytes());
    // Longest common subsequence, one row at a time.
    let mut row = vec![0u16; b.len() + 1];
    for &x in a {
        let mut diagonal = 0;
        for (j, &y) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if x == y { diagonal + 1 } else { above.max(row[j]) };
            diagonal = above;
        }
    }
    (a.len() + b.len()) as u32 - 2 * u32::from(row[b.len()])
}

/// The points a key's match is worth for one entry. `year_matches` is `None` when this reading
/// of the query kept every word, otherwise whether the year it dropped is one of the entry's;
/// `same_article` is whether the query and the name began with the same article.
pub fn entry_points(points: u32, year_matches: Option<bool>, alias: bool, same_article: bool) -> u32 {
    let points = points + if same_article { ARTICLE_BONUS } else { 0 };
    let points = match year_matches {
        Some(true) => points + YEAR_BONUS,
        Some(false) => points.saturating_sub(IGNORED_YEAR_PENALTY),
        None => points,
    };
    if alias {
        points.saturating_sub(ALIAS_PENALTY)
    } else {
        points
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn of_equal_typos_letters_left_out_are_closer_than_letters_replaced() {
        let typo = MatchKind::Typo;
        assert!(
            closeness("sogoftheenemy", "songoftheenemy", typo)
                < closeness("sogoftheenemy", "dogoftheenemy", typo)
        );
        assert_eq!(closeness("matirx", "matrix", typo), 2);
        assert_eq!(closeness("matrx", "matrix", typo), 1);
        assert_eq!(closeness("matrx", "matrix", MatchKind::Prefix), 0);
    }

    #[test]
    fn nothing_but_an_exact_title_or_a_prefix_scores_above_the_fuzzy_ceiling() {
        let titles =
            ["inception", "incepti", "matrixreloaded", "thematrix", "dune", "dunes", "backtothefuture"];
        let queries =
            ["incepton", "inceptoin", "matrix", "reloaded", "dnue", "dun", "bakctothefut", "future"];
        for q in queries {
            for t in titles {
                if let Some((points, kind)) = match_points(q, t) {
                    if !matches!(kind, MatchKind::Exact | MatchKind::Prefix) {
                        assert!(points <= FUZZY_CEILING, "{q} {t} {kind:?} {points}");
                    }
                }
            }
        }
    }
}
