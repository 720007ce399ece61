//! The schema, as numbered migrations. `PRAGMA user_version` records how many have run; each
//! runs once, in its own transaction, in order. Never edit a published migration: add one.

pub const MIGRATIONS: &[&str] = &[
    // 1: daily posts.
    "CREATE TABLE daily_schedule (
        guild_id       INTEGER PRIMARY KEY,
        channel_id     INTEGER NOT NULL,
        local_time     TEXT NOT NULL,     -- HH:MM, 24-hour
        time_zone      TEXT NOT NULL,     -- IANA name
        enabled        INTEGER NOT NULL,
        paused_reason  TEXT,              -- why posting stopped on its own (channel gone, access lost)
        since          TEXT NOT NULL,     -- when it was set: earlier occurrences never count as missed
        rotation_seed  INTEGER NOT NULL,
        rotation_round INTEGER NOT NULL DEFAULT 0
    ) STRICT;
    CREATE TABLE daily_post (
        guild_id    INTEGER NOT NULL,
        local_date  TEXT NOT NULL,        -- YYYY-MM-DD in the server's time zone
        fact_id     TEXT NOT NULL,
        round       INTEGER NOT NULL,
        channel_id  INTEGER NOT NULL,
        nonce       TEXT NOT NULL,
        message_id  INTEGER,              -- NULL until Discord confirmed: written before sending
        created_at  TEXT NOT NULL,
        PRIMARY KEY (guild_id, local_date)
    ) STRICT;
    CREATE INDEX daily_post_by_round ON daily_post (guild_id, round);",
    // 2: a post whose fate stayed unknown (the bot stopped while sending it, too long ago for
    // Discord's nonce check) is given up: its date stays used, and it is no longer pending.
    "ALTER TABLE daily_post ADD COLUMN gave_up INTEGER NOT NULL DEFAULT 0;",
    // 3: quiz scores, per server and member, summed over every round played.
    "CREATE TABLE quiz_score (
        guild_id      INTEGER NOT NULL,
        user_id       INTEGER NOT NULL,
        points        INTEGER NOT NULL DEFAULT 0,
        rounds_played INTEGER NOT NULL DEFAULT 0,
        rounds_won    INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (guild_id, user_id)
    ) STRICT;
    CREATE INDEX quiz_score_by_points ON quiz_score (guild_id, points DESC);",
    // 4: the "Guess the film" daily post. A schedule's mode; a quiz post's round (fixed when it
    // is begun, so a resend shows the same choices) and the state of its reveal; and members'
    // answers, kept here because the reveal comes an hour later, perhaps after a restart.
    "ALTER TABLE daily_schedule ADD COLUMN mode TEXT NOT NULL DEFAULT 'fact';  -- 'fact' or 'quiz'
    ALTER TABLE daily_post ADD COLUMN quiz_choices TEXT;    -- film ids, comma-separated, as shown; NULL for a fact
    ALTER TABLE daily_post ADD COLUMN quiz_correct INTEGER; -- index into quiz_choices
    ALTER TABLE daily_post ADD COLUMN quiz_question TEXT;   -- the fact as shown, film hidden
    ALTER TABLE daily_post ADD COLUMN reveal_at TEXT;
    -- 0 open for answers, 1 scored and its message being sent, 2 message sent, 3 message given up
    ALTER TABLE daily_post ADD COLUMN reveal_state INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE daily_post ADD COLUMN revealed_at TEXT;     -- when it was scored
    CREATE TABLE daily_quiz_answer (
        guild_id    INTEGER NOT NULL,
        local_date  TEXT NOT NULL,
        user_id     INTEGER NOT NULL,
        choice      INTEGER NOT NULL,
        answered_at TEXT NOT NULL,
        PRIMARY KEY (guild_id, local_date, user_id)   -- one answer per member; rowid keeps their order
    ) STRICT;",
];
