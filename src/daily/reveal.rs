//! The books of the "Guess the film" daily post after it went out: members' answers, and the
//! reveal, scored once and then sent. Like [`super::posts`], no Discord here.

use jiff::civil::Date;
use jiff::Timestamp;

use super::nonce::reveal_nonce;
use super::posts::{DailyError, DailyPosts};
use super::quiz::{DailyAnswer, Reveal};
use crate::quiz::score_round;
use crate::store::{QuizRecord, RevealState, RoundScore};

impl DailyPosts {
    /// A member's click on one of the answers of a server's daily quiz of `date`.
    pub fn answer(
        &self,
        guild: u64,
        date: Date,
        user: u64,
        choice: usize,
        now: Timestamp,
    ) -> Result<DailyAnswer, DailyError> {
        Ok(self.store().answer_daily_quiz(guild, date, user, choice, now)?)
    }

    /// The next reveal a server owes: its date and when it is due.
    pub fn next_reveal(&self, guild: u64) -> Result<Option<(Date, Timestamp)>, DailyError> {
        Ok(self.store().next_reveal(guild)?)
    }

    /// Closes a server's daily quiz of `date` and scores it, once; what the reveal message
    /// needs. `None` when it was closed already (or is no quiz).
    pub fn reveal(&self, guild: u64, date: Date, now: Timestamp) -> Result<Option<Reveal>, DailyError> {
        let mut store = self.store();
        let Some(record) = store.daily_quiz(guild, date)? else { return Ok(None) };
        if record.state != RevealState::Open {
            return Ok(None);
        }
        let answers = store.daily_quiz_answers(guild, date)?;
        let scored = score_round(&answers, record.quiz.correct);
        let scores: Vec<RoundScore> = scored
            .winners
            .iter()
            .map(|w| RoundScore { user_id: w.player, points: w.points, won: true })
            .chain(scored.wrong.iter().map(|&user_id| RoundScore { user_id, points: 0, won: false }))
            .collect();
        if !store.score_daily_quiz(guild, date, &scores, now)? {
            return Ok(None);
        }
        Ok(Some(reveal_of(guild, date, record, &answers, now)))
    }

    /// Reveals scored by an earlier run but never confirmed sent: the bot stopped meanwhile.
    pub fn reveals_in_flight(&self) -> Result<Vec<Reveal>, DailyError> {
        let store = self.store();
        let mut reveals = Vec::new();
        for (guild, date) in store.reveals_in_flight()? {
            let Some(record) = store.daily_quiz(guild, date)? else { continue };
            let answers = store.daily_quiz_answers(guild, date)?;
            let started = record.revealed_at.unwrap_or(Timestamp::UNIX_EPOCH);
            reveals.push(reveal_of(guild, date, record, &answers, started));
        }
        Ok(reveals)
    }

    /// The quiz's question certainly did not go out: nothing is revealed.
    pub fn cancel_quiz(&self, guild: u64, date: Date) -> Result<(), DailyError> {
        Ok(self.store().cancel_daily_quiz(guild, date)?)
    }

    /// The reveal's message went out.
    pub fn reveal_sent(&self, guild: u64, date: Date) -> Result<(), DailyError> {
        Ok(self.store().set_reveal_state(guild, date, RevealState::Sent)?)
    }

    /// The reveal's message could not be confirmed; it is not sent again. Scores stay counted.
    pub fn reveal_given_up(&self, guild: u64, date: Date) -> Result<(), DailyError> {
        Ok(self.store().set_reveal_state(guild, date, RevealState::GaveUp)?)
    }
}

