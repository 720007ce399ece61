//! The one task that posts for every server: it keeps a queue of next due instants, sleeps
//! until the earliest (or until a schedule changes), and hands due posts to [`send::deliver`].
//! A second queue holds the daily quizzes' reveals, handed to [`quiz::deliver_reveal`]. At
//! start it first settles posts and reveals a previous run began but never confirmed.

use std::collections::HashSet;
use std::sync::Arc;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use poise::serenity_prelude::Http;
use tokio::sync::mpsc;

use super::quiz;
use super::send::{self, NONCE_WINDOW};
use crate::daily::{DailyPosts, DueQueue, Next, Plan, Post};
use crate::discord::clock::Clock;

/// The longest nap: the clock is read again at least this often, so a wall clock that jumps
/// (a suspended VPS, a corrected time) delays a post by at most this much.
const MAX_NAP: SignedDuration = SignedDuration::from_secs(30);
/// After a database error, try that server again this much later rather than spin.
const RETRY_AFTER_ERROR: SignedDuration = SignedDuration::from_secs(60);

fn earlier(days: u32) -> String {
    if days == 0 {
        String::new()
    } else {
        format!("; {days} earlier day(s) were missed too")
    }
}

/// A handle to the scheduler: tell it when a server's schedule or posts changed.
#[derive(Debug, Clone)]
pub struct Scheduler {
    wake: mpsc::UnboundedSender<u64>,
}

impl Scheduler {
    /// Starts the scheduler task on the current runtime.
    pub fn start(http: Arc<Http>, daily: Arc<DailyPosts>, clock: Clock) -> Scheduler {
        let (wake, woken) = mpsc::unbounded_channel();
        let scheduler = Scheduler { wake };
        let task = Task {
            http,
            daily,
            clock,
            scheduler: scheduler.clone(),
            queue: DueQueue::new(),
            reveals: DueQueue::new(),
            reported: HashSet::new(),
        };
        tokio::spawn(task.run(woken));
        scheduler
    }

    /// The server's schedule or posts changed: plan it again.
    pub fn changed(&self, guild: u64) {
        // Fails only once the task is gone, at shutdown.
        let _ = self.wake.send(guild);
    }
}

struct Task {
    http: Arc<Http>,
    daily: Arc<DailyPosts>,
    clock: Clock,
    scheduler: Scheduler,
    queue: DueQueue,
    /// Servers by when their daily quiz's answer is due.
    reveals: DueQueue,
    /// Skipped dates already logged, so a replan does not log them again.
    reported: HashSet<(u64, Date)>,
}

impl Task {
    async fn run(mut self, mut woken: mpsc::UnboundedReceiver<u64>) {
        self.reconcile();
        self.reconcile_reveals();
        let now = self.clock.now();
        // Each server on its own: one unreadable schedule must not hold up the others.
        match self.daily.guilds() {
            Ok(guilds) => {
                for guild in guilds {
                    self.replan(guild, now);
                }
            }
            Err(e) => {
                tracing::error!("cannot read the daily schedules, posting none until restart: {e}");
            }
        }
        tracing::info!(
            "daily posts: {} server(s) scheduled, late posts go out up to {:#} after their time",
            self.queue.len(),
            self.daily.grace()
        );
        loop {
            let now = self.clock.now();
            for guild in self.reveals.pop_due(now) {
                self.reveal_if_due(guild, now);
            }
            for guild in self.queue.pop_due(now) {
                self.post_if_due(guild, now);
            }
            let next = match (self.queue.next_due(), self.reveals.next_due()) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let nap = next
                .map_or(MAX_NAP, |at| at.duration_since(self.clock.now()))
                .clamp(SignedDuration::ZERO, MAX_NAP);
            tokio::select! {
                () = tokio::time::sleep(nap.unsigned_abs()) => {}
                changed = woken.recv() => match changed {
                    Some(guild) => self.replan(guild, self.clock.now()),
                    None => return,
                },
            }
        }
    }

    /// Posts begun by an earlier run but never confirmed: the bot stopped mid-send. Within the
    /// nonce window a resend is safe (Discord returns the first message if it arrived);
    /// later, it could duplicate the post, so the date is given up and the operator told.
    fn reconcile(&self) {
        let pending = match self.daily.pending() {
            Ok(pending) => pending,
            Err(e) => {
                tracing::error!("cannot read unconfirmed daily posts: {e}");
                return;
            }
        };
        let now = self.clock.now();
        for p in pending {
            let created_at = p.created_at;
            let post = Post::from(p);
            let age = now.duration_since(created_at);
            if send::may_resend(created_at, now) {
                tracing::info!(
                    "resending the unconfirmed daily post for server {} date {} with its nonce",
                    post.guild_id,
                    post.date
                );
                let deadline = created_at.checked_add(NONCE_WINDOW).unwrap_or(now);
                self.spawn_delivery(post, deadline, Some(created_at));
            } else {
                if let Err(e) = self.daily.give_up(post.guild_id, post.date) {
                    tracing::error!(
                        "cannot record the unconfirmed daily post for server {}: {e}",
                        post.guild_id
                    );
                }
                tracing::warn!(
                    "the daily post for server {} date {} was being sent when the bot stopped {:#} ago; \
                     not sent again, since Discord would no longer recognise a repeat: check channel {}",
                    post.guild_id,
                    post.date,
                    age.round(jiff::Unit::Second).unwrap_or(age),
                    post.channel_id
                );
            }
        }
    }

