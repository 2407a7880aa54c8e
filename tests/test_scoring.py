"""The scoring core (`okrcli.score`), pinned with worked numbers and properties.

1. Worked numbers: each kind's score, the time line (expected progress), every status
   branch, grades, objective/team/period means, the committed and aspirational summaries,
   the owner filter and the default period.
2. Properties: scores stay in 0.0-1.0, a metric moving toward its target never loses
   score, a higher score never gives a worse status, and the elapsed share of a period
   stays in 0.0-1.0 and never goes down as time passes. Inputs range over everything
   the models accept: finite numbers up to 1e15 in size, weights up to 1000.

The period used throughout is 2026-Q4: 2026-10-01..2026-12-31, 92 days; 2026-11-15 is
day 46, exactly half of it.
"""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from okrcli.model.config import StatusThresholds
from okrcli.model.fields import MAX_MAGNITUDE
from okrcli.model.kinds import (
    AnyKeyResult,
    BaselineKeyResult,
    ChecklistItem,
    ChecklistKeyResult,
    MaintainKeyResult,
    MetricKeyResult,
    MilestoneKeyResult,
)
from okrcli.model.okr_file import Objective, OkrFile
from okrcli.model.period import Period
from okrcli.read.documents import Document, parse_document
from okrcli.read.positions import Marks
from okrcli.score.results import (
    AspirationalSummary,
    CommittedSummary,
    Grade,
    KeyResultResult,
    ObjectiveResult,
    PeriodResult,
    Status,
    grade,
)
from okrcli.score.schedule import elapsed, line_status
from okrcli.score.scoring import (
    Selection,
    default_period,
    score_key_result,
    score_objective,
    score_period,
)
from tests.conftest import GOOD_FILE

Q4 = Period("quarter", 2026, 4)
Q4_START = dt.date(2026, 10, 1)
Q4_END = dt.date(2026, 12, 31)
MID_Q4 = dt.date(2026, 11, 15)  # day 46 of 92: exactly half the period has passed
DEFAULTS = StatusThresholds()

# Worse to better, for the monotonicity property.
STATUS_RANK = {Status.OFF_TRACK: 0, Status.AT_RISK: 1, Status.ON_TRACK: 2, Status.DONE: 3}


# ---- helpers ----------------------------------------------------------------------------


def _metric(
    start: float, target: float, current: float | None = None, due: dt.date | None = None
) -> MetricKeyResult:
    return MetricKeyResult(
        id="K1", title="Metric", start=start, target=target, current=current, due=due
    )


def _milestone(done: bool = False, due: dt.date | None = None) -> MilestoneKeyResult:
    return MilestoneKeyResult(id="K1", title="Milestone", kind="milestone", done=done, due=due)


def _checklist(done: int, total: int, due: dt.date | None = None) -> ChecklistKeyResult:
    items = [ChecklistItem(title=f"Item {i}", done=i < done) for i in range(total)]
    return ChecklistKeyResult(id="K1", title="Checklist", kind="checklist", items=items, due=due)


def _maintain(
    current: float | None, low: float | None = None, high: float | None = None
) -> MaintainKeyResult:
    return MaintainKeyResult(
        id="K1", title="Maintain", kind="maintain", min=low, max=high, current=current
    )


def _baseline(current: float | None, due: dt.date | None = None) -> BaselineKeyResult:
    return BaselineKeyResult(id="K1", title="Baseline", kind="baseline", current=current, due=due)


def _score_kr(
    key_result: AnyKeyResult,
    as_of: dt.date,
    thresholds: StatusThresholds = DEFAULTS,
) -> KeyResultResult:
    return score_key_result(key_result, None, Q4, as_of, thresholds)


def _doc(text: str, shown: str = "okrs/2026-Q4/platform.yaml") -> Document:
    """Parse one OKR file's YAML text; the text must be valid."""
    raw = textwrap.dedent(text).encode("utf-8")
    document, findings = parse_document(raw, Path(shown), shown)
    assert document is not None, findings
    assert findings == []
    return document


def _objective_yaml(
    oid: str, done: int, total: int, *, kind: str = "committed", owner: str | None = None
) -> str:
    """One objective with one checklist key result: its score is exactly done / total."""
    lines = [f"  - id: {oid}", f"    title: Objective {oid}", f"    type: {kind}"]
    if owner is not None:
        lines.append(f"    owner: {owner}")
    lines += [
        "    key_results:",
        f"      - id: {oid}.1",
        "        title: A checklist",
        "        kind: checklist",
        "        items:",
    ]
    for i in range(total):
        lines.append(f"          - title: Item {i}")
        lines.append(f"            done: {'true' if i < done else 'false'}")
    return "\n".join(lines) + "\n"


def _file(
    team: str, *objectives: str, period: str = "2026-Q4", owner: str | None = "dana"
) -> Document:
    header = f"period: {period}\nteam: {team}\n"
    if owner is not None:
        header += f"owner: {owner}\n"
    return _doc(header + "objectives:\n" + "".join(objectives), f"okrs/{period}/{team}.yaml")


def _only_objective(document: Document, as_of: dt.date = MID_Q4) -> ObjectiveResult:
    (objective,) = document.okr.objectives
    return score_objective(objective, document, as_of, DEFAULTS)


