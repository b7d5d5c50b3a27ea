"""A pack text refused today but loaded when a run was stored (a value between curly quotes, pasted
from Word: the quotes were kept in the value) is read from the store as it was then: ``audit verify``
must not call such a run changed, while the same text given as a pack file is refused with the fix."""
import shutil
from pathlib import Path

STORES = Path(__file__).parent / "stores"
# Written by hoctap at 5b2527a (before curly quotes were refused) in tests/stores/curly-before/:
# 'hoctap score -c pack.yaml records.csv --store=../curly-before.sqlite3 -f jsonl -o OUT'
# (SOURCE_DATE_EPOCH 1764892800). pack.yaml is the citizens' pack with `version: “1.0”` and a title
# “Công dân học tập” xã Tân Lập.
CURLY_BEFORE = STORES / "curly-before.sqlite3"
FOLDER = STORES / "curly-before"
RUN = "20251205T000000Z-554496"


def _copy(tmp_path):
    db = tmp_path / "kho.sqlite3"
    shutil.copy(CURLY_BEFORE, db)
    return str(db)


def test_a_run_stored_with_a_curly_quoted_version_still_verifies(runner, cli, tmp_path):
    db = _copy(tmp_path)
    result = runner.invoke(cli, ["audit", "verify", "--store", db])
    assert result.exit_code == 0, result.output
    assert "3 dòng đã lưu: 3 tái lập đúng, 0 khác" in result.output


def test_and_against_its_file(runner, cli, tmp_path):
    db = _copy(tmp_path)
    result = runner.invoke(cli, ["audit", "verify", RUN, "--store", db, "--against", str(FOLDER / "records.csv")])
    assert result.exit_code == 0, result.output
    assert "so với tệp gốc: 3 dòng khớp với các dòng đã lưu" in result.output


def test_audit_show_names_the_version_as_it_was_stored(runner, cli, tmp_path):
    db = _copy(tmp_path)
    result = runner.invoke(cli, ["audit", "show", "--store", db, "CD-2024-001", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert '"version": "“1.0”"' in result.stdout


def test_the_same_text_as_a_pack_file_is_refused_with_the_fix(runner, cli):
    result = runner.invoke(cli, ["score", "-c", str(FOLDER / "pack.yaml"), str(FOLDER / "records.csv")])
    assert result.exit_code == 2
    assert ("version: “1.0” được viết trong dấu ngoặc cong (chép từ Word?): YAML chỉ hiểu dấu ngoặc thẳng \" và ', "
            "nên dấu ngoặc cong sẽ nằm trong giá trị — hãy viết \"1.0\"") in result.output
