//! One quiz in play: its rounds, who answered what, and the running scores.
//!
//! The game has no clock. A front end shows a round, passes clicks to [`Game::answer`], and
//! after [`ROUND_SECONDS`] calls [`Game::close_round`] to reveal and score it, then
//! [`Game::next_round`]. Each player answers a round once; the first answer is final, so a
//! second click cannot fish for the right button.
//!
//! Rounds are numbered from 0 here; front ends show them from 1.

use std::collections::HashMap;
use std::hash::Hash;

use super::round::{Round, RoundCount, RoundCountError, CHOICES};
use super::score::{score_round, Winner};

/// How long a round stays open, in seconds. The front end keeps the time.
pub const ROUND_SECONDS: u64 = 20;

/// Why an answer was not taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// The player's first answer stands; `choice` is that answer.
    #[error("you already answered this round")]
    AlreadyAnswered { choice: usize },
    /// The round is over, or the click is on a button of an earlier round.
    #[error("this round is over")]
    RoundClosed,
    #[error("there is no choice {} (a round has {CHOICES})", .choice + 1)]
    NoSuchChoice { choice: usize },
    /// A round the quiz has not reached, or does not have.
    #[error("there is no round {} to answer", .round + 1)]
    NoSuchRound { round: usize },
    #[error("the quiz is over")]
    Finished,
}

/// A step taken out of order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum GameError {
    #[error(transparent)]
    RoundCount(#[from] RoundCountError),
    #[error("round {} is still open", .round + 1)]
    RoundOpen { round: usize },
    #[error("round {} is already closed", .round + 1)]
    RoundClosed { round: usize },
    #[error("the quiz is over")]
    Finished,
}

/// An answer taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accepted {
    pub round: usize,
    pub choice: usize,
    /// 1 for the first answer of the round, 2 for the second, and so on.
    pub position: usize,
}

/// A closed round: the right choice and who found it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundResult<P> {
    pub round: usize,
    /// Index of the right film among the round's choices.
    pub correct: usize,
    /// Correct answers, earliest first, with their points.
    pub winners: Vec<Winner<P>>,
    /// Players who answered wrong, earliest first.
    pub wrong: Vec<P>,
    /// This was the last round: the next step finishes the quiz.
    pub last: bool,
}

/// A player's place in the quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing<P> {
    pub player: P,
    pub points: u32,
    /// Rounds answered correctly.
    pub correct: u32,
    /// Rounds answered.
    pub answered: u32,
}

/// Where the quiz is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// The round takes answers.
    Open { round: usize },
    /// The round is scored and shown; the next step opens the next round or finishes.
    Closed { round: usize },
    /// Played to the end, or stopped early.
    Finished { stopped: bool },
}

/// The answers of the open round.
#[derive(Debug, Clone)]
struct Open<P> {
    answers: HashMap<P, usize>,
    /// Players in the order they answered, with the game-wide tick of each answer.
    order: Vec<(P, u64)>,
}

impl<P> Default for Open<P> {
    fn default() -> Self {
        Open { answers: HashMap::new(), order: Vec::new() }
    }
}

#[derive(Debug, Clone)]
enum State<P> {
    Open(Open<P>),
    Closed,
    Finished { stopped: bool },
}

/// A player's running totals.
#[derive(Debug, Clone)]
struct Total<P> {
    player: P,
    points: u32,
    correct: u32,
    answered: u32,
    /// Tick of the answer that brought the current score (or of the first answer, without
    /// points): among equal scores, whoever got there first ranks higher.
    reached: u64,
}

/// One quiz: 1 to 10 rounds, players identified by any id (a member id, a console user).
#[derive(Debug, Clone)]
pub struct Game<P> {
    rounds: Vec<Round>,
    current: usize,
    state: State<P>,
    totals: Vec<Total<P>>,
    /// Counts answers across the whole game, to order them without a clock.
    tick: u64,
}

impl<P: Clone + Eq + Hash> Game<P> {
    /// A game over built rounds, the first one open.
    pub fn new(rounds: Vec<Round>) -> Result<Self, GameError> {
        RoundCount::new(rounds.len())?;
        Ok(Game { rounds, current: 0, state: State::Open(Open::default()), totals: Vec::new(), tick: 0 })
    }

