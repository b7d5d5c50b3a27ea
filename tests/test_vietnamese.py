"""Every word a user reads is Vietnamese by default (issue 13): the help of every command, typical
errors and the tables are scanned for English words outside codes (option names, quoted values,
file names, format names). English stays complete with --lang en / HOCTAP_LANG=en."""
from __future__ import annotations

import json
from pathlib import Path
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
LOCAL = "http://127.0.0.1"   # a web test's address: the server refuses names it does not listen on


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


# --- audit verify / show, broken goal packs, and the validators' own words (issue 13 item 1) ---

def vietnamese_letters(text: str, data: tuple[str, ...] = ()) -> list[str]:
    """Letters only Vietnamese writes (ă, ơ, đ, ế…) in ``text`` outside ``data`` (a pack's own
    labels and references, a user's quoted values), which an English reader may see as they are."""
    for item in sorted(data, key=len, reverse=True):
        text = text.replace(item, " ")
    text = re.sub(r"'[^'\n]*'|«[^»\n]*»|“[^”\n]*”", " ", text)   # a user's quoted value stays as written
    return sorted(set(re.findall(r"[À-ỹĐđ]", text)) - set("àáèéìíòóùúýÀÁÈÉÌÍÒÓÙÚÝ"))


def test_the_letter_scanner_can_fail():
    assert vietnamese_letters("lỗi: tệp trống") == sorted("ệốỗ")
    assert vietnamese_letters("error: 'Thôn Đoài' is empty") == []
    assert vietnamese_letters("Bộ tiêu chí: x", ("Bộ tiêu chí",)) == []


def _pack_strings(path, english: bool = False) -> tuple[str, ...]:
    """Every piece of text of a pack file (labels, references, notes): data, not hoctap's words.
    ``english``: leave out the Vietnamese of a text that has English ({vi, en}), which an English
    reader must not see."""
    import yaml
    out: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            for k, v in node.items():
                if not (english and k == "vi" and isinstance(node.get("en"), str)):
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)
        elif isinstance(node, str):
            out.extend(part for part in re.split(r"[;,()—:]\s*", node) if part.strip())
            out.append(node)
    walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return tuple(out)


@pytest.fixture
def tampered_run(runner, cli, tmp_path):
    """A stored run of the shipped example with one rejected row, then a hand-edited total, and
    an original file changed afterwards: every kind of line 'audit verify' and 'audit show' print."""
    import sqlite3
    records = tmp_path / "ho-so.csv"
    source = (EXAMPLES / "cong-dan-hoc-tap.csv").read_text(encoding="utf-8")
    records.write_text(source + "CD-X,Ai Đó,Xã A,1,x,8,8,8,8,8,8,8,8,8\n", encoding="utf-8")
    store = str(tmp_path / "kho.sqlite3")
    assert runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(records), "--store", store]).exit_code == 1
    with sqlite3.connect(store) as db:
        db.execute("UPDATE results SET total = 85.25 WHERE record_id = 'CD-2024-002'")
        [(run,)] = db.execute("SELECT run_id FROM runs").fetchall()
    changed = tmp_path / "changed" / "ho-so.csv"
    changed.parent.mkdir()
    changed.write_text(records.read_text(encoding="utf-8").replace("CD-2024-003,Lê Thị Thu Trang,Phường Đông Sơn,3,10",
                                                                 "CD-2024-003,Lê Thị Thu Trang,Phường Đông Sơn,3,1"),
                       encoding="utf-8")
    return store, run, str(changed)


def _audit_outputs(runner, cli, tampered, extra=(), env=None):
    store, run, changed = tampered
    commands = [["audit", "verify", "--store", store],
                ["audit", "verify", run, "--against", changed, "--store", store, "--seal", "ab" * 32],
                ["audit", "show", "CD-2024-002", "--store", store],
                ["audit", "show", "CD-2024-005", "--store", store, "-f", "markdown"],
                ["audit", "show", "CD-X", "--store", store],
                ["audit", "show", "NOPE", "--store", store],
                ["audit", "verify", "20990101T000000Z-ffffff", "--store", store]]
    outputs = {}
    for args in commands:
        result = runner.invoke(cli, [*args, *extra], env=env)
        assert result.exit_code in (0, 1, 2) and "Traceback" not in result.output, (args, result.output)
        outputs[" ".join(args[:3])] = re.sub(r"\b[0-9a-f]{12,}\b…?|\b\d{8}T\d{6}Z-[0-9a-f]+\b", " ", result.output)
    return outputs


def test_audit_verify_and_show_are_vietnamese(runner, cli, tampered_run):
    outputs = _audit_outputs(runner, cli, tampered_run)
    verify = outputs["audit verify --store"]
    assert "KHÁC" in verify and "tổng điểm: đã lưu 85,25, chấm lại 73" in verify    # the decimal comma
    against = outputs[f"audit verify {tampered_run[1]}"]
    assert "không phải mã đã ghi" in against and "so với tệp gốc: 1 dòng không khớp" in against
    assert "CẢNH BÁO: tổng điểm: đã lưu 85,25" in outputs["audit show CD-2024-002"]
    assert "Bị từ chối:" in outputs["audit show CD-X"]
    found = {name: english_words(out) for name, out in outputs.items() if english_words(out)}
    assert found == {}


