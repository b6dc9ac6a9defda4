#!/usr/bin/env bash
# Whether two tonelint binaries report the same findings: run before and after a change that should
# not alter judgement (a speed-up, a refactor). Compares the JSON output, file by file, over the
# Enron mail, the own corpus, the held-out drafts and the blind set.
#
#   benches/same-findings.sh OLD_BINARY NEW_BINARY
#
# Prints the number of inputs compared and the number that differ per set; for the blind set only
# the counts (its drafts are not read by curators), for the others the names of differing files.
set -euo pipefail
old=${1:?usage: same-findings.sh OLD_BINARY NEW_BINARY}
new=${2:?usage: same-findings.sh OLD_BINARY NEW_BINARY}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
shared="$root/../shared/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Draft files (TOML with [[draft]] text = ...) are split into one text file per draft.
explode() {
  python3 - "$1" "$2" <<'PY'
import sys, tomllib, pathlib
src, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
n = 0
for f in sorted(src.glob("*.toml")):
    data = tomllib.loads(f.read_text())
    for i, d in enumerate(data.get("draft", [])):
        (out / f"{f.stem}-{i:04}.txt").write_text(d["text"])
        n += 1
PY
}

compare() { # name, show-names, files...
  local name=$1 show=$2 differ=0 total=0
  shift 2
  for f in "$@"; do
    total=$((total + 1))
    a=$("$old" --no-config --format json "$f" 2>&1 || true)
    b=$("$new" --no-config --format json "$f" 2>&1 || true)
    if [ "$a" != "$b" ]; then
      differ=$((differ + 1))
      [ "$show" = yes ] && echo "  differs: $f"
    fi
  done
  echo "$name: $total inputs, $differ differ"
}

compare "enron" yes "$shared"/enron/*.eml
explode "$root/tests/corpus" "$work/corpus"
compare "own corpus" yes "$work"/corpus/*.txt
explode "$root/tests/heldout" "$work/heldout"
compare "held-out" yes "$work"/heldout/*.txt
explode "$root/tests/blind" "$work/blind"
compare "blind (counts only)" no "$work"/blind/*.txt
