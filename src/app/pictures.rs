//! The app's side of the screenshots' pictures: the actions about them, the room the
//! cards keep, the pictures asked for as cards come on screen, and which card Enter
//! or a click opens. The pictures themselves are [`crate::picture::cache::Pictures`].

use std::path::Path;

use super::App;
use super::notice::Notice;
use super::pane::VisibleLine;
use crate::action::Action;
use crate::keymap::Mode;
use crate::layout::{BlockKind, LineRef, Section};
use crate::model::ImageStatus;
use crate::picture::worker::{Job, Protocol};
use crate::screen;

impl<'a> App<'a> {
    /// The actions about the screenshots' pictures.
    pub(super) fn apply_to_pictures(&mut self, action: Action) {
        match action {
            Action::ImageOpened(program) => {
                self.notice = Some(program.map_or(Notice::CannotOpen, Notice::Opened));
            }
            Action::Pictures(mode) => {
                self.pictures.set_mode(mode);
                self.fit_pictures();
            }
            Action::CollectPictures => {
                self.pictures.collect();
            }
            // Kitty pictures live in the terminal, which may have dropped them; the
            // others are sent whole with each full frame.
            Action::Resumed
                if self
                    .pictures
                    .graphics()
                    .is_some_and(|g| g.protocol == Protocol::Kitty) =>
            {
                self.pictures.forget();
            }
            // Opening is the runner's business; what came of it is noted.
            _ => {}
        }
    }

    /// Keeps room in the screenshot cards for pictures as the mode says.
    pub(super) fn fit_pictures(&mut self) {
        let cell = self.pictures.cell();
        if let Some(i) = self.index_of(Section::Screenshots) {
            self.panes[i].set_pictures(cell);
        }
    }

    /// Asks for the pictures of the cards on screen, in screen order.
    pub(super) fn want_pictures(&mut self) {
        let Some(graphics) = self.pictures.graphics() else {
            return;
        };
        let mut jobs: Vec<Job> = Vec::new();
        if self.selected == Section::Screenshots {
            let shots = self
                .page
                .screenshots
                .as_ref()
                .map_or(&[][..], |s| &s.items[..]);
            for VisibleLine {
                block,
                wrapped,
                line,
                ..
            } in self.pane().visible()
            {
                let (LineRef::Picture { .. }, Some(size)) = (line, wrapped.picture) else {
                    continue;
                };
                if jobs.last().is_some_and(|j| j.card == block) {
                    continue;
                }
                if let Some(image) = shots.get(block).and_then(|s| s.image.as_ref()) {
                    jobs.push(Job {
                        card: block,
                        path: image.path.clone(),
                        size,
                        graphics,
                    });
                }
            }
        }
        self.pictures.want(jobs);
    }

    /// The picture to open for Enter: the focused card's, on the screenshots tab, if
    /// there is a file to hand over (a format layar cannot read may open elsewhere).
    pub fn image_to_open(&self) -> Option<&'a Path> {
        if self.selected != Section::Screenshots || self.mode != Mode::Normal {
            return None;
        }
        let shots = self.page.screenshots.as_ref()?;
        let image = shots.items.get(self.pane().focus())?.image.as_ref()?;
        match image.status {
            ImageStatus::Missing | ImageStatus::NotAFile | ImageStatus::Unreadable => None,
            _ => Some(image.path.as_path()),
        }
    }

    /// The card under a click at `column`, `row`, on the screenshots tab.
    pub fn card_at(&self, column: u16, row: u16) -> Option<usize> {
        if self.selected != Section::Screenshots || self.mode != Mode::Normal {
            return None;
        }
        let text = screen::regions(self.size)?.text;
        if !(text.x..text.right()).contains(&column) || !(text.y..text.bottom()).contains(&row) {
            return None;
        }
        let shown = *self.pane().visible().get(usize::from(row - text.y))?;
        let card = matches!(shown.wrapped.block.kind, BlockKind::Card { .. });
        (card && shown.line != LineRef::Blank).then_some(shown.block)
    }
}
