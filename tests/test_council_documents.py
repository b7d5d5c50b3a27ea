"""Council documents: the recognition list and the council workbook ready to print and sign
(national heading, title, STT, totals, signatures, A4 print setup), the same list as a PDF, and
output names a command cannot write refused before anything is read."""
from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess

import openpyxl
import pytest
from pypdf import PdfReader

from conftest import EXAMPLES
from scoring.results.council import DOTS, Letterhead, parse_day, wrapped_lines

IND = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
COUNCIL = EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
GIVEN = ["Ánh", "Bình", "Cường", "Dũng", "Đức", "Giang", "Hằng", "Hương", "Khoa", "Lợi", "Mỹ", "Nhung", "Oanh",
         "Phúc", "Quỳnh", "Sơn", "Thảo", "Tuấn", "Uyên", "Vĩnh", "Xuân", "Yến"]
VILLAGES = ["Thôn Thượng", "Thôn Đoài", "Thôn Đông", "Thôn Ải"]


def citizens(path, n: int, failing: int = 0):
    """n citizens with Vietnamese names and villages; the first ``failing`` of them not recognised."""
    lines = ["id,Họ và tên,Thôn,group," + ",".join(IND)]
    for i in range(n):
        name = f"{FAMILY[i % len(FAMILY)]} Thị {GIVEN[i % len(GIVEN)]}"
        points = ["4" if i < failing else "9"] + ["9"] * 9
        lines.append(f"CD-{i + 1:03d},{name},{VILLAGES[i % len(VILLAGES)]},1," + ",".join(points))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


HEAD = ["--don-vi", "Hội đồng xét công nhận xã Tân Lập", "--co-quan", "UBND xã Tân Lập", "--dia-danh", "Tân Lập",
        "--ngay", "05/12/2026"]


def pdf_pages(path):
    """Each page's text, lines kept (a heading may wrap: compare with ``flat``)."""
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def flat(text):
    return " ".join(text.split())


def test_letterhead_leaves_dotted_lines_for_what_was_not_given():
    blank = Letterhead()
    assert blank.left() == [(DOTS, "bold")]
    assert blank.date_line() == f"{DOTS}, ngày …… tháng …… năm ………"
    assert blank.signer_titles() == ("NGƯỜI LẬP BIỂU", "CHỦ TỊCH HỘI ĐỒNG")
    given = Letterhead(issuer="Hội đồng xét công nhận xã Tân Lập", parent="UBND xã Tân Lập", place="Tân Lập",
                       date=dt.date(2026, 12, 5), signers=("Thư ký", "Chủ tịch"))
    assert given.left() == [("UBND XÃ TÂN LẬP", "caps"), ("HỘI ĐỒNG XÉT CÔNG NHẬN XÃ TÂN LẬP", "bold")]
    assert given.right() == [("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold"), ("Độc lập - Tự do - Hạnh phúc", "motto")]
    assert given.date_line() == "Tân Lập, ngày 05 tháng 12 năm 2026"
    assert given.signer_titles() == ("THƯ KÝ", "CHỦ TỊCH")


def test_the_date_line_pads_the_month_only_for_january_and_february():
    """Nghị định 30/2020/NĐ-CP: 'ngày 05 tháng 02', but 'tháng 5' and 'tháng 10' (no 'tháng 05')."""
    lines = {d: Letterhead(place="Tân Lập", date=d).date_line()
             for d in (dt.date(2026, 2, 5), dt.date(2026, 5, 5), dt.date(2026, 10, 20))}
    assert list(lines.values()) == ["Tân Lập, ngày 05 tháng 02 năm 2026", "Tân Lập, ngày 05 tháng 5 năm 2026",
                                    "Tân Lập, ngày 20 tháng 10 năm 2026"]
    assert Letterhead(place="Tân Lập", date=dt.date(2026, 5, 5), lang="en").date_line() == "Tân Lập, 2026-05-05"


def test_dates_a_council_types():
    assert parse_day("05/12/2026") == parse_day("2026-12-05") == dt.date(2026, 12, 5)
    assert parse_day("hom-nay", today=dt.date(2026, 1, 2)) == dt.date(2026, 1, 2)
    with pytest.raises(ValueError, match="không phải một ngày"):
        parse_day("32/12/2026")


def test_wrapped_lines_counts_lines_as_words_wrap():
    assert wrapped_lines("Đạt danh hiệu Công dân học tập", 40) == 1
    assert wrapped_lines("Đạt danh hiệu Công dân học tập", 16) == 3
    assert wrapped_lines("CD-2024-0000000001", 6) > 2   # a long word breaks where it must


