"""Every word a user reads is Vietnamese by default (issue 13): the help of every command, typical
errors and the tables are scanned for English words outside codes (option names, quoted values,
file names, format names). English stays complete with --lang en / HOCTAP_LANG=en."""
from __future__ import annotations

import json
import re

import click
import pytest

from conftest import EXAMPLES, ROOT
from scoring.messages import fmt_num, set_lang

# Common English words that are not also Vietnamese words written without marks ('an', 'in', 'to',
# 'do' are Vietnamese too, so they are left out).
ENGLISH = set("""
the of is are not and with file files records rejected scored must missing give error warning default show
this for from each every when which what only also see use name column columns sheet pack packs criteria
outcome total points needs needed unknown cannot found value values number list runs stored help usage options
option command commands exit version message or by it its be has have was were will than more less into after
before there their here output input inputs result results explanation summary label status reason where
write written read should would agree disagree claimed year target targets evaluated skipped please
""".split())

CODES = [
    r"--[\w-]+",                 # option names
    r"'[^'\n]*'", r"“[^”\n]*”", r"«[^»\n]*»",  # quoted names, codes and values
    r"\[[\w|]+\]",               # a choice of codes: [table|json|jsonl|csv]
    r"\S*[/\\]\S*",              # paths
    r"\b\w+(?:[._]\w+)+\b",        # identifiers: provenance.result_id, ngay_danh_gia
    r"\S+\.(?:csv|xlsx|xls|json|jsonl|yaml|yml|md|txt|pdf|sqlite3)\b",
    r"\b[A-ZĐ_]{2,}\b\S*",       # metavars (BỘ_TIÊU_CHÍ, FILE) and abbreviations
    r"\bJSON Lines\b", r"\bExcel Workbook\b", r"\bCSV UTF-8\b", r"\bJSON Schema\b",
]


def english_words(text: str, names: tuple[str, ...] = ()) -> list[str]:
    """English words of ``text`` outside codes; ``names`` (command names) are codes too."""
    for name in names:
        text = re.sub(rf"\b{re.escape(name)}\b", " ", text)
    for pattern in CODES:
        text = re.sub(pattern, " ", text)
    return sorted({w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH})


def test_the_scanner_can_fail():
    assert english_words("error: the file is empty") == ["error", "file", "is", "the"]
    assert english_words("lỗi: tệp 'records.csv' trống; --format json") == []


def commands(group: click.Group, path=()):
    for name, command in group.commands.items():
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


@pytest.fixture(autouse=True)
def vietnamese(monkeypatch):
    monkeypatch.delenv("HOCTAP_LANG", raising=False)
    set_lang(None)
    yield
    set_lang(None)


def test_help_of_every_command_is_vietnamese(runner, cli):
    found = {}
    names = tuple({name for path in commands(cli) for name in path})
    for path in [(), *commands(cli)]:
        result = runner.invoke(cli, [*path, "--help"])
        assert result.exit_code == 0, result.output
        words = english_words(result.output, names)
        if words:
            found[" ".join(path) or "hoctap"] = words
    assert found == {}


def test_help_is_english_with_hoctap_lang(runner, cli, monkeypatch):
    monkeypatch.setenv("HOCTAP_LANG", "en")
    result = runner.invoke(cli, ["score", "--help"], prog_name="hoctap")
    assert "Show this message and exit." in result.output
    assert "Usage: hoctap score [OPTIONS] RECORDS..." in result.output and "Cách dùng" not in result.output