@pytest.mark.parametrize("how", ["--lang", "HOCTAP_LANG"])
def test_audit_verify_and_show_are_english_with_lang_en(runner, cli, tampered_run, how):
    extra, env = (["--lang", "en"], None) if how == "--lang" else ((), {"HOCTAP_LANG": "en"})
    outputs = _audit_outputs(runner, cli, tampered_run, extra, env)
    verify = outputs["audit verify --store"]
    assert "DIFFERS" in verify and "total: stored 85.25, scored again 73" in verify
    against = outputs[f"audit verify {tampered_run[1]}"]
    assert "not the one written down" in against and "against the original files: 1 row does not match" in against   # it said "1 rows do not match"
    show = outputs["audit show CD-2024-002"]
    assert show.startswith("Result ") and "WARNING: total: stored 85.25" in show and "Record: CD-2024-002" in show
    data = _pack_strings(ROOT / "criteria" / "cong-dan-hoc-tap.yaml")
    # the run was made in Vietnamese: a rejected row's stored error is the run's own words, kept as data
    outputs["audit show CD-X"] = re.sub(r"(?m)^Rejected: .*$", " ", outputs["audit show CD-X"])
    found = {name: vietnamese_letters(out, data) for name, out in outputs.items() if vietnamese_letters(out, data)}
    assert found == {}


