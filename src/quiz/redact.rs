//! Hiding the words of a fact that would give its film away.
//!
//! The data set knows, per film, its title, its aliases, its directors and the character and
//! cast names its facts mention (`names`). What is hidden, all as whole words,
//! accent-insensitive, possessives included ("Alien's" hides as "▇▇▇'s"):
//!
//! 1. **The title and every alias**, also without a leading article. A title of two or more
//!    words ("Back to the Future Part II", "Amores Perros") hides in any case and becomes
//!    [`FILM_MASK`] (or [`SERIES_MASK`]). A one-word title ("Alien", "The Thing", "It") is
//!    also an ordinary word, so it hides only where written with its capital ("the only thing"
//!    stays); and when that word is a pronoun or preposition ("It", "Up", "Us") it also stays at
//!    the start of a sentence, where it cannot be told from the ordinary word. One-word titles
//!    become [`NAME_MASK`], because they are as often the name of the creature, ship or hero
//!    ("Godzilla", "Titanic", "Rocky") as of the film.
//! 2. **The pieces of a title**: the series part of a sequel or subtitle ("Back to the Future"
//!    in "Back to the Future Part II", "Alien" from the alias "Alien 2", "Avatar", "Dune",
//!    "Mission: Impossible") and the subtitle ("Fallout", "Judgment Day").
//! 3. **The directors, and the film's `names`** (characters and cast): the full name, the name with particles ("del Toro", "De Palma"), and
//!    each part of the name alone ("Scott", "Kurosawa", "Zhang"), whichever order the name is
//!    written in. A part alone hides only when it stands alone: next to another capitalised
//!    word it is someone else's name ("Lee" hides in "Lee framed it", not in "editor Lee
//!    Smith").
//! 4. **Telling title words**: titles carry character names too
//!    ("Kane", "Lola", "Benjamin Button", "Roger", "Max", "Indiana Jones"). A word of a title
//!    of two or more words counts when the data shows it is a name: it is never written in
//!    lower case anywhere in the catalog, or this film's own facts capitalise it in mid-sentence
//!    outside the title ("Baby" in "on Baby and Debora"). Function words, particles, numbers,
//!    months and weekdays never count. Like director names, they hide only standing alone.
//!
//! A character or actor in neither a title nor the film's `names` stays visible: `check` warns
//! about nothing here, so the data set's `names` are what keeps a quiz fair.

use std::collections::{HashMap, HashSet};

use super::words::{
    find, is_function_word, is_numbering_word, is_numeral, is_particle, phrase_words, significant_words,
    tokenize, Guard, Phrase, PhraseWord, Token,
};
use crate::catalog::{Catalog, Film, Kind};

/// Replaces a film's title where the text names the film.
pub const FILM_MASK: &str = "[this film]";
/// Replaces a series' title.
pub const SERIES_MASK: &str = "[this series]";
/// Replaces a name, a one-word title or a piece of a title.
pub const NAME_MASK: &str = "▇▇▇";

/// Capitalised in every sentence, so never a sign of a name.
const CALENDAR_WORDS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mask {
    Title,
    Name,
}

/// What to hide for one film.
#[derive(Debug, Clone)]
struct FilmRules {
    phrases: Vec<Phrase>,
    masks: Vec<Mask>,
    /// How many of the first phrases are the title and aliases as written.
    titles: usize,
    /// Folded words of the film's names, which may stand next to a name without breaking it.
    names: Vec<String>,
    title_mask: &'static str,
}

/// Redacts facts, knowing what to hide for every film of a catalog.
#[derive(Debug, Clone)]
pub struct Redactor {
    rules: HashMap<String, FilmRules>,
    /// Words seen in lower case somewhere in the catalog: ordinary words, not names.
    lowercase: HashSet<String>,
}

