"""A goal report's quick ways (``plaincsv`` and the per-file memo in ``PopulationReader``; targets
counted once per group of equal values) give exactly what the general way gives: every row read
by the records layer and validated on its own, every record tested on its own. Compared on
random staff files with bad values, boundaries, repeated ids, blank titles, footer rows, quoted
line breaks, short rows, stray bytes and text to normalise."""
from __future__ import annotations

import dataclasses
import random
import unicodedata

import pytest

from conftest import ROOT

from scoring import goal_report
from scoring.goals.goalpack import resolve_goals
from scoring.packs.catalog import shipped_packs
from scoring.goals.report import Population, PopulationReader, evaluate_goals
from scoring.run.api import Inputs

PACK = "muc-tieu-langson-stnmt-2024"
INDICATORS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
TITLES = ["dat", "chua_dat", "", "Đạt", "chưa đạt", "Chua dat", " dat ", "DAT", "đã đạt", "x", "CDHT"]
YES_NO = ["có", "không", "", "co", "khong", "Có", " có ", "1", "0", "x", "k", "c", "yes", "maybe"]
POINTS = ["0", "10", "5", "4.99", "8", "9", "7,5", "10,0", "", "11", "-1", "abc", "1e1", " 9 ", "nan", "8%"]
GROUPS = ["1", "2", "3", "4", "", "5", "Nhóm 1"]


def _id(rng: random.Random, i: int) -> str:
    if rng.random() < 0.97:
        return f"S{i}"
    return rng.choice([f"S{rng.randint(0, max(i, 1))}"] * 8 + ["", " ", f"S {i}", "Tổng cộng", "Cộng",
                                        "cộng:", f"Đ{i}", f"S{i}\u0301", f"Se\u0301{i}", f"Se\u0301{i}"])


def _pick(rng: random.Random, values: list[str]) -> str:
    """Mostly one of the first three (so that rows repeat, as in a real file), at times any."""
    return rng.choice(values[:3] if rng.random() < 0.85 else values)


def _row(rng: random.Random, i: int, columns: list[str]) -> list[str]:
    title = _pick(rng, TITLES)
    scored = not title.strip() or rng.random() < 0.2
    cells = {"id": _id(rng, i), "Mã CB": rng.choice(["", f"M{i}", f"M {i}"]), "Họ tên": rng.choice(["Nguyễn Văn A", "Lê B"]),
             "cong_dan_hoc_tap": title, "group": rng.choice(GROUPS) if scored else rng.choice(["", "1"]),
             "ky_nang_so": _pick(rng, YES_NO), "thanh_thao_ky_nang_so": _pick(rng, YES_NO)}
    for name in INDICATORS:
        cells[name] = (rng.choice(POINTS) if rng.random() < 0.15 else rng.choice(["6", "7", "8", "9", "10"])) if scored else ""
    if rng.random() < 0.005:   # text to normalise: 'có', 'Đạt' typed as letter and accent (NFD)
        name = rng.choice(["cong_dan_hoc_tap", "ky_nang_so"])
        cells[name] = unicodedata.normalize("NFD", rng.choice(["có", "Đạt", "chưa đạt"]))
    return [cells[c] for c in columns]


def _quoted(value: str, sep: str) -> str:
    if any(ch in value for ch in (sep, '"', "\n", "\r")):
        return '"' + value.replace('"', '""') + '"'
    return value


def _line(values: list[str], sep: str) -> str:
    return sep.join(_quoted(v, sep) for v in values)


