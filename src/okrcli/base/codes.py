"""The stable codes of okrcli's validation findings, with what each means and its fix.

Codes never change meaning once released. OKR0xx are validation errors (the file is
broken); the practice rules of `okr lint` use OKR1xx and live in `okrcli.rules`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CodeInfo:
    code: str
    name: str
    summary: str
    fix: str


SYNTAX = "OKR001"
ENCODING = "OKR002"
MERGE_CONFLICT = "OKR003"
TAB = "OKR004"
EMPTY_FILE = "OKR005"
NOT_A_MAPPING = "OKR006"
TAG = "OKR007"
ALIAS = "OKR008"
TOO_DEEP = "OKR009"
TOO_LARGE = "OKR010"
DUPLICATE_KEY = "OKR011"
UNREADABLE = "OKR012"
NOT_A_FILE = "OKR013"
OUTSIDE_ROOT = "OKR014"
BAD_FILE_NAME = "OKR015"
MISPLACED_FILE = "OKR016"

MISSING_KEY = "OKR020"
UNKNOWN_KEY = "OKR021"
INVALID_VALUE = "OKR022"
UNKNOWN_KIND = "OKR023"

PATH_MISMATCH = "OKR030"
DUPLICATE_ID = "OKR031"
UNKNOWN_ALIGNMENT = "OKR032"
ALIGNMENT_CYCLE = "OKR033"
TARGET_EQUALS_START = "OKR034"
DUE_OUTSIDE_PERIOD = "OKR035"
ALIGNS_AND_STANDALONE = "OKR036"
MAINTAIN_WITHOUT_BAND = "OKR037"
EMPTY_BAND = "OKR038"
UNKNOWN_RULE = "OKR039"
BAD_CARRIED_FROM = "OKR040"
CLOSED_MISMATCH = "OKR041"
OVERRIDE_WITHOUT_GRADE = "OKR042"
REFERENCES_UNCHECKED = "OKR043"
UNKNOWN_TEAM = "OKR044"
IMPORT_ROW = "OKR045"
SOURCE_FAILED = "OKR046"
COMMANDS_DISABLED = "OKR047"
LITERAL_SECRET = "OKR048"

CATALOG: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        CodeInfo(
            SYNTAX,
            "yaml-syntax",
            "The file is not valid YAML.",
            "Fix indentation or quoting at the place shown.",
        ),
        CodeInfo(ENCODING, "encoding", "The file is not valid UTF-8.", "Save the file as UTF-8."),
        CodeInfo(
            MERGE_CONFLICT,
            "merge-conflict",
            "A git merge conflict was left unresolved.",
            "Keep one side and delete the `<<<<<<<`, `=======` and `>>>>>>>` lines.",
        ),
        CodeInfo(TAB, "tab-indent", "A tab is used for indentation.", "Indent with spaces."),
        CodeInfo(
            EMPTY_FILE,
            "empty-file",
            "The file has no content.",
            "Add `period`, `team` and `objectives`, or delete the file.",
        ),
        CodeInfo(
            NOT_A_MAPPING,
            "not-a-mapping",
            "The file holds a list or a single value.",
            "An OKR file is a mapping; see `okr init`.",
        ),
        CodeInfo(
            TAG,
            "yaml-tag",
            "A YAML tag (`!foo`, `!!python/...`) is used.",
            "Remove the tag; plain values only.",
        ),
        CodeInfo(
            ALIAS,
            "yaml-alias",
            "A YAML anchor or alias (`&a`, `*a`) is used.",
            "Write values out in full; anchors allow expansion bombs.",
        ),
        CodeInfo(
            TOO_DEEP,
            "too-deep",
            "Values are nested too deeply.",
            "OKR files need only a few levels.",
        ),
        CodeInfo(
            TOO_LARGE,
            "too-large",
            "The file is larger than 1 MiB.",
            "Split it: one file per team and period.",
        ),
        CodeInfo(
            DUPLICATE_KEY,
            "duplicate-key",
            "A key appears twice in one mapping.",
            "Keep one of them.",
        ),
        CodeInfo(
            UNREADABLE,
            "unreadable",
            "The file could not be read.",
            "Check that it exists and is readable.",
        ),
        CodeInfo(
            NOT_A_FILE,
            "not-a-file",
            "A FIFO, socket, device or folder is named like an OKR file.",
            "OKR files are plain files; remove it or rename it.",
        ),
        CodeInfo(
            OUTSIDE_ROOT,
            "outside-root",
            "A symbolic link leads outside the OKR root, so it is not read.",
            "Replace the link with the file itself.",
        ),
        CodeInfo(
            BAD_FILE_NAME,
            "bad-file-name",
            "A file or folder name is not valid UTF-8.",
            "Rename it with plain letters: `<period>/<team>.yaml`.",
        ),
        CodeInfo(
            MISPLACED_FILE,
            "misplaced-file",
            "A YAML file below the OKR root is not at `<root>/<period>/<team>.yaml`, so it "
            "is not read.",
            "Move it into its period's folder (`okrs/2026-Q4/success.yaml`), or out of the "
            "OKR root.",
        ),
        CodeInfo(
            MISSING_KEY,
            "missing-key",
            "A required key is missing.",
            "Add the key named in the message.",
        ),
        CodeInfo(
            UNKNOWN_KEY,
            "unknown-key",
            "A key is not part of the file format.",
            "Fix the spelling (a suggestion is shown) or remove it.",
        ),
        CodeInfo(
            INVALID_VALUE,
            "invalid-value",
            "A value has the wrong type or form.",
            "Use the type or pattern named in the message.",
        ),
        CodeInfo(
            UNKNOWN_KIND,
            "unknown-kind",
            "A key result has an unknown `kind`.",
            "Use metric, milestone, checklist, maintain or baseline.",
        ),
        CodeInfo(
            PATH_MISMATCH,
            "path-mismatch",
            "`period` or `team` does not match the file's place.",
            "Files live at `<root>/<period>/<team>.yaml`.",
        ),
        CodeInfo(
            DUPLICATE_ID,
            "duplicate-id",
            "An objective or key result id is used twice in the OKR root.",
            "Ids are unique across all files; rename one.",
        ),
        CodeInfo(
            UNKNOWN_ALIGNMENT,
            "unknown-alignment",
            "`aligns_to` names no objective or key result of the same period.",
            "Use an id from the same period, or `standalone: <why>`.",
        ),
        CodeInfo(
            ALIGNMENT_CYCLE,
            "alignment-cycle",
            "Objectives align to each other in a circle.",
            "Alignment points up to a parent goal; break the cycle.",
        ),
        CodeInfo(
            TARGET_EQUALS_START,
            "target-equals-start",
            "A metric's target equals its start, so it cannot be scored.",
            "Use `kind: maintain` to hold a level or `kind: milestone` for done/not done.",
        ),
        CodeInfo(
            DUE_OUTSIDE_PERIOD,
            "due-outside-period",
            "A `due` date lies outside the file's period.",
            "Move the date into the period or the key result into another period.",
        ),
        CodeInfo(
            ALIGNS_AND_STANDALONE,
            "aligns-and-standalone",
            "An objective has both `aligns_to` and `standalone`.",
            "Keep one: it supports a goal, or says why it stands alone.",
        ),
        CodeInfo(
            MAINTAIN_WITHOUT_BAND,
            "maintain-without-band",
            "A maintain key result has neither `min` nor `max`.",
            "Add `min`, `max` or both.",
        ),
        CodeInfo(
            EMPTY_BAND,
            "empty-band",
            "A maintain key result's `min` is above its `max`.",
            "Swap or correct the bounds.",
        ),
        CodeInfo(
            UNKNOWN_RULE,
            "unknown-rule",
            "okrcli.yaml sets a level for a rule that does not exist.",
            "Fix the code or name (a suggestion is shown); `okr lint --list-rules` lists them.",
        ),
        CodeInfo(
            BAD_CARRIED_FROM,
            "bad-carried-from",
            "`carried_from` names no objective of an earlier period.",
            "Name the objective it continues: `PERIOD/ID`, e.g. `2026-Q3/PLAT-1`.",
        ),
        CodeInfo(
            CLOSED_MISMATCH,
            "closed-mismatch",
            "Some files of a period say it is closed and others do not.",
            "Close the period with `okr close PERIOD`, or reopen it with `okr reopen PERIOD`.",
        ),
        CodeInfo(
            OVERRIDE_WITHOUT_GRADE,
            "override-without-grade",
            "`override_reason` is given without a `final_score`.",
            "Give the overriding `final_score`, or remove the reason.",
        ),
        CodeInfo(
            REFERENCES_UNCHECKED,
            "references-unchecked",
            "A file did not load, so the references into its period (`aligns_to`, "
            "`carried_from`) cannot be checked yet (a note, not an error).",
            "Fix that file's errors first: one mistake is reported once, not once per "
            "reference to it.",
        ),
        CodeInfo(
            UNKNOWN_TEAM,
            "unknown-team",
            "okrcli.yaml's `top_level_team` names a team that no OKR file has.",
            "Name the team whose objectives the others align to (a suggestion is shown).",
        ),
        CodeInfo(
            IMPORT_ROW,
            "import-row",
            "`okr import`: a row of the spreadsheet cannot be turned into a key result (a "
            "value that is not a number or a date, no target, no team or period).",
            "Fix the cell the message names (row and column), or import the other rows with "
            "`--skip-bad`.",
        ),
        CodeInfo(
            SOURCE_FAILED,
            "source-failed",
            "`okr sync`: a key result's `source:` gave no value it could record: the server "
            "or file could not be reached or read in time, or the answer was not one finite "
            "number (no row or several, several samples, text, NaN), or the key result's "
            "kind does not take it. Nothing is written for that key result.",
            "Fix what the message names at the `source:` line (run the query or request by "
            "hand to see what it returns); the other key results sync regardless.",
        ),
        CodeInfo(
            COMMANDS_DISABLED,
            "commands-disabled",
            "`okr sync`: a `command:` source was not run, because okrcli.yaml does not "
            "enable commands, or okr sync ran without `--allow-commands`. OKR files arrive "
            "in pull requests; a command in one runs on the machine that syncs.",
            "Set `sync: {commands: true}` in okrcli.yaml if every change to the OKR files "
            "is reviewed like code (guard okrcli.yaml with CODEOWNERS), and pass "
            "`--allow-commands` in the scheduled job on the main branch only; else use a "
            "`file:` source that a trusted job writes.",
        ),
        CodeInfo(
            LITERAL_SECRET,
            "literal-secret",
            "A source holds a secret written into the file: a credential header "
            "(Authorization, X-Api-Key, Cookie...) with a literal value, a password in a "
            "URL, or a token-named URL parameter. Files are committed and reviewed in "
            "public; secrets must not be.",
            'Reference an environment variable instead: `Authorization: "Bearer '
            '${OKR_API_TOKEN}"`, and set it where `okr sync` runs (a CI secret); rotate the '
            "secret that was committed.",
        ),
    )
}


def reference_markdown() -> str:
    """docs/errors.md, generated so that it cannot drift from the catalog."""
    lines = [
        "# Validation error codes",
        "",
        "<!-- generated by `make docs` from src/okrcli/codes.py; do not edit -->",
        "",
        "Every finding reads `path:line:col: error[CODE]: message` with a `hint:` line.",
        "Codes are stable: a code never changes its meaning.",
        "",
        "| code | name | what it means | how to fix it |",
        "| --- | --- | --- | --- |",
    ]
    for info in sorted(CATALOG.values(), key=lambda info: info.code):
        lines.append(f"| {info.code} | `{info.name}` | {info.summary} | {info.fix} |")
    return "\n".join(lines) + "\n"
