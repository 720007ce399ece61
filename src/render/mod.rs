//! Showing replies outside Discord.

pub mod text;