def write_staff_file(path, rng: random.Random, rows: int, awkward: float) -> None:
    """A random staff file; ``awkward``: how often a line is one the quick way must hand over."""
    sep = rng.choice([",", ",", ",", ";"])
    columns = ["id", "cong_dan_hoc_tap", "ky_nang_so", "thanh_thao_ky_nang_so"]
    if rng.random() < 0.7:
        columns[2:2] = ["group", *INDICATORS]
    if rng.random() < 0.5:
        columns.insert(1, "Họ tên")
    if rng.random() < 0.2:
        columns.insert(1, "Mã CB")   # id-like, not this pack's id: the footer test reads the first filled one
    if rng.random() < 0.3:
        rng.shuffle(columns)
    lines = [_line(columns, sep)]
    if rng.random() < 0.1:
        lines.insert(0, "DANH SÁCH CÁN BỘ")
    for i in range(rows):
        values = _row(rng, i, columns)
        if rng.random() < awkward:
            kind = rng.choice(["blank", "footer", "short", "long", "newline", "nfd", "byte", "trailing"])
            if kind == "blank":
                lines.append("")
            elif kind == "footer":
                lines.append(_line(["" for _ in columns[:-1]] + ["Người lập biểu"], sep))
            elif kind == "short":
                values = values[:-1]
            elif kind == "long":
                values = values + [rng.choice(["", "x", " "])]
            elif kind == "newline":
                values[-1] = values[-1] + "\nx"
            elif kind == "nfd":
                values[0] = values[0] + "e\u0301"
            elif kind == "byte":
                values[-1] = values[-1] + "\udcff"
            elif kind == "trailing":
                lines.append(_line([""] * len(columns), sep))
        lines.append(_line(values, sep))
    if rng.random() < 0.3:
        lines += [_line(["Tổng cộng"] + [""] * (len(columns) - 1), sep), _line(["", "Nguyễn Văn X"] + [""] * (len(columns) - 2), sep)]
    end = rng.choice(["\n", "\r\n"])
    text = end.join(lines) + rng.choice([end, ""])
    data = text.encode("utf-8", "surrogateescape")
    path.write_bytes((b"\xef\xbb\xbf" if rng.random() < 0.2 else b"") + data)


def general_report(paths, year: int, lang: str = "vi", pack: str = PACK):
    """The general way: every row as the records layer gives it, validated on its own, and
    every record tested on its own (a group per record)."""
    loaded = resolve_goals(pack)
    reader = PopulationReader(loaded)
    inputs = Inputs(paths, None, reader.header_check(lang))
    population = reader.read(inputs)
    return dataclasses.replace(evaluate_goals(loaded, one_per_record(population), year, lang), warnings=tuple(inputs.warnings))


def one_per_record(population: Population) -> Population:
    single = Population(rejected=population.rejected, counts=population.counts, scored=population.scored,
                        unevaluable=population.unevaluable)
    for rid, group in zip(population.ids, population.groups):
        single.values.append(population.values[group])
        single.sizes.append(0)
        single.add(rid, len(single.values) - 1)
    return single


def _same(paths, year: int, lang: str = "vi", pack: str = PACK) -> None:
    quick, general = goal_report(pack, paths, year, lang), general_report(paths, year, lang, pack)
    assert quick.to_dict() == general.to_dict()
    assert quick.counts["read"] == quick.counts["evaluated"] + quick.counts["rejected"] + quick.counts["skipped"]


@pytest.mark.parametrize("seed", range(40))
def test_the_quick_way_gives_what_the_general_way_gives_on_random_files(tmp_path, seed):
    rng = random.Random(seed)
    paths = []
    for n in range(rng.choice([1, 1, 2, 3])):
        path = tmp_path / f"staff-{n}.csv"
        write_staff_file(path, rng, rng.choice([0, 1, 5, 60, 300]), rng.choice([0.0, 0.0, 0.01, 0.05, 0.3]))
        paths.append(path)
    _same(paths, rng.choice([2025, 2030]), rng.choice(["vi", "en"]))


def test_a_clean_file_is_counted_the_quick_way_and_the_same(tmp_path, monkeypatch):
    """Only the first row of each group goes the general way (else this test would prove nothing)."""
    path, rng = tmp_path / "staff.csv", random.Random(5)
    rows = [[f"S{i}", rng.choice(["dat", "chua_dat", "Đạt"]), rng.choice(["có", "không", ""]), rng.choice(["có", ""])]
            for i in range(2000)]
    path.write_text("\n".join(",".join(r) for r in [["id", "cong_dan_hoc_tap", "ky_nang_so", "thanh_thao_ky_nang_so"], *rows]),
                    encoding="utf-8")
    taken = []
    general = PopulationReader._take
    monkeypatch.setattr(PopulationReader, "_take", lambda self, row, *a, **k: (taken.append(row), general(self, row, *a, **k)))
    report = goal_report(PACK, [path], 2030)
    assert report.counts["read"] == 2000
    assert 0 < len(taken) <= 3 * 3 * 2
    monkeypatch.undo()
    _same([path], 2030)


