//! The loader's one look at an image: is it a regular file, of a format layar reads,
//! and how large is the picture. Only the header is read (a few bytes to guess the
//! format, then what the decoder needs for the size), so a page of fifty stills
//! loads as fast as one with none; the pixels are decoded by the viewer, on its
//! worker, when the card comes into view.
//!
//! Nothing here can block or grow: the path must be a regular file (never a FIFO, a
//! device such as `/dev/zero`, or a directory), opened without waiting for a writer,
//! under [`MAX_FILE_BYTES`]; and a header that declares more than
//! [`super::MAX_PIXELS`] is refused before any pixel is read.

use std::fs::{self, File};
use std::io::{self, BufReader, Read};
use std::path::Path;

use ::image::ImageReader;

use super::{MAX_FILE_BYTES, classify, classify_io, format_name, within_limits};
use crate::model::{ImageFacts, ImageStatus};

/// What is at `path`: the picture's facts, or what is wrong with it.
pub fn probe(path: &Path) -> ImageStatus {
    let file = match open(path) {
        Ok(file) => file,
        Err(status) => return status,
    };
    let reader = match ImageReader::new(BufReader::new(file)).with_guessed_format() {
        Ok(reader) => reader,
        Err(e) => return classify_io(&e),
    };
    let Some(format) = reader.format() else {
        return ImageStatus::UnknownFormat;
    };
    // The sides are checked here, with the size the header declares in hand; the
    // decoder is only kept from allocating.
    let mut reader = reader;
    let mut limits = super::limits();
    limits.max_image_width = None;
    limits.max_image_height = None;
    reader.limits(limits);
    match reader.into_dimensions() {
        Ok((width, height)) if !within_limits(width, height) => {
            ImageStatus::TooManyPixels { width, height }
        }
        Ok((0, _) | (_, 0)) => ImageStatus::Corrupt,
        Ok((width, height)) => ImageStatus::Found(ImageFacts {
            width,
            height,
            format: format_name(format),
        }),
        Err(e) => classify(&e, (0, 0)),
    }
}

/// Opens `path` for reading if it is a regular file of at most [`MAX_FILE_BYTES`], as
/// a reader that stops there even if the file grows.
///
/// The path is looked at before it is opened, and what was opened is looked at
/// again: the path may name something else by then. Opening does not wait (a FIFO
/// put there in between would otherwise block until something writes to it).
pub fn open(path: &Path) -> Result<io::Take<File>, ImageStatus> {
    check(&fs::metadata(path).map_err(|e| classify_io(&e))?)?;
    let file = open_nonblocking(path).map_err(|e| classify_io(&e))?;
    let metadata = file.metadata().map_err(|e| classify_io(&e))?;
    check(&metadata)?;
    Ok(file.take(MAX_FILE_BYTES))
}

/// A regular file within the size limit, or what it is instead.
fn check(metadata: &fs::Metadata) -> Result<(), ImageStatus> {
    if !metadata.is_file() {
        return Err(ImageStatus::NotAFile);
    }
    if metadata.len() > MAX_FILE_BYTES {
        return Err(ImageStatus::TooLarge {
            bytes: metadata.len(),
        });
    }
    Ok(())
}

/// Opens a file for reading without blocking on a FIFO or a device: `O_NONBLOCK`,
/// which changes nothing for the regular file that [`check`] then insists on.
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use rustix::fs::{Mode, OFlags};
    let fd = rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::NONBLOCK | OFlags::CLOEXEC | OFlags::NOCTTY,
        Mode::empty(),
    )?;
    Ok(File::from(fd))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::fixture;

    #[test]
    fn a_picture_gives_its_size_and_format() {
        assert_eq!(
            probe(&fixture("gradient.png")),
            ImageStatus::Found(ImageFacts {
                width: 32,
                height: 8,
                format: "PNG"
            })
        );
    }

    #[test]
    fn each_bad_image_is_named_for_what_is_wrong() {
        assert_eq!(probe(&fixture("no-such-file.png")), ImageStatus::Missing);
        assert_eq!(probe(&fixture("a-directory.png")), ImageStatus::NotAFile);
        assert_eq!(
            probe(&fixture("not-an-image.png")),
            ImageStatus::UnknownFormat
        );
        assert_eq!(
            probe(&fixture("truncated-header.png")),
            ImageStatus::Truncated
        );
        assert_eq!(probe(&fixture("corrupt-header.png")), ImageStatus::Corrupt);
        assert_eq!(
            probe(&fixture("bomb.png")),
            ImageStatus::TooManyPixels {
                width: 100_000,
                height: 100_000
            }
        );
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_not_read() {
        // /dev/zero would never end; /dev/null is empty. Neither is a regular file.
        assert_eq!(probe(Path::new("/dev/zero")), ImageStatus::NotAFile);
        assert_eq!(probe(Path::new("/dev/null")), ImageStatus::NotAFile);
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = std::env::temp_dir().join(format!("layar-probe-fifo-{}", std::process::id()));
        let _ = fs::create_dir_all(&dir);
        let fifo = dir.join("still.png");
        let _ = fs::remove_file(&fifo);
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            0,
        )
        .expect("make a FIFO");
        assert_eq!(probe(&fifo), ImageStatus::NotAFile);
        // Opening it directly, as a path swapped in after the first look would be,
        // does not block either.
        assert!(open_nonblocking(&fifo).is_ok());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_file_over_the_limit_is_not_read() {
        let mut limited = Vec::new();
        let file = File::open(fixture("gradient.png")).expect("fixture");
        file.take(3).read_to_end(&mut limited).expect("read");
        assert_eq!(limited.len(), 3, "take bounds what is read");
        let metadata = fs::metadata(fixture("gradient.png")).expect("fixture");
        assert_eq!(check(&metadata), Ok(()));
    }
}
