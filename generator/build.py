"""Build: every agency config → out/<slug>/ (DOCX, PDF, text), with safe writes.

Outputs are written to temporary files and renamed into place, so a failed build leaves
the previous outputs untouched; one body's failure does not stop the others.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import Diagnostic, PrikazError
from .manifest import Manifest, generator_digest, input_digest, templates_digest

if TYPE_CHECKING:
    from .config import AgencyConfig
    from .passes import FrozenNumbering
    from .tree import Document


@dataclass
class Result:
    slug: str
    outputs: list[Path] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    up_to_date: bool = False


def load_agency(path: Path) -> AgencyConfig:
    from .config import load_agency as load

    return load(path)


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
        from .config import locate, parse_key

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


def compose_located(cfg: AgencyConfig, slug: str, path: Path, draft: bool = False,
                    frozen: FrozenNumbering | None = None) -> Document:
    from .compose import compose

    try:
        return compose(cfg, slug, draft=draft, frozen=frozen)
    except PrikazError as e:
        raise locate_diagnostics(e, path) from None


def current_edition(cfg: AgencyConfig, slug: str, path: Path, agencies: Path,
                    draft: bool = False) -> tuple[Document, list[str]]:
    """The document to build: as composed, or — once an edition is signed — the consolidated
    text in the frozen numbering; with a remark when the config differs from that edition."""
    from . import edition as ed

    last = ed.last_edition(agencies, slug) if cfg.kind == "order" and not draft else None
    if last is None:
        return compose_located(cfg, slug, path, draft=draft), []
    from .signing import consolidated

    doc, cons = consolidated(cfg, slug, path, last)
    remarks = []
    if cons.edits:
        act = last.acts[-1]
        remarks.append(f"{path}: конфигурация отличается от подписанной редакции (приказ от {act.date:%d.%m.%Y} "
                       f"№ {act.number}): изменений {len(cons.edits)}; оформите их: prikaz amend {slug} "
                       "--date … --number …")
    return doc, remarks


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


# --- one worker's share: compose and write every body, then one LibreOffice batch ----------

Progress = Callable[[str, str], None]  # (slug, event): "docx" when written, "done" when finished


def build_share(agencies: Path, out: Path, slugs: list[str], pdf: bool, draft: bool,
                progress: Progress | None = None, engine: str = "typst") -> list[Result]:
    """Build some bodies in this process: the PDF typeset by Typst from the tree, or (engine
    «libreoffice») rendered from the DOCX by one LibreOffice run for all of them."""
    from .writers import pdf as pdf_writer
    from .writers import with_pdf, write_all

    typeset = pdf and engine == "typst"

    report = progress or (lambda _slug, _event: None)
    results: list[Result] = []
    staged: list[tuple[Result, Document, dict[str, bytes]]] = []
    for slug in slugs:
        res = Result(slug)
        results.append(res)
        path = agencies / f"{slug}.toml"
        if not path.exists():
            res.error = f"нет файла {path}"
            report(slug, "done")
            continue
        try:
            cfg = load_agency(path)
            doc, pending = current_edition(cfg, slug, path, agencies, draft)
            res.warnings = [str(w) for w in cfg.warnings] + [f"{path}: {w}" for w in doc.warnings] + pending
            staged.append((res, doc, write_all(doc, with_pdf(typeset))))
            report(slug, "docx")
        except PrikazError as e:
            res.error = str(e)
            report(slug, "done")
    workdir = Path(tempfile.mkdtemp(prefix="prikaz-build-"))
    try:
        pdfs: dict[Path, Path] = {}
        sources: dict[str, Path] = {}
        if pdf and not typeset and staged:
            for res, _doc, outputs in staged:
                sources[res.slug] = workdir / f"{res.slug}.docx"
                sources[res.slug].write_bytes(outputs[".docx"])
            try:
                pdfs = pdf_writer.convert(list(sources.values()), workdir / "pdf")
            except PrikazError as e:
                for res, *_ in staged:
                    res.error = str(e)
                    report(res.slug, "done")
                return results
        for res, doc, outputs in staged:
            base = out / res.slug / ("draft" if draft else "") / output_name(doc)
            for suffix, data in outputs.items():
                write_atomic(base.with_suffix(suffix), data)
                res.outputs.append(base.with_suffix(suffix))
            if pdf and not typeset:
                final = pdf_writer.finalise(pdfs[sources[res.slug]].read_bytes(), doc.date)
                write_atomic(base.with_suffix(".pdf"), final)
                res.outputs.append(base.with_suffix(".pdf"))
            report(res.slug, "done")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return results


# --- the whole build: what is up to date, shares for the workers, the manifest -------------

def _worker(args: tuple[Path, Path, list[str], bool, bool, Any, str]) -> list[Result]:
    agencies, out, slugs, pdf, draft, queue, engine = args
    return build_share(agencies, out, slugs, pdf, draft,
                       (lambda slug, event: queue.put((slug, event))) if queue is not None else None, engine)


def _context() -> Any:
    """Fork the workers, unless this process has run the Typst compiler: its Rust thread
    pool does not survive into a forked child, which would wait for it forever."""
    forkable = "fork" in multiprocessing.get_all_start_methods() and "typst" not in sys.modules
    return multiprocessing.get_context("fork" if forkable else "spawn")


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def build(agencies: Path, out: Path, slugs: list[str] | None = None, pdf: bool = True,
          draft: bool = False, force: bool = False, workers: int | None = None,
          progress: Progress | None = None, notes: list[str] | None = None,
          pdf_engine: str = "typst") -> list[Result]:
    """Build the named bodies (all when none) into ``out/<slug>/`` (drafts into
    ``out/<slug>/draft/``), redoing only what changed since the last build (``force``: all).
    As many workers as cores; the PDF by ``pdf_engine``: typst (from the tree) or libreoffice."""
    slugs = slugs or agency_slugs(agencies)
    manifest = Manifest.load(out)
    if manifest.problem and notes is not None:
        notes.append(manifest.problem)
    mode = f"pdf={pdf_engine if pdf else False};draft={draft}"
    shared = templates_digest() + generator_digest()
    results: dict[str, Result] = {}
    todo: list[str] = []
    inputs: dict[str, str] = {}
    for slug in slugs:
        path = agencies / f"{slug}.toml"
        key = f"{slug}:{mode}"
        if path.exists():
            inputs[slug] = input_digest(path, shared, mode)
            if not force and manifest.up_to_date(key, inputs[slug], out):
                results[slug] = Result(slug, up_to_date=True)
                if progress:
                    progress(slug, "up-to-date")
                continue
        todo.append(slug)
    n = max(1, min(workers or default_workers(), len(todo)))
    shares = [todo[i::n] for i in range(n)]
    built: list[Result] = []
    if n == 1:
        built = build_share(agencies, out, todo, pdf, draft, progress, pdf_engine) if todo else []
    else:
        ctx = _context()
        with ctx.Manager() as manager:
            queue = manager.Queue() if progress else None
            stop = threading.Event()

            def pump() -> None:
                while not stop.is_set() or (queue is not None and not queue.empty()):
                    try:
                        slug, event = queue.get(timeout=0.1)  # type: ignore[union-attr]
                    except Exception:  # queue.Empty, or the manager going away
                        continue
                    progress(slug, event)  # type: ignore[misc]

            reader = threading.Thread(target=pump, daemon=True) if progress else None
            if reader:
                reader.start()
            with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
                for share_results in pool.map(_worker, [(agencies, out, share, pdf, draft, queue, pdf_engine)
                                                         for share in shares]):
                    built.extend(share_results)
            stop.set()
            if reader:
                reader.join()
    for res in built:
        results[res.slug] = res
        if res.error is None and res.slug in inputs:
            manifest.record(f"{res.slug}:{mode}", inputs[res.slug], res.outputs, out)
    if built:
        manifest.save()
    return [results[s] for s in slugs]
