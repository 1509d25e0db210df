"""Faults, bounded in count and time: a build killed at random moments, a full disk, a hung
PDF engine, Ctrl-C, two builds at once. After each: nothing torn (every output whole),
nothing stale (the next build gives the bytes of a clean build), nothing left running."""

from __future__ import annotations

import errno
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.build import build
from generator.cli import main

from .conftest import AGENCIES, ROOT
from .test_hardening import HANG, alive, fake_soffice

pytestmark = pytest.mark.slow
BODIES = ["murmansk-tourism", "altai-zags", "model", "kaliningrad-gostekhnadzor"]
KILLS = 8  # kill -9 at this many random moments
SEED = 14


def _interrupt(proc: subprocess.Popen[str], how: str) -> None:
    """kill -9 or Ctrl-C; after Ctrl-C the build says so with exit code 130, no traceback."""
    if how == "kill-9":
        proc.kill()
    else:
        proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=60)
    if how == "ctrl-c":
        assert proc.returncode == 130, err
        assert "Traceback" not in err


def _until_gone(still_running: Callable[[], list[Any]]) -> None:
    """What the build started is gone within 10 s."""
    deadline = time.monotonic() + 10
    while still_running() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert still_running() == []

def _cli(ag: Path, out: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "generator.cli", "--agencies", str(ag), "build", "--out", str(out), *extra]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _outputs(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.name != ".prikaz-manifest.json"}


def _whole(out: Path) -> None:
    """Every DOCX is a whole zip, every text ends as the writer ends it, no temporary file."""
    for p in out.rglob("*.docx"):
        with zipfile.ZipFile(p) as z:
            assert z.testzip() is None, p
    for p in out.rglob("*.md"):
        assert p.read_bytes().endswith(b"\n"), p
    assert not [p for p in out.rglob("*.tmp")]


