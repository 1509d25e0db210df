"""The document as it will be signed: the preview page by page (rendered into the
workspace's cache, refreshed after each save) and downloads of DOCX, PDF and Markdown."""

from __future__ import annotations

import re
from urllib.parse import quote

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import Route

from ...build import output_name
from ...errors import PrikazError
from ...tree import Document
from ...writers import DOCX, MARKDOWN
from ..guard import body, render, workspace
from ..preview import PreviewCache

MEDIA = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "pdf": "application/pdf", "md": "text/markdown; charset=utf-8"}
OTHER_FORMATS = {"docx": DOCX, "md": MARKDOWN}
KEY = re.compile(r"^[0-9a-f]{32}$")
PAGE = re.compile(r"^page-\d{2,3}\.png$")


async def preview(request: Request) -> Response:
    """The preview's pages as an HTML fragment (htmx loads it into the body's page)."""
    _who, slug = body(request)
    ws = workspace(request)
    try:
        doc, _cfg = ws.document(slug)
        key, place = ws.cache.get(doc)
    except PrikazError as e:
        return render(request, "preview.html", slug=slug, error=str(e), pages=[], key="")
    return render(request, "preview.html", slug=slug, key=key, pages=ws.cache.pages(place), error=None)


async def page_image(request: Request) -> Response:
    _who, slug = body(request)
    key, name = str(request.path_params["key"]), str(request.path_params["page"])
    place = workspace(request).cache.cached(key, slug) if KEY.match(key) and PAGE.match(name) else None
    if place is None or not (place / name).is_file():
        raise HTTPException(404, "нет такой страницы предпросмотра")
    # a key is a hash of the content: the page never changes, the browser may keep it
    return FileResponse(place / name, media_type="image/png", headers={"Cache-Control": "private, max-age=86400"})


async def download(request: Request) -> Response:
    _who, slug = body(request)
    fmt = str(request.path_params["fmt"])
    if fmt not in MEDIA:
        raise HTTPException(404, "нет такого формата: docx, pdf или md")
    ws = workspace(request)
    try:
        doc, _cfg = ws.document(slug)
        data = file_of(ws.cache, doc, fmt)
    except PrikazError as e:
        raise HTTPException(422, f"документ не составлен: {e}") from None
    return attachment(data, f"{slug}-{output_name(doc)}.{fmt}", MEDIA[fmt])


def file_of(cache: PreviewCache, doc: Document, fmt: str) -> bytes:
    """A document as DOCX, Markdown or PDF; the PDF is the preview's (Typst's PDF for
    signing, the bytes «prikaz build» writes), from the cache when it was already shown."""
    if fmt == "pdf":
        return (cache.get(doc)[1] / "document.pdf").read_bytes()
    return OTHER_FORMATS[fmt].write(doc)


def attachment(data: bytes, name: str, media: str) -> Response:
    return Response(data, media_type=media,
                    headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(name)}"})


ROUTES = [
    Route("/agencies/{slug}/preview", preview, methods=["GET"]),
    Route("/agencies/{slug}/preview/{key}/{page}", page_image, methods=["GET"]),
    Route("/agencies/{slug}/download/{fmt}", download, methods=["GET"]),
]