@pytest.mark.parametrize("tail", ["Tổng cộng,,,\n,Nguyễn Văn X,,\n", ',"dat\nx",,\nB9,dat,có,có\n', "B9,dat\n",
                                  "B9,dat,có,có,thừa\n", "Tổng,,,\nB9,dat,có,có\n", "\n\nB9,dat,có,có\n", "S1,dat,có,có\n",
                                  "B9,dat,co\u0301,có\n", 'B9,"dat",có,"có"\n', "B9,dat,có,c\udcff\n", "B\udcff9,dat,có,có\n",
                                  'Tổng cộng,,,\nS5,dat,có,có\n,x,,\nB8,"dat\nx",có,có\nTổng,,,\n', ",,,,,,,,,,,,\n",
                                  'Tổng cộng,,,\nB8,dat,co\u0301,có\n,Người lập biểu,,\n', "B8,dat,có\n\n,,,\n,Nguyễn,,\n",
                                  'Cộng:,,,\n' + "".join(f"C{i},dat,có,không\n" for i in range(40)) + '"B9",dat,"có\nx",có\n'])
def test_a_line_the_quick_way_hands_over_after_many_plain_ones(tmp_path, tail):
    """The records layer reads the file again and its rows are taken from the first one not yet counted."""
    path = tmp_path / "staff.csv"
    body = "".join(f"S{i},{'dat' if i % 3 else 'chua_dat'},{'có' if i % 2 else 'không'},có\n" for i in range(300))
    text = "id,cong_dan_hoc_tap,ky_nang_so,thanh_thao_ky_nang_so\n" + body + tail + "S400,dat,có,không\n"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))   # \udcff: the byte ff, which is no UTF-8
    _same([path], 2030)


def test_an_unclosed_quote_is_refused_the_same_way(tmp_path):
    path = tmp_path / "staff.csv"
    body = "".join(f"S{i},dat,có,có\n" for i in range(50))
    path.write_text("id,cong_dan_hoc_tap,ky_nang_so,thanh_thao_ky_nang_so\n" + body + 'S60,"dat,có,có\nS61,dat,có,có\n',
                    encoding="utf-8")
    with pytest.raises(Exception) as quick:
        goal_report(PACK, [path], 2030)
    with pytest.raises(Exception) as general:
        general_report([path], 2030)
    assert type(quick.value) is type(general.value) and str(quick.value) == str(general.value)


def _criteria_texts(inp) -> list[str]:
    if inp.type == "number":
        return ["0", "5", "7", "8", "8", "9", "10", "11", "", "x"]
    if inp.type == "choice":
        return [c.code for c in inp.choices] + ["", "x"]
    return ["có", "không", "", "x"]


@pytest.mark.parametrize("pack", sorted(p.stem for p in (ROOT / "examples" / "goals").glob("*.csv")))
def test_every_shipped_pack_the_same_both_ways_on_its_example_shuffled(tmp_path, pack):
    """Each column's values drawn from the pack's example file (and blanks, a bad value), ids repeated
    at times; with a scored_by pack's columns (and titles left blank) in one file of two."""
    loaded = resolve_goals(pack)
    lines = (ROOT / "examples" / "goals" / f"{pack}.csv").read_text(encoding="utf-8").splitlines()
    header, rows = lines[0].split(","), [line.split(",") for line in lines[1:] if line]
    columns = [sorted({r[c] for r in rows} | {"", "", "x"}) for c in range(len(rows[0]))]
    rng = random.Random(pack)
    for n in range(4):
        names, texts = list(header), list(columns)
        if n % 2:
            for inp in loaded.pack.inputs:
                if inp.scored_by:
                    criteria = shipped_packs()[inp.scored_by].pack
                    names += [i.name for i in criteria.inputs if i.name not in names]
                    texts += [_criteria_texts(i) for i in criteria.inputs if i.name not in header]
                    texts[header.index(inp.name)] += [""] * 6
        path = tmp_path / f"{pack}-{n}.csv"
        body = [",".join([rng.choice([f"R{i}", f"R{i}", f"R{rng.randint(0, i)}", ""])] +
                         [rng.choice(c) for c in texts[1:]]) for i in range(400)]
        path.write_text("\n".join([",".join(names), *body]) + "\n", encoding="utf-8")
        for year in loaded.pack.years():
            _same([path], year, "vi", pack)


