"""`okr explain CODE`: the documentation of any error code or practice rule, the same
text docs/errors.md and docs/rules.md hold, for people whose repository has no README
of okrcli's."""

from __future__ import annotations

from okrcli.base.codes import CATALOG, CodeInfo
from okrcli.base.errors import OkrError


def explain(name: str | None) -> str:
    """The documentation of an error code (`OKR021`), a rule (`OKR108`, `sandbagging`),
    or, with no name, the list of both. OkrError (exit 2) for a name that is neither."""
    from okrcli.check.lint.docs import explain as explain_rule
    from okrcli.check.lint.registry import default_registry

    registry = default_registry()
    if name is None:
        return _listing()
    info = CATALOG.get(name.upper()) or next(
        (info for info in CATALOG.values() if info.name == name.lower()), None
    )
    if info is not None:
        return _code_text(info)
    rule = registry.get(name)
    if rule is not None:
        return explain_rule(rule)
    from okrcli.base.suggest import did_you_mean

    names = [*CATALOG, *(info.name for info in CATALOG.values()), *registry.names()]
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
    lines += ["", "`okr explain CODE` shows one in full."]
    return "\n".join(lines) + "\n"


def _code(info: CodeInfo) -> str:
    return info.code
