"""The cache of parsed files: hits equal a fresh parse, misses on any change, refuses
anything but okrcli's own data, and is bypassed by --no-cache."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from okrcli.read import cache
from okrcli.read.documents import parse_document
from tests.conftest import GOOD_FILE

SHOWN = "okrs/2026-Q4/platform.yaml"


@pytest.fixture
def cache_on(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    folder = tmp_path / "cache"
    monkeypatch.setattr(cache, "_enabled", True)
    monkeypatch.setattr(cache, "_folder", folder)
    yield folder


def entries(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())


def test_a_hit_equals_a_fresh_parse(cache_on: Path) -> None:
    raw = GOOD_FILE.encode()
    first, _ = parse_document(raw, Path(SHOWN), SHOWN)
    assert len(entries(cache_on)) == 1
    second, findings = parse_document(raw, Path("elsewhere/x.yaml"), "elsewhere/x.yaml")
    assert first is not None and second is not None and findings == []
    assert second.okr == first.okr and second.marks == first.marks
    assert second.path == "elsewhere/x.yaml"  # the path is the caller's, not the cache's


def test_any_change_misses(cache_on: Path) -> None:
    parse_document(GOOD_FILE.encode(), Path(SHOWN), SHOWN)
    changed, _ = parse_document(GOOD_FILE.replace("96.1", "96.2").encode(), Path(SHOWN), SHOWN)
    assert len(entries(cache_on)) == 2
    assert changed is not None
    metric = changed.okr.objectives[0].key_results[0]
    assert metric.kind == "metric" and metric.current == 96.2


def test_findings_are_cached_and_relocated(cache_on: Path) -> None:
    raw = GOOD_FILE.replace("target:", "taget:").encode()
    _, fresh = parse_document(raw, Path(SHOWN), SHOWN)
    _, cached = parse_document(raw, Path("b.yaml"), "b.yaml")
    assert [(f.code, f.location.line, f.location.col) for f in cached] == [
        (f.code, f.location.line, f.location.col) for f in fresh
    ]
    assert {f.location.path for f in cached} == {"b.yaml"}


def test_a_foreign_or_broken_entry_is_ignored_and_rewritten(cache_on: Path) -> None:
    raw = GOOD_FILE.encode()
    entry = cache.key(raw)
    target = cache_on / entry[:2] / entry
    target.parent.mkdir(parents=True)
    target.write_bytes(pickle.dumps(os.system))  # a pickle that names a function
    assert cache.get(cache_on, entry) is None
    document, _ = parse_document(raw, Path(SHOWN), SHOWN)
    assert document is not None
    assert cache.get(cache_on, entry) is not None
    target.write_bytes(b"not a pickle")
    assert parse_document(raw, Path(SHOWN), SHOWN)[0] is not None


def test_the_version_is_part_of_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    before = cache.key(b"same")
    import okrcli

    monkeypatch.setattr(okrcli, "__version__", "99.0")
    assert cache.key(b"same") != before


def run_okr(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    okr = Path(sys.executable).parent / "okr"
    return subprocess.run([str(okr), *args], cwd=cwd, env=env, capture_output=True, text=True)


def test_cache_dir_and_no_cache_through_the_entry_point(tmp_path: Path) -> None:
    (tmp_path / "okrs" / "2026-Q4").mkdir(parents=True)
    (tmp_path / "okrs" / "2026-Q4" / "platform.yaml").write_text(GOOD_FILE)
    folder = tmp_path / "my-cache"
    env = {k: v for k, v in os.environ.items() if k != "OKR_NO_CACHE"}
    env |= {"OKR_CACHE_DIR": str(folder), "NO_COLOR": "1"}
    assert run_okr(["validate", "--no-cache"], tmp_path, env).returncode == 0
    assert not folder.exists()
    first = run_okr(["validate"], tmp_path, env)
    second = run_okr(["validate"], tmp_path, env)
    assert (first.returncode, second.returncode) == (0, 0)
    assert first.stdout == second.stdout
    assert len(entries(folder)) == 2  # the parsed file, and the run's findings and counts
    broken = GOOD_FILE.replace("target:", "taget:")
    (tmp_path / "okrs" / "2026-Q4" / "platform.yaml").write_text(broken)
    third = run_okr(["validate"], tmp_path, env)
    assert third.returncode == 1
    assert "okrs/2026-Q4/platform.yaml:14:9: error[OKR021]" in third.stdout


def test_an_unchanged_root_is_answered_from_the_cache(cache_on: Path, tmp_path: Path) -> None:
    from okrcli.check.validation import validate_unchanged

    root = tmp_path / "okrs"
    (root / "2026-Q4").mkdir(parents=True)
    (root / "2026-Q4" / "platform.yaml").write_text(GOOD_FILE)
    web = GOOD_FILE.replace("platform", "web").replace("PLAT-", "WEB-").replace("target:", "taget:")
    (root / "2026-Q4" / "web.yaml").write_text(web)
    fresh = validate_unchanged(root)
    again = validate_unchanged(root)
    assert fresh.documents and not again.documents  # the second never parsed a file
    assert [f.code for f in again.findings] == [f.code for f in fresh.findings] == ["OKR021"]
    assert again.counts == fresh.counts
    (root / "okrcli.yaml").write_text("lint:\n  rules:\n    OKR102: off\n")
    assert validate_unchanged(root).documents, "a new configuration file misses the cache"
