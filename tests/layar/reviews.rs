//! The reviews tab as a reader uses it: the ratings chart at its top, `s` to sort,
//! `f` to leave out the low ratings, on the page of reviews in the fixtures.

use crate::pty::Session;

const PAGE: &str = "tests/fixtures/pages/reviews.yaml";

/// The authors on screen, top to bottom: the rows that start with one.
fn authors(s: &Session) -> Vec<String> {
    let names = [
        "Ana Lima",
        "Budi Santoso",
        "Chen Wei",
        "Dana Novak",
        "Eko Prasetyo",
    ];
    s.contents()
        .lines()
        .filter_map(|row| {
            let row = row.trim_start_matches([' ', '▌']);
            names
                .iter()
                .find(|n| row.starts_with(**n))
                .map(|n| (*n).to_string())
        })
        .collect()
}

#[test]
fn the_chart_shows_the_average_and_s_and_f_sort_and_filter() {
    let mut s = Session::start(&[PAGE, "--tab", "reviews"], 80, 24);
    // 8, 6.5, 10 and 3, and one review without a rating: 6.875, to one decimal.
    s.wait_for_text("★★★½☆ 6.9/10 · average of 4 rated reviews");
    s.wait_for_text("0   1   2   3   4   5   6   7   8   9  10");
    assert!(s.row(1).contains("3 Reviews (5)"), "{}", s.row(1));
    assert_eq!(
        authors(&s)[0],
        "Ana Lima",
        "as on the page:\n{}",
        s.contents()
    );

    // s: the highest rated first, the unrated last, and the footer names the order.
    s.send("s");
    s.wait_for_text("highest rated");
    s.wait_for("Dana Novak first", |sc| {
        sc.contents().lines().any(|r| r.starts_with(" Dana Novak"))
    });
    assert_eq!(
        authors(&s)[..3],
        ["Dana Novak", "Ana Lima", "Budi Santoso"],
        "{}",
        s.contents()
    );

    // f: only 8 and up; the tab counts what is shown of all.
    s.send("f");
    s.wait_for_text("Reviews (2/5)");
    s.wait_for_text("rating ≥ 8");
    assert_eq!(authors(&s), ["Dana Novak", "Ana Lima"], "{}", s.contents());
    assert!(
        s.contents().contains("average of 4 rated reviews"),
        "the chart still sums up the page"
    );

    // ]: the reviews counter counts what is shown.
    s.send("]");
    s.wait_for_text("review 1/2");
    s.send("]");
    s.wait_for_text("review 2/2");

    // f three more times: every review again, still in the rating order.
    s.send("fff");
    s.wait_for_text("Reviews (5)");
    assert!(!s.contents().contains("rating ≥"), "{}", s.contents());
    assert!(s.contents().contains("highest rated"));

    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn sorting_and_filtering_survive_a_resize_and_fit_40_columns() {
    let mut s = Session::start(&[PAGE, "--tab", "3"], 40, 12);
    s.wait_for_text("6.9/10");
    s.send("sf");
    s.wait_for_text("(2/5)");
    s.resize(60, 16);
    s.wait_for("the new size", |sc| sc.size().1.get() == 60);
    s.wait_for_text("(2/5)");
    s.wait_for_text("highest rated");
    s.send("G");
    s.wait_for_text("Dana Novak");
    assert!(!s.contents().contains("Budi Santoso"), "{}", s.contents());
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}
