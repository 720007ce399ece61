//! The reply to a command, as a plain value: the console renders it as text, the Discord
//! adapter as an embed with buttons. Nothing here knows how it will be shown.

/// Embed colours, one per kind of reply, so a channel can tell them apart at a glance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Colour(pub u32);

impl Colour {
    pub const TRIVIA: Colour = Colour(0xE5A50A);
    pub const FILM: Colour = Colour(0x3584E4);
    pub const TECHNIQUE: Colour = Colour(0x2EC27E);
    pub const HELP: Colour = Colour(0x9141AC);
    pub const NOT_FOUND: Colour = Colour(0x77767B);
}

/// What the reply is, so front ends can choose visibility and exit codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// A normal answer.
    Answer,
    /// The person's query matched nothing, or several things equally: the reply suggests.
    /// Shown only to the person who asked (ephemeral in Discord); exit code 1 in the CLI.
    NotFound,
}

/// A titled block of text below the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub value: String,
    /// The value gives away a plot point and must be hidden until clicked.
    pub spoiler: bool,
    pub inline: bool,
}

/// A follow-up a person can take from a reply: a button in Discord, a numbered choice in the
/// console. Each carries the stable ids it needs, so it still works after a restart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// Another random fact with the same filters.
    AnotherFact { film: Option<String>, technique: Option<String> },
    /// The card of a film, by id.
    MoreFromFilm { film: String },
    /// The card of a technique, by id, with its name for the label.
    ExplainTechnique { technique: String, name: String },
}

impl Action {
    pub fn label(&self) -> String {
        match self {
            Action::AnotherFact { .. } => "Another fact".to_string(),
            Action::MoreFromFilm { .. } => "More from this film".to_string(),
            Action::ExplainTechnique { name, .. } => format!("Explain {name}"),
        }
    }
}

/// Everything a front end needs to show an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub status: Status,
    pub title: String,
    pub body: String,
    /// The body gives away a plot point.
    pub body_spoiler: bool,
    pub fields: Vec<Field>,
    /// Names the source(s) of what is shown.
    pub footer: Option<String>,
    pub colour: Colour,
    pub actions: Vec<Action>,
}

impl Reply {
    pub fn new(status: Status, colour: Colour, title: impl Into<String>, body: impl Into<String>) -> Self {
        Reply {
            status,
            title: title.into(),
            body: body.into(),
            body_spoiler: false,
            fields: Vec::new(),
            footer: None,
            colour,
            actions: Vec::new(),
        }
    }

    pub fn field(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.fields.push(Field { name: name.into(), value: value.into(), spoiler: false, inline: false });
        self
    }

    /// Whether any part of the reply is a spoiler.
    pub fn has_spoiler(&self) -> bool {
        self.body_spoiler || self.fields.iter().any(|f| f.spoiler)
    }
}
