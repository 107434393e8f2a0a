//! Splitting a text field into paragraphs, Markdown style.
//!
//! A blank line (empty or only whitespace, Unicode's definition) ends a paragraph. Inside a
//! paragraph each line is trimmed of surrounding ASCII whitespace and the lines are joined
//! with one space, so YAML block text reflowed by an editor reads as one paragraph. Nothing
//! inside a line changes: a one-line paragraph comes back exactly as written, runs of spaces
//! included. Non-ASCII whitespace at a line's edge, such as a Japanese U+3000 indent, stays.

/// The paragraphs of `text`, in order; never an empty one.
pub fn split(text: &str) -> Vec<String> {
    let mut paragraphs = Vec::new();
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            join_into(&mut lines, &mut paragraphs);
        } else {
            lines.push(line.trim_ascii());
        }
    }
    join_into(&mut lines, &mut paragraphs);
    paragraphs
}

/// [`split`], reusing `text`'s own allocation when it is one line: the common case for
/// a review, and on a page of 100,000 reviews a copy of all their text saved.
pub fn split_owned(mut text: String) -> Vec<String> {
    let trimmed = text.trim_ascii();
    if trimmed.contains(['\n', '\r']) || trimmed.trim().is_empty() {
        return split(&text);
    }
    let start = trimmed.as_ptr() as usize - text.as_ptr() as usize;
    let end = start + trimmed.len();
    text.truncate(end);
    text.drain(..start);
    vec![text]
}

/// Joins the lines of one paragraph with single spaces, in a string of exactly the
/// right size, and empties `lines` for the next.
fn join_into(lines: &mut Vec<&str>, paragraphs: &mut Vec<String>) {
    if lines.is_empty() {
        return;
    }
    let len = lines.iter().map(|l| l.len()).sum::<usize>() + lines.len() - 1;
    let mut paragraph = String::with_capacity(len);
    for (i, line) in lines.drain(..).enumerate() {
        if i > 0 {
            paragraph.push(' ');
        }
        paragraph.push_str(line);
    }
    paragraphs.push(paragraph);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_blank_texts_have_no_paragraphs() {
        assert!(split("").is_empty());
        assert!(split("\n\n  \n\t\n").is_empty());
        assert!(
            split("\u{3000}\n").is_empty(),
            "a line of ideographic space is blank"
        );
    }

    #[test]
    fn one_line_is_kept_byte_for_byte() {
        let line = "Simon,  seorang sutradara   yang “gelisah” — 日本語 😀.";
        assert_eq!(split(line), [line]);
        assert_eq!(split(&format!("  {line} \n")), [line]);
    }

    #[test]
    fn owned_split_agrees_and_keeps_the_allocation_of_one_line() {
        for text in [
            "",
            " \n ",
            "one line  ",
            "  a\nb\n\nc",
            "x\r\ny",
            "\u{3000}",
            "\u{3000}a ",
        ] {
            assert_eq!(split_owned(text.to_string()), split(text), "{text:?}");
        }
        let line = String::from("  Breathless, truly.  ");
        let at = line.as_ptr();
        let out = split_owned(line);
        assert_eq!(out, ["Breathless, truly."]);
        assert_eq!(out[0].as_ptr(), at, "no copy");
    }

    #[test]
    fn soft_line_breaks_join_with_one_space() {
        assert_eq!(split("one\ntwo  \n   three"), ["one two three"]);
    }

    #[test]
    fn blank_lines_separate_paragraphs() {
        assert_eq!(split("a\nb\n\nc\n \t \nd"), ["a b", "c", "d"]);
    }

    #[test]
    fn runs_of_blank_lines_and_edges_make_no_empty_paragraphs() {
        assert_eq!(
            split("\n\n\nfirst\n\n\n\n\nsecond\n\n\n"),
            ["first", "second"]
        );
    }

    #[test]
    fn crlf_line_ends() {
        assert_eq!(split("a\r\nb\r\n\r\nc\r\n"), ["a b", "c"]);
    }

    #[test]
    fn only_ascii_whitespace_is_trimmed() {
        assert_eq!(split("\u{3000}日本語\n次の行"), ["\u{3000}日本語 次の行"]);
        assert_eq!(split("\u{a0}x\u{a0}"), ["\u{a0}x\u{a0}"]);
    }

    #[test]
    fn internal_spaces_survive_in_joined_lines() {
        assert_eq!(split("a  b\nc   d"), ["a  b c   d"]);
    }
}