    pub fn phase(&self) -> Phase {
        match self.state {
            State::Open(_) => Phase::Open { round: self.current },
            State::Closed => Phase::Closed { round: self.current },
            State::Finished { stopped } => Phase::Finished { stopped },
        }
    }

    pub fn is_finished(&self) -> bool {
        matches!(self.state, State::Finished { .. })
    }

    pub fn rounds(&self) -> &[Round] {
        &self.rounds
    }

    /// The round being played or shown, with its number; `None` once the quiz is over.
    pub fn current_round(&self) -> Option<(usize, &Round)> {
        (!self.is_finished()).then(|| (self.current, &self.rounds[self.current]))
    }

    /// How many answers the open round has (0 when no round is open).
    pub fn answer_count(&self) -> usize {
        match &self.state {
            State::Open(open) => open.order.len(),
            _ => 0,
        }
    }

    /// The player's answer to the open round, if any.
    pub fn answer_of(&self, player: &P) -> Option<usize> {
        match &self.state {
            State::Open(open) => open.answers.get(player).copied(),
            _ => None,
        }
    }

    /// Answers the current round.
    pub fn answer(&mut self, player: P, choice: usize) -> Result<Accepted, AnswerError> {
        self.answer_round(self.current, player, choice)
    }

    /// Answers a given round, as a button that carries its round number does: a click on an
    /// earlier round's button must not count for the round now open.
    pub fn answer_round(&mut self, round: usize, player: P, choice: usize) -> Result<Accepted, AnswerError> {
        let open = match &mut self.state {
            State::Finished { .. } => return Err(AnswerError::Finished),
            _ if round < self.current => return Err(AnswerError::RoundClosed),
            _ if round > self.current => return Err(AnswerError::NoSuchRound { round }),
            State::Closed => return Err(AnswerError::RoundClosed),
            State::Open(open) => open,
        };
        if choice >= CHOICES {
            return Err(AnswerError::NoSuchChoice { choice });
        }
        if let Some(&first) = open.answers.get(&player) {
            return Err(AnswerError::AlreadyAnswered { choice: first });
        }
        self.tick += 1;
        open.answers.insert(player.clone(), choice);
        open.order.push((player, self.tick));
        Ok(Accepted { round, choice, position: open.order.len() })
    }

    /// Ends the open round: the right choice, the winners with their points, the others.
    pub fn close_round(&mut self) -> Result<RoundResult<P>, GameError> {
        let open = match std::mem::replace(&mut self.state, State::Closed) {
            State::Open(open) => open,
            State::Closed => return Err(GameError::RoundClosed { round: self.current }),
            finished @ State::Finished { .. } => {
                self.state = finished;
                return Err(GameError::Finished);
            }
        };
        let correct = self.rounds[self.current].correct;
        let answers: Vec<(P, usize)> = open.order.iter().map(|(p, _)| (p.clone(), open.answers[p])).collect();
        let scored = score_round(&answers, correct);
        for (player, tick) in &open.order {
            let points = scored.winners.iter().find(|w| w.player == *player).map(|w| w.points);
            self.record(player, *tick, points);
        }
        Ok(RoundResult {
            round: self.current,
            correct,
            winners: scored.winners,
            wrong: scored.wrong,
            last: self.current + 1 == self.rounds.len(),
        })
    }

    /// Opens the next round after a closed one, or finishes the quiz after the last.
    pub fn next_round(&mut self) -> Result<Phase, GameError> {
        match self.state {
            State::Open(_) => return Err(GameError::RoundOpen { round: self.current }),
            State::Finished { .. } => return Err(GameError::Finished),
            State::Closed => {}
        }
        if self.current + 1 < self.rounds.len() {
            self.current += 1;
            self.state = State::Open(Open::default());
        } else {
            self.state = State::Finished { stopped: false };
        }
        Ok(self.phase())
    }

    /// Ends the quiz now. Answers to a round still open count for nothing: the round was cut
    /// short, so not everyone had the same chance at it. Returns the standings.
    pub fn stop(&mut self) -> Result<Vec<Standing<P>>, GameError> {
        if self.is_finished() {
            return Err(GameError::Finished);
        }
        self.state = State::Finished { stopped: true };
        Ok(self.standings())
    }

