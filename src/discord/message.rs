//! A [`Reply`] as a Discord message: one embed and a row of buttons, cut to Discord's limits so
//! Discord never rejects it, with spoilers hidden and mentions disabled.
//!
//! [`Message::from_reply`] is pure and holds all the rules; the builders at the bottom only
//! copy its result into serenity's types.

use poise::serenity_prelude as serenity;
use serenity::{
    CreateActionRow, CreateAllowedMentions, CreateButton, CreateEmbed, CreateEmbedFooter,
    CreateInteractionResponseMessage,
};

use crate::reply::{Reply, Status};

use super::custom_id;

/// Discord's embed limits, in characters (<https://discord.com/developers/docs/resources/message#embed-object-embed-limits>).
pub mod limits {
    pub const TITLE: usize = 256;
    pub const DESCRIPTION: usize = 4096;
    pub const FIELDS: usize = 25;
    pub const FIELD_NAME: usize = 256;
    pub const FIELD_VALUE: usize = 1024;
    pub const FOOTER: usize = 2048;
    pub const TOTAL: usize = 6000;
    pub const BUTTONS_PER_ROW: usize = 5;
    pub const BUTTON_LABEL: usize = 80;
}

/// Discord rejects an empty field name or value; a zero-width space shows as nothing.
const BLANK: &str = "\u{200B}";
const ELLIPSIS: char = '…';

/// An embed field, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedField {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

/// A button, ready to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
}

/// A reply as Discord will show it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub title: String,
    pub description: String,
    pub fields: Vec<EmbedField>,
    pub footer: Option<String>,
    pub colour: u32,
    pub buttons: Vec<Button>,
    /// Shown only to the person who asked.
    pub ephemeral: bool,
}

impl Message {
    pub fn from_reply(reply: &Reply) -> Message {
        // The whole embed must stay within TOTAL: the title and the footer (the sources) are
        // kept first, then the description, then as many fields as fit.
        let title = cut(&reply.title, limits::TITLE);
        let footer = reply.footer.as_deref().map(|f| cut(f, limits::FOOTER));
        let left = limits::TOTAL - chars(&title) - footer.as_deref().map_or(0, chars);
        // Room for at least the "N more not shown" line when there are fields.
        let reserve = if reply.fields.is_empty() { 0 } else { NOTE_SIZE };
        let description = spoiler(&reply.body, reply.body_spoiler, limits::DESCRIPTION.min(left - reserve));
        let mut budget = left - chars(&description);

        // Fields go in order while they fit; the rest is replaced by one line saying so.
        let mut fields = Vec::new();
        let total = reply.fields.len();
        for (i, field) in reply.fields.iter().enumerate() {
            let name =
                if field.name.is_empty() { BLANK.to_string() } else { cut(&field.name, limits::FIELD_NAME) };
            let value = if field.value.is_empty() {
                BLANK.to_string()
            } else {
                spoiler(&field.value, field.spoiler, limits::FIELD_VALUE)
            };
            let size = chars(&name) + chars(&value);
            let left = total - i - 1;
            let room_for_note = if left > 0 { NOTE_SIZE } else { 0 };
            if fields.len() + 1 + usize::from(left > 0) > limits::FIELDS || size + room_for_note > budget {
                fields.push(more_note(total - i));
                break;
            }
            budget -= size;
            fields.push(EmbedField { name, value, inline: field.inline });
        }

        let buttons = reply
            .actions
            .iter()
            .filter_map(|action| {
                let custom_id = custom_id::encode(action)?;
                Some(Button { custom_id, label: cut(&action.label(), limits::BUTTON_LABEL) })
            })
            .take(limits::BUTTONS_PER_ROW)
            .collect();

        Message {
            title,
            description,
            fields,
            footer,
            colour: reply.colour.0,
            buttons,
            ephemeral: reply.status == Status::NotFound,
        }
    }

    fn embed(&self) -> CreateEmbed {
        let mut embed =
            CreateEmbed::new().title(&self.title).description(&self.description).colour(self.colour);
        for f in &self.fields {
            embed = embed.field(&f.name, &f.value, f.inline);
        }
        if let Some(footer) = &self.footer {
            embed = embed.footer(CreateEmbedFooter::new(footer));
        }
        embed
    }

