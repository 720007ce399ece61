//! Words with their positions, and phrases matched against them, for redaction.
//!
//! The lookup normaliser turns a whole title into one key; redaction needs more: where each word
//! sits in the original text (to cut it out), how it was written (capitals, a possessive "'s",
//! the start of a sentence), and what separates it from its neighbours. Folding follows the
//! same rules as [`crate::lookup::normalize`], so "Amélie" and "Amelie", "E.T." and "ET" agree.

use crate::lookup::normalize::canonical_words;

/// Closed-class English words: pronouns, articles, prepositions, conjunctions, auxiliaries.
/// A title made of one of these ("It", "Up", "Us") cannot be told from the ordinary word at
/// the start of a sentence, and none of them is ever a telling name on its own.
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "all", "am", "an", "and", "are", "as", "at", "be", "been", "before", "but", "by",
    "did", "do", "does", "down", "for", "from", "had", "has", "have", "he", "her", "here", "him", "his",
    "how", "i", "if", "in", "into", "is", "it", "its", "me", "my", "no", "nor", "not", "of", "off", "on",
    "onto", "or", "our", "out", "over", "she", "so", "than", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "under", "up", "us", "was", "we", "were", "what", "when",
    "where", "which", "who", "why", "with", "you", "your",
];

/// Articles and particles of other languages that appear in titles and names ("Das Boot",
/// "Guillermo del Toro"): never a name on their own.
pub(super) const PARTICLES: &[&str] = &[
    "al", "bin", "da", "das", "de", "del", "della", "den", "der", "des", "di", "die", "dos", "du", "e",
    "ein", "eine", "el", "et", "il", "la", "las", "le", "les", "los", "ten", "ter", "van", "von", "y",
];

/// Words that number a part of a series ("Part II", "Chapter 1").
const NUMBERING_WORDS: &[&str] = &["part", "chapter", "episode", "vol", "volume", "book"];

/// Numbers spelled out, as in "Dune: Part Two".
const NUMBER_WORDS: &[&str] =
    &["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

/// Gaps longer than this between two words break a phrase: "Time... in" is one title, a
/// parenthesis or a paragraph later is not.
const MAX_GAP_CHARS: usize = 4;

/// One word of a text.
#[derive(Debug, Clone)]
pub(super) struct Token {
    /// Byte range of the word, without a possessive "'s" (or the "s" of "E.T.s").
    pub start: usize,
    pub end: usize,
    /// Byte offset just after the word including any possessive "'s".
    pub full_end: usize,
    /// Accents folded to ASCII, lower case, apostrophes and dots dropped: "E.T." is "et".
    pub folded: String,
    pub possessive: bool,
    /// Starts with a capital, or with a character that has no case (a digit, a CJK character).
    pub capitalized: bool,
    /// Two or more letters, all capitals ("RRR", "BTTF").
    pub all_caps: bool,
    /// First word of the text or of a sentence.
    pub sentence_start: bool,
    /// Joined by a hyphen to the word before or after ("Dog-Thing").
    pub glued_before: bool,
    pub glued_after: bool,
}

/// Splits a text into words. Apostrophes and dots between letters stay inside a word ("E.T",
/// "d'Amélie"); a final "'s" is noted as possessive and kept out of the word; hyphens split
/// ("Spider-Man" is two words, as the lookup key treats it); "&" is the word "and".
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c == '&' {
            tokens.push(token(text, start, start + 1, start + 1, false, "and".into()));
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() {
            let c = chars[j].1;
            let joiner = is_apostrophe(c) || c == '.';
            if c.is_alphanumeric() || (joiner && chars.get(j + 1).is_some_and(|&(_, n)| n.is_alphanumeric()))
            {
                j += 1;
            } else {
                break;
            }
        }
        let full_end = chars.get(j).map_or(text.len(), |&(b, _)| b);
        // "Alien's": the word is "Alien", possessive. "It's" reads the same way, harmlessly.
        let possessive = j >= i + 3
            && matches!(chars[j - 1].1, 's' | 'S')
            && is_apostrophe(chars[j - 2].1)
            && chars[j - 3].1.is_alphanumeric();
        // "E.T.s": the plural of an initialism ends it the way a possessive does.
        let initials_plural = j >= i + 4
            && chars[j - 1].1 == 's'
            && chars[j - 2].1 == '.'
            && chars[i..j - 2]
                .iter()
                .enumerate()
                .all(|(k, &(_, c))| if k % 2 == 0 { c.is_uppercase() } else { c == '.' });
        let end = if possessive {
            chars[j - 2].0
        } else if initials_plural {
            chars[j - 1].0
        } else {
            full_end
        };
        let possessive = possessive || initials_plural;
        let folded = fold(&text[start..end]);
        if !folded.is_empty() {
            tokens.push(token(text, start, end, full_end, possessive, folded));
        }
        i = j;
    }
    tokens
}

