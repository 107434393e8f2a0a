//! A short note in the footer about what came of something beyond what the screen
//! shows: the page reopened where it was left (`resumed`), a search gone round the
//! page's end (`search wrapped`), a picture handed to a viewer (`opened with
//! xdg-open`), why `e` opened no editor. It shows until the next key, so an idle viewer keeps nothing ticking
//! to take it away.

use std::borrow::Cow;

use crate::action::{Action, NoEditor};
use crate::i18n::Strings;

/// What the footer notes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// The page opened where the reader left it.
    Resumed,
    /// The current search hit was found by going round the page's end to its start.
    WrappedToStart,
    /// `N` went round the page's start to its end.
    WrappedToEnd,
    /// A card's picture was handed to this program.
    Opened(String),
    /// A card's picture could not be handed to any program.
    CannotOpen,
    /// `e` opened no editor, for this reason.
    CannotEdit(NoEditor),
}

impl Notice {
    /// The note, in the interface language.
    pub fn text(&self, strings: &Strings) -> Cow<'static, str> {
        match self {
            Self::Resumed => strings.resumed.into(),
            Self::WrappedToStart => strings.wrapped_to_start.into(),
            Self::WrappedToEnd => strings.wrapped_to_end.into(),
            Self::Opened(program) => format!("{} {program}", strings.opened_image).into(),
            Self::CannotOpen => strings.cannot_open_image.into(),
            Self::CannotEdit(NoEditor::Bundled) => strings.no_file_bundled.into(),
            Self::CannotEdit(NoEditor::Stdin) => strings.no_file_stdin.into(),
            Self::CannotEdit(NoEditor::NotStarted(program)) => {
                format!("{}: {program}", strings.cannot_start_editor).into()
            }
        }
    }

    /// Whether `action` takes a note away: any key or click does, but the Enter that
    /// keeps a search (the note is about what the search found); what the terminal,
    /// the counting of hits or the making of pictures sends does not.
    pub fn ends_with(action: &Action) -> bool {
        !matches!(
            action,
            Action::Resize { .. }
                | Action::ContinueSearch
                | Action::ConfirmSearch
                | Action::CollectPictures
                | Action::ImageOpened(_)
                | Action::Pictures(_)
                | Action::PageBroken(_)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{EN, ID};

    #[test]
    fn notes_are_said_in_both_languages() {
        assert_eq!(Notice::Resumed.text(&EN), "resumed");
        assert_eq!(Notice::Resumed.text(&ID), "dilanjutkan");
        assert_eq!(Notice::WrappedToStart.text(&EN), "search wrapped");
        assert_eq!(Notice::WrappedToEnd.text(&EN), "search wrapped");
        assert_eq!(
            Notice::WrappedToStart.text(&ID),
            "pencarian kembali ke awal"
        );
        assert_eq!(Notice::WrappedToEnd.text(&ID), "pencarian kembali ke akhir");
        let opened = Notice::Opened("xdg-open".into());
        assert_eq!(opened.text(&EN), "opened with xdg-open");
        assert_eq!(opened.text(&ID), "dibuka dengan xdg-open");
        assert_eq!(Notice::CannotOpen.text(&EN), "cannot open the image");
    }

    #[test]
    fn keys_end_a_note_and_the_terminal_does_not() {
        assert!(Notice::ends_with(&Action::LineDown));
        assert!(Notice::ends_with(&Action::Back));
        assert!(Notice::ends_with(&Action::Click { column: 0, row: 0 }));
        assert!(!Notice::ends_with(&Action::Resize {
            width: 80,
            height: 24
        }));
        assert!(!Notice::ends_with(&Action::ContinueSearch));
        assert!(!Notice::ends_with(&Action::ConfirmSearch));
        assert!(!Notice::ends_with(&Action::CollectPictures));
        assert!(!Notice::ends_with(&Action::ImageOpened(None)));
        assert!(Notice::ends_with(&Action::OpenImage));
    }
}