BROKEN_GOALS = sorted((ROOT / "tests" / "broken_goals").glob("*.yaml"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_broken_goal_packs_speak_the_chosen_language(runner, cli, lang):
    found = {}
    for path in BROKEN_GOALS:
        result = runner.invoke(cli, ["validate", "--lang", lang, str(path)])
        assert result.exit_code == 2 and result.output.strip(), (path.name, result.output)
        text = re.sub(r"(?m)^(?:lỗi|error): |^\S+: \S+: |^    .*$", " ", result.output)
        words = english_words(text) if lang == "vi" else vietnamese_letters(text)
        if words:
            found[path.name] = words
    assert found == {}


# One mistake per file, as people make them: wrong types, missing and unknown keys, YAML syntax,
# tabs, repeated keys. {base}: the valid base pack or goal pack with one line changed.
FALLBACKS = {
    "criteria": ("valid_base_pack.yaml", [
        ('version: "1"', "version: [1]"), ("title: {vi: Bộ tiêu chí thử nghiệm}", "title: Bộ"),
        ("valid_from: 2023-10-25", "valid_from: hôm qua"), ("valid_from: 2023-10-25", "valid_from: 2023-02-30"),
        ("required: false", "required: có lẽ"), ("id: thu-nghiem", "id: 'Thử Nghiệm'"), ("id: thu-nghiem", "id: ''"),
        ("max: 10, pass_at: 5}\n      - id: \"1.2\"", "max: -1, pass_at: 5}\n      - id: \"1.2\""),
        ("    indicators:\n", "    indicators: không\n    x:\n"), ("criteria:\n", "criteria: []\nx:\n"),
        ("reference: {document: Quyết định 324/QĐ-KHVN}", "reference: Quyết định"), ("status: official", "status: [official"),
        ("  kind: bands", "\tkind: bands"), ("status: official", "status: official\nstatus: official"),
        ("status: official", "status: official\n--- \nx: 1"), ("format: hoctap/criteria@1", "%YAML 2.0\n---\nformat: hoctap/criteria@1"),
        ("status: official", "status: |x\n  a"), ("status: official", "status: !foo x"),
        ("rule: {kind: points, max: 10, pass_at: 5}\n      - id: \"1.2\"", "rule: {max: 10}\n      - id: \"1.2\""),
    ]),
    "goals": ("valid_base_goals.yaml", [
        ("status: official", "status: xong"), ("inputs:\n", "inputs: abc\nxx:\n"), ('compare: "="', "compare: lớn hơn"),
        ("values: {2030: 60}", "values: {năm: 60}"), ("values: {2030: 60}", "every_year: {first: 1990, last: 2030, value: 50}"),
        ("population: {vi:", "population: [a]\nx: {vi:"), ("targets:", "targets: []\nx:"),
    ]),
}


def _fallback_files(tmp_path):
    for kind, (base, changes) in FALLBACKS.items():
        text = (ROOT / "tests" / base).read_text(encoding="utf-8")
        for n, (old, new) in enumerate(changes):
            assert old in text, (base, old)
            path = tmp_path / f"{kind}-{n}.yaml"
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            yield path
    answers = {"json-syntax.json": '{"2.2": 7,}', "json-list.json": "[1, 2]", "json-deep.json": "[" * 100_000,
               "yaml-list.yaml": "- 1\n- 2\n", "yaml-tab.yaml": '"2.2":\n\t7\n', "yaml-twice.yaml": '"2.2": 7\n"2.2": 8\n',
               "yaml-date.yaml": "2024-01-01\n", "yaml-syntax.yaml": '"2.2": [7\n'}
    for name, text in answers.items():
        path = tmp_path / f"answers-{name}"
        path.write_text(text, encoding="utf-8")
        yield path
    record = json.dumps({"id": "A", "group": 1, **{i: 8 for i in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4",
                                                                  "3.1", "3.2")}})
    records = {"comma.json": f"[{record[:-1]},}}]", "extra.json": f"[{record}] x", "no-comma.json": f"[{record} {record}]",
               "deep.json": f"[{record}, " + "[" * 100_000, "lines.jsonl": f'{{"id": "B", "1.1": }}\n[1]\n{record}\n',
               "zip.csv": "PK\x03\x04" + "x" * 100, "nul.csv": "\x00" * 200, "no-names.csv": ",,\n1,2\n",
               "odd.jsonl": '{"id": "C", "1.1": NaN, "x": "\\ud800"}\n'}
    for name, text in records.items():
        path = tmp_path / f"records-{name}"
        path.write_text(text, encoding="utf-8")
        yield path


def _fallback_command(path):
    if path.name.startswith("answers-"):
        return ["check", "-c", "cong-dan-hoc-tap", "--answers", str(path)]
    if path.name.startswith("records-"):
        return ["score", "-c", "cong-dan-hoc-tap", str(path)]
    return ["validate", str(path)]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_validators_own_words_reach_users_in_their_language(runner, cli, tmp_path, lang):
    """pydantic's messages, the YAML and JSON readers' and the loader's own refusals: Vietnamese
    sentences by default (a technical detail quoted «…»), English with --lang en."""
    found, seen = {}, []
    for path in _fallback_files(tmp_path):
        result = runner.invoke(cli, [*_fallback_command(path), "--lang", lang])
        assert result.exit_code in (1, 2) and "Traceback" not in result.output, (path.name, result.output)
        assert path.name in result.output, result.output   # the file is named
        seen.append(result.output)
        text = re.sub(r"(?m)^(?:lỗi|error): |^\S+: \S+: |^    .*$", " ", result.output)
        words = english_words(text) if lang == "vi" else vietnamese_letters(text)
        if words:
            found[path.name] = words
    assert found == {}
    out = "\n".join(seen)
    if lang == "vi":   # a few sentences the table gives, each naming the place
        assert "version: phải là chữ" in out and "title: phải là một bảng khoá: giá trị" in out
        assert "valid_from: phải là một ngày dạng YYYY-MM-DD (ví dụ 2024-01-26), không phải 'hôm qua'" in out
        assert "rule.max: phải lớn hơn 0, không phải -1" in out and "criteria: cần ít nhất 1 mục, hiện có 0" in out
        assert "id: 'Thử Nghiệm' không dùng được làm mã" in out and "id: không được để trống" in out
        assert "trình đọc YAML không hiểu tệp ở dòng 1, cột 1" in out and "«found incompatible YAML document" in out
        assert "tệp có thêm một tài liệu YAML" in out and "không phải một danh sách" in out
        assert "records-extra.json: không phải JSON hợp lệ ở dòng 1, cột" in out and "còn dữ liệu thừa sau mảng" in out
        assert "thiếu một giá trị" in out and "dòng này là một danh sách JSON" in out and "lồng quá sâu" in out
        assert "đây không phải tệp văn bản CSV mà là một tệp nén (zip)" in out and "nhiều byte điều khiển" in out
    else:
        assert "version: must be text" in out and "rule.max: must be greater than 0, not -1" in out
        assert "the YAML reader cannot read the file at line 1, column 1" in out
        assert "this is not a CSV text file but a zip archive" in out and "not a valid JSON number" in out


def test_lang_before_the_command_name_holds_for_the_command(runner, cli):
    """`hoctap --lang en score …` as `hoctap score --lang en …`; the command's own --lang wins."""
    records = str(EXAMPLES / "cong-dan-hoc-tap.csv")
    before = runner.invoke(cli, ["--lang", "en", "score", "-c", "cong-dan-hoc-tap", records])
    assert before.exit_code == 0, before.output
    assert "12 records read: 12 scored, 0 rejected" in before.output
    assert "Recognised as a learning citizen" in before.output and "hồ sơ" not in before.output
    helped = runner.invoke(cli, ["--lang", "en", "audit", "--help"], prog_name="hoctap")
    assert "Usage: hoctap audit [OPTIONS] COMMAND [ARGS]..." in helped.output
    error = runner.invoke(cli, ["--lang", "en", "score", "-c", "nope", records])
    assert "no criteria pack 'nope'" in error.output
    own = runner.invoke(cli, ["--lang", "en", "score", "--lang", "vi", "-c", "cong-dan-hoc-tap", records])
    assert "đã đọc 12 hồ sơ" in own.output
    plain = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", records])
    assert "đã đọc 12 hồ sơ" in plain.output   # the next command line starts in the default language


def test_a_pack_too_wide_for_the_engine_is_explained_in_both_languages():
    """The engine's fixed tables refuse a rule (validate says so before scoring): in the author's language."""
    from scoring.engine import adapter
    from scoring.errors import EngineLimitError
    chain = [{"$or": [{"x": i} for i in range(adapter.FANOUT_BUDGET + 5)]}]   # 105 values side by side
    with pytest.raises(EngineLimitError) as raised:
        adapter._check_alone("1.1__met", chain)
    error = raised.value
    assert "quy tắc '1.1__met'" in error.render("vi") and "bộ máy luật" in error.render("vi")
    assert "rule '1.1__met'" in error.render("en") and english_words(error.render("vi")) == []
    assert not re.search("[ạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹđ]", error.render("en"))


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_not_found_error_names_its_kind_in_the_language(lang):
    # each kind is a catalogue code: one written as words broke the message that names it
    from scoring.errors import GoalPackGivenAsCriteria, PackNotFound
    from scoring.messages import CATALOGUE
    for kind in (PackNotFound, *PackNotFound.__subclasses__()):
        assert kind.kind in CATALOGUE, kind
        if kind is GoalPackGivenAsCriteria:   # names the other command, not the list (test_goals_cli.py)
            continue
        words = kind("x", ["a", "b"]).render(lang)
        assert CATALOGUE[kind.kind][lang == "en"] in words and "(a, b)" in words


# --- a user review: one language per text, numbers included ------------------------------------

DECIMAL_ANSWERS = {"group": "1", "1.1": 7.55, "1.2": 9, "1.3": 8, "1.4": 8, "2.1": 4.99, "2.2": 4, "2.3": 9,
                   "2.4": 8, "3.1": 4, "3.2": 8}   # 70.54 in all


def _decimal_answers(tmp_path):
    path = tmp_path / "a.yaml"
    path.write_text("".join(f'"{k}": {v}\n' for k, v in DECIMAL_ANSWERS.items()), encoding="utf-8")
    return path


def test_a_self_check_writes_every_decimal_as_its_language_does(runner, cli, tmp_path):
    answers = _decimal_answers(tmp_path)
    vi = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(answers)]).output
    assert "tổng điểm 70,54/100: cần ít nhất 80, còn thiếu 9,46 điểm" in vi
    assert "4,99/10, cần ít nhất 5" in vi and "(còn 2,45 điểm)" in vi
    assert not re.search(r"\d\.\d\d", vi), vi   # no '70.54', '9.46', '4.99' beside '70,54'
    en = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(answers), "--lang", "en"]).output
    assert "total 70.54/100: needs at least 80, 9.46 points short" in en and "4.99/10, needs at least 5" in en