fn reveal_of(
    guild: u64,
    date: Date,
    record: QuizRecord,
    answers: &[(u64, usize)],
    started: Timestamp,
) -> Reveal {
    let quiz = record.quiz;
    Reveal {
        guild_id: guild,
        channel_id: record.channel_id,
        date,
        question_message: record.message_id,
        fact_id: record.fact_id,
        film_id: quiz.choices[quiz.correct].clone(),
        winners: score_round(answers, quiz.correct).winners,
        answered: answers.len(),
        nonce: reveal_nonce(guild, date),
        started_at: started,
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;
    use crate::catalog::{load_embedded, Limits};
    use crate::daily::{schedule, Mode};
    use crate::quiz::Winner;
    use crate::store::{SharedStore, Store};

    const GUILD: u64 = 1_200_000_000_000_000_001;
    const CHANNEL: u64 = 1_300_000_000_000_000_001;

    fn t(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    fn quiz_server() -> DailyPosts {
        let daily = DailyPosts::new(
            SharedStore::new(Store::in_memory().unwrap()),
            // The shipped data set: a quiz needs four films.
            std::sync::Arc::new(load_embedded(Limits::today()).unwrap().catalog),
            schedule::DEFAULT_GRACE,
        );
        let status = daily
            .set(GUILD, CHANNEL, "09:00", "UTC", Some(Mode::Quiz), t("2026-01-15T07:00:00Z"), 1)
            .unwrap();
        assert_eq!(status.schedule.mode, Mode::Quiz);
        daily
    }

    #[test]
    fn a_quiz_post_hides_its_film_among_four_and_opens_for_an_hour() {
        let daily = quiz_server();
        let now = t("2026-01-15T09:00:00Z");
        let post = daily.begin(GUILD, date(2026, 1, 15), now).unwrap().unwrap();
        let quiz = post.quiz.expect("a quiz post");
        let fact = daily.catalog().fact(&post.fact_id).unwrap();
        assert_eq!(quiz.choices[quiz.correct], fact.film.id);
        assert!(!quiz.question.contains(&fact.film.title), "{}", quiz.question);
        assert_eq!(quiz.reveal_at, t("2026-01-15T10:00:00Z"));
        // Another run would build the same round for that server and date.
        let again = quiz_server();
        let replay = again.begin(GUILD, date(2026, 1, 15), now).unwrap().unwrap().quiz.unwrap();
        assert_eq!((replay.choices, replay.correct), (quiz.choices, quiz.correct));
    }

    #[test]
    fn the_reveal_scores_right_answers_in_the_order_they_came_once() {
        let daily = quiz_server().with_reveal_after(jiff::SignedDuration::from_mins(30));
        let day = date(2026, 1, 15);
        let now = t("2026-01-15T09:00:00Z");
        let post = daily.begin(GUILD, day, now).unwrap().unwrap();
        let quiz = post.quiz.unwrap();
        assert_eq!(quiz.reveal_at, t("2026-01-15T09:30:00Z"));
        daily.confirm(GUILD, day, 500).unwrap();
        let wrong = (quiz.correct + 1) % 4;
        let at = t("2026-01-15T09:05:00Z");
        for (user, choice) in [(10, wrong), (11, quiz.correct), (12, quiz.correct), (13, quiz.correct)] {
            assert!(matches!(daily.answer(GUILD, day, user, choice, at).unwrap(), DailyAnswer::Taken { .. }));
        }
        assert_eq!(daily.next_reveal(GUILD).unwrap(), Some((day, quiz.reveal_at)));
        let reveal = daily.reveal(GUILD, day, quiz.reveal_at).unwrap().unwrap();
        assert_eq!(
            reveal.winners,
            vec![
                Winner { player: 11, points: 3 },
                Winner { player: 12, points: 2 },
                Winner { player: 13, points: 1 }
            ]
        );
        assert_eq!((reveal.answered, reveal.question_message), (4, Some(500)));
        assert_eq!(reveal.film_id, quiz.choices[quiz.correct]);
        assert_eq!(daily.reveal(GUILD, day, quiz.reveal_at).unwrap(), None, "scored once");
        assert_eq!(daily.reveals_in_flight().unwrap(), vec![reveal]);
        daily.reveal_sent(GUILD, day).unwrap();
        assert_eq!(daily.reveals_in_flight().unwrap(), Vec::new());
        let lost = daily.store().quiz_rank(GUILD, 10).unwrap().unwrap().1;
        assert_eq!((lost.points, lost.rounds_played, lost.rounds_won), (0, 1, 0));
    }

    #[test]
    fn a_fact_server_posts_no_quiz_and_has_nothing_to_reveal() {
        let daily = quiz_server();
        daily.set(GUILD, CHANNEL, "09:00", "UTC", Some(Mode::Fact), t("2026-01-15T07:00:00Z"), 1).unwrap();
        let day = date(2026, 1, 15);
        let post = daily.begin(GUILD, day, t("2026-01-15T09:00:00Z")).unwrap().unwrap();
        assert_eq!(post.quiz, None);
        daily.confirm(GUILD, day, 5).unwrap();
        assert_eq!(daily.next_reveal(GUILD).unwrap(), None);
        assert_eq!(daily.answer(GUILD, day, 1, 0, t("2026-01-15T09:01:00Z")).unwrap(), DailyAnswer::Gone);
    }
}
