//! From the wire structs to the model: moves, never copies. The synopsis and reviews are
//! split into paragraphs inside their own strings. The text is already sanitised and
//! checked by the wire types, so nothing here can fail.

use std::path::{Path, PathBuf};

use super::wire::{
    ImagePath, Line, PageWire, ReviewWire, ReviewsWire, ScreenshotWire, ScreenshotsWire,
    SynopsisWire,
};
use crate::model::{Page, Review, Reviews, Screenshot, Screenshots, Synopsis};
use crate::text::paragraphs;

/// The page `wire` describes; image paths are joined to `base_dir` when there is one.
pub(super) fn page(wire: PageWire, base_dir: Option<&Path>) -> Page {
    Page {
        title: wire.title.0,
        language: wire.language.map(|tag| tag.0),
        synopsis: synopsis(wire.synopsis),
        screenshots: wire.screenshots.map(|s| screenshots(s, base_dir)),
        reviews: wire.reviews.map(reviews),
    }
}

fn heading(line: Option<Line>) -> Option<String> {
    line.map(|l| l.0)
}

fn synopsis(wire: SynopsisWire) -> Synopsis {
    Synopsis {
        heading: heading(wire.heading),
        paragraphs: paragraphs::split_owned(wire.text.0),
    }
}

fn screenshots(wire: ScreenshotsWire, base_dir: Option<&Path>) -> Screenshots {
    Screenshots {
        heading: heading(wire.heading),
        items: wire
            .items
            .into_iter()
            .map(|ScreenshotWire { caption, image }| Screenshot {
                caption: caption.0,
                image: image.map(|ImagePath(path)| resolve(path, base_dir)),
            })
            .collect(),
    }
}

/// `path` as seen from the current directory: joined to the content file's folder, or
/// kept relative for the bundled page. An absolute path stays as it is.
fn resolve(path: PathBuf, base_dir: Option<&Path>) -> PathBuf {
    match base_dir {
        Some(dir) if !dir.as_os_str().is_empty() => dir.join(path),
        _ => path,
    }
}

fn reviews(wire: ReviewsWire) -> Reviews {
    Reviews {
        heading: heading(wire.heading),
        items: wire.items.into_iter().map(review).collect(),
    }
}

fn review(wire: ReviewWire) -> Review {
    Review {
        author: wire.author.0,
        rating: wire.rating.map(|r| r.0),
        date: wire.date.map(|d| d.0),
        paragraphs: paragraphs::split_owned(wire.text.0),
    }
}