def test_the_printed_self_check_writes_decimals_as_its_language_does(tmp_path):
    from scoring import resolve_pack
    from scoring.results.render import check_text
    from scoring.selfcheck import printout
    from scoring.selfcheck.questionnaire import check_answers
    loaded = resolve_pack("cong-dan-hoc-tap")
    result = check_answers(loaded, DECIMAL_ANSWERS, "a.yaml", "vi")
    pages = []
    import scoring.results.pdf as pdf
    real = pdf.draw_result_page
    pdf.draw_result_page = lambda *args: (pages.append(args), real(*args))[1]
    try:
        printout.write_result_pdf(tmp_path / "a.pdf", result, loaded, check_text(result.explanation, loaded.pack), "vi")
    finally:
        pdf.draw_result_page = real
    shown = repr(pages[0])
    assert "4,99/10" in shown and "còn thiếu 9,46 điểm" in shown
    assert "9.46" not in shown and "4.99" not in shown


def test_explain_detail_and_markdown_write_values_as_the_language_does(runner, cli, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("id," + ",".join(DECIMAL_ANSWERS) + "\nX," + ",".join(map(str, DECIMAL_ANSWERS.values())) + "\n",
                    encoding="utf-8")
    detail = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", str(path), "-f", "detail"]).output
    assert "giá trị 7,55; ≥ 5/10  [1.1__met]" in detail     # rule ids stay as they are
    assert "2.1 Sử dụng công nghệ thông tin theo yêu cầu công việc: 4,99, cần ≥ 5/10" in detail
    assert "4.99" not in detail and "7.55" not in detail
    markdown = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", str(path), "-f", "markdown"]).output
    assert "| 4,99 " in markdown and "4.99" not in markdown
    english = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", str(path), "-f", "detail", "--lang", "en"]).output
    assert "value 7.55; ≥ 5/10" in english
    as_json = json.loads(runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", str(path), "-f", "json"]).output)
    assert as_json[0]["criteria"][0]["indicators"][0]["shown"] == "7.55"   # machine output (and stored hashes) unchanged


def test_case_failures_write_points_as_the_language_does(runner, cli, tmp_path):
    cases = tmp_path / "c.yaml"
    cases.write_text('pack: cong-dan-hoc-tap\ncases:\n  - name: "wrong on purpose"\n    record: {id: "T", group: "1", '
                     '"1.1": 9.9, "1.2": 9, "1.3": 8, "1.4": 8, "2.1": 9, "2.2": 5, "2.3": 8, "2.4": 8, "3.1": 8, '
                     '"3.2": 8}\n    expect:\n      outcome: dat\n      total: 89.9\n      indicators:\n'
                     '        "1.1": {status: met, points: 9.5}\n', encoding="utf-8")
    vi = runner.invoke(cli, ["test", "cong-dan-hoc-tap", "--cases", str(cases)]).output
    assert "cần tổng điểm 89,9, nhưng nhận được 80,9" in vi and "cần 9,5 điểm, nhưng nhận được 9,9" in vi
    assert "giá trị 9,9; ≥ 5/10" in vi and "9.9" not in vi and "80.9" not in vi
    en = runner.invoke(cli, ["test", "cong-dan-hoc-tap", "--cases", str(cases), "--lang", "en"]).output
    assert "expected total 89.9, got 80.9" in en and "Record: T" in en and "Hồ sơ" not in en


def test_the_web_result_page_writes_decimals_as_the_page_s_language_does():
    from fastapi.testclient import TestClient
    from scoring.web.app import Settings, create_app
    with TestClient(create_app(Settings(max_upload=1 << 20)), base_url=LOCAL) as client:
        for lang, total, value in (("vi", "70,54/100", "4,99"), ("en", "70.54/100", "4.99")):
            page = client.get(f"/tu-kiem-tra/cong-dan-hoc-tap?group=1&lang={lang}")
            token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
            got = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**DECIMAL_ANSWERS, "csrf": token, "lang": lang}).text
            assert f'id="tong-diem">{total}<' in got and f">{value}</td>" in got
            shown = re.sub(r'<input type="hidden"[^>]*>', "", got)   # the answers sent back as typed
            if lang == "vi":
                assert "70.54" not in shown and "4.99" not in shown and "9.46" not in shown and "7.55" not in shown


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("pack", ["don-vi-hoc-tap-tt24-tinh", "don-vi-hoc-tap-tt24-huyen"])
def test_what_is_still_missing_names_each_indicator_by_its_question_never_its_code(runner, cli, pack, lang):
    """Levels share an input (mức độ 1 and 2 of the same share): each line still reads as words."""
    typed = "2\n" + "\n" * 60   # a unit type, then every question left blank
    out = runner.invoke(cli, ["check", "-c", pack, "--lang", lang], input=typed).output
    missing = out.split("Còn thiếu để đạt" if lang == "vi" else "Still missing for")[1].split("\n\n")[0]
    lines = [line for line in missing.splitlines() if line.startswith("  - ")]
    assert len(lines) > 5
    assert [line for line in lines if re.match(r"  - tc\d", line)] == []
    assert any(line.startswith("  - 2.1 Tỷ lệ thành viên tuân thủ" if lang == "vi" else "  - 2.1 Share of members")
               for line in lines), missing


