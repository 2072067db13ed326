"""Rule files: the bundled ones load; broken ones are refused with every problem at once."""
from __future__ import annotations

from pathlib import Path

import pytest
from conftest import CASES

from checker.rules import RuleError, default_rule_dirs, load_rules


def test_bundled_rules_load() -> None:
    rules = load_rules(default_rule_dirs())
    assert [r.id for r in rules] == sorted(r.id for r in rules)
    assert {r.slug for r in rules} >= {"count-mismatch", "casualty-mismatch", "money-mismatch", "date-mismatch",
                                       "role-holder-mismatch"}


def test_every_rule_has_passing_and_failing_cases() -> None:
    for rule in load_rules(default_rule_dirs()):
        path = CASES / "rules" / f"{rule.id}.toml"
        assert path.exists(), f"{rule.id} has no cases in {path}"
        text = path.read_text(encoding="utf-8")
        assert 'id = "pass_' in text, f"{rule.id} has no passing case"
        assert 'id = "fail_' in text or 'id = "info_' in text or 'id = "warning_' in text, f"{rule.id} has no failing case"


def test_broken_rule_files_report_every_problem(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('id = "bad id"\nslug = "Bad Slug"\ndescription = "x"\nseverity = "fatal"\n'
                                     '[applies]\nkinds = ["troops"]\n[comparator]\nname = "nope.v9"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text("id = [unclosed", encoding="utf-8")
    (tmp_path / "c.toml").write_text('id = "CC900"\nslug = "ok"\ndescription = "x"\nseverity = "error"\n'
                                     '[applies]\nkinds = ["count"]\n[comparator]\nname = "relative-tolerance.v1"\n'
                                     'tolerance = -1\n[severity_by_reason]\nbecause = "info"\n', encoding="utf-8")
    (tmp_path / "d.toml").write_text('id = "CC901"\nslug = "ok"\ndescription = "x"\nseverity = "error"\n'
                                     '[applies]\nkinds = ["time"]\n[comparator]\nname = "same-time.v1"\n'
                                     'approx_minutes = "a quarter"\n', encoding="utf-8")
    with pytest.raises(RuleError) as caught:
        load_rules([tmp_path])
    problems = caught.value.problems
    joined = "\n".join(problems)
    assert f"{tmp_path / 'a.toml'}: id: 'bad id' must look like CC101" in joined
    assert "slug: 'Bad Slug' must be lower-case" in joined
    assert "severity: 'fatal' must be one of info, warning, error" in joined
    assert "applies.kinds: 'troops' is not a claim kind" in joined
    assert "comparator.name: unknown comparator 'nope.v9'" in joined
    assert f"{tmp_path / 'b.toml'}: not valid TOML" in joined
    assert "comparator.tolerance: must be a number from 0 to 1, not -1" in joined
    assert "severity_by_reason.because: unknown reason" in joined
    assert "comparator.approx_minutes: must be a whole number from 0 to 720, not 'a quarter'" in joined


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    source = next(default_rule_dirs()[0].glob("CC101*.toml")).read_text(encoding="utf-8")
    (tmp_path / "one.toml").write_text(source, encoding="utf-8")
    with pytest.raises(RuleError, match="'CC101' is already used"):
        load_rules(default_rule_dirs() + [tmp_path])


def test_a_rating_pattern_without_its_grade_is_a_clear_lexicon_error(tmp_path) -> None:  # noqa: ANN001
    """A `[[ratings]]` pattern that does not say where the grade is stops the run with the
    lexicon's folder and the entry named, not with a traceback at the first article."""
    import shutil

    from checker.lexicon import LexiconError, load_lexicon
    from checker.resources import data_dir

    folder = tmp_path / "lexicon"
    shutil.copytree(data_dir("rules") / "lexicon", folder)
    quantities = folder / "quantities.toml"
    quantities.write_text(quantities.read_text(encoding="utf-8").replace("(?P<grade>[0-5])", "([0-5])"),
                          encoding="utf-8")
    with pytest.raises(LexiconError, match=r"lexicon: malformed lexicon .*'EF scale' has no group named 'grade'"):
        load_lexicon(folder)
