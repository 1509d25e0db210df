"""Build: every agency config → out/<slug>/ (DOCX, PDF, text), with safe writes.

Outputs are written to temporary files and renamed into place, so a failed build leaves
the previous outputs untouched; one body's failure does not stop the others.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import sys
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .children import clean_orphans, release_memory, temp_folder, worker_init
from .errors import ConfigError, ConversionError, PrikazError
from .faults import describe
from .files import write_atomic
from .lock import folder_lock
from .manifest import Manifest, generator_digest, input_digest, templates_digest
from .paths import agency_file, output_folder

if TYPE_CHECKING:
    from .config import AgencyConfig
    from .tree import Document


@dataclass
class Result:
    slug: str
    outputs: list[Path] = field(default_factory=list)
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    up_to_date: bool = False
    code: int = 0  # the exit code of the error's kind (errors.py)


def agency_slugs(agencies: Path) -> list[str]:
    if not agencies.is_dir():
        raise ConfigError(f"нет папки конфигураций {agencies}; укажите её параметром --agencies")
    return sorted(p.stem for p in agencies.glob("*.toml"))


def output_name(doc: Document) -> str:
    return "prikaz" if doc.kind == "order" else "poryadok"


def clean_leftovers(out: Path) -> None:
    """Temporary files of a build that was killed before it could remove them (under the
    lock of ``out/``, so no running build owns them)."""
    for pattern in ("*.tmp", "*/*.tmp", "*/*/*.tmp", "*/*/*/*/*.tmp"):
        for p in out.glob(pattern):
            if p.name.startswith(".") and p.is_file() and not p.is_symlink():
                with contextlib.suppress(OSError):
                    p.unlink()


def debugging() -> bool:
    """``prikaz --debug``: let unexpected exceptions through with their traceback."""
    return os.environ.get("PRIKAZ_DEBUG") == "1"
def lint_findings(cfg: AgencyConfig, doc: Document) -> list[Any]:
    """The findings of ``prikaz check`` for a built document: every build reports them."""
    from .checks import check_document

    names = [cfg.agency.name] + ([cfg.agency.official_name] if cfg.agency.official_name else [])
    return check_document(doc, names, cfg.agency.short)


# --- one worker's share: compose and write every body, then one LibreOffice batch ----------

Progress = Callable[[str, str], None]  # (slug, event): "docx" when composed, "done" or "failed" when finished
Staged = tuple[Result, "Document", dict[str, bytes]]  # the outputs of every writer, by suffix


def fail(res: Result, e: BaseException, path: Path | None = None) -> None:
    """Record the failure of one body; the others go on."""
    if debugging() and not isinstance(e, PrikazError):
        raise e
    err = describe(e, path)
    res.error, res.code = str(err), err.exit_code


def stage(agencies: Path, slug: str, draft: bool) -> tuple[Result, Staged | None]:
    """Compose one body and render its outputs in memory (every writer of WRITERS)."""
    from .config import load_agency
    from .pipeline import current_edition
    from .writers import write_all

    res = Result(slug)
    path: Path | None = None
    try:
        path = agency_file(agencies, slug)
        if not path.is_file():
            raise ConfigError(f"нет файла {path}" if not path.exists() else f"{path}: это не файл, а папка")
        cfg = load_agency(path)
        doc, pending = current_edition(cfg, slug, path, agencies, draft)
        res.warnings = [str(w) for w in cfg.warnings] + [f"{path}: {w}" for w in doc.warnings] + pending
        res.warnings += [f"{path}: {f}" for f in lint_findings(cfg, doc)]
        return res, (res, doc, write_all(doc))
    except Exception as e:
        fail(res, e, path)
        return res, None


def convert_share(staged: list[Staged], workdir: Path, timeout: float) -> tuple[dict[str, bytes], str | None]:
    """One LibreOffice run for the share: {slug: finished PDF}, or the reason it failed."""
    from .writers import pdf as pdf_writer

    sources: dict[str, Path] = {}
    for res, _doc, outputs in staged:
        sources[res.slug] = workdir / f"{res.slug}.docx"
        sources[res.slug].write_bytes(outputs[".docx"])
    try:
        made = pdf_writer.convert(list(sources.values()), workdir / "pdf", timeout)
    except ConversionError as e:
        return {}, str(e)
    return {res.slug: pdf_writer.finalise(made[sources[res.slug]], doc.date)
            for res, doc, _outputs in staged}, None


def write_body(out: Path, item: Staged, draft: bool, pdf: bool, made: dict[str, bytes], why: str | None) -> None:
    """Write one body's DOCX and text, and its PDF if made; a PDF that failed leaves the
    body's DOCX and text written and is reported as this body's error (code 4)."""
    res, doc, outputs = item
    base = out / res.slug / ("draft" if draft else "") / output_name(doc)
    docx = base.with_suffix(".docx")
    changed = not docx.is_file() or docx.read_bytes() != outputs[".docx"]
    for suffix, data in outputs.items():
        write_atomic(base.with_suffix(suffix), data)
        res.outputs.append(base.with_suffix(suffix))
    if not pdf:
        return
    if res.slug in made:
        write_atomic(base.with_suffix(".pdf"), made[res.slug])
        res.outputs.append(base.with_suffix(".pdf"))
        return
    if changed:  # an old PDF of another text must not pass for this one
        base.with_suffix(".pdf").unlink(missing_ok=True)
    res.error = f"DOCX и текст записаны, PDF не создан: {why}"
    res.code = ConversionError.exit_code


def typeset_share(staged: list[Staged], timeout: float) -> tuple[dict[str, bytes], dict[str, str]]:
    """The PDF of every body typeset by Typst from its tree, each within ``timeout``:
    {slug: PDF}, {slug: why not}."""
    from .writers import PDF
    from .writers.typst.typesetter import time_limit

    made: dict[str, bytes] = {}
    why: dict[str, str] = {}
    for res, doc, _outputs in staged:
        try:
            with time_limit(timeout):
                made[res.slug] = PDF.write(doc)
        except Exception as e:
            if debugging():
                raise
            why[res.slug] = str(describe(e))
    return made, why


def _pdfs(staged: list[Staged], timeout: float) -> tuple[dict[str, bytes], dict[str, str], Path | None]:
    """Every PDF of the share by LibreOffice, the reasons of those that failed, and the
    folder it worked in (to be removed)."""
    workdir: Path | None = None
    try:
        workdir = temp_folder("build")
        made, why = convert_share(staged, workdir, timeout)
    except Exception as e:
        if debugging():
            raise
        made, why = {}, str(describe(e))
    return made, {res.slug: why for res, _doc, _o in staged if why}, workdir


def build_share(agencies: Path, out: Path, slugs: list[str], pdf: bool, draft: bool,
                progress: Progress | None = None, timeout: float = 600.0, engine: str = "typst") -> list[Result]:
    """Build some bodies in this process: body by body, the PDF typeset by Typst from each
    tree, or (engine «libreoffice») all composed first and rendered from their DOCX by one
    LibreOffice run."""
    report = progress or (lambda _slug, _event: None)
    if pdf and engine != "typst":
        return _batch_share(agencies, out, slugs, draft, report, timeout)
    if pdf and slugs:
        from .writers.typst.typesetter import start

        start()  # the typesetter loads Typst and the fonts while the first body is composed
    return [_one_body(agencies, out, slug, pdf, draft, report, timeout) for slug in slugs]


def _one_body(agencies: Path, out: Path, slug: str, pdf: bool, draft: bool, report: Progress,
              timeout: float) -> Result:
    """Compose, typeset and write one body; nothing of it is kept in memory afterwards (a
    share of 100 bodies held every tree and output until the end: 1.3 GB at 50 bodies)."""
    res, item = stage(agencies, slug, draft)
    if item is None:
        report(slug, "failed")
        return res
    report(slug, "docx")
    made, why = typeset_share([item], timeout) if pdf else ({}, {})
    _write(out, item, draft, pdf, made, why.get(slug), report)
    del item, made
    release_memory()
    return res


def _write(out: Path, item: Staged, draft: bool, pdf: bool, made: dict[str, bytes], why: str | None,
           report: Progress) -> None:
    try:
        write_body(out, item, draft, pdf, made, why)
    except Exception as e:
        fail(item[0], e)
    report(item[0].slug, "failed" if item[0].error else "done")


def _batch_share(agencies: Path, out: Path, slugs: list[str], draft: bool, report: Progress,
                 timeout: float) -> list[Result]:
    """Every body composed, then one LibreOffice run for all their PDFs, then written."""
    results: list[Result] = []
    staged: list[Staged] = []
    for slug in slugs:
        res, item = stage(agencies, slug, draft)
        results.append(res)
        if item is None:
            report(slug, "failed")
        else:
            staged.append(item)
            report(slug, "docx")
    workdir: Path | None = None
    try:
        made: dict[str, bytes] = {}
        why: dict[str, str] = {}
        if staged:
            made, why, workdir = _pdfs(staged, timeout)
        for item in staged:
            _write(out, item, draft, True, made, why.get(item[0].slug), report)
    finally:
        if workdir is not None:
            shutil.rmtree(workdir, ignore_errors=True)
    return results


# --- the whole build: what is up to date, shares for the workers, the manifest -------------

_QUEUE: Any = None  # a worker's channel for progress events (set by its initializer)


def _init_worker(queue: Any) -> None:
    global _QUEUE
    worker_init()
    _QUEUE = queue


def _worker(args: tuple[Path, Path, list[str], bool, bool, float, str]) -> list[Result]:
    agencies, out, slugs, pdf, draft, timeout, engine = args
    queue = _QUEUE
    return build_share(agencies, out, slugs, pdf, draft,
                       (lambda slug, event: queue.put((slug, event))) if queue is not None else None, timeout,
                       engine)


def _context() -> Any:
    """Fork the workers, unless this process has run the Typst compiler: its Rust thread
    pool does not survive into a forked child, which would wait for it forever."""
    forkable = "fork" in multiprocessing.get_all_start_methods() and "typst" not in sys.modules
    return multiprocessing.get_context("fork" if forkable else "spawn")


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def run_shares(agencies: Path, out: Path, shares: list[list[str]], pdf: bool, draft: bool, timeout: float,
               progress: Progress | None, engine: str = "typst", workers: int | None = None) -> list[Result]:
    """The shares in ``workers`` processes (one per share by default), each taking the next
    share when it is done; Ctrl-C or an error ends every worker and its children."""
    ctx = _context()
    queue = ctx.SimpleQueue() if progress else None
    stop = threading.Event()

    def pump() -> None:
        while not stop.is_set() or (queue is not None and not queue.empty()):
            if queue is not None and not queue.empty():
                slug, event = queue.get()
                progress(slug, event)  # type: ignore[misc]
            else:
                stop.wait(0.05)

    reader = threading.Thread(target=pump, daemon=True) if progress else None
    if reader:
        reader.start()
    pool = ProcessPoolExecutor(max_workers=workers or len(shares), mp_context=ctx, initializer=_init_worker,
                               initargs=(queue,))
    built: list[Result] = []
    try:
        for share_results in pool.map(_worker, [(agencies, out, share, pdf, draft, timeout, engine)
                                                 for share in shares]):
            built.extend(share_results)
    except BaseException:
        for proc in list(getattr(pool, "_processes", {}).values()):
            proc.terminate()  # SIGTERM: the worker's finally blocks kill its LibreOffice
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    finally:
        pool.shutdown(wait=True)
        stop.set()
        if reader:
            reader.join()
    return built


def _shares(agencies: Path, todo: list[str], workers: int, engine: str) -> list[list[str]]:
    """What the workers take one after another: with Typst (or no PDF), one body at a time,
    the largest configs first, so that no worker is left with a long register at the end
    while the other waits (fixed shares of 50 bench bodies ended 3–6 s apart); with
    LibreOffice, one share per worker, each converted in one run."""
    if engine == "libreoffice":
        return [todo[i::workers] for i in range(workers)]

    def size(slug: str) -> int:
        try:
            return agency_file(agencies, slug).stat().st_size
        except Exception:  # the order only: the body's own build reports what is wrong
            return 0

    return [[slug] for slug in sorted(todo, key=size, reverse=True)]


def plan(agencies: Path, out: Path, slugs: list[str], mode: str, manifest: Manifest, force: bool,
         progress: Progress | None) -> tuple[dict[str, Result], list[str], dict[str, str]]:
    """What is up to date, what to build, and the digest of each body's inputs; a body whose
    inputs cannot be read fails alone."""
    shared = templates_digest() + generator_digest()
    results: dict[str, Result] = {}
    todo: list[str] = []
    inputs: dict[str, str] = {}
    for slug in slugs:
        try:
            path = agency_file(agencies, slug)
            if path.is_file():
                inputs[slug] = input_digest(path, shared, mode)
        except Exception as e:
            results[slug] = Result(slug)
            fail(results[slug], e, agencies / f"{slug}.toml")
            if progress:
                progress(slug, "failed")
            continue
        if slug in inputs and not force and manifest.up_to_date(f"{slug}:{mode}", inputs[slug], out):
            results[slug] = Result(slug, up_to_date=True)
            if progress:
                progress(slug, "up-to-date")
            continue
        todo.append(slug)
    return results, todo, inputs


def build(agencies: Path, out: Path, slugs: list[str] | None = None, pdf: bool = True,
          draft: bool = False, force: bool = False, workers: int | None = None,
          progress: Progress | None = None, notes: list[str] | None = None,
          pdf_timeout: float = 600.0, pdf_engine: str = "typst") -> list[Result]:
    """Build the named bodies (all when none) into ``out/<slug>/`` (drafts into
    ``out/<slug>/draft/``), redoing only what changed since the last build (``force``: all).
    As many workers as cores; the PDF by ``pdf_engine``: typst (from the tree) or libreoffice
    (one run per worker's share). The whole build holds the lock of ``out/``: a second build
    into it waits."""
    slugs = slugs or agency_slugs(agencies)
    output_folder(out, agencies)
    notes = notes if notes is not None else []
    with folder_lock(out):
        clean_leftovers(out)
        clean_orphans()
        manifest = Manifest.load(out)
        if manifest.problem:
            notes.append(manifest.problem)
        mode = f"pdf={pdf_engine if pdf else False};draft={draft}"
        results, todo, inputs = plan(agencies, out, slugs, mode, manifest, force, progress)
        n = max(1, min(workers or default_workers(), len(todo)))
        if n == 1:
            built = build_share(agencies, out, todo, pdf, draft, progress, pdf_timeout, pdf_engine) if todo else []
        else:
            shares = _shares(agencies, todo, n, pdf_engine if pdf else "")
            built = run_shares(agencies, out, shares, pdf, draft, pdf_timeout, progress, pdf_engine, n)
        for res in built:
            results[res.slug] = res
            if res.error is None and res.slug in inputs:
                manifest.record(f"{res.slug}:{mode}", inputs[res.slug], res.outputs, out)
        if built:
            problem = manifest.save()
            if problem:
                notes.append(problem)
    return [results[s] for s in slugs]
