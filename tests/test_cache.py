"""The cache: data only, keyed by the exact bytes validated and by okrcli's code, used only
from a folder that only its owner can write. Hits equal a fresh parse; anything foreign
or broken is a miss; --no-cache bypasses it. The attacks of the audit are kept here as
regression tests."""

from __future__ import annotations

import json
import os
import pickle
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from okrcli.base.findings import Finding
from okrcli.check import validation
from okrcli.check.validation import Validation, validate_unchanged
from okrcli.model.period import Period
from okrcli.read import cache
from okrcli.read.documents import document_key, parse_document, read_files
from tests.conftest import GIT_ENV, GOOD_FILE, git, write_files

SHOWN = "/repo/okrs/2026-Q4/platform.yaml"
BROKEN = GOOD_FILE.replace("target:", "taget:")


@pytest.fixture
def cache_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache, "_enabled", True)
    monkeypatch.setattr(cache, "_folder", folder)
    yield folder


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def codes(findings: list[Finding]) -> list[str]:
    return [f.code for f in findings]


# ---- documents --------------------------------------------------------------------------


def test_a_hit_equals_a_fresh_parse(cache_on: Path) -> None:
    raw = GOOD_FILE.encode()
    first, _ = parse_document(raw, Path(SHOWN), SHOWN)
    assert len(entries(cache_on)) == 1
    second, findings = parse_document(raw, Path("/elsewhere/x.yaml"), "/elsewhere/x.yaml")
    assert first is not None and second is not None and findings == []
    assert second.okr == first.okr and second.marks == first.marks
    assert second.directives == first.directives
    assert second.path == "/elsewhere/x.yaml"  # the path is the caller's, not the cache's


def test_an_entry_is_plain_json_data(cache_on: Path) -> None:
    parse_document(GOOD_FILE.encode(), Path(SHOWN), SHOWN)
    (entry,) = entries(cache_on)
    wrapper = json.loads(entry.read_text(encoding="ascii"))
    assert (wrapper["format"], wrapper["namespace"]) == (1, "document")
    assert wrapper["key"] == entry.name
    assert set(wrapper["value"]) == {"document", "marks", "directives"}


def test_any_change_misses(cache_on: Path) -> None:
    parse_document(GOOD_FILE.encode(), Path(SHOWN), SHOWN)
    changed, _ = parse_document(GOOD_FILE.replace("96.1", "96.2").encode(), Path(SHOWN), SHOWN)
    assert len(entries(cache_on)) == 2
    assert changed is not None
    metric = changed.okr.objectives[0].key_results[0]
    assert metric.kind == "metric" and metric.effective_current() == 96.2


def test_findings_are_cached_and_relocated(cache_on: Path) -> None:
    raw = BROKEN.encode()
    _, fresh = parse_document(raw, Path(SHOWN), SHOWN)
    _, cached = parse_document(raw, Path("/b.yaml"), "/b.yaml")
    assert [(f.code, f.location.line, f.location.col, f.message, f.hint) for f in cached] == [
        (f.code, f.location.line, f.location.col, f.message, f.hint) for f in fresh
    ]
    assert {f.location.path for f in cached} == {"/b.yaml"}


def plant(folder: Path, namespace: str, key: str, data: bytes) -> Path:
    target = folder / namespace / key[:2] / key
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    target.write_bytes(data)
    target.chmod(0o600)
    return target


