"""The `command:` source: a program run without a shell, whose standard output is the
number. Off unless okrcli.yaml sets `sync: {commands: true}` and whoever runs `okr sync`
passes `--allow-commands`: OKR files arrive in pull requests, and a command in one would
run on the machine that syncs (a reviewer's laptop included).

The program runs in the repository's top folder with no standard input; a relative
program path with a `/` (`scripts/count-users`) is found from there, a bare name on the
PATH, an absolute path as it is. It is stopped (its whole process group) at the timeout, and at most
`MAX_OUTPUT` bytes of its output are read."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import threading
from typing import IO

from okrcli.base import codes
from okrcli.model.sources import CommandSource
from okrcli.sources.context import Context, Deadline, inside
from okrcli.sources.errors import SourceError

MAX_OUTPUT = 64 * 1024


def fetch_command(source: CommandSource, context: Context, deadline: Deadline) -> object:
    if context.commands_refused is not None:
        message, hint = context.commands_refused
        raise SourceError(message, hint, code=codes.COMMANDS_DISABLED)
    argv = [_program(source.command[0], context), *source.command[1:]]
    output, status, errors = _run(argv, context, deadline)
    if status != 0:
        said = errors.strip().splitlines()[-1] if errors.strip() else "no message"
        raise SourceError(
            f"`{source.command[0]}` exited with {status}: {said[:200]}",
            "run the command by hand in the repository's top folder to see why it fails",
        )
    lines = output.strip().splitlines()
    if len(lines) != 1:
        what = "nothing" if not lines else f"{len(lines)} lines"
        raise SourceError(
            f"`{source.command[0]}` printed {what}; one number is wanted",
            "print only the number on standard output (messages go to standard error)",
        )
    return lines[0]


def _program(program: str, context: Context) -> str:
    """A relative path with a `/` is the repository's script (and must stay inside it);
    a bare name is looked up on the PATH and an absolute path taken as it is, as a shell
    would (neither is more than the PATH already offers)."""
    if "/" in program and not program.startswith("/"):
        return str(inside(context, program))
    return program


def _run(argv: list[str], context: Context, deadline: Deadline) -> tuple[str, int, str]:
    import tempfile

    with tempfile.TemporaryFile() as errors:
        try:
            process = subprocess.Popen(
                argv,
                cwd=context.top,
                env=dict(context.environ),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=errors,
                start_new_session=True,  # its own process group: stopped whole
            )
        except OSError as error:
            raise SourceError(
                f"cannot run `{argv[0]}`: {error.strerror}",
                "name a program on the PATH, or a script in the repository by its path "
                "(`scripts/count.sh`), executable",
            ) from None
        assert process.stdout is not None
        output = _Drain(process.stdout, process)
        try:
            status = process.wait(timeout=deadline.left())
        except (subprocess.TimeoutExpired, SourceError):
            _stop(process)
            raise deadline.expired() from None
        output.join(timeout=1.0)  # a child that escaped the group may hold the pipe
        if output.overflowed:
            raise SourceError(
                f"`{argv[0]}` printed more than {MAX_OUTPUT // 1024} KiB",
                "print only the number on standard output (messages go to standard error)",
            )
        errors.seek(max(0, os.fstat(errors.fileno()).st_size - 4096))
        said = errors.read().decode("utf-8", "replace")
    return output.text(), status, said


class _Drain(threading.Thread):
    """Reads a pipe to its end, keeping at most `MAX_OUTPUT` bytes; stops the program
    when it prints more."""

    def __init__(self, pipe: IO[bytes], process: subprocess.Popen[bytes]) -> None:
        super().__init__(daemon=True)
        self.pipe, self.process = pipe, process
        self.kept = bytearray()
        self.overflowed = False
        self.start()

    def run(self) -> None:
        while chunk := self.pipe.read1(65536):  # type: ignore[attr-defined]
            self.kept += chunk
            if len(self.kept) > MAX_OUTPUT:
                self.overflowed = True
                _stop(self.process)
                return

    def text(self) -> str:
        return self.kept.decode("utf-8", "replace")


def _stop(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
