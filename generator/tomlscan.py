"""Where a TOML text goes wrong when the parser cannot say: the line of an array or an
inline table that is never closed, the line where nesting gets too deep, the line of a
byte that is not UTF-8."""

from __future__ import annotations

MAX_DEPTH = 100  # far beyond any config; tomllib runs out of stack at a few hundred


def _skip_string(text: str, i: int, line: int) -> tuple[int, int]:
    """The position after the string that starts at ``i``, and the line it ends on."""
    n = len(text)
    quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else text[i]
    i += len(quote)
    while i < n and not text.startswith(quote, i):
        if text[i] == "\\" and quote[0] == '"':
            i += 1
        elif text[i] == "\n":
            if len(quote) == 1:
                break  # an unterminated one-line string: the parser reports it
            line += 1
        i += 1
    return i + (len(quote) if i < n and text.startswith(quote, i) else 0), line


def _brackets(text: str) -> tuple[list[int], int | None]:
    """Lines of the brackets still open at the end, and the line where nesting first passes
    ``MAX_DEPTH`` (strings and comments skipped; table headers are closed on their line)."""
    stack: list[int] = []
    deep: int | None = None
    line, i, n = 1, 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
            continue
        if c in "\"'":
            i, line = _skip_string(text, i, line)
            continue
        if c == "\n":
            line += 1
        elif c in "[{":
            stack.append(line)
            deep = line if deep is None and len(stack) > MAX_DEPTH else deep
        elif c in "]}" and stack:
            stack.pop()
        i += 1
    return stack, deep


def unclosed_line(text: str) -> int | None:
    """The line of the outermost bracket left open at the end of the text."""
    stack, _ = _brackets(text)
    return stack[0] if stack else None


def too_deep_line(text: str) -> int | None:
    return _brackets(text)[1]


def bad_byte(raw: bytes, start: int) -> tuple[int, int]:
    """(line, column) of the byte at ``start``."""
    line = raw.count(b"\n", 0, start) + 1
    return line, start - (raw.rfind(b"\n", 0, start) + 1) + 1
