"""argparse in Russian: its usage line, section titles, the help option and every error
message, the wrong value quoted «…» and, for a misspelt command or choice, the closest
one offered («вы имели в виду …?»).

argparse words its messages through gettext (``argparse._``); the translations below are
that catalogue for the messages a user of ``prikaz`` can meet."""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

from .hints import suggestion

MESSAGES = {
    "usage: ": "использование: ",
    "positional arguments": "аргументы",
    "options": "параметры",
    "optional arguments": "параметры",
    "show this help message and exit": "показать эту справку и выйти",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "unrecognized arguments: %s": "неизвестные аргументы: %s",
    "the following arguments are required: %s": "не хватает аргументов: %s",
    "one of the arguments %s is required": "нужен один из аргументов: %s",
    "not allowed with argument %s": "нельзя указывать вместе с %s",
    "ignored explicit argument %r": "лишнее значение «%s»",
    "expected one argument": "нужно значение",
    "expected at most one argument": "нужно не больше одного значения",
    "expected at least one argument": "нужно хотя бы одно значение",
    "ambiguous option: %(option)s could match %(matches)s": "неоднозначный параметр %(option)s: подходят %(matches)s",
    "unexpected option string: %s": "неожиданный параметр %s",
    "invalid %(type)s value: %(value)r": "недопустимое значение «%(value)s»",
    "invalid choice: %(value)r (choose from %(choices)s)": "недопустимое значение «%(value)s»; допустимы: %(choices)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: ошибка: %(message)s\n",
    "can't open '%(filename)s': %(error)s": "не удалось открыть «%(filename)s»: %(error)s",
}


def translate(message: str) -> str:
    return MESSAGES.get(message, message)


def install() -> None:
    """Every message argparse words goes through the Russian catalogue."""
    argparse._ = translate  # type: ignore[attr-defined]


_QUOTED = re.compile(r"'([^']*)'")


class Parser(argparse.ArgumentParser):
    """A parser that speaks Russian; an error ends with exit code 2 (as argparse's)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        install()
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        message = _QUOTED.sub(r"«\1»", message)
        m = re.search(r"недопустимое значение «([^»]*)»; допустимы: (.*)$", message)
        if m:
            message += suggestion(m.group(1), re.findall(r"«([^»]*)»", m.group(2)))
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: ошибка: {message}\n")