def _period(
    documents: list[Document],
    as_of: dt.date = MID_Q4,
    team: str | None = None,
    owner: str | None = None,
) -> PeriodResult:
    return score_period(documents, Selection(Q4, team, owner), as_of, DEFAULTS)


# ---- 1. key result scores ---------------------------------------------------------------


def test_metric_increasing_worked_number() -> None:
    assert _metric(92, 99.5, 96.1).score() == pytest.approx((96.1 - 92) / 7.5)
    assert _metric(92, 99.5, 96.1).score() == pytest.approx(0.546666666)


def test_metric_decreasing_worked_number() -> None:
    assert _metric(900, 400, 650).score() == pytest.approx(0.5)
    assert _metric(900, 400, 525).score() == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("start", "target", "current", "expected"),
    [
        (92, 99.5, 99.5, 1.0),  # exactly at target
        (92, 99.5, 100, 1.0),  # beyond target: clamped
        (92, 99.5, 80, 0.0),  # below start: clamped
        (900, 400, 400, 1.0),
        (900, 400, 300, 1.0),  # decreasing, beyond target
        (900, 400, 1000, 0.0),  # decreasing, worse than start
    ],
)
def test_metric_clamps_to_zero_and_one(
    start: float, target: float, current: float, expected: float
) -> None:
    assert _metric(start, target, current).score() == pytest.approx(expected)


def test_metric_current_missing_scores_as_start() -> None:
    key_result = _metric(92, 99.5)
    assert key_result.score() == 0.0
    result = _score_kr(key_result, MID_Q4)
    assert result.score == 0.0
    assert result.facts.current == 92


def test_milestone_score() -> None:
    assert _milestone(done=True).score() == 1.0
    assert _milestone(done=False).score() == 0.0
    assert _milestone().score() == 0.0


@pytest.mark.parametrize(
    ("done", "total", "expected"),
    [(3, 6, 0.5), (0, 1, 0.0), (4, 4, 1.0), (1, 3, 1 / 3)],
)
def test_checklist_share_of_items_done(done: int, total: int, expected: float) -> None:
    assert _checklist(done, total).score() == pytest.approx(expected)


def test_checklist_result_counts_items() -> None:
    result = _score_kr(_checklist(3, 6), MID_Q4)
    assert (result.facts.items_done, result.facts.items_total) == (3, 6)


@pytest.mark.parametrize(
    ("current", "low", "high", "expected"),
    [
        (200, None, 250, 1.0),  # only max, inside
        (250, None, 250, 1.0),  # only max, on the bound
        (251, None, 250, 0.0),  # only max, above
        (99.9, 99.5, None, 1.0),  # only min, inside
        (99.5, 99.5, None, 1.0),  # only min, on the bound
        (99.4, 99.5, None, 0.0),  # only min, below
        (5, 1, 10, 1.0),  # both, inside
        (1, 1, 10, 1.0),  # both, on the lower bound
        (10, 1, 10, 1.0),  # both, on the upper bound
        (0.5, 1, 10, 0.0),  # both, below the band
        (11, 1, 10, 0.0),  # both, above the band
        (None, 1, 10, 0.0),  # current missing
        (None, None, 250, 0.0),
        (None, 99.5, None, 0.0),
    ],
)
def test_maintain_band(
    current: float | None, low: float | None, high: float | None, expected: float
) -> None:
    assert _maintain(current, low, high).score() == expected


@pytest.mark.parametrize(
    ("current", "expected"),
    [(None, 0.0), (0.0, 1.0), (42.5, 1.0), (-3, 1.0)],
)
def test_baseline_done_once_recorded(current: float | None, expected: float) -> None:
    assert _baseline(current).score() == expected


# ---- 2. objective score and expected: weighted means ------------------------------------


def test_objective_score_is_weighted_mean() -> None:
    document = _doc(
        """\
        period: 2026-Q4
        team: platform
        objectives:
          - id: O1
            title: Weighted
            key_results:
              - id: K1
                title: Heavy and done
                kind: milestone
                done: true
                weight: 2
              - id: K2
                title: Light and not done
                kind: milestone
                done: false
        """
    )
    result = _only_objective(document)
    assert result.score == pytest.approx(2 / 3)
    assert result.score == pytest.approx(0.6667, abs=1e-4)
    assert [kr.weight for kr in result.key_results] == [2.0, 1.0]


def test_objective_weight_defaults_to_one() -> None:
    document = _doc(
        """\
        period: 2026-Q4
        team: platform
        objectives:
          - id: O1
            title: Unweighted
            key_results:
              - id: K1
                title: Half way
                start: 0
                target: 10
                current: 5
              - id: K2
                title: Done
                kind: milestone
                done: true
              - id: K3
                title: Nothing yet
                kind: baseline
        """
    )
    assert _only_objective(document).score == pytest.approx(0.5)


