//! Every interface string, one table per language. The page's `language` picks the
//! table (`--lang` overrides it); anything but Indonesian falls back to English.

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    En,
    Id,
}

impl Lang {
    /// The interface language for a page's BCP 47 tag: `id`, `id-ID`, `in` (the old
    /// code) give Indonesian; everything else English.
    pub fn from_tag(tag: Option<&str>) -> Self {
        let primary = tag
            .and_then(|t| t.split(['-', '_']).next())
            .map(str::to_ascii_lowercase);
        match primary.as_deref() {
            Some("id" | "in") => Self::Id,
            _ => Self::En,
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Self::En => &EN,
            Self::Id => &ID,
        }
    }
}

/// The interface strings of one language.
#[derive(Debug)]
pub struct Strings {
    pub(crate) synopsis: &'static str,
    pub(crate) screenshots: &'static str,
    pub(crate) reviews: &'static str,
    pub(crate) no_reviews: &'static str,
    /// The reviews tab of a big page shown while its reviews are still read.
    pub(crate) reading_reviews: &'static str,
    pub(crate) no_screenshots: &'static str,
    pub(crate) empty_synopsis: &'static str,
    /// The footer's position on the reviews tab: `ulasan 3/12`.
    pub(crate) review_word: &'static str,
    /// `gambar: shots/1.png`, and the footer's position on the screenshots tab:
    /// `gambar 2/3`.
    pub(crate) image: &'static str,
    pub(crate) image_missing: &'static str,
    pub(crate) no_image: &'static str,
    /// A card's picture while it is being decoded.
    pub(crate) loading_image: &'static str,
    /// What is wrong with an image file, as its card says it.
    pub(crate) image_problems: ImageProblems,
    /// The footer's note after `Enter` on a card: the viewer it was handed to, or
    /// why it could not be.
    pub(crate) opened_image: &'static str,
    pub(crate) cannot_open_image: &'static str,
    /// The filtered reviews tab with nothing to show.
    pub(crate) no_reviews_shown: &'static str,
    /// The footer's review number while the reader is above the first review.
    pub(crate) no_review_number: &'static str,
    /// The reading aid: `541 kata · 3 menit`, `12 characters`.
    pub(crate) word: &'static str,
    pub(crate) words: &'static str,
    pub(crate) cjk_chars: &'static str,
    pub(crate) minutes: &'static str,
    /// The ratings summary: `7.4/10 · average of 9 rated reviews`.
    pub(crate) average_of: &'static str,
    pub(crate) rated_review: &'static str,
    pub(crate) rated_reviews: &'static str,
    /// The reviews' orders and filter, as the footer names them.
    pub(crate) order_rating: &'static str,
    pub(crate) order_newest: &'static str,
    pub(crate) order_author: &'static str,
    /// The same on a narrow footer: `nilai↓`.
    pub(crate) order_rating_short: &'static str,
    pub(crate) order_newest_short: &'static str,
    pub(crate) order_author_short: &'static str,
    pub(crate) min_rating: &'static str,
    pub(crate) help_title: &'static str,
    pub(crate) help_close: &'static str,
    pub no_matches: &'static str,
    /// The footer's note when the search prompt is full: `query cut at 1000`.
    pub(crate) query_cut: &'static str,
    /// The footer's note when a page opens where the reader left it.
    pub(crate) resumed: &'static str,
    /// The footer's note when a search goes on past the page's end from its start,
    /// and past its start from its end.
    pub(crate) wrapped_to_start: &'static str,
    pub(crate) wrapped_to_end: &'static str,
    pub(crate) too_small: &'static str,
    pub(crate) loading: &'static str,
    /// The footer's word while `--watch` follows the file.
    pub(crate) watching: &'static str,
    /// The footer's note after `e`, when no editor could be opened.
    pub(crate) no_file_bundled: &'static str,
    pub(crate) no_file_stdin: &'static str,
    pub(crate) cannot_start_editor: &'static str,
    /// After the first problem of a broken save, how many more there are: `+2 more`.
    pub(crate) more_problems: &'static str,
    /// The help's heading over the problems of a broken save.
    pub(crate) problems_heading: &'static str,
    pub(crate) top: &'static str,
    pub(crate) bottom: &'static str,
    pub(crate) all: &'static str,
    pub(crate) key_groups: KeyGroups,
    pub(crate) actions: ActionNames,
}

/// What is wrong with an image file, in a few words (the path is shown before them).
#[derive(Debug)]
pub struct ImageProblems {
    pub(crate) not_a_file: &'static str,
    pub(crate) unreadable: &'static str,
    pub(crate) unknown_format: &'static str,
    pub(crate) truncated: &'static str,
    pub(crate) corrupt: &'static str,
    pub(crate) too_large: &'static str,
    pub(crate) too_many_pixels: &'static str,
    pub(crate) pixels: &'static str,
}

/// Headings of the help overlay's groups.
#[derive(Debug)]
pub struct KeyGroups {
    pub(crate) scroll: &'static str,
    pub(crate) tabs: &'static str,
    pub(crate) reviews: &'static str,
    pub(crate) search: &'static str,
    pub(crate) other: &'static str,
}

