"""Vietnamese for the command line's help and for click's own words, keyed by the English text.

The CLI is written with English help (as click expects); ``tr`` gives the Vietnamese when the
language is Vietnamese. A help text missing here shows in English, and ``tests/test_vietnamese.py``
names it, so a new option cannot slip through untranslated.
"""
from __future__ import annotations

import inspect

from scoring.messages import get_lang


def tr(text: str | None, lang: str | None = None) -> str | None:
    if text is None or (lang or get_lang()) != "vi":
        return text
    key = inspect.cleandoc(text)
    return VI.get(key, VI.get(text, text))


METAVARS = {
    "PACK": "BỘ_TIÊU_CHÍ", "GOALS": "GÓI_MỤC_TIÊU", "FILE": "TỆP", "FILE.xlsx": "TỆP.xlsx", "NAME": "TÊN", "COLUMN": "CỘT", "DATE|record": "NGÀY|record",
    "PATH": "ĐƯỜNG_DẪN", "[PATH]": "[ĐƯỜNG_DẪN]", "[PACK]...": "[BỘ_TIÊU_CHÍ]...", "RECORDS...": "HỒ_SƠ...",
    "[OPTIONS]": "[TÙY_CHỌN]", "COMMAND [ARGS]...": "LỆNH [THAM_SỐ]...", "RESULT_ID": "MÃ_KẾT_QUẢ",
    "[RUN_ID]": "[MÃ_LƯỢT]", "TEXT": "CHỮ", "INTEGER": "SỐ", "ID": "MÃ", "YEAR": "NĂM", "LOCALITY": "ĐỊA_PHƯƠNG",
    "FOLDER": "THƯ_MỤC", "DATE": "NGÀY", "FORM": "MẪU", "TITLE": "CHỨC_DANH",
    "INTEGER RANGE": "SỐ", "FLOAT": "SỐ", "FLOAT RANGE": "SỐ", "DIRECTORY": "THƯ_MỤC", "FILENAME": "TỆP",
    "RUN": "MÃ_LƯỢT", "SEAL": "MÃ_NIÊM_PHONG", "MB": "MB", "N": "N", "[FILES]...": "[TỆP]...", "KEY": "MÃ",
    "FILE[:SHEET]": "TỆP[:TRANG]",
}


def metavar(text: str | None, lang: str | None = None) -> str | None:
    if text is None or (lang or get_lang()) != "vi":
        return text
    return METAVARS.get(text, text)


