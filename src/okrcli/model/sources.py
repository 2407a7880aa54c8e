"""`source:` on a key result: where its number lives, so that `okr sync` can fetch it.

A source is one mapping whose type is the one key it has of `sql`, `prometheus`, `http`,
`file` or `command` (a tagged union like the kinds, tagged by a key instead of `kind:`),
with the options every source shares: `timeout`, `scale` and `round`. The models only
describe; fetching is `okrcli.sources`, and nothing here runs, opens or reads anything.

Files arrive in pull requests, so what a source may say is narrow: connection URLs and
secrets come from environment variables named in the file (`url_env`, `${TOKEN}` in a
header), never from the file itself (`secret_problems` finds literal ones); URLs are
http(s) and bounded; paths stay inside the repository; commands are argument lists
that run only where okrcli.yaml enables them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, Any, ClassVar, Literal

from pydantic import Discriminator, Field, StringConstraints, Tag, field_validator, model_validator

from okrcli.model.fields import Number, StrictModel, Text

SOURCE_TYPES = ("sql", "prometheus", "http", "file", "command")
"""The key that names a source's type, in the order the docs list them."""

MAX_TIMEOUT = 300.0
"""Seconds; a sync is a scheduled job, not a daemon: no source may hold it longer."""
DEFAULT_TIMEOUT = 10.0
MAX_URL = 2048

ENV_PREFIX = "OKR_"
"""Sources read only environment variables named `OKR_...`: a file from a pull request
must not be able to send the sync job's other secrets (a CI token, cloud keys) to a
server of its choosing, so the job hands sources exactly the ones meant for them."""

EnvName = Annotated[
    str,
    StringConstraints(pattern=r"^OKR_[A-Za-z0-9_]+$", max_length=128),
    Field(
        description="The name of an environment variable that starts with `OKR_` "
        "(letters, digits and `_`)."
    ),
]
Timeout = Annotated[
    float,
    Field(
        gt=0,
        le=MAX_TIMEOUT,
        allow_inf_nan=False,
        description="Seconds the source may take, above 0 and at most 300 (default 10).",
    ),
]
Url = Annotated[
    str,
    StringConstraints(pattern=r"^https?://[^\s/?#]+[^\s]*$", max_length=MAX_URL),
    Field(description="An http:// or https:// URL (at most 2048 characters)."),
]
RelativePath = Annotated[
    str,
    StringConstraints(min_length=1, max_length=1024),
    Field(description="A path relative to the repository's top folder, inside it."),
]

ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
"""`${OKR_TOKEN}`: a value taken from the environment when the source runs."""


def _okr_references(value: str) -> str:
    """`value` when every `${NAME}` in it names an `OKR_` variable."""
    others = [name for name in ENV_REFERENCE.findall(value) if not name.startswith(ENV_PREFIX)]
    if others:
        raise ValueError(
            f"`${{{others[0]}}}`: a source reads only environment variables named "
            f"{ENV_PREFIX}..., so that a file cannot send other secrets anywhere"
        )
    return value


def _relative_inside(value: str) -> str:
    """A path that names a place inside the repository: relative, no `..` out of it.
    (Links are judged where the file is opened: `okrcli.sources`.)"""
    parts = value.replace("\\", "/").split("/")
    if value.startswith(("/", "\\", "~")) or re.match(r"^[A-Za-z]:", value):
        raise ValueError("give the path relative to the repository's top folder")
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else 0 if part in ("", ".") else 1
        if depth < 0:
            raise ValueError("the path leads out of the repository")
    return value


def _expression(value: str) -> str:
    """A JMESPath expression that compiles (a typo is a validation error, not a failed
    sync at night)."""
    import jmespath
    from jmespath.exceptions import JMESPathError

    try:
        jmespath.compile(value)
    except JMESPathError as error:
        said = str(error).splitlines()[0] if str(error) else "not an expression"
        raise ValueError(f"not a JMESPath expression ({said})") from None
    return value


