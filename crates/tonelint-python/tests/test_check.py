"""tonelint.check: findings, offsets, options, reports and their errors."""

import pytest

import tonelint

HARSH = (
    "You still haven't signed the discharge orders. "
    "This delay is unacceptable. I need you to do this right now."
)


def by_rule(report):
    return {f.rule: f for f in report.findings}


def test_harsh_text_flags_unacceptable_with_the_right_slice():
    report = tonelint.check(HARSH)
    finding = by_rule(report)["aggressive.unacceptable"]
    assert HARSH[finding.start : finding.end] == "unacceptable"
    assert finding.text == "unacceptable"
    assert finding.category == "aggressive"
    assert finding.severity == "warning"
    assert finding.line == 1
    assert finding.column == finding.start + 1, "one terminal cell per ASCII character"
    assert "judgement" in finding.message
    assert finding.rewrites, "every rule has at least one rewrite"
    rewrite = finding.rewrites[0]
    assert isinstance(rewrite.text, str) and rewrite.text
    assert rewrite.source == "000_f142cf3f49fb3e6e.txt"
    assert "demanding" in {f.category for f in report.findings}
    assert report.verdict != "assertive"
    assert report.score >= 4
    assert report.words == len(HARSH.split())


def test_findings_are_in_text_order():
    starts = [(f.start, f.end) for f in tonelint.check(HARSH).findings]
    assert starts == sorted(starts)


def test_non_ascii_slices():
    text = "Ce retard est inacceptable — this delay is unacceptable 😠"
    finding = by_rule(tonelint.check(text))["aggressive.unacceptable"]
    assert text[finding.start : finding.end] == "unacceptable"
    # The byte offset would be larger: "—" takes 3 bytes in UTF-8, one index in a str.
    assert finding.start == text.index("unacceptable")
    assert finding.start < len(text[: finding.start].encode())


@pytest.mark.parametrize(
    "text",
    [
        "Ce retard est inacceptable — this delay is unacceptable 😠",
        "😠😠😠 This is unacceptable!!! I need you to do this right now.",
        "Über-dringend: This delay is unacceptable.\r\nDo it ASAP. 谢谢",
        # A combining accent (two code points for one letter) and a ZWJ emoji sequence.
        "Cafe\u0301 notes: 👩\u200d⚕️ this is unacceptable, sign it right now!!",
        # Curly apostrophes and a zero-width space inside the flagged phrase.
        "You haven’t signed yet. This is un\u200bacceptable. Why didn’t you call me back?",
        "\t\u3000全角 This delay is unacceptable. 𝓤𝓷𝓲𝓬𝓸𝓭𝓮 I need you to sign it right now.",
    ],
)
def test_every_span_slices_to_its_text(text):
    report = tonelint.check(text, enable=["passive"])
    assert report.findings, "each sample has something to flag"
    for item in report.findings + report.strengths:
        assert text[item.start : item.end] == item.text
        assert 0 <= item.start < item.end <= len(text)


def test_strengths_and_a_negative_score():
    calm = (
        "I know you're juggling a lot today. "
        "What's the best way for us to get this completed today?"
    )
    report = tonelint.check(calm)
    assert report.findings == []
    assert report.verdict == "assertive"
    assert report.score == -2
    assert [s.id for s in report.strengths] == [
        "strength.acknowledge",
        "strength.collaborative-question",
    ]
    for strength in report.strengths:
        assert strength.rule == strength.id
        assert calm[strength.start : strength.end] == strength.text
        assert strength.message
        assert strength.source
        assert strength.line == 1


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \n"])
def test_empty_or_blank_text_has_no_findings(text):
    report = tonelint.check(text)
    assert report.findings == []
    assert report.strengths == []
    assert report.score == 0
    assert report.verdict == "assertive"
    assert report.words == 0


PASSIVE = "Sorry to bother you, I just wanted to check in."


def test_passive_is_off_unless_enabled():
    assert tonelint.check(PASSIVE).findings == []
    report = tonelint.check(PASSIVE, enable=["passive"])
    assert report.findings
    assert {f.category for f in report.findings} == {"passive"}
    for f in report.findings:
        assert PASSIVE[f.start : f.end] == f.text


def test_enable_takes_a_rule_id_and_any_iterable():
    ids = {f.rule for f in tonelint.check(PASSIVE, enable=["passive"]).findings}
    one = sorted(ids)[0]
    assert {f.rule for f in tonelint.check(PASSIVE, enable=(one,)).findings} == {one}
    assert {f.rule for f in tonelint.check(PASSIVE, enable={"passive"}).findings} == ids


def test_disable_a_category_and_a_rule():
    report = tonelint.check(HARSH, disable=["demanding"])
    assert "demanding" not in {f.category for f in report.findings}
    assert "aggressive.unacceptable" in by_rule(report)
    report = tonelint.check(HARSH, disable=["aggressive.unacceptable"])
    assert "aggressive.unacceptable" not in by_rule(report)
    assert report.findings


def test_only():
    report = tonelint.check(HARSH, only=["aggressive"])
    assert report.findings
    assert {f.category for f in report.findings} == {"aggressive"}


def test_allow():
    text = "This delay is unacceptable."
    assert tonelint.check(text).findings
    assert tonelint.check(text, allow=["{delay|wait} is unacceptable"]).findings == []


