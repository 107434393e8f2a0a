//! The state file, `places` in the state directory: a header line, then one line per
//! page, the most recently left first, at most [`MAX_PAGES`]:
//!
//! ```text
//! layar places 1
//! /home/ana/films/page.yaml<TAB>reviews rating 8<TAB>synopsis 0 0 812 9f3a…c2 0 0<TAB>reviews 3 0 - 51e0…7d 3 -1
//! ```
//!
//! A page's key (its canonical path, escaped: a backslash, a control character or a
//! byte that is not UTF-8 as `\xNN`, so a line holds no tab or line break of the
//! path's); the tab shown, the reviews' order (`page`, `rating`, `newest`, `author`)
//! and their lowest rating shown (`0` for all); then each tab's place: section,
//! block, paragraph, byte (or
//! `-` for the line before the paragraph), the paragraph's fingerprint in hex, the
//! block selected, and how many lines the top is below that place's line (negative:
//! above it).
//!
//! Reading never fails loudly: a file that is missing, unreadable, too large or
//! without the header is as good as empty, and a line that does not parse is skipped
//! (and dropped at the next write). Writing goes to a new file in the same directory,
//! renamed over the old one, so a reader never sees half a file and nothing is
//! written outside the directory (a link in the temporary file's place is never
//! followed: the file is created new). A state file made read-only is left as it is.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use super::{At, Key, Place, Saved, TabPlace, state_dir};
use crate::app::review_view::{MinRating, Order};
use crate::layout::Section;

/// The most pages the file keeps: the most recently left.
pub const MAX_PAGES: usize = 200;

/// The file's name in the state directory.
const FILE: &str = "places";

/// The first line, with the format's version.
const HEADER: &str = "layar places 1";

/// A larger file is not one layar wrote (200 lines of a few hundred bytes): ignored.
const MAX_FILE_BYTES: u64 = 4 << 20;

/// A longer line is not one layar wrote: skipped.
const MAX_LINE_BYTES: usize = 64 << 10;

/// The key of the bundled page: no canonical path starts with `<`.
const BUNDLED: &str = "<bundled>";

/// The state file in a directory.
#[derive(Debug, Clone)]
pub struct Store {
    dir: PathBuf,
}

impl Store {
    /// The state file in `dir` (created on the first write).
    pub fn new(dir: PathBuf) -> Self {
        Self { dir }
    }

    /// The state file in the [`state_dir`], if the environment names one.
    pub fn open() -> Option<Self> {
        state_dir().map(Self::new)
    }

    /// The state file's path.
    pub fn path(&self) -> PathBuf {
        self.dir.join(FILE)
    }

    /// The page kept under `key`, if the file holds it.
    pub fn load(&self, key: &Key) -> Option<Saved> {
        let bytes = read(&self.path())?;
        // The page's line starts with its key and a tab (a key holds neither a tab
        // nor a line break): looked for as bytes, the other lines are never parsed.
        let start = format!("\n{}\t", encode_key(key));
        let at = memchr::memmem::find(&bytes, start.as_bytes())? + start.len();
        let rest = &bytes[at..];
        let line = &rest[..memchr::memchr(b'\n', rest).unwrap_or(rest.len())];
        if line.len() > MAX_LINE_BYTES {
            return None;
        }
        parse_saved(std::str::from_utf8(line).ok()?)
    }

    /// Keeps `saved` under `key`, first, dropping its older line and the pages past
    /// [`MAX_PAGES`]. A read-only state file is left as it is (`Ok`).
    pub fn save(&self, key: &Key, saved: &Saved) -> io::Result<()> {
        let path = self.path();
        if fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
            return Ok(());
        }
        let old = read(&path).unwrap_or_default();
        let key = encode_key(key);
        let mut out = format!("{HEADER}\n{key}\t{}\n", format_saved(saved));
        let kept = entries(&old)
            .filter(|(k, rest)| *k != key && parse_saved(rest).is_some())
            .take(MAX_PAGES - 1);
        for (k, rest) in kept {
            out.push_str(k);
            out.push('\t');
            out.push_str(rest);
            out.push('\n');
        }
        write_atomically(&self.dir, &path, out.as_bytes())
    }
}

