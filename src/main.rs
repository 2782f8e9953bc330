//! The `mbxctl` binary: everything lives in the library; see `mbxctl::cli`.

fn main() {
    std::process::exit(mbxctl::cli::main());
}
