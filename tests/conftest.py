import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))          # cli.py lives at the repo root
sys.path.insert(0, str(Path(__file__).parent))  # tests/reference.py

CRITERIA = ROOT / "criteria"
EXAMPLES = ROOT / "examples"


@pytest.fixture
def runner():
    from click.testing import CliRunner
    return CliRunner()


@pytest.fixture
def cli():
    from cli import cli as command
    return command
