//! The one task that posts for every server: it keeps a queue of next due instants, sleeps
//! until the earliest (or until a schedule changes), and hands due posts to [`send::deliver`].
//! At start it first settles posts a previous run began but never confirmed.

use std::collections::HashSet;
use std::sync::Arc;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use poise::serenity_prelude::Http;
use tokio::sync::mpsc;

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
    /// Skipped dates already logged, so a replan does not log them again.
    reported: HashSet<(u64, Date)>,
}

impl Task {
    async fn run(mut self, mut woken: mpsc::UnboundedReceiver<u64>) {
        self.reconcile();
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
            for guild in self.queue.pop_due(now) {
                self.post_if_due(guild, now);
            }
            let nap = self
                .queue
                .next_due()
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
            let post = Post {
                guild_id: p.guild_id,
                channel_id: p.channel_id,
                date: p.local_date,
                fact_id: p.fact_id,
                nonce: p.nonce,
            };
            let age = now.duration_since(p.created_at);
            // A negative age means the clock went back since: Discord's window cannot be judged.
            if !age.is_negative() && age <= NONCE_WINDOW {
                tracing::info!(
                    "resending the unconfirmed daily post for server {} date {} with its nonce",
                    post.guild_id,
                    post.date
                );
                let deadline = p.created_at.checked_add(NONCE_WINDOW).unwrap_or(now);
                self.spawn_delivery(post, deadline, Some(p.created_at));
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

    fn replan(&mut self, guild: u64, now: Timestamp) {
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