@pytest.mark.parametrize("args", [
    ["score", "-c", "cong-dan-hoc-tp", "x.csv"],
    ["score", "-c", "cong-dan-hoc-tap", "missing.csv"],
    ["score", "x.csv"],
    ["score", "-c", "cong-dan-hoc-tap", "--jobs", "0", "x.csv"],
    ["report", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"), "--by", "huyen"],
    ["explain", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"), "--record", "X"],
    ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2027", str(EXAMPLES / "cong-dan-hoc-tap.csv")],
    ["nosuchcommand"],
])
def test_typical_errors_are_vietnamese(runner, cli, args):
    result = runner.invoke(cli, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert english_words(result.output) == [], result.output


def test_tables_and_record_errors_are_vietnamese(runner, cli, tmp_path):
    ind = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    path = tmp_path / "r.csv"
    path.write_text("id,group," + ",".join(ind) + "\nA,1," + ",".join(["8"] * 9 + ["7.5"]) + "\nB,1,x"
                    + ",8" * 9 + "\nC,9," + ",".join(["8"] * 10) + "\nA,1," + ",".join(["9"] * 10) + "\n", encoding="utf-8")
    outputs = []
    for args in (["score"], ["report"], ["explain"]):
        result = runner.invoke(cli, [*args, "-c", "cong-dan-hoc-tap", str(path)])
        assert result.exit_code == 1, result.output
        outputs.append(result.output)
    score = outputs[0]
    assert "79,5/100" in score and "đã đọc 4 hồ sơ: 1 được chấm, 3 bị loại" in score
    for out in outputs:
        assert english_words(out) == [], out


def test_english_is_complete_with_lang_en(runner, cli):
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"), "--lang", "en"])
    assert result.exit_code == 0
    assert "Kết quả" not in result.output and "hồ sơ" not in result.output
    assert result.output.rstrip().endswith("12 records read: 12 scored, 0 rejected")


def test_vietnamese_numbers():
    assert [fmt_num(x, "vi") for x in (80, 79.5, 1234.5, 46.6667, 1_000_000)] == ["80", "79,5", "1.234,5", "46,6667", "1.000.000"]
    assert [fmt_num(x, "en") for x in (80, 79.5, 1234.5)] == ["80", "79.5", "1,234.5"]


def test_csv_files_open_in_excel(runner, cli, tmp_path):
    """A CSV file starts with the UTF-8 BOM (Excel on Windows then reads the diacritics);
    --csv utf8 leaves it out; --csv excel-vi writes ';' and the decimal comma."""
    source = str(EXAMPLES / "cong-dan-hoc-tap.csv")
    for dialect, bom in [(None, True), ("excel", True), ("utf8", False), ("excel-vi", True)]:
        out = tmp_path / f"kq-{dialect}.csv"
        args = ["score", "-c", "cong-dan-hoc-tap", source, "-o", str(out)] + (["--csv", dialect] if dialect else [])
        assert runner.invoke(cli, args).exit_code == 0
        data = out.read_bytes()
        assert data.startswith(b"\xef\xbb\xbf") == bom, dialect
        text = data.decode("utf-8-sig")
        row = next(line for line in text.splitlines() if line.startswith("CD-2024-011"))
        if dialect == "excel-vi":
            assert text.startswith("Mã;Mã kết quả;Kết quả;Tổng điểm;") and ";79,5;100;" in row and ";chưa đạt;" not in row
        elif dialect == "utf8":   # plain UTF-8 is for programs: codes
            assert text.startswith("id,outcome,label,total,max,") and ",79.5,100," in row and ",met," in row
        else:   # for Excel, read by people: headings and statuses in words
            assert text.startswith("Mã,Mã kết quả,Kết quả,Tổng điểm,Điểm tối đa,") and ",79.5,100," in row
            assert ",đạt," in row and ",met," not in row
        assert "Chưa đạt danh hiệu Công dân học tập" in row


def test_kept_columns_go_into_results_and_the_list_and_nowhere_else(runner, cli, tmp_path):
    path = tmp_path / "r.csv"
    ind = ",".join(["8"] * 10)
    path.write_text("Mã số,Họ và tên,Thôn/xóm,Số điện thoại,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n"
                    f"A,Nguyễn Văn An,Thôn Thượng,0901,1,{ind}\nB,Đỗ Thị Bình,Thôn Đoài,0902,1,{ind}\n", encoding="utf-8")
    out = tmp_path / "kq.jsonl"
    keep = ["--giu-cot", "Họ và tên", "--keep", "Thôn/xóm"]
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), *keep, "-o", str(out),
                                 "--store", str(tmp_path / "s.sqlite3")])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["columns"] for r in rows] == [{"Họ và tên": "Nguyễn Văn An", "Thôn/xóm": "Thôn Thượng"},
                                            {"Họ và tên": "Đỗ Thị Bình", "Thôn/xóm": "Thôn Đoài"}]
    assert "0901" not in out.read_text(encoding="utf-8")   # a column not asked for is not kept
    assert "Nguyễn" not in (tmp_path / "s.sqlite3").read_bytes().decode("utf-8", "replace")  # no --store-inputs
    listed = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(path), *keep, "--by", "Thôn/xóm"])
    table = listed.output.split("Danh sách đề nghị công nhận")[1]
    assert "Nguyễn Văn An" in table and "0901" not in listed.output
    by_village = listed.output.split("Theo Thôn/xóm:")[1]
    assert by_village.index("Thôn Đoài") < by_village.index("Thôn Thượng")   # Đ after D, before T


