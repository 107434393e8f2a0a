//! Screenshots as pictures: everything between an image file and the cells that show
//! it, on any terminal.
//!
//! - [`probe`]: the header facts read once, at load (size, format, or what is wrong),
//!   without reading the pixels, from a regular file only and under size limits.
//! - [`decode`]: the full, bounded decode, on the viewer's worker.
//! - [`geometry`]: how many cells a picture takes in a card: the one rule the layout,
//!   the drawing and the worker share.
//! - [`detect`]: which graphics protocol the terminal speaks, from its answers to
//!   ratatui-image's query, read without racing crossterm for the keyboard.
//! - [`worker`]: decoding, resizing and encoding off the key loop.
//! - [`cache`]: the viewer's pictures per card and size, and what is being made.
//! - [`open`]: handing a picture to the system's viewer.

pub mod cache;
pub(crate) mod decode;
pub mod detect;
pub mod geometry;
pub(crate) mod open;
pub(crate) mod probe;
pub mod worker;

use std::io;

use ::image::{ImageError, ImageFormat};

use crate::i18n::Strings;
use crate::model::ImageStatus;

/// The largest image file layar reads, in bytes: more than any screenshot needs, and
/// a bound on what a hostile path (a huge file, a device) can cost.
pub(crate) const MAX_FILE_BYTES: u64 = 128 << 20;

/// The most pixels layar decodes in one picture: a 6000×4000 photograph (24 million)
/// fits, a header that claims 100,000×100,000 (a decompression bomb) does not.
pub(crate) const MAX_PIXELS: u64 = 50_000_000;

/// The longest side layar decodes, in pixels.
pub(crate) const MAX_SIDE: u32 = 20_000;

/// What a decoder may allocate at most: the largest picture allowed, at 16 bits a
/// channel, and its decoder's working buffers.
pub(crate) const MAX_ALLOC: u64 = 512 << 20;

/// The formats layar reads, as `--check` lists them.
pub(crate) const FORMATS: &str = "PNG, JPEG, GIF, WebP, BMP, TIFF, PNM, QOI, TGA, ICO";

/// The decoder's limits: the side and allocation bounds above.
pub(crate) fn limits() -> ::image::Limits {
    let mut limits = ::image::Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// Whether a picture of `width`×`height` is within what layar decodes.
pub(crate) fn within_limits(width: u32, height: u32) -> bool {
    width <= MAX_SIDE && height <= MAX_SIDE && u64::from(width) * u64::from(height) <= MAX_PIXELS
}

/// A format's usual name, as a card shows it: `PNG`, `JPEG`.
pub(crate) fn format_name(format: ImageFormat) -> &'static str {
    match format {
        ImageFormat::Png => "PNG",
        ImageFormat::Jpeg => "JPEG",
        ImageFormat::Gif => "GIF",
        ImageFormat::WebP => "WebP",
        ImageFormat::Pnm => "PNM",
        ImageFormat::Tiff => "TIFF",
        ImageFormat::Tga => "TGA",
        ImageFormat::Dds => "DDS",
        ImageFormat::Bmp => "BMP",
        ImageFormat::Ico => "ICO",
        ImageFormat::Hdr => "HDR",
        ImageFormat::OpenExr => "OpenEXR",
        ImageFormat::Farbfeld => "farbfeld",
        ImageFormat::Avif => "AVIF",
        ImageFormat::Qoi => "QOI",
        _ => "image",
    }
}

/// What is wrong with an image, as its card says it: `truncated`, `too large:
/// 100000×100000 pixels`; for a picture that can be shown, its facts.
pub(crate) fn problem(status: ImageStatus, strings: &Strings) -> String {
    let p = &strings.image_problems;
    match status {
        ImageStatus::Found(facts) => facts.to_string(),
        ImageStatus::Missing => strings.image_missing.to_owned(),
        ImageStatus::NotAFile => p.not_a_file.to_owned(),
        ImageStatus::Unreadable => p.unreadable.to_owned(),
        ImageStatus::UnknownFormat => p.unknown_format.to_owned(),
        ImageStatus::Truncated => p.truncated.to_owned(),
        ImageStatus::Corrupt => p.corrupt.to_owned(),
        ImageStatus::TooLarge { bytes } => {
            format!("{}, {} MB", p.too_large, bytes.div_ceil(1_000_000))
        }
        ImageStatus::TooManyPixels { width, height } => {
            format!("{}: {width}×{height} {}", p.too_many_pixels, p.pixels)
        }
    }
}

