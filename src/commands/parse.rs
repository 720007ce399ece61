//! Reading a command typed as text (`/film inception`, `/trivia technique:steadicam`), the way
//! the console and `movie-trivia ask` receive it. Discord delivers options already split, so
//! it builds [`Command`] values directly.

use super::Command;

/// What went wrong with a typed command; the text says how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParseError {
    #[error("type a command, e.g. /trivia, /film inception, /technique dolly zoom or /help")]
    Empty,
    #[error(
        "unknown command `/{name}`{hint}; the commands are /trivia, /film, /technique, /quiz, /daily and /help"
    )]
    UnknownCommand { name: String, hint: String },
    #[error("/{command} needs {what}, e.g. /{command} {example}")]
    MissingArgument { command: &'static str, what: &'static str, example: &'static str },
    #[error("/{command} has no option `{option}`; its options are {valid}")]
    UnknownOption { command: &'static str, option: String, valid: &'static str },
    #[error("option `{option}:` of /{command} is given twice")]
    RepeatedOption { command: &'static str, option: String },
    #[error("option `{option}:` of /{command} is empty; give a value after the colon")]
    EmptyOption { command: &'static str, option: String },
    #[error("/{command} takes options as name:value, e.g. /trivia film:inception technique:steadicam")]
    BareText { command: &'static str },
    #[error("/help takes no options")]
    HelpTakesNothing,
    #[error(
        "/daily {0} sets up posts in a Discord server; in the console, /daily preview shows today's \
         and tomorrow's fact"
    )]
    DailyNeedsDiscord(String),
    #[error("/daily takes `preview` here, e.g. /daily preview")]
    DailyWhat,
    #[error("/quiz rounds must be a number from 1 to 10, not `{0}`")]
    BadRounds(String),
}

/// The syntax of every command, for `--help` texts and error messages.
pub const USAGE: &str = "\
/trivia [film:<title>] [technique:<name>]   a random behind-the-scenes fact
/film <title>                              how a film was made (typos forgiven)
/technique <name>                          a filming technique and the films that used it
/quiz [rounds:<1-10>] [decade:<1980s>] [technique:<name>]   guess the film (console: answer 1-4)
/daily preview                             today's and tomorrow's daily fact
/help                                      the commands and the size of the data set";

const COMMANDS: &[&str] = &["trivia", "film", "technique", "quiz", "daily", "help"];

/// Parses one typed command. The leading `/` is optional.
pub fn parse(input: &str) -> Result<Command, ParseError> {
    let input = input.trim();
    let input = input.strip_prefix('/').unwrap_or(input);
    let (name, rest) = match input.split_once(char::is_whitespace) {
        Some((name, rest)) => (name, rest.trim()),
        None => (input, ""),
    };
    let name_lower = name.to_lowercase();
    match name_lower.as_str() {
        "" => Err(ParseError::Empty),
        "trivia" => trivia(rest),
        "film" => Ok(Command::Film { title: single("film", "title", rest, "a film title", "inception")? }),
        "technique" => Ok(Command::Technique {
            name: single("technique", "name", rest, "a technique name", "dolly zoom")?,
        }),
        "quiz" => quiz(rest),
        "daily" => {
            let mut words = rest.split_whitespace();
            let sub = words.next().unwrap_or_default().to_lowercase();
            match sub.as_str() {
                "preview" if words.next().is_none() => Ok(Command::DailyPreview { today: None }),
                "set" | "show" | "off" | "now" => Err(ParseError::DailyNeedsDiscord(sub)),
                _ => Err(ParseError::DailyWhat),
            }
        }
        "help" if rest.is_empty() => Ok(Command::Help),
        "help" => Err(ParseError::HelpTakesNothing),
        _ => {
            let hint = COMMANDS
                .iter()
                .map(|c| (strsim::damerau_levenshtein(&name_lower, c), c))
                .filter(|(d, _)| *d <= 2)
                .min()
                .map(|(_, c)| format!(" (did you mean /{c}?)"))
                .unwrap_or_default();
            Err(ParseError::UnknownCommand { name: name.to_string(), hint })
        }
    }
}

/// A command with one free-text argument, also accepted in Discord's `name:value` form.
fn single(
    command: &'static str,
    option: &str,
    rest: &str,
    what: &'static str,
    example: &'static str,
) -> Result<String, ParseError> {
    let value = rest.strip_prefix(option).and_then(|r| r.strip_prefix(':')).unwrap_or(rest).trim();
    if value.is_empty() {
        return Err(ParseError::MissingArgument { command, what, example });
    }
    Ok(value.to_string())
}

fn trivia(rest: &str) -> Result<Command, ParseError> {
    const VALID: &str = "film:<title> and technique:<name>";
    let mut film = None;
    let mut technique = None;
    let pairs =
        options(rest, &["film", "technique"]).map_err(|_| ParseError::BareText { command: "trivia" })?;
    for (option, value) in pairs {
        let slot = match option.to_lowercase().as_str() {
            "film" => &mut film,
            "technique" => &mut technique,
            _ => return Err(ParseError::UnknownOption { command: "trivia", option, valid: VALID }),
        };
        if value.is_empty() {
            return Err(ParseError::EmptyOption { command: "trivia", option });
        }
        if slot.replace(value).is_some() {
            return Err(ParseError::RepeatedOption { command: "trivia", option });
        }
    }
    Ok(Command::Trivia { film, technique })
}

fn quiz(rest: &str) -> Result<Command, ParseError> {
    const VALID: &str = "rounds:<1-10>, decade:<1980s> and technique:<name>";
    let (mut rounds, mut decade, mut technique) = (None, None, None);
    let pairs = options(rest, &["rounds", "decade", "technique"])
        .map_err(|_| ParseError::BareText { command: "quiz" })?;
    for (option, value) in pairs {
        if value.is_empty() {
            return Err(ParseError::EmptyOption { command: "quiz", option });
        }
        let repeated = match option.to_lowercase().as_str() {
            "rounds" => {
                let n = value.parse::<u8>().ok().filter(|n| (1..=10).contains(n));
                rounds.replace(n.ok_or_else(|| ParseError::BadRounds(value.clone()))?).is_some()
            }
            "decade" => decade.replace(value).is_some(),
            "technique" => technique.replace(value).is_some(),
            _ => return Err(ParseError::UnknownOption { command: "quiz", option, valid: VALID }),
        };
        if repeated {
            return Err(ParseError::RepeatedOption { command: "quiz", option });
        }
    }
    Ok(Command::Quiz { rounds, decade, technique })
}

/// Splits `film:back to the future technique:steadicam` into (name, value) pairs: a value runs
/// until the next word that starts with a known option's `name:`, so titles with colons
/// ("Mission: Impossible") stay whole. Text before the first option is an error.
fn options(text: &str, known: &[&str]) -> Result<Vec<(String, String)>, ()> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for word in text.split_whitespace() {
        let option = word.split_once(':').filter(|(name, _)| {
            let name = name.to_lowercase();
            !name.is_empty()
                && name.chars().all(|c| c.is_ascii_alphabetic())
                && (pairs.is_empty() || known.contains(&name.as_str()))
        });
        match (option, pairs.last_mut()) {
            (Some((name, value)), _) => pairs.push((name.to_string(), value.to_string())),
            (None, Some((_, value))) => {
                if !value.is_empty() {
                    value.push(' ');
                }
                value.push_str(word);
            }
            (None, None) => return Err(()),
        }
    }
    Ok(pairs)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trivia(film: Option<&str>, technique: Option<&str>) -> Command {
        Command::Trivia { film: film.map(String::from), technique: technique.map(String::from) }
    }

    #[test]
    fn quiz_takes_rounds_decade_and_technique() {
        assert_eq!(parse("/quiz"), Ok(Command::Quiz { rounds: None, decade: None, technique: None }));
        assert_eq!(
            parse("/quiz rounds:3 decade:1980s technique:dolly zoom"),
            Ok(Command::Quiz {
                rounds: Some(3),
                decade: Some("1980s".into()),
                technique: Some("dolly zoom".into())
            })
        );
        assert_eq!(parse("/quiz rounds:11"), Err(ParseError::BadRounds("11".into())));
        assert!(matches!(parse("/quiz year:1999"), Err(ParseError::UnknownOption { .. })));
    }

    #[test]
    fn daily_offers_the_preview_and_explains_the_rest() {
        assert_eq!(parse("/daily preview"), Ok(Command::DailyPreview { today: None }));
        assert_eq!(parse("/Daily  PREVIEW "), Ok(Command::DailyPreview { today: None }));
        let e = parse("/daily set #movies 09:00").unwrap_err();
        assert_eq!(e, ParseError::DailyNeedsDiscord("set".into()));
        assert!(e.to_string().contains("/daily preview"), "{e}");
        assert_eq!(parse("/daily"), Err(ParseError::DailyWhat));
        assert_eq!(parse("/daily preview now"), Err(ParseError::DailyWhat));
    }

    #[test]
    fn commands_parse_with_or_without_the_slash() {
        assert_eq!(parse("/help"), Ok(Command::Help));
        assert_eq!(parse("help"), Ok(Command::Help));
        assert_eq!(parse("  /FILM   Inception "), Ok(Command::Film { title: "Inception".into() }));
    }

    #[test]
    fn film_and_technique_take_free_text_or_a_named_option() {
        assert_eq!(
            parse("/film back to the future"),
            Ok(Command::Film { title: "back to the future".into() })
        );
        assert_eq!(parse("/film title:rope"), Ok(Command::Film { title: "rope".into() }));
        assert_eq!(
            parse("/technique name: dolly zoom"),
            Ok(Command::Technique { name: "dolly zoom".into() })
        );
    }

    #[test]
    fn trivia_options_may_hold_several_words() {
        assert_eq!(parse("/trivia"), Ok(trivia(None, None)));
        assert_eq!(
            parse("/trivia film:back to the future technique:long take"),
            Ok(trivia(Some("back to the future"), Some("long take")))
        );
        assert_eq!(parse("/trivia technique:steadicam"), Ok(trivia(None, Some("steadicam"))));
        assert_eq!(parse("/trivia film:Mission: Impossible"), Ok(trivia(Some("Mission: Impossible"), None)));
    }

    #[test]
    fn malformed_commands_say_what_to_do() {
        assert_eq!(parse(""), Err(ParseError::Empty));
        assert_eq!(parse("/film").unwrap_err().to_string(), "/film needs a film title, e.g. /film inception");
        assert_eq!(
            parse("/flim rope").unwrap_err().to_string(),
            "unknown command `/flim` (did you mean /film?); the commands are /trivia, /film, /technique, /quiz, /daily and /help"
        );
        assert!(matches!(parse("/trivia year:1999"), Err(ParseError::UnknownOption { .. })));
        assert!(matches!(parse("/trivia inception"), Err(ParseError::BareText { .. })));
        assert!(matches!(parse("/trivia film:rope film:dune"), Err(ParseError::RepeatedOption { .. })));
        assert!(matches!(parse("/trivia film:"), Err(ParseError::EmptyOption { .. })));
        assert_eq!(parse("/help me"), Err(ParseError::HelpTakesNothing));
    }
}