class _RunsCode:
    """What the audit's 144-byte entry did: a pickle whose loading runs a command."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[Callable[[str], int], tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def test_a_planted_pickle_runs_nothing_and_is_a_miss(cache_on: Path, tmp_path: Path) -> None:
    raw = GOOD_FILE.encode()
    key = document_key(raw)
    marker = tmp_path / "ran"
    plant(cache_on, "document", key, pickle.dumps(_RunsCode(marker)))
    document, findings = parse_document(raw, Path(SHOWN), SHOWN)
    assert not marker.exists()
    assert document is not None and findings == []
    assert cache.get(cache_on, "document", key) is not None  # rewritten with plain data


@pytest.mark.parametrize(
    "entry",
    [
        b"not json",
        b"[1, 2, 3]",
        b'{"format": 1, "namespace": "document", "key": "other", "value": {}}',
        b'{"format": 2, "namespace": "document", "key": "KEY", "value": {}}',
        b'{"format": 1, "namespace": "document", "key": "KEY", "value": {"document": 7}}',
        b'{"format": 1, "namespace": "document", "key": "KEY", "value": {"findings": [[1]]}}',
        b'{"format": 1, "namespace": "document", "key": "KEY", '
        b'"value": {"document": "{\\"period\\": \\"2026-Q4\\"}", "marks": "[[],[]]", '
        b'"directives": []}}',
    ],
    ids=["garbage", "list", "copied", "format", "type", "short-row", "invalid-model"],
)
def test_a_foreign_or_broken_entry_is_a_miss(cache_on: Path, entry: bytes) -> None:
    raw = GOOD_FILE.encode()
    key = document_key(raw)
    plant(cache_on, "document", key, entry.replace(b'"KEY"', f'"{key}"'.encode()))
    document, findings = parse_document(raw, Path(SHOWN), SHOWN)
    assert document is not None and findings == []


def test_cached_marks_are_decoded_when_first_used(cache_on: Path) -> None:
    """A hit's marks wait until a finding needs a position, then equal a fresh parse's;
    damaged marks in okrcli's own entry point at the first line instead of failing."""
    raw = GOOD_FILE.encode()
    fresh, _ = parse_document(raw, Path(SHOWN), SHOWN)
    hit, _ = parse_document(raw, Path(SHOWN), SHOWN)
    assert fresh is not None and hit is not None
    assert hit.marks._decode is not fresh.marks._decode  # not decoded yet
    assert hit.marks.value(("objectives", 0, "key_results", 1, "due")) == (21, 14)
    assert hit.marks == fresh.marks
    (entry,) = [p for p in entries(cache_on) if p.parent.parent.name == "document"]
    wrapper = json.loads(entry.read_text())
    wrapper["value"]["marks"] = '[[], [[["period"], "line 2", 9]]]'
    entry.write_text(json.dumps(wrapper))
    damaged, findings = parse_document(raw, Path(SHOWN), SHOWN)
    assert damaged is not None and findings == []
    assert damaged.marks.value(("period",)) == (1, 1)


def test_a_parsed_documents_marks_are_read_again_when_first_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A document keeps its bytes, not its marks: the first position asked for reads the
    bytes again (once), and the marks are the first read's."""
    from okrcli.read import reader

    monkeypatch.setattr(cache, "_enabled", False)
    reads: list[str] = []
    real = reader.read_yaml

    def counted(raw: bytes, path: str) -> reader.ReadResult:
        reads.append(path)
        return real(raw, path)

    monkeypatch.setattr(reader, "read_yaml", counted)
    raw = GOOD_FILE.encode()
    document, findings = parse_document(raw, Path(SHOWN), SHOWN)
    assert document is not None and findings == [] and reads == [SHOWN]
    assert document.marks.value(("objectives", 0, "key_results", 1, "due")) == (21, 14)
    assert document.marks.key(("team",)) == (3, 1)
    assert reads == [SHOWN, SHOWN]
    first = real(raw, SHOWN).document
    assert first is not None and document.marks == first.marks


def test_a_cached_document_goes_through_the_models_again(cache_on: Path) -> None:
    """An entry whose document the models reject is a miss: the file is parsed afresh."""
    raw = BROKEN.encode()
    key = document_key(raw)
    forged = {"document": '{"period": "2026-Q4", "team": 5}', "marks": "[[],[]]"}
    plant(
        cache_on,
        "document",
        key,
        json.dumps({"format": 1, "namespace": "document", "key": key, "value": forged}).encode(),
    )
    document, findings = parse_document(raw, Path(SHOWN), SHOWN)
    assert document is None and codes(findings) == ["OKR021"]


# ---- the folder it trusts -----------------------------------------------------------------


def test_the_folder_is_private(cache_on: Path) -> None:
    parse_document(GOOD_FILE.encode(), Path(SHOWN), SHOWN)
    assert cache_on.stat().st_mode & 0o777 == 0o700
    for entry in entries(cache_on):
        assert entry.stat().st_mode & 0o077 == 0, entry