/// The file's bytes, if it can be read, is not too large and starts with the header.
fn read(path: &Path) -> Option<Vec<u8>> {
    let file = fs::File::open(path).ok()?;
    let len = file.metadata().ok()?.len();
    if len > MAX_FILE_BYTES {
        return None;
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_FILE_BYTES).read_to_end(&mut bytes).ok()?;
    let header = bytes.split(|&b| b == b'\n').next()?;
    (header == HEADER.as_bytes()).then_some(bytes)
}

/// The file's page lines as (key, the rest), skipping the header and any line that is
/// not UTF-8, too long or without a key.
fn entries(bytes: &[u8]) -> impl Iterator<Item = (&str, &str)> {
    bytes
        .split(|&b| b == b'\n')
        .skip(1)
        .filter(|line| line.len() <= MAX_LINE_BYTES)
        .filter_map(|line| std::str::from_utf8(line).ok())
        .filter_map(|line| line.split_once('\t'))
        .filter(|(key, _)| !key.is_empty())
}

/// Writes `bytes` to `path` in `dir` through a new file renamed over it.
fn write_atomically(dir: &Path, path: &Path, bytes: &[u8]) -> io::Result<()> {
    create_private_dir(dir)?;
    let temporary = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    let mut file = match create_new(&temporary) {
        // Left by a run of the same process id that was killed: ours to replace.
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
            fs::remove_file(&temporary)?;
            create_new(&temporary)?
        }
        other => other?,
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| file.flush())
        .and_then(|()| fs::rename(&temporary, path));
    if written.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    written
}

/// Creates `dir` and its parents, readable by the owner alone where that can be said
/// (the file names the pages one reads).
fn create_private_dir(dir: &Path) -> io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Creates a file that does not exist yet (never one a link points to), readable by
/// the owner alone where that can be said.
fn create_new(path: &Path) -> io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// A key as the file writes it: one field, without a tab or a line break.
fn encode_key(key: &Key) -> String {
    let path = match key {
        Key::Bundled => return BUNDLED.to_string(),
        Key::File(path) => path,
    };
    let mut out = String::new();
    for chunk in path.as_os_str().as_encoded_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            if c == '\\' || c.is_control() {
                let mut buf = [0; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "\\x{b:02x}");
                }
            } else {
                out.push(c);
            }
        }
        for b in chunk.invalid() {
            let _ = write!(out, "\\x{b:02x}");
        }
    }
    out
}

fn section_name(section: Section) -> &'static str {
    match section {
        Section::Synopsis => "synopsis",
        Section::Screenshots => "screenshots",
        Section::Reviews => "reviews",
    }
}

fn parse_section(name: &str) -> Option<Section> {
    Section::ALL.into_iter().find(|&s| section_name(s) == name)
}

/// The reviews' orders, as the file names them.
const ORDERS: [(Order, &str); 4] = [
    (Order::Page, "page"),
    (Order::Rating, "rating"),
    (Order::Newest, "newest"),
    (Order::Author, "author"),
];

/// The lowest ratings, as the file writes them: 0 for all.
const FILTERS: [(MinRating, u8); 4] = [
    (MinRating::All, 0),
    (MinRating::AtLeast8, 8),
    (MinRating::AtLeast6, 6),
    (MinRating::AtLeast4, 4),
];

/// A page's line after its key.
fn format_saved(saved: &Saved) -> String {
    let order = ORDERS
        .iter()
        .find(|(o, _)| *o == saved.order)
        .map_or("page", |(_, n)| n);
    let filter = FILTERS
        .iter()
        .find(|(f, _)| *f == saved.filter)
        .map_or(0, |(_, n)| *n);
    let mut out = format!("{} {order} {filter}", section_name(saved.tab));
    for tab in &saved.tabs {
        let p = tab.place;
        let at = match p.at {
            At::Byte(at) => at.to_string(),
            At::Before => "-".to_string(),
        };
        let _ = write!(
            out,
            "\t{} {} {} {at} {:016x} {} {}",
            section_name(tab.section),
            p.block,
            p.para,
            p.fingerprint,
            tab.focus,
            p.shift
        );
    }
    out
}

