//! How many lines each block of a pane wraps to at the current width, as far as it is
//! known, and how many lines lie above a block: the scrollbar and the percentage read
//! this every frame, so it must not cost a pass over 100,000 blocks.
//!
//! Counts live in a Fenwick tree (prefix sums in O(log n)). A new width forgets every
//! count in O(1): each entry carries the generation it was written in, and an entry
//! of an older generation reads as unknown.

/// One block's count, or one node of the tree, stamped with its generation.
#[derive(Debug, Clone, Copy, Default)]
struct Stamped {
    generation: u32,
    lines: u32,
    blocks: u32,
}

/// Line counts per block, for one width at a time.
#[derive(Debug)]
pub(super) struct LineCounts {
    /// The current generation; entries stamped otherwise are unknown. Starts at 1,
    /// so the zeroed entries of a new table are unknown.
    generation: u32,
    /// Per block: its line count (`blocks` is unused).
    counts: Vec<Stamped>,
    /// The Fenwick tree over known blocks: lines and how many blocks.
    tree: Vec<Stamped>,
    known_lines: usize,
    known_blocks: usize,
}

impl LineCounts {
    /// A table for `blocks` blocks, none known.
    pub(super) fn new(blocks: usize) -> Self {
        Self {
            generation: 1,
            counts: vec![Stamped::default(); blocks],
            tree: vec![Stamped::default(); blocks],
            known_lines: 0,
            known_blocks: 0,
        }
    }

    /// How many blocks there are.
    pub(super) fn len(&self) -> usize {
        self.counts.len()
    }

    /// Forgets every count (a new width).
    pub(super) fn forget(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            // Four billion resizes later: clear the stamps for real, once.
            self.counts.fill(Stamped::default());
            self.tree.fill(Stamped::default());
            self.generation = 1;
        }
        self.known_lines = 0;
        self.known_blocks = 0;
    }

    /// Block `block`'s line count, if known.
    pub(super) fn get(&self, block: usize) -> Option<usize> {
        self.counts
            .get(block)
            .filter(|c| c.generation == self.generation)
            .map(|c| c.lines as usize)
    }

    /// Records block `block`'s line count; a block already known keeps its count.
    pub(super) fn set(&mut self, block: usize, lines: usize) {
        let generation = self.generation;
        let Some(entry) = self.counts.get_mut(block) else {
            return;
        };
        if entry.generation == generation {
            return;
        }
        let lines = u32::try_from(lines).unwrap_or(u32::MAX);
        *entry = Stamped {
            generation,
            lines,
            blocks: 1,
        };
        self.known_lines += lines as usize;
        self.known_blocks += 1;
        let mut at = block + 1;
        while let Some(node) = self.tree.get_mut(at - 1) {
            if node.generation != generation {
                *node = Stamped {
                    generation,
                    ..Stamped::default()
                };
            }
            node.lines = node.lines.saturating_add(lines);
            node.blocks += 1;
            at += at & at.wrapping_neg();
        }
    }

    /// Lines in known blocks, and how many blocks are known.
    pub(super) fn known(&self) -> (usize, usize) {
        (self.known_lines, self.known_blocks)
    }

    /// Lines in the known blocks before `block`, and how many of them are known.
    pub(super) fn known_before(&self, block: usize) -> (usize, usize) {
        let (mut lines, mut blocks) = (0, 0);
        let mut at = block.min(self.tree.len());
        while at > 0 {
            let node = self.tree[at - 1];
            if node.generation == self.generation {
                lines += node.lines as usize;
                blocks += node.blocks as usize;
            }
            at &= at - 1;
        }
        (lines, blocks)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same sums the slow way.
    fn naive(counts: &LineCounts, block: usize) -> (usize, usize) {
        (0..block)
            .filter_map(|b| counts.get(b))
            .fold((0, 0), |(l, n), c| (l + c, n + 1))
    }

    #[test]
    fn prefix_sums_agree_with_a_plain_sum() {
        let mut c = LineCounts::new(37);
        for (i, b) in [5, 0, 36, 17, 18, 2, 31].into_iter().enumerate() {
            c.set(b, i + 1);
        }
        for block in 0..=40 {
            assert_eq!(c.known_before(block), naive(&c, block), "before {block}");
        }
        assert_eq!(c.known(), (28, 7));
    }

    #[test]
    fn forgetting_is_complete_and_counts_are_set_once() {
        let mut c = LineCounts::new(8);
        c.set(3, 4);
        c.set(3, 9);
        assert_eq!(c.get(3), Some(4), "a known block keeps its count");
        c.forget();
        assert_eq!(c.get(3), None);
        assert_eq!(c.known_before(8), (0, 0));
        assert_eq!(c.known(), (0, 0));
        c.set(7, 2);
        c.set(3, 1);
        assert_eq!(c.known_before(8), (3, 2));
        assert_eq!(c.known_before(4), (1, 1));
    }

    #[test]
    fn empty_and_out_of_range_are_harmless() {
        let mut c = LineCounts::new(0);
        c.set(0, 3);
        assert_eq!(c.get(0), None);
        assert_eq!(c.known_before(5), (0, 0));
        assert_eq!(c.len(), 0);
    }
}
