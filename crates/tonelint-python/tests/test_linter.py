"""tonelint.Linter: one compiled linter, reused, shared across threads."""

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import tonelint

TEXTS = [
    "This delay is unacceptable.",
    "I need you to do this right now!!!",
    "Why didn't you call me back? You never answer.",
    "We'll get back to you at some point.",
    "Sorry to bother you, I just wanted to check in.",
    "Thanks for the update. I will call you on Friday.",
    "Ce retard est inacceptable — this delay is unacceptable 😠",
    "",
]


def summary(report):
    return (
        report.findings,
        report.strengths,
        report.score,
        report.verdict,
        report.words,
    )


def test_linter_is_reused():
    linter = tonelint.Linter(enable=["passive"])
    first = [summary(linter.check(text)) for text in TEXTS]
    second = [summary(linter.check(text)) for text in TEXTS]
    assert first == second
    assert first == [summary(tonelint.check(t, enable=["passive"])) for t in TEXTS]


def test_default_linter_matches_check():
    linter = tonelint.Linter()
    for text in TEXTS:
        assert summary(linter.check(text)) == summary(tonelint.check(text))


def test_rules_and_is_enabled():
    linter = tonelint.Linter(disable=["aggressive.unacceptable"])
    rules = linter.rules()
    assert "aggressive.unacceptable" in rules
    assert len(rules) == len(set(rules))
    assert not linter.is_enabled("aggressive.unacceptable")
    assert linter.is_enabled("demanding.right-now")
    passive = [r for r in rules if r.startswith("passive.")]
    assert passive and not any(linter.is_enabled(r) for r in passive)
    assert all(tonelint.Linter(enable=["passive"]).is_enabled(r) for r in passive)
    assert not linter.is_enabled("no.such-rule")


def test_repr():
    linter = tonelint.Linter()
    rules = len(linter.rules())
    enabled = sum(linter.is_enabled(r) for r in linter.rules())
    assert 0 < enabled < rules
    assert repr(linter) == f"<tonelint.Linter rules={rules} enabled={enabled}>"


def test_options_are_keyword_only():
    with pytest.raises(TypeError):
        tonelint.Linter(["passive"])


def test_threads_give_the_same_results_as_sequential():
    linter = tonelint.Linter(enable=["passive"])
    # Many distinct texts, so that a mix-up between threads' results would show.
    texts = [f"{text} (message {i})" for i in range(50) for text in TEXTS]
    sequential = [summary(linter.check(text)) for text in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        threaded = list(pool.map(lambda text: summary(linter.check(text)), texts))
    assert threaded == sequential


def test_check_releases_the_gil():
    linter = tonelint.Linter()
    # Megabytes of text with nothing to flag: the check itself is long, the report short.
    big = "The report is ready for your review on Friday morning. " * 60_000
    ticks = 0
    seen = {}

    def work():
        seen["before"] = ticks
        seen["report"] = linter.check(big)
        seen["after"] = ticks

    # A long switch interval: the main thread can only run while the worker waits for the GIL
    # (or has let go of it), not because the interpreter took the GIL away from it.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(5.0)
    try:
        worker = threading.Thread(target=work)
        worker.start()
        while worker.is_alive():
            ticks += 1
            time.sleep(0.0002)
        worker.join()
    finally:
        sys.setswitchinterval(interval)
    assert seen["report"].words > 0
    assert seen["after"] > seen["before"], "the main thread ran while the worker checked"