    fn components(&self) -> Vec<CreateActionRow> {
        if self.buttons.is_empty() {
            return Vec::new();
        }
        let buttons =
            self.buttons.iter().map(|b| CreateButton::new(&b.custom_id).label(&b.label)).collect::<Vec<_>>();
        vec![CreateActionRow::Buttons(buttons)]
    }

    /// As a message the bot posts on its own (a daily post), not in reply to anyone.
    pub fn to_create_message(&self) -> serenity::CreateMessage {
        serenity::CreateMessage::new()
            .embed(self.embed())
            .components(self.components())
            .allowed_mentions(no_mentions())
    }

    /// As the reply to a slash command, through poise.
    pub fn to_poise(&self) -> poise::CreateReply {
        poise::CreateReply::default()
            .embed(self.embed())
            .components(self.components())
            .ephemeral(self.ephemeral)
            .allowed_mentions(no_mentions())
    }

    /// As a follow-up message to a command (quiz rounds after the first).
    pub fn to_followup(&self) -> serenity::CreateInteractionResponseFollowup {
        serenity::CreateInteractionResponseFollowup::new()
            .embed(self.embed())
            .components(self.components())
            .ephemeral(self.ephemeral)
            .allowed_mentions(no_mentions())
    }

    /// As the answer to a button click.
    pub fn to_interaction_response(&self) -> CreateInteractionResponseMessage {
        CreateInteractionResponseMessage::new()
            .embed(self.embed())
            .components(self.components())
            .ephemeral(self.ephemeral)
            .allowed_mentions(no_mentions())
    }
}

/// Nothing a fact says may ping anyone: no @everyone, roles or users.
pub fn no_mentions() -> CreateAllowedMentions {
    CreateAllowedMentions::new()
}

/// The size [`more_note`] may take, reserved while fields are laid out.
const NOTE_SIZE: usize = 40;