@pytest.mark.parametrize("args", [["goals", "-g", "/khong-co/goi.yaml", "x.csv"], ["check", "-c", "/khong-co/goi.yaml"],
                                  ["thong-ke-tuan-le", "--mau", "/khong-co/goi.yaml", "x.csv"],
                                  ["score", "-c", "/khong-co/goi.yaml", "x.csv"]])
def test_a_missing_pack_or_form_file_is_said_as_a_missing_records_file_is(runner, cli, args):
    vi = runner.invoke(cli, args)
    assert vi.exit_code == 2
    assert "lỗi: /khong-co/goi.yaml: không đọc được tệp: không có tệp này" in vi.output, vi.output
    assert "(đầu tệp)" not in vi.output and "no such file" not in vi.output.lower()
    en = runner.invoke(cli, [*args, "--lang", "en"])
    assert "error: /khong-co/goi.yaml: cannot read the file: No such file" in en.output, en.output


# --- click's own words and placeholders, in every command, in both languages ---------------------

CLICK_ENGLISH = ("Usage:", "Options:", "Commands:", "Show this message", "Error:", "Try '", "Missing argument",
                 "Missing option", "Missing parameter", "Invalid value", "is not one of", "is not a valid",
                 "does not exist", "is a directory", "No such option", "No such command", "unexpected extra",
                 "requires an argument", "default:", "required]", " TEXT", "INTEGER", "RANGE", "RECORDS", " PATH",
                 " FILE")


def leaf_commands(cli):
    return [path for path in commands(cli) if not isinstance(command_at(cli, path), click.Group)]


def command_at(cli, path):
    for name in path:
        cli = cli.commands[name]
    return cli


def needs_something(cli, path) -> bool:
    """Run bare, the command stops at a missing argument or option (never runs: 'serve' would not end)."""
    return bool(path) and any(p.required for p in command_at(cli, path).params)


def click_english(text: str) -> list[str]:
    return [phrase for phrase in CLICK_ENGLISH if phrase in text]


def test_the_click_scanner_can_fail():
    assert click_english("Error: Missing argument 'RECORDS...'.") == ["Error:", "Missing argument", "RECORDS"]
    assert click_english("Lỗi: Thiếu tham số 'HỒ_SƠ...'.") == []


def test_click_s_own_words_and_placeholders_are_vietnamese_in_every_command(runner, cli):
    found = {}
    for path in [(), *leaf_commands(cli)]:
        name = " ".join(path) or "hoctap"
        help_text = runner.invoke(cli, [*path, "--help"]).output
        wrong_choice = runner.invoke(cli, [*path, "--lang", "fr"])           # every command takes --lang
        unknown = runner.invoke(cli, [*path, "--khong-co"])
        bare = runner.invoke(cli, list(path)) if needs_something(cli, path) else None   # a missing argument or option
        assert wrong_choice.exit_code == 2 and "'fr' không thuộc 'vi', 'en'" in wrong_choice.output, (name, wrong_choice.output)
        assert "Không có tùy chọn '--khong-co'" in unknown.output, (name, unknown.output)
        for kind, out in (("help", help_text), ("choice", wrong_choice.output), ("option", unknown.output),
                          ("bare", bare.output if bare else "")):
            if click_english(out):
                found[f"{name} ({kind})"] = click_english(out)
    assert found == {}


# Vietnamese an English help shows on purpose: the titles' names, and examples of what a user types
HELP_DATA = ("Công dân học tập", "Đơn vị học tập", "Cộng đồng học tập", "tự đánh giá", "QĐ", "Họ và tên", "Thôn/xóm", "Tân Lập",
             "Hội đồng xét công nhận xã", "UBND xã", "ngày … tháng … năm …")   # not the signers: English documents sign in English


