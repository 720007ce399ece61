//! The link a server admin opens to add the bot, asking only for what it needs.

use poise::serenity_prelude as serenity;
use serenity::Permissions;

/// Reading the channel, posting, and showing embeds: nothing more.
pub const PERMISSIONS: Permissions =
    Permissions::VIEW_CHANNEL.union(Permissions::SEND_MESSAGES).union(Permissions::EMBED_LINKS);

/// The OAuth2 URL that adds the bot with the `bot` and `applications.commands` scopes.
pub fn invite_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&scope=bot+applications.commands&permissions={}",
        PERMISSIONS.bits()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_invite_asks_for_three_permissions_and_both_scopes() {
        let url = invite_url(1234);
        assert_eq!(
            url,
            "https://discord.com/oauth2/authorize?client_id=1234&scope=bot+applications.commands&permissions=19456"
        );
        assert_eq!(PERMISSIONS.iter().count(), 3);
    }
}
