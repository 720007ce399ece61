//! The quizzes running now, one per channel at most. Clicks, `/quiz stop` and the quiz's own
//! task meet here; every operation is short and never awaits while holding the lock.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::Notify;

use crate::quiz::{Accepted, AnswerError, Game, Round, RoundResult, Standing};

pub type Player = u64;

struct Live {
    id: u64,
    starter: Player,
    game: Game<Player>,
    stop: Arc<Notify>,
    stopped_by: Option<Player>,
}

#[derive(Default)]
pub struct Quizzes {
    running: Mutex<HashMap<u64, Live>>,
    shutting_down: std::sync::atomic::AtomicBool,
}

/// What a click on an answer did; the film ids are those of the answer now on record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Click {
    Accepted(Accepted, String),
    AlreadyAnswered(String),
    Refused(AnswerError),
    /// No quiz with that id runs in the channel: it ended, or the bot restarted since.
    Gone,
}

/// What `/quiz stop` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Stopping,
    NotAllowed { starter: Player },
    NoQuiz,
}

impl Quizzes {
    fn lock(&self) -> MutexGuard<'_, HashMap<u64, Live>> {
        // A panic in one handler leaves at worst one quiz in a stale state; the rest go on.
        self.running.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Starts a quiz in `channel`; `false` when one is already running there.
    pub fn start(
        &self,
        channel: u64,
        id: u64,
        starter: Player,
        game: Game<Player>,
        stop: Arc<Notify>,
    ) -> bool {
        let mut running = self.lock();
        if running.contains_key(&channel) {
            return false;
        }
        running.insert(channel, Live { id, starter, game, stop, stopped_by: None });
        true
    }

    pub fn shutting_down(&self) -> bool {
        self.shutting_down.load(std::sync::atomic::Ordering::SeqCst)
    }

    pub fn is_running(&self, channel: u64) -> bool {
        self.lock().contains_key(&channel)
    }

    pub fn answer(&self, channel: u64, quiz: u64, round: usize, player: Player, choice: usize) -> Click {
        let mut running = self.lock();
        match running.get_mut(&channel).filter(|live| live.id == quiz) {
            Some(live) => {
                let outcome = live.game.answer_round(round, player, choice);
                let film = |c: usize| {
                    live.game.rounds().get(round).and_then(|r| r.choices.get(c)).cloned().unwrap_or_default()
                };
                match outcome {
                    Ok(accepted) => Click::Accepted(accepted, film(choice)),
                    Err(AnswerError::AlreadyAnswered { choice }) => Click::AlreadyAnswered(film(choice)),
                    Err(e) => Click::Refused(e),
                }
            }
            None => Click::Gone,
        }
    }

    /// Asks the quiz in `channel` to stop, if `player` started it or may manage messages.
    pub fn request_stop(&self, channel: u64, player: Player, manages_messages: bool) -> Stop {
        let mut running = self.lock();
        let Some(live) = running.get_mut(&channel) else { return Stop::NoQuiz };
        if live.starter != player && !manages_messages {
            return Stop::NotAllowed { starter: live.starter };
        }
        live.stopped_by.get_or_insert(player);
        live.stop.notify_one();
        Stop::Stopping
    }

    /// Closes the open round: its result and the round itself.
    pub fn close_round(&self, channel: u64, quiz: u64) -> Option<(RoundResult<Player>, Round, usize)> {
        let mut running = self.lock();
        let live = running.get_mut(&channel).filter(|live| live.id == quiz)?;
        let result = live.game.close_round().ok()?;
        let round = live.game.rounds()[result.round].clone();
        Some((result, round, live.game.rounds().len()))
    }

    /// Opens the next round: its number and the round.
    pub fn next_round(&self, channel: u64, quiz: u64) -> Option<(usize, Round)> {
        let mut running = self.lock();
        let live = running.get_mut(&channel).filter(|live| live.id == quiz)?;
        live.game.next_round().ok()?;
        live.game.current_round().map(|(i, round)| (i, round.clone()))
    }

    /// Ends the quiz and takes it out of the channel: the standings, and who stopped it early.
    pub fn finish(&self, channel: u64, quiz: u64) -> Option<(Vec<Standing<Player>>, Option<Player>)> {
        let mut running = self.lock();
        if running.get(&channel).is_none_or(|live| live.id != quiz) {
            return None;
        }
        let mut live = running.remove(&channel)?;
        let standings = if live.game.is_finished() {
            live.game.standings()
        } else {
            live.game.stop().unwrap_or_else(|_| live.game.standings())
        };
        Some((standings, live.stopped_by))
    }

    /// Asks every running quiz to stop (the bot is shutting down); how many there were.
    pub fn stop_all(&self) -> usize {
        self.shutting_down.store(true, std::sync::atomic::Ordering::SeqCst);
        let running = self.lock();
        for live in running.values() {
            live.stop.notify_one();
        }
        running.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quiz::Round;

    fn round(correct: usize) -> Round {
        Round {
            fact_id: "f/a".into(),
            film_id: "f".into(),
            question: "q".into(),
            spoiler: false,
            choices: ["a".into(), "b".into(), "c".into(), "d".into()],
            correct,
        }
    }

    fn quizzes_with_one(channel: u64, starter: Player) -> (Quizzes, Arc<Notify>) {
        let quizzes = Quizzes::default();
        let stop = Arc::new(Notify::new());
        let game = Game::new(vec![round(1), round(2)]).unwrap();
        assert!(quizzes.start(channel, 77, starter, game, stop.clone()));
        (quizzes, stop)
    }

    #[test]
    fn one_quiz_per_channel_and_clicks_reach_only_their_quiz() {
        let (quizzes, _) = quizzes_with_one(1, 10);
        let other = Game::new(vec![round(0)]).unwrap();
        assert!(!quizzes.start(1, 78, 11, other, Arc::new(Notify::new())), "busy");
        assert!(matches!(quizzes.answer(1, 77, 0, 20, 1), Click::Accepted(_, film) if film == "b"));
        assert_eq!(quizzes.answer(1, 77, 0, 20, 2), Click::AlreadyAnswered("b".into()));
        assert_eq!(quizzes.answer(1, 76, 0, 21, 1), Click::Gone, "an older quiz's button");
        assert_eq!(quizzes.answer(2, 77, 0, 21, 1), Click::Gone, "another channel");
        let (result, _, total) = quizzes.close_round(1, 77).unwrap();
        assert_eq!((result.winners.len(), total), (1, 2));
        assert_eq!(quizzes.answer(1, 77, 0, 21, 1), Click::Refused(AnswerError::RoundClosed));
        assert_eq!(quizzes.next_round(1, 77).map(|(i, _)| i), Some(1));
        let (standings, stopped_by) = quizzes.finish(1, 77).unwrap();
        assert_eq!((standings[0].player, standings[0].points, stopped_by), (20, 3, None));
        assert!(!quizzes.is_running(1));
        assert_eq!(quizzes.answer(1, 77, 1, 20, 2), Click::Gone, "a finished quiz's button");
    }

    #[test]
    fn only_the_starter_or_a_moderator_may_stop_a_quiz() {
        let (quizzes, _) = quizzes_with_one(1, 10);
        assert_eq!(quizzes.request_stop(1, 11, false), Stop::NotAllowed { starter: 10 });
        assert_eq!(quizzes.request_stop(1, 11, true), Stop::Stopping);
        assert_eq!(quizzes.request_stop(2, 10, false), Stop::NoQuiz);
        let (_, stopped_by) = quizzes.finish(1, 77).unwrap();
        assert_eq!(stopped_by, Some(11));
    }
}
