"""Benchmark: N synthetic bodies (BENCH_AGENCIES, default 200) built in a temporary folder.

Measures, in one run, both PDF engines on the same bodies: the median time to compose and
write one DOCX in-process; the median time of the default engine's PDF (Typst, everything
after the tree: Typst source, typesetting, PDF/A), per document; PDF seconds per document
in one LibreOffice batch, with finalise() (fixed dates and /ID) counted; the same PDFs the
naive way (one ``soffice --convert-to pdf`` process per document, on a sample) and the ratio
naive ÷ the default engine; the whole-process time of a full build (all cores, the default
engine); the time of a no-op rebuild; the peak memory of the whole build (the sum over its
process tree). Prints a table, and as its last line one JSON object.

Usage: ``make bench`` or ``BENCH_AGENCIES=50 .venv/bin/python tools/bench.py``.
"""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import tomli_w

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import default_workers  # noqa: E402
from generator.compose import compose  # noqa: E402
from generator.config import load_agency  # noqa: E402
from generator.russian import decline_phrase  # noqa: E402
from generator.scaffold import DEFAULT_PREAMBLE, config_data  # noqa: E402
from generator.tree import Document  # noqa: E402
from generator.writers import docx as docx_writer  # noqa: E402
from generator.writers import pdf as pdf_writer  # noqa: E402
from generator.writers import typst as typst_writer  # noqa: E402

PDF_ENGINE = "typst"  # the default of «prikaz build»

TYPES = ["Комитет", "Министерство", "Служба", "Агентство", "Управление", "Инспекция", "Департамент"]
SPHERES = ["по туризму", "культуры", "здравоохранения", "по делам молодёжи", "цифрового развития",
           "природных ресурсов и экологии", "по физической культуре и спорту", "социальной политики",
           "образования и науки", "сельского хозяйства", "транспорта и дорожного хозяйства", "по тарифам",
           "занятости населения", "по обеспечению безопасности населения", "строительства"]
REGIONS = [("murmansk", "Мурманской области"), ("kaliningrad", "Калининградской области"),
           ("altai", "Республики Алтай")]
AREAS = ["Предоставление государственных услуг", "Рассмотрение обращений и запросов",
         "Обеспечение доступа к информации о деятельности", "Взаимодействие с внутренним клиентом"]
PROCESSES = ["Прием заявлений", "Консультирование граждан", "Выдача справок", "Согласование документов",
             "Рассмотрение жалоб", "Информирование о мерах поддержки", "Обеспечение работников техникой",
             "Учет обращений", "Проведение проверок", "Размещение сведений на сайте"]
NEEDS = ["Получение консультации", "Получение форм документов", "Представление документов",
         "Предоставление обратной связи", "Получение результата рассмотрения обратной связи"]