/// A page's line after its key, read back; `None` if any of it is wrong.
fn parse_saved(rest: &str) -> Option<Saved> {
    let mut fields = rest.split('\t');
    let mut shown = fields.next()?.split(' ');
    let tab = parse_section(shown.next()?)?;
    let order = shown.next()?;
    let order = ORDERS.iter().find(|(_, n)| *n == order)?.0;
    let filter: u8 = shown.next()?.parse().ok()?;
    let filter = FILTERS.iter().find(|(_, n)| *n == filter)?.0;
    if shown.next().is_some() {
        return None;
    }
    let tabs = fields.map(parse_tab).collect::<Option<Vec<_>>>()?;
    Some(Saved {
        tab,
        order,
        filter,
        tabs,
    })
}

fn parse_tab(field: &str) -> Option<TabPlace> {
    let mut parts = field.split(' ');
    let section = parse_section(parts.next()?)?;
    let block = parts.next()?.parse().ok()?;
    let para = parts.next()?.parse().ok()?;
    let at = match parts.next()? {
        "-" => At::Before,
        n => At::Byte(n.parse().ok()?),
    };
    let fingerprint = u64::from_str_radix(parts.next()?, 16).ok()?;
    let focus = parts.next()?.parse().ok()?;
    let shift = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Some(TabPlace {
        section,
        place: Place {
            block,
            para,
            at,
            fingerprint,
            shift,
        },
        focus,
    })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    /// A new, empty directory for one test, under the system's temporary directory
    /// (never the home directory), removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new() -> Self {
            static N: AtomicUsize = AtomicUsize::new(0);
            let dir = std::env::temp_dir().join(format!(
                "layar-resume-test-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::SeqCst)
            ));
            let _ = fs::remove_dir_all(&dir);
            Self(dir)
        }

        /// The state directory inside it, not created yet.
        fn store(&self) -> Store {
            Store::new(self.0.join("state").join("layar"))
        }

        fn file(&self) -> PathBuf {
            self.store().path()
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            if let Ok(m) = fs::metadata(self.file()) {
                let mut p = m.permissions();
                #[allow(clippy::permissions_set_readonly_false)]
                p.set_readonly(false);
                let _ = fs::set_permissions(self.file(), p);
            }
            let _ = fs::remove_dir_all(&self.0);
        }
    }

    /// A page left with its place in `block`, and an order and filter made from it.
    fn saved(block: usize) -> Saved {
        Saved {
            tab: Section::Reviews,
            order: ORDERS[block % 4].0,
            filter: FILTERS[block / 2 % 4].0,
            tabs: vec![
                TabPlace {
                    section: Section::Synopsis,
                    place: Place {
                        block,
                        para: 0,
                        at: At::Byte(812),
                        fingerprint: 0x9f3a_0000_0000_00c2,
                        shift: 0,
                    },
                    focus: block,
                },
                TabPlace {
                    section: Section::Reviews,
                    place: Place {
                        block: 3,
                        para: 2,
                        at: At::Before,
                        fingerprint: 7,
                        shift: -2,
                    },
                    focus: 4,
                },
            ],
        }
    }

    fn key(name: &str) -> Key {
        Key::File(PathBuf::from(format!("/films/{name}.yaml")))
    }

    fn lines(scratch: &Scratch) -> Vec<String> {
        fs::read_to_string(scratch.file())
            .expect("the state file")
            .lines()
            .map(str::to_owned)
            .collect()
    }

    #[test]
    fn a_missing_file_holds_nothing_and_the_first_save_makes_it() {
        let scratch = Scratch::new();
        let store = scratch.store();
        assert_eq!(store.load(&key("a")), None);
        store.save(&key("a"), &saved(5)).expect("saved");
        assert_eq!(store.load(&key("a")), Some(saved(5)));
        assert_eq!(store.load(&key("b")), None);
        assert_eq!(store.load(&Key::Bundled), None);
        store.save(&Key::Bundled, &saved(1)).expect("saved");
        assert_eq!(store.load(&Key::Bundled), Some(saved(1)));
        assert_eq!(
            lines(&scratch),
            [
                "layar places 1",
                "<bundled>\treviews rating 0\tsynopsis 1 0 812 9f3a0000000000c2 1 0\treviews 3 2 - 0000000000000007 4 -2",
                "/films/a.yaml\treviews rating 6\tsynopsis 5 0 812 9f3a0000000000c2 5 0\treviews 3 2 - 0000000000000007 4 -2",
            ]
        );
        // Nothing else is left in the directory: the temporary file was renamed.
        let names: Vec<_> = fs::read_dir(&store.dir)
            .expect("the directory")
            .map(|e| e.expect("an entry").file_name())
            .collect();
        assert_eq!(names, ["places"]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |p: &Path| fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
            assert_eq!(mode(&scratch.file()), 0o600);
            assert_eq!(mode(&store.dir), 0o700);
        }
    }

    #[test]
    fn a_corrupt_file_is_ignored_and_replaced() {
        let scratch = Scratch::new();
        let store = scratch.store();
        fs::create_dir_all(&store.dir).expect("the directory");
        for garbage in [
            &b"\xff\xfe\x00garbage\n/films/a.yaml\treviews\n"[..],
            b"",
            b"layar places 2\n/films/a.yaml\treviews\n",
            b"/films/a.yaml\treviews\n",
        ] {
            fs::write(scratch.file(), garbage).expect("write");
            assert_eq!(store.load(&key("a")), None, "{garbage:?}");
            store.save(&key("b"), &saved(2)).expect("saved");
            assert_eq!(lines(&scratch).len(), 2, "{garbage:?}: only the new page");
            assert_eq!(store.load(&key("b")), Some(saved(2)));
        }
        // Lines that do not parse are skipped, and dropped at the next write; the
        // others are kept.
        let good = format_saved(&saved(9));
        let text = format!(
            "layar places 1\n/films/x.yaml\tnowhere page 0\n\u{1}\n\
             /films/y.yaml\treviews page 0\tsynopsis 1 2\n/films/z.yaml\t{good}\n\
             /films/w.yaml\treviews page 0\tsynopsis 1 0 5 zz 0 1\n\
             /films/u.yaml\treviews page 0\tsynopsis 1 0 5 0a 0\n\
             /films/t.yaml\treviews sideways 0\tsynopsis 1 0 5 0a 0 0\n\
             /films/s.yaml\treviews page 7\tsynopsis 1 0 5 0a 0 0\n\
             /films/r.yaml\treviews\tsynopsis 1 0 5 0a 0 0\n\
             /films/q.yaml\treviews page 0\tsynopsis 1 0 5 0a 0 0\n\n\tno key\n"
        );
        let mut bytes = text.into_bytes();
        bytes.extend_from_slice(b"/films/v.yaml\treviews\xff\n");
        fs::write(scratch.file(), bytes).expect("write");
        assert_eq!(store.load(&key("x")), None);
        assert_eq!(store.load(&key("y")), None);
        assert_eq!(store.load(&key("w")), None);
        assert_eq!(store.load(&key("u")), None, "a field short");
        assert_eq!(store.load(&key("t")), None, "no such order");
        assert_eq!(store.load(&key("s")), None, "no such filter");
        assert_eq!(store.load(&key("r")), None, "no order or filter");
        assert!(store.load(&key("q")).is_some(), "the same, well formed");
        assert_eq!(store.load(&key("z")), Some(saved(9)));
        store.save(&key("a"), &saved(1)).expect("saved");
        let kept: Vec<_> = lines(&scratch)
            .iter()
            .map(|l| l.split('\t').next().map(str::to_owned))
            .collect();
        assert_eq!(
            kept,
            [
                Some("layar places 1".into()),
                Some("/films/a.yaml".into()),
                Some("/films/z.yaml".into()),
                Some("/films/q.yaml".into())
            ]
        );
    }

    #[test]
    fn a_file_that_cannot_be_read_or_replaced_is_ignored() {
        let scratch = Scratch::new();
        let store = scratch.store();
        // A directory where the file should be: nothing to read, and the rename
        // fails without touching it.
        fs::create_dir_all(scratch.file()).expect("a directory in its place");
        assert_eq!(store.load(&key("a")), None);
        assert!(store.save(&key("a"), &saved(1)).is_err());
        assert!(scratch.file().is_dir());
        let names: Vec<_> = fs::read_dir(&store.dir)
            .expect("the directory")
            .map(|e| e.expect("an entry").file_name())
            .collect();
        assert_eq!(names, ["places"], "no temporary file left");
        // A file too large to be layar's.
        fs::remove_dir(scratch.file()).expect("remove");
        let mut big = format!("{HEADER}\n/films/a.yaml\t{}\n", format_saved(&saved(1)));
        big.push_str(&"x".repeat(usize::try_from(MAX_FILE_BYTES).unwrap_or(0)));
        fs::write(scratch.file(), big).expect("write");
        assert_eq!(store.load(&key("a")), None);
    }

    #[test]
    fn a_read_only_file_is_read_and_left_as_it_is() {
        let scratch = Scratch::new();
        let store = scratch.store();
        store.save(&key("a"), &saved(1)).expect("saved");
        let before = fs::read(scratch.file()).expect("read");
        let mut permissions = fs::metadata(scratch.file())
            .expect("metadata")
            .permissions();
        permissions.set_readonly(true);
        fs::set_permissions(scratch.file(), permissions).expect("read-only");
        assert_eq!(store.load(&key("a")), Some(saved(1)));
        store.save(&key("b"), &saved(2)).expect("no error");
        assert_eq!(fs::read(scratch.file()).expect("read"), before);
        assert_eq!(store.load(&key("b")), None);
    }

    #[test]
    fn the_two_hundred_most_recent_pages_are_kept() {
        let scratch = Scratch::new();
        let store = scratch.store();
        for i in 0..MAX_PAGES + 5 {
            store.save(&key(&i.to_string()), &saved(i)).expect("saved");
        }
        let all = lines(&scratch);
        assert_eq!(all.len(), MAX_PAGES + 1);
        assert!(all[1].starts_with("/films/204.yaml\t"), "{}", all[1]);
        assert!(all[MAX_PAGES].starts_with("/films/5.yaml\t"));
        for gone in 0..5 {
            assert_eq!(store.load(&key(&gone.to_string())), None, "{gone}");
        }
        assert_eq!(store.load(&key("5")), Some(saved(5)));
        // Saving a page again moves it first, once.
        store.save(&key("100"), &saved(7)).expect("saved");
        let all = lines(&scratch);
        assert_eq!(all.len(), MAX_PAGES + 1);
        assert!(all[1].starts_with("/films/100.yaml\t"));
        assert_eq!(
            all.iter()
                .filter(|l| l.starts_with("/films/100.yaml\t"))
                .count(),
            1
        );
        assert_eq!(store.load(&key("100")), Some(saved(7)));
        assert!(
            all[MAX_PAGES].starts_with("/films/5.yaml\t"),
            "nothing dropped"
        );
    }

    #[test]
    fn keys_hold_no_tab_or_line_break_and_stay_apart() {
        let scratch = Scratch::new();
        let store = scratch.store();
        let odd = Key::File(PathBuf::from("/films/a\tb\nc\\d é.yaml"));
        assert_eq!(encode_key(&odd), "/films/a\\x09b\\x0ac\\x5cd é.yaml");
        let lookalike = Key::File(PathBuf::from("/films/a\\x09b\\x0ac\\x5cd é.yaml"));
        assert_ne!(encode_key(&odd), encode_key(&lookalike));
        store.save(&odd, &saved(1)).expect("saved");
        store.save(&lookalike, &saved(2)).expect("saved");
        assert_eq!(store.load(&odd), Some(saved(1)));
        assert_eq!(store.load(&lookalike), Some(saved(2)));
        assert_eq!(lines(&scratch).len(), 3);
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let bytes = Key::File(PathBuf::from(std::ffi::OsStr::from_bytes(b"/f/\xff.yaml")));
            assert_eq!(encode_key(&bytes), "/f/\\xff.yaml");
        }
    }
}
