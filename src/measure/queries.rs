//! Queries the way people type them, each with the film it means, for a catalog from
//! [`catalog`](super::catalog).
//!
//! The kinds, each about a ninth of the queries: the title as written (`exact`); in lower case
//! without accents (`lowercase`); without its leading "The", "A" or "An" (`missing-article`);
//! with one or two typos (`typo1`, `typo2`); the start of it (`prefix`); followed by its year
//! (`title-year`); without punctuation, "&" spelled "and" (`no-punct`); and famous real titles
//! as search logs show them misspelt or loosely typed (`famous-misspelled`).
//!
//! Every query has one right answer:
//! - A query without a year never names a title that remakes share ("Dune" for the 1984 or the
//!   2021 film has no right answer); remakes are asked for with their year ([`Kind::TitleYear`]).
//! - A query whose key is another film's whole title is dropped (a typo that spells another
//!   title, a prefix that is a shorter title): the person asking for that would get it.
//! - Typos keep the first letter (people rarely miss it), hit keyboard neighbours, drop, double
//!   or swap letters, and need a title long enough to survive them: five letters for one, eight
//!   for two.
//! - A prefix is what is typed before picking from autocomplete: 60% of the title or more by
//!   default ([`Typing`] changes it), never all of it, and at least four characters.

use std::collections::HashMap;

use super::catalog::Title;
use super::rng::Rng;
use super::vocabulary::{keyboard_neighbours, FAMOUS};
use crate::lookup::normalize;

/// What a person did to the title.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Exact,
    Lowercase,
    MissingArticle,
    Typo1,
    Typo2,
    Prefix,
    TitleYear,
    NoPunct,
    FamousMisspelled,
}

impl Kind {
    pub const ALL: [Kind; 9] = [
        Kind::Exact,
        Kind::Lowercase,
        Kind::MissingArticle,
        Kind::Typo1,
        Kind::Typo2,
        Kind::Prefix,
        Kind::TitleYear,
        Kind::NoPunct,
        Kind::FamousMisspelled,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Exact => "exact",
            Kind::Lowercase => "lowercase",
            Kind::MissingArticle => "missing-article",
            Kind::Typo1 => "typo1",
            Kind::Typo2 => "typo2",
            Kind::Prefix => "prefix",
            Kind::TitleYear => "title-year",
            Kind::NoPunct => "no-punct",
            Kind::FamousMisspelled => "famous-misspelled",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// One line of `queries.tsv`: what was typed, the id of the film meant, and how it was typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabeledQuery {
    pub query: String,
    pub id: String,
    pub kind: Kind,
}

/// How the generated people type, where it is a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Typing {
    /// The shortest prefix typed, in percent of the title's characters (at least four
    /// characters, never the whole title).
    pub min_prefix_percent: usize,
}

impl Default for Typing {
    fn default() -> Self {
        Typing { min_prefix_percent: 60 }
    }
}

/// `m` queries, the kinds in turn (so each is about a ninth), deterministic for a seed.
pub fn queries(titles: &[Title], m: usize, seed: u64) -> Vec<LabeledQuery> {
    queries_typed(titles, m, seed, Typing::default())
}

/// [`queries`], typed as `typing` says.
pub fn queries_typed(titles: &[Title], m: usize, seed: u64, typing: Typing) -> Vec<LabeledQuery> {
    let mut rng = Rng::new(seed);
    let keys: Vec<String> = titles.iter().map(|t| normalize::key(&t.title)).collect();
    let mut sharing: HashMap<&str, usize> = HashMap::new();
    for k in &keys {
        *sharing.entry(k.as_str()).or_default() += 1;
    }
    let remade: Vec<usize> = (0..titles.len()).filter(|&i| sharing[keys[i].as_str()] > 1).collect();
    let famous: Vec<(usize, &str)> = titles
        .iter()
        .enumerate()
        .filter_map(|(i, t)| FAMOUS.iter().find(|f| f.0 == t.title && f.1 == t.year).map(|f| (i, f.2)))
        .flat_map(|(i, spellings)| spellings.iter().map(move |s| (i, *s)))
        .collect();
    let mut out = Vec::with_capacity(m);
    for n in 0..m {
        let kind = Kind::ALL[n % Kind::ALL.len()];
        for _ in 0..1000 {
            let (target, query) = match kind {
                Kind::FamousMisspelled if !famous.is_empty() => {
                    let (i, s) = *rng.pick(&famous);
                    (i, s.to_string())
                }
                Kind::FamousMisspelled => break,
                // Remakes are what a year is typed for: a third of these ask for one.
                Kind::TitleYear if !remade.is_empty() && rng.chance(1.0 / 3.0) => {
                    let i = *rng.pick(&remade);
                    (i, title_year(&mut rng, &titles[i]))
                }
                _ => {
                    let i = rng.below(titles.len());
                    let Some(q) = typed(&mut rng, kind, &titles[i], typing) else { continue };
                    (i, q)
                }
            };
            let key = normalize::key(&query);
            let shared = sharing[keys[target].as_str()] > 1;
            let names_another = key != keys[target] && sharing.contains_key(key.as_str());
            if key.is_empty() || names_another || (shared && kind != Kind::TitleYear) {
                continue;
            }
            out.push(LabeledQuery { query, id: titles[target].id.clone(), kind });
            break;
        }
    }
    out
}

