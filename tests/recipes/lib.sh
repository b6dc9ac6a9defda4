# Shared by the recipe tests: a snapshot of this checkout as a git repository (what a user's
# pre-commit config or `cargo install --git` points at), and small assertions.

# The repository root.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Release builds of the recipes share one target directory, and skip the release profile's
# link-time optimisation: the recipes are exercised, not benchmarked, and a fresh 2-core machine
# must get through them in minutes. TONELINT_RECIPE_TARGET (set by .ci/run) keeps it between runs.
export CARGO_TARGET_DIR="${TONELINT_RECIPE_TARGET:-$root/target/recipes}"
export CARGO_PROFILE_RELEASE_LTO=false
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# snapshot_checkout DIR: DIR becomes a one-commit git repository holding the checkout's files as
# they are now (tracked and untracked, not ignored), committed or not. Prints the commit.
snapshot_checkout() {
  local dir=$1
  mkdir -p "$dir"
  (cd "$root" && git ls-files -z --cached --others --exclude-standard |
    tar --null --no-recursion -T - -cf -) | tar -C "$dir" -xf -
  (
    cd "$dir"
    git init -q -b main
    git add -A
    git -c user.name=recipes -c user.email=recipes@example.com commit -q -m snapshot
    git rev-parse HEAD
  )
}

# A user's repository: git identity set, no global config read.
new_user_repo() {
  local dir=$1
  mkdir -p "$dir"
  git -C "$dir" init -q -b main
  git -C "$dir" config user.name "Lee Tran"
  git -C "$dir" config user.email lee@example.com
}
