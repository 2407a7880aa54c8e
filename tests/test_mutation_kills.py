"""Behaviour that `make mutation` found unpinned in the core (schedules, scoring, history,
the diff of two snapshots, the structure and reference checks, the key-result kinds),
asserted with exact values through the public functions and the kinds' methods.

The period used throughout is 2026-Q4 (2026-10-01..2026-12-31). EPSILON (1e-9) is the
slack of every comparison with 1.0 and the thresholds: a value exactly EPSILON away
counts as reaching it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from okrcli.base.errors import OkrError
from okrcli.base.findings import Finding, Level, Location
from okrcli.base.numbers import EPSILON
from okrcli.check.places import places
from okrcli.check.structure import check_document
from okrcli.check.validation import validate_root
from okrcli.model.activity import Activity
from okrcli.model.config import StatusThresholds
from okrcli.model.kinds import (
    BaselineKeyResult,
    ChecklistItem,
    ChecklistKeyResult,
    Facts,
    JudgedKeyResult,
    MaintainKeyResult,
    MetricKeyResult,
    MilestoneKeyResult,
)
from okrcli.model.period import Period
from okrcli.read.documents import Document, parse_document
from okrcli.score.activity import forecast, misses, time_in_band
from okrcli.score.compare import (
    Diff,
    ObjectiveState,
    PeriodObjective,
    TeamQuarters,
    compare_periods,
    diff_documents,
    mark_mid_period,
)
from okrcli.score.results import CommittedSummary, History, Status
from okrcli.score.schedule import elapsed, line_status
from okrcli.score.scoring import (
    Selection,
    objective_score,
    score_key_result,
    score_period,
    weighted_mean,
)
from tests.conftest import write_files

Q4 = Period("quarter", 2026, 4)
OCT_1 = dt.date(2026, 10, 1)
MID_Q4 = dt.date(2026, 11, 15)
Q4_END = dt.date(2026, 12, 31)
DEFAULTS = StatusThresholds()
DAY = dt.timedelta(days=1)


def _doc(text: str, shown: str = "okrs/2026-Q4/platform.yaml") -> Document:
    """One valid OKR file from its YAML text."""
    raw = textwrap.dedent(text).encode("utf-8")
    document, findings = parse_document(raw, Path(shown), shown)
    assert document is not None, findings
    assert findings == []
    return document


def _file(objectives: str, *, period: str = "2026-Q4", team: str = "platform") -> Document:
    header = f"period: {period}\nteam: {team}\nowner: dana\nobjectives:\n"
    return _doc(header + objectives, f"okrs/{period}/{team}.yaml")


def _objective(ident: str, *rows: str, title: str = "Goal", kind: str = "committed") -> str:
    """An objective with key results written one per line in flow style."""
    lines = [f"  - id: {ident}", f"    title: {title}", f"    type: {kind}", "    key_results:"]
    return "\n".join(lines + [f"      - {{{row}}}" for row in rows]) + "\n"


# ---- schedules: the time line and the status boundaries --------------------------------


def test_elapsed_of_a_one_day_span() -> None:
    assert elapsed(OCT_1, OCT_1, OCT_1 - DAY) == 0.0
    assert elapsed(OCT_1, OCT_1, OCT_1) == 1.0
    assert elapsed(OCT_1, OCT_1 - DAY, OCT_1) == 1.0  # an empty span has passed


def test_a_score_epsilon_short_of_one_is_done() -> None:
    assert line_status(1.0 - EPSILON, 1.0, DEFAULTS) is Status.DONE
    assert line_status(1.0 - 2 * EPSILON, 1.0, DEFAULTS) is Status.ON_TRACK


def test_stalled_rule_boundaries() -> None:
    """No progress (a score of at most EPSILON) once `stalled_after` of the time line has
    passed (less EPSILON) is off-track, however generous the gaps."""
    wide = StatusThresholds(on_track_gap=0.5, at_risk_gap=0.5, stalled_after=0.3)
    assert line_status(EPSILON, 0.3, wide) is Status.OFF_TRACK
    assert line_status(2 * EPSILON, 0.3, wide) is Status.ON_TRACK
    assert line_status(0.0, 0.3 - EPSILON, wide) is Status.OFF_TRACK
    assert line_status(0.0, 0.3 - 2 * EPSILON, wide) is Status.ON_TRACK


def test_gap_boundaries_include_epsilon() -> None:
    never_stalled = StatusThresholds(on_track_gap=0.2, at_risk_gap=0.4, stalled_after=1.0)
    assert line_status(0.0, 0.2 + EPSILON, never_stalled) is Status.ON_TRACK
    assert line_status(0.0, 0.2 + 2 * EPSILON, never_stalled) is Status.AT_RISK
    assert line_status(0.0, 0.4 + EPSILON, never_stalled) is Status.AT_RISK
    assert line_status(0.0, 0.4 + 2 * EPSILON, never_stalled) is Status.OFF_TRACK


# ---- scoring -------------------------------------------------------------------------


def test_weighted_mean_of_nothing_is_zero() -> None:
    assert weighted_mean([]) == 0.0
    assert weighted_mean([(0.5, 1.0), (1.0, 3.0)]) == 0.875


def test_objective_without_key_results_is_off_track() -> None:
    document = _file("  - id: PLAT-1\n    title: Empty\n    type: committed\n    key_results: []\n")
    result = score_period([document], Selection(Q4), MID_Q4, DEFAULTS)
    (team,) = result.teams
    (objective,) = team.objectives
    assert (objective.score, objective.expected, objective.status) == (0.0, 0.0, Status.OFF_TRACK)


def test_a_committed_objective_epsilon_short_of_one_is_met() -> None:
    """0.999999999 is 1.0 - EPSILON exactly: at target, not missed: achieved (the
    period has ended), and its key result done."""
    almost = _objective(
        "PLAT-1", "id: PLAT-1.1, title: Almost, start: 0, target: 1, current: 0.999999999"
    )
    result = score_period([_file(almost)], Selection(Q4), Q4_END, DEFAULTS)
    (objective,) = result.teams[0].objectives
    assert objective.score == 1.0 - EPSILON
    assert objective.missed is False
    assert objective.status is Status.ACHIEVED
    assert objective.key_results[0].status is Status.DONE
    assert result.committed == CommittedSummary(count=1, at_target=1)


def test_finished_is_score_within_epsilon_of_one() -> None:
    def metric(current: float) -> MetricKeyResult:
        return MetricKeyResult(id="K1", title="Metric", start=0, target=1, current=current)

    assert metric(1.0 - EPSILON).finished() is True
    assert metric(1.0 - 2 * EPSILON).finished() is False


def test_holding_a_band_is_never_finished() -> None:
    inside = MaintainKeyResult(id="K1", title="Hold", kind="maintain", min=0, max=10, current=5)
    assert inside.score() == 1.0
    assert inside.finished() is False


def test_a_maintain_key_result_in_band_goes_outdated_without_checkins() -> None:
    """In band but not checked in since it was added 45 days ago (more than 14)."""
    inside = MaintainKeyResult(id="K1", title="Hold", kind="maintain", min=0, max=10, current=5)
    activity = Activity(added=OCT_1, checkins=(), values=((OCT_1, 5.0),))
    result = score_key_result(inside, None, Q4, MID_Q4, DEFAULTS, activity)
    assert result.status is Status.OUTDATED
    assert result.history == History(None, None, False, 1.0)


# ---- history: forecast, direction, time in band ---------------------------------------


def test_forecast_counts_a_checkin_on_the_day_itself() -> None:
    """The addition and three check-ins, the last on `as_of`: +1 a day, 91 at Dec 31."""
    values = tuple((OCT_1 + n * DAY, float(n)) for n in (0, 10, 20, 30))
    assert forecast(values, OCT_1, OCT_1 + 30 * DAY, Q4_END) == 91.0
    assert forecast(values, OCT_1, OCT_1 + 29 * DAY, Q4_END) is None


def test_misses_follows_the_direction_of_the_metric() -> None:
    assert misses(9.0, 0.0, 10.0) is True
    assert misses(10.0, 0.0, 10.0) is False
    assert misses(1.0, 10.0, 0.0) is True
    assert misses(0.0, 10.0, 0.0) is False


def test_time_in_band_counts_every_day() -> None:
    values = ((OCT_1, 5.0), (OCT_1 + DAY, 50.0))  # in band on Oct 1 only
    assert time_in_band(values, 0.0, 10.0, OCT_1, OCT_1 + 3 * DAY) == 0.25
    assert time_in_band(values, 0.0, 10.0, OCT_1, OCT_1) == 1.0  # as of the start itself


def test_time_in_band_before_the_first_value_is_unknown() -> None:
    values = ((OCT_1 + 4 * DAY, 5.0),)
    assert time_in_band(values, 0.0, 10.0, OCT_1, OCT_1 + 2 * DAY) is None
    assert time_in_band((), 0.0, 10.0, OCT_1, OCT_1 + 2 * DAY) is None
    assert time_in_band(values, 0.0, 10.0, OCT_1, OCT_1 - DAY) is None


# ---- the diff of two snapshots ---------------------------------------------------------


def test_diff_of_identical_snapshots_is_empty() -> None:
    document = _file(_objective("PLAT-1", "id: PLAT-1.1, title: Move, start: 0, target: 10"))
    assert diff_documents([document], [document]) == Diff()
    unchanged = diff_documents([document], [document], include_unchanged=True)
    assert [(c.id, c.change) for c in unchanged.key_results] == [("PLAT-1.1", "unchanged")]


def test_objective_states_carry_the_type() -> None:
    row = "id: PLAT-1.1, title: Move, start: 0, target: 10, current: 5"
    before = _file(_objective("PLAT-1", row, kind="committed"))
    after = _file(_objective("PLAT-1", row, kind="aspirational"))
    (change,) = diff_documents([before], [after]).objectives
    assert change.fields == ("type",)
    assert change.after == ObjectiveState(
        id="PLAT-1",
        team="platform",
        period=Q4,
        title="Goal",
        type="aspirational",
        score=0.5,
        values={
            "title": "Goal",
            "type": "aspirational",
            "owner": "dana",
            "aligns_to": None,
            "standalone": None,
            "carried_from": None,
        },
    )
    assert change.before is not None
    assert change.before.type == "committed"


def test_a_metric_turned_milestone_has_no_target_change() -> None:
    before = _file(_objective("PLAT-1", "id: PLAT-1.1, title: Ship, start: 0, target: 10"))
    after = _file(_objective("PLAT-1", "id: PLAT-1.1, title: Ship, kind: milestone"))
    (change,) = diff_documents([before], [after]).key_results
    assert change.fields == ("kind", "start", "target", "current", "done")
    assert change.target_change is None
    sides = [change.before, change.after]
    assert [(s.id, s.objective, s.team, s.period, s.kind) for s in sides if s is not None] == [
        ("PLAT-1.1", "PLAT-1", "platform", Q4, "metric"),
        ("PLAT-1.1", "PLAT-1", "platform", Q4, "milestone"),
    ]


def test_mid_period_marks_only_late_additions() -> None:
    row = "id: {}, title: Move, start: 0, target: 10, current: {}"
    before = _file(
        _objective("KEEP-1", row.format("KEEP-1.1", 1), title="Keep")
        + _objective("OLD-1", row.format("OLD-1.1", 1))
    )
    after = _file(
        _objective(
            "KEEP-1",
            row.format("KEEP-1.1", 2),
            row.format("NEW-1.1", 0),
            row.format("NEW-1.2", 0),
            title="Keep it",
        )
        + _objective("NEW-2", row.format("NEW-2.1", 0))
    )
    late = dt.datetime(2026, 11, 1, 12, tzinfo=dt.UTC)
    early = dt.datetime(2026, 10, 15, 12, tzinfo=dt.UTC)  # two weeks in: not yet late
    q4 = Period("quarter", 2026, 4)
    ids = ["KEEP-1", "KEEP-1.1", "OLD-1", "OLD-1.1", "NEW-1.1", "NEW-2"]
    introduced = {(q4, ident): late for ident in ids}
    introduced[q4, "NEW-2.1"] = early  # NEW-1.2: its commit is unknown
    diff = mark_mid_period(diff_documents([before], [after]), introduced)
    assert [(c.id, c.change, c.mid_period) for c in diff.key_results] == [
        ("KEEP-1.1", "changed", False),
        ("NEW-1.1", "added", True),
        ("NEW-1.2", "added", False),
        ("NEW-2.1", "added", False),
        ("OLD-1.1", "removed", False),
    ]
    assert [c.target_change for c in diff.key_results] == [None] * 5  # no target moved
    assert [(c.id, c.change, c.mid_period) for c in diff.objectives] == [
        ("KEEP-1", "changed", False),
        ("NEW-2", "added", True),
        ("OLD-1", "removed", False),
    ]


def test_an_objective_without_carried_from_carries_nothing_over() -> None:
    """Even from an earlier objective whose id is `None`."""
    row = "id: {}, title: Move, start: 0, target: 10, current: 5"
    earlier = _file(_objective('"None"', row.format("OLD-1.1")), period="2026-Q3")
    later = _file(_objective("PLAT-1", row.format("PLAT-1.1")))
    assert compare_periods([earlier], [later]) == [
        TeamQuarters(
            team="platform",
            score_from=0.5,
            score_to=0.5,
            carried=(),
            new=("PLAT-1",),
            dropped=("None",),
            objectives=(
                PeriodObjective("PLAT-1", "Goal", 0.5, "new"),
                PeriodObjective("None", "Goal", 0.5, "dropped"),
            ),
        )
    ]


# ---- checks -----------------------------------------------------------------------------


def test_check_document_checks_only_the_places_given() -> None:
    document = _file(
        "  - id: PLAT-1\n"
        "    title: Both\n"
        "    aligns_to: ACME-1\n"
        "    standalone: Our own bar.\n"
        "    key_results:\n"
        "      - {id: PLAT-1.1, title: Late, kind: milestone, due: 2027-01-15}\n"
    )
    objective, key_result = places(document)
    path = "okrs/2026-Q4/platform.yaml"
    both = Finding(
        Location(path, 8, 5),
        Level.ERROR,
        "OKR036",
        "PLAT-1: has both `aligns_to` and `standalone`",
        "keep `aligns_to` if it supports a goal, else keep `standalone`",
    )
    late = Finding(
        Location(path, 10, 59),
        Level.ERROR,
        "OKR035",
        "PLAT-1.1: due 2027-01-15 is outside 2026-Q4 (2026-10-01 to 2026-12-31)",
        "move the date into the period, or the key result into its own period's file",
    )
    assert check_document(document) == [both, late]
    assert check_document(document, [objective]) == [both]
    assert check_document(document, [key_result]) == [late]
    assert check_document(document, []) == []


def test_a_key_result_that_is_not_a_mapping(tmp_path: Path) -> None:
    text = (
        "period: 2026-Q4\nteam: platform\nowner: dana\nobjectives:\n"
        "  - id: PLAT-1\n    title: Reliable\n    standalone: Our own bar.\n"
        "    key_results:\n      - just a string\n"
    )
    root = write_files(tmp_path, {"okrs/2026-Q4/platform.yaml": text})
    findings = validate_root(root / "okrs").findings
    assert [(f.location.line, f.code, f.message, f.hint) for f in findings] == [
        (
            9,
            "OKR022",
            "PLAT-1: `key_results` must be a mapping of keys, not `just a string`",
            "`okr explain OKR022` describes the values each key takes",
        )
    ]


# ---- the kinds' own behaviour ----------------------------------------------------------


def test_maintain_describes_its_band() -> None:
    assert MaintainKeyResult.describe(Facts(current=5, minimum=1, maximum=10)) == "5 (>= 1 <= 10)"
    assert (
        MaintainKeyResult.describe(Facts(current=250, maximum=300, unit="ms")) == "250 ms (<= 300)"
    )


def test_checkin_without_a_value_or_with_an_item() -> None:
    metric = MetricKeyResult(id="K1", title="Metric", start=0, target=10)
    milestone = MilestoneKeyResult(id="K2", title="Ship", kind="milestone")
    with pytest.raises(OkrError) as metric_error:
        metric.checkin(None, None)
    assert str(metric_error.value) == "K1: give the new value"
    with pytest.raises(OkrError) as no_value:
        milestone.checkin(None, None)
    assert str(no_value.value) == "K2: give done or not-done"
    with pytest.raises(OkrError) as with_item:
        milestone.checkin("done", "Docs")
    assert str(with_item.value) == "--item is for checklist key results; K2 is a milestone"


def test_checkin_shows_large_whole_numbers_in_full() -> None:
    """A whole number checked in is written, and shown, as an integer."""
    metric = MetricKeyResult(id="K1", title="Users", start=0, target=5000000, current=12)
    change = metric.checkin("2500000", None)
    assert (change.updates, change.before, change.after) == (
        ((("current",), 2500000),),
        "12",
        "2500000",
    )
    assert isinstance(change.updates[0][1], int)


def test_checklist_checkin_of_an_item_already_done() -> None:
    items = [ChecklistItem(title=t, done=d) for t, d in (("a", True), ("b", True), ("c", False))]
    checklist = ChecklistKeyResult(id="K1", title="List", kind="checklist", items=items)
    undone = checklist.checkin("not-done", "a")
    assert (undone.updates, undone.before, undone.after) == (
        ((("items", 0, "done"), False),),
        "a done (2/3)",
        "not done (1/3)",
    )
    again = checklist.checkin(None, "b")
    assert (again.before, again.after) == ("b done (2/3)", "done (2/3)")


def test_a_metric_whose_target_equals_its_start_scores_by_reaching_it() -> None:
    """Invalid (OKR034) but found in history: 1.0 at the target, else 0.0, never a
    division by zero."""
    at_target = MetricKeyResult(id="K1", title="Flat", start=5, target=5, current=5)
    elsewhere = MetricKeyResult(id="K1", title="Flat", start=5, target=5, current=4)
    unset = MetricKeyResult(id="K1", title="Flat", start=5, target=5)  # current: the start
    assert (at_target.score(), elsewhere.score(), unset.score()) == (1.0, 0.0, 1.0)


def test_the_recorded_score_is_the_final_score_else_the_computed_one() -> None:
    graded = MetricKeyResult(id="K1", title="M", start=0, target=10, current=5, final_score=0.7)
    ungraded = MetricKeyResult(id="K1", title="M", start=0, target=10, current=5)
    assert (graded.recorded_score(), ungraded.recorded_score()) == (0.7, 0.5)


def test_a_check_in_shows_a_float_from_1e21_in_exponent_form() -> None:
    """Whole floats below 1e21 are shown in full; from 1e21, where Python's own repr
    switches to an exponent, the subject does too."""
    metric = MetricKeyResult(id="K1", title="Big", start=0, target=1)
    assert metric.checkin("1e21", None).after == "1e+21"
    assert metric.checkin("1e20", None).after == "100000000000000000000"


# ---- planning the next period: what each kind keeps ---------------------------------------


def test_a_planned_metric_starts_where_it_ended() -> None:
    """Where it ended at its target it starts over from its start; no unit, no key."""
    moved = MetricKeyResult(id="K1", title="M", start=0, target=10, current=4, unit="ms")
    reached = MetricKeyResult(id="K1", title="M", start=0, target=10, current=10)
    untouched = MetricKeyResult(id="K1", title="M", start=2, target=10)
    assert moved.planned_fields() == {"start": 4, "target": 10, "unit": "ms"}
    assert reached.planned_fields() == {"start": 0, "target": 10}
    assert untouched.planned_fields() == {"start": 2, "target": 10}


def test_a_planned_maintain_keeps_its_band_and_unit() -> None:
    both = MaintainKeyResult(
        id="K1", title="Hold", kind="maintain", min=1, max=5, current=3, unit="ms"
    )
    ceiling = MaintainKeyResult(id="K1", title="Hold", kind="maintain", max=300, current=250)
    assert both.planned_fields() == {"min": 1, "max": 5, "unit": "ms"}
    assert ceiling.planned_fields() == {"max": 300}


def test_a_planned_checklist_keeps_its_items_not_done() -> None:
    items = [ChecklistItem(title="a", done=True), ChecklistItem(title="b")]
    checklist = ChecklistKeyResult(id="K1", title="List", kind="checklist", items=items)
    assert checklist.planned_fields() == {"items": [{"title": "a"}, {"title": "b"}]}


def test_a_planned_baseline_keeps_its_unit_not_its_value() -> None:
    with_unit = BaselineKeyResult(id="K1", title="B", kind="baseline", current=7, unit="ms")
    without = BaselineKeyResult(id="K1", title="B", kind="baseline", current=7)
    assert (with_unit.planned_fields(), without.planned_fields()) == ({"unit": "ms"}, {})


# ---- judged key results --------------------------------------------------------------------


def test_a_judged_key_result_scores_its_judgement_and_zero_before_one() -> None:
    judged = JudgedKeyResult(id="K1", title="J", kind="judged", current=0.6)
    unjudged = JudgedKeyResult(id="K1", title="J", kind="judged")
    assert (judged.score(), unjudged.score()) == (0.6, 0.0)
    assert (judged.facts(), unjudged.facts()) == (Facts(current=0.6), Facts())


def test_a_judgement_is_from_0_to_1_inclusive() -> None:
    unjudged = JudgedKeyResult(id="K1", title="J", kind="judged")
    judged = JudgedKeyResult(id="K1", title="J", kind="judged", current=0.25)
    low, high = unjudged.checkin("0", None), judged.checkin("1", None)
    assert (low.updates, low.before, low.after) == (((("current",), 0),), "-", "0")
    assert (high.updates, high.before, high.after) == (((("current",), 1),), "0.25", "1")
    for outside in ("-0.1", "1.5"):
        with pytest.raises(OkrError) as error:
            judged.checkin(outside, None)
        assert (str(error.value), error.value.hint) == (
            f"K1 is judged on 0.0-1.0, not {outside}",
            "give a score such as 0.6 (about 0.7 is a good result for an ambitious goal)",
        )


def test_a_judged_check_in_without_a_value_or_with_an_item() -> None:
    judged = JudgedKeyResult(id="K1", title="J", kind="judged")
    with pytest.raises(OkrError) as no_value:
        judged.checkin(None, None)
    assert str(no_value.value) == "K1: give your judgement, a score from 0.0 to 1.0"
    with pytest.raises(OkrError) as with_item:
        judged.checkin("0.5", "Docs")
    assert str(with_item.value) == "--item is for checklist key results; K1 is judged"


def test_a_judgement_in_words() -> None:
    assert JudgedKeyResult.describe(Facts(current=0.6)) == "0.60 judged"
    assert JudgedKeyResult.describe(Facts()) == "not judged yet"
    assert JudgedKeyResult.describe_change(Facts(current=0.6)) == "0.60"
    assert JudgedKeyResult.describe_change(Facts()) == "-"


# ---- references held back for a file that did not load, and what they name ---------------

REFERENCE_CODES = {"OKR032", "OKR040", "OKR043"}  # unknown alignment, carried_from, held back


def _goal(period: str, team: str, ident: str, extra: str = "standalone: Our own bar.") -> str:
    """A file of one objective `ident` (`extra`: its aligns_to, standalone, carried_from)."""
    keys = extra.replace("\n", "\n    ")
    return (
        f"period: {period}\nteam: {team}\nowner: dana\nobjectives:\n"
        f"  - id: {ident}\n    title: Goal\n    {keys}\n"
        f"    key_results:\n      - {{id: {ident}.1, title: Move, start: 0, target: 10}}\n"
    )


def _broken(period: str, team: str) -> str:
    """A file that does not load (a misspelt key)."""
    return _goal(period, team, "BROKEN-1").replace("target:", "taget:")


def _references(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, str]]:
    """The reference findings of a root of `files`: (path, code, message)."""
    findings = validate_root(write_files(tmp_path / "okrs", files)).findings
    return [
        (Path(f.location.path).relative_to(tmp_path).as_posix(), f.code, f.message)
        for f in findings
        if f.code in REFERENCE_CODES
    ]


def _waiting(path: str, count: int = 1) -> tuple[str, str, str]:
    references = "1 reference" if count == 1 else f"{count} references"
    message = f"{references} into this file's period wait for it: it did not load"
    return (path, "OKR043", message)


def test_an_explicit_reference_waits_only_for_the_period_it_names(tmp_path: Path) -> None:
    """`2026-Q3/ACME-1` from 2026-Q4 waits for a broken 2026-Q3 file; with 2026-Q3 loaded
    and a broken file elsewhere (the quarter's own), it is reported: it names no goal."""
    platform = _goal("2026-Q4", "platform", "PLAT-1", "aligns_to: 2026-Q3/ACME-1")
    waits = {"2026-Q3/company.yaml": _broken("2026-Q3", "company")}
    assert _references(tmp_path / "a", {**waits, "2026-Q4/platform.yaml": platform}) == [
        _waiting("okrs/2026-Q3/company.yaml")
    ]
    loaded = {
        "2026-Q3/company.yaml": _goal("2026-Q3", "company", "ACME-2"),
        "2026-Q4/web.yaml": _broken("2026-Q4", "web"),
        "2026-Q4/platform.yaml": platform,
    }
    assert _references(tmp_path / "b", loaded) == [
        (
            "okrs/2026-Q4/platform.yaml",
            "OKR032",
            "PLAT-1: aligns_to `2026-Q3/ACME-1` names no objective or key result in 2026-Q4",
        )
    ]


def test_an_explicit_carried_from_waits_only_for_the_period_it_names(tmp_path: Path) -> None:
    platform = _goal("2026-Q4", "platform", "PLAT-1", "carried_from: 2026-Q3/PLAT-9")
    waits = {"2026-Q3/platform.yaml": _broken("2026-Q3", "platform")}
    assert _references(tmp_path / "a", {**waits, "2026-Q4/platform.yaml": platform}) == [
        _waiting("okrs/2026-Q3/platform.yaml")
    ]
    loaded = {
        "2026-Q2/platform.yaml": _broken("2026-Q2", "platform"),  # earlier, but not named
        "2026-Q3/platform.yaml": _goal("2026-Q3", "platform", "PLAT-1"),
        "2026-Q4/platform.yaml": platform,
    }
    assert _references(tmp_path / "b", loaded) == [
        (
            "okrs/2026-Q4/platform.yaml",
            "OKR040",
            "PLAT-1: carried_from `2026-Q3/PLAT-9` names no objective in 2026-Q3",
        )
    ]


def test_a_plain_carried_from_waits_for_earlier_periods_only(tmp_path: Path) -> None:
    """A broken file of the objective's own period cannot hold what it carries from."""
    files = {
        "2026-Q4/web.yaml": _broken("2026-Q4", "web"),
        "2026-Q4/platform.yaml": _goal("2026-Q4", "platform", "PLAT-1", "carried_from: PLAT-9"),
    }
    assert _references(tmp_path, files) == [
        (
            "okrs/2026-Q4/platform.yaml",
            "OKR040",
            "PLAT-1: carried_from `PLAT-9` names no objective in an earlier period",
        )
    ]


def test_fiscal_references_are_read_with_the_roots_calendar(tmp_path: Path) -> None:
    """`FY27/...` and `FY27-Q1/...` name fiscal periods: found where they load, waiting
    for the files that do not."""
    growth = _goal("FY27-Q2", "growth", "GROW-1", "carried_from: FY27-Q1/GROW-1")
    web = _goal("FY27-Q2", "web", "WEB-1", "aligns_to: FY27/ACME-1\ncarried_from: FY27-Q1/WEB-1")
    files = {
        "okrcli.yaml": "calendar:\n  fiscal_year_start: 2\n",
        "FY27/company.yaml": _broken("FY27", "company"),
        "FY27-Q1/growth.yaml": _goal("FY27-Q1", "growth", "GROW-1"),
        "FY27-Q1/web.yaml": _broken("FY27-Q1", "web"),
        "FY27-Q2/growth.yaml": growth,
        "FY27-Q2/web.yaml": web,
    }
    assert _references(tmp_path, files) == [
        _waiting("okrs/FY27-Q1/web.yaml"),
        _waiting("okrs/FY27/company.yaml"),
    ]


def test_an_unknown_alignment_names_the_period_that_has_the_id(tmp_path: Path) -> None:
    """Of `2026/ACME-1` the id is `ACME-1`: 2026-Q3 has it, out of 2026-Q4's reach."""
    files = {
        "2026-Q3/company.yaml": _goal("2026-Q3", "company", "ACME-1"),
        "2026-Q4/platform.yaml": _goal("2026-Q4", "platform", "PLAT-1", "aligns_to: 2026/ACME-1"),
    }
    findings = validate_root(write_files(tmp_path / "okrs", files)).findings
    assert [(f.code, f.message, f.hint) for f in findings if f.code == "OKR032"] == [
        (
            "OKR032",
            "PLAT-1: aligns_to `2026/ACME-1` names no objective or key result in 2026-Q4",
            "`ACME-1` is in 2026-Q3; an objective aligns within its period or to one that "
            "encloses it (its half or year)",
        )
    ]


def test_a_plain_carried_from_names_the_latest_earlier_period_that_has_the_id(
    tmp_path: Path,
) -> None:
    """`PLAT-1` is an objective in 2026-Q2 and a key result in 2026-Q3: the latest wins,
    and a key result is not what carried_from names."""
    q3 = _goal("2026-Q3", "platform", "PLAT-2").replace("id: PLAT-2.1", "id: PLAT-1")
    files = {
        "2026-Q2/platform.yaml": _goal("2026-Q2", "platform", "PLAT-1"),
        "2026-Q3/platform.yaml": q3,
        "2026-Q4/platform.yaml": _goal("2026-Q4", "platform", "PLAT-3", "carried_from: PLAT-1"),
    }
    assert _references(tmp_path, files) == [
        (
            "okrs/2026-Q4/platform.yaml",
            "OKR040",
            "PLAT-3: carried_from `PLAT-1` is a key result of 2026-Q3",
        )
    ]


# ---- scores of a reopened period, and carry-overs between periods ------------------------


def test_an_override_kept_by_a_reopen_counts_only_once_the_period_is_closed() -> None:
    """`okr reopen` keeps an overridden final score; the open period is scored from the
    values again (and `objective_score` scores an objective as open by default)."""
    row = (
        "id: PLAT-1.1, title: Move, start: 0, target: 10, current: 5, "
        "final_score: 0.9, override_reason: the survey came late"
    )
    reopened = _file(_objective("PLAT-1", row))
    closed = _doc(
        "period: 2026-Q4\nteam: platform\nowner: dana\nclosed: 2027-01-05\nobjectives:\n"
        + _objective("PLAT-1", row)
    )
    (objective,) = reopened.okr.objectives
    assert (objective_score(objective), objective_score(objective, closed=True)) == (0.5, 0.9)
    change = diff_documents([reopened], [closed]).objectives
    assert [
        (c.id, c.fields, c.before and c.before.score, c.after and c.after.score) for c in change
    ] == [("PLAT-1", ("score",), 0.5, 0.9)]


def test_a_carried_from_that_names_nothing_in_the_earlier_period_carries_nothing() -> None:
    """Neither an id the earlier period lacks nor one qualified with another period."""
    row = "id: {}, title: Move, start: 0, target: 10, current: 5"
    earlier = _file(_objective("PLAT-1", row.format("PLAT-1.1")), period="2026-Q3")
    later = _file(
        _objective("PLAT-2", row.format("PLAT-2.1")).replace(
            "    type:", "    carried_from: PLAT-9\n    type:"
        )
        + _objective("PLAT-3", row.format("PLAT-3.1")).replace(
            "    type:", "    carried_from: 2026-Q2/PLAT-1\n    type:"
        )
    )
    (team,) = compare_periods([earlier], [later])
    assert (team.team, team.score_from, team.score_to) == ("platform", 0.5, 0.5)
    assert (team.carried, team.new, team.dropped) == ((), ("PLAT-2", "PLAT-3"), ("PLAT-1",))
    assert [(o.id, o.change, o.carried_from) for o in team.objectives] == [
        ("PLAT-2", "new", None),
        ("PLAT-3", "new", None),
        ("PLAT-1", "dropped", None),
    ]
