//! Tools to measure the title matcher on catalogs far larger than the shipped data set: a
//! seeded generator of realistic catalogs ([`catalog`]) and of queries with the film each one
//! means ([`queries`]), their files ([`tsv`]), and the accuracy and latency report computed
//! from them ([`accuracy`]). Used by `examples/gen_catalog.rs`, `examples/accuracy.rs`, the
//! accuracy test and the benches; nothing in the bot depends on it.

pub mod accuracy;
pub mod catalog;
pub mod queries;
pub mod rng;
pub mod tsv;
mod vocabulary;

pub use accuracy::{evaluate, KindScore, Report};
pub use catalog::{titles, Title};
pub use queries::{queries, queries_typed, Kind, LabeledQuery, Typing};
