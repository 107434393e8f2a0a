//! Draws the stills of the example page, `content/examples/senja-di-pelabuhan.yaml`:
//! three frames of a fictional film, made from shapes and gradients, the same bytes
//! on every run.
//!
//! ```sh
//! cargo run --example gen_stills -- content/examples/stills
//! ```

// Pixel coordinates are small: as floats they are exact, and colours are clamped
// before they become bytes.
#![allow(clippy::cast_precision_loss, clippy::cast_sign_loss)]

use std::path::PathBuf;

use image::{ImageFormat, Rgb, RgbImage};

const WIDTH: u32 = 480;
const HEIGHT: u32 = 270;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map_or_else(|| PathBuf::from("content/examples/stills"), PathBuf::from);
    std::fs::create_dir_all(&dir)?;
    for (name, still) in [
        ("1-senja.png", dusk()),
        ("2-mercusuar.png", lighthouse()),
        ("3-pasar-malam.png", night_market()),
    ] {
        let path = dir.join(name);
        still.save_with_format(&path, ImageFormat::Png)?;
        println!("{}", path.display());
    }
    Ok(())
}

/// A colour between `a` and `b`, `t` of the way (0 to 1), in steps of 1/16 so that
/// bands of one colour compress well.
fn mix(a: [u8; 3], b: [u8; 3], t: f32) -> Rgb<u8> {
    let t = (t.clamp(0.0, 1.0) * 16.0).round() / 16.0;
    let channel = |i: usize| {
        let (a, b) = (f32::from(a[i]), f32::from(b[i]));
        (a + (b - a) * t).round().clamp(0.0, 255.0) as u8
    };
    Rgb([channel(0), channel(1), channel(2)])
}

fn horizon(y: u32) -> bool {
    y >= HEIGHT * 3 / 5
}

/// Dusk over the harbour: an orange sky, the sun half set, the sea in bands.
fn dusk() -> RgbImage {
    let sun = (WIDTH as f32 * 0.62, HEIGHT as f32 * 0.6, 38.0_f32);
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        if !horizon(y) {
            let in_sun = (fx - sun.0).hypot(fy - sun.1) < sun.2;
            if in_sun {
                return Rgb([255, 214, 120]);
            }
            return mix([60, 30, 90], [250, 140, 60], fy / (HEIGHT as f32 * 0.6));
        }
        // The sun's path on the water, every other band.
        let band = (y - HEIGHT * 3 / 5) / 6;
        if (fx - sun.0).abs() < sun.2 * 0.8 && band.is_multiple_of(2) {
            return Rgb([240, 170, 90]);
        }
        mix(
            [40, 50, 110],
            [10, 20, 50],
            (fy - HEIGHT as f32 * 0.6) / (HEIGHT as f32 * 0.4),
        )
    })
}

/// A lighthouse on the breakwater at night, its beam across the sky.
fn lighthouse() -> RgbImage {
    let base = WIDTH as f32 * 0.3;
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let top = HEIGHT as f32 * 0.22;
        let tower_half = 10.0 + (fy - top).max(0.0) * 0.06;
        let lamp = (fx - base).hypot(fy - top) < 9.0;
        if lamp {
            return Rgb([255, 250, 200]);
        }
        // The beam: a wedge to the right of the lamp.
        let dy = fy - top;
        let dx = fx - base;
        if dx > 0.0 && dy.abs() < dx * 0.12 && !horizon(y) {
            return mix([250, 240, 170], [30, 40, 80], dx / WIDTH as f32);
        }
        if fy > top && (fx - base).abs() < tower_half && !horizon(y) {
            let stripe = (((fy - top) / 18.0) as u32).is_multiple_of(2);
            return if stripe {
                Rgb([220, 60, 50])
            } else {
                Rgb([235, 235, 225])
            };
        }
        if horizon(y) {
            let wall = y < HEIGHT * 3 / 5 + 14 && fx < WIDTH as f32 * 0.55;
            return if wall {
                Rgb([70, 70, 80])
            } else {
                mix(
                    [20, 30, 70],
                    [5, 10, 30],
                    (fy - HEIGHT as f32 * 0.6) / (HEIGHT as f32 * 0.4),
                )
            };
        }
        mix([5, 10, 35], [30, 40, 90], fy / (HEIGHT as f32 * 0.6))
    })
}

/// A night market: lamps in a row over stalls of different colours.
fn night_market() -> RgbImage {
    const STALLS: [[u8; 3]; 6] = [
        [200, 70, 60],
        [60, 140, 90],
        [220, 170, 60],
        [70, 100, 180],
        [170, 80, 160],
        [230, 120, 50],
    ];
    let stall_width = WIDTH / STALLS.len() as u32;
    RgbImage::from_fn(WIDTH, HEIGHT, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let stall = ((x / stall_width) as usize).min(STALLS.len() - 1);
        let centre = (stall as u32 * stall_width + stall_width / 2) as f32;
        let lamp = (fx - centre).hypot(fy - HEIGHT as f32 * 0.3) < 10.0;
        if lamp {
            return Rgb([255, 230, 150]);
        }
        let roof = HEIGHT as f32 * 0.42;
        let counter = HEIGHT as f32 * 0.72;
        if fy > roof && fy < roof + 16.0 {
            // Striped awnings.
            let stripe = (x / 12).is_multiple_of(2);
            return if stripe {
                Rgb(STALLS[stall])
            } else {
                Rgb([240, 235, 220])
            };
        }
        if fy >= roof + 16.0 && fy < counter {
            return mix(STALLS[stall], [40, 25, 20], (fy - roof) / (counter - roof));
        }
        if fy >= counter {
            return mix(
                [60, 50, 45],
                [25, 20, 20],
                (fy - counter) / (HEIGHT as f32 - counter),
            );
        }
        mix([10, 10, 30], [40, 30, 60], fy / roof)
    })
}