def _descendants_of_marker(marker: str) -> list[int]:
    """Processes whose command line names ``marker`` (a temp folder unique to the test)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker in cmd and state != "Z" and int(pid) != os.getpid():
            found.append(int(pid))
    return found


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("reference")
    build(AGENCIES, out, BODIES, pdf=False)
    return _outputs(out)


def test_kill_9_at_random_moments(reference: dict[str, bytes], tmp_path: Path) -> None:
    rng = random.Random(SEED)
    out = tmp_path / "out"
    # first the time a whole build takes, then kills spread over it
    start = time.monotonic()
    subprocess.run(_cli(AGENCIES, out, "--no-pdf", "--force", "--workers", "2", *BODIES), env=_env(), check=True,
                   capture_output=True, timeout=120)
    whole = time.monotonic() - start
    for _ in range(KILLS):
        proc = subprocess.Popen(_cli(AGENCIES, out, "--no-pdf", "--force", "--workers", "2", *BODIES), env=_env(),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.05, whole))
        proc.kill()
        proc.wait()
        time.sleep(0.3)
        assert _descendants_of_marker(str(out)) == []  # the workers died with it
        _whole_or_leftovers(out)
    subprocess.run(_cli(AGENCIES, out, "--no-pdf", *BODIES), env=_env(), check=True, capture_output=True,
                   timeout=120)
    _whole(out)
    assert _outputs(out) == reference


def _whole_or_leftovers(out: Path) -> None:
    """After a kill: whole outputs; temporary files may stay until the next build."""
    for p in out.rglob("*.docx"):
        with zipfile.ZipFile(p) as z:
            assert z.testzip() is None, p


def test_leftover_temporary_files_are_cleaned_by_the_next_build(tmp_path: Path) -> None:
    out = tmp_path / "out"
    build(AGENCIES, out, ["model"], pdf=False)
    (out / "model" / ".poryadok.docx.abc123.tmp").write_bytes(b"torn")
    (out / ".manifest.x.tmp").write_bytes(b"torn")
    orphan = Path(os.environ.get("TMPDIR", "/tmp")) / "prikaz-build-999999999-test"
    orphan.mkdir(exist_ok=True)
    build(AGENCIES, out, ["model"], pdf=False)
    assert not list(out.rglob("*.tmp"))
    assert not orphan.exists()


def _fill_tmpfs(mount: Path, size_kb: int) -> bool:
    mount.mkdir()
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_kb}k", "tmpfs", str(mount)],
                          capture_output=True, check=False)
    return proc.returncode == 0


def test_disk_full_in_out(reference: dict[str, bytes], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                          capsys: pytest.CaptureFixture[str]) -> None:
    """A small tmpfs when this machine lets us mount one, else ENOSPC from every write."""
    mount = tmp_path / "disk"
    mounted = _fill_tmpfs(mount, 200)
    out = mount / "out" if mounted else tmp_path / "out"
    try:
        assert main(["--agencies", str(AGENCIES), "build", "--no-pdf", "--out", str(out), "model"]) == 0
        before = _outputs(out)
        if mounted:  # fill what is left
            with open(mount / "filler", "wb") as f, pytest.raises(OSError):
                while True:
                    f.write(b"\0" * 65536)
                    f.flush()
        else:
            def full(*_a: object, **_k: object) -> object:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
            monkeypatch.setattr("generator.build.os.fchmod", full)
        capsys.readouterr()
        code = main(["--agencies", str(AGENCIES), "build", "--no-pdf", "--force", "--out", str(out), "model"])
        err = capsys.readouterr().err
        assert code == 5, err
        assert "нет места на диске" in err and "Traceback" not in err
        assert _outputs(out) == before
        assert not list(out.rglob("*.tmp"))
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], check=False)


def test_tmpdir_unusable_for_the_pdf_step(tmp_path: Path) -> None:
    env = {**fake_soffice(tmp_path / "bin", "exit 0"), "TMPDIR": str(tmp_path / "no-such-dir")}
    out = tmp_path / "out"
    proc = subprocess.run(_cli(AGENCIES, out, "--pdf-engine", "libreoffice", "model"), env=env, capture_output=True,
                          text=True, timeout=120, check=False)
    assert proc.returncode == 4, proc.stderr
    assert "PDF не создан" in proc.stderr and "Traceback" not in proc.stderr
    assert (out / "model" / "poryadok.md").is_file()


@pytest.mark.parametrize("how", ["kill-9", "ctrl-c"])
def test_a_dying_build_takes_its_pdf_engine_with_it(how: str, tmp_path: Path) -> None:
    env = fake_soffice(tmp_path / "bin", HANG)
    out = tmp_path / "out"
    proc = subprocess.Popen(_cli(AGENCIES, out, "--pdf-engine", "libreoffice", "--workers", "2", "model",
                                 "murmansk-tourism"), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while len(alive(tmp_path / "bin" / "pids")) < 4 and time.monotonic() < deadline:  # two shells, two sleeps
        time.sleep(0.1)
    assert len(alive(tmp_path / "bin" / "pids")) == 4
    _interrupt(proc, how)
    _until_gone(lambda: alive(tmp_path / "bin" / "pids"))
    assert _descendants_of_marker(str(out)) == []


def test_two_builds_at_once_never_interleave(tmp_path: Path) -> None:
    """Two sets of configs that differ in the order's number build into one out/ at once;
    afterwards a build of either reports «актуально» only when out/ holds its own text."""
    ags = {}
    for number in ("21", "99"):
        ag = tmp_path / f"agencies-{number}"
        shutil.copytree(AGENCIES, ag, ignore=shutil.ignore_patterns("*.editions"))
        path = ag / "murmansk-tourism.toml"
        path.write_text(path.read_text(encoding="utf-8").replace('number = "21"', f'number = "{number}"'),
                        encoding="utf-8")
        ags[number] = ag
    out = tmp_path / "out"
    for _ in range(4):
        procs = [subprocess.Popen(_cli(ags[n], out, "--no-pdf", "murmansk-tourism", "model"), env=_env(),
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for n in ("21", "99")]
        for p in procs:
            _o, e = p.communicate(timeout=120)
            assert p.returncode == 0, e
        _whole(out)
        for number in ("21", "99"):
            res = build(ags[number], out, ["murmansk-tourism"], pdf=False)[0]
            md = (out / "murmansk-tourism" / "prikaz.md").read_text(encoding="utf-8")
            assert f"№\u00a0{number}" in md or f"№ {number}" in md, (number, res.up_to_date)


# --- a Typst compile that never returns (PRIKAZ_FAULTS, generator/faults.py) ------------------

LIMIT = "2"  # seconds: --pdf-timeout of the hang tests


def _marked_env(tmp_path: Path, faults: str) -> tuple[dict[str, str], str]:
    """The environment of a command whose Typst compiles hang as ``faults`` says, and a marker
    every process it starts inherits (found in /proc/<pid>/environ however it was started)."""
    marker = f"PRIKAZ_TEST_MARKER={tmp_path.name}-{os.getpid()}"
    name, value = marker.split("=", 1)
    return {**_env(), "PRIKAZ_FAULTS": faults, name: value}, marker


def _marked(marker: str) -> list[int]:
    """Live processes (not zombies) that carry ``marker`` in their environment."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if marker.encode() in environ and state != "Z":
            found.append(int(pid))
    return found


