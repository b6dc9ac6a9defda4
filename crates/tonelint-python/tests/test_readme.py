"""The README's Python examples run as written."""

import re
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
EXAMPLES = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_examples():
    assert len(EXAMPLES) >= 3


@pytest.mark.parametrize("number", range(len(EXAMPLES)))
def test_example_runs(number, capsys):
    exec(compile(EXAMPLES[number], f"README.md example {number + 1}", "exec"), {})
    assert capsys.readouterr().out, "each example prints something"


def test_the_install_command_is_documented():
    assert "pip install ./crates/tonelint-python" in README.read_text(encoding="utf-8")