    /// Reveals scored by an earlier run whose message was never confirmed: resent with their
    /// nonce while Discord would still recognise it, otherwise given up (the scores count).
    fn reconcile_reveals(&self) {
        let reveals = match self.daily.reveals_in_flight() {
            Ok(reveals) => reveals,
            Err(e) => {
                tracing::error!("cannot read unconfirmed daily quiz answers: {e}");
                return;
            }
        };
        let now = self.clock.now();
        for reveal in reveals {
            if send::may_resend(reveal.started_at, now) {
                tracing::info!(
                    "resending the unconfirmed daily quiz answer for server {} date {} with its nonce",
                    reveal.guild_id,
                    reveal.date
                );
                self.spawn_reveal(reveal, true);
                continue;
            }
            if let Err(e) = self.daily.reveal_given_up(reveal.guild_id, reveal.date) {
                tracing::error!("cannot record the daily quiz answer for server {}: {e}", reveal.guild_id);
            }
            tracing::warn!(
                "the daily quiz answer for server {} date {} was being sent when the bot stopped; not sent \
                 again, since Discord would no longer recognise a repeat: check channel {}",
                reveal.guild_id,
                reveal.date,
                reveal.channel_id
            );
        }
    }

    fn replan(&mut self, guild: u64, now: Timestamp) {
        match self.daily.next_reveal(guild) {
            Ok(Some((_, at))) => self.reveals.set(guild, at),
            Ok(None) => self.reveals.remove(guild),
            Err(e) => {
                tracing::error!("cannot plan the daily quiz answer for server {guild}: {e}");
                self.reveals.set(guild, now.checked_add(RETRY_AFTER_ERROR).unwrap_or(now));
            }
        }
        match self.daily.plan(guild, now) {
            Ok(Some(plan)) => self.place(guild, plan, now),
            Ok(None) => self.queue.remove(guild),
            Err(e) => {
                tracing::error!("cannot plan the daily post for server {guild}: {e}");
                self.queue.set(guild, now.checked_add(RETRY_AFTER_ERROR).unwrap_or(now));
            }
        }
    }

    fn place(&mut self, guild: u64, plan: Plan, now: Timestamp) {
        if let Some(skipped) = plan.skipped {
            if self.reported.insert((guild, skipped.date)) {
                tracing::warn!(
                    "daily post for server {guild} date {} skipped: it was due at {} and the bot was \
                     not running within the grace period ({:#}){}",
                    skipped.date,
                    skipped.at,
                    self.daily.grace(),
                    earlier(plan.missed_before)
                );
            }
        } else if plan.missed_before > 0 {
            let due = match plan.next {
                Next::Now(o) | Next::At(o) => o.date,
            };
            if self.reported.insert((guild, due)) {
                tracing::warn!(
                    "daily posts for server {guild} skipped on {} day(s) before {due}: the bot was not running",
                    plan.missed_before
                );
            }
        }
        match plan.next {
            Next::Now(_) => self.queue.set(guild, now),
            Next::At(o) => self.queue.set(guild, o.at),
        }
    }

    fn post_if_due(&mut self, guild: u64, now: Timestamp) {
        let plan = match self.daily.plan(guild, now) {
            Ok(Some(plan)) => plan,
            other => {
                if let Err(e) = other {
                    tracing::error!("cannot plan the daily post for server {guild}: {e}");
                    self.queue.set(guild, now.checked_add(RETRY_AFTER_ERROR).unwrap_or(now));
                }
                return;
            }
        };
        let Next::Now(due) = plan.next else { return self.place(guild, plan, now) };
        match self.daily.begin(guild, due.date, now) {
            Ok(Some(post)) => {
                let deadline = due.at.checked_add(self.daily.grace()).unwrap_or(due.at);
                self.spawn_delivery(post, deadline, None);
                self.replan(guild, now);
            }
            Ok(None) => self.replan(guild, now),
            Err(e) => {
                tracing::error!("cannot start the daily post for server {guild}: {e}");
                self.queue.set(guild, now.checked_add(RETRY_AFTER_ERROR).unwrap_or(now));
            }
        }
    }

    /// Closes and scores a server's due daily quiz, then sends its answer.
    fn reveal_if_due(&mut self, guild: u64, now: Timestamp) {
        let due = match self.daily.next_reveal(guild) {
            Ok(Some((date, at))) if at <= now => date,
            Ok(_) => return self.replan(guild, now),
            Err(e) => {
                tracing::error!("cannot read the daily quiz of server {guild}: {e}");
                self.reveals.set(guild, now.checked_add(RETRY_AFTER_ERROR).unwrap_or(now));
                return;
            }
        };
        match self.daily.reveal(guild, due, now) {
            Ok(Some(reveal)) => self.spawn_reveal(reveal, false),
            Ok(None) => {}
            Err(e) => {
                tracing::error!("cannot score the daily quiz of server {guild} date {due}: {e}");
                self.reveals.set(guild, now.checked_add(RETRY_AFTER_ERROR).unwrap_or(now));
                return;
            }
        }
        // Another quiz may be owed too (the bot was down over several).
        self.replan(guild, now);
    }

    fn spawn_reveal(&self, reveal: crate::daily::Reveal, resend: bool) {
        let (http, daily, clock) = (self.http.clone(), self.daily.clone(), self.clock);
        tokio::spawn(async move {
            quiz::deliver_reveal(&http, &daily, clock, &reveal, resend).await;
        });
    }

    /// Sends in its own task, so one slow channel never holds up another server's post.
    fn spawn_delivery(&self, post: Post, deadline: Timestamp, unclear_since: Option<Timestamp>) {
        let (http, daily, clock, scheduler) =
            (self.http.clone(), self.daily.clone(), self.clock, self.scheduler.clone());
        tokio::spawn(async move {
            send::deliver(&http, &daily, clock, &post, deadline, unclear_since).await;
            scheduler.changed(post.guild_id);
        });
    }
}
