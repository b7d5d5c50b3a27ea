"""Reading criteria YAML safely: the safe loader (no object construction, ever), duplicate keys
refused, and the line of every YAML path kept for messages. Nothing here knows what a pack means.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scoring.errors import CriteriaError
from scoring.messages import Msg, text as words
from scoring.packs.textfile import normalized, read_text


# --- YAML -------------------------------------------------------------------------------

MAX_ALIASES = 100          # criteria, goal and answers files never need more; a "billion laughs" file has millions
MAX_EXPANDED_NODES = 200_000   # nodes once aliases are expanded (the shipped packs have a few thousand)
MAX_INT_DIGITS = 100       # Python refuses to read integers of more than 4,300 digits; no pack needs 100


class _StrictConstructor(yaml.constructor.SafeConstructor):
    """SafeConstructor (no object construction, ever) that also rejects duplicate keys, unhashable
    keys, impossible dates and integers too long to read, each as a marked error."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            try:
                hash(key)
            except TypeError:
                raise _refused(yaml.constructor.ConstructorError, Msg("vf.yaml_key"), key_node.start_mark) from None
            if key in seen:
                raise _DuplicateKey(key, line, seen[key])
            seen[key] = line
        return super().construct_mapping(node, deep=deep)

    def construct_yaml_timestamp(self, node: yaml.ScalarNode) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError) as exc:
            raise _refused(yaml.constructor.ConstructorError, Msg("vf.yaml_date", value=node.value, detail=str(exc)),
                           node.start_mark) from None

    def construct_yaml_int(self, node: yaml.ScalarNode) -> Any:
        if sum(ch.isdigit() for ch in str(node.value)) > MAX_INT_DIGITS:
            raise _refused(yaml.constructor.ConstructorError, Msg("vf.yaml_int", n=MAX_INT_DIGITS), node.start_mark)
        return super().construct_yaml_int(node)


def _refused(kind: type, problem: Msg, mark: Any) -> yaml.MarkedYAMLError:
    """A YAML error of our own, marked at its place: its words stay a message (shown in the
    user's language by ``yaml_problem``); PyYAML's own text of it is the English one."""
    exc = kind(None, None, problem.render("en"), mark)
    exc.hoctap_problem = problem
    return exc


_StrictConstructor.add_constructor("tag:yaml.org,2002:timestamp", _StrictConstructor.construct_yaml_timestamp)
_StrictConstructor.add_constructor("tag:yaml.org,2002:int", _StrictConstructor.construct_yaml_int)


class _StrictLoader(_StrictConstructor, yaml.SafeLoader):
    """The safe loader in Python with the strict constructor, which also rejects alias bombs: every
    message about a YAML file comes from it (the fast reader below only reads files it accepts)."""

    def __init__(self, stream: Any):
        super().__init__(stream)
        self._aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                event = self.peek_event()
                raise _refused(yaml.composer.ComposerError, Msg("vf.yaml_aliases", n=MAX_ALIASES), event.start_mark)
        return super().compose_node(parent, index)


def expanded_size(node: yaml.Node, limit: int = MAX_EXPANDED_NODES) -> int:
    """How many nodes the document has once every alias is expanded (memoised per node, so a
    "billion laughs" file is measured without being expanded); stops counting past ``limit``."""
    sizes: dict[int, int] = {}

    def size(n: yaml.Node) -> int:
        if id(n) in sizes:
            return sizes[id(n)]
        sizes[id(n)] = 0   # a node met again while it is being measured is a cycle: count it once
        if isinstance(n, yaml.MappingNode):
            total = 1 + sum(size(k) + size(v) for k, v in n.value)
        elif isinstance(n, yaml.SequenceNode):
            total = 1 + sum(size(v) for v in n.value)
        else:
            total = 1
        sizes[id(n)] = min(total, limit + 1)
        return sizes[id(n)]
    return size(node)