impl Redactor {
    /// Rules for every film, with the catalog's facts and glossary as the vocabulary that
    /// tells ordinary words from names.
    pub fn new(catalog: &Catalog) -> Self {
        let glossary = catalog.techniques().iter().flat_map(|t| {
            [&t.name, &t.what, &t.how, &t.why].into_iter().chain(&t.aliases).map(String::as_str)
        });
        Self::build(catalog.films(), glossary)
    }

    /// Rules for these films, with their facts as the vocabulary.
    pub fn for_films<'a>(films: impl IntoIterator<Item = &'a Film>) -> Self {
        Self::build(films, std::iter::empty())
    }

    fn build<'a>(
        films: impl IntoIterator<Item = &'a Film>,
        more_text: impl Iterator<Item = &'a str>,
    ) -> Self {
        let films: Vec<&Film> = films.into_iter().collect();
        let texts = films.iter().flat_map(|f| f.facts.iter().map(|fact| fact.text.as_str())).chain(more_text);
        let mut lowercase = HashSet::new();
        for text in texts {
            lowercase.extend(tokenize(text).into_iter().filter(|t| !t.capitalized).map(|t| t.folded));
        }
        let mut redactor = Redactor { rules: HashMap::new(), lowercase };
        for film in films {
            let rules = redactor.film_rules(film);
            redactor.rules.insert(film.id.clone(), rules);
        }
        redactor
    }

    /// The text with the film's telling words masked.
    pub fn redact(&self, film: &Film, text: &str) -> String {
        self.with_rules(film, |rules| {
            let tokens = tokenize(text);
            let mut out = String::with_capacity(text.len());
            let mut copied = 0;
            for found in find(text, &tokens, &rules.phrases, &rules.names) {
                let (first, last) = (&tokens[found.first], &tokens[found.first + found.len - 1]);
                // Glued into a compound ("Blade Runner-style"), a title is no longer the film.
                let mask = match rules.masks[found.phrase] {
                    Mask::Title if !first.glued_before && !last.glued_after => rules.title_mask,
                    _ => NAME_MASK,
                };
                out.push_str(&text[copied..first.start]);
                out.push_str(mask);
                copied = last.end;
            }
            out.push_str(&text[copied..]);
            out
        })
    }

    /// Whether the text names the film by its title or an alias, by the redaction rules.
    pub fn mentions(&self, film: &Film, text: &str) -> bool {
        self.named_in([film], text).next().is_some()
    }

    /// The films the text names by their title or an alias; the text is read once for all.
    pub fn named_in<'a>(
        &'a self,
        films: impl IntoIterator<Item = &'a Film> + 'a,
        text: &'a str,
    ) -> impl Iterator<Item = &'a Film> + 'a {
        let tokens = tokenize(text);
        films.into_iter().filter(move |film| {
            self.with_rules(film, |rules| {
                !find(text, &tokens, &rules.phrases[..rules.titles], &rules.names).is_empty()
            })
        })
    }

    /// The words of the film's names that redaction derived from its titles, for review.
    pub fn telling_words(&self, film: &Film) -> Vec<String> {
        self.with_rules(film, |rules| {
            let mut words: Vec<String> = rules
                .phrases
                .iter()
                .filter(|p| p.guard == Guard::Standalone)
                .map(|p| p.folded().join(" "))
                .collect();
            words.sort();
            words.dedup();
            words
        })
    }

    fn with_rules<T>(&self, film: &Film, f: impl FnOnce(&FilmRules) -> T) -> T {
        match self.rules.get(&film.id) {
            Some(rules) => f(rules),
            // A film from outside the catalog the redactor was built for.
            None => f(&self.film_rules(film)),
        }
    }

    fn film_rules(&self, film: &Film) -> FilmRules {
        let mut rules = FilmRules {
            phrases: Vec::new(),
            masks: Vec::new(),
            titles: 0,
            names: Vec::new(),
            title_mask: if film.kind == Kind::Series { SERIES_MASK } else { FILM_MASK },
        };
        let variants: Vec<Vec<Token>> = std::iter::once(&film.title)
            .chain(&film.aliases)
            .map(|v| tokenize(v))
            .filter(|tokens| !tokens.is_empty())
            .collect();
        for tokens in &variants {
            for tokens in [tokens.as_slice(), without_article(tokens)] {
                let title = significant_words(tokens) >= 2;
                rules.add(title_phrase(tokens), if title { Mask::Title } else { Mask::Name });
            }
        }
        rules.titles = rules.phrases.len();
        for title in std::iter::once(&film.title).chain(&film.aliases) {
            for piece in pieces(title) {
                rules.add(title_phrase(&piece), Mask::Name);
            }
        }
        for director in &film.directors {
            for (words, guard) in person_phrases(director, &film.directors, false) {
                rules.add(Phrase { words, guard }, Mask::Name);
            }
            rules.names.extend(tokenize(director).into_iter().map(|t| t.folded));
            rules.names.extend(joined_initials(&tokenize(director)).into_iter().map(|t| t.folded));
        }
        // Characters and cast the data names hide the way directors do.
        for name in &film.names {
            // A character's surname also names the family ("the Brenners'"), and a droid its
            // copies ("seven BB-8s").
            for (words, guard) in person_phrases(name, &film.names, true) {
                rules.add(Phrase { words, guard }, Mask::Name);
            }
            rules.names.extend(tokenize(name).into_iter().map(|t| t.folded));
            rules.names.extend(joined_initials(&tokenize(name)).into_iter().map(|t| t.folded));
        }
        let title_names = self.title_names(film, &variants, &rules);
        // A title made only of names ("Mary Poppins", "King Kong") is as often the character.
        for (phrase, mask) in rules.phrases.iter().zip(rules.masks.iter_mut()) {
            let ordinary = |w: &&PhraseWord| {
                !is_function_word(&w.folded)
                    && !is_particle(&w.folded)
                    && !title_names.iter().any(|n| n.folded == w.folded)
            };
            if phrase.words.iter().filter(ordinary).count() == 0 {
                *mask = Mask::Name;
            }
        }
        for word in title_names {
            rules.names.push(word.folded.clone());
            let words = phrase_words(std::slice::from_ref(&word), |_, _| true);
            rules.add(Phrase { words, guard: Guard::Standalone }, Mask::Name);
        }
        rules
    }

    /// Words of the film's titles that the data shows to be names (rule 4 of the module).
    fn title_names(&self, film: &Film, variants: &[Vec<Token>], known: &FilmRules) -> Vec<Token> {
        let candidates: Vec<&Token> = variants
            .iter()
            .filter(|tokens| significant_words(tokens) >= 2)
            .flatten()
            .filter(|t| {
                t.capitalized
                    && !t.all_caps
                    && t.folded.len() >= 2
                    && t.folded.chars().any(|c| c.is_ascii_alphabetic())
                    && !is_function_word(&t.folded)
                    && !is_particle(&t.folded)
                    && !is_numeral(&t.folded, false)
                    && !is_numbering_word(&t.folded)
                    && !CALENDAR_WORDS.contains(&t.folded.as_str())
            })
            .collect();
        let mut used_as_name: HashSet<String> = HashSet::new();
        for fact in &film.facts {
            let tokens = tokenize(&fact.text);
            let mut covered = vec![false; tokens.len()];
            for found in find(&fact.text, &tokens, &known.phrases, &known.names) {
                covered[found.first..found.first + found.len].iter_mut().for_each(|c| *c = true);
            }
            for (token, covered) in tokens.iter().zip(covered) {
                if !covered && token.capitalized && !token.sentence_start {
                    used_as_name.insert(token.folded.clone());
                }
            }
        }
        let mut names: Vec<Token> = Vec::new();
        for token in candidates {
            let is_name = !self.lowercase.contains(&token.folded) || used_as_name.contains(&token.folded);
            if is_name && !names.iter().any(|n| n.folded == token.folded) {
                let mut word = token.clone();
                word.possessive = false;
                names.push(word);
            }
        }
        names
    }
}

