//! A short note in the footer about something the reader did not do by hand: the
//! page reopened where it was left (`resumed`), a search gone round the page's end
//! (`search wrapped`). It shows until the next key, so an idle viewer keeps nothing
//! ticking to take it away.

use crate::action::Action;
use crate::i18n::Strings;

/// What the footer notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// The page opened where the reader left it.
    Resumed,
    /// The current search hit was found by going round the page's end to its start.
    WrappedToStart,
    /// `N` went round the page's start to its end.
    WrappedToEnd,
}

impl Notice {
    /// The note, in the interface language.
    pub fn text(self, strings: &Strings) -> &'static str {
        match self {
            Self::Resumed => strings.resumed,
            Self::WrappedToStart => strings.wrapped_to_start,
            Self::WrappedToEnd => strings.wrapped_to_end,
        }
    }

    /// Whether `action` takes a note away: any key or click does, but the Enter that
    /// keeps a search (the note is about what the search found); what the terminal
    /// or the counting of hits sends does not.
    pub fn ends_with(action: &Action) -> bool {
        !matches!(
            action,
            Action::Resize { .. } | Action::ContinueSearch | Action::ConfirmSearch
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
    }
}