class SourceBase(StrictModel):
    """What every source has: how long it may take, and how its number is converted."""

    tag: ClassVar[str] = ""
    """The key that names this type of source (`sql`, `http`, ...)."""

    timeout: Timeout = DEFAULT_TIMEOUT
    scale: Number | None = Field(
        default=None,
        description="Multiply the fetched number by this, where the source's unit differs "
        "(a ratio into percent: 100; milliseconds into seconds: 0.001).",
    )
    round: Annotated[int, Field(ge=0, le=12)] | None = Field(
        default=None, description="Round the (scaled) number to this many decimal places."
    )

    @property
    def kind(self) -> str:
        return self.tag

    def describe(self) -> str:
        """Where the number comes from, in a few words (for commit bodies and views); no
        secret ever, since secrets are never in the file."""
        raise NotImplementedError

    def secret_problems(self) -> Iterator[SecretProblem]:
        """Literal secrets written into the file (see `SecretProblem`)."""
        return iter(())


@dataclass(frozen=True)
class SecretProblem:
    """A secret written into the file, where an environment variable must hold it."""

    where: tuple[str, ...]
    """The key inside the source mapping (`("headers", "Authorization")`)."""
    message: str
    hint: str


class SqlSource(SourceBase):
    """A query that returns one row with one number, through SQLAlchemy."""

    noun: ClassVar[str] = "an sql source"
    tag: ClassVar[str] = "sql"

    sql: Annotated[str, StringConstraints(min_length=1, max_length=20_000)] = Field(
        description="A SELECT (or WITH ... SELECT) returning one row with one number."
    )
    database: RelativePath | None = Field(
        default=None, description="A SQLite database file, relative to the repository."
    )
    url_env: EnvName | None = Field(
        default=None,
        description="The environment variable (OKR_...) holding the SQLAlchemy URL "
        "(postgresql+psycopg://...): never a password in the file.",
    )

    @field_validator("sql")
    @classmethod
    def _reads_only(cls, value: str) -> str:
        first = value.lstrip(" \t\r\n(").split(None, 1)
        if not first or first[0].lower() not in ("select", "with", "values"):
            raise ValueError("a source's query starts with SELECT or WITH (it only reads)")
        return value

    @field_validator("database")
    @classmethod
    def _inside(cls, value: str | None) -> str | None:
        return _relative_inside(value) if value is not None else None

    @model_validator(mode="after")
    def _one_database(self) -> SqlSource:
        if (self.database is None) == (self.url_env is None):
            raise ValueError(
                "give the database: `database: PATH` (SQLite, in the repository) or "
                "`url_env: NAME` (the variable holding its URL), one of them"
            )
        return self

    def describe(self) -> str:
        return f"sql: {self.database}" if self.database else f"sql: ${self.url_env}"


class PrometheusSource(SourceBase):
    """A PromQL instant query that yields exactly one sample."""

    noun: ClassVar[str] = "a prometheus source"
    tag: ClassVar[str] = "prometheus"

    prometheus: Annotated[str, StringConstraints(min_length=1, max_length=10_000)] = Field(
        description="A PromQL instant query that yields exactly one sample."
    )
    server: Url | None = Field(default=None, description="The Prometheus server's URL.")
    server_env: EnvName | None = Field(
        default=None, description="The environment variable (OKR_...) holding the server's URL."
    )

    @model_validator(mode="after")
    def _one_server(self) -> PrometheusSource:
        if (self.server is None) == (self.server_env is None):
            raise ValueError(
                "give the server: `server: URL` or `server_env: NAME` (the variable "
                "holding its URL), one of them"
            )
        return self

    def describe(self) -> str:
        return f"prometheus: {self.server}" if self.server else f"prometheus: ${self.server_env}"

    def secret_problems(self) -> Iterator[SecretProblem]:
        if self.server is not None:
            yield from _url_secrets(self.server, ("server",))