def compose_checked(loader: _StrictLoader) -> yaml.Node | None:
    """The document's node graph, refused when its aliases would expand beyond reason."""
    node = loader.get_single_node()
    if node is not None and expanded_size(node) > MAX_EXPANDED_NODES:
        raise _refused(yaml.composer.ComposerError, Msg("vf.yaml_expanded", n=Msg("num", x=MAX_EXPANDED_NODES)),
                       node.start_mark)
    return node


def yaml_problem(exc: BaseException, text: str) -> tuple[int | None, Any]:
    """The line and the message for anything the YAML reader refuses (syntax, characters YAML
    does not allow, tags that would build objects, nesting too deep for the parser)."""
    if isinstance(exc, RecursionError):
        return None, Msg("vf.yaml_deep")
    if isinstance(exc, yaml.reader.ReaderError):
        line = text.count("\n", 0, exc.position) + 1 if exc.position is not None else None
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        return line, Msg("vf.yaml_char", char=char)
    if isinstance(exc, yaml.MarkedYAMLError):
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        if getattr(exc, "hoctap_problem", None) is not None:
            return line, exc.hoctap_problem
        problem = str(exc.problem or exc.context)
        if "could not determine a constructor for the tag" in problem:
            tag = problem.split("tag", 1)[1].strip()
            return line, Msg("vf.yaml_merge" if tag == "'tag:yaml.org,2002:merge'" else "vf.yaml_tag", tag=tag)
        return line, _parser_words(problem, line, mark.column + 1 if mark else None)
    return None, Msg("vf.yaml_other_nowhere", detail=str(exc))


# The YAML reader's own sentences (PyYAML's wording), in Vietnamese (and in plainer English where PyYAML's
# names its tokens); any other keeps its English.
_PARSER_VI = [
    (r"found character (.+) that cannot start any token", "gặp ký tự {0} ở chỗ không được bắt đầu một giá trị"),
    (r"mapping values are not allowed here", "không được có cặp 'khoá: giá trị' ở đây (thụt lề sai, hay thiếu dấu ngoặc "
     "kép quanh một chữ có dấu ':'?)", "a 'key: value' is not allowed here (indented wrongly, or quotes missing around "
     "a text holding ':'?)"),
    (r"could not find expected ':'", "thiếu dấu ':' sau khoá"),
    (r"did not find expected key", "không thấy khoá mong đợi (thụt lề sai?)"),
    (r"did not find expected '-' indicator", "không thấy dấu '-' của mục danh sách (thụt lề sai?)"),
    (r"did not find expected node content", "không thấy giá trị mong đợi"),
    # the token PyYAML names ('<block mapping start>', '?') tells an author nothing: the line's indent is what is wrong
    (r"expected <block end>, but found .+", "thụt lề không khớp: dòng này thụt vào khác các dòng cùng cấp phía trên "
     "(thừa hoặc thiếu dấu cách ở đầu dòng): căn thẳng nó với khoá cùng cấp",
     "indentation does not match: this line is indented differently from the lines at its level above (a space "
     "too many or too few at its start): line it up with the keys at its level"),
    (r"expected ',' or '(.)', but got (.+)", "cần dấu ',' hoặc '{0}', nhưng gặp {1}"),
    (r"found unexpected end of stream", "tệp kết thúc khi một giá trị chưa đóng (thiếu dấu ngoặc kép hoặc ngoặc đóng?)"),
    (r"found unexpected ':'", "gặp dấu ':' không đúng chỗ"),
    (r"found undefined alias (.+)", "gặp bí danh {0} chưa được định nghĩa"),
    (r"found unknown escape character (.+)", "gặp ký tự thoát {0} không hợp lệ"),
    (r"found duplicate anchor (.+)", "neo (anchor) {0} bị lặp"),
    (r"found a tab character (.+)", "gặp ký tự tab ở chỗ phải thụt lề bằng dấu cách"),
    (r"expected alphabetic or numeric character, but found (.+)", "cần một chữ cái hoặc chữ số, nhưng gặp {0}"),
    (r"but found another document", "tệp có thêm một tài liệu YAML (một dòng '---' giữa tệp): một tệp chỉ chứa một tài liệu; xoá dòng đó"),
]