impl FilmRules {
    /// Adds a phrase unless an equal one is already there.
    fn add(&mut self, phrase: Phrase, mask: Mask) {
        if !phrase.words.is_empty() && !self.phrases.contains(&phrase) {
            self.phrases.push(phrase);
            self.masks.push(mask);
        }
    }
}

/// The words without a leading article ("The Thing" → "Thing"), when other words follow.
fn without_article(tokens: &[Token]) -> &[Token] {
    if tokens.len() > 1 && significant_words(tokens) < tokens.len() {
        &tokens[1..]
    } else {
        tokens
    }
}

/// A title or piece of a title as a phrase. Two or more significant words hide in any case;
/// one word only with its capital, and a function word not at a sentence start.
fn title_phrase(tokens: &[Token]) -> Phrase {
    let significant = significant_words(tokens);
    if significant >= 2 {
        return Phrase { words: phrase_words(tokens, |_, _| false), guard: Guard::None };
    }
    let article = tokens.len() - significant;
    let words = phrase_words(tokens, |i, t| i >= article && t.capitalized);
    let word = &tokens[tokens.len() - 1].folded;
    let guard = if is_function_word(word) { Guard::NotSentenceStart } else { Guard::None };
    Phrase { words, guard }
}

/// The series part and the subtitle of a title: split at colons and dashes, trailing numbers
/// ("2", "Part II", "Part Two") dropped, and a leading article dropped. "Mission: Impossible –
/// Fallout" gives "Mission: Impossible", "Mission", "Impossible" and "Fallout".
fn pieces(title: &str) -> Vec<Vec<Token>> {
    let tokens = tokenize(title);
    let split = |tokens: &[Token], at: &dyn Fn(&str) -> bool| -> Vec<Vec<Token>> {
        let mut pieces = vec![Vec::new()];
        for (i, token) in tokens.iter().enumerate() {
            if i > 0 && at(&title[tokens[i - 1].full_end..token.start]) {
                pieces.push(Vec::new());
            }
            pieces.last_mut().expect("starts with one piece").push(token.clone());
        }
        pieces
    };
    let dash = |gap: &str| gap.contains(['–', '—']) || (gap.trim() == "-" && gap.len() > 1);
    let colon = |gap: &str| gap.contains(':');
    let mut out = Vec::new();
    for by_dash in split(&tokens, &dash) {
        let by_colon = split(&by_dash, &colon);
        for piece in std::iter::once(by_dash).chain(by_colon) {
            let mut piece = piece;
            loop {
                let alone = piece.len() == 1;
                match piece.last() {
                    Some(t) if is_numeral(&t.folded, alone) || is_numbering_word(&t.folded) => {
                        piece.pop();
                    }
                    _ => break,
                }
            }
            let piece = without_article(&piece).to_vec();
            let meaningful = piece
                .iter()
                .any(|t| t.folded.len() >= 2 && t.folded.chars().any(|c| c.is_ascii_alphabetic()));
            if meaningful {
                out.push(piece);
            }
        }
    }
    out
}