def test_objective_expected_is_weighted_mean() -> None:
    # Metric (weight 3): expected 0.5 on 2026-11-15. Milestone due 2026-11-01 (weight 1):
    # past due, so expected 1.0. (3 * 0.5 + 1 * 1.0) / 4 = 0.625.
    document = _doc(
        """\
        period: 2026-Q4
        team: platform
        objectives:
          - id: O1
            title: Weighted expected
            key_results:
              - id: K1
                title: Metric
                start: 0
                target: 10
                current: 5
                weight: 3
              - id: K2
                title: Milestone
                kind: milestone
                due: 2026-11-01
        """
    )
    result = _only_objective(document, MID_Q4)
    assert [kr.expected for kr in result.key_results] == [pytest.approx(0.5), 1.0]
    assert result.expected == pytest.approx(0.625)
    assert result.score == pytest.approx(0.375)
    # gap 0.25: at-risk
    assert result.status == Status.AT_RISK


def test_sample_file_scores() -> None:
    # conftest's GOOD_FILE: metric 92 -> 99.5 at 96.1, plus a milestone not done.
    document = _doc(GOOD_FILE)
    result = _only_objective(document, MID_Q4)
    metric, milestone = result.key_results
    assert metric.score == pytest.approx(0.5466666666)
    assert metric.expected == pytest.approx(0.5)
    assert metric.status == Status.ON_TRACK
    assert milestone.score == 0.0
    assert milestone.status == Status.ON_TRACK  # due 2026-12-15: 30 days left
    assert result.score == pytest.approx(0.2733333333)
    assert result.owner == "dana"
    assert metric.owner == "dana"


# ---- 3. expected progress: the time line ------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (dt.date(2026, 9, 30), 0.0),  # the day before the period
        (dt.date(2026, 1, 1), 0.0),  # long before
        (Q4_START, 1 / 92),  # first day
        (MID_Q4, 0.5),  # day 46 of 92
        (dt.date(2026, 12, 30), 91 / 92),
        (Q4_END, 1.0),  # last day
        (dt.date(2027, 1, 1), 1.0),  # the day after
        (dt.date(2027, 6, 30), 1.0),
    ],
)
def test_expected_follows_the_period(as_of: dt.date, expected: float) -> None:
    assert elapsed(Q4_START, Q4_END, as_of) == pytest.approx(expected)
    assert _score_kr(_metric(0, 10, 5), as_of).expected == pytest.approx(expected)
    assert _score_kr(_checklist(1, 2), as_of).expected == pytest.approx(expected)


def test_q4_is_92_days() -> None:
    assert (Q4.start, Q4.end) == (Q4_START, Q4_END)
    assert (Q4.end - Q4.start).days + 1 == 92


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (Q4_START, 1 / 46),
        (dt.date(2026, 10, 23), 0.5),  # day 23 of 46
        (dt.date(2026, 11, 15), 1.0),  # its due date
        (dt.date(2026, 11, 20), 1.0),  # after its due date, period still running
    ],
)
def test_expected_follows_own_due_date(as_of: dt.date, expected: float) -> None:
    due = dt.date(2026, 11, 15)
    result = _score_kr(_metric(0, 10, 5, due=due), as_of)
    assert result.expected == pytest.approx(expected)
    assert result.due == due
    assert _score_kr(_checklist(1, 2, due=due), as_of).expected == pytest.approx(expected)


@pytest.mark.parametrize(
    ("key_result", "status"),
    [
        (_metric(0, 10, 5, due=dt.date(2026, 11, 15)), Status.OVERDUE),
        (_metric(0, 10, 10, due=dt.date(2026, 11, 15)), Status.DONE),
        (_checklist(1, 2, due=dt.date(2026, 11, 15)), Status.OVERDUE),
        (_checklist(2, 2, due=dt.date(2026, 11, 15)), Status.DONE),
        (_milestone(due=dt.date(2026, 11, 15)), Status.OVERDUE),
        (_baseline(None, dt.date(2026, 11, 15)), Status.OVERDUE),
        (_baseline(2.0, dt.date(2026, 11, 15)), Status.DONE),
    ],
)
def test_past_its_due_date_and_not_done_is_overdue(
    key_result: AnyKeyResult, status: Status
) -> None:
    """The day after its due date; on the due date itself it is not yet overdue."""
    assert _score_kr(key_result, dt.date(2026, 11, 16)).status == status
    assert _score_kr(key_result, dt.date(2026, 11, 15)).status != Status.OVERDUE


def test_a_band_is_never_overdue() -> None:
    """Holding a band has no deadline: outside it is off-track, inside on-track."""
    due = dt.date(2026, 11, 15)
    outside = MaintainKeyResult(id="K1", title="Hold", kind="maintain", max=10, current=11, due=due)
    inside = MaintainKeyResult(id="K1", title="Hold", kind="maintain", max=10, current=9, due=due)
    assert _score_kr(outside, dt.date(2026, 12, 1)).status == Status.OFF_TRACK
    assert _score_kr(inside, dt.date(2026, 12, 1)).status == Status.ON_TRACK


def test_overdue_outranks_outdated() -> None:
    """A milestone past its due date with no check-in for weeks: overdue, the more
    serious news; the same one before its due date is not judged stale at all."""
    from okrcli.model.activity import Activity

    due = dt.date(2026, 11, 1)
    silent = Activity(added=Q4_START, checkins=(), values=())
    late = score_key_result(_milestone(due=due), None, Q4, MID_Q4, DEFAULTS, silent)
    assert late.status == Status.OVERDUE
    assert late.history is not None and late.history.last_checkin is None
    stale_metric = score_key_result(_metric(0, 10, 5), None, Q4, MID_Q4, DEFAULTS, silent)
    assert stale_metric.status == Status.OUTDATED


