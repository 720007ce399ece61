//! Discord v10 payloads, shaped as Discord's documentation (and `openapi.json`) describe them,
//! with the fields serenity needs to deserialize them: a payload serenity cannot read is
//! dropped silently, which would make the bot look deaf rather than fail a test.

use serde_json::{json, Value};

pub const APPLICATION_ID: u64 = 1_100_000_000_000_000_001;
/// A bot user's id is its application's id.
pub const BOT_USER_ID: u64 = APPLICATION_ID;
pub const GUILD_ID: u64 = 1_200_000_000_000_000_001;
pub const CHANNEL_ID: u64 = 1_300_000_000_000_000_001;
/// A channel where @everyone, the bot included, may read but not send.
pub const READ_ONLY_CHANNEL_ID: u64 = 1_300_000_000_000_000_002;
pub const OWNER_ID: u64 = 1_400_000_000_000_000_001;
pub const BOT_NAME: &str = "movie-trivia-test";
pub const TIMESTAMP: &str = "2026-11-21T12:00:00.000000+00:00";
/// Every permission: what the guild owner has.
pub const ALL_PERMISSIONS: &str = "2251799813685247";
/// Discord's default @everyone permissions: no Manage Server, no Administrator.
pub const MEMBER_PERMISSIONS: &str = "1071698660929";
const SEND_MESSAGES: u64 = 1 << 11;

pub fn bot_user() -> Value {
    json!({
        "id": BOT_USER_ID.to_string(),
        "username": BOT_NAME,
        "discriminator": "0",
        "global_name": null,
        "avatar": null,
        "bot": true,
        "public_flags": 0,
        "flags": 0,
        "mfa_enabled": true,
        "verified": true,
        "locale": "en-US"
    })
}

pub fn user(id: u64, name: &str) -> Value {
    json!({
        "id": id.to_string(),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": null,
        "public_flags": 0
    })
}

pub fn application() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": BOT_NAME,
        "icon": null,
        "description": "",
        "type": null,
        "bot_public": true,
        "bot_require_code_grant": false,
        "verify_key": "0".repeat(64),
        "flags": 0,
        "redirect_uris": [],
        "interactions_endpoint_url": null,
        "role_connections_verification_url": null,
        "owner": user(OWNER_ID, "owner"),
        "team": null,
        "approximate_guild_count": 1,
        "bot": bot_user()
    })
}

pub fn gateway_bot(ws_url: &str) -> Value {
    json!({
        "url": ws_url,
        "shards": 1,
        "session_start_limit": { "total": 1000, "remaining": 999, "reset_after": 14_400_000, "max_concurrency": 1 }
    })
}

pub fn ready(session_id: &str, ws_url: &str) -> Value {
    json!({
        "v": 10,
        "user": bot_user(),
        "guilds": [{ "id": GUILD_ID.to_string(), "unavailable": true }],
        "session_id": session_id,
        "resume_gateway_url": ws_url,
        "shard": [0, 1],
        "application": { "id": APPLICATION_ID.to_string(), "flags": 0 }
    })
}

/// The guild as GUILD_CREATE sends it, with one text channel and the bot as a member.
pub fn guild() -> Value {
    json!({
        "id": GUILD_ID.to_string(),
        "name": "Film Club",
        "icon": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": OWNER_ID.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "verification_level": 1,
        "default_message_notifications": 1,
        "explicit_content_filter": 0,
        "roles": [{
            "id": GUILD_ID.to_string(),
            "name": "@everyone",
            "color": 0,
            "colors": { "primary_color": 0, "secondary_color": null, "tertiary_color": null },
            "hoist": false,
            "icon": null,
            "unicode_emoji": null,
            "position": 0,
            "permissions": "1071698660929",
            "managed": false,
            "mentionable": false,
            "flags": 0
        }],
        "emojis": [],
        "stickers": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "max_members": 500000,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "premium_subscription_count": 0,
        "preferred_locale": "en-US",
        "public_updates_channel_id": null,
        "max_video_channel_users": 25,
        "nsfw_level": 0,
        "premium_progress_bar_enabled": false,
        "safety_alerts_channel_id": null,
        "joined_at": TIMESTAMP,
        "large": false,
        "unavailable": false,
        "member_count": 3,
        "voice_states": [],
        "members": [member(bot_user())],
        "channels": [text_channel(CHANNEL_ID, "movies", json!([])), text_channel(
            READ_ONLY_CHANNEL_ID,
            "announcements",
            json!([{ "id": GUILD_ID.to_string(), "type": 0, "allow": "0", "deny": SEND_MESSAGES.to_string() }])
        )],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": [],
        "soundboard_sounds": []
    })
}

fn text_channel(id: u64, name: &str, overwrites: Value) -> Value {
    json!({
        "id": id.to_string(),
        "type": 0,
        "guild_id": GUILD_ID.to_string(),
        "position": 0,
        "permission_overwrites": overwrites,
        "name": name,
        "topic": null,
        "nsfw": false,
        "last_message_id": null,
        "rate_limit_per_user": 0,
        "parent_id": null
    })
}

pub fn member(user: Value) -> Value {
    json!({
        "user": user,
        "nick": null,
        "avatar": null,
        "roles": [],
        "joined_at": TIMESTAMP,
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false
    })
}