def test_a_folder_others_can_write_is_not_used(cache_on: Path) -> None:
    raw = GOOD_FILE.encode()
    parse_document(raw, Path(SHOWN), SHOWN)
    cache_on.chmod(0o777)
    assert cache.folder_for(Path.cwd()) is None
    key = document_key(raw)
    assert cache.get(cache.folder_for(Path.cwd()), "document", key) is None
    cache_on.chmod(0o700)
    assert cache.get(cache.folder_for(Path.cwd()), "document", key) is not None


def test_an_entry_others_can_write_or_a_link_is_not_used(cache_on: Path, tmp_path: Path) -> None:
    raw = GOOD_FILE.encode()
    parse_document(raw, Path(SHOWN), SHOWN)
    key = document_key(raw)
    (entry,) = entries(cache_on)
    entry.chmod(0o666)
    assert cache.get(cache_on, "document", key) is None
    entry.chmod(0o600)
    assert cache.get(cache_on, "document", key) is not None
    outside = tmp_path / "elsewhere"
    outside.write_bytes(entry.read_bytes())
    outside.chmod(0o600)
    entry.unlink()
    entry.symlink_to(outside)
    assert cache.get(cache_on, "document", key) is None


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() != 0, reason="needs root to chown")
def test_an_entry_owned_by_someone_else_is_not_used(cache_on: Path) -> None:
    raw = GOOD_FILE.encode()
    parse_document(raw, Path(SHOWN), SHOWN)
    (entry,) = entries(cache_on)
    os.chown(entry, 65534, 65534)  # nobody
    assert cache.get(cache_on, "document", document_key(raw)) is None


