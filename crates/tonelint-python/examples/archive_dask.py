"""Check a message archive too big for one machine: tonelint inside a Dask job.

The archive is split into partitions of file paths; each worker builds one tonelint linter (the
lexicons are compiled once per process, not once per message or per partition), checks its
messages and writes one JSON line per message. Results go straight to files, one per partition,
so nothing has to fit in one machine's memory.

    pip install ./crates/tonelint-python 'dask[bag]'
    python crates/tonelint-python/examples/archive_dask.py 'archive/**/*.eml' results/

On one machine Dask's process pool does the work; on a cluster, start a `dask.distributed`
Client before calling `check_archive` (its scheduler is then the default) and put the archive
where every worker can read it. Each output line is

    {"path": ..., "verdict": ..., "score": ..., "findings": [{"rule", "start", "end", "text"}]}

or {"path": ..., "error": ...} for a message that could not be read; `start` and `end` index the
message's text as Python reads it.
"""

from __future__ import annotations

import email
import email.policy
import glob
import json
import os
import sys
from typing import Any, Iterable, Iterator

import dask.bag as db

import tonelint

# One linter per worker process. A module global works because workers import this module by
# name (it must be importable where they run), so the global lives once per process.
_linter: tonelint.Linter | None = None
_builds = 0


def worker_linter() -> tonelint.Linter:
    """This process's linter, built on first use."""
    global _linter, _builds
    if _linter is None:
        _linter = tonelint.Linter()
        _builds += 1
    return _linter


def message_text(path: str) -> str:
    """The author's text of one archived message: an email's plain-text body, else the file."""
    with open(path, "rb") as file:
        data = file.read()
    if path.endswith(".eml"):
        message = email.message_from_bytes(data, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))  # type: ignore[attr-defined]
        return body.get_content() if body is not None else ""
    return data.decode("utf-8")


def check_partition(paths: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Checks one partition's messages with this worker's linter."""
    linter = worker_linter()
    for path in paths:
        try:
            text = message_text(path)
        except (OSError, UnicodeDecodeError, LookupError) as err:
            yield {"path": path, "error": f"{type(err).__name__}: {err}"}
            continue
        report = linter.check(text)
        yield {
            "path": path,
            "verdict": report.verdict,
            "score": report.score,
            "findings": [
                {"rule": f.rule, "start": f.start, "end": f.end, "text": f.text}
                for f in report.findings
            ],
            # Which process checked it and how many linters that process has built: the test
            # holds the recipe to one linter per worker.
            "worker": os.getpid(),
            "linters_built": _builds,
        }


def archive_bag(paths: Iterable[str], partition_size: int = 500) -> db.Bag:
    """The job as a Dask bag of result dictionaries, one per message, in path order."""
    ordered = sorted(paths)
    if not ordered:
        return db.from_sequence([], npartitions=1)
    return db.from_sequence(ordered, partition_size=partition_size).map_partitions(check_partition)


def check_archive(
    paths: Iterable[str], out_dir: str, partition_size: int = 500, **compute: Any
) -> list[str]:
    """Checks every message and writes `out_dir/NNNN.jsonl`, one file per partition; returns
    the files written. `compute` goes to Dask (`scheduler="processes"`, `num_workers=8`...)."""
    os.makedirs(out_dir, exist_ok=True)
    lines = archive_bag(paths, partition_size).map(json.dumps)
    return list(lines.to_textfiles(os.path.join(out_dir, "*.jsonl"), compute_kwargs=compute))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: archive_dask.py 'GLOB' OUT_DIR", file=sys.stderr)
        return 2
    paths = glob.glob(argv[0], recursive=True)
    if not paths:
        print(f"error: {argv[0]!r} matches no file", file=sys.stderr)
        return 2
    written = check_archive(paths, argv[1], scheduler="processes")
    print(f"checked {len(paths)} messages into {len(written)} files under {argv[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
