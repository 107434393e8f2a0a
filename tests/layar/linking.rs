//! How the program is linked. On Linux with glibc, `build.rs` links the stack
//! unwinder into the program, so that a start maps no `libgcc_s`. These tests run
//! only where it did.

#![cfg(static_unwinder)]

use crate::pty::Session;

/// Whether a process's memory map holds a library whose name starts with `name`.
fn maps_library(maps: &str, name: &str) -> bool {
    maps.lines()
        .filter_map(|line| line.rsplit('/').next())
        .any(|file| file.starts_with(name))
}

#[test]
fn the_viewer_starts_without_the_shared_unwinder() {
    let mut s = Session::start(&[], 80, 24);
    s.wait_for_text("Simon, seorang");
    let pid = s.pid().expect("the program's pid");
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).expect("its memory map");
    assert!(
        maps_library(&maps, "libc.so"),
        "the C library is mapped:\n{maps}"
    );
    assert!(!maps_library(&maps, "libgcc_s"), "no libgcc_s:\n{maps}");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// This test binary is linked as the program is: its panics unwind through the
/// unwinder linked in, and a panic is caught rather than ending the process.
#[test]
fn a_panic_unwinds_through_the_linked_unwinder() {
    let maps = std::fs::read_to_string("/proc/self/maps").expect("this process's memory map");
    assert!(!maps_library(&maps, "libgcc_s"), "no libgcc_s:\n{maps}");
    let caught = std::panic::catch_unwind(|| {
        let depth = std::hint::black_box(3);
        unwind_from(depth)
    });
    assert_eq!(
        caught
            .expect_err("the panic is caught")
            .downcast_ref::<String>(),
        Some(&"unwound from 0".to_owned())
    );
}

/// Panics `depth` calls down, so that unwinding passes through frames.
fn unwind_from(depth: u32) -> u32 {
    assert!(depth > 0, "unwound from {depth}");
    1 + unwind_from(depth - 1)
}