    /// Players by points, most first; equal scores by who reached them first.
    pub fn standings(&self) -> Vec<Standing<P>> {
        let mut totals: Vec<&Total<P>> = self.totals.iter().collect();
        totals.sort_by(|a, b| b.points.cmp(&a.points).then(a.reached.cmp(&b.reached)));
        totals
            .into_iter()
            .map(|t| Standing {
                player: t.player.clone(),
                points: t.points,
                correct: t.correct,
                answered: t.answered,
            })
            .collect()
    }

    fn record(&mut self, player: &P, tick: u64, points: Option<u32>) {
        let index = match self.totals.iter().position(|t| t.player == *player) {
            Some(i) => i,
            None => {
                self.totals.push(Total {
                    player: player.clone(),
                    points: 0,
                    correct: 0,
                    answered: 0,
                    reached: tick,
                });
                self.totals.len() - 1
            }
        };
        let total = &mut self.totals[index];
        total.answered += 1;
        if let Some(points) = points {
            total.points += points;
            total.correct += 1;
            total.reached = tick;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::score::{FIRST_CORRECT, LATER_CORRECT, SECOND_CORRECT};

    /// A round whose right choice is `correct`.
    fn round(correct: usize) -> Round {
        Round {
            fact_id: format!("film-{correct}/fact"),
            film_id: format!("film-{correct}"),
            question: "A fact.".into(),
            spoiler: false,
            choices: std::array::from_fn(|i| format!("film-{i}")),
            correct,
        }
    }

    fn game(correct: &[usize]) -> Game<u64> {
        Game::new(correct.iter().map(|&c| round(c)).collect()).unwrap()
    }

    fn points(standings: &[Standing<u64>]) -> Vec<(u64, u32)> {
        standings.iter().map(|s| (s.player, s.points)).collect()
    }

    #[test]
    fn a_round_lasts_twenty_seconds() {
        assert_eq!(ROUND_SECONDS, 20);
    }

    #[test]
    fn a_game_has_one_to_ten_rounds() {
        let err = Game::<u64>::new(Vec::new()).unwrap_err();
        assert_eq!(err, GameError::RoundCount(RoundCountError { got: 0 }));
        assert_eq!(err.to_string(), "a quiz has 1 to 10 rounds, not 0");
        assert!(Game::<u64>::new((0..11).map(|_| round(0)).collect()).is_err());
        assert!(Game::<u64>::new((0..10).map(|_| round(0)).collect()).is_ok());
    }

    #[test]
    fn each_player_answers_once_and_the_first_answer_stands() {
        let mut game = game(&[2]);
        assert_eq!(game.answer(7, 2), Ok(Accepted { round: 0, choice: 2, position: 1 }));
        assert_eq!(game.answer(8, 1), Ok(Accepted { round: 0, choice: 1, position: 2 }));
        let again = game.answer(7, 1).unwrap_err();
        assert_eq!(again, AnswerError::AlreadyAnswered { choice: 2 });
        assert_eq!(again.to_string(), "you already answered this round");
        assert_eq!(game.answer_of(&7), Some(2));
        assert_eq!(game.answer_count(), 2);
    }

    #[test]
    fn a_choice_must_be_one_of_the_four() {
        let mut game = game(&[0]);
        let err = game.answer(1, CHOICES).unwrap_err();
        assert_eq!(err, AnswerError::NoSuchChoice { choice: 4 });
        assert_eq!(err.to_string(), "there is no choice 5 (a round has 4)");
        assert_eq!(game.answer_count(), 0, "a refused answer does not use up the player's turn");
        assert!(game.answer(1, 3).is_ok());
    }

    #[test]
    fn closing_a_round_scores_it_first_correct_first() {
        let mut game = game(&[1, 0]);
        for (player, choice) in [(1, 0), (2, 1), (3, 1), (4, 1)] {
            game.answer(player, choice).unwrap();
        }
        let result = game.close_round().unwrap();
        assert_eq!(result.correct, 1);
        assert_eq!(
            result.winners,
            [
                Winner { player: 2, points: FIRST_CORRECT },
                Winner { player: 3, points: SECOND_CORRECT },
                Winner { player: 4, points: LATER_CORRECT },
            ]
        );
        assert_eq!(result.wrong, [1]);
        assert!(!result.last);
        assert_eq!(game.phase(), Phase::Closed { round: 0 });
    }

    #[test]
    fn a_closed_round_takes_no_answers_and_closes_once() {
        let mut game = game(&[0, 0]);
        game.close_round().unwrap();
        assert_eq!(game.answer(1, 0), Err(AnswerError::RoundClosed));
        assert_eq!(game.close_round(), Err(GameError::RoundClosed { round: 0 }));
        game.next_round().unwrap();
        // A button left over from round 1 does not count for round 2.
        assert_eq!(game.answer_round(0, 1, 0), Err(AnswerError::RoundClosed));
        assert_eq!(game.answer_round(5, 1, 0), Err(AnswerError::NoSuchRound { round: 5 }));
        assert_eq!(game.answer_round(1, 1, 0).map(|a| a.round), Ok(1));
    }

    #[test]
    fn the_next_round_waits_for_the_open_one_to_close() {
        let mut game = game(&[0, 0]);
        let err = game.next_round().unwrap_err();
        assert_eq!(err, GameError::RoundOpen { round: 0 });
        assert_eq!(err.to_string(), "round 1 is still open");
    }

    #[test]
    fn a_game_runs_to_its_end() {
        let mut game = game(&[0, 3]);
        assert_eq!(game.current_round().map(|(i, r)| (i, r.correct)), Some((0, 0)));
        game.answer(1, 0).unwrap();
        game.answer(2, 0).unwrap();
        game.close_round().unwrap();
        assert_eq!(game.next_round(), Ok(Phase::Open { round: 1 }));
        assert_eq!(game.answer_count(), 0);
        game.answer(2, 3).unwrap();
        game.answer(1, 2).unwrap();
        let result = game.close_round().unwrap();
        assert!(result.last);
        assert_eq!(game.next_round(), Ok(Phase::Finished { stopped: false }));
        assert!(game.is_finished());
        assert_eq!(game.current_round(), None);
        // 1 scored 3 and then missed; 2 scored 2 and then 3.
        assert_eq!(points(&game.standings()), [(2, 5), (1, 3)]);
        // Nothing moves after the end.
        assert_eq!(game.answer(3, 0), Err(AnswerError::Finished));
        assert_eq!(game.close_round(), Err(GameError::Finished));
        assert_eq!(game.next_round(), Err(GameError::Finished));
        assert_eq!(game.stop(), Err(GameError::Finished));
    }

    #[test]
    fn standings_break_ties_by_who_got_there_first() {
        let mut game = game(&[0, 0, 0]);
        // Round 1: 1 first (3), 2 second (2). Round 2: 2 first (3), 1 second (2). Both on 5;
        // 2 reached 5 with the earlier answer of round 2.
        for round in [[1, 2], [2, 1]] {
            for player in round {
                game.answer(player, 0).unwrap();
            }
            game.close_round().unwrap();
            game.next_round().unwrap();
        }
        assert_eq!(points(&game.standings()), [(2, 5), (1, 5)]);
        // Round 3: a wrong answer changes nothing; 3 joins with no points, last.
        game.answer(3, 1).unwrap();
        game.close_round().unwrap();
        let standings = game.standings();
        assert_eq!(points(&standings), [(2, 5), (1, 5), (3, 0)]);
        assert_eq!(
            standings[2],
            Standing { player: 3, points: 0, correct: 0, answered: 1 },
            "a wrong answer still counts as a round played"
        );
        assert_eq!((standings[0].correct, standings[0].answered), (2, 2));
    }

    #[test]
    fn stopping_ends_the_game_and_drops_the_open_round() {
        let mut game = game(&[0, 0]);
        game.answer(1, 0).unwrap();
        game.close_round().unwrap();
        game.next_round().unwrap();
        game.answer(2, 0).unwrap();
        let standings = game.stop().unwrap();
        assert_eq!(points(&standings), [(1, 3)]);
        assert_eq!(game.phase(), Phase::Finished { stopped: true });
        assert_eq!(game.answer(2, 0), Err(AnswerError::Finished));
    }

    #[test]
    fn players_may_be_any_id() {
        let mut game: Game<&str> = Game::new(vec![round(2)]).unwrap();
        game.answer("console", 2).unwrap();
        let result = game.close_round().unwrap();
        assert_eq!(result.winners, [Winner { player: "console", points: FIRST_CORRECT }]);
    }
}