def test_long_recognition_list_as_pdf(runner, cli, tmp_path):
    source = citizens(tmp_path / "xa.csv", 70, failing=3)
    out = tmp_path / "danh-sach.pdf"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--by", "Họ và tên", "--by", "Thôn",
                                 "--sap-xep", "Thôn", "--sap-xep", "Họ và tên", "-o", str(out), *HEAD])
    assert result.exit_code == 0, result.output
    assert f"đã ghi {out}" in result.stderr
    pages = pdf_pages(out)
    assert len(pages) >= 2
    first, last = pages[0], pages[-1]
    for text in ("UBND XÃ TÂN LẬP", "HỘI ĐỒNG XÉT CÔNG NHẬN XÃ TÂN LẬP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                 "Độc lập - Tự do - Hạnh phúc", "Tân Lập, ngày 05 tháng 12 năm 2026", "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN",
                 "Công dân học tập (Quyết định 324/QĐ-KHVN)", f"Trang 1/{len(pages)}"):
        assert text in flat(first), text
    everything = flat("\n".join(pages))
    names = [f"{FAMILY[i % len(FAMILY)]} Thị {GIVEN[i % len(GIVEN)]}" for i in range(70)]
    assert all(name in everything for name in names[3:])
    assert "Nguyễn Thị Ánh" not in everything   # CD-001: 1.1 at 4, not recognised
    for page in pages[1:]:   # the header row again on every page
        assert "STT" in page and "Họ và tên" in page and "Kết quả" in page
    last = flat(last)
    assert "Tổng cộng" in last and "67 hồ sơ" in last
    assert "NGƯỜI LẬP BIỂU" in last and "CHỦ TỊCH HỘI ĐỒNG" in last and "(Ký, ghi rõ họ tên)" in last
    # Vietnamese order: Thôn Ải, Thôn Đoài, Thôn Đông, Thôn Thượng; by given name inside a village
    text = "\n".join(pages)
    assert text.index("Thôn Ải") < text.index("Thôn Đoài") < text.index("Thôn Đông") < text.index("Thôn Thượng")
    numbers = [int(line.split()[0]) for line in text.splitlines() if line.split() and line.split()[0].isdigit()
               and len(line.split()) > 3 and line.split()[1].startswith("CD-")]
    assert numbers == list(range(1, 68))


def test_the_signatures_never_stand_alone_on_a_page_of_their_own(runner, cli, tmp_path):
    """Lists whose table ends near the foot of page 1: the last row and the totals go over with the
    signatures (a signature page holding nothing of the list could be stapled to any list)."""
    for n in range(22, 34):
        out = tmp_path / f"ds-{n}.pdf"
        result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(citizens(tmp_path / f"xa-{n}.csv", n)),
                                     "--by", "Họ và tên", "-o", str(out), *HEAD])
        assert result.exit_code == 0, result.output
        pages = [flat(page) for page in pdf_pages(out)]
        signed = [page for page in pages if "NGƯỜI LẬP BIỂU" in page]
        assert len(signed) == 1 and f"CD-{n:03d}" in signed[0] and f"Tổng cộng {n} hồ sơ" in signed[0], (n, pages[-1])
        assert all(page.startswith("STT Mã Họ và tên") for page in pages[1:])


def test_the_list_says_how_many_records_it_was_drawn_from(runner, cli, tmp_path):
    """read = scored + rejected + skipped, on the paper the council signs (PDF and the workbook's list)."""
    source = citizens(tmp_path / "xa.csv", 4, failing=1)
    with source.open("a", encoding="utf-8") as f:
        f.write("CD-009,Lê Văn Tám,Thôn Đông,1,tám," + ",".join(["9"] * 9) + "\n,Tổng cộng,,,,,,,,,,,,\n")
    pdf, book = tmp_path / "ds.pdf", tmp_path / "ds.xlsx"
    for out in (pdf, book):
        result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "-o", str(out), *HEAD])
        assert result.exit_code == 1, result.output
    said = "Đã đọc 6 hồ sơ: 4 được chấm, 1 bị loại, 1 bỏ qua"
    text = flat(pdf_pages(pdf)[-1])
    assert said in text and text.index("Tổng cộng 3 hồ sơ") < text.index(said) < text.index("NGƯỜI LẬP BIỂU")
    assert "Bỏ qua 1 dòng cuối bảng (không phải hồ sơ): Tổng cộng" in text   # a sentence of its own
    cells = [c for row in rows_of(openpyxl.load_workbook(book)["Danh sách công nhận"]) for c in row if c]
    assert any(str(c).startswith(said) for c in cells), cells


def test_english_documents_with_lang_en(runner, cli, tmp_path):
    source = citizens(tmp_path / "xa.csv", 3)
    out = tmp_path / "list.pdf"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--lang", "en", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = flat(pdf_pages(out)[0])
    for part in ("SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness", "LIST PROPOSED FOR RECOGNITION",
                 "Learning citizen (Decision 324/QĐ-KHVN)", "PREPARED BY", "(Signature and full name)", "Page 1/1"):
        assert part in text, part


def test_the_pdf_is_the_same_for_the_same_input(runner, cli, tmp_path):
    source = citizens(tmp_path / "xa.csv", 5)
    outs = [tmp_path / "a.pdf", tmp_path / "b.pdf"]
    for out in outs:
        assert runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "-o", str(out)]).exit_code == 0
    assert outs[0].read_bytes() == outs[1].read_bytes()
    text = pdf_pages(outs[0])[0]
    assert "ngày …… tháng …… năm ………" in text and DOTS in text   # nothing given: blanks to fill in by hand


def rows_of(ws):
    return [list(r) for r in ws.iter_rows(values_only=True)]


