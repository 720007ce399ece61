//! Points for a round.
//!
//! A correct answer always scores, so a careful player is never wasted; the first correct
//! answers score more, so speed counts too. 3 points for the first correct answer, 2 for the
//! second, 1 for every later one, 0 for a wrong one. The spread is small on purpose: across a
//! ten-round quiz, being right more often beats being fast.

/// Points for the first correct answer of a round.
pub const FIRST_CORRECT: u32 = 3;
/// Points for the second correct answer.
pub const SECOND_CORRECT: u32 = 2;
/// Points for every later correct answer.
pub const LATER_CORRECT: u32 = 1;

/// Points for the `nth` correct answer of a round, counting from 1 (0 reads as 1).
pub fn points_for_correct(nth: usize) -> u32 {
    match nth {
        0 | 1 => FIRST_CORRECT,
        2 => SECOND_CORRECT,
        _ => LATER_CORRECT,
    }
}

/// A player who answered a round correctly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Winner<P> {
    pub player: P,
    pub points: u32,
}

/// The outcome of a round's answers, given in the order they came in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scored<P> {
    /// Correct answers, earliest first, with their points.
    pub winners: Vec<Winner<P>>,
    /// Players who answered wrong, earliest first.
    pub wrong: Vec<P>,
}

/// Scores the answers `(player, choice)` of a round whose right choice is `correct`.
pub fn score_round<P: Clone>(answers: &[(P, usize)], correct: usize) -> Scored<P> {
    let mut scored = Scored { winners: Vec::new(), wrong: Vec::new() };
    for (player, choice) in answers {
        if *choice == correct {
            let points = points_for_correct(scored.winners.len() + 1);
            scored.winners.push(Winner { player: player.clone(), points });
        } else {
            scored.wrong.push(player.clone());
        }
    }
    scored
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn earlier_correct_answers_score_more_and_none_scores_nothing() {
        assert_eq!(points_for_correct(1), 3);
        assert_eq!(points_for_correct(2), 2);
        assert_eq!(points_for_correct(3), 1);
        assert_eq!(points_for_correct(50), 1);
        assert!(
            (1..10).all(|n| points_for_correct(n) >= points_for_correct(n + 1) && points_for_correct(n) > 0)
        );
    }

    #[test]
    fn a_round_is_scored_in_the_order_answers_came_in() {
        let answers = [("ann", 2), ("bob", 1), ("cat", 1), ("dan", 0), ("eve", 1), ("fay", 1)];
        let scored = score_round(&answers, 1);
        let winners: Vec<(&str, u32)> = scored.winners.iter().map(|w| (w.player, w.points)).collect();
        assert_eq!(winners, [("bob", 3), ("cat", 2), ("eve", 1), ("fay", 1)]);
        assert_eq!(scored.wrong, ["ann", "dan"]);
    }

    #[test]
    fn a_wrong_answer_first_does_not_take_the_first_place_points() {
        let scored = score_round(&[(1u64, 0), (2u64, 3)], 3);
        assert_eq!(scored.winners, [Winner { player: 2, points: FIRST_CORRECT }]);
        assert_eq!(scored.wrong, [1]);
    }

    #[test]
    fn no_answers_no_winners() {
        let scored = score_round::<u64>(&[], 0);
        assert!(scored.winners.is_empty() && scored.wrong.is_empty());
    }
}