/// A director's name as phrases: the full name, without initials, with initials joined
/// ("J. J." written "J.J."), particle and surname ("del Toro"), and each part standing alone.
/// A surname shared by co-directors also hides in the plural ("the Coens"), and with `family`
/// any last name does ("the Brenners").
fn person_phrases(name: &str, all: &[String], family: bool) -> Vec<(Vec<PhraseWord>, Guard)> {
    let tokens = tokenize(name);
    let capital = |_: usize, t: &Token| t.capitalized && !is_particle(&t.folded);
    let mut out = vec![(phrase_words(&tokens, capital), Guard::None)];
    let initial = |t: &Token| t.folded.len() == 1;
    let without: Vec<Token> = tokens.iter().filter(|t| !initial(t)).cloned().collect();
    if without.len() >= 2 && without.len() < tokens.len() {
        out.push((phrase_words(&without, capital), Guard::None));
    }
    let joined = joined_initials(&tokens);
    if joined.len() < tokens.len() {
        out.push((phrase_words(&joined, capital), Guard::None));
    }
    // Parts are the space-separated pieces: "Kar-wai" is one part of two words.
    let parts: Vec<Vec<Token>> = name.split_whitespace().map(tokenize).filter(|t| !t.is_empty()).collect();
    for (i, part) in parts.iter().enumerate() {
        let particle = part.len() == 1 && is_particle(&part[0].folded);
        if particle {
            if let Some(next) = parts.get(i + 1) {
                let with: Vec<Token> = part.iter().chain(next).cloned().collect();
                out.push((phrase_words(&with, capital), Guard::None));
            }
            continue;
        }
        if part.len() == 1 && initial(&part[0]) {
            continue;
        }
        let first_capital = |i: usize, t: &Token| i == 0 || capital(i, t);
        out.push((phrase_words(part, first_capital), Guard::Standalone));
        let shared =
            all.iter().filter(|other| tokenize(other).iter().any(|t| t.folded == part[0].folded)).count();
        let last = i + 1 == parts.len();
        if last && ((part.len() == 1 && shared >= 2) || family) {
            let mut plural = phrase_words(part, first_capital);
            if let Some(word) = plural.last_mut() {
                word.folded.push('s');
            }
            out.push((plural, Guard::Standalone));
        }
    }
    out
}