def test_ended_and_closed_periods_are_never_overdue() -> None:
    due = dt.date(2026, 11, 1)
    assert _score_kr(_milestone(due=due), Q4_END).status == Status.ENDED
    closed = score_key_result(_milestone(due=due), None, Q4, MID_Q4, DEFAULTS, closed=MID_Q4)
    assert closed.status == Status.ENDED


def test_dated_says_whether_the_due_date_matters() -> None:
    """Set in the file, or a kind that follows one (milestone, baseline)."""
    assert _score_kr(_metric(0, 10, 5), MID_Q4).dated is False
    assert _score_kr(_metric(0, 10, 5, due=dt.date(2026, 12, 1)), MID_Q4).dated is True
    assert _score_kr(_milestone(), MID_Q4).dated is True
    assert _score_kr(_baseline(None), MID_Q4).dated is True
    assert _score_kr(_checklist(1, 2), MID_Q4).dated is False


def test_due_defaults_to_period_end() -> None:
    assert _score_kr(_metric(0, 10, 5), MID_Q4).due == Q4_END
    assert _score_kr(_milestone(), MID_Q4).due == Q4_END


# ---- 4. statuses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "expected", "status"),
    [
        (1.0, 0.0, Status.DONE),  # done, even before it was expected
        (1.0, 1.0, Status.DONE),
        (0.0, 0.0, Status.ON_TRACK),  # nothing expected yet
        (0.9, 0.5, Status.ON_TRACK),  # ahead of the line
        (0.5, 0.5, Status.ON_TRACK),  # on the line
        (0.3, 0.4, Status.ON_TRACK),  # gap exactly 0.1 (0.10000000000000003 in floats)
        (0.5, 0.6, Status.ON_TRACK),  # gap exactly 0.1 (0.09999999999999998)
        (0.35, 0.5, Status.AT_RISK),  # gap 0.15
        (0.39, 0.5, Status.AT_RISK),  # gap 0.11
        (0.5, 0.8, Status.AT_RISK),  # gap exactly 0.3 (0.30000000000000004)
        (0.49, 0.8, Status.OFF_TRACK),  # gap 0.31
        (0.1, 0.9, Status.OFF_TRACK),
        (0.0, 0.6, Status.OFF_TRACK),  # stalled (and far behind)
        (0.0, 0.59, Status.OFF_TRACK),  # not stalled, but gap 0.59 > 0.3
        (0.0, 0.3, Status.AT_RISK),  # no progress, gap exactly 0.3
        (0.0, 0.1, Status.ON_TRACK),  # no progress, gap exactly 0.1
    ],
)
def test_line_status_default_thresholds(score: float, expected: float, status: Status) -> None:
    assert line_status(score, expected, DEFAULTS) == status


def test_stalled_rule_on_its_own() -> None:
    # With at_risk_gap 1.0 the gap alone can never say off-track: only the stalled rule can.
    lenient = StatusThresholds(at_risk_gap=1.0)
    assert line_status(0.0, 0.6, lenient) == Status.OFF_TRACK  # stalled at exactly 0.6
    assert line_status(0.0, 0.9, lenient) == Status.OFF_TRACK
    assert line_status(0.0, 0.59, lenient) == Status.AT_RISK  # before stalled_after
    assert line_status(0.01, 0.6, lenient) == Status.AT_RISK  # some progress: not stalled
    assert line_status(0.01, 1.0, lenient) == Status.AT_RISK


def test_stalled_rule_with_custom_stalled_after() -> None:
    early = StatusThresholds(stalled_after=0.2)
    assert line_status(0.0, 0.2, early) == Status.OFF_TRACK  # a gap of 0.2 alone: at-risk
    assert line_status(0.0, 0.19, early) == Status.AT_RISK
    assert line_status(0.05, 0.2, early) == Status.AT_RISK  # some progress: gap 0.15
    assert line_status(0.1, 0.2, early) == Status.ON_TRACK  # gap 0.1


def test_custom_gaps() -> None:
    tight = StatusThresholds(on_track_gap=0.05, at_risk_gap=0.1)
    assert line_status(0.45, 0.5, tight) == Status.ON_TRACK
    assert line_status(0.44, 0.5, tight) == Status.AT_RISK
    assert line_status(0.4, 0.5, tight) == Status.AT_RISK
    assert line_status(0.39, 0.5, tight) == Status.OFF_TRACK


def test_metric_status_through_score_key_result() -> None:
    # Half way through the period (expected 0.5).
    assert _score_kr(_metric(0, 10, 4), MID_Q4).status == Status.ON_TRACK  # gap 0.1
    assert _score_kr(_metric(0, 10, 3), MID_Q4).status == Status.AT_RISK  # gap 0.2
    assert _score_kr(_metric(0, 10, 1), MID_Q4).status == Status.OFF_TRACK  # gap 0.4
    assert _score_kr(_metric(0, 10, 10), MID_Q4).status == Status.DONE
    # No progress on 2026-11-25 (day 56 of 92: 0.6087 >= 0.6): stalled.
    stalled = _score_kr(_metric(0, 10), dt.date(2026, 11, 25), StatusThresholds(at_risk_gap=1.0))
    assert stalled.expected == pytest.approx(56 / 92)
    assert stalled.status == Status.OFF_TRACK
    # Day 55 (0.5978): not yet stalled.
    waiting = _score_kr(_metric(0, 10), dt.date(2026, 11, 24), StatusThresholds(at_risk_gap=1.0))
    assert waiting.status == Status.AT_RISK


