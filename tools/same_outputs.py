"""Check that a change leaves every output byte-identical: the DOCX and the Markdown of the
seed bodies (plain and draft), of synthetic bodies as ``make bench`` makes them, and of the
amendment scenarios of tests/test_amendments.py (original, amending orders, redlines,
consolidated texts) are built here and at a git revision, and their hashes compared.

Usage: ``.venv/bin/python tools/same_outputs.py [REVISION] [BODIES]`` (by default the
branch's merge base with main, and 20 bodies).
Exit code 0 when every output is the same, 1 otherwise. For speed work: what a
refactoring of the writers or the passes must not change.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def write_bodies(folder: Path, bodies: int) -> None:
    """Synthetic bodies as ``make bench`` makes them (this tree's generator of them)."""
    import tomli_w
    from bench import synthetic_config

    rng = random.Random(20241122)
    for i in range(bodies):
        (folder / f"body-{i:04d}.toml").write_text(tomli_w.dumps(synthetic_config(i, rng)), encoding="utf-8")


def _seeds_and_bodies(root: Path, bodies: Path, work: Path) -> dict[str, str]:
    from generator.compose import compose
    from generator.config import load_agency
    from generator.writers import docx
    from generator.writers.text import render

    out: dict[str, str] = {}
    agencies = work / "agencies"
    shutil.copytree(root / "agencies" / "regions", agencies / "regions")
    paths = sorted((root / "agencies").glob("*.toml"))
    for body in sorted(bodies.glob("*.toml")):
        paths.append(Path(shutil.copy(body, agencies)))
    for path in paths:
        cfg = load_agency(path)
        for draft in (False, True) if path.parent == root / "agencies" else (False,):
            doc = compose(cfg, path.stem, draft=draft)
            key = f"{path.stem}{'-draft' if draft else ''}"
            out[f"{key}.docx"], out[f"{key}.md"] = _hash(docx.build(doc)), _hash(render(doc).encode())
    return out


def _amendments(root: Path, work: Path) -> dict[str, str]:
    from generator.build import build
    from generator.signing import amend, sign
    from tests.test_amendments import SCENARIOS, _apply, sign_original

    out: dict[str, str] = {}
    for scenario, (slug, steps) in sorted(SCENARIOS.items()):
        agencies, target = work / scenario / "agencies", work / scenario / "out"
        shutil.copytree(root / "agencies", agencies)
        sign_original(agencies, slug)
        build(agencies, target, [slug], pdf=False)
        for step in steps:
            _apply(agencies / f"{slug}.toml", step, scenario)
            date = dt.date.fromisoformat(step.date)
            amend(agencies, target, slug, date, step.number, pdf=False)
            sign(agencies, slug, date, step.number)
        build(agencies, target, [slug], pdf=False)
        for f in sorted(target.rglob("*")):
            if f.suffix in (".docx", ".md"):
                out[f"{scenario}/{f.relative_to(target)}"] = _hash(f.read_bytes())
    return out


def hashes(root: Path, bodies: Path) -> dict[str, str]:
    """Every output of the tree at ``root`` (its code imported from there), by name."""
    sys.path.insert(0, str(root))
    with tempfile.TemporaryDirectory() as tmp:
        return _seeds_and_bodies(root, bodies, Path(tmp)) | _amendments(root, Path(tmp))


def _at_revision(revision: str, bodies: Path) -> dict[str, str]:
    """The outputs of ``revision``, built by this script in a copy of that tree."""
    with tempfile.TemporaryDirectory() as tmp:
        archive = subprocess.run(["git", "archive", revision], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", tmp], input=archive, check=True)
        shutil.copy(__file__, Path(tmp) / "tools" / "same_outputs.py")
        result = subprocess.run([sys.executable, str(Path(tmp) / "tools" / "same_outputs.py"), "--hashes", str(bodies)],
                                cwd=tmp, capture_output=True, text=True)
        if result.returncode:
            sys.exit(f"не удалось собрать документы ревизии {revision}:\n{result.stderr.strip()[-2000:]}")
        return dict(json.loads(result.stdout))


def main(argv: list[str]) -> int:
    if argv[:1] == ["--hashes"]:
        print(json.dumps(hashes(ROOT, Path(argv[1]))))
        return 0
    revision = argv[0] if argv else subprocess.run(["git", "merge-base", "HEAD", "main"], cwd=ROOT, text=True,
                                                   capture_output=True, check=True).stdout.strip()
    with tempfile.TemporaryDirectory() as tmp:
        write_bodies(Path(tmp), int(argv[1]) if len(argv) > 1 else 20)
        before, after = _at_revision(revision, Path(tmp)), hashes(ROOT, Path(tmp))
    differ = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    for name in differ:
        print(f"отличается: {name}")
    verdict = f"{len(differ)} отличаются" if differ else "все совпадают"
    print(f"{len(after)} файлов сравнено с {revision[:12]}: {verdict}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "tools"))
    sys.exit(main(sys.argv[1:]))
