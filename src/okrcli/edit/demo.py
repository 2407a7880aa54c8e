"""`okr demo`: a git repository built from the bundled sample, with a quarter of weekly
check-in commits by several people, so that status, diff, history and report have real
history to show.

The story: the Q3 files land at the end of Q3, open; on 1 October Q3 is closed (`okr
close`, with the sample's grades, reflections and decisions; tagged `okr/2026-Q3`) and
Q4 is planned from it (`okr plan`), then kicked off: the Q4 files at their kickoff
values. Every Friday each team checks in, moving toward the values the bundled files end
with. Along the way one target is eased (PLAT-3.1), one key result is added mid-period
(SUP-2.3), one is dropped (SUP-2.4), and one goes stale (ACME-1.1: no check-in after
mid-October). `before_close` stops at the end of Q3, for the user to close and plan.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from okrcli.base.errors import OkrError
from okrcli.edit.roundtrip import round_trip_edit

if TYPE_CHECKING:
    from okrcli.edit.closing import Closing
    from okrcli.read.documents import Document

WEEKS = 7
FIRST_FRIDAY = dt.date(2026, 10, 9)
STALE = "ACME-1.1"
EASED = ("PLAT-3.1", 140, 150)  # id, kickoff target, eased target
LATE_ADDITION = ("support", "SUP-2.3", 3)  # team, id, the week it is added
DROPPED_WEEK = 4  # when a key result the sample drops is dropped
AUTHORS = {
    "company": ("Maya Lind", "maya@acme.example"),
    "platform": ("Dana Ruiz", "dana@acme.example"),
    "growth": ("Priya Nair", "priya@acme.example"),
    "support": ("Omar Haddad", "omar@acme.example"),
}


@dataclass(frozen=True)
class _KeyResult:
    objective: int
    index: int
    final: dict[str, Any]


def sample_root() -> Path:
    """The bundled okrs/ (beside the package in a checkout, or installed with it)."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "sample", package.parent.parent / "okrs"):
        if candidate.is_dir():
            return candidate
    raise OkrError("the bundled sample OKRs were not found")


def build_demo(target: Path, *, before_close: bool = False) -> list[str]:
    """Create the demo repository at `target`; return the commit subjects, oldest first.
    `before_close` stops at the end of 2026-Q3, before it is closed: the quarterly
    review (`okr close`, `okr plan`) is left for the user to try."""
    from okrcli.history.git import commit_all, init_repository

    if target.exists() and any(target.iterdir()):
        raise OkrError(f"{target} exists and is not empty; pick a new folder")
    sample = sample_root()
    target.mkdir(parents=True, exist_ok=True)
    init_repository(target)
    subjects: list[str] = []

    def commit(message: str, when: dt.datetime, author: tuple[str, str]) -> None:
        commit_all(target, message, when, author)
        subjects.append(message.split("\n", 1)[0])

    q3 = target / "okrs" / "2026-Q3"
    shutil.copytree(sample / "2026-Q3", q3)
    for file in sorted(q3.glob("*.yaml")):
        file.write_text(_before_close(file.read_text(encoding="utf-8")), encoding="utf-8")
    commit("okr: 2026-Q3 final check-ins", _at(dt.date(2026, 9, 30)), AUTHORS["company"])
    if before_close:
        return subjects
    _review(target, sample, commit)
    finals = {
        f.stem: f.read_text(encoding="utf-8") for f in sorted((sample / "2026-Q4").glob("*.yaml"))
    }
    q4 = target / "okrs" / "2026-Q4"
    q4.mkdir(exist_ok=True)
    for team, text in finals.items():
        (q4 / f"{team}.yaml").write_text(_kickoff(team, text), encoding="utf-8")
    commit("okr: 2026-Q4 kickoff", _at(KICKOFF), AUTHORS["company"])
    for week in range(1, WEEKS + 1):
        day = FIRST_FRIDAY + dt.timedelta(weeks=week - 1)
        for team, final in finals.items():
            message = _check_in_week(q4 / f"{team}.yaml", team, final, week)
            if message:
                commit(message, _at(day), AUTHORS.get(team, AUTHORS["company"]))
    return subjects


KICKOFF = dt.date(2026, 10, 1)


def _at(day: dt.date, hour: int = 16) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, 0), dt.UTC)


def _before_close(text: str) -> str:
    """A closed file of the sample as it was before `okr close`: no close date, grades,
    reflections or decisions."""
    from okrcli.edit.roundtrip import remove_key

    def reopen(document: Any) -> None:
        remove_key(document, "closed")
        for objective in document["objectives"]:
            for key in ("reflection", "decision"):
                remove_key(objective, key)
            for kr in objective.get("key_results", []):
                for key in ("override_reason", "final_score"):
                    remove_key(kr, key)

    return round_trip_edit(text, reopen)