def test_click_s_own_words_are_english_in_every_command_with_lang_en(runner, cli):
    found = {}
    for path in [(), *leaf_commands(cli)]:
        name = " ".join(path) or "hoctap"
        tries = [[*path, "--lang", "en", "--help"], ["--lang", "en", *path, "--khong-co"]]
        for args in tries + ([[*path, "--lang", "en"]] if needs_something(cli, path) else []):
            out = re.sub(r"\s+", " ", runner.invoke(cli, args).output)   # a quoted example wrapped over two lines
            letters = vietnamese_letters(out, HELP_DATA)
            if letters:
                found[f"{name} {args[-1]}"] = letters
    assert found == {}


def test_a_wrong_hoctap_lang_is_said_to_be_the_variable_s_fault(runner, cli, monkeypatch):
    monkeypatch.setenv("HOCTAP_LANG", "fr")
    result = runner.invoke(cli, ["packs"])
    assert result.exit_code == 2 and "'--lang'" not in result.output
    assert "biến môi trường HOCTAP_LANG='fr' không phải ngôn ngữ" in result.output and "vi, en" in result.output
    monkeypatch.setenv("HOCTAP_LANG", "en_US")   # a locale's name reads as its language
    assert "status" in runner.invoke(cli, ["goal-packs"]).output


@pytest.mark.parametrize("args,words", [
    (["goals", "-g", "muc-tieu-qd677"], "Thiếu tham số 'HỒ_SƠ...'"),
    (["goals", "-g", "muc-tieu-qd677", "-f", "xml", "x.csv"], "'xml' không thuộc 'table', 'json'"),
    (["goals", "-g", "muc-tieu-qd677", "-y", "abc", "x.csv"], "'abc' không phải là số hợp lệ"),
    (["goals", "-g", "muc-tieu-qd677", str(EXAMPLES)], "Giá trị không hợp lệ cho 'HỒ_SƠ...'"),
    (["serve", "--help"], "--host CHỮ"),
    (["serve", "--help"], "--port SỐ"),
])
def test_what_reviewers_saw_of_click_is_vietnamese(runner, cli, args, words):
    out = runner.invoke(cli, args).output
    assert words in out, out
    assert click_english(out) == [], out


def test_the_version_line_follows_lang_given_on_the_command_line(runner, cli):
    # click makes the line when the commands are made, before --lang is read
    assert "hoctap, phiên bản" in runner.invoke(cli, ["--version"], prog_name="hoctap").output
    assert "hoctap, version" in runner.invoke(cli, ["--lang", "en", "--version"], prog_name="hoctap").output


@pytest.mark.parametrize("lang,words", [("vi", "không ghi được 'x.csv': đặt tên tệp kết quả đuôi .xlsx hoặc .json"),
                                        ("en", "cannot write 'x.csv': give the report a name ending in .xlsx or .json")])
def test_the_week_statistics_output_name_is_said_in_one_language(runner, cli, lang, words):
    result = runner.invoke(cli, ["thong-ke-tuan-le", "--lang", lang, "-o", "x.csv", "r.csv"])
    assert result.exit_code == 2 and words in result.output and "(the report" not in result.output


def test_sqlite_s_and_json_s_own_words_are_labelled_as_technical_detail(runner, cli, tmp_path):
    """An auditor keeps the detail that says what happened; the sentence around it is the user's language."""
    import sqlite3
    junk = tmp_path / "notdb.db"
    junk.write_text("junk\n", encoding="utf-8")
    vi = runner.invoke(cli, ["runs", "--store", str(junk)]).output
    assert "kho lưu bị hỏng hoặc không phải kho lưu lượt chấm của hoctap: khôi phục từ bản sao" in vi
    assert "(file is not a database)" not in vi and "(chi tiết kỹ thuật: file is not a database)" in vi
    en = runner.invoke(cli, ["runs", "--store", str(junk), "--lang", "en"]).output
    assert "(technical detail: file is not a database)" in en
    store = str(tmp_path / "kho.sqlite3")
    runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"), "--store", store])
    with sqlite3.connect(store) as db:
        db.execute("UPDATE results SET inputs = '{bad' WHERE record_id = 'CD-2024-002'")
    verify = runner.invoke(cli, ["audit", "verify", "--store", store]).output
    assert "dòng đã lưu không đọc được: bị sửa trong kho? (chi tiết kỹ thuật: Expecting property name" in verify, verify


def test_the_targets_page_speaks_the_page_s_language_and_names_its_own_fields():
    from html import unescape
    from fastapi.testclient import TestClient
    from scoring.web.app import Settings, create_app
    staff = EXAMPLES / "goals" / "muc-tieu-langson-stnmt-2024.csv"
    pack = "muc-tieu-langson-stnmt-2024"
    with TestClient(create_app(Settings(max_upload=1 << 20)), base_url=LOCAL) as client:
        def post(lang, year="2030", body=None):
            page = client.get(f"/muc-tieu?lang={lang}")
            token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
            files = {} if body is None else {"staff": ("nhan-su.csv", body)}
            return unescape(client.post("/muc-tieu", files=files, data={"goals": pack, "year": year, "csrf": token,
                                                                         "lang": lang}).text)
        assert "Chưa chọn tệp: hãy chọn tệp danh sách." in post("vi", body=None)     # not 'tệp tệp'
        wrong = post("vi", "2027", staff.read_bytes())
        assert "không có mục tiêu cho năm 2027" in wrong and "ô «Năm»" in wrong and "--year" not in wrong
        english = post("en", "2027", staff.read_bytes())
        assert "has no target for 2027" in english and "'Year' box" in english and "--year" not in english
        assert "không có" not in english
        nameless = staff.read_bytes() + ",Văn phòng Sở,,,,,,,,,,,,,có,có\n".encode()
        assert "hồ sơ không có mã" in post("vi", body=nameless)
        rejected = post("en", body=nameless)
        assert "hồ sơ" not in rejected and "the record has no 'id'" in rejected


