"""Read YAML into plain data plus the line of every value, for errors that name a line.

PyYAML's composer gives nodes with positions; we construct the Python values
ourselves so that we can (a) remember where each path came from, (b) refuse
duplicate keys, which PyYAML silently overwrites, and (c) cap the size of the
expanded document, so an alias bomb cannot eat the machine. Nesting depth and
size are checked on the event stream before anything is composed
(`yamlshape`): composing and building recurse once per level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from belofte.yamlshape import ShapeProblem, check_shape

#: A path into the document: keys and list indexes, e.g. ("pillars", 1, "themes").
Path = tuple[str | int, ...]

MAX_BYTES = 2 * 1024 * 1024
MAX_NODES = 200_000


@dataclass(frozen=True, slots=True)
class SourceProblem:
    """A problem found while reading the YAML itself."""

    line: int
    path: Path
    message: str


class YamlSourceError(Exception):
    """The text is not a YAML document we can read; carries every problem found."""

    def __init__(self, problems: list[SourceProblem]) -> None:
        super().__init__("; ".join(p.message for p in problems))
        self.problems = problems


@dataclass(slots=True)
class LineMap:
    """Line numbers (1-based) of values and of mapping keys, by path."""

    values: dict[Path, int] = field(default_factory=dict)
    keys: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int:
        """The line of the value at `path`, or of its nearest existing ancestor."""
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if end == len(path) and prefix in self.keys:
                # An unknown key or a wrong value: point at the key's own line.
                return self.keys[prefix]
            if prefix in self.values:
                return self.values[prefix]
        return 1


def format_path(path: Path) -> str:
    """`("pillars", 1, "themes", 0)` -> `pillars[1].themes[0]`."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def read_yaml(text: str) -> tuple[Any, LineMap]:
    """Parse `text` into Python values and a line map; raise YamlSourceError."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise YamlSourceError(
            [SourceProblem(1, (), f"file is larger than {MAX_BYTES // 1024} KiB")]
        )
    try:
        check_shape(text, MAX_NODES)
    except ShapeProblem as problem:
        raise YamlSourceError(
            [SourceProblem(problem.line, (), problem.message)]
        ) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        reason = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark is not None and exc.problem:
            start = exc.context_mark.line + 1
            reason += f" ({exc.context} that starts on line {start})"
        raise YamlSourceError(
            [SourceProblem(line, (), f"invalid YAML: {reason}")]
        ) from None
    except yaml.YAMLError as exc:
        raise YamlSourceError([SourceProblem(1, (), f"invalid YAML: {exc}")]) from None
    lines = LineMap()
    if node is None:
        return None, lines
    builder = _Builder(lines)
    value = builder.build(node, ())
    if builder.problems:
        raise YamlSourceError(builder.problems)
    return value, lines


class _Builder:
    def __init__(self, lines: LineMap) -> None:
        self.lines = lines
        self.problems: list[SourceProblem] = []
        self.count = 0
        self.constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
        yaml.constructor.SafeConstructor.__init__(self.constructor)

    def build(self, node: yaml.Node, path: Path) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise YamlSourceError(
                [SourceProblem(1, (), f"document too large (over {MAX_NODES} values)")]
            )
        self.lines.values.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*path, i)) for i, item in enumerate(node.value)]
        assert isinstance(node, yaml.ScalarNode)  # noqa: S101 - the only other kind
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            self.problems.append(
                SourceProblem(node.start_mark.line + 1, path, f"invalid value: {exc}")
            )
            return None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problems.append(
                    SourceProblem(
                        key_node.start_mark.line + 1,
                        path,
                        "merge keys (<<) are not supported",
                    )
                )
                continue
            key = self.build(key_node, (*path, "<key>"))
            if not isinstance(key, str | int | float | bool):
                self.problems.append(
                    SourceProblem(
                        key_node.start_mark.line + 1, path, "keys must be plain text"
                    )
                )
                continue
            skey = str(key)
            line = key_node.start_mark.line + 1
            if skey in out:
                self.problems.append(
                    SourceProblem(
                        line,
                        (*path, skey),
                        f"duplicate key '{skey}' (first on line "
                        f"{self.lines.keys[(*path, skey)]})",
                    )
                )
                continue
            self.lines.keys[(*path, skey)] = line
            out[skey] = self.build(value_node, (*path, skey))
        return out