def _review(target: Path, sample: Path, commit: Callable[[str, dt.datetime, Any], None]) -> None:
    """The 2026-Q3 review as `okr close` and `okr plan` make it, with the sample's
    grades, reflections and decisions; the close is tagged."""
    from okrcli.edit.closing import close, write_all
    from okrcli.edit.planning import Planning, plan
    from okrcli.history.git import tag_head

    root = target / "okrs"
    closing = _closing_of(sample / "2026-Q3")
    closed = close(_documents(root / "2026-Q3"), closing)
    write_all(closed.edits)
    score = closed.score or 0.0
    message = f"okr: close {closing.period} (score {score:.2f})"
    commit(message, _at(KICKOFF, 10), AUTHORS["company"])
    tag_head(target, f"okr/{closing.period}", message, _at(KICKOFF, 10), AUTHORS["company"])
    planning = Planning(closing.period.next(), closing.period)
    for planned in plan(_documents(root / "2026-Q3"), root, planning):
        planned.file.parent.mkdir(parents=True, exist_ok=True)
        planned.file.write_text(planned.text, encoding="utf-8")
    commit(
        f"okr: plan {planning.period} from {planning.source}", _at(KICKOFF, 11), AUTHORS["company"]
    )


def _documents(folder: Path) -> list[Document]:
    from okrcli.read.documents import load_files

    return load_files(sorted(folder.glob("*.yaml")), folder.parent).documents


def _closing_of(folder: Path) -> Closing:
    """What the sample's closed files record: the close date, the overridden grades with
    their reasons, the reflections and the decisions."""
    from okrcli.edit.closing import Closing

    documents = _documents(folder)
    first = documents[0].okr
    assert first.closed is not None, "the sample's 2026-Q3 is closed"
    objectives = [o for d in documents for o in d.okr.objectives]
    overrides = [kr for o in objectives for kr in o.key_results if kr.override_reason]
    return Closing(
        first.period,
        first.closed,
        grades={kr.id: kr.final_score or 0.0 for kr in overrides},
        reasons={kr.id: kr.override_reason or "" for kr in overrides},
        reflections={o.id: o.reflection for o in objectives if o.reflection},
        decisions={o.id: o.decision for o in objectives if o.decision},
    )


def _kickoff(team: str, final: str) -> str:
    """The file as it stood on 1 October: every value at its start."""
    late_team, late_id, _ = LATE_ADDITION
    text = _without_key_result(final, late_id) if team == late_team else final

    def reset(document: Any) -> None:
        for objective in document["objectives"]:
            for kr in objective.get("key_results", []):
                _reset(kr)

    return round_trip_edit(text, reset)


def _reset(kr: Any) -> None:
    """The demo's kickoff: each kind back at its start (a kind the script does not know
    keeps its values); nothing dropped yet."""
    from okrcli.edit.roundtrip import remove_key

    reset = _KICKOFF.get(kr.get("kind", "metric"))
    if reset is not None:
        reset(kr)
    remove_key(kr, "dropped")
    if kr["id"] == EASED[0]:
        kr["target"] = EASED[1]


def _kickoff_metric(kr: Any) -> None:
    if "current" in kr:
        kr["current"] = kr["start"]


def _kickoff_milestone(kr: Any) -> None:
    if "done" in kr:
        kr["done"] = False


def _kickoff_checklist(kr: Any) -> None:
    for item in kr["items"]:
        item["done"] = False


def _kickoff_baseline(kr: Any) -> None:
    if "current" in kr:
        kr["current"] = None


def _kickoff_judged(kr: Any) -> None:
    if "current" in kr:
        kr["current"] = 0.3  # the owner's first judgement


_KICKOFF: dict[str, Callable[[Any], None]] = {
    "metric": _kickoff_metric,
    "milestone": _kickoff_milestone,
    "checklist": _kickoff_checklist,
    "baseline": _kickoff_baseline,
    "judged": _kickoff_judged,
}


def _without_key_result(text: str, ident: str) -> str:
    """Drop one key result's lines (it is added back mid-period)."""
    lines = text.splitlines(keepends=True)
    start, end = _block(lines, ident)
    return "".join(lines[:start] + lines[end:])


def _check_in_week(file: Path, team: str, final_text: str, week: int) -> str:
    """Move the file one week toward its final values; return the commit message."""
    from ruamel.yaml import YAML

    final = YAML(typ="safe", pure=True).load(final_text)
    notes: list[str] = []
    text = file.read_text(encoding="utf-8")
    late_team, late_id, late_week = LATE_ADDITION
    if team == late_team and week == late_week:
        text = _with_key_result(text, final_text, late_id)
        notes.append(f"{late_id} added: a baseline we found we need")

    def move(document: Any) -> None:
        for objective in document["objectives"]:
            for kr in objective.get("key_results", []):
                final_kr = _find(final, kr["id"])
                if final_kr is not None:
                    _advance(kr, final_kr, week, notes)

    file.write_text(round_trip_edit(text, move), encoding="utf-8")
    if not notes:
        return ""
    return f"okr: {team} weekly check-in, week {week}\n\n" + "\n".join(notes)


