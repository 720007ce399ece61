//! The benchmark files: `titles.tsv` (`id<TAB>title<TAB>year`) and `queries.tsv`
//! (`query<TAB>id<TAB>kind`), read with an error naming the file and line of a bad one.

use std::fmt::Write as _;
use std::path::Path;

use super::catalog::Title;
use super::queries::{Kind, LabeledQuery};

/// A benchmark file that cannot be read, or a line that is not what it should be.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct TsvError {
    pub path: String,
    /// 1-based; 0 when the file itself cannot be read.
    pub line: usize,
    pub message: String,
}

pub fn read_titles(path: &Path) -> Result<Vec<Title>, TsvError> {
    parse_lines(path, |fields, error| {
        let [id, title, year] = fields[..] else {
            return Err(error(format!("expected id<TAB>title<TAB>year, found {} field(s)", fields.len())));
        };
        let year: u16 = year.trim().parse().map_err(|_| error(format!("year `{year}` is not a number")))?;
        Ok(Title { id: id.to_string(), title: title.to_string(), year })
    })
}

pub fn read_queries(path: &Path) -> Result<Vec<LabeledQuery>, TsvError> {
    parse_lines(path, |fields, error| {
        let [query, id, kind] = fields[..] else {
            return Err(error(format!("expected query<TAB>id<TAB>kind, found {} field(s)", fields.len())));
        };
        let kind =
            Kind::from_name(kind.trim()).ok_or_else(|| error(format!("unknown query kind `{kind}`")))?;
        Ok(LabeledQuery { query: query.to_string(), id: id.to_string(), kind })
    })
}

pub fn titles_text(titles: &[Title]) -> String {
    let mut out = String::new();
    for t in titles {
        let _ = writeln!(out, "{}\t{}\t{}", t.id, t.title, t.year);
    }
    out
}

pub fn queries_text(queries: &[LabeledQuery]) -> String {
    let mut out = String::new();
    for q in queries {
        let _ = writeln!(out, "{}\t{}\t{}", q.query, q.id, q.kind.name());
    }
    out
}

/// Parses each non-blank line's tab-separated fields; `parse` gets a way to make the error for
/// that line.
fn parse_lines<T>(
    path: &Path,
    parse: impl Fn(Vec<&str>, &dyn Fn(String) -> TsvError) -> Result<T, TsvError>,
) -> Result<Vec<T>, TsvError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| TsvError {
        path: shown.clone(),
        line: 0,
        message: format!("cannot read: {e}"),
    })?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            continue;
        }
        let error = |message: String| TsvError { path: shown.clone(), line: i + 1, message };
        out.push(parse(line.split('\t').collect(), &error)?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_round_trip_and_bad_lines_are_located() {
        let dir = tempfile::tempdir().unwrap();
        let titles = vec![Title { id: "t1".into(), title: "Dune".into(), year: 1984 }];
        let path = dir.path().join("titles.tsv");
        std::fs::write(&path, titles_text(&titles)).unwrap();
        assert_eq!(read_titles(&path).unwrap(), titles);

        std::fs::write(&path, "t1\tDune\t1984\n\nt2\tDune\tsoon\n").unwrap();
        let e = read_titles(&path).unwrap_err();
        assert_eq!(e.to_string(), format!("{}:3: year `soon` is not a number", path.display()));

        let path = dir.path().join("queries.tsv");
        std::fs::write(&path, "dune 1984\tt1\ttitle-year\nx\tt1\tguess\n").unwrap();
        let e = read_queries(&path).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.message.contains("unknown query kind `guess`"), "{e}");
    }
}