/// What each action does, as the help overlay and footer say it.
#[derive(Debug)]
pub struct ActionNames {
    pub(crate) line_down: &'static str,
    pub(crate) line_up: &'static str,
    pub(crate) page_down: &'static str,
    pub(crate) page_up: &'static str,
    pub(crate) half_down: &'static str,
    pub(crate) half_up: &'static str,
    pub(crate) top: &'static str,
    pub(crate) bottom: &'static str,
    pub(crate) next_tab: &'static str,
    pub(crate) prev_tab: &'static str,
    pub(crate) cycle_tab: &'static str,
    pub(crate) cycle_tab_back: &'static str,
    pub(crate) goto_tab: &'static str,
    pub(crate) reviews_tab: &'static str,
    pub(crate) next_review: &'static str,
    pub(crate) prev_review: &'static str,
    pub(crate) open_image: &'static str,
    pub(crate) sort_reviews: &'static str,
    pub(crate) filter_reviews: &'static str,
    pub(crate) search: &'static str,
    pub(crate) next_match: &'static str,
    pub(crate) prev_match: &'static str,
    pub(crate) confirm_search: &'static str,
    pub(crate) cancel_search: &'static str,
    pub(crate) erase: &'static str,
    pub(crate) help: &'static str,
    pub(crate) close_help: &'static str,
    pub(crate) back: &'static str,
    pub(crate) suspend: &'static str,
    pub(crate) edit: &'static str,
    pub(crate) quit: &'static str,
    /// Short footer labels.
    pub(crate) footer_scroll: &'static str,
    pub(crate) footer_tabs: &'static str,
    pub(crate) footer_search: &'static str,
    pub(crate) footer_help: &'static str,
    pub(crate) footer_quit: &'static str,
    pub(crate) footer_reviews: &'static str,
}

pub static EN: Strings = Strings {
    synopsis: "Synopsis",
    screenshots: "Screenshots",
    reviews: "Reviews",
    no_reviews: "No reviews yet.",
    reading_reviews: "Reading the reviews…",
    no_screenshots: "No screenshots.",
    empty_synopsis: "No synopsis.",
    review_word: "review",
    image: "image",
    image_missing: "not found",
    no_image: "no image",
    loading_image: "loading image…",
    image_problems: ImageProblems {
        not_a_file: "not a regular file",
        unreadable: "cannot be read",
        unknown_format: "not an image format layar reads",
        truncated: "truncated",
        corrupt: "corrupt",
        too_large: "file too large",
        too_many_pixels: "too large",
        pixels: "pixels",
    },
    opened_image: "opened with",
    cannot_open_image: "cannot open the image",
    no_reviews_shown: "No review is rated this high.",
    no_review_number: "–",
    word: "word",
    words: "words",
    cjk_chars: "characters",
    minutes: "min",
    average_of: "average of",
    rated_review: "rated review",
    rated_reviews: "rated reviews",
    order_rating: "highest rated",
    order_newest: "newest",
    order_author: "author A–Z",
    order_rating_short: "rating↓",
    order_newest_short: "newest",
    order_author_short: "A–Z",
    min_rating: "rating",
    help_title: "Keys",
    help_close: "Esc or ? closes this help",
    no_matches: "no matches",
    query_cut: "query cut at",
    resumed: "resumed",
    wrapped_to_start: "search wrapped",
    wrapped_to_end: "search wrapped",
    too_small: "Terminal too small",
    loading: "Loading",
    watching: "watching",
    no_file_bundled: "the bundled page has no file",
    no_file_stdin: "standard input has no file",
    cannot_start_editor: "cannot start the editor",
    more_problems: "more",
    problems_heading: "The last save does not load",
    top: "Top",
    bottom: "Bot",
    all: "All",
    key_groups: KeyGroups {
        scroll: "Scrolling",
        tabs: "Tabs",
        reviews: "Reviews and images",
        search: "Search",
        other: "Other",
    },
    actions: ActionNames {
        line_down: "down a line",
        line_up: "up a line",
        page_down: "down a page",
        page_up: "up a page",
        half_down: "down half a page",
        half_up: "up half a page",
        top: "to the top",
        bottom: "to the bottom",
        next_tab: "next tab",
        prev_tab: "previous tab",
        cycle_tab: "cycle tabs",
        cycle_tab_back: "cycle tabs backwards",
        goto_tab: "go to tab n",
        reviews_tab: "go to the reviews",
        next_review: "next review or image",
        prev_review: "previous review or image",
        open_image: "open the image in its viewer",
        sort_reviews: "order: page, rating, date, A–Z",
        filter_reviews: "lowest rating: all, 8, 6, 4",
        search: "search every tab",
        next_match: "next match",
        prev_match: "previous match",
        confirm_search: "keep the search",
        cancel_search: "cancel the search",
        erase: "erase a character",
        help: "this help",
        close_help: "close this help",
        back: "clear the search",
        suspend: "suspend (fg resumes)",
        edit: "edit the file at this line",
        quit: "quit",
        footer_scroll: "scroll",
        footer_tabs: "tabs",
        footer_search: "search",
        footer_help: "help",
        footer_quit: "quit",
        footer_reviews: "reviews",
    },
};

