//! Links the stack unwinder into the program on Linux with glibc.
//!
//! Rust's standard library unwinds panics with the C compiler's unwinder. On
//! `*-linux-gnu` it is linked as the shared library `libgcc_s`, so every start of
//! `layar` opens, maps and relocates one more library than the C library: about a
//! twentieth of the time to the first screen (see the README's Performance section).
//! The same unwinder ships as a static archive, `libgcc_eh.a`, which is what a
//! statically linked Rust program uses. Linking all of it into the program defines
//! the unwinder's symbols there, and the linker (which links shared libraries only
//! as needed) then leaves `libgcc_s` out.
//!
//! Where the linker cannot find the archive, or the target is another one, nothing
//! changes: the program is built as Rust builds it by default.

use std::env;
use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=RUSTC_LINKER");
    println!("cargo::rustc-check-cfg=cfg(static_unwinder)");
    let var = |name| env::var(name).unwrap_or_default();
    let glibc = var("CARGO_CFG_TARGET_OS") == "linux" && var("CARGO_CFG_TARGET_ENV") == "gnu";
    // A static build links the archive already, by the standard library's own rule.
    let static_crt = var("CARGO_CFG_TARGET_FEATURE")
        .split(',')
        .any(|feature| feature == "crt-static");
    if glibc && !static_crt && linker_finds("libgcc_eh.a") {
        // Whole: the linker reads this archive before the standard library asks
        // for anything in it.
        println!("cargo::rustc-link-lib=static:+whole-archive,-bundle=gcc_eh");
        println!("cargo::rustc-cfg=static_unwinder");
    }
}

/// Whether the C compiler that links the program knows where `file` is: it
/// answers with the bare name when it does not.
fn linker_finds(file: &str) -> bool {
    let linker = env::var_os("RUSTC_LINKER").unwrap_or_else(|| OsString::from("cc"));
    Command::new(linker)
        .arg(format!("-print-file-name={file}"))
        .output()
        .ok()
        .filter(|out| out.status.success())
        .and_then(|out| String::from_utf8(out.stdout).ok())
        .is_some_and(|path| {
            let path = Path::new(path.trim());
            path.is_absolute() && path.is_file()
        })
}