def test_council_workbook_holds_every_document_ready_to_print(runner, cli, tmp_path):
    out = tmp_path / "ho-so-hoi-dong.xlsx"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(COUNCIL), "--sheet", "Tự đánh giá",
                                 "--giu-cot", "Họ và tên", "--by", "Xã", "--sap-xep", "Xã", "--sap-xep", "Họ và tên",
                                 "-o", str(out), *HEAD])
    assert result.exit_code == 1, result.output   # the example has rejected rows
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Danh sách công nhận", "Kết quả", "Bị loại", "Khác tự đánh giá", "Tổng hợp", "Theo Xã"]
    ws = book["Danh sách công nhận"]
    rows = rows_of(ws)
    assert rows[0][0] == "UBND XÃ TÂN LẬP" and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in rows[0]
    assert rows[1][0] == "HỘI ĐỒNG XÉT CÔNG NHẬN XÃ TÂN LẬP" and "Độc lập - Tự do - Hạnh phúc" in rows[1]
    assert "Tân Lập, ngày 05 tháng 12 năm 2026" in rows[2]
    header_at = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[header_at] == ["STT", "Mã", "Họ và tên", "Xã", "Kết quả", "Tổng điểm", "Ghi chú"]
    assert ws.print_title_rows == f"${header_at + 1}:${header_at + 1}"   # repeated on every printed page
    assert ws.page_setup.paperSize == 9 and ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    motto = next(c for c in ws[2] if c.value == "Độc lập - Tự do - Hạnh phúc")
    assert motto.font.b and motto.font.u == "single" and motto.font.name == "Times New Roman"
    assert any(str(m).startswith("A1:") for m in ws.merged_cells.ranges)
    body = rows[header_at + 1:]
    listed = [r for r in body if isinstance(r[0], int)]
    assert [r[0] for r in listed] == list(range(1, len(listed) + 1))
    # by commune (Hòa before Tân), then by given name (Hoa, Thu, Tuấn)
    assert [(r[3], r[2]) for r in listed] == [("Xã Hòa Bình", "Đặng Quốc Bảo"), ("Xã Tân Lập", "Nguyễn Thị Hoa"),
                                              ("Xã Tân Lập", "Lê Thị Thu"), ("Xã Tân Lập", "Phạm Minh Tuấn")]
    totals = body[len(listed)]
    assert totals[0] == "Tổng cộng" and f"{len(listed)} hồ sơ" in totals
    assert any("NGƯỜI LẬP BIỂU" in r for r in body) and any("(Ký, ghi rõ họ tên)" in r for r in body)
    rejected = rows_of(book["Bị loại"])
    # where to correct it: the file's name and row, not the folders of the computer that ran it
    assert any(r[0] == 1 and r[1] == "tu-danh-gia-2024.xlsx:Tự đánh giá!13" and r[2] == "CD-009" for r in rejected)
    differs = rows_of(book["Khác tự đánh giá"])
    assert ["STT", "Vị trí trong tệp", "Mã", "Họ và tên", "Kết quả", "Tổng điểm", "Tự đánh giá (tổng điểm)",
            "Tự đánh giá (kết quả)", "Khác nhau ở"] in differs
    cd5 = next(r for r in differs if r[2] == "CD-005")   # claimed 'Đạt' with 2.2 at 4
    # the row to go back to with the unit, as the rejected sheet names it
    assert isinstance(cd5[0], int) and cd5[1] == "tu-danh-gia-2024.xlsx:Tự đánh giá!8"
    assert cd5[3] == "Hoàng Văn Nam" and "2.2" in cd5[-1]
    results = rows_of(book["Kết quả"])
    assert ["STT", "Mã", "Họ và tên", "Xã", "Kết quả", "Tổng điểm", *IND, "Lý do"] in results
    by = rows_of(book["Theo Xã"])
    total_row = next(r for r in by if r[0] == "Tổng cộng")
    assert total_row[-2] == 10   # every record of the sheet, rejected ones included


def test_disagreements_of_two_villages_with_the_same_ids_say_where_and_a_typed_total_is_a_number(runner, cli, tmp_path):
    """Both villages number their people CD-1…: the 'Khác tự đánh giá' sheet had no place column, so the two
    CD-1 could not be told apart; a claimed total typed as text ('84') was written as a text cell."""
    from books import HEADER, citizen
    book = tmp_path / "huyen.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Thôn Đông"
    wb.create_sheet("Thôn Tây")
    for ws, claimed in ((wb["Thôn Đông"], "84"), (wb["Thôn Tây"], "79 điểm")):
        ws.append(HEADER)
        ws.append(citizen("CD-1", 8, claimed_total=claimed, claimed_outcome="Đạt"))
    wb.save(book)
    out = tmp_path / "hs.xlsx"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(book), "--sheet", "*", "-o", str(out), *HEAD])
    assert result.exit_code == 0, result.output
    differs = [r for r in rows_of(openpyxl.load_workbook(out)["Khác tự đánh giá"]) if isinstance(r[0], int)]
    assert [r[:7] for r in differs] == [
        [1, "huyen.xlsx:Thôn Đông!2", "CD-1", "Đạt danh hiệu Công dân học tập", 80, 84, "Đạt"],
        [2, "huyen.xlsx:Thôn Tây!2", "CD-1", "Đạt danh hiệu Công dân học tập", 80, 79, "Đạt"]]


@pytest.mark.parametrize("command, name, says", [
    (["score"], "kq.pdf", "không tạo được PDF"),
    (["score"], "kq.xls", "định dạng Excel cũ (.xls)"),
    (["verify"], "kq.pdf", "không tạo được PDF"),
    (["explain"], "giai-thich.docx", "không ghi được tệp .docx"),
    (["report"], "bao-cao.xls", "định dạng Excel cũ (.xls)"),
])
def test_names_a_command_cannot_write_are_refused_first(runner, cli, tmp_path, command, name, says):
    source = citizens(tmp_path / "xa.csv", 2)
    out = tmp_path / name
    result = runner.invoke(cli, [*command, "-c", "cong-dan-hoc-tap", str(source), "-o", str(out)])
    assert result.exit_code == 2 and says in result.output, result.output
    assert not out.exists()


