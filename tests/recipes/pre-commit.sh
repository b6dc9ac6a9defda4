#!/usr/bin/env bash
# The README's pre-commit recipe, as a user runs it: pre-commit from PyPI, a repository whose
# .pre-commit-config.yaml points at this checkout (a snapshot of it as a git repository, at a
# commit), `pre-commit install`, then real `git commit`s.
#
# Proves: the hook installs (pre-commit's `language: rust` runs `cargo install --path .` at the
# checkout's root); README, LICENSE and an empty CHANGELOG.md do not block a commit; an empty
# template passes; a harsh template blocks the commit with the finding shown; a calm one passes.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

command -v pre-commit >/dev/null || fail "pre-commit is not installed (.ci/install-recipe-tools installs it)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/pre-commit-cache"
# A fresh HOME keeps the user's git and pre-commit settings out; the Rust toolchain stays.
export RUSTUP_HOME="${RUSTUP_HOME:-$HOME/.rustup}" CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export HOME="$work/home"
mkdir -p "$HOME"

rev=$(snapshot_checkout "$work/tonelint")
repo="$work/project"
new_user_repo "$repo"
cd "$repo"
cat > .pre-commit-config.yaml <<YAML
repos:
  - repo: $work/tonelint
    rev: $rev
    hooks:
      - id: tonelint
YAML
cat > README.md <<'TEXT'
# Project

You need to run `make install` first. You must set PREFIX. Do it now, before anything else.
TEXT
printf 'You must not remove this notice. The software is provided as is.\n' > LICENSE
: > CHANGELOG.md
mkdir -p templates
printf 'Hi {{ name }},\n\nThank you for your order. Could you confirm the delivery address by Friday?\n' > templates/confirm.txt
: > templates/empty.md
git add -A
pre-commit install >/dev/null

echo "-- pre-commit: the hook installs; README, LICENSE, empty files and a calm template pass"
if ! git commit -q -m "Add the project" > "$work/commit1.log" 2>&1; then
  cat "$work/commit1.log"
  fail "the first commit (README, LICENSE, empty CHANGELOG.md, a calm template) was blocked"
fi
cat "$work/commit1.log"
grep -q "tonelint" "$work/commit1.log" || fail "the tonelint hook did not run"
grep -Eq "tonelint.*Passed" "$work/commit1.log" || fail "the tonelint hook did not pass"

echo "-- pre-commit: a harsh template blocks the commit, with the finding shown"
printf 'Your payment is overdue. This is unacceptable. I need you to pay right now.\n' > templates/overdue.txt
git add templates/overdue.txt
if git commit -q -m "Add the overdue notice" > "$work/commit2.log" 2>&1; then
  cat "$work/commit2.log"
  fail "a harsh template was committed"
fi
cat "$work/commit2.log"
grep -q "templates/overdue.txt:1:.*aggressive.unacceptable" "$work/commit2.log" ||
  fail "the finding was not shown with its place"

echo "-- pre-commit: the same change in README.md is not the hook's business"
git checkout -q -- . 2>/dev/null || true
git reset -q
rm -f templates/overdue.txt
printf '\nThis is unacceptable. I need you to read this right now.\n' >> README.md
git add README.md
git commit -q -m "Harsh words in the README" > "$work/commit3.log" 2>&1 ||
  { cat "$work/commit3.log"; fail "README.md was linted"; }
echo "pre-commit recipe: OK"
