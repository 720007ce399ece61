//! `/help`: the commands, and how large the data set is.

use crate::catalog::Catalog;
use crate::reply::{Colour, Reply, Status};

pub(super) fn reply(catalog: &Catalog) -> Reply {
    let c = catalog.counts();
    let mut reply = Reply::new(
        Status::Answer,
        Colour::HELP,
        "movie-trivia",
        "Behind-the-scenes movie trivia: how famous scenes were really filmed, and the techniques behind them.",
    )
    .field("/trivia [film] [technique]", "A random behind-the-scenes fact, from one film or about one technique if you like.")
    .field("/film <title>", "How a film was made. Typos, missing articles and Roman numerals are forgiven; add a year to pick a remake (\"dune 2021\").")
    .field("/technique <name>", "What a filming technique is, how it is done on set, and the films that used it.")
    .field("/quiz start [rounds] [decade] [technique]", "Which film is this? A fact with its film hidden and four films to choose from; everyone in the channel plays. /quiz stop ends it, /leaderboard shows the best players.")
    .field("/daily set | show | off | now", "For server admins: a fact posted every day in a channel, at your local time. In the console, /daily preview shows today's and tomorrow's.")
    .field("/help", "This message.");
    reply.footer = Some(format!(
        "{} films, {} series, {} facts, {} techniques",
        c.films, c.series, c.facts, c.techniques
    ));
    reply
}

/// `/quiz` given where a single reply is expected (`movie-trivia ask`).
pub(super) fn quiz_is_interactive() -> Reply {
    Reply::new(
        Status::NotFound,
        Colour::HELP,
        "The quiz is a game",
        "Play it in the console (`movie-trivia`, then /quiz) or in Discord (/quiz start).",
    )
}

#[cfg(test)]
mod tests {
    use super::super::test_catalog;
    use super::*;

    #[test]
    fn help_lists_the_commands_and_counts_the_data_set() {
        let reply = reply(&test_catalog::catalog());
        let names: Vec<&str> = reply.fields.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "/trivia [film] [technique]",
                "/film <title>",
                "/technique <name>",
                "/quiz start [rounds] [decade] [technique]",
                "/daily set | show | off | now",
                "/help"
            ]
        );
        assert_eq!(reply.footer.as_deref(), Some("2 films, 0 series, 3 facts, 3 techniques"));
    }
}
