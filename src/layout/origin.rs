//! Where a block comes from in the page: the part of the page a paragraph shows (for
//! opening an editor at its line), and what a block shows, to find the same block
//! again in a new load of the page (a reload keeps the reader's place by it).

use std::borrow::Cow;

use super::{Doc, Section, review};
use crate::model::Spot;

impl<'a> Doc<'a> {
    /// The part of the page byte `at` of paragraph `para` of block `index` shows: the
    /// head and the empty state stand for their section.
    pub(crate) fn spot(&self, index: usize, para: usize, at: usize) -> Spot {
        let Some(item) = self.item(index) else {
            return match self.section {
                Section::Synopsis => Spot::Synopsis {
                    paragraph: 0,
                    at: 0,
                },
                Section::Screenshots => Spot::Screenshots(None),
                Section::Reviews => Spot::Reviews(None),
            };
        };
        match self.section {
            Section::Synopsis => Spot::Synopsis {
                paragraph: item,
                at,
            },
            Section::Screenshots => Spot::Screenshots(Some(item)),
            Section::Reviews => {
                let parts = || review::parts(&self.reviews()[item]);
                match parts().nth(para) {
                    Some(review::Part::Text { .. }) => Spot::ReviewText {
                        item,
                        paragraph: parts()
                            .take(para)
                            .filter(|p| matches!(p, review::Part::Text { .. }))
                            .count(),
                        at,
                    },
                    _ => Spot::Reviews(Some(item)),
                }
            }
        }
    }

    /// What block `index` shows, to know it again: a paragraph's text, a caption, a
    /// review's author and text; `None` for the head and the empty state.
    pub(crate) fn identity(&self, index: usize) -> Option<Cow<'a, str>> {
        let item = self.item(index)?;
        let page = self.page;
        match self.section {
            Section::Synopsis => page.synopsis.paragraphs.get(item).map(Cow::Borrowed),
            Section::Screenshots => page
                .screenshots
                .as_ref()
                .and_then(|s| s.items.get(item))
                .map(|s| Cow::Borrowed(s.caption.as_str())),
            Section::Reviews => self.reviews().get(item).map(|r| {
                let mut key = r.author.clone();
                for paragraph in r.paragraphs.iter() {
                    key.push('\n');
                    key.push_str(paragraph);
                }
                Cow::Owned(key)
            }),
        }
    }

    /// The block of this doc that shows `identity`, the nearest to `near` where
    /// several do.
    pub(crate) fn find(&self, identity: &str, near: usize) -> Option<usize> {
        let len = self.len();
        let near = near.min(len.saturating_sub(1));
        (0..len)
            .flat_map(|d| [near.checked_add(d), near.checked_sub(d).filter(|_| d > 0)])
            .flatten()
            .filter(|&i| i < len)
            .find(|&i| self.identity(i).as_deref() == Some(identity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::EN;
    use crate::loader;
    use crate::model::Page;

    fn page(yaml: &str) -> Page {
        let source = loader::Source {
            name: "p".into(),
            base_dir: None,
            text: yaml.into(),
        };
        loader::parse(&source).expect("loads")
    }

    const PAGE: &str = "title: T
synopsis:
  text: |
    One.

    Two.
reviews:
  items:
    - author: A
      rating: 8
      text: |
        First.

        Second.
    - author: B
      text: Only.
";

    #[test]
    fn paragraphs_name_their_part_of_the_page() {
        let p = page(PAGE);
        let synopsis = Doc::new(&p, Section::Synopsis, &EN).with_head();
        let synopsis_at = |paragraph, at| Spot::Synopsis { paragraph, at };
        assert_eq!(synopsis.spot(0, 0, 5), synopsis_at(0, 0), "the reading aid");
        assert_eq!(synopsis.spot(2, 0, 3), synopsis_at(1, 3));
        let reviews = Doc::new(&p, Section::Reviews, &EN).with_head();
        assert_eq!(reviews.spot(0, 0, 0), Spot::Reviews(None), "the summary");
        assert_eq!(reviews.spot(1, 0, 0), Spot::Reviews(Some(0)), "the author");
        assert_eq!(reviews.spot(1, 1, 4), Spot::Reviews(Some(0)), "the stars");
        let text = |item, paragraph, at| Spot::ReviewText {
            item,
            paragraph,
            at,
        };
        assert_eq!(reviews.spot(1, 2, 0), text(0, 0, 0));
        assert_eq!(reviews.spot(1, 3, 2), text(0, 1, 2));
        assert_eq!(reviews.spot(2, 1, 0), text(1, 0, 0), "no meta line");
    }

    #[test]
    fn a_block_is_found_again_by_what_it_shows() {
        let old = page(PAGE);
        let new = page(&PAGE.replace("    One.\n", "    Zero.\n\n    One.\n"));
        let (old, new) = (
            Doc::new(&old, Section::Synopsis, &EN).with_head(),
            Doc::new(&new, Section::Synopsis, &EN).with_head(),
        );
        let two = old.identity(2).expect("a paragraph");
        assert_eq!(two, "Two.");
        assert_eq!(new.find(&two, 2), Some(3), "one block further down");
        assert_eq!(old.identity(0), None, "the head");
        assert_eq!(new.find("Gone.", 1), None);
        let p = page(PAGE);
        let reviews = Doc::new(&p, Section::Reviews, &EN).with_head();
        let b = reviews.identity(2).expect("a review");
        assert_eq!(b, "B\nOnly.");
        assert_eq!(reviews.find(&b, 0), Some(2));
    }
}
