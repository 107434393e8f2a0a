//! The `layar` command: parses the arguments and hands over to the viewer,
//! `--print` or `--check`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let source = layar::loader::bundled();
    match layar::loader::parse(&source) {
        Ok(page) => {
            println!("{}", page.title);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
