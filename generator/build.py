"""Build: every agency config → out/<slug>/ (DOCX, PDF, text), with safe writes.

Outputs are written to temporary files and renamed into place, so a failed build leaves
the previous outputs untouched; one body's failure does not stop the others.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .compose import compose
from .config import AgencyConfig, load_agency, locate, parse_key
from .errors import Diagnostic, PrikazError
from .tree import Document
from .writers import docx as docx_writer
from .writers import pdf as pdf_writer
from .writers import text as text_writer


@dataclass
class Result:
    slug: str
    outputs: list[Path] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


def locate_diagnostics(error: PrikazError, path: Path) -> PrikazError:
    """Give the diagnostics of a composed document the agency file and the line of their key
    (or of the reference they name)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return error
    located = []
    for d in error.diagnostics:
        if d.path is not None:
            located.append(d)
            continue
        line = locate(text, parse_key(d.key)) if d.key else None
        if line is None and d.key:
            for needle in (f"{{ref:{d.key}}}", f"{{app:{d.key}", f"[{d.key}]", f'"{d.key}"'):
                idx = text.find(needle)
                if idx >= 0:
                    line = text.count("\n", 0, idx) + 1
                    break
        located.append(Diagnostic(path, line, d.key, d.message))
    error.diagnostics = located
    return error


def compose_located(cfg: AgencyConfig, slug: str, path: Path, draft: bool = False) -> Document:
    try:
        return compose(cfg, slug, draft=draft)
    except PrikazError as e:
        raise locate_diagnostics(e, path) from None


def agency_slugs(agencies: Path) -> list[str]:
    return sorted(p.stem for p in agencies.glob("*.toml"))


def output_name(doc: Document) -> str:
    return "prikaz" if doc.kind == "order" else "poryadok"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build(agencies: Path, out: Path, slugs: list[str] | None = None, pdf: bool = True,
          draft: bool = False) -> list[Result]:
    """Build the named bodies (all when none) into ``out/<slug>/`` (drafts into ``out/<slug>/draft/``)."""
    slugs = slugs or agency_slugs(agencies)
    results: list[Result] = []
    staged: list[tuple[Result, Document, bytes, str]] = []
    for slug in slugs:
        res = Result(slug)
        results.append(res)
        path = agencies / f"{slug}.toml"
        if not path.exists():
            res.error = f"нет файла {path}"
            continue
        try:
            cfg = load_agency(path)
            doc = compose_located(cfg, slug, path, draft=draft)
            res.warnings = [str(w) for w in cfg.warnings] + [f"{path}: {w}" for w in doc.warnings]
            staged.append((res, doc, docx_writer.build(doc), text_writer.render(doc)))
        except PrikazError as e:
            res.error = str(e)
    pdfs: dict[Path, Path] = {}
    workdir = Path(tempfile.mkdtemp(prefix="prikaz-build-"))
    try:
        sources = {}
        if pdf and staged:
            for res, _doc, data, _md in staged:
                src = workdir / f"{res.slug}.docx"
                src.write_bytes(data)
                sources[res.slug] = src
            try:
                pdfs = pdf_writer.convert(list(sources.values()), workdir / "pdf")
            except PrikazError as e:
                for res, *_ in staged:
                    res.error = str(e)
                return results
        for res, doc, data, md in staged:
            base = out / res.slug / ("draft" if draft else "") / output_name(doc)
            write_atomic(base.with_suffix(".docx"), data)
            write_atomic(base.with_suffix(".md"), md.encode("utf-8"))
            res.outputs += [base.with_suffix(".docx"), base.with_suffix(".md")]
            if pdf:
                final = pdf_writer.finalise(pdfs[sources[res.slug]].read_bytes(), doc.date)
                write_atomic(base.with_suffix(".pdf"), final)
                res.outputs.append(base.with_suffix(".pdf"))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return results