/// The query of one kind for a title, or `None` when the title cannot give one.
fn typed(rng: &mut Rng, kind: Kind, t: &Title, typing: Typing) -> Option<String> {
    let title = &t.title;
    match kind {
        Kind::Exact => Some(title.clone()),
        Kind::Lowercase => Some(deunicode::deunicode(title).to_lowercase()),
        Kind::MissingArticle => ["The ", "A ", "An "]
            .iter()
            .find_map(|a| title.strip_prefix(a))
            .filter(|rest| !rest.is_empty())
            .map(|rest| if rng.chance(0.5) { rest.to_lowercase() } else { rest.to_string() }),
        Kind::Typo1 => (letters(title) >= 5).then(|| typos(rng, title, 1)).flatten(),
        Kind::Typo2 => (letters(title) >= 8).then(|| typos(rng, title, 2)).flatten(),
        Kind::Prefix => {
            let chars: Vec<char> = title.chars().collect();
            let min = (chars.len() * typing.min_prefix_percent).div_ceil(100).max(4);
            (min < chars.len()).then(|| {
                let end = min + rng.below(chars.len() - min);
                chars[..end].iter().collect::<String>().to_lowercase()
            })
        }
        Kind::TitleYear => Some(title_year(rng, t)),
        Kind::NoPunct => {
            let has_punct = title.chars().any(|c| !c.is_alphanumeric() && c != ' ');
            has_punct.then(|| {
                let spelled = title.replace('&', "and");
                let kept: String = spelled
                    .chars()
                    .map(|c| if c == '-' || c == '/' { ' ' } else { c })
                    .filter(|c| c.is_alphanumeric() || *c == ' ')
                    .collect();
                kept.split_whitespace().collect::<Vec<_>>().join(" ")
            })
        }
        Kind::FamousMisspelled => None,
    }
}

fn title_year(rng: &mut Rng, t: &Title) -> String {
    let title = if rng.chance(0.5) { t.title.to_lowercase() } else { t.title.clone() };
    format!("{title} {}", t.year)
}

fn letters(title: &str) -> usize {
    normalize::key(title).bytes().filter(u8::is_ascii_lowercase).count()
}

/// The title in lower case with `n` typos at distinct letters, never the first.
fn typos(rng: &mut Rng, title: &str, n: usize) -> Option<String> {
    let mut chars: Vec<char> = deunicode::deunicode(title).to_lowercase().chars().collect();
    let first = chars.iter().position(char::is_ascii_lowercase)?;
    let mut used: Vec<usize> = Vec::new();
    for _ in 0..n {
        let positions: Vec<usize> = (first + 1..chars.len())
            .filter(|&i| chars[i].is_ascii_lowercase() && used.iter().all(|&u| u.abs_diff(i) > 1))
            .collect();
        if positions.is_empty() {
            return None;
        }
        let i = *rng.pick(&positions);
        used.push(i);
        let c = chars[i];
        let near: Vec<char> = keyboard_neighbours(c).chars().collect();
        match rng.below(10) {
            // a neighbouring key instead
            0..=2 if !near.is_empty() => chars[i] = *rng.pick(&near),
            // a letter left out
            3..=5 => {
                chars.remove(i);
                used.iter_mut().filter(|u| **u > i).for_each(|u| *u -= 1);
            }
            // two letters swapped
            6 | 7 if i + 1 < chars.len() && chars[i + 1].is_ascii_lowercase() && chars[i + 1] != c => {
                chars.swap(i, i + 1);
                used.push(i + 1);
            }
            // a letter doubled, or a neighbour slipped in
            _ => {
                let extra = if near.is_empty() || rng.chance(0.5) { c } else { *rng.pick(&near) };
                chars.insert(i + 1, extra);
                used.push(i + 1);
            }
        }
    }
    Some(chars.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::super::catalog::titles;
    use super::*;

    #[test]
    fn every_kind_is_generated_in_turn_with_a_known_answer() {
        let t = titles(2000, 5);
        let q = queries(&t, 900, 6);
        assert_eq!(q.len(), 900);
        for kind in Kind::ALL {
            assert_eq!(q.iter().filter(|x| x.kind == kind).count(), 100, "{kind:?}");
        }
        let ids: std::collections::HashSet<&str> = t.iter().map(|t| t.id.as_str()).collect();
        assert!(q.iter().all(|x| ids.contains(x.id.as_str())));
        assert_eq!(queries(&t, 900, 6), q);
    }

    #[test]
    fn typos_change_the_title_but_keep_its_first_letter() {
        let mut rng = Rng::new(1);
        for _ in 0..200 {
            let typed = typos(&mut rng, "Inception", 1).unwrap();
            assert!(typed.starts_with('i'), "{typed}");
            assert_ne!(typed, "inception");
            assert!(strsim::osa_distance(&typed, "inception") <= 1, "{typed}");
            let typed = typos(&mut rng, "Back to the Future", 2).unwrap();
            assert!(strsim::osa_distance(&typed, "back to the future") <= 2, "{typed}");
        }
    }

    #[test]
    fn kind_names_round_trip() {
        for kind in Kind::ALL {
            assert_eq!(Kind::from_name(kind.name()), Some(kind));
        }
    }
}