class HttpSource(SourceBase):
    """A JSON document at a URL, and a JMESPath expression that selects the number."""

    noun: ClassVar[str] = "an http source"
    tag: ClassVar[str] = "http"

    http: Url = Field(
        description="The URL of a JSON document; `${OKR_NAME}` takes a part from the environment."
    )
    select: Annotated[str, StringConstraints(min_length=1, max_length=1000)] = Field(
        description="A JMESPath expression selecting the number (`data.rate`, `items[-1].n`)."
    )
    headers: dict[
        Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")],
        Annotated[str, StringConstraints(max_length=4096)],
    ] = Field(
        default_factory=dict,
        description="Request headers; secrets only as `${OKR_NAME}` (an environment variable).",
    )

    @field_validator("select")
    @classmethod
    def _compiles(cls, value: str) -> str:
        return _expression(value)

    @field_validator("http")
    @classmethod
    def _url_references(cls, value: str) -> str:
        return _okr_references(value)

    @field_validator("headers")
    @classmethod
    def _header_references(cls, value: dict[str, str]) -> dict[str, str]:
        for text in value.values():
            _okr_references(text)
        return value

    def describe(self) -> str:
        return f"http: {self.http}"

    def secret_problems(self) -> Iterator[SecretProblem]:
        yield from _url_secrets(self.http, ("http",))
        for name, value in self.headers.items():
            problem = header_secret(name, value)
            if problem is not None:
                yield SecretProblem(("headers", name), *problem)


class FileSource(SourceBase):
    """A JSON, YAML or CSV file in the repository."""

    noun: ClassVar[str] = "a file source"
    tag: ClassVar[str] = "file"

    file: RelativePath = Field(
        description="A .json, .yaml/.yml or .csv file, relative to the repository."
    )
    select: Annotated[str, StringConstraints(min_length=1, max_length=1000)] | None = Field(
        default=None, description="JSON and YAML: a JMESPath expression selecting the number."
    )
    column: Text | None = Field(default=None, description="CSV: the column's header.")
    row: Annotated[int, Field(ge=1)] | Literal["last"] | None = Field(
        default=None, description="CSV: the data row, counted from 1 (default: the last)."
    )

    @field_validator("file")
    @classmethod
    def _inside(cls, value: str) -> str:
        _relative_inside(value)
        if file_format(value) is None:
            raise ValueError("a file source reads .json, .yaml, .yml or .csv files")
        return value

    @field_validator("select")
    @classmethod
    def _compiles(cls, value: str | None) -> str | None:
        return _expression(value) if value is not None else None

    @model_validator(mode="after")
    def _addressed(self) -> FileSource:
        if file_format(self.file) == "csv":
            if self.column is None or self.select is not None:
                raise ValueError("a CSV file source names its `column` (and `row`, else the last)")
        elif self.select is None or self.column is not None or self.row is not None:
            raise ValueError("a JSON or YAML file source selects its number with `select:`")
        return self

    def describe(self) -> str:
        return f"file: {self.file}"


def file_format(path: str) -> Literal["json", "yaml", "csv"] | None:
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    formats: dict[str, Literal["json", "yaml", "csv"]] = {
        "json": "json",
        "yaml": "yaml",
        "yml": "yaml",
        "csv": "csv",
    }
    return formats.get(suffix)


class CommandSource(SourceBase):
    """A program run without a shell; its standard output is the number."""

    noun: ClassVar[str] = "a command source"
    tag: ClassVar[str] = "command"

    command: Annotated[
        list[Annotated[str, StringConstraints(min_length=1, max_length=4096)]],
        Field(min_length=1, max_length=100),
    ] = Field(
        description="The program and its arguments, as a list (no shell). Runs only where "
        "okrcli.yaml sets `sync: {commands: true}` and okr sync is given --allow-commands."
    )

    def describe(self) -> str:
        import shlex

        return f"command: {shlex.join(self.command)}"


def _source_type(value: Any) -> Any:
    """The union's tag: `sql source`, never a key of the data (an error's location
    would take the tag `sql` for the key `sql:`)."""
    if isinstance(value, dict):
        present = [key for key in SOURCE_TYPES if key in value]
        return f"{present[0]} source" if len(present) == 1 else None
    tag = getattr(value, "tag", None)
    return f"{tag} source" if tag else None


Source = Annotated[
    Annotated[SqlSource, Tag("sql source")]
    | Annotated[PrometheusSource, Tag("prometheus source")]
    | Annotated[HttpSource, Tag("http source")]
    | Annotated[FileSource, Tag("file source")]
    | Annotated[CommandSource, Tag("command source")],
    Discriminator(
        _source_type,
        custom_error_type="unknown_source",
        custom_error_message="a source has exactly one of sql, prometheus, http, file, command",
    ),
]
"""A key result's `source:`; `None` where it is checked in by hand."""

