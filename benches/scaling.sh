#!/usr/bin/env bash
# How the CLI's cost grows with the input on the shapes that were once quadratic (issue 16, cases
# 2 to 6): runs of '!' and '?!', a mailbox of many messages, a long line dense with findings in
# human output, a base64 body, and --diff over many changed lines. Each shape is timed at 64 KB
# and at 1 MB (16 times the input); linear cost is about 16 times the time, quadratic about 256.
# The script fails when a ratio passes 48 (three times linear).
#
#   benches/scaling.sh [TONELINT_BINARY]     (default: target/release/tonelint, built if missing)
#
# Times are the fastest of five runs, so a busy machine inflates them less.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin=${1:-$root/target/release/tonelint}
if [ ! -x "$bin" ]; then
  (cd "$root" && cargo build --release -q -p tonelint-cli)
fi
python3 - "$bin" <<'PY'
import os, subprocess, sys, tempfile, time, base64

binary = sys.argv[1]
sentence = "This delay is unacceptable. I need you to sign it right now. "

def shapes(size):
    text = sentence * (size // len(sentence))
    mbox_message = "From a@b Mon Jan  1 00:00:00 2024\nFrom: a@b\nSubject: s\n\nThis is unacceptable. Send it today.\n\n"
    return {
        "'!' run": ("Stop" + "!" * size + "\n", []),
        "'?!' run": ("Why" + "?!" * (size // 2) + "\n", []),
        "mbox messages": (mbox_message * (size // len(mbox_message)), ["--input", "mbox"]),
        "dense line, human": (text + "\n", ["--format", "human"]),
        "base64 body": (
            "From: a@example.com\nSubject: x\nContent-Type: text/plain\n"
            "Content-Transfer-Encoding: base64\n\n"
            + base64.encodebytes(text.encode()).decode() + "\n",
            ["--input", "email"],
        ),
        "--diff, many lines": ("Is this done??\n" * (size // 15), ["--diff"]),
    }

def fastest(path, args):
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        default = [] if "--format" in args else ["--format", "short"]
        subprocess.run([binary, "--no-config", *default, *args, path],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - start)
    return best

small, large = shapes(64 * 1024), shapes(1024 * 1024)
failed = False
print(f"{'shape':<22} {'64 KB':>9} {'1 MB':>9} {'ratio':>6}")
with tempfile.TemporaryDirectory() as tmp:
    for name in small:
        times = []
        for content, args in (small[name], large[name]):
            path = os.path.join(tmp, "input")
            with open(path, "w") as f:
                f.write(content)
            times.append(fastest(path, args))
        ratio = times[1] / times[0]
        flag = "" if ratio <= 48 else "  <- more than 3x linear"
        failed |= ratio > 48
        print(f"{name:<22} {times[0]*1000:>7.1f}ms {times[1]*1000:>7.1f}ms {ratio:>6.1f}{flag}")
sys.exit(1 if failed else 0)
PY
