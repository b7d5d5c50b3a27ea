"""The ``hoctap`` console command: Ctrl-C and SIGTERM are handled from the first instant.

Importing the library takes a while (pydantic models, the rules engine); a Ctrl-C in that time
would print Python's traceback. So this module, which imports nothing heavy, installs the
handlers first, then loads ``cli`` and hands over to it.
"""
import signal
import sys


def _stop(signum, frame):
    raise KeyboardInterrupt


def main() -> None:
    signal.signal(signal.SIGTERM, _stop)
    try:
        import cli
    except KeyboardInterrupt:
        try:
            sys.stderr.write("interrupted: nothing was written\n")
        except (OSError, UnicodeError):
            pass
        raise SystemExit(130) from None
    cli.main()


if __name__ == "__main__":
    main()