def test_sorting_by_a_column_the_list_does_not_carry_says_how(runner, cli, tmp_path):
    source = citizens(tmp_path / "xa.csv", 2)
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--sap-xep", "Thôn"])
    assert result.exit_code == 2 and "--by 'Thôn'" in result.output
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--ngay", "hôm qua"])
    assert result.exit_code == 2 and "không phải một ngày" in result.output


def test_a_levels_pack_lists_the_indicators_not_met_instead_of_thirty_columns(runner, cli, tmp_path):
    out = tmp_path / "don-vi.xlsx"
    source = EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv"
    result = runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tt24-huyen", str(source), "--giu-cot", "ten_don_vi",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(out)
    rows = rows_of(book["Kết quả"])
    at = next(i for i, r in enumerate(rows) if r[0] == "STT")
    assert rows[at] == ["STT", "Mã", "ten_don_vi", "Kết quả", "Chỉ tiêu chưa đạt", "Lý do"]
    by_id = {r[1]: r for r in rows[at + 1:] if isinstance(r[0], int)}
    assert by_id["DV-001"][4] is None and by_id["DV-001"][3] == "Mức độ 2"   # every indicator met
    # 91% of members, level 2 needs 95%: named as the reasons name it, with its level (not 'tc3_ct1_md2')
    assert by_id["DV-002"][4] == "3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập — Mức độ 2"
    unmet = [cell for r in by_id.values() for cell in (r[4] or "").splitlines()]
    assert unmet and not [c for c in unmet if "_md" in c or c.startswith("tc")]   # one name a line, no code
    listed = rows_of(book["Danh sách công nhận"])
    assert ["STT", "Mã", "ten_don_vi", "Kết quả", "Ghi chú"] in listed        # no points: no 'Tổng điểm'


def test_counts_of_a_thousand_and_more_are_written_as_vietnamese_documents_write_them(runner, cli, tmp_path):
    """1.234 in Vietnamese (12,345 in English), in the summary, the list's totals and the workbook's
    counts (Excel shows '#,##0' with the reader's own separator); ids and years untouched."""
    source = citizens(tmp_path / "huyen.csv", 1234, failing=3)
    pdf, book = tmp_path / "danh-sach.pdf", tmp_path / "ho-so.xlsx"
    for out in (pdf, book):
        result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--by", "Thôn", "-o", str(out),
                                     *HEAD])
        assert result.exit_code == 0, result.output
        assert "đã đọc 1.234 hồ sơ: 1.234 được chấm, 0 bị loại" in result.stdout
    pages = pdf_pages(pdf)
    last = flat(pages[-1])
    assert "Tổng cộng 1.231 hồ sơ" in last and " 1231 CD-1234 " in last   # the row number and the id as they are
    assert "ngày 05 tháng 12 năm 2026" in flat(pages[0])
    wb = openpyxl.load_workbook(book)
    listed = rows_of(wb["Danh sách công nhận"])
    assert ["Tổng cộng", None, None, "1.231 hồ sơ", None, None] in listed
    by = wb["Theo Thôn"]
    total = next(row for row in by.iter_rows() if row[0].value == "Tổng cộng")
    counted = [c for c in total if isinstance(c.value, int)]
    assert 1234 in [c.value for c in counted] and all(c.number_format == "#,##0" for c in counted)
    summary = next(row for row in wb["Tổng hợp"].iter_rows() if row[0].value == "Tổng cộng")
    assert summary[2].value == 1234 and summary[2].number_format == "#,##0"
    assert any(row[0] == "Đã đọc 1.234 hồ sơ: 1.234 được chấm, 0 bị loại" for row in rows_of(wb["Tổng hợp"]))
    english = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--lang", "en"])
    assert "1,234 records read: 1,234 scored, 0 rejected" in english.stdout and "Recognition list (1,231)" in english.stdout


def test_a_column_kept_and_grouped_by_is_shown_once(runner, cli, tmp_path):
    """--giu-cot xa --by xa (or --by Xã: the same column, as the header matcher reads it): one 'xa'
    column in the PDF, the list and results sheets, and on screen."""
    source = EXAMPLES / "cong-dan-hoc-tap.csv"
    pdf, book = tmp_path / "r1.pdf", tmp_path / "r1.xlsx"
    for out, by in ((pdf, "xa"), (book, "XA")):
        result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--giu-cot", "ho_ten",
                                     "--giu-cot", "xa", "--by", by, "-o", str(out)])
        assert result.exit_code == 0, result.output
        header = next(line.split() for line in result.stdout.splitlines() if line.startswith("STT"))
        assert header[:4] == ["STT", "Mã", "ho_ten", by] and header.count(by) == 1, header
    head = next(line for line in pdf_pages(pdf)[0].splitlines() if line.startswith("STT"))
    assert flat(head).split()[:4] == ["STT", "Mã", "ho_ten", "xa"] and flat(head).split().count("xa") == 1
    wb = openpyxl.load_workbook(book)
    for sheet in ("Danh sách công nhận", "Kết quả"):
        header = next(r for r in rows_of(wb[sheet]) if r[0] == "STT")
        assert header[:5] == ["STT", "Mã", "ho_ten", "XA", "Kết quả"], (sheet, header)


