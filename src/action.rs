//! Everything the viewer can be asked to do. Keys, the mouse and the terminal become
//! an [`Action`]; [`crate::app::App::update`] is the only place one takes effect.

/// One thing to do to the viewer's state.
///
/// Not `Copy`: a paste carries its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    LineDown,
    LineUp,
    PageDown,
    PageUp,
    HalfPageDown,
    HalfPageUp,
    Top,
    Bottom,
    NextTab,
    PreviousTab,
    CycleTab,
    CycleTabBack,
    /// Go to tab n, from 1.
    GotoTab(u8),
    ReviewsTab,
    /// `s`: show the reviews in the next order (page, rating, newest, author).
    SortReviews,
    /// `f`: show the reviews from the next lowest rating (all, 8, 6, 4).
    FilterReviews,
    NextReview,
    PreviousReview,
    /// Open the search prompt.
    StartSearch,
    /// Type a character into the search prompt.
    SearchInput(char),
    /// Paste text into the search prompt, as one edit (the terminal's bracketed paste).
    SearchPaste(String),
    SearchBackspace,
    /// Enter: keep the search and close the prompt.
    ConfirmSearch,
    /// Esc in the prompt: drop the search and go back to where it started.
    CancelSearch,
    NextMatch,
    PreviousMatch,
    ToggleHelp,
    CloseHelp,
    /// Esc: clear an active search, or quit when there is none.
    Back,
    Quit,
    /// Ctrl-Z: hand the terminal back and stop until `fg`.
    Suspend,
    /// The mouse wheel: lines to scroll, negative for up.
    Wheel(i8),
    /// A mouse click at a column and row.
    Click {
        column: u16,
        row: u16,
    },
    /// Count more search hits: sent by the event loop while nothing else waits, so a
    /// search over a huge page highlights its first hit at once and counts the rest
    /// between keystrokes.
    ContinueSearch,
    /// The terminal's new size.
    Resize {
        width: u16,
        height: u16,
    },
    /// Enter or `o` on a card: open its picture in the system's viewer (the runner's
    /// business; the state notes what came of it, [`Action::ImageOpened`]).
    OpenImage,
    /// What opening a picture came to: the program it was handed to, or `None` when
    /// it could not be started.
    ImageOpened(Option<String>),
    /// How pictures are shown from now on: the terminal has been asked, or layar was
    /// told (`--images`).
    Pictures(crate::picture::cache::Mode),
    /// Take in the pictures the worker has finished: sent by the event loop while
    /// pictures are being made.
    CollectPictures,
    /// The terminal was handed back and taken again (Ctrl-Z, `fg`, the editor): it may
    /// have forgotten the pictures sent to it.
    Resumed,
    /// `e`: open the page's file in the editor (the runner's business; the state notes
    /// why it could not be, [`Action::CannotEdit`]).
    Edit,
    /// Why `e` opened no editor.
    CannotEdit(NoEditor),
    /// A new load of the page failed (a save that breaks it): the page on screen
    /// stays, under a banner with the first problem; the help lists them all.
    PageBroken(crate::loader::LoadError),
}

/// Why `e` opened no editor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoEditor {
    /// The page is the bundled one: there is no file.
    Bundled,
    /// The page came from standard input.
    Stdin,
    /// The editor could not be started: the program as named.
    NotStarted(String),
}