def test_severity_override():
    report = tonelint.check(HARSH, severity={"aggressive.unacceptable": "error"})
    assert by_rule(report)["aggressive.unacceptable"].severity == "error"
    report = tonelint.check(HARSH, severity={"demanding": "info"})
    assert {f.severity for f in report.findings if f.category == "demanding"} == {"info"}


def test_unknown_rule_raises_an_error_naming_it():
    with pytest.raises(tonelint.Error) as caught:
        tonelint.check(HARSH, disable=["agressive"])
    message = str(caught.value)
    assert "`agressive`" in message
    assert "did you mean `aggressive`" in message
    assert "--list-rules" not in message, "a command-line flag means nothing in Python"
    assert isinstance(caught.value, ValueError)
    with pytest.raises(ValueError, match="aggressive.no-such-rule"):
        tonelint.check(HARSH, enable=["aggressive.no-such-rule"])


def test_unknown_severity_raises_an_error_naming_it():
    with pytest.raises(tonelint.Error, match="unknown severity `fatal` for `aggressive`"):
        tonelint.check(HARSH, severity={"aggressive": "fatal"})
    with pytest.raises(tonelint.Error, match="`aggressive.nope`"):
        tonelint.check(HARSH, severity={"aggressive.nope": "error"})


def test_bad_allowed_phrase():
    with pytest.raises(tonelint.Error, match="allowed phrase"):
        tonelint.check(HARSH, allow=["{unclosed"])


@pytest.mark.parametrize("option", ["enable", "disable", "only", "allow", "lexicons"])
def test_a_lone_str_is_refused_where_a_list_is_expected(option):
    with pytest.raises(TypeError, match=rf"{option}=\['passive'\]"):
        tonelint.check(HARSH, **{option: "passive"})


def test_wrong_argument_types():
    with pytest.raises(TypeError):
        tonelint.check(b"This delay is unacceptable.")
    with pytest.raises(TypeError):
        tonelint.check(None)
    with pytest.raises(TypeError):
        tonelint.check(HARSH, enable=[1])
    with pytest.raises(TypeError, match="severity"):
        tonelint.check(HARSH, severity=["aggressive"])
    with pytest.raises(TypeError):
        tonelint.check(HARSH, "passive")  # options are keyword-only


def test_lone_surrogates_cannot_be_checked():
    # Such a str cannot be encoded as UTF-8; Python raises as it would for text.encode().
    with pytest.raises(UnicodeEncodeError):
        tonelint.check("This delay is unacceptable \ud83d.")


def test_value_objects():
    first = tonelint.check(HARSH).findings
    second = tonelint.check(HARSH).findings
    assert first == second
    assert len(set(first) | set(second)) == len(first)
    assert first[0] != first[1]
    assert first[0] != "not a finding"
    assert first[0].rewrites == second[0].rewrites
    with pytest.raises(AttributeError):
        first[0].rule = "other"
    with pytest.raises(TypeError):
        tonelint.Finding()


def test_lists_are_fresh_copies():
    report = tonelint.check(HARSH)
    findings = report.findings
    findings.clear()
    assert report.findings, "clearing a copy does not empty the report"


def test_reprs():
    text = "This delay is unacceptable."
    report = tonelint.check(text)
    assert repr(report) == (
        "<tonelint.Report verdict='aggressive' score=2 findings=1 strengths=0>"
    )
    finding = report.findings[0]
    assert repr(finding) == (
        "Finding(rule='aggressive.unacceptable', category='aggressive', "
        "severity='warning', start=14, end=26, text='unacceptable')"
    )
    # A draft with no clinical words gets the general wording first.
    assert repr(finding.rewrites[0]).startswith("Rewrite(text=")
    assert repr(finding.rewrites[0]).endswith("source='project', context='general')")
    # Python's own quoting and escaping.
    quoted = tonelint.check("It's unacceptable.\nI won't wait.").findings[0]
    assert "text='unacceptable'" in repr(quoted)
    strength = tonelint.check("Thanks for the update.").strengths[0]
    assert repr(strength) == (
        "Strength(id='strength.gratitude', start=0, end=6, text='Thanks')"
    )
    assert tonelint.Error.__module__ == "tonelint"
    assert repr(tonelint.Error("x")) == "Error('x')"
    for cls in (tonelint.Report, tonelint.Finding, tonelint.Rewrite, tonelint.Strength):
        assert cls.__module__ == "tonelint"


def test_version():
    assert tonelint.__version__ == "0.1.0"


def test_rewrites_fit_the_kind_of_message():
    ticket = "Ticket #4411: the refund has been pending for three weeks. This delay is unacceptable."
    ward = "The patient is ready for discharge and the orders are unsigned. This delay is unacceptable."
    first = {}
    for name, text in (("ticket", ticket), ("ward", ward)):
        finding = next(
            f for f in tonelint.check(text).findings if f.rule == "aggressive.unacceptable"
        )
        first[name] = finding.rewrites[0]
    assert first["ticket"].context == "general"
    assert first["ticket"].source_title is None
    assert first["ward"].context == "clinical"
    assert first["ward"].source == "000_f142cf3f49fb3e6e.txt"
    assert first["ward"].source_title is not None