def test_long_signer_titles_get_a_row_tall_enough_for_every_line(runner, cli, tmp_path):
    """Excel does not fit a merged cell's row to its text: the signers' row is given the height of
    the longest title's wrapped lines, so '(Ký, ghi rõ họ tên)' is not printed over it."""
    out = tmp_path / "long.xlsx"
    signers = ["Phó Chủ tịch Thường trực Hội đồng xét công nhận", "Chủ tịch Ủy ban nhân dân xã kiêm Chủ tịch Hội đồng"]
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"),
                                 *(a for s in signers for a in ("--ky", s)), "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Danh sách công nhận"]
    cells = {c.value: c for row in ws.iter_rows() for c in row if c.value in [s.upper() for s in signers]}
    assert len(cells) == 2
    for title, cell in cells.items():
        merged = next(m for m in ws.merged_cells.ranges if cell.coordinate in m)
        width = sum(ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width
                    for i in range(merged.min_col, merged.max_col + 1))
        lines = wrapped_lines(title, width, bold=True)
        assert lines >= 2 and cell.alignment.wrap_text
        assert ws.row_dimensions[cell.row].height >= 15 * lines, (title, lines, ws.row_dimensions[cell.row].height)


def cut_off(ws):
    """The texts of a sheet that would not show whole, printed: wider than their (merged) cells and
    not wrapped, or wrapped into more lines than their row is tall (Excel fits no row on opening)."""
    from openpyxl.utils import get_column_letter
    merged = {m.min_row * 10000 + m.min_col: m for m in ws.merged_cells.ranges}
    cut = []
    for row in ws.iter_rows():
        for cell in row:
            if not isinstance(cell.value, str):
                continue
            m = merged.get(cell.row * 10000 + cell.column)
            columns = range(m.min_col, m.max_col + 1) if m else [cell.column]
            width = sum(ws.column_dimensions[get_column_letter(i)].width or 8.43 for i in columns)
            lines = wrapped_lines(cell.value, width, bold=bool(cell.font.b))
            height = ws.row_dimensions[cell.row].height or 15
            if lines > 1 and not (cell.alignment.wrap_text and height >= 15 * lines):
                cut.append((cell.coordinate, cell.value))
    return cut


def test_every_sheet_of_the_council_workbook_is_fit_to_sign(runner, cli, tmp_path):
    """report --help promises it: every sheet has the national heading, a title, STT, a totals row
    and the signatures under it, shows no internal outcome code (dat, chua_dat), and cuts no text."""
    out = tmp_path / "r1.xlsx"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(COUNCIL), "--by", "xa", "-o", str(out), *HEAD])
    assert result.exit_code == 1, result.output   # the example has rejected rows
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Danh sách công nhận", "Kết quả", "Bị loại", "Khác tự đánh giá", "Tổng hợp", "Theo xa"]
    for ws in book.worksheets:
        rows = rows_of(ws)
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in rows[0] and rows[0][0] == "UBND XÃ TÂN LẬP", ws.title
        header_at = next(i for i, r in enumerate(rows) if r[0] == "STT")
        assert ws.print_title_rows == f"${header_at + 1}:${header_at + 1}", ws.title
        totals_at = next(i for i, r in enumerate(rows) if r[0] == "Tổng cộng")
        below = [v for r in rows[totals_at + 1:] for v in r if v]
        assert "NGƯỜI LẬP BIỂU" in below and "CHỦ TỊCH HỘI ĐỒNG" in below and "(Ký, ghi rõ họ tên)" in below, ws.title
        codes = [v for r in rows for v in r if v in ("dat", "chua_dat")]
        assert not codes, ws.title
        assert not cut_off(ws), (ws.title, cut_off(ws))
    summary = rows_of(book["Tổng hợp"])
    assert any(r[0] == "TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ" for r in summary)
    header_at = next(i for i, r in enumerate(summary) if r[0] == "STT")
    assert summary[header_at + 1][:4] == [1, "Đạt danh hiệu Công dân học tập", 4, 0.5]
    assert summary[header_at + 3][:3] == [3, "Bị loại (cần sửa và nộp lại)", 2]
    assert summary[header_at + 4][0] == "Tổng cộng" and summary[header_at + 4][2] == 10
    text = " ".join(str(v) for r in summary for v in r if v)
    assert "Đã đọc 10 hồ sơ: 8 được chấm, 2 bị loại" in text and "8 hồ sơ có tự đánh giá: 4 khớp, 4 không khớp" in text


@pytest.mark.parametrize("command", [["report", "-o", "two.pdf"], ["score"]])
def test_a_copy_of_a_records_file_given_beside_it_is_refused(runner, cli, tmp_path, monkeypatch, command):
    """sa.csv and its copy sa-copy.csv (the same bytes, as the run's SHA-256 says) would put every
    record on the signed list twice: refused before scoring, naming both (exit 2), as the same
    path given twice is."""
    monkeypatch.chdir(tmp_path)
    source = citizens(tmp_path / "sa.csv", 2)
    (tmp_path / "sa-copy.csv").write_bytes(source.read_bytes())
    result = runner.invoke(cli, [command[0], "-c", "cong-dan-hoc-tap", "sa.csv", "sa-copy.csv", *command[1:]])
    assert result.exit_code == 2, result.output
    assert "sa.csv" in result.stderr and "sa-copy.csv" in result.stderr and "cùng nội dung" in result.stderr
    assert not (tmp_path / "two.pdf").exists()
    same = runner.invoke(cli, [command[0], "-c", "cong-dan-hoc-tap", "sa.csv", "sa.csv", *command[1:]])
    assert same.exit_code == 2 and "được ghi hai lần" in same.stderr


