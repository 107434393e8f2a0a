//! Reading a content file into a [`Page`]: the YAML wire structs, their conversion
//! into the model, and [`LoadError`], which names the file, line, column and field.
//! STUB: to be replaced.

use std::path::{Path, PathBuf};

use crate::model::Page;

/// The raw text of a content file and the name to show for it.
#[derive(Debug, Clone)]
pub struct Source {
    /// The name shown in messages: the path as given, or `<bundled>`.
    pub name: String,
    /// The folder relative image paths resolve against; `None` for the bundled page.
    pub base_dir: Option<PathBuf>,
    /// The file's text, with a UTF-8 byte-order mark removed.
    pub text: String,
}

/// Limits a load must stay within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Files larger than this are refused before they are read.
    pub max_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self { max_file_bytes: 64 * 1024 * 1024 }
    }
}

/// The bundled page, compiled into the binary.
pub const BUNDLED_YAML: &str = include_str!("../content/di-balik-layar.yaml");

/// The bundled page's source.
pub fn bundled() -> Source {
    Source { name: "<bundled>".into(), base_dir: None, text: BUNDLED_YAML.into() }
}

/// Why a content file could not be loaded.
#[derive(Debug)]
pub struct LoadError {
    pub message: String,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for LoadError {}

/// Reads a file's text.
pub fn read(path: &Path, limits: Limits) -> Result<Source, LoadError> {
    let _ = limits;
    let text = std::fs::read_to_string(path).map_err(|e| LoadError { message: e.to_string() })?;
    Ok(Source { name: path.display().to_string(), base_dir: path.parent().map(Path::to_path_buf), text })
}

/// Parses a source into a page.
pub fn parse(source: &Source) -> Result<Page, LoadError> {
    let _ = source;
    Err(LoadError { message: "not yet".into() })
}