AnySource = SqlSource | PrometheusSource | HttpSource | FileSource | CommandSource

SOURCE_MODELS: dict[str, type[SourceBase]] = {
    model.tag: model
    for model in (SqlSource, PrometheusSource, HttpSource, FileSource, CommandSource)
}
"""Each type of source by its key, in the order of `SOURCE_TYPES`."""

SOURCE_FIELD_DESCRIPTION = (
    "Where the value lives: `okr sync` fetches it and checks it in (sql, prometheus, "
    "http, file or command)."
)


def planned_source(source: AnySource | None) -> dict[str, object]:
    """The `source:` that `okr plan` carries into the next period, as it was written."""
    if source is None:
        return {}
    return {"source": source.model_dump(mode="json", exclude_unset=True)}


# ---- literal secrets ---------------------------------------------------------------

_SENSITIVE_HEADER = re.compile(
    r"auth|token|key|secret|passw|session|cookie|credential|signature", re.IGNORECASE
)
_SCHEMES = {"bearer", "basic", "token", "bot", "digest", "apikey", "api-key", "sso-key", "key"}
_TOKEN_LIKE = re.compile(r"[A-Za-z0-9_\-.~+/=:]{20,}")


def header_secret(name: str, value: str) -> tuple[str, str] | None:
    """(message, hint) when a header's value holds a secret written into the file: a
    header that carries credentials (its name says so: Authorization, X-Api-Key,
    Cookie...) with anything but `${NAME}` references and a scheme word; or any header
    with a long token-like literal."""
    literal = ENV_REFERENCE.sub("", value)
    words = [word for word in re.split(r"\s+", literal.strip()) if word]
    hint = f'write `{name}: "{_suggested(name, value)}"` and set that variable where okr sync runs'
    if _SENSITIVE_HEADER.search(name):
        secret = [w for w in words if w.lower().rstrip(":") not in _SCHEMES]
        if secret or not ENV_REFERENCE.search(value):
            return (
                f"the header `{name}` holds a literal secret; secrets come from the environment",
                hint,
            )
    elif any(_TOKEN_LIKE.fullmatch(word) and _mixed(word) for word in words):
        return f"the header `{name}` holds what looks like a literal secret", hint
    return None


def _mixed(word: str) -> bool:
    return any(c.isdigit() for c in word) and any(c.isalpha() for c in word)


def _suggested(name: str, value: str) -> str:
    scheme = value.split()[0] if len(value.split()) > 1 else ""
    variable = re.sub(r"[^A-Z0-9]+", "_", name.upper()).strip("_") or "TOKEN"
    variable = "API_TOKEN" if variable in ("AUTHORIZATION", "PROXY_AUTHORIZATION") else variable
    variable = ENV_PREFIX + variable.removeprefix(ENV_PREFIX)
    return f"{scheme} ${{{variable}}}".strip()


_QUERY_SECRET = re.compile(
    r"[?&]([^=&#]*(?:token|key|secret|passw|signature|auth)[^=&#]*)=([^&#]*)", re.IGNORECASE
)


def _url_secrets(url: str, where: tuple[str, ...]) -> Iterator[SecretProblem]:
    """A password in the URL (`https://user:pw@host`), or a token-named query parameter
    with a literal value."""
    authority = url.split("://", 1)[-1].split("/", 1)[0]
    if "@" in authority and ":" in authority.split("@", 1)[0]:
        yield SecretProblem(
            where,
            "the URL holds a password (`user:password@`); secrets come from the environment",
            "take the password out of the URL: give a header with `${NAME}` instead",
        )
    for name, value in _QUERY_SECRET.findall(url):
        if value and not ENV_REFERENCE.fullmatch(value):
            yield SecretProblem(
                where,
                f"the URL's parameter `{name}` holds a literal secret; secrets come from "
                "the environment",
                f"write `{name}=${{OKR_TOKEN}}` in the URL and set OKR_TOKEN where okr sync runs",
            )