@pytest.mark.parametrize(
    ("as_of", "expected", "status"),
    [
        (dt.date(2026, 10, 1), 0.0, Status.ON_TRACK),  # 75 days left
        (dt.date(2026, 11, 30), 0.0, Status.ON_TRACK),  # 15 days left
        (dt.date(2026, 12, 1), 0.0, Status.AT_RISK),  # 14 days left
        (dt.date(2026, 12, 15), 0.0, Status.AT_RISK),  # the due date itself
        (dt.date(2026, 12, 16), 1.0, Status.OVERDUE),  # past due, not done
        (dt.date(2027, 1, 10), 1.0, Status.ENDED),  # the period has ended: graded
    ],
)
def test_milestone_follows_due_date(as_of: dt.date, expected: float, status: Status) -> None:
    due = dt.date(2026, 12, 15)
    result = _score_kr(_milestone(done=False, due=due), as_of)
    assert (result.expected, result.status) == (expected, status)
    done = _score_kr(_milestone(done=True, due=due), as_of)
    assert (done.expected, done.status) == (expected, Status.DONE)


def test_milestone_due_soon_days_is_configurable() -> None:
    due = dt.date(2026, 12, 15)
    week = StatusThresholds(due_soon_days=7)
    assert _score_kr(_milestone(due=due), dt.date(2026, 12, 7), week).status == Status.ON_TRACK
    assert _score_kr(_milestone(due=due), dt.date(2026, 12, 8), week).status == Status.AT_RISK


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (dt.date(2026, 12, 16), Status.ON_TRACK),  # 15 days before the period end
        (dt.date(2026, 12, 17), Status.AT_RISK),  # 14 days
        (dt.date(2026, 12, 30), Status.AT_RISK),
        (Q4_END, Status.ENDED),  # the last day ends the period: graded, not tracked
        (dt.date(2027, 1, 1), Status.ENDED),
    ],
)
def test_baseline_follows_due_date(as_of: dt.date, status: Status) -> None:
    assert _score_kr(_baseline(None), as_of).status == status
    assert _score_kr(_baseline(3.5), as_of).status == Status.DONE


def test_baseline_with_own_due_date() -> None:
    due = dt.date(2026, 10, 31)
    assert _score_kr(_baseline(None, due), dt.date(2026, 10, 16)).status == Status.ON_TRACK
    assert _score_kr(_baseline(None, due), dt.date(2026, 10, 17)).status == Status.AT_RISK
    late = _score_kr(_baseline(None, due), dt.date(2026, 11, 1))
    assert (late.expected, late.status) == (1.0, Status.OVERDUE)


@pytest.mark.parametrize(
    ("as_of", "status"),
    [
        (Q4_START, Status.ON_TRACK),
        (dt.date(2026, 12, 30), Status.ON_TRACK),
        (Q4_END, Status.DONE),  # in band at the period end
        (dt.date(2027, 1, 15), Status.DONE),
    ],
)
def test_maintain_in_band(as_of: dt.date, status: Status) -> None:
    assert _score_kr(_maintain(5, 1, 10), as_of).status == status


@pytest.mark.parametrize("as_of", [Q4_START, MID_Q4, dt.date(2026, 12, 30)])
def test_maintain_out_of_band_is_off_track(as_of: dt.date) -> None:
    assert _score_kr(_maintain(11, 1, 10), as_of).status == Status.OFF_TRACK
    assert _score_kr(_maintain(None, 1, 10), as_of).status == Status.OFF_TRACK


@pytest.mark.parametrize("as_of", [Q4_END, dt.date(2027, 1, 15)])
def test_an_ended_period_grades_key_results(as_of: dt.date) -> None:
    """Once the period has ended nothing is on, off or behind track: a key result is
    done or ended, with its grade; none is outdated."""
    out = _score_kr(_maintain(11, 1, 10), as_of)
    assert (out.status, out.grade) == (Status.ENDED, Grade.RED)
    behind = _score_kr(_metric(0, 10, 8), as_of)
    assert (behind.status, behind.grade) == (Status.ENDED, Grade.GREEN)
    assert _score_kr(_metric(0, 10, 10), as_of).status == Status.DONE


# ---- 5. grades --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0.0, Grade.RED),
        (0.39, Grade.RED),
        (0.4, Grade.YELLOW),
        (0.69, Grade.YELLOW),
        (0.7, Grade.GREEN),
        (1.0, Grade.GREEN),
    ],
)
def test_grade_bands(score: float, expected: Grade) -> None:
    assert grade(score) == expected


def test_grade_of_results() -> None:
    assert _score_kr(_metric(92, 99.5, 96.1), MID_Q4).grade == Grade.YELLOW
    document = _file("platform", _objective_yaml("O1", 7, 10))
    assert _only_objective(document).grade == Grade.GREEN


# ---- 6. objectives achieved or missed once the period has ended ------------------------