fn token(text: &str, start: usize, end: usize, full_end: usize, possessive: bool, folded: String) -> Token {
    let word = &text[start..end];
    let letters: Vec<char> = word.chars().filter(|c| c.is_alphabetic()).collect();
    Token {
        start,
        end,
        full_end,
        folded,
        possessive,
        capitalized: word.chars().next().is_some_and(|c| !c.is_lowercase()),
        all_caps: letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()),
        sentence_start: starts_sentence(&text[..start]),
        glued_before: text[..start].strip_suffix('-').is_some_and(|b| b.ends_with(char::is_alphanumeric)),
        glued_after: text[full_end..].strip_prefix('-').is_some_and(|a| a.starts_with(char::is_alphanumeric)),
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The comparison form of one word, by the lookup normaliser's rules.
pub(super) fn fold(word: &str) -> String {
    deunicode::deunicode(word).to_lowercase().chars().filter(char::is_ascii_alphanumeric).collect()
}

/// Whether a word preceded by `before` opens a sentence: nothing but spaces and opening
/// quotes or brackets since the start of the text or a full stop, "!" or "?".
fn starts_sentence(before: &str) -> bool {
    let trimmed = before.trim_end_matches(|c: char| c.is_whitespace() || "\"“‘'([«*_".contains(c));
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?', '…'])
}

/// Whether a folded word is a number: digits, a Roman numeral by the lookup rules, or "one"
/// to "ten". `alone` is true for the only word of a phrase, where "I" or "X" is a word.
pub(super) fn is_numeral(folded: &str, alone: bool) -> bool {
    if folded.chars().all(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&folded) {
        return true;
    }
    if alone && folded.len() == 1 {
        return false;
    }
    // The lookup rules read a Roman numeral after "part" (including a lone "i", "v", "x").
    let read = canonical_words(vec!["part".to_string(), folded.to_string()]);
    read.get(1).is_some_and(|w| w != folded)
}

pub(super) fn is_numbering_word(folded: &str) -> bool {
    NUMBERING_WORDS.contains(&folded)
}

pub(super) fn is_function_word(folded: &str) -> bool {
    FUNCTION_WORDS.contains(&folded)
}

pub(super) fn is_particle(folded: &str) -> bool {
    PARTICLES.contains(&folded)
}

/// How many words of a phrase count: a leading article does not ("The Thing" has one).
pub(super) fn significant_words(tokens: &[Token]) -> usize {
    canonical_words(tokens.iter().map(|t| t.folded.clone()).collect()).len()
}

/// The text between two consecutive words may join them into one phrase.
fn joins(text: &str, before: &Token, after: &Token) -> bool {
    let gap = &text[before.full_end..after.start];
    gap.chars().count() <= MAX_GAP_CHARS && !gap.contains('\n')
}

/// One word of a phrase to hide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct PhraseWord {
    pub folded: String,
    pub possessive: bool,
    /// The text must write it with a capital; when `all_caps`, entirely in capitals.
    pub capital: bool,
    pub all_caps: bool,
}

/// Extra conditions a match must meet, beyond its words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum Guard {
    #[default]
    None,
    /// Not the first word of a sentence, where "It" or "Up" is the ordinary word.
    NotSentenceStart,
    /// A name on its own: not next to another capitalised word that is not one of the film's
    /// names, so "Lee" hides in "Lee framed it" but not in "editor Lee Smith".
    Standalone,
}

/// A phrase to hide, as a sequence of words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Phrase {
    pub words: Vec<PhraseWord>,
    pub guard: Guard,
}

impl Phrase {
    pub fn folded(&self) -> Vec<&str> {
        self.words.iter().map(|w| w.folded.as_str()).collect()
    }
}

/// A phrase found in a text: token range `first..last+1`, and the phrase's index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub first: usize,
    pub len: usize,
    pub phrase: usize,
}

/// Finds phrases left to right, without overlaps, taking the longest phrase at each word
/// (the first listed wins a tie, so callers list the more specific phrases first).
/// `names` are the folded words that may stand next to a [`Guard::Standalone`] name.
pub(super) fn find(text: &str, tokens: &[Token], phrases: &[Phrase], names: &[String]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let best = phrases.iter().enumerate().filter(|(_, p)| matches_at(text, tokens, i, p, names)).fold(
            None::<(usize, usize)>,
            |best, (index, p)| match best {
                Some((_, len)) if len >= p.words.len() => best,
                _ => Some((index, p.words.len())),
            },
        );
        match best {
            Some((phrase, len)) => {
                found.push(Found { first: i, len, phrase });
                i += len;
            }
            None => i += 1,
        }
    }
    found
}