VI: dict[str, str] = {
    # click's own words
    "Usage:": "Cách dùng:",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "Hiện phiên bản rồi thoát.",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Gõ '{command} {option}' để xem hướng dẫn.",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Did you mean {possibility}?": "Có phải là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải là một trong: {possibilities}?)",
    "Missing {param_type}": "Thiếu {param_type}",
    "{name} {filename!r} is a file.": "{filename!r} là một tệp, không phải một thư mục.",
    "{name} {filename!r} is not writable.": "không ghi được {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} cần {nargs} giá trị.",
    "{value!r} is not a valid boolean. Recognized values: {states}": "{value!r} không phải có/không hợp lệ. Các giá trị nhận: {states}",
    "unknown error": "lỗi không rõ",
    "(Possible options: {possibilities})": "(Các tùy chọn có thể: {possibilities})",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "Missing command.": "Thiếu lệnh.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc {choices}.",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    # {number_type} is click's own English ('integer', 'float'), given after this text is chosen
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    # {name} is click's English name of the path's kind ('File'), made before the language is known
    "{name} {filename!r} does not exist.": "{filename!r} không tồn tại.",
    "{name} {filename!r} is a directory.": "{filename!r} là một thư mục, không phải một tệp.",
    "{name} {filename!r} is not readable.": "không đọc được {filename!r}.",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "env var: {var}": "biến môi trường: {var}",
    "Aborted!": "Đã huỷ!",
    "(dynamic)": "(tùy lúc)",
    # hoctap commands
    "Score learning-society records (Công dân học tập, Đơn vị học tập, Cộng đồng học tập) against criteria packs.":
        "Chấm hồ sơ xã hội học tập (Công dân học tập, Đơn vị học tập, Cộng đồng học tập) theo bộ tiêu chí và giải thích từng kết quả. "
        "Ngôn ngữ: tiếng Việt (mặc định), tiếng Anh với --lang en hoặc biến môi trường HOCTAP_LANG=en.",
    "Score RECORDS (CSV, JSON, JSON Lines or Excel files) against a criteria pack.\n\n--criteria may also name a model "
    "(cong-dan-hoc-tap, don-vi-hoc-tap-tinh, don-vi-hoc-tap-huyen):\nwith --as-of DATE it resolves to the pack in force on "
    "that date; with --as-of record (the\ndefault for the two don-vi-hoc-tap models) each record's own ngay_danh_gia (date) "
    "or\nnam_danh_gia (year) column chooses. Without --as-of, cong-dan-hoc-tap is the QĐ 324 pack.":
        "Chấm các tệp HỒ_SƠ (CSV, JSON, JSON Lines hoặc Excel) theo một bộ tiêu chí.\n\n--criteria cũng có thể ghi tên "
        "mô hình (cong-dan-hoc-tap, don-vi-hoc-tap-tinh, don-vi-hoc-tap-huyen): với --as-of NGÀY, chọn bộ tiêu chí có "
        "hiệu lực vào ngày đó; với --as-of record (mặc định cho hai mô hình don-vi-hoc-tap), cột ngay_danh_gia (ngày) "
        "hoặc nam_danh_gia (năm) của từng hồ sơ quyết định. Không có --as-of thì cong-dan-hoc-tap là bộ theo QĐ 324.",
    "Shipped pack id (see 'hoctap packs') or path of a criteria YAML file.":
        "Mã bộ tiêu chí có sẵn (xem 'hoctap packs') hoặc đường dẫn tệp YAML bộ tiêu chí.",
    "Output format [default: from --output's extension, else table].":
        "Định dạng kết quả [mặc định: theo phần mở rộng của --output, nếu không thì bảng].",
    "Write results to this file, atomically; .xlsx, .csv, .jsonl or .json.":
        "Ghi kết quả vào tệp này (ghi trọn vẹn hoặc không ghi gì); .xlsx, .csv, .jsonl hoặc .json.",
    "Sheet to read in Excel workbooks [default: the first visible sheet].":
        "Trang tính cần đọc trong sổ Excel [mặc định: trang đầu tiên không ẩn].",
    "Processes to score with [default: all cores for inputs of 1 MiB or more, else 1]. The output is the same for any N.":
        "Số tiến trình dùng để chấm [mặc định: mọi lõi khi dữ liệu từ 1 MiB trở lên, nếu không thì 1]. "
        "Kết quả như nhau với mọi N.",
    "Processes to re-score with [default: all cores for a run of 5,000 rows or more, else 1]. "
    "The report is the same for any N.":
        "Số tiến trình dùng để chấm lại [mặc định: mọi lõi khi lượt chấm có từ 5.000 dòng trở lên, nếu không thì 1]. "
        "Báo cáo như nhau với mọi N.",
    "Language of every message, for all commands (also HOCTAP_LANG).":
        "Ngôn ngữ của mọi thông báo, cho mọi lệnh (hoặc biến môi trường HOCTAP_LANG).",
    "Language of labels (English where the pack has it).":
        "Ngôn ngữ hiển thị: vi (tiếng Việt) hoặc en (tiếng Anh, nhãn tiếng Anh khi bộ tiêu chí có). "
        "Mặc định lấy từ biến môi trường HOCTAP_LANG, nếu không có thì vi.",
    "Assessment date (YYYY-MM-DD, DD/MM/YYYY, or a year = its 31 December): a model name in --criteria resolves to the "
    "pack in force on that date; a named pack must be in force on it. 'record': each record's own ngay_danh_gia or "
    "nam_danh_gia column chooses.":
        "Ngày đánh giá (YYYY-MM-DD, DD/MM/YYYY, hoặc một năm = ngày 31 tháng 12): tên mô hình trong --criteria chọn bộ "
        "tiêu chí có hiệu lực vào ngày đó; bộ được ghi rõ tên phải có hiệu lực vào ngày đó. 'record': cột ngay_danh_gia "
        "hoặc nam_danh_gia của từng hồ sơ quyết định.",
    "Members file (one row per member, its unit's id in 'don_vi'); fills the unit inputs that declare 'from_members'. Repeatable.":
        "Tệp thành viên (mỗi thành viên một dòng, mã đơn vị ở cột 'don_vi'); tính các chỉ số đơn vị khai báo "
        "'from_members'. Ghi được nhiều lần.",
    "Sheet of the members table when --members is an Excel workbook (it may be the units' own workbook) [default: the first visible sheet].":
        "Trang chứa bảng thành viên khi --members là sổ Excel (có thể chính là sổ của các đơn vị) "
        "[mặc định: trang đầu tiên không ẩn].",
    "Criteria pack that scores the members [default: the one the unit pack names].":
        "Bộ tiêu chí dùng để chấm thành viên [mặc định: bộ mà bộ tiêu chí đơn vị chỉ định].",
    "Save the run (results, explanations, hashes, normalised inputs, pack text) in this SQLite file [hoctap.sqlite3 when no PATH is given].":
        "Lưu lượt chấm (kết quả, giải thích, mã băm, dữ liệu đã chuẩn hoá, văn bản bộ tiêu chí) vào tệp SQLite này "
        "[hoctap.sqlite3 khi không ghi ĐƯỜNG_DẪN].",
    "With --store: also keep each full input row, names included (personal data).":
        "Đi cùng --store: lưu cả dòng dữ liệu gốc, gồm cả họ tên (dữ liệu cá nhân).",
    "List every record whose claimed result (tự đánh giá) differs from what the rules give.\n\nClaims are read from the "
    "columns tu_danh_gia_tong (total), tu_danh_gia_ket_qua (outcome) and\ntu_danh_gia_<indicator> (points), or their "
    "Vietnamese headers. Exit 1 when any record disagrees\nor is rejected.":
        "Liệt kê mọi hồ sơ có kết quả tự đánh giá khác với kết quả tính theo quy định.\n\nTự đánh giá được đọc từ các "
        "cột tu_danh_gia_tong (tổng điểm), tu_danh_gia_ket_qua (kết quả) và tu_danh_gia_<mã chỉ số> (điểm), hoặc tiêu "
        "đề tiếng Việt của chúng. Mã thoát 1 khi có hồ sơ không khớp hoặc bị loại.",
    "Also write the disagreements, the records that could not be checked and the counts to this file, atomically; "
    ".xlsx, .csv, .jsonl or .json.":
        "Ghi thêm vào tệp này các hồ sơ không khớp, các hồ sơ không kiểm tra được (bị loại) và số lượng; .xlsx, .csv, "
        ".jsonl hoặc .json.",
    "Counts and shares by outcome (and by --by columns), and the recognition list.":
        "Số lượng và tỷ lệ theo kết quả (và theo các cột --by), cùng danh sách đề nghị công nhận.",
    "Break the counts down by this column (any column, e.g. group, xa); repeat for more.":
        "Chia số liệu theo cột này (bất kỳ cột nào, ví dụ group, xa); ghi nhiều lần cho nhiều cột.",
    "Also write the report to this file, atomically; .xlsx, .json, .md or .txt.":
        "Ghi thêm báo cáo vào tệp này; .xlsx, .pdf, .json, .md hoặc .txt.",
    "Explain how each record (or one, with --record) got its outcome.":
        "Giải thích vì sao mỗi hồ sơ (hoặc một hồ sơ, với --record) có kết quả như vậy.",
    "Explain only the record with this id.": "Chỉ giải thích hồ sơ có mã này.",
    "List the shipped criteria packs.": "Liệt kê các bộ tiêu chí có sẵn.",
    "Check criteria packs (default: every shipped criteria pack) or goal packs named by id or path, and lint\nthem; exit 2 on any error, 0 with warnings only.":
        "Kiểm tra các bộ tiêu chí (mặc định: mọi bộ có sẵn) hoặc gói mục tiêu theo mã hay đường dẫn, và rà soát; "
        "mã thoát 2 khi có lỗi, 0 khi chỉ có cảnh báo.",
    "Print each pack's notes in full (what the text leaves open and how the pack reads it).":
        "In đầy đủ ghi chú của từng bộ tiêu chí (những điểm văn bản chưa nói rõ và cách bộ tiêu chí đọc chúng).",
    "Self-check: answer the pack's questions, see the result and what is still missing.":
        "Tự kiểm tra: trả lời các câu hỏi của bộ tiêu chí, xem kết quả và những gì còn thiếu.",
    "Take the answers from this YAML or JSON file instead of asking (no questions shown).":
        "Lấy câu trả lời từ tệp YAML hoặc JSON này thay vì hỏi (không hiện câu hỏi).",
    "json: the same object as one line of 'hoctap score --format jsonl'.":
        "json: cùng đối tượng như một dòng của 'hoctap score --format jsonl'.",
    "Run the named test cases of criteria packs (default: every shipped pack); exit 1 if any fails.":
        "Chạy các tình huống kiểm thử của bộ tiêu chí (mặc định: mọi bộ có sẵn); mã thoát 1 nếu có tình huống sai.",
    "Case file to run (default: cases/<pack id>.yaml beside the pack). Needs exactly one PACK.":
        "Tệp tình huống cần chạy (mặc định: cases/<mã bộ>.yaml cạnh bộ tiêu chí). Cần đúng một BỘ_TIÊU_CHÍ.",
    "Also list the rule outcomes no case reaches, with a percentage per pack.":
        "Liệt kê thêm các nhánh quy tắc chưa tình huống nào chạm tới, kèm tỷ lệ phần trăm mỗi bộ.",
    "Fail (exit 1) when a pack's coverage is below N%. Implies --coverage.":
        "Báo lỗi (mã thoát 1) khi độ phủ của một bộ dưới N%. Bao gồm --coverage.",
    "Write the JSON Schema of the criteria format, for editors (see criteria/README.md).":
        "Ghi JSON Schema của định dạng bộ tiêu chí, cho trình soạn thảo (xem criteria/README.md).",
    "Write the schema to this file (atomically).": "Ghi schema vào tệp này.",
    "The schema of test-case files instead of criteria packs.": "Schema của tệp tình huống kiểm thử thay vì bộ tiêu chí.",
    "List the runs saved in a run store.": "Liệt kê các lượt chấm đã lưu trong kho lưu.",
    "The run store written by 'hoctap score --store'.": "Kho lưu do 'hoctap score --store' ghi.",
    "Read stored results back and check that stored runs still reproduce.":
        "Đọc lại kết quả đã lưu và kiểm tra các lượt chấm đã lưu vẫn cho cùng kết quả.",
    "Print the stored explanation of RESULT_ID (a result's provenance.result_id).":
        "In phần giải thích đã lưu của MÃ_KẾT_QUẢ (trường provenance.result_id của một kết quả).",
    "Re-score the stored inputs of RUN_ID (default: every run) with the stored pack text and\ncompare with the stored results; exit 1 when any result differs.":
        "Chấm lại dữ liệu đã lưu của MÃ_LƯỢT (mặc định: mọi lượt) bằng văn bản bộ tiêu chí đã lưu và so với kết quả "
        "đã lưu; mã thoát 1 khi có kết quả khác.",
    "Evaluate a goal pack's targets for one year over the population in RECORDS.":
        "Đánh giá các mục tiêu của một gói mục tiêu cho một năm trên tập đối tượng trong HỒ_SƠ.",
    "Shipped goal pack id (see 'hoctap goal-packs') or path of a goal-pack YAML file.":
        "Mã gói mục tiêu có sẵn (xem 'hoctap goal-packs') hoặc đường dẫn tệp YAML gói mục tiêu.",
    "Target year [default: the next target year on or after today].":
        "Năm mục tiêu [mặc định: năm mục tiêu gần nhất kể từ hôm nay].",
    "Exit 1 when some target is not met or cannot be evaluated.":
        "Mã thoát 1 khi có mục tiêu chưa đạt hoặc không đánh giá được.",
    "List the shipped goal packs and their target years.": "Liệt kê các gói mục tiêu có sẵn và năm mục tiêu.",
    "Sheet to read in Excel workbooks [default: the first visible sheet]; repeat it for several, or '*' for every visible sheet (the sheet is named in every result).":
        "Trang tính cần đọc trong sổ Excel [mặc định: trang đầu tiên không ẩn]; ghi nhiều lần cho nhiều trang, hoặc '*' "
        "cho mọi trang không ẩn (mỗi kết quả ghi tên trang).",
    "Ask the rules engine for every record, not once per distinct situation (for audits and tests; the results are the same, only slower).":
        "Hỏi bộ máy quy tắc cho từng hồ sơ, không chỉ một lần cho mỗi tình huống khác nhau (cho kiểm toán và kiểm thử; "
        "kết quả như nhau, chỉ chậm hơn).",
    "Write the explanations to this file (atomically) instead of the screen.": "Ghi phần giải thích vào tệp này thay vì ra màn hình.",
    "List the shipped criteria packs: model, tier, outcomes, dates of force, status, what is provisional.":
        "Liệt kê các bộ tiêu chí có sẵn: mô hình, cấp, các mức kết quả, thời gian hiệu lực, tình trạng, phần còn tạm thời.",
    "List the runs saved in a run store, or the rows of RUN_ID.": "Liệt kê các lượt chấm đã lưu trong kho lưu, hoặc các dòng của MÃ_LƯỢT.",
    "Print the explanation of a stored result: ID is the record's own id (the 'id' column of the\nfile) or its result id (provenance.result_id). It is rebuilt from the store and checked\nagainst the hash of what the run produced.":
        "In phần giải thích của một kết quả đã lưu: MÃ là mã của hồ sơ (cột 'id' của tệp) hoặc mã kết quả "
        "(provenance.result_id). Phần giải thích được dựng lại từ kho lưu và đối chiếu với mã băm của kết quả lượt chấm.",
    "The records file the id is in, or FILE:SHEET for one sheet of a workbook (when several files or sheets use the id), e.g. --file \"ho-so.xlsx:Tân Lập\".":
        "Tệp hồ sơ chứa mã này, hoặc TỆP:TRANG cho một trang tính của sổ Excel (khi nhiều tệp hay nhiều trang cùng dùng mã đó), ví dụ --file \"ho-so.xlsx:Tân Lập\".",
    "Look in this run only [default: the newest run that has it].": "Chỉ tìm trong lượt chấm này [mặc định: lượt mới nhất có mã này].",
    "Re-score the stored inputs of RUN_ID (default: every run) with the stored pack text, compare with\nwhat the run produced and recompute the run's seal; exit 1 when anything differs.\n\nhoctap audit verify RUN --against FILE… also compares the stored rows with the original files.":
        "Chấm lại dữ liệu đã lưu của MÃ_LƯỢT (mặc định: mọi lượt) bằng văn bản bộ tiêu chí đã lưu, so với kết quả của "
        "lượt chấm và tính lại mã niêm phong; mã thoát 1 khi có gì khác.\n\nhoctap audit verify MÃ_LƯỢT --against TỆP… "
        "còn so các dòng đã lưu với tệp gốc.",
    "Re-read the original FILES of RUN_ID and list every stored row whose input does not match.":
        "Đọc lại các tệp gốc của MÃ_LƯỢT và liệt kê mọi dòng đã lưu có dữ liệu không khớp.",
    "The run's seal as written in the minutes: fail unless it matches.": "Mã niêm phong ghi trong biên bản: báo lỗi nếu không khớp.",
    "Also write the report to this file (atomically), in --format.": "Ghi thêm báo cáo vào tệp này, theo --format.",
    "Lifelong Learning Week statistics: fills the Appendix II table (items 1–11) per unit and in\ntotal, from activity rows (one row per activity) or one row per unit.":
        "Thống kê kết quả Tuần lễ hưởng ứng học tập suốt đời: điền bảng Phụ lục II (mục 1–11) theo từng đơn vị và tổng "
        "hợp, từ các dòng hoạt động (một dòng mỗi hoạt động) hoặc mỗi đơn vị một dòng.",
    "Statistics form: a shipped form's id or the path of a form YAML file.":
        "Mẫu bảng thống kê: mã của mẫu có sẵn hoặc đường dẫn tệp YAML.",
    "Report date, dd/mm/yyyy or yyyy-mm-dd [default: today].": "Ngày báo cáo, dd/mm/yyyy hoặc yyyy-mm-dd [mặc định: hôm nay].",
    "Also write the report to this .xlsx or .json file.": "Ghi thêm báo cáo ra tệp .xlsx hoặc .json này.",
    "CSV files for Excel: 'excel' is UTF-8 with a BOM (diacritics open right in Excel); 'excel-vi' also uses ';' and the decimal comma, as a Vietnamese Excel expects; 'utf8' is plain UTF-8 without a BOM.":
        "Tệp CSV cho Excel: 'excel' là UTF-8 có BOM (Excel mở đúng dấu tiếng Việt); 'excel-vi' dùng thêm dấu ';' và dấu "
        "phẩy thập phân như Excel tiếng Việt; 'utf8' là UTF-8 thường, không có BOM.",
    "Keep this column of the records (e.g. 'Họ và tên', 'Thôn/xóm') beside the id in the results and the list; repeat for more. Nothing else of a row is kept; --store keeps these only with --store-inputs.":
        "Giữ cột này của hồ sơ (ví dụ 'Họ và tên', 'Thôn/xóm') cạnh mã trong kết quả và danh sách; ghi nhiều lần cho "
        "nhiều cột. Ngoài các cột này, không giữ gì khác của dòng; --store chỉ lưu chúng khi có thêm --store-inputs.",
    "Replace the output file (-o) if it exists; without this an existing file is never overwritten.":
        "Thay tệp kết quả (-o) nếu tệp đó đã có; không có tùy chọn này thì tệp có sẵn không bao giờ bị ghi đè.",
    # serve
    "Run the web pages (self-check, council uploads, plan targets) and the JSON API on this machine.":
        "Chạy các trang web (tự kiểm tra, hội đồng tải tệp lên, chỉ tiêu kế hoạch) và API JSON trên máy này.",
    "Address to listen on. Anything but loopback needs --allow-remote.":
        "Địa chỉ lắng nghe. Mọi địa chỉ khác 127.0.0.1 (chỉ máy này) đều cần --allow-remote.",
    "Save council runs in this run store (SQLite) [hoctap.sqlite3 when no PATH is given]. Without it nothing uploaded is kept once scored.":
        "Lưu các lượt chấm của hội đồng vào kho lưu (SQLite) này [hoctap.sqlite3 khi không ghi ĐƯỜNG_DẪN]. "
        "Không có tùy chọn này thì không giữ lại gì của tệp tải lên sau khi chấm.",
    "Largest request (upload) accepted, in MB.": "Dung lượng lớn nhất của một yêu cầu (tệp tải lên) được nhận, tính bằng MB.",
    "Allow listening on an address other people can reach (records are personal data).":
        "Cho phép lắng nghe trên địa chỉ người khác truy cập được (hồ sơ là dữ liệu cá nhân).",
    # template, goals (year, output)
    "Write an Excel template for entering a pack's records: the columns the reader reads, drop-down\nlists, number checks and an instructions sheet (in Vietnamese).":
        "Ghi một sổ Excel mẫu để nhập hồ sơ của một bộ tiêu chí: đúng các cột chương trình đọc, danh sách chọn, "
        "kiểm tra số và một trang hướng dẫn.",
    "Write the template to this new file [default: mau-nhap-PACK.xlsx]; an existing file is never overwritten.":
        "Ghi tệp mẫu vào tệp mới này [mặc định: mau-nhap-BỘ_TIÊU_CHÍ.xlsx]; không bao giờ ghi đè tệp đã có.",
    "Evaluate a goal pack's targets for one year (or several) over the population in RECORDS.":
        "Đánh giá các mục tiêu của một gói mục tiêu cho một năm (hoặc nhiều năm) trên tập hồ sơ HỒ_SƠ.",
    "Target year [default: the next target year on or after today]; repeat it for several years (each gets its table; the workbook's charts show them side by side).":
        "Năm mục tiêu [mặc định: năm mục tiêu gần nhất từ hôm nay trở đi]; ghi nhiều lần cho nhiều năm (mỗi năm một "
        "bảng; biểu đồ trong sổ Excel đặt các năm cạnh nhau).",
    "Also write the report to this file (atomically): .xlsx gets the targets table and a chart of each target (actual vs required, per year); .json the JSON report; .txt the table.":
        "Ghi thêm báo cáo vào tệp này: tệp .xlsx có bảng mục tiêu và một biểu đồ cho mỗi mục tiêu (thực tế so với "
        "yêu cầu, theo năm); tệp .json có báo cáo JSON; tệp .txt có bảng.",
    "Format of the report on the screen and in a .json or .txt --output [default: table; a .json output: json].":
        "Định dạng báo cáo trên màn hình và trong tệp --output .json hoặc .txt [mặc định: table; tệp .json: json].",
    # council documents (report -o .xlsx/.pdf) and the self-check's saved answers and printed page
    "Counts and shares by outcome (and by --by columns), and the recognition list.\n\nWith -o FILE.xlsx: one workbook "
    "for the council, each sheet ready to print and sign (heading,\ntitle, STT, totals, signatures; A4): the recognition "
    "list, the results, the rejected records,\nthe disagreements with self-assessments, the summary and one sheet per "
    "--by column.\nWith -o FILE.pdf: the recognition list as a PDF.":
        "Số lượng và tỷ lệ theo kết quả (và theo các cột --by), cùng danh sách đề nghị công nhận.\n\nVới -o TỆP.xlsx: "
        "một sổ Excel cho hội đồng, mỗi trang sẵn để in và ký (quốc hiệu, tiêu đề, STT, dòng tổng cộng, chữ ký; khổ "
        "A4): danh sách đề nghị công nhận, kết quả, hồ sơ bị loại, hồ sơ khác tự đánh giá, tổng hợp và một trang cho "
        "mỗi cột --by.\nVới -o TỆP.pdf: danh sách đề nghị công nhận dạng PDF.",
    "Also write the report to this file, atomically: .xlsx (the council workbook, ready to print and sign), .pdf "
    "(the recognition list), .json, .md or .txt.":
        "Ghi thêm báo cáo vào tệp này: .xlsx (sổ Excel của hội đồng, sẵn để in và ký), .pdf (danh sách đề nghị công "
        "nhận), .json, .md hoặc .txt.",
    "Issuing body, printed top left in capitals (e.g. 'Hội đồng xét công nhận xã Tân Lập') [default: a dotted line "
    "to fill in by hand].":
        "Cơ quan, tổ chức ban hành, in chữ hoa ở góc trái (ví dụ 'Hội đồng xét công nhận xã Tân Lập') [mặc định: dòng "
        "chấm để điền tay].",
    "The body above it, printed on the line above (e.g. 'UBND xã Tân Lập').":
        "Cơ quan chủ quản, in ở dòng trên (ví dụ 'UBND xã Tân Lập').",
    "Place name of the date line (e.g. 'Tân Lập' gives 'Tân Lập, ngày … tháng … năm …').":
        "Địa danh ở dòng ngày tháng (ví dụ 'Tân Lập' cho 'Tân Lập, ngày … tháng … năm …').",
    "Locality the documents cover, under the title [default: --dia-danh].":
        "Địa bàn của văn bản, ghi dưới tiêu đề [mặc định: --dia-danh].",
    "Date of the documents: dd/mm/yyyy, yyyy-mm-dd or hom-nay (today) [default: blank, to fill in by hand].":
        "Ngày của văn bản: dd/mm/yyyy, yyyy-mm-dd hoặc hom-nay (hôm nay) [mặc định: để trống, điền tay].",
    "Title of a signer, left to right; repeat for each [default: 'Prepared by' and 'Chair of the council' (for targets and the Lifelong Learning Week form: 'Head of the office')].":
        "Chức danh một người ký, từ trái sang phải; ghi lại cho mỗi người [mặc định: 'Người lập biểu' và 'Chủ tịch "
        "Hội đồng' (với mục tiêu và mẫu Tuần lễ: 'Thủ trưởng đơn vị')].",
    "Sort the recognition list by this column (a --by or --giu-cot column) in Vietnamese alphabetical order, a name "
    "column by given name first; repeat for more [default: the order of the input].":
        "Sắp xếp danh sách theo cột này (một cột --by hoặc --giu-cot) theo thứ tự chữ cái tiếng Việt, cột họ tên theo "
        "tên trước; ghi lại để thêm cột [mặc định: thứ tự trong tệp].",
    "Save the answers in this new .yaml or .json file, to run the check again with --answers FILE.":
        "Lưu câu trả lời vào tệp .yaml hoặc .json mới này, để chạy lại bằng --answers TỆP.",
    "Also write the result on one A4 page to this .pdf file, to print and sign.":
        "Ghi thêm kết quả trên một trang A4 vào tệp .pdf này, để in và ký.",
}
