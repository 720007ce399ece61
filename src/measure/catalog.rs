//! A synthetic film catalog that looks like a real filmography: short and long titles, leading
//! articles, sequels ("2", "Part II", "III"), subtitles after a colon, remakes sharing a title,
//! near-duplicates one letter or word apart, accented foreign titles, punctuation, and famous
//! real titles. Deterministic for a seed.

use std::collections::HashSet;

use super::rng::Rng;
use super::vocabulary::{
    ADJECTIVES, FAMOUS, FIRST_NAMES, FOREIGN, GERUNDS, LOOK_ALIKES, NOUNS, NUMBERS, PLACES, SUBTITLE_HEADS,
    SURNAMES,
};
use crate::lookup::normalize;

/// One line of `titles.tsv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Title {
    pub id: String,
    pub title: String,
    pub year: u16,
}

const FIRST_YEAR: u16 = 1915;
const LAST_YEAR: u16 = 2025;

/// Shares of the catalog made by each way of deriving a title from an earlier one; the rest
/// are new titles.
const REMAKES: f64 = 0.04;
const SEQUELS: f64 = 0.09;
const SUBTITLED: f64 = 0.05;
const NEAR_DUPLICATES: f64 = 0.04;

/// `n` titles (the famous ones first, as far as `n` allows), ids `t1`, `t2`, ...
pub fn titles(n: usize, seed: u64) -> Vec<Title> {
    let mut rng = Rng::new(seed);
    let mut out: Vec<Title> = Vec::with_capacity(n);
    // (key, year) pairs taken, and keys taken: only a remake may reuse a key.
    let mut taken: HashSet<(String, u16)> = HashSet::new();
    let mut keys: HashSet<String> = HashSet::new();
    let mut push = |out: &mut Vec<Title>, title: String, year: u16, remake: bool| -> bool {
        let key = normalize::key(&title);
        if key.is_empty() || taken.contains(&(key.clone(), year)) || (!remake && keys.contains(&key)) {
            return false;
        }
        taken.insert((key.clone(), year));
        keys.insert(key);
        out.push(Title { id: format!("t{}", out.len() + 1), title, year });
        true
    };
    for &(title, year, _) in FAMOUS.iter().take(n) {
        push(&mut out, title.to_string(), year, false);
    }
    let mut attempts = 0usize;
    while out.len() < n && attempts < n * 50 {
        attempts += 1;
        let roll = rng.unit();
        let base =
            (!out.is_empty()).then(|| out[rng.below(out.len())].clone()).filter(|b| is_original(&b.title));
        match base {
            Some(base) if roll < REMAKES => {
                let year = base.year.saturating_add(5 + rng.below(40) as u16);
                year <= LAST_YEAR && push(&mut out, base.title, year, true)
            }
            Some(base) if roll < REMAKES + SEQUELS => {
                let (title, gap) = sequel(&mut rng, &base.title);
                let year = base.year.saturating_add(gap);
                year <= LAST_YEAR && push(&mut out, title, year, false)
            }
            Some(base) if roll < REMAKES + SEQUELS + SUBTITLED => {
                let title = format!("{}: {}", base.title, subtitle(&mut rng));
                let year = base.year.saturating_add(1 + rng.below(6) as u16).min(LAST_YEAR);
                push(&mut out, title, year, false)
            }
            Some(base) if roll < REMAKES + SEQUELS + SUBTITLED + NEAR_DUPLICATES => {
                match near_duplicate(&mut rng, &base.title) {
                    Some(title) => {
                        let year = year(&mut rng);
                        push(&mut out, title, year, false)
                    }
                    None => false,
                }
            }
            _ => {
                let title = fresh(&mut rng);
                let year = year(&mut rng);
                push(&mut out, title, year, false)
            }
        };
    }
    out
}

/// More films are made every decade: years lean towards the recent.
fn year(rng: &mut Rng) -> u16 {
    let span = f64::from(LAST_YEAR - FIRST_YEAR);
    LAST_YEAR - (span * rng.unit().powf(1.6)) as u16
}

fn sequel(rng: &mut Rng, base: &str) -> (String, u16) {
    let n = 2 + rng.below(4);
    let roman = ["", "I", "II", "III", "IV", "V", "VI"][n];
    let title = match rng.below(6) {
        0 | 1 => format!("{base} {n}"),
        2 => format!("{base} {roman}"),
        3 => format!("{base} Part {roman}"),
        4 => format!("{base} {n}: {}", subtitle(rng)),
        _ => format!("{base}: Chapter {n}"),
    };
    (title, (1 + rng.below(4) * (n - 1)) as u16)
}

