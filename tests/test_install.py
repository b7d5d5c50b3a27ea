"""The install: durable-rules on every supported Python, and the vendored copy unchanged."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import pytest

from scoring.engine.adapter import durable_version

VENDOR = Path(__file__).resolve().parent.parent / "vendor" / "durable-rules-2.0.28"


def test_the_vendored_sources_are_the_published_ones():
    """vendor/ must hold durable-rules 2.0.28 as PyPI publishes it: the 3.13 fix is a compiler flag
    in setup.py, never an edit, so that anyone can check the copy against the archive."""
    listed = [line.split(None, 1) for line in (VENDOR / "SHA256SUMS").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    assert len(listed) == 14
    for digest, name in listed:
        assert hashlib.sha256((VENDOR / name.strip()).read_bytes()).hexdigest() == digest, name


def test_the_engine_imports_and_names_its_version():
    import durable.engine  # noqa: F401  - the C extension loads on this Python
    assert durable_version() == "2.0.28"


@pytest.mark.skipif(sys.version_info < (3, 13), reason="the vendored build is used from Python 3.13 on")
def test_on_313_the_engine_is_the_vendored_build():
    from importlib.metadata import packages_distributions
    assert "hoctap" in packages_distributions()["durable"]
