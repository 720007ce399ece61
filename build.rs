//! Embeds the shipped data set (`data/techniques.toml`, `data/films/*.toml`) into the binary,
//! so that `movie-trivia` runs from any directory without a data path.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let data = root.join("data");
    println!("cargo:rerun-if-changed=data");

    let mut files: Vec<PathBuf> = Vec::new();
    let techniques = data.join("techniques.toml");
    if techniques.is_file() {
        files.push(techniques);
    }
    let films_dir = data.join("films");
    if let Ok(entries) = fs::read_dir(&films_dir) {
        let mut films: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        films.sort();
        files.extend(films);
    }

    let mut out =
        String::from("/// Files of the built-in data set: (path relative to the repository, contents).\n");
    out.push_str("pub static FILES: &[(&str, &str)] = &[\n");
    for file in &files {
        let relative = relative_path(&root, file);
        writeln!(out, "    ({:?}, include_str!({:?})),", relative, file.display().to_string())
            .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");

    let out_dir = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    fs::write(out_dir.join("embedded_data.rs"), out).expect("cannot write embedded_data.rs");
}

fn relative_path(root: &Path, file: &Path) -> String {
    file.strip_prefix(root)
        .unwrap_or(file)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}
