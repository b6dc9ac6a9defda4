"""Lexicon files: a user's own rules, and the errors a broken or missing file raises."""

import pytest

import tonelint

TEAM = '''
[[rule]]
id = "team.synergies"
category = "vague"
severity = "warning"
message = "\\"Synergies\\" names no result."
explanation = "Say what the teams will do together and what it will change."
phrases = ["{leverage|leveraging} synergies"]
examples = ["Let's leverage synergies on this."]
[[rule.rewrite]]
text = "I will send you an update by Friday."
source = "project"
'''


def edit(old, new):
    """TEAM with one change, which must apply."""
    assert old in TEAM
    return TEAM.replace(old, new)


@pytest.fixture
def team(tmp_path):
    path = tmp_path / "team.toml"
    path.write_text(TEAM, encoding="utf-8")
    return path


def test_a_custom_lexicon_adds_its_rule(team):
    text = "Café déjà vu — let’s leverage synergies on this."
    for lexicons in ([team], [str(team)]):
        linter = tonelint.Linter(lexicons=lexicons)
        assert "team.synergies" in linter.rules()
        [finding] = [f for f in linter.check(text).findings if f.rule == "team.synergies"]
        assert text[finding.start : finding.end] == "leverage synergies"
        assert finding.category == "vague"
        assert finding.message == '"Synergies" names no result.'
        assert [(r.text, r.source) for r in finding.rewrites] == [
            ("I will send you an update by Friday.", "project")
        ]
    # The built-in rules stay on beside it, and check() takes the same option.
    report = tonelint.check("This is unacceptable. Let's leverage synergies.", lexicons=[team])
    assert {f.rule for f in report.findings} >= {"aggressive.unacceptable", "team.synergies"}


def test_the_custom_rule_obeys_disable(team):
    report = tonelint.check("Let's leverage synergies.", lexicons=[team], disable=["team.synergies"])
    assert report.findings == []


def test_a_malformed_lexicon_names_the_file_and_position(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(edit('severity = "warning"', 'severity = "warning'), encoding="utf-8")
    with pytest.raises(tonelint.Error) as caught:
        tonelint.Linter(lexicons=[path])
    message = str(caught.value)
    assert message.startswith(f"{path}:5:"), message
    assert isinstance(caught.value, ValueError)


def test_an_unknown_field_names_the_file_and_line(tmp_path):
    path = tmp_path / "typo.toml"
    path.write_text(edit("phrases =", "phrase ="), encoding="utf-8")
    with pytest.raises(tonelint.Error) as caught:
        tonelint.check("Let's leverage synergies.", lexicons=[path])
    message = str(caught.value)
    assert message.startswith(f"{path}:8:1: unknown field `phrase`"), message


def test_an_unknown_category(tmp_path):
    path = tmp_path / "category.toml"
    path.write_text(edit('category = "vague"', 'category = "rude"'), encoding="utf-8")
    with pytest.raises(tonelint.Error, match="rude"):
        tonelint.Linter(lexicons=[path])


def test_a_duplicate_rule_id(team, tmp_path):
    again = tmp_path / "again.toml"
    again.write_text(TEAM, encoding="utf-8")
    with pytest.raises(tonelint.Error, match="team.synergies.*already defined"):
        tonelint.Linter(lexicons=[team, again])


def test_a_lexicon_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(edit("Say what", "Dites quoi, s'il vous pla\xeet").encode("latin-1"))
    expected = r"latin1.toml: lexicon is not valid UTF-8 \(byte offset \d+\)"
    with pytest.raises(tonelint.Error, match=expected):
        tonelint.Linter(lexicons=[path])


def test_a_missing_lexicon_raises_file_not_found(tmp_path):
    path = tmp_path / "missing.toml"
    with pytest.raises(FileNotFoundError) as caught:
        tonelint.Linter(lexicons=[path])
    assert caught.value.filename == str(path)
    assert str(path) in str(caught.value)
    with pytest.raises(OSError):
        tonelint.check("hello", lexicons=[str(path)])


def test_a_directory_is_not_a_lexicon(tmp_path):
    with pytest.raises(IsADirectoryError) as caught:
        tonelint.Linter(lexicons=[tmp_path])
    assert caught.value.filename == str(tmp_path)