def two_communes(path):
    """One workbook, a sheet per commune, both numbering their citizens from CD-001 (ids are per sheet)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for sheet, name in (("Xã A", "Nguyễn Văn An"), ("Xã B", "Trần Thị Bình")):
        ws = book.create_sheet(sheet)
        ws.append(["id", "Họ và tên", "group", *IND])
        ws.append(["CD-001", name, 1, *[9] * 10])
    book.save(path)
    return path


def test_ids_repeated_across_sheets_say_where_each_row_comes_from(runner, cli, tmp_path):
    """Two communes both with CD-001: the signed list, the results sheet and the screen get a 'Tệp'
    column (file:sheet) — only when the run has several sources — and explain names each row's place."""
    source = two_communes(tmp_path / "huyen.xlsx")
    book, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    for out in (book, pdf):
        result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--sheet", "*",
                                     "--giu-cot", "Họ và tên", "-o", str(out)])
        assert result.exit_code == 0, result.output
    assert "huyen.xlsx:Xã A" in result.stdout and "huyen.xlsx:Xã B" in result.stdout
    wb = openpyxl.load_workbook(book)
    for sheet in ("Danh sách công nhận", "Kết quả"):
        rows = rows_of(wb[sheet])
        header = next(r for r in rows if r[0] == "STT")
        assert header[:4] == ["STT", "Tệp", "Mã", "Họ và tên"], (sheet, header)
        assert [r[1:3] for r in rows if isinstance(r[0], int)] == [["huyen.xlsx:Xã A", "CD-001"],
                                                                   ["huyen.xlsx:Xã B", "CD-001"]], sheet
    text = flat(pdf_pages(pdf)[0])
    assert "STT Tệp Mã" in text and "huyen.xlsx:Xã A CD-001" in text and "huyen.xlsx:Xã B CD-001" in text
    one = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--sheet", "Xã A", "-o", str(book),
                              "--ghi-de"])
    assert one.exit_code == 0 and "Tệp" not in one.stdout
    assert next(r for r in rows_of(openpyxl.load_workbook(book)["Kết quả"]) if r[0] == "STT")[1] == "Mã"
    for fmt in ("text", "detail", "markdown"):
        explained = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", str(source), "--sheet", "*",
                                        "--record", "CD-001", "-f", fmt])
        assert explained.exit_code == 0, explained.output
        for sheet in ("Xã A", "Xã B"):
            heading = next(line for line in explained.stdout.splitlines() if f"huyen.xlsx:{sheet}!2" in line)
            assert "CD-001" in heading, (fmt, heading)


def test_a_sort_column_is_found_as_headers_are(runner, cli, tmp_path):
    """'--sap-xep xa' sorts by the column given as '--by Xã' (and kept once when also given with --giu-cot)."""
    out = tmp_path / "ds.xlsx"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(COUNCIL), "--sheet", "Tự đánh giá",
                                 "--giu-cot", "xa", "--by", "Xã", "--sap-xep", "xa", "-o", str(out), *HEAD])
    assert result.exit_code == 1, result.output   # the example has rejected rows
    assert "--sap-xep" not in result.stderr
    rows = rows_of(openpyxl.load_workbook(out)["Danh sách công nhận"])
    header_at = next(i for i, r in enumerate(rows) if r[0] == "STT")
    column = rows[header_at].index("Xã")
    communes = [r[column] for r in rows[header_at + 1:] if isinstance(r[0], int)]
    assert communes == sorted(communes) and len(set(communes)) > 1


def test_documents_of_district_results_after_the_reform_carry_its_warning_once(runner, cli, tmp_path):
    """Before, the CLI warned 'Từ 01/07/2025 … không còn cấp huyện…' on the screen, but the workbook
    and PDF a council signs left it out: a signed district list read as if nothing had changed."""
    source = str(EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv")
    run = ["report", "-c", "don-vi-hoc-tap-tt24-huyen", "--as-of", "2026-01-01", source]
    said = "Cảnh báo (14 hồ sơ): Từ 01/07/2025 chính quyền địa phương không còn cấp huyện"
    book_path, pdf_path = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    assert runner.invoke(cli, [*run, "-o", str(book_path)]).exit_code == 0
    book = openpyxl.load_workbook(book_path)
    for name in ("Danh sách công nhận", "Kết quả", "Tổng hợp"):
        rows = rows_of(book[name])
        warned = [i for i, r in enumerate(rows) if isinstance(r[0], str) and r[0].startswith("Cảnh báo")]
        assert len(warned) == 1 and rows[warned[0]][0].startswith(said), name
        totals = next(i for i, r in enumerate(rows) if r[0] == "Tổng cộng")
        signers = next(i for i, r in enumerate(rows) if "CHỦ TỊCH HỘI ĐỒNG" in r)
        assert totals < warned[0] < signers, name   # under the table, above the signatures
    assert runner.invoke(cli, [*run, "-o", str(pdf_path)]).exit_code == 0
    text = flat(" ".join(pdf_pages(pdf_path)))
    assert text.count("Cảnh báo") == 1 and flat(said) in text
    english = tmp_path / "en.pdf"
    assert runner.invoke(cli, ["--lang", "en", *run, "-o", str(english)]).exit_code == 0
    assert "Warning (14 records): From 1 July 2025 local government has no district tier" in flat(" ".join(pdf_pages(english)))
    as_md, as_json = tmp_path / "r.md", tmp_path / "r.json"   # reports written as text or JSON say it too
    assert runner.invoke(cli, [*run, "-o", str(as_md)]).exit_code == 0 and said in as_md.read_text(encoding="utf-8")
    assert runner.invoke(cli, [*run, "-o", str(as_json)]).exit_code == 0
    [warning] = json.loads(as_json.read_text(encoding="utf-8"))["warnings"]
    assert warning["records"] == 14 and warning["warning"].startswith("Từ 01/07/2025")
    before = tmp_path / "before.xlsx"   # the same file assessed before the reform: no warning
    assert runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tt24-huyen", source, "-o", str(before)]).exit_code == 0
    assert not any(isinstance(c, str) and "Cảnh báo" in c
                   for ws in openpyxl.load_workbook(before) for r in ws.iter_rows(values_only=True) for c in r)


def test_a_share_of_one_is_printed_as_100_percent(tmp_path):
    """A share of 1.0 (every record recognised) became the int 1 on its way to the cell and lost its
    percentage format: the paper read '1' beside '46,7%'. Every share is a percentage cell."""
    import openpyxl
    from scoring.results.council import Column, Document, Letterhead, write_sheet
    book = openpyxl.Workbook()
    doc = Document(Letterhead(), ("TỔNG HỢP",), [Column("Nội dung", 30), Column("Tỷ lệ", 10, percent=True)],
                   [["Xã A", 1.0], ["Xã B", 0.467]])
    write_sheet(book.active, doc)
    path = tmp_path / "t.xlsx"
    book.save(path)
    shares = [row[1] for row in openpyxl.load_workbook(path).active.iter_rows() if row[0].value in ("Xã A", "Xã B")]
    assert [(c.value, c.number_format) for c in shares] == [(1, "0.0%"), (0.467, "0.0%")]


def list_sheet(runner, cli, tmp_path, n):
    out = tmp_path / f"ds-{n}.xlsx"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(citizens(tmp_path / f"xa-{n}.csv", n)),
                                 "--by", "Họ và tên", "-o", str(out), *HEAD])
    assert result.exit_code == 0, result.output
    return out, openpyxl.load_workbook(out)["Danh sách công nhận"]


