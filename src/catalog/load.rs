//! Reading a data set: from the files compiled into the binary, or from a directory on disk.
//! Files are read here and handed on as text, so tests can feed inline TOML.

use std::fs;
use std::path::Path;

use super::raw::{FilmFile, TechniquesFile};
use super::validate::{line_of, validate, RawFile};
use super::{embedded, Catalog, Limits, LoadError, Problem};

/// One file of a data set: its path as shown in messages, and its contents.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub text: String,
}

/// A valid data set, with the quality problems that `check` rejects but that do not stop the bot.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub catalog: Catalog,
    /// Facts without a source, near-duplicate facts, films without facts, unused techniques.
    pub lints: Vec<Problem>,
}

/// The data set built into the binary.
pub fn load_embedded(limits: Limits) -> Result<Loaded, LoadError> {
    parse_files(
        embedded::FILES
            .iter()
            .map(|(path, text)| DataFile { path: path.to_string(), text: text.to_string() }),
        limits,
    )
}

/// A data set directory: `techniques.toml` and `films/*.toml`.
pub fn load_dir(dir: &Path, limits: Limits) -> Result<Loaded, LoadError> {
    let shown = |p: &Path| p.display().to_string();
    if !dir.is_dir() {
        return Err(LoadError::NotADataSet { path: shown(dir), reason: "no such directory".into() });
    }
    let techniques = dir.join("techniques.toml");
    let films = dir.join("films");
    if !techniques.is_file() || !films.is_dir() {
        return Err(LoadError::NotADataSet {
            path: shown(dir),
            reason: "expected a techniques.toml file and a films/ directory in it".into(),
        });
    }
    let read = |path: &Path| {
        fs::read_to_string(path)
            .map(|text| DataFile { path: shown(path), text })
            .map_err(|source| LoadError::Io { path: shown(path), source })
    };
    let mut paths: Vec<_> = fs::read_dir(&films)
        .map_err(|source| LoadError::Io { path: shown(&films), source })?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
        .collect();
    paths.sort();
    let mut files = vec![read(&techniques)?];
    for path in paths {
        files.push(read(&path)?);
    }
    parse_files(files, limits)
}

/// Parses and validates a set of files. A file named `techniques.toml` is the glossary; every
/// other file is a film, whose id must match its file name.
pub fn parse_files(files: impl IntoIterator<Item = DataFile>, limits: Limits) -> Result<Loaded, LoadError> {
    let mut problems = Vec::new();
    let mut raw = Vec::new();
    let mut techniques_complete = true;
    let mut saw_techniques = false;
    for DataFile { path, text } in files {
        let name = Path::new(&path).file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name == "techniques.toml" {
            saw_techniques = true;
            match toml::from_str::<TechniquesFile>(&text) {
                Ok(file) => raw.push(RawFile::Techniques { path, text, file }),
                Err(e) => {
                    techniques_complete = false;
                    problems.push(syntax_problem(&path, &text, &e));
                }
            }
        } else {
            let stem = name.trim_end_matches(".toml").to_string();
            match toml::from_str::<FilmFile>(&text) {
                Ok(film) => raw.push(RawFile::Film { path, text, stem, film: Box::new(film) }),
                Err(e) => problems.push(syntax_problem(&path, &text, &e)),
            }
        }
    }
    if !saw_techniques {
        techniques_complete = false;
        problems.push(Problem {
            file: "techniques.toml".into(),
            line: 1,
            field: "technique".into(),
            message: "the data set has no techniques.toml".into(),
        });
    }
    match validate(raw, limits, techniques_complete) {
        Ok((catalog, lints)) if problems.is_empty() => Ok(Loaded { catalog, lints }),
        Ok(_) => Err(LoadError::Invalid(problems)),
        Err(more) => {
            problems.extend(more);
            Err(LoadError::Invalid(problems))
        }
    }
}

/// Turns a TOML or shape error into a located problem.
fn syntax_problem(path: &str, text: &str, e: &toml::de::Error) -> Problem {
    let start = e.span().map(|s| s.start).unwrap_or(0);
    let line = line_of(text, start);
    let line_text = text.lines().nth(line - 1).unwrap_or("");
    let message = e.message().trim().to_string();
    Problem { file: path.to_string(), line, field: field_of(&message, line_text), message }
}