/// Consecutive single-letter words merged into one, as "J. J." is written "J.J.".
fn joined_initials(tokens: &[Token]) -> Vec<Token> {
    let initial = |t: &Token| t.folded.len() == 1 && t.folded.chars().all(|c| c.is_ascii_alphabetic());
    let mut out: Vec<Token> = Vec::new();
    let mut in_run = false;
    for token in tokens {
        match out.last_mut() {
            Some(prev) if in_run && initial(token) => prev.folded.push_str(&token.folded),
            _ => {
                out.push(token.clone());
                in_run = initial(token);
            }
        }
    }
    out
}

#[cfg(test)]
pub(super) mod tests {
    use std::sync::OnceLock;

    use super::*;
    use crate::catalog::{load_embedded, Fact, Limits};
    use crate::lookup::normalize::{canonical_words, words};

    /// A film with one fact per text.
    pub(crate) fn film(title: &str, aliases: &[&str], directors: &[&str], facts: &[&str]) -> Film {
        let id = crate::lookup::normalize::words(title).join("-");
        Film {
            id: id.clone(),
            title: title.to_string(),
            year: 1980,
            end_year: None,
            kind: Kind::Film,
            directors: directors.iter().map(ToString::to_string).collect(),
            countries: vec!["US".into()],
            aliases: aliases.iter().map(ToString::to_string).collect(),
            names: Vec::new(),
            facts: facts
                .iter()
                .enumerate()
                .map(|(i, text)| Fact {
                    id: format!("{id}/fact-{i}"),
                    text: text.to_string(),
                    techniques: Vec::new(),
                    spoiler: false,
                    sources: Vec::new(),
                })
                .collect(),
        }
    }

    /// Redacts a text as a fact of a film that has only that fact.
    fn redact(title: &str, aliases: &[&str], directors: &[&str], text: &str) -> String {
        let film = film(title, aliases, directors, &[text]);
        Redactor::for_films([&film]).redact(&film, text)
    }

