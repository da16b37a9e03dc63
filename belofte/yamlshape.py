"""Bound a YAML text's nesting and size before it is composed into values.

PyYAML's parser reads events without recursion, but its composer and
constructor recurse once per level: a blueprint (or mapping file) nested 5,000
deep raised RecursionError, a 500 on the settings page. `check_shape` walks the
events first, in constant stack, and refuses a document deeper than `MAX_DEPTH`
or with more than `max_nodes` values, naming the line.
"""

from __future__ import annotations

import yaml

#: No belofte document nests deeper than a dozen levels; this leaves room.
MAX_DEPTH = 64


class ShapeProblem(Exception):
    """Why a YAML text is refused, and on which line (1-based)."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def check_shape(text: str, max_nodes: int, max_depth: int = MAX_DEPTH) -> None:
    """Raise ShapeProblem if `text` nests deeper than `max_depth` or is too large.

    Syntax errors are left to the real parse, which reports them with context.
    """
    depth = nodes = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > max_depth:
                    raise ShapeProblem(
                        _line(event),
                        f"nested deeper than {max_depth} levels",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.NodeEvent):
                nodes += 1
                if nodes > max_nodes:
                    raise ShapeProblem(
                        _line(event), f"document too large (over {max_nodes} values)"
                    )
    except yaml.YAMLError:
        return


def _line(event: yaml.Event) -> int:
    mark = event.start_mark
    return mark.line + 1 if mark is not None else 1
