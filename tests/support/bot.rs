//! The real `movie-trivia` binary, started as a user would start it, with its log captured.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// A bot token with the shape of a real one (three dot-separated parts); never valid anywhere.
pub const TOKEN: &str = "MTEwMDAwMDAwMDAwMDAwMDAwMQ.GtEsT0.dGhpcy1pcy1ub3QtYS1yZWFsLXRva2VuLWF0LWFsbA";

pub struct Bot {
    child: Child,
    log: Arc<Mutex<Vec<String>>>,
    /// The bot's working directory (its database lives there), when the bot owns it.
    _dir: Option<tempfile::TempDir>,
}

impl Bot {
    /// Starts `movie-trivia run` against the double at `api_url`, in a fresh empty directory
    /// (no `.env` is picked up; the database starts empty), with `extra` environment
    /// variables on top.
    pub fn start(api_url: &str, token: &str, extra: &[(&str, &str)]) -> Bot {
        let dir = tempfile::tempdir().expect("a working directory for the bot");
        let mut bot = Bot::start_in(dir.path(), api_url, token, extra);
        bot._dir = Some(dir);
        bot
    }

    /// Like [`Bot::start`], in `dir`: a restarted bot finds the database it left there.
    pub fn start_in(dir: &Path, api_url: &str, token: &str, extra: &[(&str, &str)]) -> Bot {
        let mut command = Command::new(env!("CARGO_BIN_EXE_movie-trivia"));
        command
            .arg("run")
            .current_dir(dir)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("DISCORD_TOKEN", token)
            .env("DISCORD_API_URL", api_url)
            .env("RUST_LOG", "debug")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        for (k, v) in extra {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("start movie-trivia");
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                sink.lock().unwrap().push(line);
            }
        });
        Bot { child, log, _dir: None }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Everything the bot logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Sends a Unix signal, as systemd or Ctrl-C would.
    pub fn signal(&self, name: &str) {
        let status =
            Command::new("kill").args([&format!("-{name}"), &self.pid().to_string()]).status().unwrap();
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits until the log has a line containing `text`, at most `limit`.
    pub fn wait_for_log(&self, text: &str, limit: Duration) -> bool {
        let start = Instant::now();
        while start.elapsed() < limit {
            if self.log.lock().unwrap().iter().any(|l| l.contains(text)) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Kills the process at once (SIGKILL), as a crash or a power cut would.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// Waits for the process to end, at most `limit`.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<ExitStatus> {
        let start = Instant::now();
        while start.elapsed() < limit {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader thread catch the last lines.
                std::thread::sleep(Duration::from_millis(100));
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        None
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
