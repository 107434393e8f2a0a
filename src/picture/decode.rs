//! The full decode of a picture, on the viewer's worker: from the same safe open as
//! the probe, under the same limits, and shrunk at once to what a card can show, so
//! that a 6000×4000 photograph is held as a few megabytes, not ninety-six.

use std::io::BufReader;
use std::path::Path;

use ::image::imageops::FilterType;
use ::image::{DynamicImage, ImageReader};

use super::{classify, classify_io, probe, within_limits};
use crate::model::{ImageStatus, Page};

/// The longest side a decoded picture is kept at, in pixels: a card at its widest
/// (96 columns) in a terminal whose cells are 20 pixels wide. Larger pictures are
/// shrunk once, right after decoding.
pub const MAX_KEPT_SIDE: u32 = 1920;

/// Decodes the picture at `path`, or says what is wrong with it.
pub fn decode(path: &Path) -> Result<DynamicImage, ImageStatus> {
    let file = probe::open(path)?;
    let mut reader = ImageReader::new(BufReader::new(file))
        .with_guessed_format()
        .map_err(|e| classify_io(&e))?;
    if reader.format().is_none() {
        return Err(ImageStatus::UnknownFormat);
    }
    reader.limits(super::limits());
    let image = reader.decode().map_err(|e| classify(&e, (0, 0)))?;
    if !within_limits(image.width(), image.height()) {
        return Err(ImageStatus::TooManyPixels {
            width: image.width(),
            height: image.height(),
        });
    }
    Ok(shrunk(image))
}

/// Decodes every picture of `page` that its header called sound, and records what is
/// wrong with those that are not: for `--check`, which reads the whole file where the
/// viewer reads the header at load and the rest when the card is shown.
pub fn verify(page: &mut Page) {
    let shots = page.screenshots.iter_mut().flat_map(|s| &mut s.items);
    for image in shots.filter_map(|s| s.image.as_mut()) {
        if image.status.facts().is_some()
            && let Err(status) = decode(&image.path)
        {
            image.status = status;
        }
    }
}

/// The picture with its longest side at most [`MAX_KEPT_SIDE`], its aspect kept.
fn shrunk(image: DynamicImage) -> DynamicImage {
    if image.width().max(image.height()) <= MAX_KEPT_SIDE {
        return image;
    }
    image.resize(MAX_KEPT_SIDE, MAX_KEPT_SIDE, FilterType::Triangle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::picture::fixture;

    #[test]
    fn a_picture_decodes_to_its_pixels() {
        let image = decode(&fixture("gradient.png")).expect("decodes");
        assert_eq!((image.width(), image.height()), (32, 8));
        let rgb = image.to_rgb8();
        assert_eq!(rgb.get_pixel(0, 0).0, [255, 0, 0], "red on the left");
        assert_eq!(rgb.get_pixel(31, 0).0, [0, 0, 255], "blue on the right");
    }

    #[test]
    fn a_body_cut_short_or_broken_is_found_by_the_decode() {
        assert_eq!(
            decode(&fixture("truncated.png")).err(),
            Some(ImageStatus::Truncated)
        );
        assert_eq!(
            decode(&fixture("corrupt.png")).err(),
            Some(ImageStatus::Corrupt)
        );
    }

    #[test]
    fn what_the_probe_refuses_the_decode_refuses() {
        assert_eq!(
            decode(&fixture("not-an-image.png")).err(),
            Some(ImageStatus::UnknownFormat)
        );
        assert_eq!(
            decode(&fixture("a-directory.png")).err(),
            Some(ImageStatus::NotAFile)
        );
        assert!(matches!(
            decode(&fixture("bomb.png")).err(),
            Some(ImageStatus::TooManyPixels { .. })
        ));
    }

    #[test]
    fn large_pictures_are_kept_small() {
        let big = DynamicImage::new_rgb8(4000, 1000);
        let kept = shrunk(big);
        assert_eq!((kept.width(), kept.height()), (MAX_KEPT_SIDE, 480));
        let small = shrunk(DynamicImage::new_rgb8(300, 200));
        assert_eq!((small.width(), small.height()), (300, 200));
    }
}
