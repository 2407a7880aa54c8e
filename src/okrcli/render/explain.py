"""`okr explain CODE`: the documentation of any error code or practice rule, the same
text docs/errors.md and docs/rules.md hold, for people whose repository has no README
of okrcli's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from okrcli.base.codes import CATALOG, CodeInfo
from okrcli.base.errors import OkrError

if TYPE_CHECKING:
    from pydantic import BaseModel


def explain(name: str | None) -> str:
    """The documentation of an error code (`OKR021`), a rule (`OKR108`, `sandbagging`),
    or, with no name, the list of both. OkrError (exit 2) for a name that is neither."""
    from okrcli.check.lint.docs import explain as explain_rule
    from okrcli.check.lint.registry import default_registry

    registry = default_registry()
    if name is None:
        return _listing()
    if name.lower() in _SOURCE_TOPICS:
        return source_text(name.lower())
    info = CATALOG.get(name.upper()) or next(
        (info for info in CATALOG.values() if info.name == name.lower()), None
    )
    if info is not None:
        return _code_text(info)
    rule = registry.get(name)
    if rule is not None:
        return explain_rule(rule)
    from okrcli.base.suggest import did_you_mean

    names = [*CATALOG, *(i.name for i in CATALOG.values()), *registry.names(), *_SOURCE_TOPICS]
    hint = did_you_mean(name, names) or "`okr explain` lists every code"
    raise OkrError(f"no error code or rule `{name}`", hint)


def _code_text(info: CodeInfo) -> str:
    return (
        f"{info.code} {info.name} (an error of the file format)\n\n"
        f"{info.summary}\n\nHow to fix it: {info.fix}\n"
    )


def _listing() -> str:
    from okrcli.check.lint.registry import default_registry

    lines = ["Errors of the file format (okr validate):", ""]
    lines += [f"  {i.code}  {i.name:<26} {i.summary}" for i in sorted(CATALOG.values(), key=_code)]
    lines += ["", "Practice rules (okr lint):", ""]
    lines += [f"  {r.code}  {r.name:<26} {r.summary}" for r in default_registry().rules()]
    lines += ["", "`okr explain CODE` shows one in full; `okr explain source` the sources of okr"]
    lines += ["sync (`okr explain sql`, `prometheus`, `http`, `file`, `command`: one of them)."]
    return "\n".join(lines) + "\n"


def _code(info: CodeInfo) -> str:
    return info.code


_SOURCE_TOPICS = ("source", "sources", "sql", "prometheus", "http", "file", "command")


def source_text(topic: str) -> str:
    """What a key result's `source:` may say (`okr sync`), generated from the models:
    every type (or the one named) with its keys, then the keys every source shares."""
    from okrcli.model.sources import SOURCE_MODELS, SOURCE_TYPES, SourceBase

    shown = SOURCE_TYPES if topic in ("source", "sources") else (topic,)
    lines = [
        "source: where a key result's value lives (metric, maintain, baseline, judged).",
        "`okr sync` fetches it and checks it in; nothing else ever runs a source.",
        "A source is a mapping with exactly one of the keys "
        + ", ".join(f"`{tag}:`" for tag in SOURCE_TYPES)
        + ".",
    ]
    shared = set(SourceBase.model_fields)
    for tag in shown:
        model = SOURCE_MODELS[tag]
        lines += ["", f"{tag}: {_first_line(model.__doc__)}"]
        lines += _fields(model, [name for name in model.model_fields if name not in shared])
    lines += ["", "Every source also takes:"]
    lines += _fields(SourceBase, list(SourceBase.model_fields))
    lines += ["", "Details, examples and the security model: docs/sync.md."]
    return "\n".join(lines) + "\n"


def _fields(model: type[BaseModel], names: list[str]) -> list[str]:
    lines = []
    for name in names:
        info = model.model_fields[name]
        need = "required" if info.is_required() else "optional"
        lines.append(f"  {name + ':':<12} ({need}) {info.description or ''}".rstrip())
    return lines


def _first_line(text: str | None) -> str:
    return " ".join((text or "").split())
