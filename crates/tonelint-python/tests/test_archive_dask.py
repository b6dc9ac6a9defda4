"""The archive recipe (examples/archive_dask.py) run as its README says, in Dask's local process
pool: every message is checked once, the results are what `tonelint.check` gives one message at a
time, and each worker process builds exactly one linter."""

from __future__ import annotations

import json
import pathlib
import sys

import pytest

import tonelint

EXAMPLES = pathlib.Path(__file__).resolve().parent.parent / "examples"

DRAFTS = [
    "This delay is unacceptable. I need you to do this right now.",
    "Thanks for the update. Could you send the signed form by Friday noon?",
    "Ce retard est inacceptable — this delay is unacceptable 😠",
    "We'll get to it soon.",
    "",
]


@pytest.fixture()
def recipe(monkeypatch: pytest.MonkeyPatch):
    # The workers import the recipe by name, as they would from an installed job module.
    monkeypatch.syspath_prepend(str(EXAMPLES))
    import archive_dask

    yield archive_dask
    sys.modules.pop("archive_dask", None)


def write_archive(root: pathlib.Path, count: int) -> list[str]:
    paths = []
    for i in range(count):
        text = DRAFTS[i % len(DRAFTS)]
        if i % 2:
            path = root / f"msg{i:04}.eml"
            path.write_bytes(
                (
                    "From: a@example.org\nTo: b@example.org\nSubject: note\n"
                    "Content-Type: text/plain; charset=utf-8\n"
                    "Content-Transfer-Encoding: 8bit\n\n" + text + "\n"
                ).encode("utf-8")
            )
        else:
            path = root / f"msg{i:04}.txt"
            path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    (root / "broken.txt").write_bytes(b"\xff\xfe not utf-8")
    paths.append(str(root / "broken.txt"))
    return paths


def test_an_archive_is_checked_by_a_process_pool_with_one_linter_per_worker(
    recipe, tmp_path: pathlib.Path
) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    paths = write_archive(archive, 120)
    out = tmp_path / "results"

    written = recipe.check_archive(
        paths, str(out), partition_size=10, scheduler="processes", num_workers=2
    )

    assert len(written) == 13  # 121 messages in partitions of 10
    rows = [json.loads(line) for name in written for line in open(name, encoding="utf-8")]
    assert sorted(r["path"] for r in rows) == sorted(paths), "each message exactly once"

    errors = [r for r in rows if "error" in r]
    assert [r["path"] for r in errors] == [str(archive / "broken.txt")]
    assert "UnicodeDecodeError" in errors[0]["error"]

    linter = tonelint.Linter()
    for row in rows:
        if "error" in row:
            continue
        text = recipe.message_text(row["path"])
        expected = linter.check(text)
        assert row["verdict"] == expected.verdict
        assert row["score"] == expected.score
        assert [(f["rule"], f["start"], f["end"]) for f in row["findings"]] == [
            (f.rule, f.start, f.end) for f in expected.findings
        ]
        for f in row["findings"]:
            assert text[f["start"] : f["end"]] == f["text"]

    checked = [r for r in rows if "error" not in r]
    workers = {r["worker"] for r in checked}
    assert 1 <= len(workers) <= 2
    assert all(r["linters_built"] == 1 for r in checked), "one linter per worker process"
    assert any(r["verdict"] == "aggressive" for r in checked)


def test_the_command_line_of_the_recipe(recipe, tmp_path: pathlib.Path, capsys) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    write_archive(archive, 6)
    assert recipe.main([str(archive / "*.txt"), str(tmp_path / "out")]) == 0
    assert "checked 4 messages" in capsys.readouterr().out
    assert recipe.main([str(archive / "*.nothing"), str(tmp_path / "out")]) == 2
