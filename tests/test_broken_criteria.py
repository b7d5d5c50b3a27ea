"""One broken criteria file per mistake (tests/broken_criteria/), each checked against the
wording of its error: the message must name the file, the place and the fix."""
from pathlib import Path

import pytest

from scoring import CriteriaError, CriteriaErrors, load_pack

HERE = Path(__file__).parent
BROKEN = sorted((HERE / "broken_criteria").glob("*.yaml"))


def test_the_base_of_the_broken_files_is_valid():
    assert load_pack(HERE / "valid_base_pack.yaml").pack.id == "thu-nghiem"


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_broken_file_gives_its_message(path):
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    with pytest.raises((CriteriaError, CriteriaErrors)) as err:
        load_pack(path)
    message = str(err.value)
    assert message.startswith(str(path)), message
    assert expected in message, message


def test_broken_file_message_has_a_line_number():
    with pytest.raises(CriteriaErrors) as err:
        load_pack(HERE / "broken_criteria" / "threshold-as-text.yaml")
    assert err.value.errors[0].line == 35  # the band line of the file