# --- English on request: what hoctap itself writes, in every format (the reverse of the scans above) ---

def _example_values() -> tuple[str, ...]:
    """The values of the shipped example files (names, villages, units): a user's data, shown as typed."""
    import csv
    values: set[str] = set()
    for path in EXAMPLES.rglob("*.csv"):
        with path.open(encoding="utf-8-sig", newline="") as f:
            values.update(cell for row in csv.reader(f) for cell in row)
    for path in [*EXAMPLES.rglob("*.json"), *EXAMPLES.rglob("*.jsonl")]:
        values.update(re.findall(r'"([^"]*)"', path.read_text(encoding="utf-8")))
    return tuple(v for v in values if len(v) > 2)


def _written_text(path) -> str:
    if path.suffix == ".xlsx":
        import openpyxl
        book = openpyxl.load_workbook(path)
        return "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    return path.read_text(encoding="utf-8-sig")


TT24_UNITS, MEMBERS = str(EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"), str(EXAMPLES / "members" / "members.csv")
CDHT = str(EXAMPLES / "cong-dan-hoc-tap.csv")
ENGLISH_RUNS = {
    "score table": (["score", "-c", "cong-dan-hoc-tap", CDHT], None),
    "score csv": (["score", "-c", "cong-dan-hoc-tap", CDHT, "-f", "csv"], None),
    "score xlsx": (["score", "-c", "cong-dan-hoc-tap", CDHT, "-o", "{tmp}/kq.xlsx"], "kq.xlsx"),
    "explain text": (["explain", "-c", "cong-dan-hoc-tap", CDHT], None),
    "explain markdown": (["explain", "-c", "cong-dan-hoc-tap", CDHT, "-f", "markdown"], None),
    "report xlsx": (["report", "-c", "cong-dan-hoc-tap", CDHT, "--by", "xa", "-o", "{tmp}/bc.xlsx"], "bc.xlsx"),
    "verify xlsx": (["verify", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"),
                     "-o", "{tmp}/v.xlsx"], "v.xlsx"),
    "members score": (["score", "-c", "don-vi-hoc-tap-tt24-tinh", TT24_UNITS, "--members", MEMBERS], None),
    "members explain": (["explain", "-c", "don-vi-hoc-tap-tt24-tinh", TT24_UNITS, "--members", MEMBERS], None),
    "goals": (["goals", "-g", "muc-tieu-qd677", str(EXAMPLES / "goals" / "muc-tieu-qd677.csv")], None),
    "tuan le table": (["thong-ke-tuan-le", str(EXAMPLES / "tuan-le" / "hoat-dong-tuan-le-2023.csv")], None),
    "tuan le xlsx": (["thong-ke-tuan-le", str(EXAMPLES / "tuan-le" / "hoat-dong-tuan-le-2023.csv"),
                      "-o", "{tmp}/tl.xlsx"], "tl.xlsx"),
    "tt25 commune score": (["score", "-c", "cong-dong-hoc-tap-xa", str(EXAMPLES / "cong-dong-hoc-tap-xa.csv")], None),
    "tt25 district members": (["explain", "-c", "cong-dong-hoc-tap-huyen", str(EXAMPLES / "members" / "cong-dong-hoc-tap-huyen.csv"),
                               "--members", str(EXAMPLES / "members" / "xa.csv")], None),
    "tt25 province csv": (["score", "-c", "cong-dong-hoc-tap-tinh", str(EXAMPLES / "cong-dong-hoc-tap-tinh.csv"), "-f", "csv"], None),
    "tt24 explain": (["explain", "-c", "don-vi-hoc-tap-tt24-tinh", str(EXAMPLES / "don-vi-hoc-tap-tt24-tinh.jsonl")], None),
    "tt22 report": (["report", "-c", "don-vi-hoc-tap-tt22", str(EXAMPLES / "don-vi-hoc-tap-tt22.csv")], None),
}


@pytest.mark.parametrize("name", ENGLISH_RUNS)
def test_every_format_is_english_with_lang_en(runner, cli, tmp_path, name):
    """With --lang en, hoctap's own words are English on the screen and in the files it writes;
    only data stays Vietnamese: the packs' own texts (names, citations; their English is checked in
    test_pack_languages.py), the example files' values, the council workbook's sheet name."""
    args, written = ENGLISH_RUNS[name]
    result = runner.invoke(cli, [a.format(tmp=tmp_path) for a in args] + ["--lang", "en"])
    assert result.exit_code in (0, 1), result.output
    out = result.output + ("\n" + _written_text(tmp_path / written) if written else "")
    data = tuple(s for p in sorted((ROOT / "criteria").rglob("*.yaml")) for s in _pack_strings(p, english=True))
    # the council workbook's sheet name and title row, the name also wrapped over two lines of a table
    data += _example_values() + HELP_DATA + ("Tự đánh giá", "DANH SÁCH TỰ ĐÁNH GIÁ CÔNG DÂN HỌC TẬP", "Tự đánh", "Tự", "đánh giá")
    data += ("Phát động tủ sách", "dòng họ tại 4 bản")   # a unit's note, named in the total and wrapped over two lines
    assert vietnamese_letters(out, data) == [], out


def test_english_counts_one_point_as_a_point(runner, cli):
    """'1 point short', never '1 points short'; Vietnamese keeps 'thiếu 1 điểm'."""
    en = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", CDHT, "-r", "CD-2024-006", "--lang", "en"]).output
    assert "it needs 80 (1 point short)" in en and "  - 1 point still needed" in en and "1 points" not in en
    assert "(3 points left)" in en
    vi = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", CDHT, "-r", "CD-2024-006"]).output
    assert "cần từ 80 (thiếu 1 điểm)" in vi and "  - cần thêm 1 điểm" in vi and "(còn 3 điểm)" in vi


def test_every_message_of_the_catalogue_is_written_in_both_languages():
    """Each message renders with its own fields (a stray brace once broke 'the data is nested too deep')."""
    from scoring.messages import CATALOGUE, t
    for code, pair in CATALOGUE.items():
        if code in ("num", "date", "list"):   # worked out by t() itself, not templates
            continue
        for lang, template in zip(("vi", "en"), pair):
            names = set(re.findall(r"(?<!\{)\{(\w+)(?::[^{}]*)?\}", template))
            assert t(code, lang, **{n: 2 for n in names}), code


COUNTED = r"\{\w+\}\s+(?:[a-z-]+ )?(?:record|row|unit|indicator|target|case|question|column|value|result|run|member|day|item|note|input|point|field|condition)s\b"


def test_english_says_one_record_one_row_one_unit_never_1_records():
    """A count is said with its noun through {n:row|rows}: '1 row read', not '1 rows read'."""
    from scoring.messages import CATALOGUE, t
    bare = {code: en for code, (_vi, en) in CATALOGUE.items() if re.search(COUNTED, en)}
    assert bare == {}
    assert t("count_line", "en", read="1", scored="1", rejected="0") == "1 record read: 1 scored, 0 rejected"
    assert t("count_line", "en", read="1,200", scored="1,199", rejected="1") == "1,200 records read: 1,199 scored, 1 rejected"
    assert t("au.against_bad", "en", n=1).endswith("1 row does not match")
    assert t("header.titles", "en", where="a.csv", n=2, rows="1–2", first="'x'") == \
        "a.csv: skipped 2 rows above the header row (rows 1–2: 'x')"
    assert t("count_line", "vi", read="1", scored="1", rejected="0") == "đã đọc 1 hồ sơ: 1 được chấm, 0 bị loại"


def test_one_record_is_counted_as_one_on_the_screen(runner, cli, tmp_path):
    one = tmp_path / "one.csv"
    one.write_text(Path(CDHT).read_text(encoding="utf-8").splitlines()[0] + "\n" +
                   Path(CDHT).read_text(encoding="utf-8").splitlines()[1] + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(one), "--lang", "en"])
    assert "1 record read: 1 scored, 0 rejected" in result.output and "1 records" not in result.output