fn matches_at(text: &str, tokens: &[Token], at: usize, phrase: &Phrase, names: &[String]) -> bool {
    let n = phrase.words.len();
    if n == 0 || at + n > tokens.len() {
        return false;
    }
    let span = &tokens[at..at + n];
    for (k, (word, token)) in phrase.words.iter().zip(span).enumerate() {
        let last = k + 1 == n;
        // A possessive may end the match ("Alien's"), but "Alien's" is not the title "Aliens".
        let same = word.folded == token.folded
            && (word.possessive == token.possessive || (last && token.possessive));
        let cased = !word.capital || (token.capitalized && (!word.all_caps || token.all_caps));
        if !same || !cased || (k > 0 && !joins(text, &span[k - 1], token)) {
            return false;
        }
    }
    match phrase.guard {
        Guard::None => true,
        Guard::NotSentenceStart => !span[0].sentence_start,
        Guard::Standalone => {
            let other_name =
                |t: &Token| t.capitalized && !is_function_word(&t.folded) && !names.contains(&t.folded);
            let adjacent = |a: &Token, b: &Token| {
                let gap = &text[a.full_end..b.start];
                gap == " " || gap == "-"
            };
            let before = at.checked_sub(1).map(|p| &tokens[p]);
            let after = tokens.get(at + n);
            let last = &span[n - 1];
            let named_before = before.is_some_and(|b| {
                !b.possessive && !b.sentence_start && adjacent(b, &span[0]) && other_name(b)
            });
            // "Cameron's Avatar": a possessive ends the name, whatever follows.
            let named_after = after.is_some_and(|a| !last.possessive && adjacent(last, a) && other_name(a));
            !named_before && !named_after
        }
    }
}

/// Phrase words from a written phrase: `capital` decides which words must keep their capital.
pub(super) fn phrase_words(tokens: &[Token], capital: impl Fn(usize, &Token) -> bool) -> Vec<PhraseWord> {
    tokens
        .iter()
        .enumerate()
        .map(|(i, t)| PhraseWord {
            folded: t.folded.clone(),
            possessive: t.possessive,
            capital: capital(i, t),
            all_caps: capital(i, t) && t.all_caps,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.folded).collect()
    }

    #[test]
    fn words_fold_like_the_lookup_keys() {
        assert_eq!(
            folded("Amélie's E.T. — Spider-Man & Robin"),
            ["amelie", "et", "spider", "man", "and", "robin"]
        );
        assert_eq!(folded("d'Amélie, Singin' in"), ["damelie", "singin", "in"]);
        assert_eq!(folded("Godzilla -1.0"), ["godzilla", "10"]);
    }

    #[test]
    fn possessives_are_noted_and_kept_out_of_the_word() {
        let text = "Alien's and Scott’s, the Wachowskis' film, It's E.T.s";
        let tokens = tokenize(text);
        let words: Vec<(&str, bool)> = tokens.iter().map(|t| (&text[t.start..t.end], t.possessive)).collect();
        assert_eq!(
            words,
            [
                ("Alien", true),
                ("and", false),
                ("Scott", true),
                ("the", false),
                ("Wachowskis", false),
                ("film", false),
                ("It", true),
                ("E.T.", true)
            ]
        );
        assert_eq!(&text[tokens[0].start..tokens[0].full_end], "Alien's");
    }

    #[test]
    fn sentence_starts_capitals_and_glue_are_recorded() {
        let tokens = tokenize("It ran. \"Up went the Dog-Thing\" RRR");
        let starts: Vec<bool> = tokens.iter().map(|t| t.sentence_start).collect();
        assert_eq!(starts, [true, false, true, false, false, false, false, false]);
        assert!(tokens[5].glued_after && tokens[6].glued_before);
        assert!(tokens[7].all_caps && !tokens[6].all_caps && tokens[6].capitalized);
        assert!(!tokens[1].capitalized);
    }

    #[test]
    fn numerals_follow_the_lookup_rules() {
        assert!(is_numeral("2049", true));
        assert!(is_numeral("ii", true));
        assert!(is_numeral("two", true));
        assert!(is_numeral("i", false));
        assert!(!is_numeral("i", true));
        assert!(!is_numeral("mix", false));
        assert!(!is_numeral("dune", false));
    }

    #[test]
    fn the_longest_phrase_wins_and_matches_do_not_overlap() {
        let phrase =
            |text: &str| Phrase { words: phrase_words(&tokenize(text), |_, _| false), guard: Guard::None };
        let phrases = [phrase("Back to the Future"), phrase("Back to the Future Part II"), phrase("Future")];
        let text = "Back to the Future Part II, not Back to the Future; the future";
        let found = find(text, &tokenize(text), &phrases, &[]);
        let lens: Vec<(usize, usize)> = found.iter().map(|f| (f.phrase, f.len)).collect();
        assert_eq!(lens, [(1, 6), (0, 4), (2, 1)]);
    }

    #[test]
    fn a_long_gap_breaks_a_phrase() {
        let phrases =
            [Phrase { words: phrase_words(&tokenize("Blade Runner"), |_, _| false), guard: Guard::None }];
        let text = "a blade (--)   runner";
        assert!(find(text, &tokenize(text), &phrases, &[]).is_empty());
        let text = "Once Upon a Time... in";
        let phrases = [Phrase {
            words: phrase_words(&tokenize("Once Upon a Time in"), |_, _| false),
            guard: Guard::None,
        }];
        assert_eq!(find(text, &tokenize(text), &phrases, &[]).len(), 1);
    }
}