PRINTED = 841.9 - 2 * 0.79 * 72   # an A4 page's height less the top and bottom margins, in points


def printed_pages(ws):
    """The rows of each page as the sheet's manual breaks cut them, and each page's height in points
    (the header row again from the second page on); the list is narrower than the page: scale 100%."""
    header = int(ws.print_title_rows.split(":")[0].strip("$"))
    ends = [b.id for b in ws.row_breaks.brk] + [ws.max_row]
    pages, first = [], 1
    for end in ends:
        rows = list(range(first, end + 1))
        height = sum(ws.row_dimensions[r].height for r in rows) + (ws.row_dimensions[header].height if first > 1 else 0)
        pages.append(([ws.cell(r, 1).value for r in rows] + [ws.cell(r, 2).value for r in rows], height))
        first = end + 1
    return pages


@pytest.mark.parametrize("n", [28, 31, 32, 33, 45, 63, 66])
def test_the_workbook_prints_the_end_of_the_list_with_the_signatures(runner, cli, tmp_path, n):
    """Excel has no 'keep with next': a list of 31 to 33 records printed its signatures (and the count
    line) alone on page 2. The sheet now has its page breaks where the pages are full, the last one
    before the list's last two rows: every page fits an A4 page, the last holds CD-(n-1), CD-n, the
    totals, the count line and the signatures."""
    _, ws = list_sheet(runner, cli, tmp_path, n)
    pages = printed_pages(ws)
    assert len(pages) >= 2, pages
    assert all(height <= PRINTED for _, height in pages), [h for _, h in pages]
    last = pages[-1][0]
    assert f"CD-{n - 1:03d}" in last and f"CD-{n:03d}" in last and "Tổng cộng" in last
    assert any(str(v).startswith(f"Đã đọc {n} hồ sơ") for v in last if v)
    assert "NGƯỜI LẬP BIỂU" in [c.value for r in ws.iter_rows(min_row=ws.row_breaks.brk[-1].id + 1) for c in r]
    for cells, _ in pages[1:]:   # no page begins with the signatures or the totals
        assert str(cells[0]).startswith("CD-") or isinstance(cells[0], int), cells[:3]


def test_a_list_on_one_page_gets_no_page_break(runner, cli, tmp_path):
    for n in (5, 20):
        _, ws = list_sheet(runner, cli, tmp_path, n)
        assert list(ws.row_breaks.brk) == [] and len(printed_pages(ws)) == 1
        assert printed_pages(ws)[0][1] <= PRINTED


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed")
def test_printed_by_libreoffice_the_signatures_are_on_the_page_of_the_last_rows(runner, cli, tmp_path):
    """The sheet printed for real (LibreOffice, as a PDF): the 32-record list printed its count line and
    signatures alone on page 2."""
    out, _ = list_sheet(runner, cli, tmp_path, 32)
    book = openpyxl.load_workbook(out)
    for name in book.sheetnames[1:]:
        del book[name]
    book.save(out)
    subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(out)],
                   check=True, capture_output=True, timeout=300)
    # LibreOffice's PDF gives Vietnamese letters back apart: compare the plain letters and digits
    pages = ["".join(ch for ch in page if ch.isascii() and ch.isalnum()) for page in pdf_pages(out.with_suffix(".pdf"))]
    assert len(pages) == 2 and "CD031" in pages[1] and "CD032" in pages[1] and "Kghirhtn" in pages[1]