fn subtitle(rng: &mut Rng) -> String {
    match rng.below(3) {
        0 => format!("{} {}", rng.pick(SUBTITLE_HEADS), rng.pick(NOUNS)),
        1 => format!("The {} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
        _ => format!("{} {}", rng.pick(ADJECTIVES), rng.pick(NOUNS)),
    }
}

/// The same title with one word swapped for a look-alike, if it has one.
fn near_duplicate(rng: &mut Rng, base: &str) -> Option<String> {
    let words: Vec<&str> = base.split(' ').collect();
    let swaps: Vec<(usize, &str)> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            LOOK_ALIKES.iter().find_map(|&(a, b)| {
                if *w == a {
                    Some((i, b))
                } else if *w == b {
                    Some((i, a))
                } else {
                    None
                }
            })
        })
        .collect();
    if swaps.is_empty() {
        return None;
    }
    let (i, word) = *rng.pick(&swaps);
    let mut words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
    words[i] = word.to_string();
    Some(words.join(" "))
}

const VOWEL_ADJECTIVES: &[&str] = &[
    "Ancient",
    "Eternal",
    "Endless",
    "Empty",
    "Electric",
    "Invisible",
    "Immortal",
    "Imperial",
    "Unlucky",
    "Amber",
    "Autumn",
    "Infinite",
];

/// Whether a title can be the base of a sequel or subtitle: not already one.
fn is_original(title: &str) -> bool {
    let last = title.rsplit(' ').next().unwrap_or("");
    !title.contains(':') && !last.bytes().all(|b| b.is_ascii_digit() || matches!(b, b'I' | b'V'))
}

fn fresh(rng: &mut Rng) -> String {
    let adj = *rng.pick(ADJECTIVES);
    let noun = *rng.pick(NOUNS);
    let noun2 = *rng.pick(NOUNS);
    let name = *rng.pick(FIRST_NAMES);
    let place = *rng.pick(PLACES);
    match rng.below(100) {
        0..=4 => noun.to_string(),
        5..=10 => format!("The {noun}"),
        11..=22 => format!("{adj} {noun}"),
        23..=33 => format!("The {adj} {noun}"),
        34..=41 => format!("{noun} of the {noun2}"),
        42..=45 => format!("The {noun} of {place}"),
        46..=49 => format!("{name} {}", rng.pick(SURNAMES)),
        50..=53 => format!("{name}'s {noun}"),
        54..=57 => format!("A {noun} in {place}"),
        58..=61 => format!("{} {name}", rng.pick(GERUNDS)),
        62..=64 => format!("The {noun} and the {noun2}"),
        65..=67 => format!("{adj} {noun}s"),
        68..=70 => {
            format!("{} of the {adj} {noun}", rng.pick(&["Night", "Day", "Return", "Curse", "Legend"]))
        }
        71..=75 => {
            let (article, nouns, adjectives) = rng.pick(FOREIGN);
            format!("{article} {} {}", rng.pick(nouns), rng.pick(adjectives))
        }
        76..=77 => format!("When {name} Met {}", rng.pick(FIRST_NAMES)),
        78..=80 => format!("{} {noun}s", rng.pick(NUMBERS)),
        81..=83 => format!("The {adj} {noun} of {name} {}", rng.pick(SURNAMES)),
        84..=85 => format!("{noun} & {noun2}"),
        86..=87 => format!("Mr. {}", rng.pick(SURNAMES)),
        88..=89 => format!("{adj}-{}", noun.to_lowercase()),
        90..=91 => format!("{noun}!"),
        92..=93 => format!("{place} {noun}"),
        94..=95 => format!("{adj} {noun} in {place}"),
        96..=97 => format!("An {} {noun}", rng.pick(VOWEL_ADJECTIVES)),
        _ => format!("{name} and the {adj} {noun}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_gives_the_same_catalog() {
        assert_eq!(titles(500, 3), titles(500, 3));
        assert_ne!(titles(500, 3), titles(500, 4));
    }

    #[test]
    fn a_catalog_has_the_size_asked_and_unique_title_years() {
        let t = titles(3000, 1);
        assert_eq!(t.len(), 3000);
        let pairs: HashSet<(String, u16)> = t.iter().map(|t| (normalize::key(&t.title), t.year)).collect();
        assert_eq!(pairs.len(), 3000);
        // remakes share a title
        let keys: HashSet<String> = t.iter().map(|t| normalize::key(&t.title)).collect();
        assert!(keys.len() < 3000 - 50, "{} distinct titles", keys.len());
        assert!(t.iter().all(|t| (FIRST_YEAR..=LAST_YEAR).contains(&t.year)));
    }
}
