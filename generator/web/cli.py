"""«prikaz serve» and «prikaz user add»: the workspace's commands (cli.py only registers them)."""

from __future__ import annotations

import argparse
import ipaddress
import sys
from pathlib import Path
from typing import Any

from ..errors import ConfigError

LOCAL_HOSTS = ("127.0.0.1", "::1", "localhost")


def add_commands(sub: Any) -> argparse.ArgumentParser:
    """«serve» and «user»; the parser of «serve» (the CLI adds the options it shares)."""
    sv: argparse.ArgumentParser = sub.add_parser("serve", help="рабочее место в браузере (по умолчанию http://127.0.0.1:8000)")
    sv.add_argument("--host", default="127.0.0.1", help="адрес (по умолчанию 127.0.0.1; другой — только "
                    "когда заведены пользователи: prikaz user add)")
    sv.add_argument("--port", type=int, default=8000, help="порт (по умолчанию 8000)")
    sv.add_argument("--out", type=Path, help="папка результатов prikaz build (для состояния органов; "
                    "по умолчанию out/ рядом с папкой органов)")
    us = sub.add_parser("user", help="пользователи рабочего места (.prikaz/ рядом с папкой органов)")
    verbs = us.add_subparsers(dest="verb", required=True, metavar="ДЕЙСТВИЕ")
    add = verbs.add_parser("add", help="добавить или заменить пользователя; пароль читается со стандартного ввода")
    add.add_argument("name", metavar="ИМЯ")
    add.add_argument("--role", required=True, choices=("admin", "editor", "reader"),
                     help="admin — всё; editor — правка своих органов; reader — просмотр и скачивание")
    add.add_argument("--agency", action="append", default=[], metavar="ОРГАН",
                     help="орган редактора или читателя (можно несколько раз)")
    rm = verbs.add_parser("remove", help="удалить пользователя")
    rm.add_argument("name", metavar="ИМЯ")
    verbs.add_parser("list", help="перечислить пользователей")
    return sv


def is_local(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def run(args: argparse.Namespace) -> int:
    return serve(args) if args.command == "serve" else user(args)


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from ..writers.typst import typesetter
    from .app import create_app
    from .storage import Storage, state_dir

    if not args.agencies.is_dir():
        raise ConfigError(f"--agencies {args.agencies}: нет такой папки")
    if not Storage(state_dir(args.agencies)).has_users() and not is_local(args.host):
        raise ConfigError(f"--host {args.host}: без пользователей рабочее место открывается только на этом "
                          "компьютере (127.0.0.1); для отдела сначала заведите пользователей: "
                          "prikaz user add ИМЯ --role admin")
    typesetter.default_limit(getattr(args, "pdf_timeout", typesetter.DEFAULT_LIMIT))
    app = create_app(args.agencies, out=args.out)
    print(f"рабочее место: http://{args.host}:{args.port}/ (остановить — Ctrl-C)", file=sys.stderr)
    # behind a reverse proxy on this machine, X-Forwarded-Proto and -For are trusted (uvicorn's default):
    # the session cookie gets Secure under HTTPS and throttling sees the real address
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", proxy_headers=True,
                forwarded_allow_ips="127.0.0.1")
    return 0


def user(args: argparse.Namespace) -> int:
    from .storage import Storage, state_dir
    from .users import add_user

    if not args.agencies.is_dir():
        raise ConfigError(f"--agencies {args.agencies}: нет такой папки")
    storage = Storage(state_dir(args.agencies))
    if args.verb == "list":
        for u in storage.users():
            print(f"{u.name:24} {u.role:7} {' '.join(u.agencies)}")
        return 0
    if args.verb == "remove":
        if storage.user(args.name) is None:
            raise ConfigError(f"нет пользователя «{args.name}»")
        storage.delete_user(args.name)
        print(f"✓ удалён пользователь {args.name}")
        return 0
    password = sys.stdin.readline().rstrip("\r\n")
    add_user(storage, args.agencies, args.name, args.role, args.agency, password)
    print(f"✓ пользователь {args.name} ({args.role}) записан в {storage.path}")
    return 0