pub static ID: Strings = Strings {
    synopsis: "Sinopsis",
    screenshots: "Tangkapan Layar",
    reviews: "Ulasan",
    no_reviews: "Belum ada ulasan.",
    reading_reviews: "Membaca ulasan…",
    no_screenshots: "Belum ada tangkapan layar.",
    empty_synopsis: "Belum ada sinopsis.",
    review_word: "ulasan",
    image: "gambar",
    image_missing: "tidak ditemukan",
    no_image: "tanpa gambar",
    loading_image: "memuat gambar…",
    image_problems: ImageProblems {
        not_a_file: "bukan berkas biasa",
        unreadable: "tidak dapat dibaca",
        unknown_format: "bukan format gambar yang dikenal",
        truncated: "berkas terpotong",
        corrupt: "berkas rusak",
        too_large: "berkas terlalu besar",
        too_many_pixels: "terlalu besar",
        pixels: "piksel",
    },
    opened_image: "dibuka dengan",
    cannot_open_image: "gambar tidak dapat dibuka",
    no_reviews_shown: "Tidak ada ulasan bernilai setinggi ini.",
    no_review_number: "–",
    word: "kata",
    words: "kata",
    cjk_chars: "karakter",
    minutes: "menit",
    average_of: "rata-rata dari",
    rated_review: "ulasan bernilai",
    rated_reviews: "ulasan bernilai",
    order_rating: "nilai tertinggi",
    order_newest: "terbaru",
    order_author: "penulis A–Z",
    order_rating_short: "nilai↓",
    order_newest_short: "terbaru",
    order_author_short: "A–Z",
    min_rating: "nilai",
    help_title: "Tombol",
    help_close: "Esc atau ? menutup bantuan ini",
    no_matches: "tidak ditemukan",
    query_cut: "kueri dipotong di",
    resumed: "dilanjutkan",
    wrapped_to_start: "pencarian kembali ke awal",
    wrapped_to_end: "pencarian kembali ke akhir",
    too_small: "Terminal terlalu kecil",
    loading: "Memuat",
    watching: "memantau",
    no_file_bundled: "halaman bawaan tanpa berkas",
    no_file_stdin: "masukan standar tanpa berkas",
    cannot_start_editor: "penyunting tidak dapat dijalankan",
    more_problems: "lagi",
    problems_heading: "Simpanan terakhir tidak dapat dimuat",
    top: "Atas",
    bottom: "Bawah",
    all: "Semua",
    key_groups: KeyGroups {
        scroll: "Gulir",
        tabs: "Tab",
        reviews: "Ulasan dan gambar",
        search: "Cari",
        other: "Lainnya",
    },
    actions: ActionNames {
        line_down: "turun satu baris",
        line_up: "naik satu baris",
        page_down: "turun satu halaman",
        page_up: "naik satu halaman",
        half_down: "turun setengah halaman",
        half_up: "naik setengah halaman",
        top: "ke awal",
        bottom: "ke akhir",
        next_tab: "tab berikutnya",
        prev_tab: "tab sebelumnya",
        cycle_tab: "putar tab",
        cycle_tab_back: "putar tab mundur",
        goto_tab: "ke tab ke-n",
        reviews_tab: "ke ulasan",
        next_review: "ulasan/gambar berikutnya",
        prev_review: "ulasan/gambar sebelumnya",
        open_image: "buka gambar di penampilnya",
        sort_reviews: "urutan: halaman, nilai, tanggal, A–Z",
        filter_reviews: "nilai terendah: semua, 8, 6, 4",
        search: "cari di semua tab",
        next_match: "hasil berikutnya",
        prev_match: "hasil sebelumnya",
        confirm_search: "simpan pencarian",
        cancel_search: "batalkan pencarian",
        erase: "hapus satu huruf",
        help: "bantuan ini",
        close_help: "tutup bantuan ini",
        back: "hapus pencarian",
        suspend: "jeda (fg melanjutkan)",
        edit: "sunting berkas di baris ini",
        quit: "keluar",
        footer_scroll: "gulir",
        footer_tabs: "tab",
        footer_search: "cari",
        footer_help: "bantuan",
        footer_quit: "keluar",
        footer_reviews: "ulasan",
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_pick_the_interface_language() {
        assert_eq!(Lang::from_tag(Some("id")), Lang::Id);
        assert_eq!(Lang::from_tag(Some("id-ID")), Lang::Id);
        assert_eq!(Lang::from_tag(Some("ID")), Lang::Id);
        assert_eq!(Lang::from_tag(Some("in")), Lang::Id);
        assert_eq!(Lang::from_tag(Some("en-GB")), Lang::En);
        assert_eq!(Lang::from_tag(Some("fr")), Lang::En);
        assert_eq!(Lang::from_tag(Some("ind")), Lang::En);
        assert_eq!(Lang::from_tag(None), Lang::En);
    }
}
