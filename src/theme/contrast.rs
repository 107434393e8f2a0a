//! Colours as numbers: the RGB of the colours the palettes use, and WCAG 2's relative
//! luminance and contrast ratio, which decide both which palette suits a terminal's
//! background and whether a palette's text reads on it.
//!
//! Only colours whose RGB is known count: true colour, and the 240 colours of the
//! 256-colour table above the first 16 (the 6×6×6 cube and the grey ramp), which
//! terminals draw with xterm's values unless their user redefines them. The first 16,
//! and the named colours, are whatever the terminal's theme makes them.

use ratatui::style::Color;

/// A colour as 8-bit sRGB channels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Rgb {
    pub const BLACK: Self = Self::new(0, 0, 0);
    pub const WHITE: Self = Self::new(0xff, 0xff, 0xff);

    pub const fn new(r: u8, g: u8, b: u8) -> Self {
        Self { r, g, b }
    }

    /// The RGB of `color`, where it does not depend on the terminal.
    pub fn of(color: Color) -> Option<Self> {
        match color {
            Color::Rgb(r, g, b) => Some(Self::new(r, g, b)),
            Color::Indexed(i) => indexed(i),
            _ => None,
        }
    }

    /// WCAG 2's relative luminance: 0 for black, 1 for white.
    pub fn luminance(self) -> f64 {
        fn linear(channel: u8) -> f64 {
            let c = f64::from(channel) / 255.0;
            if c <= 0.040_45 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        }
        0.2126 * linear(self.r) + 0.7152 * linear(self.g) + 0.0722 * linear(self.b)
    }

    /// WCAG 2's contrast ratio between two colours, from 1 (the same) to 21 (black
    /// and white); text needs 4.5 to pass level AA.
    pub fn contrast(self, other: Self) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}

/// The RGB of colour `i` of the 256-colour table, from 16 on: the 6×6×6 cube
/// (16–231) and the grey ramp (232–255), as xterm defines them.
fn indexed(i: u8) -> Option<Rgb> {
    const LEVELS: [u8; 6] = [0, 0x5f, 0x87, 0xaf, 0xd7, 0xff];
    match i {
        0..=15 => None,
        16..=231 => {
            let n = usize::from(i - 16);
            Some(Rgb::new(LEVELS[n / 36], LEVELS[n / 6 % 6], LEVELS[n % 6]))
        }
        232..=255 => {
            let v = 8 + 10 * (i - 232);
            Some(Rgb::new(v, v, v))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 0.005
    }

    #[test]
    fn contrast_runs_from_one_to_twenty_one() {
        assert!(close(Rgb::BLACK.contrast(Rgb::WHITE), 21.0));
        assert!(
            close(Rgb::WHITE.contrast(Rgb::BLACK), 21.0),
            "either way round"
        );
        assert!(close(Rgb::WHITE.contrast(Rgb::WHITE), 1.0));
        // The known edge of level AA on white: #767676 passes, at 4.54, and #777777
        // does not.
        let grey = |v| Rgb::new(v, v, v);
        assert!(close(grey(0x76).contrast(Rgb::WHITE), 4.54));
        assert!(grey(0x77).contrast(Rgb::WHITE) < 4.5);
    }

    #[test]
    fn the_256_colour_table_above_16() {
        assert_eq!(Rgb::of(Color::Indexed(16)), Some(Rgb::BLACK));
        assert_eq!(Rgb::of(Color::Indexed(231)), Some(Rgb::WHITE));
        assert_eq!(Rgb::of(Color::Indexed(24)), Some(Rgb::new(0, 0x5f, 0x87)));
        assert_eq!(Rgb::of(Color::Indexed(220)), Some(Rgb::new(0xff, 0xd7, 0)));
        assert_eq!(Rgb::of(Color::Indexed(196)), Some(Rgb::new(0xff, 0, 0)));
        assert_eq!(Rgb::of(Color::Indexed(232)), Some(Rgb::new(8, 8, 8)));
        assert_eq!(
            Rgb::of(Color::Indexed(255)),
            Some(Rgb::new(0xee, 0xee, 0xee))
        );
        assert_eq!(Rgb::of(Color::Rgb(1, 2, 3)), Some(Rgb::new(1, 2, 3)));
    }

    #[test]
    fn the_terminals_own_colours_have_no_known_rgb() {
        for color in [
            Color::Reset,
            Color::Yellow,
            Color::Cyan,
            Color::DarkGray,
            Color::Indexed(0),
            Color::Indexed(15),
        ] {
            assert_eq!(Rgb::of(color), None, "{color:?}");
        }
    }
}
