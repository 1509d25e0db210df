"""Save → refreshed preview in the workspace, for the five seed bodies (median).

For each body, a copy of agencies/ gets REPEAT saves through the edit form (each a new
order number, or a word of the standalone Порядок's title, so the preview cache never
answers), and each save is timed until the preview's pages are rendered: the POST of the
form, then the GET of the preview fragment that the body's page loads. The renderer is the one «prikaz serve» uses
(generator/web/preview.py: the PDF and the PNG pages typeset by the Typst writer).

    .venv/bin/python tools/bench_web.py            # REPEAT=3 by default
    BENCH_REPEAT=5 .venv/bin/python tools/bench_web.py
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import sys
import tempfile
import time
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SLUGS = ["altai-zags", "kaliningrad-gostekhnadzor", "kaliningrad-munrazvitie", "model", "murmansk-tourism"]


def one_body(client: object, slug: str, repeat: int) -> tuple[list[float], list[float]]:
    from tests.webform import as_data, form_fields, replace

    totals, saves = [], []
    previous = ""
    for n in range(repeat):
        page = client.get(f"/agencies/{slug}/edit").text  # type: ignore[attr-defined]
        fields = form_fields(page, f"/agencies/{slug}/edit")
        if slug == "model":  # a standalone Порядок: a word of its title
            title = dict(fields)["procedure.title"]
            fields = replace(fields, "procedure.title", title.replace("ведения", f"ведения ({n + 1})", 1))
        else:  # an order: its number, printed on the blank and in every mark
            fields = replace(fields, "order.number", f"{100 + n}")
        start = time.perf_counter()
        r = client.post(f"/agencies/{slug}/edit", data=as_data(fields), follow_redirects=False)  # type: ignore[attr-defined]
        saved = time.perf_counter()
        assert r.status_code == 303, r.text[:500]
        preview = client.get(f"/agencies/{slug}/preview")  # type: ignore[attr-defined]
        assert 'class="pages"' in preview.text, preview.text[:500]
        key = preview.text.split('data-key="')[1][:32]
        assert key != previous, f"{slug}: the document did not change: the cache answered"
        previous = key
        totals.append(time.perf_counter() - start)
        saves.append(saved - start)
    return totals, saves


def main() -> int:
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

    from generator.web.app import create_app
    from generator.web.preview import TypstRenderer

    repeat = int(os.environ.get("BENCH_REPEAT", "3"))
    renderer = TypstRenderer()
    work = Path(tempfile.mkdtemp(prefix="prikaz-bench-web-"))
    try:
        shutil.copytree(ROOT / "agencies", work / "agencies")
        client = TestClient(create_app(work / "agencies", renderer=renderer), client=("127.0.0.1", 50000))
        client.get(f"/agencies/{SLUGS[0]}/preview")  # loading the fonts once is not a save's cost
        results = {}
        print(f"сохранение → обновлённый предпросмотр ({renderer.name}, повторов: {repeat})")
        print(f"{'орган':28} {'медиана, с':>10} {'из них сохранение, с':>22}")
        for slug in SLUGS:
            totals, saves = one_body(client, slug, repeat)
            results[slug] = {"median_s": round(statistics.median(totals), 3),
                             "save_median_s": round(statistics.median(saves), 3)}
            print(f"{slug:28} {results[slug]['median_s']:>10.2f} {results[slug]['save_median_s']:>22.2f}")
        overall = statistics.median([r["median_s"] for r in results.values()])
        print(f"{'медиана по органам':28} {overall:>10.2f}")
        print(json.dumps({"renderer": renderer.name, "repeat": repeat, "bodies": results,
                          "median_s": round(overall, 3)}, ensure_ascii=False))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
