"""The ``hoctap`` console command: Ctrl-C and SIGTERM are handled from the first instant.

Importing the library takes a while (pydantic models, the rules engine); a Ctrl-C in that time
would print Python's traceback. So this module, which imports nothing heavy, installs the
handlers first, then loads ``cli`` and hands over to it.
"""
import os
import signal
import sys


def _stop(signum, frame):
    raise KeyboardInterrupt


def _interrupted() -> str:
    """The catalogue's 'interrupted' message, without importing it (the library is what was
    being imported): English only when asked for, as everywhere else."""
    argv = " ".join(sys.argv[1:])
    english = "--lang en" in argv or "--lang=en" in argv or os.environ.get("HOCTAP_LANG", "")[:2].lower() == "en"
    return "interrupted: nothing was written\n" if english else "đã dừng: chưa ghi tệp nào\n"


def by_interrupt(exc: BaseException | None) -> bool:
    """Whether ``exc`` is Ctrl-C (or SIGTERM, raised as it) or came of one. On Python 3.11 one that
    arrives while a class is being made (``__set_name__``: dataclasses, ``functools.cached_property``)
    is raised again as a RuntimeError whose cause is the KeyboardInterrupt; an error raised while
    one is being handled has it as its context."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return True
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return False


def main() -> None:
    try:
        signal.signal(signal.SIGTERM, _stop)
        import cli
        # cli.main handles an interruption once the command runs; one in its first lines (the
        # language, the streams: before its own handler) or while it is loaded ends here
        cli.main()
    except BaseException as exc:  # noqa: BLE001 - only an interruption is handled here
        # the command's own exit stays as it is, even one made while handling an interruption
        if isinstance(exc, SystemExit) or not by_interrupt(exc):
            raise
        try:
            sys.stderr.write(_interrupted())
        except (OSError, UnicodeError, KeyboardInterrupt):   # a second Ctrl-C while saying so: the same stop
            pass
        raise SystemExit(130) from None


if __name__ == "__main__":
    main()