def _goal_texts(inp) -> list[str]:
    if inp.type == "boolean":
        return ["", "có", "không"]
    if inp.type == "choice":
        return ["", *(c.code for c in inp.choices)]
    return ["", "0", "50", "100"]


@pytest.mark.parametrize("pack", [PACK, "muc-tieu-qd677"])
def test_titles_scored_the_quick_way_are_the_engines_and_the_same(tmp_path, monkeypatch, pack):
    """Blank titles scored from the indicator columns by the quick way (parsers' texts remembered),
    with bad points, blank groups, no points at all, and blanks that stand for 'no' (if_blank)
    among them: the same report, and the quick way was taken."""
    inputs = [i for i in resolve_goals(pack).pack.inputs if not i.scored_by]
    path, rng = tmp_path / "staff.csv", random.Random(11)
    lines = [",".join(["id", "cong_dan_hoc_tap", "group", *INDICATORS, *(i.name for i in inputs)])]
    for i in range(1500):
        rid = f"S{i}" if rng.random() < 0.98 else f"S{rng.randint(0, i)}"
        title, group = rng.choice(["", "", "dat", "chua_dat"]), rng.choice(["1", "2", "3", "4", "4", "", "5"])
        points = [rng.choice(["4", "5", "7", "8", "9", "10", "10,0", "4.99"] if rng.random() < 0.97 else POINTS)
                  for _ in INDICATORS]
        if rng.random() < 0.03:
            group, points = "", [""] * len(INDICATORS)   # a blank title and nothing to score it from
        others = [rng.choice(_goal_texts(inp)) if rng.random() < 0.2 else "" for inp in inputs]
        lines.append(_line([rid, title, group, *points, *others], ","))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    scored = []
    titled = PopulationReader._titled
    monkeypatch.setattr(PopulationReader, "_titled",
                        lambda self, *a: (lambda gid: (scored.append(gid is not None), gid)[1])(titled(self, *a)))
    report = goal_report(pack, [path], resolve_goals(pack).pack.years()[-1])
    assert sum(scored) > 300 and report.scored["cong_dan_hoc_tap"]["records"] > 300
    monkeypatch.undo()
    for year in resolve_goals(pack).pack.years():
        _same([path], year, "vi", pack)


def test_a_footer_under_plain_lines_is_read_without_reading_the_file_again(tmp_path, monkeypatch):
    """Footer rows at the end (the usual council file) go through the records layer's footer filter
    here; the file is read again only for a line this module does not make rows of."""
    import scoring.goals.plaincsv as plaincsv
    path = tmp_path / "staff.csv"
    body = "".join(f"S{i},dat,có,{'có' if i % 4 else ''}\n" for i in range(200))
    again = []
    reread = plaincsv.read_records
    monkeypatch.setattr(plaincsv, "read_records", lambda *a, **k: (again.append(a[0]), reread(*a, **k))[1])
    for tail, reads in (("Tổng cộng,,,\n,Người lập biểu,,\n\n,Nguyễn Văn X,,\n", 0), ('S900,"dat\nx",có,có\n', 1)):
        path.write_text("id,cong_dan_hoc_tap,ky_nang_so,thanh_thao_ky_nang_so\n" + body + tail, encoding="utf-8")
        again.clear()
        report = goal_report(PACK, [path], 2030)
        assert len(again) == reads
        assert report.counts["skipped"] == (3 if reads == 0 else 0)
        _same([path], 2030)


@pytest.mark.parametrize("again", ["id,cong_dan_hoc_tap,ky_nang_so,thanh_thao_ky_nang_so",
                                   "ID,Cong_Dan_Hoc_Tap,ky_nang_so,thanh_thao_ky_nang_so"])
def test_the_header_row_again_under_plain_lines_is_skipped_as_the_records_layer_skips_it(tmp_path, again):
    """The quick way took a repeated header row with id 'id' (no space: no footer text) as a person."""
    path = tmp_path / "staff.csv"
    body = "".join(f"S{i},dat,có,có\n" for i in range(100))
    path.write_text("id,cong_dan_hoc_tap,ky_nang_so,thanh_thao_ky_nang_so\n" + body + again + "\nS500,dat,có,có\n",
                    encoding="utf-8")
    report = goal_report(PACK, [path], 2030)
    assert (report.counts["read"], report.counts["skipped"]) == (102, 1)
    _same([path], 2030)
