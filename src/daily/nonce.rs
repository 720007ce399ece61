//! The nonce a daily post is sent with. Discord refuses a second message with the same nonce
//! from the same author for a few minutes (`enforce_nonce`), so a post resent after a crash
//! comes back as the original message instead of a duplicate.

use jiff::civil::Date;

/// Discord's limit on a nonce's length.
pub const MAX_LEN: usize = 25;

/// The nonce of a server's post for one local date: the same inputs give the same nonce in
/// every version of the bot, so it is a fixed hash (FNV-1a), never the standard library's
/// hasher, whose output may change between releases.
pub fn nonce(guild_id: u64, date: Date) -> String {
    format!("mtd{:016x}", day_hash(guild_id, date))
}

/// The nonce of the reveal that answers a server's daily quiz of one local date.
pub fn reveal_nonce(guild_id: u64, date: Date) -> String {
    format!("mtr{:016x}", day_hash(guild_id, date))
}

/// A fixed hash of a server and a date: the nonces' core, and a seed that is the same for a
/// server's post of one date in every run.
pub fn day_hash(guild_id: u64, date: Date) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{guild_id}:{date}").bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::*;

    #[test]
    fn a_nonce_is_fixed_per_server_and_date_and_fits_discord() {
        let a = nonce(1_200_000_000_000_000_001, date(2026, 11, 21));
        assert_eq!(a, nonce(1_200_000_000_000_000_001, date(2026, 11, 21)));
        assert_ne!(a, nonce(1_200_000_000_000_000_001, date(2026, 11, 22)));
        assert_ne!(a, nonce(1_200_000_000_000_000_002, date(2026, 11, 21)));
        assert!(a.len() <= MAX_LEN, "{a}");
        // Pinned: a restarted bot of a newer version must resend with the same nonce.
        assert_eq!(nonce(1, date(2026, 1, 1)), "mtd0ac1dfd5b79ceb78");
        assert_eq!(reveal_nonce(1, date(2026, 1, 1)), "mtr0ac1dfd5b79ceb78", "a reveal is not its post");
    }
}
