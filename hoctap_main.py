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


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    try:
        import cli
    except KeyboardInterrupt:
        try:
            sys.stderr.write(_interrupted())
        except (OSError, UnicodeError):
            pass
        raise SystemExit(130) from None
    cli.main()


if __name__ == "__main__":
    main()
