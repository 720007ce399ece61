//! The normalisation rules that make "The Matrix", "matrix" and "the MATRIX!" the same key.
//!
//! Applied identically to titles and queries, so each rule only has to make both sides agree:
//! accents folded to ASCII, case folded, "&" read as "and", apostrophes and full stops dropped
//! ("E.T." is "et"), other punctuation a word break, Roman numerals read as digits ("Part II" is
//! "part 2"), and a leading article dropped. The key is the words joined without spaces, so
//! "Spider-Man" and "Spiderman" agree too.

/// Words that may open a title without being part of what people type. "die" is left out on
/// purpose: in "Die Hard" it is a verb.
const LEADING_ARTICLES: &[&str] =
    &["the", "a", "an", "la", "le", "les", "el", "los", "las", "il", "der", "das"];

/// Words after which a lone "i", "v" or "x" is a numeral ("Part I", "Episode V").
const NUMBERED_BY: &[&str] = &["part", "chapter", "episode", "vol", "volume", "book", "act", "season"];

/// Splits text into normalised words (before numerals and articles are applied).
pub fn words(text: &str) -> Vec<String> {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut words = Vec::new();
    let mut current = String::new();
    for c in ascii.chars() {
        match c {
            'a'..='z' | '0'..='9' => current.push(c),
            // Dropped inside a word: "E.T." -> "et", "Schindler's" -> "schindlers".
            '\'' | '.' | '`' => {}
            '&' => {
                flush(&mut current, &mut words);
                words.push("and".to_string());
            }
            _ => flush(&mut current, &mut words),
        }
    }
    flush(&mut current, &mut words);
    words
}

fn flush(current: &mut String, words: &mut Vec<String>) {
    if !current.is_empty() {
        words.push(std::mem::take(current));
    }
}

/// Reads Roman numerals as digits, and drops a leading article when other words follow.
pub fn canonical_words(mut words: Vec<String>) -> Vec<String> {
    let last = words.len().saturating_sub(1);
    for i in 0..words.len() {
        let after_number_word = i > 0 && NUMBERED_BY.contains(&words[i - 1].as_str());
        let single = words[i].len() == 1;
        // A lone letter is a numeral only where a title would number itself: "Rocky V", "Part I".
        if single && !(after_number_word || (i == last && i > 0)) {
            continue;
        }
        if let Some(n) = roman_value(&words[i]) {
            words[i] = n.to_string();
        }
    }
    if words.len() > 1 && LEADING_ARTICLES.contains(&words[0].as_str()) {
        words.remove(0);
    }
    words
}

/// The comparison key of a title or query.
pub fn key(text: &str) -> String {
    canonical_words(words(text)).concat()
}

/// The key, and the leading article it dropped (as an index into the articles), if any: the
/// key forgets the article, but a query that names one may prefer the titles that have it.
pub fn key_and_article(text: &str) -> (String, Option<u8>) {
    let (key, article, _) = keys(text);
    (key, article)
}

/// The key with its leading article kept ("thematrix"), when it has one.
pub fn key_keeping_article(text: &str) -> Option<String> {
    keys(text).2
}

/// The key, the leading article it dropped, and the key keeping that article, from one pass
/// over the text.
pub fn keys(text: &str) -> (String, Option<u8>, Option<String>) {
    let words = words(text);
    let article = leading_article(&words);
    let first = article.map(|_| words[0].clone());
    let key = canonical_words(words).concat();
    let kept = first.map(|a| a + &key);
    (key, article, kept)
}

/// Which article `canonical_words` drops from these words, if any.
pub fn leading_article(words: &[String]) -> Option<u8> {
    if words.len() < 2 {
        return None;
    }
    LEADING_ARTICLES.iter().position(|a| *a == words[0]).map(|i| i as u8)
}

/// Value of a Roman numeral from 1 to 39 written with I, V and X in standard form.
fn roman_value(word: &str) -> Option<u32> {
    if word.is_empty() || word.len() > 6 || !word.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')) {
        return None;
    }
    let value = |b: u8| match b {
        b'i' => 1,
        b'v' => 5,
        _ => 10,
    };
    let bytes = word.as_bytes();
    let mut total = 0i32;
    for (i, &b) in bytes.iter().enumerate() {
        let v = value(b);
        if bytes.get(i + 1).is_some_and(|&next| value(next) > v) {
            total -= v;
        } else {
            total += v;
        }
    }
    let n = u32::try_from(total).ok().filter(|n| (1..40).contains(n))?;
    // Only the standard spelling counts, so words like "vix" or "iiii" stay words.
    (to_roman(n) == word).then_some(n)
}

fn to_roman(mut n: u32) -> String {
    let mut out = String::new();
    for (v, s) in [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")] {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_and_accents_are_folded() {
        assert_eq!(key("AMÉLIE"), key("amelie"));
        assert_eq!(key("Amores Perros"), key("amores perros"));
        assert_eq!(key("Léon"), "leon");
    }

    #[test]
    fn punctuation_is_ignored_and_abbreviation_dots_vanish() {
        assert_eq!(key("E.T. the Extra-Terrestrial"), key("ET the extra terrestrial"));
        assert_eq!(key("Spider-Man 2"), key("spiderman 2"));
        assert_eq!(key("Schindler's List"), key("schindlers list"));
        assert_eq!(key("Once Upon a Time... in Hollywood"), key("once upon a time in hollywood"));
    }

    #[test]
    fn a_leading_article_is_optional() {
        assert_eq!(key("The Matrix"), key("matrix"));
        assert_eq!(key("A Quiet Place"), key("quiet place"));
        // but an article alone is the whole title, and "die" is no article
        assert_eq!(key("The"), "the");
        assert_eq!(key("Die Hard"), "diehard");
    }

    #[test]
    fn roman_numerals_and_digits_agree() {
        assert_eq!(key("Back to the Future Part II"), key("back to the future part 2"));
        assert_eq!(key("Rocky IV"), key("rocky 4"));
        assert_eq!(key("Part I"), key("part 1"));
        assert_eq!(key("Star Wars: Episode V"), key("star wars episode 5"));
        // a lone "I" or "X" inside a title is not a number
        assert_eq!(key("I, Robot"), "irobot");
        assert_eq!(key("X marks the spot"), "xmarksthespot");
    }

    #[test]
    fn the_dropped_article_is_reported() {
        assert_eq!(key_and_article("The Matrix"), ("matrix".to_string(), Some(0)));
        assert_eq!(key_and_article("An Education").1, key_and_article("an education").1);
        assert_eq!(key_and_article("Matrix").1, None);
        assert_eq!(key_and_article("The").1, None);
        assert_eq!(key_keeping_article("The Matrix Part II").as_deref(), Some("thematrixpart2"));
        assert_eq!(key_keeping_article("Matrix"), None);
    }

    #[test]
    fn ampersand_reads_as_and() {
        assert_eq!(key("Fast & Furious"), key("fast and furious"));
    }

    #[test]
    fn only_standard_roman_numerals_are_read() {
        assert_eq!(roman_value("ii"), Some(2));
        assert_eq!(roman_value("xiv"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("vix"), None);
        assert_eq!(roman_value("mix"), None);
    }
}