/// The field a serde error is about: named in the message for unknown and missing fields,
/// otherwise the key on the offending line.
fn field_of(message: &str, line_text: &str) -> String {
    let named = ["unknown field `", "missing field `", "duplicate key `"]
        .iter()
        .find_map(|prefix| message.strip_prefix(prefix))
        .and_then(|rest| rest.split('`').next());
    if let Some(name) = named {
        return name.to_string();
    }
    let line = line_text.trim();
    if let Some(header) = line.strip_prefix("[[").and_then(|l| l.strip_suffix("]]")) {
        return header.trim().to_string();
    }
    match line.split_once('=') {
        Some((key, _)) if !key.trim().is_empty() => key.trim().trim_matches('"').to_string(),
        _ => "-".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::commands::test_catalog::{files, MATRIX, ROPE, TECHNIQUES};

    fn limits() -> Limits {
        Limits::for_current_year(2026)
    }

    /// Loads the test catalog with one film file replaced, and returns every problem message.
    fn problems_with_rope(rope: &str) -> Vec<String> {
        let mut files = files();
        files[1].text = rope.to_string();
        match parse_files(files, limits()) {
            Ok(_) => Vec::new(),
            Err(LoadError::Invalid(problems)) => problems.iter().map(ToString::to_string).collect(),
            Err(e) => panic!("unexpected error: {e}"),
        }
    }

    #[test]
    fn the_test_catalog_loads_with_its_counts() {
        let loaded = parse_files(files(), limits()).unwrap();
        let counts = loaded.catalog.counts();
        assert_eq!((counts.films, counts.series, counts.facts, counts.techniques), (2, 0, 3, 3));
        assert!(loaded.lints.is_empty(), "{:?}", loaded.lints);
        let rope = loaded.catalog.film("rope-1948").unwrap();
        assert_eq!(rope.facts[0].id, "rope-1948/hidden-cuts");
        assert_eq!(rope.facts[0].sources[0].url.as_deref(), Some("https://example.org/rope"));
        assert_eq!(loaded.catalog.films_using("long-take").len(), 1);
    }

    #[test]
    fn a_toml_syntax_error_names_file_and_line() {
        let broken = ROPE.replace("year = 1948", "year = = 1948");
        let problems = problems_with_rope(&broken);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("data/films/rope-1948.toml:4: year: "), "{}", problems[0]);
    }

    #[test]
    fn an_unknown_field_is_named() {
        let broken = ROPE.replace("title = \"Rope\"", "titel = \"Rope\"");
        let problems = problems_with_rope(&broken);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0].starts_with("data/films/rope-1948.toml:3: titel: unknown field `titel`"),
            "{}",
            problems[0]
        );
    }

    #[test]
    fn a_missing_field_is_named() {
        let broken = ROPE.replace("directors = [\"Alfred Hitchcock\"]\n", "");
        let problems = problems_with_rope(&broken);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].contains("directors: missing field `directors`"), "{}", problems[0]);
    }

    #[test]
    fn an_unknown_technique_is_reported_with_a_suggestion() {
        let broken = ROPE.replace("techniques = [\"long-take\"]", "techniques = [\"long-takes\"]");
        assert_eq!(
            problems_with_rope(&broken),
            ["data/films/rope-1948.toml:22: fact[1].techniques[0]: unknown technique `long-takes` (did you mean \
              `long-take`?): define it in data/techniques.toml"]
        );
    }

    #[test]
    fn every_semantic_problem_is_reported_at_once() {
        let broken = ROPE
            .replace("id = \"rope-1948\"", "id = \"rope-1949\"")
            .replace("year = 1948", "year = 1748")
            .replace("countries = [\"US\"]", "countries = [\"UK\"]")
            .replace("id = \"ending\"", "id = \"hidden-cuts\"")
            .replace(
                "text = \"The ending was filmed in one unbroken take in which the body is revealed.\"",
                "text = \"  \"",
            );
        assert_eq!(
            problems_with_rope(&broken),
            [
                "data/films/rope-1948.toml:2: id: id `rope-1949` does not match the file name `rope-1948.toml`; rename \
                 one of them",
                "data/films/rope-1948.toml:4: year: 1748 is not a plausible year (expected 1880 to 2031)",
                "data/films/rope-1948.toml:7: countries[0]: `UK` is not an ISO 3166-1 alpha-2 code (the United \
                 Kingdom is GB)",
                "data/films/rope-1948.toml:21: fact[1].text: is empty",
                "data/films/rope-1948.toml:20: fact[1].id: duplicate fact id `rope-1949/hidden-cuts` (also fact[0])",
            ]
        );
    }

    #[test]
    fn over_long_text_is_reported_with_its_length() {
        let long = "x".repeat(1100);
        let broken = ROPE.replace("text = \"  \"", "").replace(
            "text = \"The ending was filmed in one unbroken take in which the body is revealed.\"",
            &format!("text = \"{long}\""),
        );
        assert_eq!(
            problems_with_rope(&broken),
            ["data/films/rope-1948.toml:21: fact[1].text: is 1100 characters long; the limit is 1024"]
        );
    }

    #[test]
    fn problems_in_several_files_are_all_reported() {
        let mut files = files();
        files[1].text = ROPE.replace("kind = \"film\"", "kind = \"movie\"");
        files[2].text = MATRIX.replace("year = 1999", "year = \"1999\"");
        let Err(LoadError::Invalid(problems)) = parse_files(files, limits()) else {
            panic!("expected problems")
        };
        let files: Vec<&str> = problems.iter().map(|p| p.file.as_str()).collect();
        assert_eq!(files, ["data/films/rope-1948.toml", "data/films/the-matrix-1999.toml"]);
        assert_eq!(problems[0].field, "kind");
        assert_eq!(problems[1].field, "year");
        assert_eq!(problems[1].line, 4);
    }

    #[test]
    fn a_series_may_span_years_but_a_film_may_not() {
        let series = ROPE.replace("kind = \"film\"", "kind = \"series\"\nend_year = 1950");
        assert!(problems_with_rope(&series).is_empty());
        let film = ROPE.replace("kind = \"film\"", "kind = \"film\"\nend_year = 1950");
        assert_eq!(
            problems_with_rope(&film),
            ["data/films/rope-1948.toml:6: end_year: only a series has an end year; remove it or set kind = \"series\""]
        );
    }

    #[test]
    fn quality_problems_are_lints_not_load_errors() {
        let mut files = files();
        // a fact with no source, and a copy of another fact's text
        files[2].text = MATRIX.replace("[[fact.source]]\npublication = \"Example Magazine\"\ntitle = \"Bullet time explained\"\n", "")
            + "\n[[fact]]\nid = \"copy\"\ntext = \"Rope was filmed in takes of up to ten minutes, joined by cuts hidden on dark jackets.\"\ntechniques = [\"long-take\"]\n";
        files[0].text = format!(
            "{TECHNIQUES}\n[[technique]]\nid = \"unused\"\nname = \"Unused\"\nwhat = \"w\"\nhow = \"h\"\nwhy = \"y\"\n"
        );
        let loaded = parse_files(files, limits()).expect("lints do not stop loading");
        let lints: Vec<String> = loaded.lints.iter().map(ToString::to_string).collect();
        assert_eq!(
            lints,
            [
                "data/films/the-matrix-1999.toml:10: fact[0].source: the fact names no source: add a [[fact.source]] table",
                "data/films/the-matrix-1999.toml:16: fact[1].source: the fact names no source: add a [[fact.source]] table",
                "data/films/the-matrix-1999.toml:16: fact[1].text: nearly the same text as `rope-1948/hidden-cuts` \
                 (data/films/rope-1948.toml:9): keep one",
                "data/techniques.toml:28: technique[3].id: technique `unused` is used by no fact: illustrate it or remove it",
            ]
        );
        assert_eq!(loaded.catalog.counts().facts_without_source, 2);
    }

    #[test]
    fn a_name_no_fact_mentions_is_a_lint_and_a_mentioned_one_is_kept() {
        let mut files = files();
        files[2].text = MATRIX
            .replace(
                "aliases = [\"Matrix\"]",
                "aliases = [\"Matrix\"]\nnames = [\"Thomas Anderson\", \"Carrie-Anne Moss\", \"BB-8\", \"Mitch Brenner\"]",
            )
            .replace("fired one after another", "fired one after another around Carrie-Anne, BB-8 and the Brenners'");
        let loaded = parse_files(files, limits()).expect("lints do not stop loading");
        let lints: Vec<String> = loaded.lints.iter().map(ToString::to_string).collect();
        assert_eq!(
            lints,
            ["data/films/the-matrix-1999.toml:9: names[0]: no fact of this film mentions `Thomas Anderson`, \
              so it hides nothing: remove it"]
        );
        let matrix = loaded.catalog.film("the-matrix-1999").unwrap();
        assert_eq!(matrix.names, ["Thomas Anderson", "Carrie-Anne Moss", "BB-8", "Mitch Brenner"]);
    }

    #[test]
    fn a_directory_without_the_layout_is_not_a_data_set() {
        let dir = tempfile::tempdir().unwrap();
        let err = load_dir(dir.path(), limits()).unwrap_err();
        assert!(err
            .to_string()
            .ends_with("is not a data set: expected a techniques.toml file and a films/ directory in it"));
        let err = load_dir(&dir.path().join("missing"), limits()).unwrap_err();
        assert!(err.to_string().ends_with("is not a data set: no such directory"));
    }

    #[test]
    fn a_directory_data_set_loads_like_the_embedded_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("films")).unwrap();
        for file in files() {
            let name = file.path.trim_start_matches("data/");
            std::fs::write(dir.path().join(name), file.text).unwrap();
        }
        let loaded = load_dir(dir.path(), limits()).unwrap();
        assert_eq!(loaded.catalog.films().len(), 2);
    }
}
