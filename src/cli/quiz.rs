//! `/quiz` in the console: a single-player quiz, answered by typing 1 to 4.

use crate::catalog::Catalog;
use crate::commands::Engine;
use crate::quiz::{build_rounds, film_label, Decade, Filter, Game, Phase, Redactor, RoundCount, CHOICES};
use crate::render::text::render;
use crate::reply::{Colour, Field, Reply, Status};

/// Rounds when `/quiz` does not say.
const DEFAULT_ROUNDS: u8 = 5;
const QUIZ: Colour = Colour(0xC061CB);

#[derive(Debug)]
pub struct ConsoleQuiz {
    game: Game<()>,
}

impl ConsoleQuiz {
    /// A new quiz and its first question, or why there is none.
    pub fn start(
        engine: &Engine,
        redactor: &Redactor,
        rounds: Option<u8>,
        decade: Option<&str>,
        technique: Option<&str>,
        seed: u64,
    ) -> Result<(ConsoleQuiz, String), String> {
        let decade = decade.map(str::parse::<Decade>).transpose().map_err(|e| e.to_string())?;
        let technique = match technique.map(|q| engine.find_technique(q)).transpose() {
            Ok(t) => t.map(|t| t.id.clone()),
            Err(not_found) => return Err(render(&not_found).trim_end().to_string()),
        };
        let count =
            RoundCount::new(usize::from(rounds.unwrap_or(DEFAULT_ROUNDS))).map_err(|e| e.to_string())?;
        let filter = Filter { decade, technique };
        let rounds =
            build_rounds(engine.catalog(), redactor, &filter, count, seed).map_err(|e| e.to_string())?;
        let game = Game::new(rounds).map_err(|e| e.to_string())?;
        let quiz = ConsoleQuiz { game };
        let first = quiz.question(engine.catalog()).unwrap_or_default();
        Ok((quiz, first))
    }

    pub fn is_over(&self) -> bool {
        self.game.is_finished()
    }

    fn question(&self, catalog: &Catalog) -> Option<String> {
        let (number, round) = self.game.current_round()?;
        let total = self.game.rounds().len();
        let mut reply = Reply::new(
            Status::Answer,
            QUIZ,
            format!("Which film is this? Round {} of {total}", number + 1),
            &round.question,
        );
        reply.body_spoiler = round.spoiler;
        let choices: Vec<String> =
            round.labels(catalog).iter().enumerate().map(|(i, l)| format!("  [{}] {l}", i + 1)).collect();
        Some(format!("{}\n{}\nType 1 to {CHOICES}, or stop.", render(&reply), choices.join("\n")))
    }

    /// Takes the answer `n` (1 to 4): the verdict, then the next question or the final score.
    pub fn answer(&mut self, catalog: &Catalog, n: usize) -> String {
        let Phase::Open { round } = self.game.phase() else { return String::new() };
        let choice = n.wrapping_sub(1);
        if let Err(e) = self.game.answer((), choice) {
            return format!("error: {e}; type 1 to {CHOICES}");
        }
        let Ok(result) = self.game.close_round() else { return String::new() };
        let played = self.game.rounds()[round].clone();
        let film = film_label(catalog, &played.film_id);
        let fact = catalog.fact(&played.fact_id);
        let verdict = if result.winners.is_empty() {
            format!("Not quite: it was {film}")
        } else {
            format!("Right: {film} (+{})", result.winners[0].points)
        };
        let mut reveal = Reply::new(
            Status::Answer,
            QUIZ,
            verdict,
            fact.map_or_else(|| played.question.clone(), |f| f.fact.text.clone()),
        );
        reveal.body_spoiler = played.spoiler;
        reveal.footer =
            fact.and_then(|f| f.fact.sources.first()).map(|s| format!("Source: {}", s.citation()));
        let mut out = render(&reveal);
        let _ = self.game.next_round();
        match self.question(catalog) {
            Some(next) => {
                out.push('\n');
                out.push_str(&next);
            }
            None => {
                out.push('\n');
                out.push_str(&self.score());
            }
        }
        out
    }

    /// Ends the quiz early: the score so far.
    pub fn stop(&mut self) -> String {
        let _ = self.game.stop();
        self.score()
    }

    fn score(&self) -> String {
        let (points, right) = self.game.standings().first().map_or((0, 0), |s| (s.points, s.correct));
        let played = self.game.rounds().len();
        let mut reply =
            Reply::new(Status::Answer, QUIZ, "Quiz over", format!("{points} points: {right} right."));
        reply.fields.push(Field {
            name: String::new(),
            value: format!("Type /quiz to play again ({played} round(s) this time)."),
            spoiler: false,
            inline: false,
        });
        render(&reply)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{load_embedded, Limits};

    #[test]
    fn a_console_quiz_takes_answers_and_ends_with_the_score() {
        let engine = Engine::new(std::sync::Arc::new(load_embedded(Limits::today()).unwrap().catalog));
        let redactor = Redactor::new(engine.catalog());
        let (mut quiz, first) = ConsoleQuiz::start(&engine, &redactor, Some(2), None, None, 7).unwrap();
        assert!(first.starts_with("== Which film is this? Round 1 of 2 =="), "{first}");
        assert!(first.contains("  [4] ") && first.ends_with("Type 1 to 4, or stop."), "{first}");
        let right = quiz.game.rounds()[0].correct + 1;
        let out = quiz.answer(engine.catalog(), right);
        assert!(out.starts_with("== Right: ") && out.contains("(+3) =="), "{out}");
        assert!(out.contains("Round 2 of 2"), "{out}");
        // The choice after the right one, counted from 1.
        let wrong = (quiz.game.rounds()[1].correct + 1) % 4 + 1;
        let out = quiz.answer(engine.catalog(), wrong);
        assert!(out.starts_with("== Not quite: it was "), "{out}");
        assert!(out.contains("== Quiz over ==\n3 points: 1 right."), "{out}");
        assert!(quiz.is_over());
        assert!(ConsoleQuiz::start(&engine, &redactor, None, Some("1890s"), None, 1)
            .unwrap_err()
            .contains("1890s"));
    }
}