/// The parts every interaction shares.
fn interaction(id: u64, kind: u8, data: Value, member_user: (u64, &str), permissions: &str) -> Value {
    let mut member = member(user(member_user.0, member_user.1));
    member["permissions"] = json!(permissions);
    json!({
        "id": id.to_string(),
        "application_id": APPLICATION_ID.to_string(),
        "type": kind,
        "data": data,
        "guild": { "id": GUILD_ID.to_string(), "locale": "en-US", "features": [] },
        "guild_id": GUILD_ID.to_string(),
        "channel": { "id": CHANNEL_ID.to_string(), "type": 0, "name": "movies", "guild_id": GUILD_ID.to_string() },
        "channel_id": CHANNEL_ID.to_string(),
        "member": member,
        "token": format!("interaction-token-{id}"),
        "version": 1,
        "app_permissions": "19456",
        "locale": "en-US",
        "guild_locale": "en-US",
        "entitlements": [],
        "authorizing_integration_owners": { "0": GUILD_ID.to_string() },
        "context": 0,
        "attachment_size_limit": 26_214_400
    })
}

/// A member typing `/name` with `options`: (name, string value) pairs.
pub fn slash_command(
    id: u64,
    command_id: &str,
    name: &str,
    options: &[(&str, &str)],
    who: (u64, &str),
    permissions: &str,
) -> Value {
    let options: Vec<Value> =
        options.iter().map(|(n, v)| json!({ "name": n, "type": 3, "value": v })).collect();
    let data = json!({ "id": command_id, "name": name, "type": 1, "options": options });
    interaction(id, 2, data, who, permissions)
}

/// A member typing `/name sub` with typed `options`: (name, Discord option type, value).
/// Channel options (type 7) come with the resolved channel, as Discord sends them.
pub fn subcommand(
    id: u64,
    command_id: &str,
    name: &str,
    sub: &str,
    options: &[(&str, u8, &str)],
    who: (u64, &str),
    permissions: &str,
) -> Value {
    let mut resolved = serde_json::Map::new();
    let options: Vec<Value> = options
        .iter()
        .map(|(n, kind, v)| {
            if *kind == 7 {
                let channel_name =
                    if *v == READ_ONLY_CHANNEL_ID.to_string() { "announcements" } else { "movies" };
                resolved.insert(
                    v.to_string(),
                    json!({ "id": v, "name": channel_name, "type": 0, "permissions": permissions }),
                );
            }
            // Integer options (type 4) carry a number.
            let value = match kind {
                4 => json!(v.parse::<i64>().expect("an integer option")),
                _ => json!(v),
            };
            json!({ "name": n, "type": kind, "value": value })
        })
        .collect();
    let mut data = json!({
        "id": command_id,
        "name": name,
        "type": 1,
        "options": [{ "name": sub, "type": 1, "options": options }]
    });
    if !resolved.is_empty() {
        data["resolved"] = json!({ "channels": resolved });
    }
    interaction(id, 2, data, who, permissions)
}

/// Autocomplete while a member types `partial` into option `focused` of `/name sub`.
pub fn subcommand_autocomplete(
    id: u64,
    command_id: &str,
    name: &str,
    sub: &str,
    focused: &str,
    partial: &str,
    who: (u64, &str),
) -> Value {
    let data = json!({
        "id": command_id,
        "name": name,
        "type": 1,
        "options": [{ "name": sub, "type": 1, "options": [
            { "name": focused, "type": 3, "value": partial, "focused": true }
        ] }]
    });
    interaction(id, 4, data, who, ALL_PERMISSIONS)
}

/// Autocomplete while a member types `partial` into option `focused` of `/name`.
pub fn autocomplete(
    id: u64,
    command_id: &str,
    name: &str,
    focused: &str,
    partial: &str,
    who: (u64, &str),
) -> Value {
    let data = json!({
        "id": command_id,
        "name": name,
        "type": 1,
        "options": [{ "name": focused, "type": 3, "value": partial, "focused": true }]
    });
    interaction(id, 4, data, who, ALL_PERMISSIONS)
}

/// A click on the button `custom_id` under `message`.
pub fn button_click(id: u64, custom_id: &str, message: Value, who: (u64, &str)) -> Value {
    let mut click =
        interaction(id, 3, json!({ "custom_id": custom_id, "component_type": 2 }), who, ALL_PERMISSIONS);
    click["message"] = message;
    click
}

/// A message as Discord returns it, built from what the bot sent.
pub fn message(id: u64, channel_id: u64, sent: &Value, author: Value) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": channel_id.to_string(),
        "guild_id": GUILD_ID.to_string(),
        "author": author,
        "content": sent.get("content").cloned().unwrap_or(json!("")),
        "timestamp": TIMESTAMP,
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": sent.get("embeds").cloned().unwrap_or(json!([])),
        "components": with_component_ids(sent.get("components").cloned().unwrap_or(json!([]))),
        "pinned": false,
        "type": 0,
        "flags": sent.get("flags").cloned().unwrap_or(json!(0)),
        "nonce": sent.get("nonce").cloned().unwrap_or(Value::Null)
    })
}

/// Discord numbers the components of a stored message; serenity's model expects that.
fn with_component_ids(mut components: Value) -> Value {
    let mut next = 1;
    if let Some(rows) = components.as_array_mut() {
        for row in rows {
            row["id"] = json!(next);
            next += 1;
            if let Some(children) = row.get_mut("components").and_then(Value::as_array_mut) {
                for child in children {
                    child["id"] = json!(next);
                    next += 1;
                }
            }
        }
    }
    components
}

/// A gateway frame.
pub fn frame(op: u8, d: Value, s: Option<u64>, t: Option<&str>) -> Value {
    json!({ "op": op, "d": d, "s": s, "t": t })
}
