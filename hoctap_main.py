"""The ``hoctap`` console command: Ctrl-C and SIGTERM are handled from the first instant.

Importing the library takes a while (pydantic models, the rules engine); a Ctrl-C in that time
would print Python's traceback. So this module, which imports nothing heavy, installs the
handlers first, then loads ``cli`` and hands over to it (``main``); the installed command
(``console``) then ends the process without Python's teardown.
"""
import _thread
import atexit
import os
import signal
import sys
import threading
import time


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


def _unraisable(unraisable) -> None:
    """A Ctrl-C (or SIGTERM) that arrives while Python runs a callback of its own cannot be raised
    there: the import system releases its module locks in weakref callbacks, and one interrupted
    while loading the library would print 'Exception ignored ... KeyboardInterrupt' and carry on
    as if nothing had been pressed. It is delivered again, a moment later, to the main thread's own
    code, where it stops the run like any other; everything else goes to Python's own hook."""
    if not by_interrupt(unraisable.exc_value):
        sys.__unraisablehook__(unraisable)
        return
    try:
        # not from here: Python checks for signals before this hook has returned, and one raised
        # in the hook is lost the same way
        _thread.start_new_thread(_interrupt_later, ())
    except RuntimeError:   # Python is ending: nothing is left to stop
        pass


def _interrupt_later() -> None:
    time.sleep(0.02)
    _thread.interrupt_main()


def main() -> None:
    sys.unraisablehook = _unraisable
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


def console() -> None:
    """The ``hoctap`` command: ``main``, then the process ends at once, without Python's teardown,
    which frees every object of the run one by one (one record cold: ``benchmarks/bench_speed.py
    --cold-only --also`` a checkout before, README "Cold start"; more after a large run). What an
    ordinary exit does that matters is done first: the exit functions (``atexit``: the run stores
    are closed there, multiprocessing's own clean-up) and the streams flushed; every output file
    was closed by its own command. Python ends as usual where another thread still runs (``hoctap
    serve``) or the exit carries a message."""
    try:
        main()
        code = 0
    except SystemExit as done:
        code = 0 if done.code is None else done.code
    if not isinstance(code, int) or threading.active_count() > 1:
        raise SystemExit(code)
    try:
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):   # a closed or broken stream: the command has said so already
                pass
    except KeyboardInterrupt:   # Ctrl-C in the last instant: the run's work is done and written
        pass
    os._exit(code)


if __name__ == "__main__":
    console()