@pytest.mark.parametrize(
    ("done", "total", "kind", "as_of", "achieved", "status"),
    [
        (1, 2, "committed", Q4_END, False, Status.MISSED),  # 0.5 at the end
        (1, 2, "committed", dt.date(2027, 1, 10), False, Status.MISSED),
        (1, 2, "committed", dt.date(2026, 12, 30), None, Status.OFF_TRACK),  # still running
        (2, 2, "committed", Q4_END, True, Status.ACHIEVED),  # 1.0 at the end
        (3, 4, "committed", Q4_END, False, Status.MISSED),  # 0.75: committed needs 1.0
        (1, 2, "aspirational", Q4_END, False, Status.MISSED),  # 0.5: below the green band
        (7, 10, "aspirational", Q4_END, True, Status.ACHIEVED),  # 0.7: a good result
        (3, 4, "aspirational", Q4_END, True, Status.ACHIEVED),
    ],
)
def test_achieved_or_missed(
    done: int, total: int, kind: str, as_of: dt.date, achieved: bool | None, status: Status
) -> None:
    document = _file("platform", _objective_yaml("O1", done, total, kind=kind))
    result = _only_objective(document, as_of)
    assert (result.achieved, result.missed, result.status) == (achieved, achieved is False, status)


def test_committed_missed_with_float_noise() -> None:
    # Three thirds add up to 1.0 only up to float noise; that is not a miss.
    document = _doc(
        """\
        period: 2026-Q4
        team: platform
        objectives:
          - id: O1
            title: Thirds
            type: committed
            key_results:
              - {id: K1, title: a, start: 0, target: 3, current: 3, weight: 0.1}
              - {id: K2, title: b, start: 0, target: 3, current: 3, weight: 0.1}
              - {id: K3, title: c, start: 0, target: 3, current: 3, weight: 0.1}
        """
    )
    result = _only_objective(document, Q4_END)
    assert result.score == pytest.approx(1.0)
    assert result.missed is False


# ---- 7. teams, periods and the summaries -----------------------------------------------


def _three_teams() -> list[Document]:
    return [
        _file("platform", _objective_yaml("P1", 2, 2), _objective_yaml("P2", 0, 2)),
        _file("growth", _objective_yaml("G1", 3, 4)),
        # Another period: never part of 2026-Q4.
        _file("growth", _objective_yaml("X1", 0, 1), period="2026-Q3"),
    ]


def test_team_and_period_means() -> None:
    result = _period(_three_teams())
    assert result.period == Q4
    assert [team.team for team in result.teams] == ["growth", "platform"]
    growth, platform = result.teams
    assert growth.score == pytest.approx(0.75)
    assert platform.score == pytest.approx(0.5)
    # Mean of the three objectives (1.0, 0.0, 0.75), not of the two team means (0.625).
    assert result.score == pytest.approx(1.75 / 3)
    assert [o.id for o in result.objectives] == ["G1", "P1", "P2"]
    assert result.elapsed == pytest.approx(0.5)
    assert result.ended is False


def test_team_filter() -> None:
    result = _period(_three_teams(), team="growth")
    assert [team.team for team in result.teams] == ["growth"]
    assert result.score == pytest.approx(0.75)


def test_period_without_objectives() -> None:
    result = _period(_three_teams(), team="nobody")
    assert result.teams == ()
    assert result.score is None
    assert result.committed.share is None
    assert result.aspirational.verdict is None


def test_period_ended() -> None:
    assert _period(_three_teams(), as_of=dt.date(2026, 12, 30)).ended is False
    assert _period(_three_teams(), as_of=Q4_END).ended is True


def test_committed_share() -> None:
    documents = [
        _file(
            "platform",
            _objective_yaml("C1", 2, 2),
            _objective_yaml("C2", 0, 2),
            _objective_yaml("C3", 1, 2),
            _objective_yaml("A1", 2, 2, kind="aspirational"),
        )
    ]
    committed = _period(documents).committed
    assert (committed.count, committed.at_target) == (3, 1)
    assert committed.share == pytest.approx(1 / 3)


def test_committed_summary_share() -> None:
    assert CommittedSummary(4, 3).share == pytest.approx(0.75)
    assert CommittedSummary(0, 0).share is None


@pytest.mark.parametrize(
    ("average", "verdict"),
    [
        (1.0, "too safe"),
        (0.86, "too safe"),
        (0.85, "healthy"),
        (0.7, "healthy"),
        (0.6, "healthy"),
        (0.59, "investigate"),
        (0.0, "investigate"),
        (None, None),
    ],
)
def test_aspirational_verdict_boundaries(average: float | None, verdict: str | None) -> None:
    assert AspirationalSummary(0 if average is None else 1, average).verdict == verdict


@pytest.mark.parametrize(
    ("scores", "average", "verdict"),
    [
        ([(17, 20)], 0.85, "healthy"),
        ([(1, 1), (7, 10)], 0.85, "healthy"),
        ([(43, 50)], 0.86, "too safe"),
        ([(3, 5)], 0.6, "healthy"),
        ([(1, 2), (7, 10)], 0.6, "healthy"),
        ([(59, 100)], 0.59, "investigate"),
    ],
)
def test_aspirational_summary_of_a_period(
    scores: list[tuple[int, int]], average: float, verdict: str
) -> None:
    objectives = [
        _objective_yaml(f"A{i}", done, total, kind="aspirational")
        for i, (done, total) in enumerate(scores)
    ]
    committed = _objective_yaml("C1", 0, 1)  # committed ones are not averaged in
    summary = _period([_file("platform", committed, *objectives)]).aspirational
    assert summary.count == len(scores)
    assert summary.average == pytest.approx(average)
    assert summary.verdict == verdict


