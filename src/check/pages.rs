//! What `--check` reads from its arguments: a file is a page; a folder is every
//! `.yaml` and `.yml` file below it, in sorted order, hidden folders and files skipped.
//!
//! A folder's pages are listed first (names only) and read one at a time as the check
//! goes, so a site of thousands of pages holds one in memory. Names are sorted by their
//! bytes, folder by folder, which is the order of the whole paths sorted component by
//! component (`a/z.yaml` before `a-b.yaml`), and no locale changes it. Symbolic links to files are followed; links to folders are not, so that
//! a link to a parent cannot make the walk endless.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::Input;
use crate::loader::{Limits, LoadError, STDIN_PATH};
use crate::text::escape::escaped_os;

/// The inputs `--check` reads for `args`, in order, each read as it is reached.
pub fn inputs(args: &[PathBuf], limits: Limits) -> impl Iterator<Item = Input> {
    args.iter().flat_map(move |arg| {
        // `-` is standard input, even beside a folder of that name.
        let folder = arg.as_os_str() != STDIN_PATH && is_folder(arg);
        let listed: Box<dyn Iterator<Item = Input>> = if folder {
            let found = below(arg);
            if found.is_empty() {
                Box::new(std::iter::once(Input::EmptyFolder {
                    name: super::name_of(arg),
                }))
            } else {
                Box::new(found.into_iter().map(move |entry| match entry {
                    Ok(page) => Input::read(&page, limits),
                    Err((folder, e)) => Input::Page {
                        name: super::name_of(&folder),
                        source: Err(LoadError::io(&escaped_os(folder.as_os_str()), &e)),
                    },
                }))
            }
        } else {
            Box::new(std::iter::once(Input::read(arg, limits)))
        };
        listed
    })
}

/// Whether `path` names a folder (a link to one included: it was named).
fn is_folder(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| m.is_dir())
}

/// A page found below a folder, or a folder there that could not be read.
type Found = Result<PathBuf, (PathBuf, io::Error)>;

/// Every page below `folder`, in sorted order, and the folders that could not be read,
/// where they come in that order.
fn below(folder: &Path) -> Vec<Found> {
    let mut found = Vec::new();
    walk(folder, &mut found);
    found
}

fn walk(folder: &Path, found: &mut Vec<Found>) {
    let read = match fs::read_dir(folder) {
        Ok(read) => read,
        Err(e) => return found.push(Err((folder.to_owned(), e))),
    };
    let mut entries: Vec<(PathBuf, Option<fs::FileType>)> = Vec::new();
    let mut failed = None;
    for entry in read {
        match entry {
            Ok(entry) => entries.push((entry.path(), entry.file_type().ok())),
            Err(e) => failed = Some(e),
        }
    }
    if let Some(e) = failed {
        found.push(Err((folder.to_owned(), e)));
    }
    entries.sort_by(|(a, _), (b, _)| a.file_name().cmp(&b.file_name()));
    for (path, kind) in entries {
        if path
            .file_name()
            .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."))
        {
            continue;
        }
        let file = match kind {
            Some(kind) if kind.is_dir() => {
                walk(&path, found);
                continue;
            }
            // A link counts when it leads to a file: the metadata is its target's.
            Some(kind) if kind.is_symlink() => fs::metadata(&path).is_ok_and(|m| !m.is_dir()),
            _ => true,
        };
        if file && is_page(&path) {
            found.push(Ok(path));
        }
    }
}

/// Whether `path` is named as a page: `.yaml` or `.yml`, in any case.
fn is_page(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder of its own for a test.
    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("layar-pages-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("scratch folder");
        dir
    }

    fn touch(dir: &Path, name: &str) {
        let path = dir.join(name);
        fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
        fs::write(path, "title: T\n").expect("written");
    }

    #[test]
    fn pages_below_a_folder_in_sorted_order_without_hidden_ones() {
        let dir = scratch("sorted");
        for name in [
            "b.yaml",
            "a/z.yml",
            "a/m.YAML",
            "a-b.yaml",
            "notes.txt",
            ".hidden/x.yaml",
            "a/.draft.yaml",
            "c/.git/y.yaml",
            "c/d/e.yaml",
            "yaml",
        ] {
            touch(&dir, name);
        }
        fs::create_dir_all(dir.join("empty")).expect("folder");
        let found: Vec<String> = below(&dir)
            .into_iter()
            .map(|f| {
                let path = f.expect("readable");
                let relative = path.strip_prefix(&dir).expect("below").to_owned();
                relative.to_string_lossy().into_owned()
            })
            .collect();
        assert_eq!(
            found,
            ["a/m.YAML", "a/z.yml", "a-b.yaml", "b.yaml", "c/d/e.yaml"]
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[cfg(unix)]
    #[test]
    fn links_to_folders_are_not_followed_and_links_to_pages_are() {
        let dir = scratch("links");
        touch(&dir, "site/a.yaml");
        std::os::unix::fs::symlink(&dir, dir.join("site/loop")).expect("link");
        std::os::unix::fs::symlink(dir.join("site/a.yaml"), dir.join("site/b.yaml")).expect("link");
        std::os::unix::fs::symlink(dir.join("nowhere.yaml"), dir.join("site/c.yaml"))
            .expect("link");
        let found: Vec<_> = below(&dir.join("site"))
            .into_iter()
            .map(|f| f.expect("readable"))
            .collect();
        assert_eq!(
            found,
            [dir.join("site/a.yaml"), dir.join("site/b.yaml")],
            "a broken link is no page"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_folder_with_no_page_says_so_and_files_mix_with_folders() {
        let dir = scratch("mixed");
        fs::create_dir_all(dir.join("none")).expect("folder");
        touch(&dir, "one/p.yaml");
        let args = [
            dir.join("none"),
            dir.join("one"),
            dir.join("file.yaml"),
            dir.join("one/p.yaml"),
        ];
        let names: Vec<String> = inputs(&args, Limits::default())
            .map(|input| match input {
                Input::EmptyFolder { name } => format!("empty {name}"),
                Input::Page { name, source } => format!("{} {name}", source.is_ok()),
            })
            .collect();
        let shown = |p: &str| dir.join(p).to_string_lossy().into_owned();
        assert_eq!(
            names,
            [
                format!("empty {}", shown("none")),
                format!("true {}", shown("one/p.yaml")),
                format!("false {}", shown("file.yaml")),
                format!("true {}", shown("one/p.yaml")),
            ]
        );
        let _ = fs::remove_dir_all(&dir);
    }
}