fn more_note(count: usize) -> EmbedField {
    EmbedField { name: "…".to_string(), value: format!("{count} more not shown"), inline: false }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// `text` cut to `max` characters, ending in an ellipsis when cut.
pub(super) fn cut(text: &str, max: usize) -> String {
    if chars(text) <= max {
        return text.to_string();
    }
    let mut out: String = text.chars().take(max.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push(ELLIPSIS);
    out
}

/// `text` hidden behind a spoiler when asked, cut first so the closing bars survive.
fn spoiler(text: &str, is_spoiler: bool, max: usize) -> String {
    if is_spoiler {
        // Bars inside the text would end the spoiler early.
        let text = text.replace("||", "|");
        format!("||{}||", cut(&text, max - 4))
    } else {
        cut(text, max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Action, Colour, Field};

    fn reply() -> Reply {
        Reply::new(Status::Answer, Colour::FILM, "Rope (1948)", "Shot to look like one take.")
    }

    fn total(m: &Message) -> usize {
        chars(&m.title)
            + chars(&m.description)
            + m.footer.as_deref().map_or(0, chars)
            + m.fields.iter().map(|f| chars(&f.name) + chars(&f.value)).sum::<usize>()
    }

    #[test]
    fn a_plain_reply_maps_one_to_one() {
        let mut r = reply().field("Director", "Alfred Hitchcock");
        r.footer = Some("Source: AFI".into());
        r.actions.push(Action::MoreFromFilm { film: "rope-1948".into() });
        let m = Message::from_reply(&r);
        assert_eq!(m.title, "Rope (1948)");
        assert_eq!(m.description, "Shot to look like one take.");
        assert_eq!(
            m.fields,
            vec![EmbedField { name: "Director".into(), value: "Alfred Hitchcock".into(), inline: false }]
        );
        assert_eq!(m.footer.as_deref(), Some("Source: AFI"));
        assert_eq!(m.colour, Colour::FILM.0);
        assert_eq!(
            m.buttons,
            vec![Button { custom_id: "mt1:film:rope-1948".into(), label: "More from this film".into() }]
        );
        assert!(!m.ephemeral);
    }

    #[test]
    fn not_found_replies_are_ephemeral() {
        let r = Reply::new(Status::NotFound, Colour::NOT_FOUND, "No film matches", "Did you mean…");
        assert!(Message::from_reply(&r).ephemeral);
    }

    #[test]
    fn spoilers_are_hidden_and_survive_cutting() {
        let mut r = reply();
        r.body = "He dies || at the end.".into();
        r.body_spoiler = true;
        r.fields.push(Field { name: "Twist".into(), value: "x".repeat(2000), spoiler: true, inline: false });
        let m = Message::from_reply(&r);
        assert_eq!(m.description, "||He dies | at the end.||");
        let v = &m.fields[0].value;
        assert!(v.starts_with("||") && v.ends_with("…||"), "{v}");
        assert_eq!(chars(v), limits::FIELD_VALUE);
    }

    #[test]
    fn over_long_parts_are_cut_to_discords_limits() {
        let mut r = Reply::new(Status::Answer, Colour::FILM, "T".repeat(300), "d".repeat(5000));
        r.footer = Some("f".repeat(3000));
        r.fields.push(Field { name: "n".repeat(300), value: String::new(), spoiler: false, inline: true });
        r.actions.push(Action::ExplainTechnique { technique: "long-take".into(), name: "L".repeat(100) });
        let m = Message::from_reply(&r);
        assert_eq!(chars(&m.title), limits::TITLE);
        assert!(m.title.ends_with('…'));
        assert_eq!(m.footer.as_deref().map(chars), Some(limits::FOOTER));
        // Title and footer take 2304 of the 6000; the description gets the rest but for the
        // line that says a field was left out.
        assert_eq!(chars(&m.description), limits::TOTAL - limits::TITLE - limits::FOOTER - NOTE_SIZE);
        assert_eq!(m.buttons[0].label.chars().count(), limits::BUTTON_LABEL);
        // No room is left for the field: it is summarised.
        assert_eq!(m.fields, vec![more_note(1)]);
        assert!(total(&m) <= limits::TOTAL, "{}", total(&m));
    }

    #[test]
    fn empty_field_parts_become_blanks_and_long_names_are_cut() {
        let mut r = reply();
        r.fields.push(Field { name: "n".repeat(300), value: String::new(), spoiler: false, inline: true });
        r.fields.push(Field { name: String::new(), value: "v".into(), spoiler: false, inline: false });
        let m = Message::from_reply(&r);
        assert_eq!(chars(&m.fields[0].name), limits::FIELD_NAME);
        assert_eq!(m.fields[0].value, BLANK);
        assert!(m.fields[0].inline);
        assert_eq!(m.fields[1].name, BLANK);
    }

    #[test]
    fn fields_beyond_the_total_budget_are_summarised() {
        let mut r = reply();
        for i in 0..12 {
            r.fields.push(Field {
                name: format!("Fact {i}"),
                value: "v".repeat(1000),
                spoiler: false,
                inline: false,
            });
        }
        let m = Message::from_reply(&r);
        assert!(total(&m) <= limits::TOTAL, "{}", total(&m));
        let note = m.fields.last().unwrap();
        let shown = m.fields.len() - 1;
        assert_eq!(note.value, format!("{} more not shown", 12 - shown));
        assert_eq!(m.fields[0].name, "Fact 0");
    }

    #[test]
    fn at_most_twenty_five_fields() {
        let mut r = reply();
        for i in 0..40 {
            r = r.field(format!("{i}"), "x");
        }
        let m = Message::from_reply(&r);
        assert_eq!(m.fields.len(), limits::FIELDS);
        assert_eq!(m.fields[24].value, "16 more not shown");
    }

    #[test]
    fn at_most_one_row_of_buttons() {
        let mut r = reply();
        for i in 0..7 {
            r.actions.push(Action::MoreFromFilm { film: format!("film-{i}") });
        }
        assert_eq!(Message::from_reply(&r).buttons.len(), limits::BUTTONS_PER_ROW);
    }

    #[test]
    fn the_payload_disables_every_mention() {
        let m = Message::from_reply(&reply());
        let json = serde_json::to_value(m.to_interaction_response()).unwrap();
        let mentions = &json["allowed_mentions"];
        assert_eq!(mentions["parse"], serde_json::json!([]), "{mentions}");
        for list in ["users", "roles"] {
            assert!(mentions.get(list).is_none_or(|l| l == &serde_json::json!([])), "{mentions}");
        }
        assert_eq!(json["embeds"][0]["title"], "Rope (1948)");
    }
}