def test_pages_are_laid_out_row_by_row_and_the_last_rows_go_over_with_the_end():
    from scoring.results.pages import MAX_BREAKS, Pages
    pages = Pages(100)
    placed = [pages.add(1, 40)]   # the heading
    placed.append(pages.add(2, 15)); pages.repeat = 15   # the header row (15 points: whole pixels)
    placed += [pages.add(row, 18) for row in range(3, 9)]   # six table rows
    end = [pages.add(9, 15), pages.add(10, 15)]   # the totals, the signatures
    assert [p for _, p, _ in placed] == [1, 1, 1, 1, 2, 2, 2, 2] and [p for _, p, _ in end] == [3, 3]
    assert pages.breaks == [4, 8]   # the last row of each page but the last
    # the last two table rows (7, 8) go over with the totals and signatures: the last break after row 6
    assert pages.kept_with_the_end(placed[-2], header_row=2) == [4, 6]
    # a break that would leave the header row alone at the foot of the first page is not made
    assert pages.kept_with_the_end(placed[2], header_row=2) == [4, 8]
    # nor one before rows that could not fit on one page anyway
    assert pages.kept_with_the_end(placed[-5], header_row=2) == [4, 8]
    # a sheet of more pages than Excel keeps manual breaks for: only the one before the end
    many = Pages(100)
    rows = [many.add(row, 18) for row in range(1, 6 * (MAX_BREAKS + 10))]   # five rows a page
    assert len(many.breaks) == MAX_BREAKS + 1
    many.add(6 * (MAX_BREAKS + 10), 40)   # the signatures: over to a page of their own
    assert many.kept_with_the_end(rows[-1], header_row=1) == [rows[-1][0] - 1]


def test_a_list_by_sheet_says_the_sheet_once(runner, cli, tmp_path):
    """'--by sheet' already gives each row's sheet a column: the 'Tệp' column then names the file alone
    ('huyen.xlsx', not 'huyen.xlsx:Xã A' beside 'Xã A'), on the screen, the signed list, the results
    sheet and the PDF; with the file carried too ('--giu-cot tệp') the 'Tệp' column is not repeated."""
    source = two_communes(tmp_path / "huyen.xlsx")
    book, pdf = tmp_path / "r.xlsx", tmp_path / "r.pdf"
    for out in (book, pdf):
        result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--sheet", "*", "--by", "sheet",
                                     "-o", str(out)])
        assert result.exit_code == 0, result.output
    listing = result.stdout.split("Danh sách đề nghị công nhận")[1]
    assert "huyen.xlsx:Xã" not in listing and re.search(r"1 +huyen\.xlsx +CD-001 +Xã A", listing), listing
    wb = openpyxl.load_workbook(book)
    for sheet in ("Danh sách công nhận", "Kết quả"):
        rows = rows_of(wb[sheet])
        header = next(r for r in rows if r[0] == "STT")
        assert header[:4] == ["STT", "Tệp", "Mã", "Trang tính"], (sheet, header)
        assert [r[1:4] for r in rows if isinstance(r[0], int)] == [["huyen.xlsx", "CD-001", "Xã A"],
                                                                   ["huyen.xlsx", "CD-001", "Xã B"]], sheet
    text = flat(pdf_pages(pdf)[0])
    assert "huyen.xlsx:Xã" not in text and "huyen.xlsx CD-001 Xã A" in text
    both = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(source), "--sheet", "*", "--by", "sheet",
                               "--giu-cot", "tệp", "-o", str(book), "--ghi-de"])
    assert both.exit_code == 0, both.output
    header = next(r for r in rows_of(openpyxl.load_workbook(book)["Danh sách công nhận"]) if r[0] == "STT")
    assert header[:4] == ["STT", "Mã", "Tệp", "Trang tính"], header


@pytest.mark.parametrize("name, body", [
    ("rong.json", "[]\n"),
    ("chi-tieu-de.csv", "id,Họ và tên,group," + ",".join(IND) + "\n"),
    ("mau.xlsx", None)])   # the pack's own template, not filled in: its table is empty
@pytest.mark.parametrize("output", ["danh-sach.pdf", "danh-sach.xlsx"])
def test_a_file_of_no_record_gives_no_list_to_sign(runner, cli, tmp_path, monkeypatch, name, body, output):
    """A list to sign with no one on it (the PDF with its heading and signatures, the council
    workbook) was written from an empty JSON, a header row alone or an empty template, exit 0:
    it is said, in the person's language, and nothing is written; other reports are still written."""
    monkeypatch.chdir(tmp_path)
    if body is None:
        assert runner.invoke(cli, ["template", "-c", "cong-dan-hoc-tap", "-o", name]).exit_code == 0
    else:
        (tmp_path / name).write_text(body, encoding="utf-8")
    vi = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", name, "-o", output])
    assert vi.exit_code == 2, vi.output
    assert vi.stderr.splitlines()[-1] == (
        f"lỗi: {name}: không có hồ sơ nào (chỉ có dòng tiêu đề, hoặc bảng trống), nên không ghi '{output}': "
        "danh sách đề nghị công nhận sẽ không có ai để ký; hãy kiểm tra đúng tệp và đúng trang tính (--sheet)")
    assert "đã đọc 0 hồ sơ: 0 được chấm, 0 bị loại" in vi.stdout and "đã ghi" not in vi.stderr
    en = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", name, "-o", output, "--lang", "en"])
    assert en.exit_code == 2 and en.stderr.splitlines()[-1] == (
        f"error: {name}: no record in it (only a header row, or an empty table), so '{output}' is not written: "
        "the recognition list would have no one to sign for; check the file and the sheet (--sheet)")
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]   # no file, and no temporary file left
    counts = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", name, "-o", "tong-hop.json"])
    assert counts.exit_code == 0 and json.loads((tmp_path / "tong-hop.json").read_text())["counts"]["read"] == 0