# ---- 8. the owner filter ----------------------------------------------------------------

OWNERS_FILE = """\
period: 2026-Q4
team: platform
owner: dana
objectives:
  - id: DANA-1
    title: Owned by dana through the file
    key_results:
      - {id: D1, title: inherits dana, kind: milestone, done: true}
      - {id: D2, title: owned by lee, kind: milestone, owner: lee}
  - id: LEE-1
    title: Owned by lee
    owner: lee
    key_results:
      - {id: L1, title: inherits lee, kind: milestone, done: true}
      - {id: L2, title: owned by dana, kind: milestone, owner: dana}
      - {id: L3, title: also inherits lee, kind: milestone, done: true}
  - id: SAM-1
    title: Owned by sam, nothing for dana
    owner: sam
    key_results:
      - {id: S1, title: inherits sam, kind: milestone}
"""


def test_owners_inherit() -> None:
    result = _period([_doc(OWNERS_FILE)])
    owners = {kr.id: kr.owner for o in result.objectives for kr in o.key_results}
    assert owners == {
        "D1": "dana",
        "D2": "lee",
        "L1": "lee",
        "L2": "dana",
        "L3": "lee",
        "S1": "sam",
    }
    assert [o.owner for o in result.objectives] == ["dana", "lee", "sam"]


def test_owner_filter_dana() -> None:
    result = _period([_doc(OWNERS_FILE)], owner="dana")
    shown = {o.id: [kr.id for kr in o.key_results] for o in result.objectives}
    # Her own objective whole (even lee's key result in it); only her key result of lee's.
    assert shown == {"DANA-1": ["D1", "D2"], "LEE-1": ["L2"]}
    by_id = {o.id: o for o in result.objectives}
    assert by_id["DANA-1"].score == pytest.approx(0.5)
    # The objective's score stays that of the whole objective (2 of 3), not of L2 (0.0).
    assert by_id["LEE-1"].score == pytest.approx(2 / 3)
    assert result.score == pytest.approx((0.5 + 2 / 3) / 2)


def test_owner_filter_lee_and_sam() -> None:
    lee = _period([_doc(OWNERS_FILE)], owner="lee")
    shown = {o.id: [kr.id for kr in o.key_results] for o in lee.objectives}
    assert shown == {"DANA-1": ["D2"], "LEE-1": ["L1", "L2", "L3"]}
    assert {o.id: o.score for o in lee.objectives} == {
        "DANA-1": pytest.approx(0.5),
        "LEE-1": pytest.approx(2 / 3),
    }
    sam = _period([_doc(OWNERS_FILE)], owner="sam")
    assert [o.id for o in sam.objectives] == ["SAM-1"]
    assert _period([_doc(OWNERS_FILE)], owner="nobody").objectives == ()


# ---- 9. the default period --------------------------------------------------------------


def _documents_of(*periods: str) -> list[Document]:
    return [_file("platform", _objective_yaml("O1", 0, 1), period=p) for p in periods]


@pytest.mark.parametrize(
    ("as_of", "period"),
    [
        (MID_Q4, "2026-Q4"),  # has files
        (dt.date(2026, 7, 1), "2026-Q3"),  # has files
        (dt.date(2027, 5, 1), "2027-Q1"),  # 2027-Q2 has none: the latest
        (dt.date(2025, 1, 1), "2027-Q1"),  # before everything: still the latest
        (dt.date(2026, 4, 1), "2027-Q1"),  # a gap in the middle: the latest
    ],
)
def test_default_period(as_of: dt.date, period: str) -> None:
    documents = _documents_of("2026-Q4", "2027-Q1", "2026-Q3")
    assert default_period(documents, as_of) == Period.parse(period)


def test_default_period_without_documents() -> None:
    assert default_period([], MID_Q4) is None


# ---- 10. known disagreements with the rules (extreme but valid numbers) ----------------


def test_numbers_that_could_overflow_a_score_are_refused() -> None:
    """The models bound numbers (|x| <= 1e15, weight <= 1000, all finite), so no score
    can overflow to inf or nan: found by the properties below before the bounds."""
    with pytest.raises(ValidationError):
        _metric(-1e308, 1e308, 1e308)
    with pytest.raises(ValidationError):
        _metric(0, float("inf"), 1)
    with pytest.raises(ValidationError):
        MilestoneKeyResult(id="K1", title="t", kind="milestone", done=True, weight=1e308)


def test_objective_score_with_the_largest_weights() -> None:
    krs: list[AnyKeyResult] = [
        MilestoneKeyResult(id=f"K{i}", title="t", kind="milestone", done=True, weight=1000)
        for i in range(2)
    ]
    objective = Objective(id="O1", title="o", key_results=krs)
    okr = OkrFile(period=Q4, team="platform", objectives=[objective])
    document = Document("okrs/2026-Q4/platform.yaml", Path("x.yaml"), okr, Marks())
    assert score_objective(objective, document, MID_Q4, DEFAULTS).score == pytest.approx(1.0)


