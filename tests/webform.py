"""What a browser would submit for a form of a page: its inputs, checked boxes, selected
options and text areas (the HTTP tests of the workspace fill forms through this)."""

from __future__ import annotations

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.inside = False
        self.fields: list[tuple[str, str]] = []
        self.buttons: list[tuple[str, str]] = []
        self._text: tuple[str, list[str]] | None = None
        self._select: str | None = None
        self._options: list[tuple[str, bool]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and a.get("action") == self.action and not self.fields:
            self.inside = True
        if not self.inside:
            return
        if tag == "input" and "name" in a:
            kind = a.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind != "file":
                self.fields.append((a["name"], a.get("value", "")))
        elif tag == "button" and "name" in a:
            self.buttons.append((a["name"], a.get("value", "")))
        elif tag == "textarea":
            self._text = (a["name"], [])
        elif tag == "select":
            self._select, self._options = a["name"], []
        elif tag == "option" and self._select is not None:
            self._options.append((a.get("value", ""), "selected" in a))

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if not self.inside:
            return
        if tag == "textarea" and self._text is not None:
            text = "".join(self._text[1])
            self.fields.append((self._text[0], text[1:] if text.startswith("\n") else text))
            self._text = None
        elif tag == "select" and self._select is not None:
            chosen = [v for v, s in self._options if s] or [v for v, _ in self._options[:1]]
            self.fields.extend((self._select, v) for v in chosen)
            self._select = None
        elif tag == "form":
            self.inside = False


def form_fields(html: str, action: str) -> list[tuple[str, str]]:
    parser = _Forms(action)
    parser.feed(html)
    assert parser.fields, f"no form with action {action}"
    return parser.fields


def replace(fields: list[tuple[str, str]], name: str, value: str) -> list[tuple[str, str]]:
    assert any(k == name for k, _ in fields), f"no field {name}"
    return [(k, value if k == name else v) for k, v in fields]


def as_data(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    """The fields as the HTTP client takes a form: each name with its values in order."""
    out: dict[str, list[str]] = {}
    for k, v in fields:
        out.setdefault(k, []).append(v)
    return out
