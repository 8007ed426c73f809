"""Reads the project types of a perfeval rules folder, for the comparators.

Only what the comparators need, and only as the shipped rule files write it:
each `project NAME policy POLICY {` line and each canonical
`indicator NAME weight N target T method M` line. The scoring conventions
themselves (methods, funds rule, grades) are not read from the rule files:
each comparator implements them by hand, which is the point of comparing.

Standard library only.
"""

import pathlib
import re
from decimal import Decimal

_NAME = r'"(?:[^"\\]|\\.)*"|[^\s{}"/]+'
_PROJECT = re.compile(r"^\s*project\s+(" + _NAME + r")\s+policy\s+(" + _NAME + r")\s*\{")
_INDICATOR = re.compile(
    r"^\s*indicator\s+(" + _NAME + r")\s+weight\s+([0-9.]+)\s+target\s+(.+?)\s+method\s+("
    + _NAME + r")\s*$"
)

# The operators a target or an actual value may start with, longest first.
OPERATORS = [
    (">=", ">="), ("<=", "<="), ("＞＝", ">="), ("＜＝", "<="), ("≥", ">="), ("≤", "<="),
    ("≧", ">="), ("≦", "<="), (">", ">"), ("<", "<"), ("＞", ">"), ("＜", "<"),
    ("=", "="), ("＝", "="),
]  # fmt: skip

_NUMBER = re.compile(r"(-?[0-9][0-9,]*(?:\.[0-9]+)?)\s*(%|％|[^\s0-9]*)$")
_CN_DATE = re.compile(r"([0-9]{4})年([0-9]{1,2})月([0-9]{1,2})日\s*(?:以前|之前|前)?$")
_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})\s*(?:以前|之前|前)?$")
_PREFIXES = (("万", 10_000), ("亿", 100_000_000))


def unquote(name):
    if name.startswith('"'):
        return re.sub(r"\\(.)", r"\1", name[1:-1])
    return name


def _strip_comment(line):
    # `//` outside quotes starts a comment.
    quoted = False
    k = 0
    while k < len(line):
        c = line[k]
        if c == "\\" and quoted:
            k += 2
            continue
        if c == '"':
            quoted = not quoted
        elif not quoted and line.startswith("//", k):
            return line[:k]
        k += 1
    return line


def parse_value(text):
    """A value as written in a target or a table: returns (op, value) where
    value is ("qty", Decimal amount, unit), ("date", (y, m, d)) or
    ("word", text), and op is ">=", "<=", ">", "<", "=" or None. Quantities
    fold 万 and 亿 into the amount (2.30万人 is 23000 人), a percentage is a
    plain number (96.25% is 0.9625), and 天 is 日, as perfeval does. Returns
    None for what it cannot read."""
    text = text.strip()
    op = None
    for spelling, meaning in OPERATORS:
        if text.startswith(spelling):
            op = meaning
            text = text[len(spelling):].strip()
            break
    if not text:
        return None
    if text[0].isdigit() or (text[0] == "-" and len(text) > 1 and text[1].isdigit()):
        m = _CN_DATE.match(text) or _ISO_DATE.match(text)
        if m:
            return (op or "<=", ("date", (int(m[1]), int(m[2]), int(m[3]))))
        m = _NUMBER.match(text)
        if not m:
            return None
        amount = Decimal(m[1].replace(",", ""))
        unit = m[2]
        if unit in ("%", "％"):
            return (op, ("qty", amount.scaleb(-2), "%"))
        folded = True
        while folded:
            folded = False
            for prefix, factor in _PREFIXES:
                if len(unit) > len(prefix) and unit.startswith(prefix):
                    amount *= factor
                    unit = unit[len(prefix):]
                    folded = True
        if unit == "天":
            unit = "日"
        return (op, ("qty", amount, unit))
    if any(c.isdigit() for c in text):
        return None
    return (op, ("word", text))


def written_unit(text):
    """The unit as a value writes it, 万 included: ">= 2.30万人" -> "万人"."""
    m = _NUMBER.search(text.strip())
    return m[2] if m else ""


class Indicator:
    __slots__ = ("name", "weight", "op", "target", "method", "target_text")

    def __init__(self, name, weight, target_text, method):
        self.name = name
        self.weight = Decimal(weight)
        self.target_text = target_text
        parsed = parse_value(target_text)
        if parsed is None:
            raise ValueError(f"cannot read the target {target_text!r} of {name}")
        self.op, self.target = parsed
        self.method = method


class ProjectType:
    def __init__(self, name, policy, path):
        self.name = name
        self.policy = policy
        self.path = path
        self.indicators = []  # in declaration order
        self.by_name = {}


def load_project_types(rules_dir):
    """{project name: ProjectType} for every `project` in rules_dir (recursively)."""
    types = {}
    for path in sorted(pathlib.Path(rules_dir).rglob("*.perf")):
        current = None
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = _strip_comment(raw)
            m = _PROJECT.match(line)
            if m:
                current = ProjectType(unquote(m[1]), unquote(m[2]), path)
                types[current.name] = current
                continue
            m = _INDICATOR.match(line)
            if m and current is not None:
                indicator = Indicator(unquote(m[1]), m[2], m[3].strip(), unquote(m[4]))
                current.indicators.append(indicator)
                current.by_name[indicator.name] = indicator
    return types
