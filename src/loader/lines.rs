//! Where a part of a page stands in its file, by line: the line an editor is opened
//! at for the text on screen. The file is read again keeping places ([`super::check`])
//! when a line is asked for, rather than on every load: the viewer's own read keeps
//! none, and spares their cost.

use super::places::{Field, ItemIndex, Place};
use super::{Source, check};
use crate::model::Spot;

/// The line (from 1) of `source` that holds `spot`: the first line of a paragraph,
/// an author's or a caption's line, a section's key. The title's line for what has no
/// place of its own; `None` only for a page that has no title either (it does not
/// load).
pub fn line_of(source: &Source, spot: Spot) -> Option<usize> {
    let checked = check(source);
    let place = |field| {
        checked
            .places
            .iter()
            .find(|(f, _)| f.is(field))
            .map(|(_, p)| p)
    };
    let (field, paragraph) = match spot {
        Spot::Title => (Field::Title, None),
        Spot::Synopsis { paragraph, at } => (Field::SynopsisText, Some((paragraph, at))),
        Spot::Screenshots(None) => (Field::Screenshots, None),
        Spot::Screenshots(Some(item)) => (Field::Caption(ItemIndex::in_model(item)), None),
        Spot::Reviews(None) => (Field::Reviews, None),
        Spot::Reviews(Some(item)) => (Field::Author(ItemIndex::in_model(item)), None),
        Spot::ReviewText {
            item,
            paragraph,
            at,
        } => (
            Field::ReviewText(ItemIndex::in_model(item)),
            Some((paragraph, at)),
        ),
    };
    match (place(field), paragraph) {
        (Some(found), Some((paragraph, at))) => {
            Some(paragraph_line(found, source.yaml(), paragraph, at))
        }
        (Some(found), None) => Some(found.at().line),
        (None, _) => place(Field::Title).map(|p| p.at().line),
    }
}

/// The line that holds byte `at` of paragraph `paragraph` of the text value at
/// `place`. The value's lines are counted from where it starts, in runs that blank
/// lines separate (as the paragraphs were split); a paragraph is its run's lines
/// trimmed and joined by one space, so a byte is found by adding up their lengths. A
/// byte past its run's end (an escape the file spells longer or shorter) is placed
/// at the run's last line, a paragraph past the last run at the value's last line.
fn paragraph_line(place: &Place, text: &str, paragraph: usize, at: usize) -> usize {
    let first = place.start().line;
    let (mut run, mut in_run, mut consumed, mut last) = (0, false, 0, first);
    for (i, line) in place.slice(text).lines().enumerate() {
        if line.trim().is_empty() {
            if in_run && run == paragraph {
                return last;
            }
            run += usize::from(in_run);
            in_run = false;
            continue;
        }
        in_run = true;
        last = first + i;
        if run == paragraph {
            consumed += line.trim_matches(|c: char| c.is_ascii_whitespace()).len() + 1;
            if at < consumed {
                return last;
            }
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(text: &str) -> Source {
        Source {
            name: "p.yaml".into(),
            base_dir: None,
            text: text.into(),
        }
    }

    const PAGE: &str = "\
# a comment
title: T
synopsis:
  heading: Plot
  text: |
    First paragraph,
    two lines.

    Second.


    Third.
screenshots:
  items:
    - caption: One
    - caption: >-
        Two
reviews:
  items:
    - author: A
      text: 'one

        two'
    - author: B
      rating: 8
      text: Plain text
";

    #[test]
    fn each_part_is_found_at_its_line() {
        let s = source(PAGE);
        let line = |spot| line_of(&s, spot);
        let synopsis = |paragraph, at| line(Spot::Synopsis { paragraph, at });
        assert_eq!(line(Spot::Title), Some(2));
        assert_eq!(synopsis(0, 0), Some(6));
        assert_eq!(synopsis(0, "First paragraph,".len()), Some(6), "the space");
        assert_eq!(synopsis(0, "First paragraph, t".len()), Some(7));
        assert_eq!(synopsis(0, 1000), Some(7), "past the end");
        assert_eq!(synopsis(1, 0), Some(9));
        assert_eq!(synopsis(2, 0), Some(12));
        assert_eq!(synopsis(7, 0), Some(12), "past the last");
        assert_eq!(line(Spot::Screenshots(None)), Some(13));
        assert_eq!(line(Spot::Screenshots(Some(0))), Some(15));
        assert_eq!(line(Spot::Screenshots(Some(1))), Some(17));
        assert_eq!(line(Spot::Reviews(None)), Some(18));
        assert_eq!(line(Spot::Reviews(Some(1))), Some(24));
        let text = |item, paragraph| {
            line(Spot::ReviewText {
                item,
                paragraph,
                at: 0,
            })
        };
        assert_eq!(text(0, 0), Some(21));
        assert_eq!(text(0, 1), Some(23));
        assert_eq!(text(1, 0), Some(26));
    }

    #[test]
    fn what_has_no_place_falls_back_to_the_title() {
        let s = source("\n\ntitle: T\nsynopsis:\n  text: x\n");
        assert_eq!(line_of(&s, Spot::Reviews(Some(3))), Some(3));
        assert_eq!(line_of(&s, Spot::Screenshots(None)), Some(3));
        assert_eq!(line_of(&source("[unclosed"), Spot::Title), None);
    }
}