def synthetic_config(i: int, rng: random.Random) -> dict[str, object]:
    kind = TYPES[i % len(TYPES)]
    sphere = SPHERES[(i // len(TYPES)) % len(SPHERES)]
    region, region_gen = REGIONS[i % len(REGIONS)]
    name = f"{kind} {sphere} {region_gen}"
    short_gent = decline_phrase(kind, "gent")
    touchpoints = [(f"Официальный сайт {short_gent}", "digital"), (f"Электронная почта {short_gent}", "digital"),
                   ("СЭД", "digital"), (f"Сообщества {short_gent} в социальных сетях", "digital"),
                   ("Телефонная связь", "offline"), ("Личное взаимодействие", "offline")]
    rows = []
    for r in range(rng.randint(10, 300)):
        chosen = rng.sample(touchpoints, rng.randint(1, 3))
        rows.append({"area": rng.choice(AREAS), "process": f"{rng.choice(PROCESSES)} (процесс {r + 1})",
                     "touchpoints": [{"name": n, "kind": k, "needs": rng.sample(NEEDS, rng.randint(1, 3))}
                                     for n, k in chosen]})
    config = config_data({
        "name": name, "short": kind, "region": region, "date": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
        "number": str(100 + i), "preamble": DEFAULT_PREAMBLE,
        "signatory_position": "Руководитель {name:gent}", "signatory": "И.И. Иванов",
    })
    config["register"] = {"placement": "order-appendix" if region == "altai" else "procedure-appendix",
                          "columns": ["number", "area", "process", "touchpoint", "needs", "features"],
                          "rows": rows}
    if region == "altai":
        config["agency"]["alt_name"] = f"Алтай Республиканыҥ {kind.lower()} комитеди"
    return config


class PeakMemory:
    """The peak of the summed RSS of a process and all its descendants (sampled)."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_kb, self._stop = pid, 0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit():
                try:
                    with open(f"/proc/{entry}/stat", encoding="utf-8", errors="replace") as f:
                        ppid = int(f.read().rsplit(")", 1)[1].split()[1])
                    children.setdefault(ppid, []).append(int(entry))
                except (OSError, ValueError, IndexError):
                    continue
        out, todo = [], [self.pid]
        while todo:
            p = todo.pop()
            out.append(p)
            todo.extend(children.get(p, []))
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            total = 0
            for p in self._tree():
                try:
                    with open(f"/proc/{p}/status", encoding="utf-8") as f:
                        for line in f:
                            if line.startswith("VmRSS:"):
                                total += int(line.split()[1])
                except OSError:
                    continue
            self.peak_kb = max(self.peak_kb, total)
            time.sleep(0.1)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def run_build(agencies: Path, out: Path) -> tuple[float, float, float]:
    """(wall seconds, peak MB of the process tree, CPU use as a share of all cores)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "generator.cli", "--agencies", str(agencies), "build",
                             "--out", str(out)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    with PeakMemory(proc.pid) as mem:
        _, err = proc.communicate()
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"сборка завершилась с кодом {proc.returncode}:\n{err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, mem.peak_kb / 1024, cpu / (wall * default_workers())


def main() -> int:
    n = int(os.environ.get("BENCH_AGENCIES", "200"))
    rng = random.Random(20241122)
    work = Path(tempfile.mkdtemp(prefix="prikaz-bench-"))
    try:
        agencies = work / "agencies"
        shutil.copytree(ROOT / "agencies" / "regions", agencies / "regions")
        rows = []
        for i in range(n):
            data_cfg = synthetic_config(i, rng)
            rows.append(len(data_cfg["register"]["rows"]))  # type: ignore[index]
            (agencies / f"body-{i:04d}.toml").write_text(tomli_w.dumps(data_cfg), encoding="utf-8")

        # 1. compose + DOCX in-process, every body (reading the TOML measured apart)
        times: list[float] = []
        loads: list[float] = []
        sample_docx: list[Path] = []
        # the samples' trees are composed again for step 2: holding 40 trees while the other
        # bodies are timed made the collector walk them (a build holds one body at a time)
        sample_paths: list[Path] = []
        for i in range(n):
            path = agencies / f"body-{i:04d}.toml"
            t = time.perf_counter()
            cfg = load_agency(path)
            loads.append(time.perf_counter() - t)
            t = time.perf_counter()
            doc = compose(cfg, path.stem)
            data = docx_writer.build(doc)
            times.append(time.perf_counter() - t)
            if len(sample_docx) < min(n, 40):
                sample_paths.append(path)
                target = work / "sample" / f"{path.stem}.docx"
                target.parent.mkdir(exist_ok=True)
                target.write_bytes(data)
                sample_docx.append(target)
        docx_ms = 1000 * statistics.median(times)

        # 2. the default engine: Typst from the tree, per document (fonts loaded once, as in a build)
        sample_docs: list[Document] = [compose(load_agency(p), p.stem) for p in sample_paths]
        typst_writer.build(sample_docs[0])
        typst_times = []
        for doc in sample_docs:
            t = time.perf_counter()
            typst_writer.build(doc)
            typst_times.append(time.perf_counter() - t)
        typst_ms = 1000 * statistics.median(typst_times)
        typst_per_doc = sum(typst_times) / len(typst_times)

        # 3. PDF in one LibreOffice batch, per document, finalise() counted
        t = time.perf_counter()
        made = pdf_writer.convert(sample_docx, work / "batch-pdf")
        for src, doc in zip(sample_docx, sample_docs, strict=True):
            pdf_writer.finalise(made[src], doc.date)
        batch_per_doc = (time.perf_counter() - t) / len(sample_docx)

        # 4. the naive way: one soffice process per document (a warm profile, as a shell loop would have)
        naive = sample_docx[: min(len(sample_docx), 8)]
        profile = (work / "naive-profile").as_uri()
        soffice = pdf_writer.soffice()
        cmd = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", pdf_writer.PDF_FILTER,
               "--outdir", str(work / "naive-pdf")]
        subprocess.run([*cmd, str(naive[0])], capture_output=True, check=True, timeout=300)  # warm-up
        t = time.perf_counter()
        for source in naive:
            subprocess.run([*cmd, str(source)], capture_output=True, check=True, timeout=300)
        naive_per_doc = (time.perf_counter() - t) / len(naive)

        # 5. a full build (the default engine), whole process, all cores; 6. a no-op rebuild
        full_s, peak_mb, cpu_share = run_build(agencies, work / "out")
        noop_s, _, _ = run_build(agencies, work / "out")
    finally:
        shutil.rmtree(work, ignore_errors=True)

    loads_ms = 1000 * statistics.median(loads)
    result = {
        "n_agencies": n,
        "docx_ms_median": round(docx_ms, 1),
        "pdf_engine": PDF_ENGINE,
        "pdf_ms_median": round(typst_ms, 1),
        "pdf_s_per_doc": round(batch_per_doc, 3),
        "naive_ratio": round(naive_per_doc / typst_per_doc, 1),
        "lo_batch_ratio": round(naive_per_doc / batch_per_doc, 1),
        "noop_s": round(noop_s, 2),
        "full_build_s": round(full_s, 1),
        "peak_mb": round(peak_mb),
    }
    print(f"Бенчмарк prikaz: {n} органов, строк в Перечнях {min(rows)}–{max(rows)}, "
          f"ядер {default_workers()}, Python {sys.version.split()[0]}")
    table = [
        ("DOCX в процессе (медиана: дерево документа + запись)", f"{docx_ms:.1f} мс"),
        ("чтение и проверка TOML (медиана)", f"{loads_ms:.1f} мс"),
        (f"PDF Typst из дерева (медиана, {len(sample_docs)} док.)", f"{typst_ms:.1f} мс"),
        (f"PDF в одном пакете LibreOffice с finalise() ({len(sample_docx)} док.)", f"{batch_per_doc:.3f} с/док."),
        (f"PDF по-простому, soffice на каждый документ ({len(naive)} док.)", f"{naive_per_doc:.3f} с/док."),
        ("отношение «по-простому / Typst»", f"{naive_per_doc / typst_per_doc:.1f}×"),
        ("отношение «по-простому / пакетом LibreOffice»", f"{naive_per_doc / batch_per_doc:.1f}×"),
        (f"полная сборка {n} органов (DOCX, PDF Typst, текст)", f"{full_s:.1f} с"),
        ("загрузка ядер при полной сборке", f"{100 * cpu_share:.0f} %"),
        ("повторная сборка без изменений", f"{noop_s:.2f} с"),
        ("пик памяти сборки (сумма по дереву процессов)", f"{peak_mb:.0f} МБ"),
    ]
    width = max(len(k) for k, _ in table)
    for k, v in table:
        print(f"  {k:<{width}}  {v:>14}")
    print(json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