def test_a_failed_write_leaves_no_temporary_file(
    cache_on: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(self: Path, target: Path) -> Path:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(Path, "replace", refuse)
    document, _ = parse_document(GOOD_FILE.encode(), Path(SHOWN), SHOWN)
    assert document is not None
    assert entries(cache_on) == []


# ---- keys ---------------------------------------------------------------------------------


def test_keys_frame_their_parts() -> None:
    """Without lengths, ("ab", "c") and ("a", "bc") would hash alike."""
    assert cache.key("ns", ["ab", "c"]) != cache.key("ns", ["a", "bc"])
    assert cache.key("ns", [b"x\0y"]) != cache.key("ns", [b"x", b"y"])
    assert cache.key("a", ["b"]) != cache.key("ab", [])


def test_the_code_is_part_of_the_key(tmp_path: Path) -> None:
    package = tmp_path / "okrcli"
    package.mkdir()
    module = package / "scoring.py"
    module.write_text("SCORE = 1\n")
    before = cache.code_facts(package)
    module.write_text("SCORE = 22\n")  # an editable install changed: another size
    assert cache.code_facts(package) != before


def test_the_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.key("document", [b"same"])
    import okrcli

    monkeypatch.setattr(okrcli, "__version__", "99.0")
    cache.fingerprint.cache_clear()
    try:
        assert cache.key("document", [b"same"]) != before
    finally:
        cache.fingerprint.cache_clear()


# ---- a whole root -----------------------------------------------------------------------


def platform_root(tmp_path: Path, text: str = GOOD_FILE) -> Path:
    root = tmp_path / "okrs"
    (root / "2026-Q4").mkdir(parents=True, exist_ok=True)
    (root / "2026-Q4" / "platform.yaml").write_text(text)
    return root


def test_an_unchanged_root_is_answered_from_the_cache(cache_on: Path, tmp_path: Path) -> None:
    root = platform_root(tmp_path)
    web = GOOD_FILE.replace("platform", "web").replace("PLAT-", "WEB-").replace("target:", "taget:")
    (root / "2026-Q4" / "web.yaml").write_text(web)
    fresh = validate_unchanged(root)
    again = validate_unchanged(root)
    assert fresh.documents and not again.documents  # the second never parsed a file
    assert codes(again.findings) == codes(fresh.findings) == ["OKR021"]
    assert again.findings == fresh.findings
    assert again.counts == fresh.counts
    (root / "okrcli.yaml").write_text("lint:\n  rules:\n    OKR102: off\n")
    assert validate_unchanged(root).documents, "a new configuration file misses the cache"


def test_one_crafted_file_does_not_collide_with_a_valid_two_file_root(
    cache_on: Path, tmp_path: Path
) -> None:
    """The audit's collision: the old key hashed `path\\0bytes\\0` for each file without
    lengths, so one file holding `A\\0<path of B>\\0B` had the key of a valid root of A
    and B."""
    root = platform_root(tmp_path)
    web = GOOD_FILE.replace("platform", "web").replace("PLAT-", "WEB-")
    (root / "2026-Q4" / "web.yaml").write_text(web)
    assert validate_unchanged(root).ok
    second = root / "2026-Q4" / "web.yaml"
    crafted = GOOD_FILE.encode() + b"\0" + str(second).encode() + b"\0" + web.encode()
    second.unlink()
    (root / "2026-Q4" / "platform.yaml").write_bytes(crafted)
    result = validate_unchanged(root)
    assert not result.ok
    assert codes(result.findings) == ["OKR001"]


def test_the_result_stored_is_the_result_of_the_bytes_hashed(
    cache_on: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The audit's read race: a write between hashing and validating stored `valid` under
    the key of the invalid content, for good. Now the bytes validated are the bytes hashed."""
    root = platform_root(tmp_path, BROKEN)
    file = root / "2026-Q4" / "platform.yaml"
    real = validation.validate_gathered

    def a_writer_gets_in_between(*args: object, **kwargs: object) -> Validation:
        file.write_text(GOOD_FILE)  # another process fixes the file meanwhile
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(validation, "validate_gathered", a_writer_gets_in_between)
    assert codes(validate_unchanged(root).findings) == ["OKR021"]
    monkeypatch.setattr(validation, "validate_gathered", real)
    file.write_text(BROKEN)  # the broken content again: its cached result must say so
    assert codes(validate_unchanged(root).findings) == ["OKR021"]
    file.write_text(GOOD_FILE)
    assert validate_unchanged(root).ok


def test_a_planted_valid_result_for_an_invalid_root_is_not_used_from_others_folder(
    cache_on: Path, tmp_path: Path
) -> None:
    root = platform_root(tmp_path, BROKEN)
    assert not validate_unchanged(root).ok
    (entry,) = [e for e in entries(cache_on) if e.parent.parent.name == "validation"]
    wrapper = json.loads(entry.read_text())
    wrapper["value"]["findings"] = []  # "ok: 1 file valid"
    entry.write_text(json.dumps(wrapper))
    entry.chmod(0o664)  # as a shared, group-writable cache would have it
    assert not validate_unchanged(root).ok


def test_the_checks_of_unchanged_files_are_answered_from_the_cache(
    cache_on: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`status`, `lint` and `report` load the documents (their views need them) but take
    the structure and reference checks of unchanged files from the cache."""
    root = platform_root(tmp_path)
    (root / "2026-Q4" / "web.yaml").write_text(GOOD_FILE.replace("team: platform", "team: web"))
    checked: list[int] = []
    real = validation.check_all

    def counted(*args: Any, **kwargs: Any) -> list[Finding]:
        checked.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(validation, "check_all", counted)
    fresh = validation.validate_root(root)
    again = validation.validate_root(root)
    assert checked == [1]
    assert set(codes(fresh.findings)) == {"OKR031"}  # the same ids in two files
    assert again.findings == fresh.findings and again.documents
    web = GOOD_FILE.replace("team: platform", "team: web").replace("PLAT-", "WEB-")
    (root / "2026-Q4" / "web.yaml").write_text(web)
    assert codes(validation.validate_root(root).findings) == []
    assert checked == [1, 1]


def test_the_checks_are_keyed_by_the_calendar_they_ran_with(cache_on: Path, tmp_path: Path) -> None:
    """Files read from git come without okrcli.yaml where the commit had none (`okr status
    --as-of`, the findings at HEAD), and then the working tree's calendar is the one
    used. A calendar changed there changes the checks (a due date now outside its fiscal
    quarter): the cached checks of the same files must not hide that error."""
    root = tmp_path / "okrs"
    file = root / "FY27-Q1" / "platform.yaml"
    file.parent.mkdir(parents=True)
    fiscal = GOOD_FILE.replace("period: 2026-Q4", "period: FY27-Q1")
    file.write_text(fiscal.replace("due: 2026-12-15", "due: 2026-03-15"))

    def from_a_commit_without_okrcli_yaml(fiscal_year_start: int) -> list[str]:
        (root / "okrcli.yaml").write_text(f"calendar:\n  fiscal_year_start: {fiscal_year_start}\n")
        files = read_files([file], root)
        gathered = validation.RootFiles(root, files, [], None, None)
        return codes(validation.validate_gathered(gathered).findings)

    assert from_a_commit_without_okrcli_yaml(2) == []  # FY27-Q1: February to April 2026
    assert from_a_commit_without_okrcli_yaml(7) == ["OKR035"]  # July to September 2026
    assert from_a_commit_without_okrcli_yaml(2) == []


def test_heads_findings_are_keyed_by_the_working_trees_okrcli_yaml(
    cache_on: Path, git_repo: Path
) -> None:
    """The hook judges HEAD's files with the working tree's okrcli.yaml where HEAD has
    none: findings cached under HEAD's commit alone went stale when that file changed."""
    from okrcli.api.validation import _findings_at_head

    root = git_repo / "okrs"
    fiscal = GOOD_FILE.replace("period: 2026-Q4", "period: FY27-Q1")
    write_files(
        root, {"FY27-Q1/platform.yaml": fiscal.replace("due: 2026-12-15", "due: 2026-03-15")}
    )
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-q", "-m", "FY27-Q1 without okrcli.yaml")

    def at_head(fiscal_year_start: int) -> list[str]:
        (root / "okrcli.yaml").write_text(f"calendar:\n  fiscal_year_start: {fiscal_year_start}\n")
        return codes(_findings_at_head(root, strict=False))

    assert at_head(2) == []  # FY27-Q1: February to April 2026
    assert at_head(7) == ["OKR035"]  # July to September 2026: the due date is outside
    assert at_head(2) == []


@pytest.mark.parametrize("planted", [[["not", "a", "finding"]], {"findings": []}, "x"])
def test_a_broken_checks_entry_is_a_miss(cache_on: Path, tmp_path: Path, planted: object) -> None:
    root = platform_root(tmp_path)
    (root / "2026-Q4" / "web.yaml").write_text(GOOD_FILE.replace("team: platform", "team: web"))
    fresh = validation.validate_root(root)
    (entry,) = [e for e in entries(cache_on) if e.parent.parent.name == "checks"]
    wrapper = json.loads(entry.read_text())
    wrapper["value"] = planted
    entry.write_text(json.dumps(wrapper))
    assert validation.validate_root(root).findings == fresh.findings


# ---- through the entry point -----------------------------------------------------------


def run_okr(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    okr = Path(sys.executable).parent / "okr"
    return subprocess.run([str(okr), *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_cache_dir_and_no_cache_through_the_entry_point(tmp_path: Path) -> None:
    platform_root(tmp_path)
    folder = tmp_path / "my-cache"
    marker = tmp_path / "ran"
    env = {k: v for k, v in os.environ.items() if k != "OKR_NO_CACHE"}
    env |= {"OKR_CACHE_DIR": str(folder), "NO_COLOR": "1"}
    assert run_okr(["validate", "--no-cache"], tmp_path, env).returncode == 0
    assert not folder.exists()
    first = run_okr(["validate"], tmp_path, env)
    second = run_okr(["validate"], tmp_path, env)
    assert (first.returncode, second.returncode) == (0, 0)
    assert (
        first.stdout
        == second.stdout
        == "ok: 1 file valid: 1 period, 1 team, 1 objective, 2 key results\n"
    )
    # the parsed file, the checks of the files, and the run's findings and counts
    assert len(entries(folder)) == 3
    for entry in entries(folder):
        entry.write_bytes(pickle.dumps(_RunsCode(marker)))
    (tmp_path / "okrs" / "2026-Q4" / "platform.yaml").write_text(BROKEN)
    third = run_okr(["validate"], tmp_path, env)
    assert third.returncode == 1
    assert "okrs/2026-Q4/platform.yaml:14:9: error[OKR021]" in third.stdout
    assert not marker.exists()


def test_the_hook_reads_heads_files_once_per_commit(
    cache_on: Path, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`okr validate --hook` compares with HEAD; HEAD's findings are cached by its commit,
    so the next commit's hook on the same HEAD reads no git objects."""
    from okrcli.api.validation import validate_change
    from okrcli.history.git import History
    from tests.conftest import GOOD_FILE, git, write_files

    web = GOOD_FILE.replace("target: 99.5", "taget: 99.5").replace("team: platform", "team: web")
    web = web.replace("PLAT-", "WEB-")
    write_files(git_repo / "okrs", {"2026-Q4/platform.yaml": GOOD_FILE, "2026-Q4/web.yaml": web})
    git(git_repo, "add", "-A")
    git(git_repo, "commit", "-qm", "kickoff")
    root = git_repo / "okrs"
    first = validate_change(root, [])
    assert (codes(first.validation.findings), first.earlier) == ([], 1)

    def refuse(self: History, commit: str) -> None:
        raise AssertionError("HEAD's files were read again")

    monkeypatch.setattr(History, "files_at", refuse)
    again = validate_change(root, [])
    assert (codes(again.validation.findings), again.earlier) == ([], 1)


# ---- history: the check-in activity of HEAD ---------------------------------------------


def _commit_value(repo: Path, value: str, day: str) -> None:
    """A check-in of PLAT-1.1 on `day` (a backdated commit)."""
    from tests.conftest import GIT_ENV, GOOD_FILE

    file = repo / "okrs" / "2026-Q4" / "platform.yaml"
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(GOOD_FILE.replace("current: 96.1", f"current: {value}"), encoding="utf-8")
    stamp = f"{day}T12:00:00+00:00"
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp}
    for args in (["add", "-A"], ["commit", "-qm", f"okr: PLAT-1.1 -> {value}"]):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True)


def test_heads_activity_is_cached_and_a_new_commit_misses(
    cache_on: Path, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The activity depends on HEAD's history alone: at the same HEAD it comes from the
    cache without reading a commit, equal to a walk; a new commit walks again."""
    import datetime as dt

    from okrcli.history.git import History
    from okrcli.history.timeline import activity
    from okrcli.model.period import Period

    _commit_value(git_repo, "93", "2026-10-02")
    _commit_value(git_repo, "95", "2026-10-09")
    root = git_repo / "okrs"
    walked = activity(History(root))
    period = Period.parse("2026-Q4")
    assert period is not None
    key = (period, "PLAT-1.1")
    assert walked[key].checkins == (dt.date(2026, 10, 9),)
    assert walked[key].values == ((dt.date(2026, 10, 2), 93.0), (dt.date(2026, 10, 9), 95.0))

    def refuse(self: History, *args: object, **kwargs: object) -> None:
        raise AssertionError("the history was walked again")

    with monkeypatch.context() as patched:
        patched.setattr(History, "walk", refuse)
        assert activity(History(root)) == walked

    _commit_value(git_repo, "97", "2026-10-16")
    again = activity(History(root))
    assert again[key].checkins == (dt.date(2026, 10, 9), dt.date(2026, 10, 16))
    assert again[key].values[-1] == (dt.date(2026, 10, 16), 97.0)


def _activity_entry(folder: Path) -> Path:
    (entry,) = [p for p in entries(folder) if p.parent.parent.name == "activity"]
    return entry


@pytest.mark.parametrize(
    "planted",
    [
        [],
        {"activity": [["2026-Q9", "PLAT-1.1", "2026-10-02", [], [], []]], "warnings": []},
        {
            "activity": [["2026-Q4", "PLAT-1.1", "2026-10-02", [], [["2026-10-02", "9"]], []]],
            "warnings": [],
        },
        {"activity": [["2026-Q4", "PLAT-1.1", "2026-10-02", [], [], []]]},
        "{broken",
    ],
    ids=["not-an-object", "no-period", "not-a-number", "no-warnings", "not-json"],
)
def test_a_broken_activity_entry_is_a_miss(cache_on: Path, git_repo: Path, planted: object) -> None:
    """An entry that is not exactly what okrcli writes is walked afresh."""
    from okrcli.history.git import History
    from okrcli.history.timeline import activity

    _commit_value(git_repo, "93", "2026-10-02")
    root = git_repo / "okrs"
    walked = activity(History(root))
    entry = _activity_entry(cache_on)
    wrapper = json.loads(entry.read_text())
    if isinstance(planted, str):
        entry.write_text(planted)
    else:
        entry.write_text(json.dumps({**wrapper, "value": planted}))
    assert activity(History(root)) == walked


def test_the_walks_warnings_are_told_again_from_the_cache(cache_on: Path, git_repo: Path) -> None:
    """A warning found while walking (a date out of range) is part of the entry: a warm
    run says it too."""
    from okrcli.history.git import History
    from okrcli.history.timeline import activity

    _commit_value(git_repo, "93", "2026-10-02")
    root = git_repo / "okrs"
    activity(History(root))
    entry = _activity_entry(cache_on)
    wrapper = json.loads(entry.read_text())
    stored = wrapper["value"]
    stored["warnings"] = [
        "commit 0123456789ab has a date out of range (99999999999); read as 9999-12-31"
    ]
    entry.write_text(json.dumps(wrapper))
    history = History(root)
    activity(history)
    assert history.warnings == stored["warnings"]


# ---- history: reading on from the last cached commit --------------------------------------


def _activity_both_ways(root: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[object, object]:
    """HEAD's activity through the cache (reading on from the last cached commit where it
    can), and from a walk of the whole log with the cache off."""
    from okrcli.history.git import History
    from okrcli.history.timeline import activity

    cached = activity(History(root))
    with monkeypatch.context() as off:
        off.setattr(cache, "_enabled", False)
        walked = activity(History(root))
    return cached, walked


def _walks_of(monkeypatch: pytest.MonkeyPatch) -> list[str | None]:
    """The `since` of every walk of the log from now on (None: the whole log)."""
    from okrcli.history.git import History

    seen: list[str | None] = []
    walk = History.walk

    def spy(self: History, *args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("since"))
        return walk(self, *args, **kwargs)

    monkeypatch.setattr(History, "walk", spy)
    return seen


@pytest.mark.parametrize("back", [1, 4, 12, 30])
def test_a_new_head_reads_on_from_the_last_cached_commit(
    cache_on: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, back: int
) -> None:
    """The demo's history (a closed quarter, an eased target, an addition mid-period, a
    dropped and a stale key result), cached `back` commits ago: HEAD's activity read on
    from there is the activity of a walk of the whole log, and only the new commits are
    read."""
    from okrcli.history.git import History
    from okrcli.history.timeline import activity
    from tests.test_golden import build_demo

    repo, _ = build_demo(tmp_path)
    root = repo / "okrs"
    git(repo, "checkout", "-q", "--detach", f"HEAD~{back}")
    activity(History(root))
    git(repo, "checkout", "-q", "-")
    walks = _walks_of(monkeypatch)
    cached, walked = _activity_both_ways(root, monkeypatch)
    assert cached == walked
    assert walks[0] is not None and walks[1:] == [None]  # read on, then the whole log


def test_reading_on_takes_notes_closes_and_late_changes_as_a_walk_does(
    cache_on: Path, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Check-ins that changed nothing (a note), a target eased (no check-in), a closed
    period changed afterwards (a late change), a commit outside the root: the same
    activity read on as walked."""
    from okrcli.history.git import History
    from okrcli.history.timeline import activity

    root = git_repo / "okrs"
    _commit_value(git_repo, "93", "2026-10-02")
    activity(History(root))
    _commit_value(git_repo, "95", "2026-10-09")
    env = {**os.environ, **GIT_ENV, "GIT_AUTHOR_DATE": "2026-10-16T12:00:00+00:00"}
    note = "okr: PLAT-1.1 95 (unchanged)\n\nnothing moved\n\nOkr-Check-in: 2026-Q4/PLAT-1.1"
    subprocess.run(
        ["git", "commit", "-q", "--allow-empty", "-m", note], cwd=git_repo, env=env, check=True
    )
    (git_repo / "README.md").write_text("not OKRs\n")
    git(git_repo, "add", "README.md")
    git(git_repo, "commit", "-qm", "docs")
    file = root / "2026-Q4" / "platform.yaml"
    text = file.read_text().replace("target: 99.5", "target: 98")
    file.write_text(text.replace("owner: dana\n", "owner: dana\nclosed: 2026-10-20\n", 1))
    git(git_repo, "commit", "-qam", "ease and close")
    file.write_text(file.read_text().replace("current: 95", "current: 97"))
    git(git_repo, "commit", "-qam", "a late change")
    walks = _walks_of(monkeypatch)
    cached, walked = _activity_both_ways(root, monkeypatch)
    assert cached == walked
    assert walks[0] is not None
    period = Period.parse("2026-Q4")
    assert period is not None
    found = walked[(period, "PLAT-1.1")]  # type: ignore[index]
    assert len(found.checkins) == 3 and len(found.late_changes) == 1


def test_a_merge_after_the_cached_commit_walks_the_whole_log(
    cache_on: Path, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A branch merged in is not one line from the cached commit: the whole log is read."""
    from okrcli.history.git import History
    from okrcli.history.timeline import activity

    root = git_repo / "okrs"
    _commit_value(git_repo, "93", "2026-10-02")
    activity(History(root))
    git(git_repo, "checkout", "-qb", "side")
    _commit_value(git_repo, "94", "2026-10-05")
    git(git_repo, "checkout", "-q", "main")
    (git_repo / "README.md").write_text("x\n")
    git(git_repo, "add", "README.md")
    git(git_repo, "commit", "-qm", "docs")
    git(git_repo, "merge", "-q", "--no-ff", "-m", "merge side", "side")
    walks = _walks_of(monkeypatch)
    cached, walked = _activity_both_ways(root, monkeypatch)
    assert cached == walked
    assert walks == [None, None]  # no reading on: walked whole, then walked whole again


def test_only_the_latest_commits_tips_are_kept(
    cache_on: Path, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading on needs the last cached commit's states alone: each new HEAD's replace
    the previous ones, so the cache does not grow by every key result's state per commit."""
    from okrcli.history.git import History
    from okrcli.history.timeline import activity

    root = git_repo / "okrs"
    for value, day in (("93", "2026-10-02"), ("95", "2026-10-09"), ("97", "2026-10-16")):
        _commit_value(git_repo, value, day)
        activity(History(root))
        tips = [p for p in entries(cache_on) if p.parent.parent.name == "activity-tips"]
        assert len(tips) == 1
    assert len([p for p in entries(cache_on) if p.parent.parent.name == "activity"]) == 3


def test_an_entry_too_large_to_be_read_is_not_written(cache_on: Path) -> None:
    cache.put(cache_on, "document", "ab" * 32, "x" * (cache.MAX_ENTRY_BYTES + 1))
    assert entries(cache_on) == []


def test_a_head_moved_back_is_not_read_on_from_a_later_commit(
    cache_on: Path, git_repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After `git reset` to an earlier commit, the last cached commit is not HEAD's
    ancestor: its check-ins must not count, so the whole log is walked."""
    from okrcli.history.git import History
    from okrcli.history.timeline import activity

    root = git_repo / "okrs"
    _commit_value(git_repo, "93", "2026-10-02")
    _commit_value(git_repo, "95", "2026-10-09")
    activity(History(root))
    git(git_repo, "reset", "-q", "--hard", "HEAD~1")
    cached, walked = _activity_both_ways(root, monkeypatch)
    assert cached == walked
    period = Period.parse("2026-Q4")
    assert period is not None
    assert walked[(period, "PLAT-1.1")].checkins == ()  # type: ignore[index]