# ---- 11. properties ---------------------------------------------------------------------

finite = st.floats(min_value=-MAX_MAGNITUDE, max_value=MAX_MAGNITUDE)
maybe_finite = st.none() | finite
weights = st.floats(min_value=0, max_value=1000, exclude_min=True)
q4_dates = st.dates(min_value=Q4_START, max_value=Q4_END)
any_dates = st.dates(min_value=dt.date(2025, 1, 1), max_value=dt.date(2028, 12, 31))


@st.composite
def metrics(draw: st.DrawFn) -> MetricKeyResult:
    start = draw(finite)
    target = draw(finite.filter(lambda value: value != start))
    return MetricKeyResult(
        id="K1",
        title="Metric",
        start=start,
        target=target,
        current=draw(maybe_finite),
        weight=draw(weights),
        due=draw(st.none() | q4_dates),
    )


@st.composite
def key_results(draw: st.DrawFn) -> AnyKeyResult:
    weight = draw(weights)
    due = draw(st.none() | q4_dates)
    kind = draw(st.sampled_from(["metric", "milestone", "checklist", "maintain", "baseline"]))
    if kind == "metric":
        return draw(metrics())
    if kind == "milestone":
        return MilestoneKeyResult(
            id="K1", title="t", kind="milestone", done=draw(st.booleans()), weight=weight, due=due
        )
    if kind == "checklist":
        done = draw(st.lists(st.booleans(), min_size=1, max_size=12))
        items = [ChecklistItem(title="i", done=flag) for flag in done]
        return ChecklistKeyResult(
            id="K1", title="t", kind="checklist", items=items, weight=weight, due=due
        )
    if kind == "maintain":
        return MaintainKeyResult(
            id="K1",
            title="t",
            kind="maintain",
            min=draw(maybe_finite),
            max=draw(maybe_finite),
            current=draw(maybe_finite),
            weight=weight,
            due=due,
        )
    return BaselineKeyResult(
        id="K1", title="t", kind="baseline", current=draw(maybe_finite), weight=weight, due=due
    )


@st.composite
def thresholds(draw: st.DrawFn) -> StatusThresholds:
    gaps = sorted(draw(st.lists(st.floats(0, 1), min_size=2, max_size=2)))
    return StatusThresholds(
        on_track_gap=gaps[0],
        at_risk_gap=gaps[1],
        stalled_after=draw(st.floats(0, 1)),
        due_soon_days=draw(st.integers(0, 100)),
    )


@settings(max_examples=300, deadline=None)
@given(key_results(), any_dates, thresholds())
def test_key_result_score_and_expected_within_bounds(
    key_result: AnyKeyResult, as_of: dt.date, limits: StatusThresholds
) -> None:
    score = key_result.score()
    assert 0.0 <= score <= 1.0
    result = score_key_result(key_result, None, Q4, as_of, limits)
    assert 0.0 <= result.score <= 1.0
    assert 0.0 <= result.expected <= 1.0


@settings(max_examples=200, deadline=None)
@given(st.lists(key_results(), max_size=6), any_dates, thresholds())
def test_objective_score_within_bounds(
    krs: list[AnyKeyResult], as_of: dt.date, limits: StatusThresholds
) -> None:
    objective = Objective(id="O1", title="o", key_results=krs)
    okr = OkrFile(period=Q4, team="platform", objectives=[objective])
    document = Document("okrs/2026-Q4/platform.yaml", Path("x.yaml"), okr, Marks())
    result = score_objective(objective, document, as_of, limits)
    assert 0.0 <= result.score <= 1.0
    assert 0.0 <= result.expected <= 1.0


def _toward_target(start: float, target: float, old: float, new: float) -> bool:
    """`new` lies between `old` and the target, or beyond the target (away from start)."""
    between = min(old, target) <= new <= max(old, target)
    beyond = new >= target if target > start else new <= target
    return between or beyond


@settings(max_examples=300, deadline=None)
@given(finite, finite, finite, finite)
def test_metric_moving_toward_target_never_lowers_score(
    start: float, target: float, old: float, new: float
) -> None:
    assume(start != target)
    assume(_toward_target(start, target, old, new))
    before = _metric(start, target, old).score()
    after = _metric(start, target, new).score()
    assert after >= before


@settings(max_examples=300, deadline=None)
@given(
    st.floats(0, 1),
    st.floats(0, 1),
    st.floats(0, 1),
    st.one_of(st.just(DEFAULTS), thresholds()),
)
def test_line_status_monotonic_in_score(
    a: float, b: float, expected: float, limits: StatusThresholds
) -> None:
    low, high = sorted((a, b))
    worse = line_status(low, expected, limits)
    better = line_status(high, expected, limits)
    assert STATUS_RANK[better] >= STATUS_RANK[worse]


@settings(max_examples=300, deadline=None)
@given(any_dates, any_dates, any_dates, any_dates)
def test_elapsed_bounded_and_non_decreasing(
    start: dt.date, end: dt.date, a: dt.date, b: dt.date
) -> None:
    earlier, later = sorted((a, b))
    first = elapsed(start, end, earlier)
    second = elapsed(start, end, later)
    assert 0.0 <= first <= 1.0
    assert 0.0 <= second <= 1.0
    assert second >= first