def _parser_words(problem: str, line: int | None, column: int | None) -> Msg:
    """The reader's sentence in the user's language; one not in the table is quoted as a
    technical detail after a sentence that says where it is."""
    import re
    for pattern, vi, *en in _PARSER_VI:
        found = re.fullmatch(pattern, problem.strip(), re.DOTALL)
        if found:
            return Msg("yaml.parser", vi=vi.format(*found.groups()), en=en[0] if en else problem)
    if line is None:
        return Msg("vf.yaml_other_nowhere", detail=problem.strip())
    return Msg("vf.yaml_other", line=line, column=column, detail=problem.strip())


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first: int):
        self.key, self.line, self.first = key, line, first


@dataclass
class YamlDocument:
    """A parsed YAML file and the line each YAML path starts on."""

    file: str
    data: Any
    text: str
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, path: str) -> int | None:
        # Fall back to the nearest parent that has a line (an error may name a missing key).
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    def where(self, path: str) -> tuple[str, int | None]:
        """The file and line a YAML path comes from (a merged pack spans several files)."""
        return self.file, self.line_of(path)

    def locations(self) -> dict[str, tuple[str, int]]:
        """YAML path -> (file, line), for every path of the document."""
        return {p: (self.file, line) for p, line in self.lines.items()}


def display_path(path: str | Path) -> str:
    """A file as reports show it: relative to the working folder when it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def yaml_path(parts: tuple | list) -> str:
    """('criteria', 0, 'id') -> 'criteria[0].id'"""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _index_lines(node: yaml.Node, path: tuple, lines: dict[str, int]) -> None:
    lines[yaml_path(path)] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _index_lines(value_node, path + (str(key_node.value),), lines)
            lines[yaml_path(path + (str(key_node.value),))] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, path + (i,), lines)


def _repeated_key(node: yaml.Node, dup: "_DuplicateKey", path: tuple = ()) -> tuple | None:
    """The YAML path of a repeated key (targets[0].compare): the mapping that has the key written
    at both lines the loader reported."""
    if isinstance(node, yaml.MappingNode):
        at = [k for k, _ in node.value if k.start_mark.line + 1 in (dup.first, dup.line)]
        texts = [str(k.value) for k in at]
        repeated = next((x for x in texts if texts.count(x) > 1), None)
        if repeated is not None:
            return path + (repeated,)
        children = ((path + (str(k.value),), v) for k, v in node.value)
    elif isinstance(node, yaml.SequenceNode):
        children = ((path + (i,), item) for i, item in enumerate(node.value))
    else:
        return None
    return next((found for p, child in children if (found := _repeated_key(child, dup, p)) is not None), None)


_CURLY = "“”„‘’‚"   # quotes a word processor types: YAML quotes only with " and '
_NUMBER = re.compile(r"-?[0-9]+")


def _slip(node: yaml.Node, path: tuple = ()) -> tuple[tuple, int, Msg] | None:
    """The first value that parses but is surely not what was meant: a text between curly quotes
    pasted from Word (“0.6” would be a version with the quotes in it), or a decimal comma inside
    { } (at_least: 0,8 reads as at_least 0 and a key 8). Its path, line and what to write instead."""
    if isinstance(node, yaml.ScalarNode):
        value = node.value
        if not node.style and len(value) >= 2 and value[0] in _CURLY and value[-1] in _CURLY:
            return path, node.start_mark.line + 1, Msg("yaml.curly_quotes", value=value, fixed=f'"{value[1:-1]}"')
        return None
    if isinstance(node, yaml.MappingNode):
        pairs = node.value
        for (_, before), (key, value) in zip(pairs, pairs[1:]):
            if node.flow_style and _decimal_comma(before, key, value):
                number = f"{before.value},{key.value}"
                return path, key.start_mark.line + 1, Msg("yaml.decimal_comma", number=number, fixed=number.replace(",", "."))
        children = [(path + (str(k.value),), v) for k, v in pairs]
    elif isinstance(node, yaml.SequenceNode):
        children = [(path + (i,), v) for i, v in enumerate(node.value)]
    else:
        return None
    return next((found for p, child in children if (found := _slip(child, p)) is not None), None)


def _decimal_comma(before: yaml.Node, key: yaml.Node, value: yaml.Node) -> bool:
    """'0,8' in a flow mapping: a whole number, a comma with no space, digits read as a key with no value."""
    plain = all(isinstance(n, yaml.ScalarNode) and not n.style for n in (before, key, value))   # libyaml: style ""
    return (plain and bool(_NUMBER.fullmatch(before.value)) and key.value.isdigit() and value.value == ""
            and before.end_mark.line == key.start_mark.line and before.end_mark.column + 1 == key.start_mark.column)


def parse_yaml(text: str, file: str, stored: bool = False) -> YamlDocument:
    """Parse YAML text safely; every syntax problem becomes a CriteriaError with a line. ``stored``: a
    text kept in a run store, read as the hoctap that stored it read it: the slips refused since
    (a value between curly quotes loaded, quotes and all) are not refused, or ``audit verify`` would
    call a run stored before a changed one."""
    text = normalized(text)
    fast = _fast_parse(text, file, stored)
    if fast is not None:
        return fast
    try:
        loader = _StrictLoader(text)
    except yaml.YAMLError as exc:   # the reader checks the characters as it is built
        line, problem = yaml_problem(exc, text)
        raise CriteriaError(file, "", Msg("yaml.invalid", problem=problem), line) from None
    try:
        node = compose_checked(loader)
        if node is None:
            raise CriteriaError(file, "", Msg("yaml.empty"))
        slip = None if stored else _slip(node)
        if slip is not None:
            raise CriteriaError(file, yaml_path(slip[0]), slip[2], slip[1])
        lines: dict[str, int] = {}
        _index_lines(node, (), lines)
        data = loader.construct_document(node)
    except _DuplicateKey as dup:
        raise CriteriaError(file, yaml_path(_repeated_key(node, dup) or ()),
                            Msg("yaml.dup_key_line", key=dup.key, line=dup.line) if dup.first == dup.line else
                            Msg("yaml.dup_key", key=dup.key, first=dup.first, line=dup.line), dup.line) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_syntax_error(file, text, exc) from None
    except (yaml.YAMLError, RecursionError) as exc:
        line, problem = yaml_problem(exc, text)
        raise CriteriaError(file, "", Msg("yaml.invalid", problem=problem), line) from None
    finally:
        loader.dispose()
    return YamlDocument(file=file, data=data, text=text, lines=lines)


if getattr(yaml, "__with_libyaml__", False):
    class _FastLoader(yaml.cyaml.CParser, _StrictConstructor, yaml.resolver.Resolver):  # type: ignore[misc]
        """libyaml's parser (C) with the same strict constructor: reading a pack's YAML takes a tenth
        of the time, which is most of what naming one pack costs at start-up (issue 14)."""

        def __init__(self, stream: str):
            yaml.cyaml.CParser.__init__(self, stream)
            _StrictConstructor.__init__(self)
            yaml.resolver.Resolver.__init__(self)
else:   # pragma: no cover - PyYAML built without libyaml: the Python reader reads everything
    _FastLoader = None


def _fast_parse(text: str, file: str, stored: bool = False) -> YamlDocument | None:
    """The document read by libyaml, or None to read it with the Python loader, which reads the
    same YAML into the same data and lines (tests/test_yaml_fast.py) and owns every message: the
    fast reader takes only files that both readers accept and that stay within the limits on
    aliases and size. Anything it does not take is read again by the Python loader, with no
    difference to the user but the time."""
    if _FastLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return None
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        if node is None or not _within_limits(node) or (not stored and _slip(node) is not None):
            return None
        lines: dict[str, int] = {}
        _index_lines(node, (), lines)
        data = loader.construct_document(node)
    except (yaml.YAMLError, _DuplicateKey, RecursionError, ValueError, TypeError, OverflowError):
        return None
    finally:
        loader.dispose()
    return YamlDocument(file=file, data=data, text=text, lines=lines)


def _within_limits(root: yaml.Node) -> bool:
    """The limits the Python loader enforces: at most MAX_ALIASES aliases (each one is a second way
    to reach a node it composed) and MAX_EXPANDED_NODES nodes once they are expanded."""
    seen: set[int] = set()
    aliases = 0
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            aliases += 1
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                todo += (key, value)
        elif isinstance(node, yaml.SequenceNode):
            todo += node.value
    if aliases > MAX_ALIASES:
        return False
    return (len(seen) if not aliases else expanded_size(root)) <= MAX_EXPANDED_NODES


# Characters a paste from Word or a web page brings, which look like a space (or like nothing) but
# which YAML does not read as one: each by the message that names it and says what to do.
INVISIBLE = {"\u00a0": "yaml.nbsp", "\u202f": "yaml.nbsp", "\u200b": "yaml.zero_width", "\u2060": "yaml.zero_width",
             "\ufeff": "yaml.zero_width", "\u2028": "yaml.line_sep", "\u2029": "yaml.line_sep"}
_UNSEEN = re.compile("[%s]" % "".join(c for c, code in INVISIBLE.items() if code != "yaml.nbsp"))   # wrong anywhere
_STRUCTURE = re.compile("(?:^[ \t%s]*|[:,\\-\\[{?])([\u00a0\u202f])" % "".join(INVISIBLE))   # a space YAML needs


def invisible(char: str, column: int | None = None) -> Msg:
    """What an invisible character is and what to do with it; ``column``: where on its line."""
    at = Msg("yaml.at_column", column=column) if column else ""
    return Msg(INVISIBLE[char], char=f"U+{ord(char):04X}", at=at)


def hidden_char(value: str) -> str | None:
    """The first invisible character of a text (a key read with one in it), or None."""
    return next((ch for ch in value if ch in INVISIBLE), None)


def _invisible_before(text: str, index: int) -> tuple[int, int, str] | None:
    """The invisible character that most likely made the reader stop at ``index``: on that line or
    back to the line before it that holds something (the reader often stops a line late, at the next
    key). Its line (counted as an editor counts them: by line feeds), column and itself."""
    lines = text[:index].split("\n")
    lines[-1] += text[index:].split("\n", 1)[0]
    first = len(lines) - 1
    while first > 0:
        first -= 1
        if lines[first].strip() and not lines[first].lstrip().startswith("#"):
            break
    for n in range(first, len(lines)):
        found = _STRUCTURE.search(lines[n]) or _UNSEEN.search(lines[n])
        if found:
            column = found.start(found.lastindex or 0)
            return n + 1, column + 1, lines[n][column]
    return None


def _yaml_syntax_error(file: str, text: str, exc: yaml.MarkedYAMLError) -> CriteriaError:
    mark = exc.problem_mark or exc.context_mark
    hidden = _invisible_before(text, mark.index) if mark and mark.index is not None else None
    if hidden is not None:   # said where it is and by name, not as the reader's puzzle a line later
        line, column, char = hidden
        shown = text.split("\n")[line - 1]
        problem = Msg("list", items=[invisible(char, column), f"\n    {shown}\n    {' ' * (column - 1)}^"], sep="")
        return CriteriaError(file, "", Msg("yaml.invalid", problem=problem), line)
    line, problem = yaml_problem(exc, text)
    bad_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    if "\t" in bad_line or "'\\t'" in words(problem, "en"):
        problem = Msg("list", items=[problem, Msg("yaml.tab")], sep="")
    if bad_line:
        caret = " " * (mark.column if mark else 0) + "^"
        problem = Msg("list", items=[problem, f"\n    {bad_line}\n    {caret}"], sep="")
    return CriteriaError(file, "", Msg("yaml.invalid", problem=problem), line)


def read_yaml_file(path: str | Path) -> YamlDocument:
    return parse_yaml(read_text(path), str(Path(path)))