def test_every_command_s_output_on_the_examples_is_vietnamese(runner, cli, tmp_path):
    """What a council, a citizen or an auditor reads from each command on the shipped examples:
    scored tables, explanations (plain and detailed), reports, disagreements, goals, packs, runs,
    stored results and their check, the self-check, pack checks and the written files' names."""
    cdht, tt24 = str(EXAMPLES / "cong-dan-hoc-tap.csv"), str(EXAMPLES / "don-vi-hoc-tap-tt24-tinh.jsonl")
    council = str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx")
    store = str(tmp_path / "s.sqlite3")
    answers = tmp_path / "a.yaml"
    answers.write_text("group: 1\n" + "".join(f'"{i}": 6\n' for i in
                       ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2")), encoding="utf-8")
    commands = [
        ["score", "-c", "cong-dan-hoc-tap", cdht, "--store", store],
        ["score", "-c", "don-vi-hoc-tap-tt24-tinh", tt24, "-o", str(tmp_path / "kq.xlsx")],
        ["explain", "-c", "cong-dan-hoc-tap", cdht],
        ["explain", "-c", "don-vi-hoc-tap-tt24-tinh", tt24, "-f", "detail"],
        ["report", "-c", "cong-dan-hoc-tap", cdht, "--by", "xa"],
        ["verify", "-c", "cong-dan-hoc-tap", council],
        ["goals", "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(EXAMPLES / "goals" / "muc-tieu-langson-stnmt-2024.csv")],
        ["packs"], ["goal-packs"], ["runs", "--store", store], ["audit", "verify", "--store", store],
        ["audit", "show", "CD-2024-002", "--store", store],
        ["check", "-c", "cong-dan-hoc-tap", "--answers", str(answers)],
        ["validate", "cong-dan-hoc-tap"], ["test", "cong-dan-hoc-tap"],
        ["template", "-c", "cong-dan-hoc-tap", "-o", str(tmp_path / "mau.xlsx")],
    ]
    found = {}
    for args in commands:
        result = runner.invoke(cli, args)
        assert result.exit_code in (0, 1), (args, result.output)
        text = re.sub(r"\b[0-9a-f]{16,}\b|\b\d{8}T\d{6}Z-[0-9a-f]+\b", " ", result.output)   # hashes and run ids
        words = english_words(text)
        if words:
            found[" ".join(args[:2])] = words
    assert found == {}


BROKEN_CRITERIA = sorted((ROOT / "tests" / "broken_criteria").glob("*.yaml"))
LINT_CRITERIA = sorted((ROOT / "tests" / "lint_criteria").glob("*.yaml"))


def test_criteria_pack_errors_and_lint_are_vietnamese(runner, cli):
    """A pack author reads the loader's errors and lint's findings in Vietnamese (issue 13 item 1)."""
    found = {}
    for path in [*BROKEN_CRITERIA, *LINT_CRITERIA]:
        result = runner.invoke(cli, ["validate", str(path)])
        assert result.exit_code in (0, 2) and result.output.strip(), (path.name, result.output)
        # each line starts FILE:LINE: yaml.path: — the YAML path (criteria[0].rule, outcome) is a code
        # and a line quoted from the file, under its message, is the author's own text
        text = re.sub(r"(?m)^\S+: \S+: |^    .*$", " ", result.output)
        words = english_words(text)
        if words:
            found[path.name] = words
    assert found == {}


def test_criteria_pack_errors_stay_english_with_lang_en(runner, cli):
    path = ROOT / "tests" / "broken_criteria" / "undeclared-input.yaml"
    result = runner.invoke(cli, ["validate", "--lang", "en", str(path)])
    assert result.exit_code == 2
    assert "indicator 'dh' reads input 'danh_hiue', which is not declared in 'inputs' (did you mean 'danh_hieu'?)" in result.stderr
    assert english_words(result.stderr)
    result = runner.invoke(cli, ["score", "-c", str(path), "x.csv"], env={"HOCTAP_LANG": "en"})
    assert result.exit_code == 2 and "which is not declared in 'inputs'" in result.stderr