# --- the shipped packs' notes: printed by 'hoctap validate --notes' for every pack, official ones too ---------

_VIETNAMESE_LETTER = re.compile("[àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ]", re.I)


def _shipped_packs():
    from scoring.packs.shipped import shipped_files
    return [f for f in shipped_files() if "goals" not in f.parts]


@pytest.mark.parametrize("path", _shipped_packs(), ids=lambda p: p.stem)
def test_every_note_of_a_shipped_pack_is_said_in_vietnamese_first(path):
    """The notes hold a pack's readings of what the text leaves open; four packs had them in English only
    (the Công dân học tập packs, TT 22 and its local example), printed so to a Vietnamese reader."""
    import scoring
    notes = scoring.resolve_pack(str(path)).pack.notes
    english_first = [n[:60] for n in notes if not _VIETNAMESE_LETTER.search(n[:80])]
    assert english_first == []


def test_validate_notes_prints_an_official_pack_s_notes(runner, cli):
    """'--notes' printed only a provisional pack's notes: an official pack's readings (e.g. how 'no indicator
    below 5' is encoded, what QĐ 324 leaves unretrieved) could not be read from the command line at all."""
    shown = runner.invoke(cli, ["validate", "cong-dan-hoc-tap", "--notes"])
    assert shown.exit_code == 0
    lines = shown.stdout.splitlines()
    assert lines[1].endswith(": 7 ghi chú của bộ tiêu chí (cách bộ tiêu chí đọc những điểm văn bản chưa nói rõ):")
    assert lines[2].startswith("  - Trạng thái 'chính thức': quy tắc gói áp dụng đã được xác nhận — 3 năng lực, 10 chỉ số")
    assert len(lines) == 9
    plain = runner.invoke(cli, ["validate", "cong-dan-hoc-tap"])
    assert plain.stdout.splitlines() == lines[:1]