    /// The shipped data set and its redactor, loaded once for all tests (loading takes a while).
    pub(crate) fn shipped() -> &'static (Catalog, Redactor) {
        static SHIPPED: OnceLock<(Catalog, Redactor)> = OnceLock::new();
        SHIPPED.get_or_init(|| {
            let catalog =
                load_embedded(Limits::for_current_year(2026)).expect("the shipped data set loads").catalog;
            let redactor = Redactor::new(&catalog);
            (catalog, redactor)
        })
    }

    #[test]
    fn it_hides_only_where_it_is_the_title() {
        assert_eq!(
            redact("It", &[], &[], "It was shot in Derry. In Stephen King's It, it floats; IT's clown."),
            "It was shot in Derry. In Stephen King's ▇▇▇, it floats; ▇▇▇'s clown."
        );
        // At a sentence start the pronoun and the title look the same: the pronoun wins.
        assert_eq!(redact("It", &[], &[], "It ran long. \"It scared.\""), "It ran long. \"It scared.\"");
    }

    #[test]
    fn up_hides_as_a_title_not_as_a_preposition() {
        assert_eq!(
            redact("Up", &[], &[], "Up close, Pixar's Up tied the house up with balloons."),
            "Up close, Pixar's ▇▇▇ tied the house up with balloons."
        );
    }

    #[test]
    fn alien_does_not_hide_inside_aliens() {
        let text = "Alien's suit was tall; Aliens used puppets, and every alien bled.";
        assert_eq!(
            redact("Alien", &[], &[], text),
            "▇▇▇'s suit was tall; Aliens used puppets, and every alien bled."
        );
        // The sequel hides its own title, and "Alien" through its alias "Alien 2".
        assert_eq!(
            redact("Aliens", &["Alien 2"], &[], text),
            "▇▇▇'s suit was tall; ▇▇▇ used puppets, and every alien bled."
        );
    }

    #[test]
    fn the_thing_hides_as_a_name_but_not_as_a_thing() {
        let text =
            "The Thing was the only thing on set. Carpenter's Thing and the Dog-Thing; the thing is, Thing";
        assert_eq!(
            redact("The Thing", &[], &[], text),
            "▇▇▇ was the only thing on set. Carpenter's ▇▇▇ and the Dog-▇▇▇; the thing is, ▇▇▇"
        );
    }

    #[test]
    fn a_sequel_hides_its_series_title_too() {
        let text =
            "Unlike Back to the Future, Back to the Future Part II and BACK TO THE FUTURE 2 used VistaGlide.";
        assert_eq!(
            redact("Back to the Future Part II", &["Back to the Future 2"], &[], text),
            "Unlike ▇▇▇, [this film] and [this film] used VistaGlide."
        );
    }

    #[test]
    fn titles_hide_without_their_article_in_any_case_and_without_accents() {
        assert_eq!(
            redact(
                "The Dark Knight",
                &[],
                &[],
                "Nolan shot the dark knight's truck flip for Dark Knight in IMAX."
            ),
            "Nolan shot [this film]'s truck flip for [this film] in IMAX."
        );
        assert_eq!(redact("Amélie", &[], &[], "Amelie and AMÉLIE, not amelie."), "▇▇▇ and ▇▇▇, not amelie.");
        assert_eq!(
            redact("Amores Perros", &[], &[], "Prieto shot Amores perros on 35 mm."),
            "Prieto shot [this film] on 35 mm."
        );
        assert_eq!(
            redact("E.T. the Extra-Terrestrial", &["E.T."], &[], "E.T. rode past."),
            "▇▇▇. rode past."
        );
    }

    #[test]
    fn a_title_made_of_names_hides_as_a_name() {
        // "Mary Poppins" here is the nanny, not the film; "Citizen" keeps Citizen Kane a film.
        assert_eq!(
            redact("Mary Poppins", &[], &[], "Mary Poppins flies over London."),
            "▇▇▇ flies over London."
        );
        assert_eq!(
            redact("Citizen Kane", &[], &[], "Toland shot Citizen Kane; a citizen watched."),
            "Toland shot [this film]; a citizen watched."
        );
    }

    #[test]
    fn initialisms_hide_in_the_plural() {
        assert_eq!(
            redact("E.T. the Extra-Terrestrial", &["E.T."], &[], "Several E.T.s were used."),
            "Several ▇▇▇s were used."
        );
    }

    #[test]
    fn a_series_is_masked_as_a_series() {
        let text = "Breaking Bad shot on film, and nothing bad came of it.";
        let mut show = film("Breaking Bad", &[], &[], &[text]);
        show.kind = Kind::Series;
        assert_eq!(
            Redactor::for_films([&show]).redact(&show, text),
            "[this series] shot on film, and nothing bad came of it."
        );
    }

    #[test]
    fn subtitles_and_series_names_hide_as_names() {
        let text = "Fallout's HALO jump beat every Mission: Impossible stunt, then Mission Impossible 7.";
        assert_eq!(
            redact("Mission: Impossible – Fallout", &["Mission Impossible 6"], &[], text),
            "▇▇▇'s HALO jump beat every ▇▇▇ stunt, then ▇▇▇ 7."
        );
        assert_eq!(
            redact(
                "Dune: Part Two",
                &["Dune 2"],
                &[],
                "Part Two rode a sandworm, as Dune did; dune buggies too."
            ),
            "Part Two rode a sandworm, as ▇▇▇ did; dune buggies too."
        );
    }

    #[test]
    fn characters_and_cast_hide_like_directors() {
        let mut alien =
            film("Alien", &[], &["Ridley Scott"], &["Ripley, played by Sigourney Weaver, survives."]);
        alien.names = vec!["Ellen Ripley".into(), "Sigourney Weaver".into()];
        let redactor = Redactor::for_films([&alien]);
        assert_eq!(
            redactor.redact(
                &alien,
                "Ripley, played by Sigourney Weaver, survives; Weaver's Ripley and Ellen Page."
            ),
            "▇▇▇, played by ▇▇▇, survives; ▇▇▇'s ▇▇▇ and Ellen Page."
        );
        let mut birds = film("The Birds", &[], &["Alfred Hitchcock"], &["The Brenners' car."]);
        birds.names = vec!["Mitch Brenner".into(), "BB-8".into()];
        let redactor = Redactor::for_films([&birds]);
        assert_eq!(
            redactor.redact(&birds, "The Brenners' car, two BB-8s and a BB-8."),
            "The ▇▇▇' car, two ▇▇▇ and a ▇▇▇."
        );
    }

    #[test]
    fn directors_hide_in_full_and_by_surname_when_it_stands_alone() {
        assert_eq!(
            redact(
                "Blade Runner",
                &[],
                &["Ridley Scott"],
                "Ridley Scott wanted rain; Scott's crew and Scott Glenn."
            ),
            "▇▇▇ wanted rain; ▇▇▇'s crew and Scott Glenn."
        );
        assert_eq!(
            redact("Hero", &[], &["Zhang Yimou"], "Zhang chose red; editor Zhang Wei did not."),
            "▇▇▇ chose red; editor Zhang Wei did not."
        );
        assert_eq!(
            redact("Chungking Express", &[], &["Wong Kar-wai"], "Wong Kar-wai, or Wong, or Kar-wai."),
            "▇▇▇, or ▇▇▇, or ▇▇▇."
        );
        assert_eq!(
            redact("Pan's Labyrinth", &[], &["Guillermo del Toro"], "Del Toro and del Toro; the toro ran."),
            "▇▇▇ and ▇▇▇; the toro ran."
        );
        assert_eq!(
            redact("Star Wars: The Force Awakens", &[], &["J. J. Abrams"], "J.J. Abrams and Abrams' crew."),
            "▇▇▇ and ▇▇▇' crew."
        );
        assert_eq!(
            redact(
                "Do the Right Thing",
                &[],
                &["Spike Lee"],
                "Lee framed it; editor Lee Smith and Stan Lee did not."
            ),
            "▇▇▇ framed it; editor Lee Smith and Stan Lee did not."
        );
        assert_eq!(
            redact(
                "O Brother, Where Art Thou?",
                &[],
                &["Joel Coen", "Ethan Coen"],
                "The Coens graded it; Coen said so."
            ),
            "The ▇▇▇ graded it; ▇▇▇ said so."
        );
    }

    #[test]
    fn a_possessive_ends_a_name_so_the_next_word_does_not_hide_it() {
        assert_eq!(
            redact("Avatar", &[], &["James Cameron"], "Cameron's Avatar used Simulcam. Avatar's crew."),
            "▇▇▇'s ▇▇▇ used Simulcam. ▇▇▇'s crew."
        );
    }

    #[test]
    fn title_words_that_are_names_hide() {
        // Never written in lower case: a name.
        assert_eq!(
            redact("Citizen Kane", &[], &[], "Kane's Xanadu was painted; a citizen walked by."),
            "▇▇▇'s Xanadu was painted; a citizen walked by."
        );
        // "baby" is an ordinary word elsewhere, but the film's own fact uses it as a name.
        let baby = film("Baby Driver", &[], &[], &["The camera finds Baby and Debora in one shot."]);
        let other = film("Other", &[], &[], &["A baby cried; the driver waited."]);
        let redactor = Redactor::for_films([&baby, &other]);
        assert_eq!(
            redactor.redact(&baby, &baby.facts[0].text),
            "The camera finds ▇▇▇ and Debora in one shot."
        );
        assert_eq!(redactor.redact(&baby, "The driver drove."), "The driver drove.");
        assert_eq!(redactor.telling_words(&baby), ["baby"]);
    }

    #[test]
    fn title_words_that_are_ordinary_words_stay() {
        let roger = film(
            "Who Framed Roger Rabbit",
            &[],
            &[],
            &["Eddie saws at the cuffs linking him to Roger; the rabbit sits in a chair."],
        );
        let redactor = Redactor::for_films([&roger]);
        assert_eq!(
            redactor.redact(&roger, &roger.facts[0].text),
            "Eddie saws at the cuffs linking him to ▇▇▇; the rabbit sits in a chair."
        );
        // "Framed" is never written in lower case in this one-fact catalog, so it counts too.
        assert_eq!(redactor.telling_words(&roger), ["framed", "roger"]);
    }

    #[test]
    fn months_numbers_and_function_words_are_never_names() {
        let film = film("The Hunt for Red October", &[], &[], &["In October 1989 the model sub was built."]);
        let redactor = Redactor::for_films([&film]);
        assert_eq!(redactor.redact(&film, &film.facts[0].text), "In October 1989 the model sub was built.");
        assert!(!redactor.telling_words(&film).contains(&"october".to_string()));
    }

    #[test]
    fn mentions_finds_only_the_title_and_aliases() {
        let rope = film("Rope", &["The Rope"], &["Alfred Hitchcock"], &[]);
        let redactor = Redactor::for_films([&rope]);
        assert!(redactor.mentions(&rope, "as in Hitchcock's Rope"));
        assert!(!redactor.mentions(&rope, "a rope and Hitchcock"));
    }

    /// Every title (and alias) of two or more words, as normalised words.
    fn long_names(film: &Film) -> Vec<Vec<String>> {
        std::iter::once(&film.title)
            .chain(&film.aliases)
            .map(|t| canonical_words(words(t)))
            .filter(|w| w.len() >= 2)
            .collect()
    }

    #[test]
    fn no_shipped_fact_names_its_film_after_redaction() {
        let (catalog, redactor) = shipped();
        let mut leaks = Vec::new();
        for fact in catalog.facts() {
            let redacted = canonical_words(words(&redactor.redact(fact.film, &fact.fact.text)));
            for name in long_names(fact.film) {
                if redacted.windows(name.len()).any(|w| w == name.as_slice()) {
                    leaks.push(format!("{}: {}", fact.fact.id, name.join(" ")));
                }
            }
        }
        assert!(leaks.is_empty(), "{leaks:#?}");
    }

    #[test]
    fn redaction_of_the_shipped_facts_keeps_them_readable() {
        let (catalog, redactor) = shipped();
        for fact in catalog.facts() {
            let redacted = redactor.redact(fact.film, &fact.fact.text);
            let masks = redacted.matches(NAME_MASK).count() + redacted.matches("[this ").count();
            let words = words(&fact.fact.text).len();
            // A mask now and then, never a wall of them.
            assert!(masks * 8 <= words, "{}: {masks} masks in {words} words: {redacted}", fact.fact.id);
        }
    }
}