/// What a decoder's error says about the file, whose header declared `declared`
/// (width, height) pixels.
pub(crate) fn classify(error: &ImageError, declared: (u32, u32)) -> ImageStatus {
    match error {
        ImageError::IoError(e) => classify_io(e),
        ImageError::Unsupported(_) => ImageStatus::UnknownFormat,
        ImageError::Limits(_) => ImageStatus::TooManyPixels {
            width: declared.0,
            height: declared.1,
        },
        // A decoder that meets the end of the data inside the image says so in its own
        // words; the I/O error underneath is not always kept.
        ImageError::Decoding(e) if says_truncated(&e.to_string()) => ImageStatus::Truncated,
        ImageError::Decoding(_) | ImageError::Parameter(_) | ImageError::Encoding(_) => {
            ImageStatus::Corrupt
        }
    }
}

/// An I/O error while reading a picture.
pub(crate) fn classify_io(e: &io::Error) -> ImageStatus {
    match e.kind() {
        io::ErrorKind::NotFound => ImageStatus::Missing,
        io::ErrorKind::UnexpectedEof => ImageStatus::Truncated,
        _ => ImageStatus::Unreadable,
    }
}

/// Whether a decoder's message means the data ended early.
fn says_truncated(message: &str) -> bool {
    let message = message.to_ascii_lowercase();
    [
        "eof",
        "end of file",
        "unexpected end",
        "truncated",
        "not enough data",
    ]
    .iter()
    .any(|m| message.contains(m))
}

/// An image of the tests' own, under `tests/fixtures/images`.
#[cfg(test)]
pub(crate) fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/images")
        .join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_take_a_photograph_and_refuse_a_bomb() {
        assert!(within_limits(6000, 4000));
        assert!(within_limits(1, 1));
        assert!(!within_limits(100_000, 100_000));
        assert!(!within_limits(MAX_SIDE + 1, 1));
        assert!(!within_limits(10_000, 10_000), "100 million pixels");
    }

    #[test]
    fn errors_are_sorted_by_what_they_mean() {
        let eof = io::Error::from(io::ErrorKind::UnexpectedEof);
        assert_eq!(classify_io(&eof), ImageStatus::Truncated);
        let denied = io::Error::from(io::ErrorKind::PermissionDenied);
        assert_eq!(classify_io(&denied), ImageStatus::Unreadable);
        assert_eq!(
            classify(
                &ImageError::IoError(io::Error::from(io::ErrorKind::NotFound)),
                (1, 1)
            ),
            ImageStatus::Missing
        );
        let limit = ImageError::Limits(::image::error::LimitError::from_kind(
            ::image::error::LimitErrorKind::InsufficientMemory,
        ));
        assert_eq!(
            classify(&limit, (7, 9)),
            ImageStatus::TooManyPixels {
                width: 7,
                height: 9
            }
        );
        assert!(says_truncated("Unexpected EOF"));
        assert!(says_truncated("image data is truncated"));
        assert!(!says_truncated("invalid signature"));
    }

    #[test]
    fn problems_are_said_in_the_interface_language() {
        use crate::i18n::{EN, ID};
        let bomb = ImageStatus::TooManyPixels {
            width: 100_000,
            height: 100_000,
        };
        assert_eq!(problem(bomb, &EN), "too large: 100000×100000 pixels");
        assert_eq!(problem(bomb, &ID), "terlalu besar: 100000×100000 piksel");
        let big = ImageStatus::TooLarge { bytes: 200 << 20 };
        assert_eq!(problem(big, &EN), "file too large, 210 MB");
        assert_eq!(problem(ImageStatus::Missing, &ID), "tidak ditemukan");
    }

    #[test]
    fn formats_have_their_usual_names() {
        assert_eq!(format_name(ImageFormat::Png), "PNG");
        assert_eq!(format_name(ImageFormat::Jpeg), "JPEG");
        assert_eq!(format_name(ImageFormat::WebP), "WebP");
    }
}