def _with_key_result(current: str, final: str, ident: str) -> str:
    """Put back the key result `_without_key_result` took out, where it stood."""
    final_lines = final.splitlines(keepends=True)
    start, end = _block(final_lines, ident)
    block = final_lines[start:end]
    previous = [
        line.strip()[len("- id: ") :]
        for line in final_lines[:start]
        if line.strip().startswith("- id: ")
    ]
    lines = current.splitlines(keepends=True)
    _, after_previous = _block(lines, previous[-1])
    return "".join(lines[:after_previous] + block + lines[after_previous:])


def _block(lines: list[str], ident: str) -> tuple[int, int]:
    """The lines of the list item `- id: <ident>`, up to the next item or dedent."""
    start = next(i for i, line in enumerate(lines) if line.strip() == f"- id: {ident}")
    indent = len(lines[start]) - len(lines[start].lstrip())
    end = start + 1
    while end < len(lines) and (
        not lines[end].strip() or len(lines[end]) - len(lines[end].lstrip()) > indent
    ):
        end += 1
    return start, end


def _find(document: Any, ident: str) -> dict[str, Any] | None:
    for objective in document["objectives"]:
        for kr in objective.get("key_results", []):
            if kr["id"] == ident:
                found: dict[str, Any] = kr
                return found
    return None


def _advance(kr: Any, final: dict[str, Any], week: int, notes: list[str]) -> None:
    ident = kr["id"]
    if ident == STALE and week > 2:
        return
    if ident == EASED[0] and week == 4:
        kr["target"] = EASED[2]
        notes.append(
            f"{ident} target eased {EASED[1]} -> {EASED[2]}: reserved instances slip to Q1"
        )
    if final.get("dropped") and week == DROPPED_WEEK:
        from okrcli.edit.roundtrip import append_key

        append_key(kr, "dropped", final["dropped"])
        notes.append(f"{ident} dropped: {final['dropped']}")
        return
    share = week / WEEKS
    kind = final.get("kind", "metric")
    update = _STEPS.get(kind)
    if update is not None:
        note = update(kr, final, share)
        if note:
            notes.append(f"{ident} {note}")


def _metric(kr: Any, final: dict[str, Any], share: float) -> str:
    if "current" not in final:
        return ""
    value = round(final["start"] + (final["current"] - final["start"]) * share, 2)
    value = int(value) if float(value).is_integer() and isinstance(final["current"], int) else value
    old = kr.get("current")
    if old == value:
        return ""
    kr["current"] = value
    return f"{old} -> {value}"


def _milestone(kr: Any, final: dict[str, Any], share: float) -> str:
    if final.get("done") and share >= 0.6 and not kr.get("done"):
        kr["done"] = True
        return "done"
    return ""


def _checklist(kr: Any, final: dict[str, Any], share: float) -> str:
    wanted = round(sum(bool(i.get("done")) for i in final["items"]) * share)
    done = 0
    for item, final_item in zip(kr["items"], final["items"], strict=True):
        if final_item.get("done") and done < wanted:
            item["done"] = True
            done += 1
    return f"{done}/{len(final['items'])} items" if done else ""


def _baseline(kr: Any, final: dict[str, Any], share: float) -> str:
    if final.get("current") is not None and share >= 0.4 and kr.get("current") is None:
        kr["current"] = final["current"]
        return f"baseline recorded: {final['current']}"
    return ""


def _judged(kr: Any, final: dict[str, Any], share: float) -> str:
    """A judgement moves now and then: at the mid-quarter review, and at the end."""
    if final.get("current") is None or share not in (3 / WEEKS, 1.0):
        return ""
    value = final["current"] if share == 1.0 else round(final["current"] - 0.1, 2)
    if kr.get("current") == value:
        return ""
    kr["current"] = value
    return f"judged {value}"


def _maintain(kr: Any, final: dict[str, Any], share: float) -> str:
    """Held values wobble a little week to week (now and then out of the band)."""
    if final.get("current") is None:
        return ""
    week = round(share * WEEKS)
    step = max(abs(final["current"]) * 0.0005, 0.01)
    wobble = ((week % 3) - 1) * step
    value = round(final["current"] + wobble, 2) if week < WEEKS else final["current"]
    if kr.get("current") == value:
        return ""
    kr["current"] = value
    return f"now {value}"


_STEPS: dict[str, Callable[[Any, dict[str, Any], float], str]] = {
    "metric": _metric,
    "milestone": _milestone,
    "checklist": _checklist,
    "baseline": _baseline,
    "maintain": _maintain,
    "judged": _judged,
}