def _run_marked(args: list[str], env: dict[str, str], marker: str) -> subprocess.CompletedProcess[str]:
    """Run a command; afterwards nothing it started may be left running."""
    start = time.monotonic()
    proc = subprocess.run(args, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert time.monotonic() - start < 60, "the time limit did not stop the hung compile"
    deadline = time.monotonic() + 5
    while _marked(marker) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert _marked(marker) == [], "a worker or the typesetter outlived the command"
    return proc


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_hung_typst_compile_is_stopped_at_the_limit(workers: str, tmp_path: Path) -> None:
    """One body's compile hangs: its PDF fails with the limit named, its DOCX and text are
    written, an old PDF of another text is gone, the other body gets its PDF, exit code 4,
    nothing left running — in one process and with workers."""
    out = tmp_path / "out"
    (out / "altai-zags").mkdir(parents=True)
    (out / "altai-zags" / "prikaz.pdf").write_bytes(b"%PDF of an older text")
    env, marker = _marked_env(tmp_path, "typst-hang:altai-zags")
    proc = _run_marked(_cli(AGENCIES, out, "--pdf-timeout", LIMIT, "--workers", workers, "altai-zags", "model"),
                       env, marker)
    assert proc.returncode == 4, proc.stderr
    assert ("✗ altai-zags: DOCX и текст записаны, PDF не создан: Typst не набрал PDF за 2 с и остановлен; "
            "если документ просто большой, увеличьте предел: --pdf-timeout СЕКУНДЫ") in proc.stderr
    assert "Traceback" not in proc.stderr
    assert "с ошибками    1: altai-zags" in proc.stdout
    assert {p.name for p in (out / "altai-zags").iterdir()} == {"prikaz.docx", "prikaz.md"}
    pdf = (out / "model" / "poryadok.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and pdf.rstrip().endswith(b"%%EOF")
    _whole(out)
    # the next build without the fault makes the missing PDF (the failed body is not «актуален»)
    env.pop("PRIKAZ_FAULTS")
    proc = _run_marked(_cli(AGENCIES, out, "--workers", workers, "altai-zags", "model"), env, marker)
    assert proc.returncode == 0, proc.stderr
    assert (out / "altai-zags" / "prikaz.pdf").read_bytes().startswith(b"%PDF-")
    assert "актуально     1" in proc.stdout


def test_a_hung_typst_compile_of_amend_is_stopped(tmp_path: Path) -> None:
    ag = tmp_path / "agencies"
    shutil.copytree(AGENCIES, ag, ignore=shutil.ignore_patterns("*.editions"))
    assert main(["--agencies", str(ag), "sign", "murmansk-tourism", "--date", "2024-02-28", "--number", "21"]) == 0
    path = ag / "murmansk-tourism.toml"
    path.write_text(path.read_text(encoding="utf-8") + '\n[[procedure.overrides]]\naction = "text"\nid = "directive"\n'
                    'text = "Если точка взаимодействия используется на основании поручения руководителя, она также '
                    'включается в Перечень."\n', encoding="utf-8")
    out = tmp_path / "out"
    env, marker = _marked_env(tmp_path, "typst-hang")
    proc = _run_marked([sys.executable, "-m", "generator.cli", "--agencies", str(ag), "amend", "murmansk-tourism",
                        "--date", "2025-03-01", "--number", "5", "--out", str(out), "--pdf-timeout", LIMIT],
                       env, marker)
    folder = out / "murmansk-tourism" / "amendments" / "2025-03-01-5"
    assert proc.returncode == 4, proc.stderr
    assert (f"Ошибка: DOCX и текст записаны в {folder}, PDF не создан: Typst не набрал PDF за 2 с и остановлен"
            in proc.stderr)
    assert "Traceback" not in proc.stderr
    assert {p.name for p in folder.iterdir()} == {"izmeneniya.docx", "izmeneniya.md", "sravnenie.docx",
                                                   "sravnenie.md"}


def test_a_hung_typst_compile_of_preview_is_stopped(tmp_path: Path) -> None:
    out = tmp_path / "out"
    env, marker = _marked_env(tmp_path, "typst-hang:model")
    proc = _run_marked([sys.executable, "-m", "generator.cli", "--agencies", str(AGENCIES), "preview", "model",
                        "kaliningrad-gostekhnadzor", "--out", str(out), "--pdf-timeout", LIMIT], env, marker)
    assert proc.returncode == 4, proc.stderr
    assert ("✗ model: Typst не набрал страницы превью за 2 с и остановлен; если документ просто большой, "
            "увеличьте предел: --pdf-timeout СЕКУНДЫ") in proc.stderr
    assert "Traceback" not in proc.stderr
    assert not (out / "model").exists()
    assert (out / "kaliningrad-gostekhnadzor" / "preview" / "prikaz-01.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize(("workers", "how"), [("1", "kill-9"), ("1", "ctrl-c"), ("2", "kill-9"), ("2", "ctrl-c")])
def test_a_build_dying_in_a_hung_compile_takes_its_typesetters_with_it(workers: str, how: str,
                                                                       tmp_path: Path) -> None:
    out = tmp_path / "out"
    env, marker = _marked_env(tmp_path, "typst-hang")
    proc = subprocess.Popen(_cli(AGENCIES, out, "--workers", workers, "model", "kaliningrad-gostekhnadzor"), env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    running = 2 if workers == "1" else 5  # the build (and its workers) and a typesetter each
    deadline = time.monotonic() + 60
    while len(_marked(marker)) < running and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(_marked(marker)) == running
    time.sleep(1)  # the compiles are under way, and hang
    _interrupt(proc, how)
    _until_gone(lambda: _marked(marker))
    assert not [p for p in out.rglob("*.pdf")]


def _endless_compile() -> bytes:
    """In the typesetter: a real compile that would run for hours (a loop in Typst's own
    interpreter, in Rust, deaf to every signal but SIGKILL)."""
    import datetime as dt

    from generator.writers.typst import compiler
    from generator.writers.typst.fonts import font_folder

    _family, fonts = font_folder("Times New Roman")
    return compiler.pdf("#for i in range(100000) { for j in range(100000) { } }\n", dt.date(2025, 1, 1), fonts)


def test_a_compile_busy_in_rust_is_killed_and_the_next_document_typesets() -> None:
    from generator.compose import compose
    from generator.config import load_agency
    from generator.errors import ConversionError
    from generator.writers import PDF
    from generator.writers.typst import typesetter

    start = time.monotonic()
    with typesetter.time_limit(1), pytest.raises(ConversionError, match="Typst не набрал PDF за 1 с и остановлен"):
        typesetter.run(_endless_compile)
    assert time.monotonic() - start < 30
    doc = compose(load_agency(AGENCIES / "model.toml"), "model")
    assert PDF.write(doc).startswith(b"%PDF-")  # a fresh typesetter


M = "murmansk-tourism"


# --- a read-only --out (root is not denied by chmod: a tmpfs mounted read-only) --------------

def _read_only(mount: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``mount`` read-only: remounted so when this machine lets us mount, else every
    temporary file and folder made there fails with EROFS."""
    if subprocess.run(["mount", "-o", "remount,ro", str(mount)], capture_output=True, check=False).returncode == 0:
        return
    import tempfile

    real_mkstemp, real_mkdir = tempfile.mkstemp, Path.mkdir

    def erofs(name: object) -> OSError:
        return OSError(errno.EROFS, os.strerror(errno.EROFS), str(name))

    def mkstemp(*a: object, dir: object = None, **k: object) -> object:
        if dir is not None and Path(str(dir)).is_relative_to(mount):
            raise erofs(Path(str(dir)) / "x.tmp")
        return real_mkstemp(*a, dir=dir, **k)  # type: ignore[call-overload]

    def mkdir(self: Path, *a: object, **k: object) -> None:
        if self.is_relative_to(mount) and not self.is_dir():
            raise erofs(self)
        real_mkdir(self, *a, **k)  # type: ignore[arg-type]

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(Path, "mkdir", mkdir)


def test_a_read_only_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """build, amend and preview into a read-only --out: a Russian message naming the file or
    folder, exit code 5, no traceback, the previous outputs untouched."""
    ag = tmp_path / "agencies"
    shutil.copytree(AGENCIES, ag, ignore=shutil.ignore_patterns("*.editions"))
    assert main(["--agencies", str(ag), "sign", M, "--date", "2024-02-28", "--number", "21"]) == 0
    path = ag / f"{M}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("в Перечень", "в перечень"), encoding="utf-8")
    mount = tmp_path / "disk"
    mounted = _fill_tmpfs(mount, 4096)
    out = mount / "out"
    try:
        assert main(["--agencies", str(ag), "build", "--no-pdf", "--out", str(out), M]) == 0
        before = _outputs(out)
        _read_only(mount, monkeypatch)
        capsys.readouterr()
        ro = "файловая система только для чтения"
        runs = [(["build", "--no-pdf", "--force", "--out", str(out), M],
                 f"✗ {M}: не удалось записать {out}/{M}/prikaz.docx: {ro}"),
                (["build", "--no-pdf", "--out", str(mount / "new"), M],
                 f"Ошибка: не удалось создать или открыть папку {mount / 'new'}: {ro}"),
                (["amend", M, "--date", "2025-03-01", "--number", "5", "--no-pdf", "--out", str(out)],
                 f"Ошибка: не удалось записать {out}/{M}/amendments"),  # the first folder it could not make
                (["preview", M, "--out", str(out)], f"✗ {M}: не удалось записать {out}/{M}/preview: {ro}")]
        for args, message in runs:
            code = main(["--agencies", str(ag), *args])
            err = capsys.readouterr().err
            assert code == 5, (args, err)
            assert message in err and ro in err and "Traceback" not in err, (args, err)
            assert "Read-only" not in err  # never the OS's English words
        assert _outputs(out) == before
        assert not list(out.rglob("*.tmp"))
    finally:
        if mounted:
            subprocess.run(["umount", str(mount)], check=False)


def test_a_typesetter_that_dies_fails_only_its_document() -> None:
    from generator.errors import ConversionError
    from generator.writers.typst import typesetter

    with pytest.raises(ConversionError, match=r"Typst аварийно завершился, набирая PDF \(код 3\)"):
        typesetter.run(os._exit, 3)
    assert typesetter.run(_two_plus_two) == 4  # the next document, in a fresh typesetter


def _two_plus_two() -> int:
    return 2 + 2
