//! The data files as written: serde structs that keep the position of every value, so that
//! validation can name the line of each problem.

use serde::Deserialize;
use toml::Spanned;

use super::Kind;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilmFile {
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub year: Spanned<i64>,
    pub end_year: Option<Spanned<i64>>,
    pub kind: Spanned<Kind>,
    pub directors: Spanned<Vec<Spanned<String>>>,
    pub countries: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default)]
    pub names: Vec<Spanned<String>>,
    #[serde(default, rename = "fact")]
    pub facts: Vec<Spanned<FactTable>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactTable {
    pub id: Spanned<String>,
    pub text: Spanned<String>,
    pub techniques: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub spoiler: bool,
    #[serde(default, rename = "source")]
    pub sources: Vec<Spanned<SourceTable>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceTable {
    pub publication: Spanned<String>,
    pub title: Spanned<String>,
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechniquesFile {
    #[serde(default, rename = "technique")]
    pub techniques: Vec<Spanned<TechniqueTable>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechniqueTable {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    pub what: Spanned<String>,
    pub how: Spanned<String>,
    pub why: Spanned<String>,
    #[serde(default, rename = "source")]
    pub sources: Vec<Spanned<SourceTable>>,
}
