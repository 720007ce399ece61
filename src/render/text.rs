//! Renders a reply as plain text for the console: no colours or escape codes, so the output
//! reads the same in a terminal, a pipe or a file.

use crate::reply::Reply;

/// Lines are wrapped at this width.
const WIDTH: usize = 88;

/// The reply as text, follow-ups numbered so the console can offer them as choices.
pub fn render(reply: &Reply) -> String {
    let mut out = String::new();
    out.push_str(&format!("== {} ==\n", reply.title));
    push_wrapped(&mut out, &spoiler(&reply.body, reply.body_spoiler), "");
    for field in &reply.fields {
        out.push('\n');
        if !field.name.is_empty() {
            out.push_str(&format!("{}:\n", field.name));
        }
        push_wrapped(&mut out, &spoiler(&field.value, field.spoiler), "  ");
    }
    if let Some(footer) = &reply.footer {
        out.push('\n');
        push_wrapped(&mut out, &format!("-- {footer}"), "");
    }
    if !reply.actions.is_empty() {
        let choices: Vec<String> =
            reply.actions.iter().enumerate().map(|(i, a)| format!("[{}] {}", i + 1, a.label())).collect();
        out.push('\n');
        out.push_str(&choices.join("  "));
        out.push('\n');
    }
    out
}

fn spoiler(text: &str, is_spoiler: bool) -> String {
    if is_spoiler {
        format!("[spoiler] {text}")
    } else {
        text.to_string()
    }
}

/// Appends `text` wrapped at [`WIDTH`], each line indented, keeping its own line breaks.
fn push_wrapped(out: &mut String, text: &str, indent: &str) {
    for paragraph in text.lines() {
        let mut line = String::from(indent);
        let mut empty = true;
        for word in paragraph.split(' ') {
            if !empty && line.chars().count() + 1 + word.chars().count() > WIDTH {
                out.push_str(&line);
                out.push('\n');
                line = indent.to_string();
                empty = true;
            }
            if !empty {
                line.push(' ');
            }
            line.push_str(word);
            empty = false;
        }
        out.push_str(&line);
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reply::{Action, Colour, Field, Status};

    #[test]
    fn a_reply_renders_title_body_fields_footer_and_numbered_actions() {
        let mut reply =
            Reply::new(Status::Answer, Colour::FILM, "Rope (1948)", "Directed by Alfred Hitchcock");
        reply.fields.push(Field {
            name: "Long take".into(),
            value: "Ten-minute takes.".into(),
            spoiler: false,
            inline: false,
        });
        reply.fields.push(Field {
            name: "Ending".into(),
            value: "The body is found.".into(),
            spoiler: true,
            inline: false,
        });
        reply.footer = Some("Sources: Example".into());
        reply.actions = vec![
            Action::AnotherFact { film: Some("rope-1948".into()), technique: None },
            Action::ExplainTechnique { technique: "long-take".into(), name: "Long take".into() },
        ];
        assert_eq!(
            render(&reply),
            "== Rope (1948) ==\nDirected by Alfred Hitchcock\n\nLong take:\n  Ten-minute takes.\n\n\
             Ending:\n  [spoiler] The body is found.\n\n-- Sources: Example\n\n[1] Another fact  [2] Explain Long take\n"
        );
    }

    #[test]
    fn long_lines_wrap_at_the_width() {
        let long = "word ".repeat(60);
        let reply = Reply::new(Status::Answer, Colour::TRIVIA, "T", long.trim());
        let text = render(&reply);
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        assert_eq!(text.matches("word").count(), 60);
    }
}
