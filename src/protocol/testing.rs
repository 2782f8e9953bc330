//! Test support: fixture lookup and (below) an in-memory server half to drive the client against.

use std::path::PathBuf;

/// The path of a shared fixture, found by walking up from the crate root to the directory holding
/// `shared/fixtures` (a worktree has it two levels up, CI one level up).
pub fn fixture(rel: &str) -> PathBuf {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared/fixtures");
        if candidate.is_dir() {
            return candidate.join(rel);
        }
        if !dir.pop() {
            panic!("no shared/fixtures directory above {}", env!("CARGO_MANIFEST_DIR"));
        }
    }
}
