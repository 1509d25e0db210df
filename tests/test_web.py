"""The workspace in the browser over HTTP (Starlette's TestClient): every route's status and
content, a roles × routes matrix of rights, CSRF refusal, stale saves, traversal attempts.

The preview's renderer here is mostly a fake that stamps the DOCX's hash into its «pages»
(and it changes exactly when the document changes); test_preview_typst renders real pages
and the PDF with the Typst writer, as «prikaz serve» does."""

from __future__ import annotations

import hashlib
import io
import re
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from starlette.testclient import TestClient

from generator.cli import main
from generator.tree import Document
from generator.web.app import create_app
from generator.web.preview import Rendering, TypstRenderer
from generator.web.storage import Storage, state_dir
from generator.web.users import add_user
from generator.writers import DOCX

from .webform import as_data, form_fields, replace

A = "murmansk-tourism"  # the body given to the editor and the reader
B = "altai-zags"  # a body they were not given
PASSWORD = "пароль-для-тестов"
LOCAL_CLIENT = ("127.0.0.1", 50000)  # a workspace without users answers this computer only


class FakeRenderer:
    name = "fake"

    def __init__(self) -> None:
        self.calls = 0

    def content(self, doc: Document) -> bytes:
        return DOCX.write(doc)

    def render(self, doc: Document) -> Rendering:
        self.calls += 1
        digest = hashlib.sha256(self.content(doc)).hexdigest().encode()
        return Rendering(b"%PDF-1.7 fake " + digest, [b"\x89PNG page 1 " + digest, b"\x89PNG page 2 " + digest])


def client(agencies: Path, renderer: object | None = None) -> TestClient:
    return TestClient(create_app(agencies, renderer=renderer or FakeRenderer()),  # type: ignore[arg-type]
                      client=LOCAL_CLIENT)


def token(html: str) -> str:
    m = re.search(r'name="csrf_token" value="([0-9a-f]+)"', html) or re.search(r'X-CSRF-Token&#34;: &#34;([0-9a-f]+)', html) \
        or re.search(r'"X-CSRF-Token": "([0-9a-f]+)"', html)
    assert m, "no CSRF token on the page"
    return m.group(1)


def login(c: TestClient, name: str, password: str = PASSWORD) -> None:
    page = c.get("/login")
    r = c.post("/login", data={"username": name, "password": password, "csrf_token": token(page.text)},
               follow_redirects=False)
    assert r.status_code == 303, r.text


@pytest.fixture
def users(agencies: Path) -> Path:
    storage = Storage(state_dir(agencies))
    add_user(storage, agencies, "anna", "admin", [], PASSWORD)
    add_user(storage, agencies, "egor", "editor", [A], PASSWORD)
    add_user(storage, agencies, "rita", "reader", [A], PASSWORD)
    return agencies


def as_user(agencies: Path, name: str | None) -> TestClient:
    c = client(agencies)
    if name:
        login(c, name)
    return c


# --- single user, pages and content ------------------------------------------------------------

def test_single_user_lists_bodies_without_login(agencies: Path) -> None:
    c = client(agencies)
    r = c.get("/")
    assert r.status_code == 200
    for slug in (A, B, "model", "kaliningrad-gostekhnadzor", "kaliningrad-munrazvitie"):
        assert f'href="/agencies/{slug}"' in r.text
    assert "Комитет по туризму Мурманской области" in r.text
    assert c.get("/login", follow_redirects=False).headers["location"] == "/"
    assert (agencies.parent / ".prikaz" / "workspace.sqlite3").is_file()


def test_pages_of_a_body(agencies: Path) -> None:
    c = client(agencies)
    body = c.get(f"/agencies/{A}")
    assert body.status_code == 200 and f'hx-get="/agencies/{A}/preview"' in body.text
    edit = c.get(f"/agencies/{A}/edit").text
    assert 'name="order.signatory.person"' in edit and "Инициалы и фамилия" in edit  # label = the docstring
    assert 'name="order.signatory.person" value="А.В. Елисеев"' in edit
    assert 'name="procedure.needs" value="consultation"' in edit  # a catalogue checklist
    register = c.get(f"/agencies/{A}/register").text
    assert 'name="register.rows[0].area" value="Предоставление государственных услуг"' in register
    raw = c.get(f"/agencies/{A}/raw").text
    assert "[register]" in raw
    over = c.get("/agencies/model/overrides").text
    assert "keeper_organise" in over and "организацию в Министерстве экономического развития" in over
    assert c.get(f"/agencies/{A}/editions").status_code == 200
    assert c.get(f"/agencies/{A}/history").status_code == 200
    for page in ("/new", "/regions/new", "/users"):
        assert c.get(page).status_code == 200


def test_security_headers_and_cookie(agencies: Path) -> None:
    r = client(agencies).get("/")
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert r.headers["x-frame-options"] == "DENY"
    cookie = r.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie


# --- saving ----------------------------------------------------------------------------------

def test_edit_saves_one_value_and_keeps_comments(agencies: Path) -> None:
    c = client(agencies)
    path = agencies / f"{A}.toml"
    before = path.read_text(encoding="utf-8")
    fields = form_fields(c.get(f"/agencies/{A}/edit").text, f"/agencies/{A}/edit")
    person = dict(fields)["order.signatory.person"]
    r = c.post(f"/agencies/{A}/edit", data=as_data(replace(fields, "order.signatory.person", "И.И. Иванова")),
               follow_redirects=False)
    assert r.status_code == 303
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [(f'person = "{person}"', 'person = "И.И. Иванова"')]
    history = c.get(f"/agencies/{A}/history").text
    assert "изменены поля: order.signatory.person" in history and "+person = &#34;И.И. Иванова&#34;" in history


def test_unchanged_forms_leave_every_seed_file_as_it_was(agencies: Path) -> None:
    c = client(agencies)
    for slug in ("murmansk-tourism", "altai-zags", "kaliningrad-gostekhnadzor", "kaliningrad-munrazvitie", "model"):
        before = (agencies / f"{slug}.toml").read_bytes()
        for page, extra in (("edit", []), ("register", [("op", "save")])):
            fields = form_fields(c.get(f"/agencies/{slug}/{page}").text, f"/agencies/{slug}/{page}") + extra
            r = c.post(f"/agencies/{slug}/{page}", data=as_data(fields), follow_redirects=False)
            assert r.status_code == 303, (slug, page, r.text[:500])
            assert (agencies / f"{slug}.toml").read_bytes() == before, (slug, page)


def test_invalid_value_is_shown_next_to_its_field(agencies: Path) -> None:
    c = client(agencies)
    before = (agencies / f"{A}.toml").read_bytes()
    fields = form_fields(c.get(f"/agencies/{A}/edit").text, f"/agencies/{A}/edit")
    r = c.post(f"/agencies/{A}/edit", data=as_data(replace(fields, "procedure.update_days", "500")))
    assert r.status_code == 422
    block = r.text[r.text.index('id="f-procedure.update_days"'):]
    block = block[:block.index('<div class="field')]  # up to the next field
    assert "значение слишком велико" in block
    assert (agencies / f"{A}.toml").read_bytes() == before


def test_stale_save_is_refused_and_shows_the_other_version(agencies: Path) -> None:
    c = client(agencies)
    path = agencies / f"{A}.toml"
    fields = form_fields(c.get(f"/agencies/{A}/edit").text, f"/agencies/{A}/edit")
    on_disk = path.read_text(encoding="utf-8").replace('number = "21"', 'number = "22"')
    path.write_text(on_disk, encoding="utf-8")  # someone else (the CLI, an editor) saved meanwhile
    r = c.post(f"/agencies/{A}/edit", data=as_data(replace(fields, "order.signatory.person", "И.И. Иванова")))
    assert r.status_code == 409
    assert "файл изменился" in r.text and "+number = &#34;22&#34;" in r.text  # what changed meanwhile
    assert "И.И. Иванова" in r.text  # the user's own values, to copy
    assert path.read_text(encoding="utf-8") == on_disk
    history = c.get(f"/agencies/{A}/history").text
    assert "изменение на диске" in history and "на диске" in history


def test_raw_editor_reports_located_errors_and_saves(agencies: Path) -> None:
    c = client(agencies)
    page = c.get(f"/agencies/{A}/raw").text
    text = form_fields(page, f"/agencies/{A}/raw")
    broken = replace(text, "text", dict(text)["text"].replace('number = "21"', 'number = 21 21'))
    r = c.post(f"/agencies/{A}/raw", data=as_data(broken))
    assert r.status_code == 422 and re.search(rf"{A}\.toml:11:.*синтаксическая ошибка TOML", r.text)
    fixed = replace(text, "text", dict(text)["text"].replace('number = "21"', 'number = "21-П"'))
    assert c.post(f"/agencies/{A}/raw", data=as_data(fixed), follow_redirects=False).status_code == 303
    assert 'number = "21-П"' in (agencies / f"{A}.toml").read_text(encoding="utf-8")


def test_register_editor_operations(agencies: Path) -> None:
    c = client(agencies)
    path = agencies / "model.toml"
    before = path.read_bytes()
    fields = form_fields(c.get("/agencies/model/register").text, "/agencies/model/register")
    added = c.post("/agencies/model/register", data=as_data([*fields, ("op", "add-row")])).text
    assert 'name="register.rows.count" value="13"' in added and path.read_bytes() == before  # not saved yet
    moved = c.post("/agencies/model/register", data=as_data([*fields, ("op", "down-0")])).text
    assert moved.index("Обеспечение эксплуатации, развития") < moved.index("Рассмотрение заявок на снабжение")
    new = replace(fields, "register.rows[0].process", "Рассмотрение заявок на снабжение техникой")
    assert c.post("/agencies/model/register", data=as_data([*new, ("op", "save")]),
                  follow_redirects=False).status_code == 303
    text = path.read_text(encoding="utf-8")
    assert 'process = "Рассмотрение заявок на снабжение техникой"' in text
    assert "# «Предоставление документов» и «Получение материальных ценностей»" in text  # comment kept
    fields = form_fields(c.get("/agencies/model/register").text, "/agencies/model/register")
    empty = replace(fields, "register.rows[0].touchpoints[0].name", "")
    r = c.post("/agencies/model/register", data=as_data([*empty, ("op", "save")]))
    assert r.status_code == 422 and "значение не может быть пустым" in r.text


def test_register_touchpoints_move_within_a_row(agencies: Path) -> None:
    """A touchpoint moved down in its row (the form only), then saved: the file keeps its
    comments and other rows as written, and the built register lists the row's touchpoints
    in the new order under the same row number."""
    c = client(agencies)
    path = agencies / "model.toml"
    before = path.read_text(encoding="utf-8")
    fields = form_fields(c.get("/agencies/model/register").text, "/agencies/model/register")
    process = "Организация работ по развитию информатизации деятельности ОИВ"
    i = next(k[len("register.rows["):k.index("]")] for k, v in fields if k.endswith(".process") and v == process)
    row = f"register.rows[{i}].touchpoints"
    assert [dict(fields)[f"{row}[{j}].name"] for j in (0, 1)] == ["Система учёта заявок", "СЭД"]
    page = c.post("/agencies/model/register", data=as_data([*fields, ("op", f"tp-down-{i}-0")])).text
    assert path.read_text(encoding="utf-8") == before  # not saved yet
    moved = form_fields(page, "/agencies/model/register")
    assert [dict(moved)[f"{row}[{j}].name"] for j in (0, 1)] == ["СЭД", "Система учёта заявок"]
    assert f'value="tp-up-{i}-0" class="small" title="точку выше" disabled' in page  # the first cannot go up
    edge = c.post("/agencies/model/register", data=as_data([*moved, ("op", f"tp-down-{i}-1")])).text
    assert form_fields(edge, "/agencies/model/register") == moved  # the last stays where it is
    r = c.post("/agencies/model/register", data=as_data([*moved, ("op", "save")]), follow_redirects=False)
    assert r.status_code == 303
    after = path.read_text(encoding="utf-8")
    assert "# «Предоставление документов» и «Получение материальных ценностей»" in after  # comment kept
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert [b.split('"')[1] for _a, b in changed] == ["СЭД", "Система учёта заявок"]  # the two lines swapped
    table = c.get("/agencies/model/download/md").text
    line = table.index(f"| 4 | {process} | СЭД |")
    assert table.index("|  |  | Система учёта заявок |", line) == table.index("\n", line) + 1
    assert "изменены строки Перечня" in c.get("/agencies/model/history").text
    # the form it was made from is stale now: refused, the file stays
    stale = c.post("/agencies/model/register", data=as_data([*fields, ("op", "save")]))
    assert stale.status_code == 409 and path.read_text(encoding="utf-8") == after


def test_override_added_and_deleted_in_forms(agencies: Path) -> None:
    """A new override picked by the clause's id beside its template text: saved as a
    [[procedure.overrides]] table (the rest of the file as it was), the document renumbered
    around it, shown next to the template clause; then deleted, and the file is as before."""
    c = client(agencies)
    url = f"/agencies/{A}/overrides"
    path = agencies / f"{A}.toml"
    before = path.read_text(encoding="utf-8")
    assert "\n1.2.2. формирование положительного опыта" in c.get(f"/agencies/{A}/download/md").text
    page = c.get(url).text
    assert re.search(r'<option value="procedure:purpose" >purpose — Настоящий Порядок разработан в целях', page)
    assert '<option value="order:control" >control — ' in page
    assert '<option value="remove" >remove — исключить пункт</option>' in page  # the model's actions
    fields = dict(form_fields(page, f"{url}/add"))
    new = {**fields, "clause": "procedure:task_effective", "action": "remove"}
    r = c.post(f"{url}/add", data=new, follow_redirects=False)
    assert r.status_code == 303
    after = path.read_text(encoding="utf-8")
    assert after.startswith(before.split("\n[form]")[0].rstrip("\n"))  # only added, before [form]
    assert '[[procedure.overrides]]\naction = "remove"\nid = "task_effective"\n' in after
    md = c.get(f"/agencies/{A}/download/md").text
    assert "выстраивание эффективного взаимодействия" not in md
    assert "\n1.2.1. формирование положительного опыта" in md and "\n1.2.2. " not in md  # renumbered
    shown = c.get(url).text
    assert "<code>task_effective</code> · remove · Порядок" in shown
    assert "выстраивание эффективного взаимодействия с клиентами" in shown  # the template text beside it
    index = len(re.findall(r'name="part" value="procedure"', shown)) // 2 - 1  # the edit and delete forms
    version = dict(form_fields(shown, f"{url}/add"))["version"]
    r = c.post(f"{url}/delete", data={"csrf_token": fields["csrf_token"], "version": version, "part": "procedure",
                                      "index": str(index)}, follow_redirects=False)
    assert r.status_code == 303
    assert path.read_text(encoding="utf-8") == before  # deleted: the file as it was, byte for byte
    history = c.get(f"/agencies/{A}/history").text
    assert "добавлена замена пункта task_effective (remove)" in history
    assert f"удалена замена пункта task_effective (procedure.overrides[{index}])" in history
    # a form made from the version with the override is stale now
    assert c.post(f"{url}/add", data={**new, "version": version}).status_code == 409
    assert c.post(f"{url}/delete", data={"csrf_token": fields["csrf_token"], "version": version, "part": "order",
                                         "index": "0"}).status_code == 409


def test_override_form_problems_next_to_their_fields(agencies: Path) -> None:
    c = client(agencies)
    url = f"/agencies/{B}/overrides"
    path = agencies / f"{B}.toml"
    before = path.read_bytes()
    fields = dict(form_fields(c.get(url).text, f"{url}/add"))

    def field_block(html: str, name: str) -> str:
        block = html[html.index(f'id="f-{name}"'):]
        return block[:block.index("</div>")]

    cases = [
        ({"clause": "", "action": "text", "text": "Текст."}, "clause", "выберите пункт шаблона из списка"),
        ({"clause": "procedure:../../etc", "action": "text", "text": "Текст."}, "clause", "выберите пункт шаблона"),
        ({"clause": "procedure:purpose", "action": "rename", "text": "Текст."}, "action", "выберите действие"),
        ({"clause": "procedure:purpose", "action": "replace", "text": ""}, "text", "напишите текст"),
        ({"clause": "procedure:tasks", "action": "text", "text": "В {name:xyz}."}, "text",
         "неизвестный падеж «xyz»"),
        ({"clause": "procedure:purpose", "action": "text", "text": "Цель."}, "clause",
         "пункт «purpose» изменяется дважды"),
        ({"clause": "order:approve_procedure", "action": "replace", "text": "- Утвердить."}, "clause",
         "пункт «approve_procedure» изменяется дважды"),
    ]
    for given, field, message in cases:
        r = c.post(f"{url}/add", data={**fields, **given})
        assert r.status_code == 422, given
        assert message in field_block(r.text, field), (given, field_block(r.text, field))
        assert f'value="{given["action"]}" selected' in r.text or given["action"] == "rename"  # kept
    assert path.read_bytes() == before
    assert c.post(f"{url}/delete", data={"csrf_token": fields["csrf_token"], "version": fields["version"],
                                         "part": "procedure", "index": "999"}).status_code == 404
    assert c.post(f"{url}/delete", data={"csrf_token": fields["csrf_token"], "version": fields["version"],
                                         "part": "../x", "index": "0"}).status_code == 404
    assert path.read_bytes() == before


def test_an_edited_override_shows_its_problems_in_its_own_form(agencies: Path) -> None:
    """A saved override's new text that the check refuses: the overrides page again, the
    problem under that override's text, the text as typed kept there, the file untouched."""
    c = client(agencies)
    url = f"/agencies/{B}/overrides"
    path = agencies / f"{B}.toml"
    before = path.read_bytes()
    fields = dict(form_fields(c.get(url).text, url))  # the first override's form
    typed = "Цель — {name:xyz}."
    r = c.post(url, data={**fields, "text": typed})
    assert r.status_code == 422
    marked = f'class="override columns invalid" id="override-{fields["part"]}-{fields["index"]}"'
    own = r.text[r.text.index(marked):]
    own = own[:own.index("</article>")]
    assert "неизвестный падеж «xyz»" in own and f">{typed}</textarea>" in own
    assert "[register]" not in r.text  # not the raw TOML page
    assert path.read_bytes() == before


def test_register_xlsx_export_and_import_round_trip(agencies: Path) -> None:
    c = client(agencies)
    xlsx = c.get(f"/agencies/{B}/register.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    page = c.get(f"/agencies/{B}/register").text
    version = dict(form_fields(page, f"/agencies/{B}/register"))["version"]
    old = (agencies / f"{B}.toml").read_text(encoding="utf-8")
    r = c.post(f"/agencies/{B}/register/import", data={"csrf_token": token(page), "version": version},
               files={"file": ("perechen.xlsx", io.BytesIO(xlsx.content))}, follow_redirects=False)
    assert r.status_code == 303, r.text[:800]
    assert (agencies / f"{B}.toml").read_text(encoding="utf-8") == old  # the same rows: nothing to change


def test_create_a_body_and_a_region(agencies: Path) -> None:
    c = client(agencies)
    t = token(c.get("/new").text)
    data = {"csrf_token": t, "slug": "murmansk-sport", "name": "Комитет по физической культуре и спорту Мурманской "
            "области", "short": "Комитет", "region": "murmansk", "date": "2025-03-01", "number": "7",
            "signatory_position": "Председатель {name:gent}", "signatory": "А.А. Петров", "preamble": ""}
    assert c.post("/new", data=data, follow_redirects=False).headers["location"] == "/agencies/murmansk-sport"
    assert (agencies / "murmansk-sport.toml").is_file()
    assert c.post("/new", data={**data, "slug": "../evil"}).status_code == 422
    r = c.post("/regions/new", data={"csrf_token": t, "slug": "tver", "name": "Тверская область"},
               follow_redirects=False)
    assert r.status_code == 303 and 'name = "Тверская область"' in (agencies / "regions" / "tver.toml").read_text()
    assert c.post("/regions/new", data={"csrf_token": t, "slug": "../../x", "name": "x"}).status_code == 422
    assert not (agencies.parent.parent / "x.toml").exists()


REGION = "/regions/murmansk/edit"


def test_region_profile_edited_in_a_form(agencies: Path) -> None:
    """The profile's form, generated from the models: an unchanged form leaves every profile as
    it was; one value changed changes one line (comments kept), the body that uses the profile
    shows it, the history of the profile has the diff."""
    c = client(agencies)
    assert 'href="/regions/murmansk/edit"' in c.get("/regions/new").text
    for name in ("murmansk", "altai", "kaliningrad"):
        unchanged = (agencies / "regions" / f"{name}.toml").read_bytes()
        fields = form_fields(c.get(f"/regions/{name}/edit").text, f"/regions/{name}/edit")
        assert c.post(f"/regions/{name}/edit", data=as_data(fields), follow_redirects=False).status_code == 303
        assert (agencies / "regions" / f"{name}.toml").read_bytes() == unchanged, name
    page = c.get(REGION).text
    assert "Место издания" in page and 'name="blank.place" value="г. Мурманск"' in page  # label = the docstring
    assert 'name="order.signatory.person"' not in page  # a body's own keys are not a region's
    assert f'href="/agencies/{A}"' in page  # the bodies that use it
    path = agencies / "regions" / "murmansk.toml"
    before = path.read_text(encoding="utf-8")
    fields = form_fields(page, REGION)
    r = c.post(REGION, data=as_data(replace(fields, "blank.place", "г. Североморск")), follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/regions/murmansk/edit?saved=1"
    after = path.read_text(encoding="utf-8")
    changed = [(a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b]
    assert changed == [('place = "г. Мурманск"', 'place = "г. Североморск"')]
    assert "# Мурманская область: общее для всех органов области." in after
    assert "г. Североморск" in c.get(f"/agencies/{A}/download/md").text
    page = c.get(REGION).text
    assert "изменён профиль региона: blank.place" in page and "+place = &#34;г. Североморск&#34;" in page


def test_region_profile_problems_next_to_their_fields(agencies: Path) -> None:
    c = client(agencies)
    path = agencies / "regions" / "murmansk.toml"
    before = path.read_bytes()
    fields = form_fields(c.get(REGION).text, REGION)

    def field_block(html: str, name: str) -> str:
        block = html[html.index(f'id="f-{name}"'):]
        return block[:block.index('<div class="field')]

    r = c.post(REGION, data=as_data(replace(fields, "layout.margin_left_mm", "5")))
    assert r.status_code == 422 and "значение слишком мало" in field_block(r.text, "layout.margin_left_mm")
    r = c.post(REGION, data=as_data(replace(fields, "name", "")))
    assert r.status_code == 422 and "обязательный ключ отсутствует" in field_block(r.text, "name")
    r = c.post(REGION, data=as_data(replace(fields, "layout.font_size", "крупный")))
    assert r.status_code == 422 and "ожидается число" in field_block(r.text, "layout.font_size")
    # a profile that breaks a body that uses it: refused, with the body named
    r = c.post(REGION, data=as_data(replace(fields, "blank.template", "bilingual")))
    assert r.status_code == 422 and f"орган {A}:" in r.text and "на втором государственном языке" in r.text
    r = c.post(REGION, data=as_data(replace(fields, "blank.emblem", "emblems/nothing.png")))
    assert r.status_code == 422
    assert f"орган {A}: «emblems/nothing.png»: файла {agencies}/emblems/nothing.png нет" in \
        field_block(r.text, "blank.emblem").replace("&#34;", '"')
    assert path.read_bytes() == before


def test_region_profile_stale_save_refused(agencies: Path) -> None:
    c = client(agencies)
    path = agencies / "regions" / "murmansk.toml"
    fields = form_fields(c.get(REGION).text, REGION)
    on_disk = path.read_text(encoding="utf-8").replace('style = "appendix"', 'style = "grif"')
    path.write_text(on_disk, encoding="utf-8")  # changed in an editor meanwhile
    r = c.post(REGION, data=as_data(replace(fields, "blank.place", "г. Североморск")))
    assert r.status_code == 409 and "regions/murmansk.toml" in r.text
    assert '+style = &#34;grif&#34;' in r.text and "blank.place = г. Североморск" in r.text
    assert path.read_text(encoding="utf-8") == on_disk
    assert "изменение на диске" in c.get(REGION).text


def test_region_profile_editors_and_readers_refused(users: Path) -> None:
    path = users / "regions" / "murmansk.toml"
    before = path.read_bytes()
    fields = form_fields(as_user(users, "anna").get(REGION).text, REGION)
    for name in ("egor", "rita"):
        c = as_user(users, name)
        assert c.get(REGION).status_code == 403
        t = token(c.get("/").text)
        r = c.post(REGION, data=as_data(replace(replace(fields, "csrf_token", t), "blank.place", "г. Кола")))
        assert r.status_code == 403 and "доступно только администратору" in r.text
    assert path.read_bytes() == before


@pytest.mark.parametrize("name", ["%2E%2E", "..%2F..%2Fagencies%2Fmurmansk-tourism", "..%2Fmurmansk-tourism",
                                  "murmansk.toml", "MURMANSK", "-x", "nowhere", "a" * 200])
def test_region_profile_traversal_refused(agencies: Path, name: str) -> None:
    c = client(agencies)
    t = token(c.get("/").text)
    before = {p: p.read_bytes() for p in agencies.parent.rglob("*.toml")}
    assert c.get(f"/regions/{name}/edit").status_code == 404
    r = c.post(f"/regions/{name}/edit", data={"csrf_token": t, "version": "0", "name": "x"})
    assert r.status_code == 404 and "[agency]" not in r.text
    assert {p: p.read_bytes() for p in agencies.parent.rglob("*.toml")} == before


def test_region_profile_link_out_of_the_folder_refused(agencies: Path, tmp_path: Path) -> None:
    outside = tmp_path / "elsewhere.toml"
    outside.write_text('name = "Где-то"\n', encoding="utf-8")
    (agencies / "regions" / "linked.toml").symlink_to(outside)
    assert client(agencies).get("/regions/linked/edit").status_code == 404


# --- preview and downloads ---------------------------------------------------------------------

def test_preview_is_cached_by_content_and_refreshed_after_a_save(agencies: Path) -> None:
    renderer = FakeRenderer()
    c = client(agencies, renderer)
    first = c.get(f"/agencies/{A}/preview").text
    key = re.search(r'data-key="([0-9a-f]{32})"', first).group(1)  # type: ignore[union-attr]
    assert c.get(f"/agencies/{A}/preview").text == first and renderer.calls == 1  # cached
    page = c.get(f"/agencies/{A}/preview/{key}/page-01.png")
    assert page.status_code == 200 and page.content.startswith(b"\x89PNG page 1")
    assert (agencies.parent / ".prikaz" / "cache" / key / "page-02.png").is_file()
    assert not (agencies.parent / "out").exists()
    fields = form_fields(c.get(f"/agencies/{A}/edit").text, f"/agencies/{A}/edit")
    c.post(f"/agencies/{A}/edit", data=as_data(replace(fields, "order.signatory.person", "И.И. Иванова")))
    assert f'data-key="{key}"' not in c.get(f"/agencies/{A}/preview").text and renderer.calls == 2
    # a key of another body is not served under this one
    other = re.search(r'data-key="([0-9a-f]{32})"', c.get(f"/agencies/{B}/preview").text).group(1)  # type: ignore[union-attr]
    assert c.get(f"/agencies/{A}/preview/{other}/page-01.png").status_code == 404


def test_downloads(agencies: Path) -> None:
    c = client(agencies)
    docx = c.get(f"/agencies/{A}/download/docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert "prikaz.docx" in docx.headers["content-disposition"]
    md = c.get(f"/agencies/{A}/download/md")
    assert "Комитета по туризму Мурманской области" in md.text
    assert c.get(f"/agencies/{A}/download/pdf").content.startswith(b"%PDF")
    assert c.get(f"/agencies/{A}/download/exe").status_code == 404


def test_preview_typst(agencies: Path) -> None:
    """The real renderer: every page of the Typst PDF as PNG, and the download is that PDF,
    byte for byte the one «prikaz build» writes; the cache outlives the server."""
    c = client(agencies, TypstRenderer())
    first = c.get("/agencies/model/preview").text
    key = re.search(r'data-key="([0-9a-f]{32})"', first).group(1)  # type: ignore[union-attr]
    pages = re.findall(r'src="(/agencies/model/preview/[0-9a-f]{32}/page-\d+\.png)"', first)
    pdf = c.get("/agencies/model/download/pdf").content
    main(["--agencies", str(agencies), "build", "model", "--out", str(agencies.parent / "out")])
    assert pdf == next((agencies.parent / "out" / "model").glob("*.pdf")).read_bytes()
    assert len(pages) == len(PdfReader(io.BytesIO(pdf)).pages) >= 5
    png = c.get(pages[0]).content
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    renderer = CountingTypst()
    again = client(agencies, renderer).get("/agencies/model/preview").text  # a new server
    assert f'data-key="{key}"' in again and renderer.calls == 0


class CountingTypst(TypstRenderer):
    calls = 0

    def render(self, doc: Document) -> Rendering:
        self.calls += 1
        return super().render(doc)


# --- editions ----------------------------------------------------------------------------------

def test_sign_then_draft_an_amending_order(agencies: Path) -> None:
    c = client(agencies)
    t = token(c.get(f"/agencies/{A}/editions").text)
    wrong = c.post(f"/agencies/{A}/sign", data={"csrf_token": t, "date": "2024-03-01", "number": "21"})
    assert wrong.status_code == 422 and "реквизиты не совпадают" in wrong.text
    assert c.post(f"/agencies/{A}/sign", data={"csrf_token": t, "date": "2024-02-28", "number": "21"},
                  follow_redirects=False).status_code == 303
    assert len(list((agencies / f"{A}.editions").glob("*.toml"))) == 1
    assert "от 28.02.2024 № 21" in c.get(f"/agencies/{A}/editions").text
    nothing = c.post(f"/agencies/{A}/amend", data={"csrf_token": t, "date": "2024-06-01", "number": "40"})
    assert nothing.status_code == 422 and "изменений нет" in nothing.text
    fields = form_fields(c.get(f"/agencies/{A}/edit").text, f"/agencies/{A}/edit")
    c.post(f"/agencies/{A}/edit", data=as_data(replace(fields, "procedure.update_days", "5")))
    assert "ждут приказа о внесении изменений" in c.get("/").text
    r = c.post(f"/agencies/{A}/amend", data={"csrf_token": t, "date": "2024-06-01", "number": "40"})
    assert r.status_code == 200 and "В пункте 5.4 слова «10 рабочих» заменить словами «5 рабочих»" in r.text
    assert "[-10 рабочих-] {+5 рабочих+}" in r.text  # the redline beside it
    md = c.get(f"/agencies/{A}/amend/izmeneniya.md?date=2024-06-01&number=40")
    assert md.status_code == 200 and "О внесении изменения в приказ" in md.text
    assert c.get(f"/agencies/{A}/amend/izmeneniya.md?date=2024-06-01&number=").status_code == 422
    assert c.get(f"/agencies/{A}/amend/../../etc.md?date=2024-06-01&number=40").status_code == 404


def test_adopt_a_signed_order_from_its_file(users: Path) -> None:
    """A body signed before prikaz: its signed document uploaded, compared, then recorded as
    the first edition with the signed words; a reader may not do it, a file of another kind
    is refused."""
    from generator.compose import compose
    from generator.config import load_agency
    from generator.writers.docx import build as docx

    agencies = users
    signed = docx(compose(load_agency(agencies / f"{A}.toml"), A))  # the order as it was signed
    c = as_user(users, "egor")
    t = token(c.get(f"/agencies/{A}/editions").text)
    fields = {"csrf_token": t, "date": "2024-02-28", "number": "21"}
    files = {"file": ("приказ.docx", signed, "application/octet-stream")}
    checked = c.post(f"/agencies/{A}/adopt", data={**fields, "mode": "check"}, files=files)
    assert checked.status_code == 200 and "сопоставлено единиц" in checked.text and "Сверка без записи" in checked.text
    assert not (agencies / f"{A}.editions").exists()
    bad = c.post(f"/agencies/{A}/adopt", data={**fields, "mode": "check"},
                 files={"file": ("../../приказ.exe", b"MZ", "application/octet-stream")})
    assert bad.status_code == 422 and "ожидается файл .docx, .pdf или .txt" in bad.text
    written = c.post(f"/agencies/{A}/adopt", data={**fields, "mode": "write"}, files=files)
    assert written.status_code == 200 and "Редакция с подписанным текстом записана" in written.text
    assert len(list((agencies / f"{A}.editions").glob("*.toml"))) == 1
    reader = as_user(users, "rita")
    t2 = token(reader.get(f"/agencies/{A}/editions").text)
    assert reader.post(f"/agencies/{A}/adopt", data={**fields, "csrf_token": t2, "mode": "check"},
                       files=files).status_code == 403


# --- users, roles, login -------------------------------------------------------------------------

def test_login_page_and_wrong_password(users: Path) -> None:
    c = client(users)
    assert c.get("/", follow_redirects=False).headers["location"].startswith("/login")
    page = c.get("/login").text
    for name in ('name="username"', 'name="password"', 'type="hidden" name="csrf_token"'):
        assert name in page
    r = c.post("/login", data={"username": "egor", "password": "не тот пароль", "csrf_token": token(page)})
    assert r.status_code == 401 and "неверное имя пользователя или пароль" in r.text
    login(c, "egor")
    assert c.get("/").status_code == 200


def test_login_throttling(users: Path) -> None:
    c = client(users)
    t = token(c.get("/login").text)
    for _ in range(5):
        assert c.post("/login", data={"username": "anna", "password": "x" * 12, "csrf_token": t}).status_code == 401
    r = c.post("/login", data={"username": "anna", "password": PASSWORD, "csrf_token": t})
    assert r.status_code == 429 and "слишком много неудачных попыток" in r.text


def test_session_is_renewed_at_login_and_ends_at_logout(users: Path) -> None:
    c = client(users)
    c.get("/login")
    before = c.cookies.get("prikaz_session")
    login(c, "anna")
    assert c.cookies.get("prikaz_session") != before
    t = token(c.get("/").text)
    assert c.post("/logout", data={"csrf_token": t}, follow_redirects=False).status_code == 303
    assert c.get("/", follow_redirects=False).status_code == 303


def test_logout_ends_the_session_on_the_server(users: Path) -> None:
    """A copy of the session cookie taken before the logout opens nothing after it."""
    c = as_user(users, "anna")
    stolen = client(users)
    stolen.cookies.set("prikaz_session", c.cookies["prikaz_session"])
    assert stolen.get("/users", follow_redirects=False).status_code == 200  # the copy works while the session lives
    assert c.post("/logout", data={"csrf_token": token(c.get("/").text)}, follow_redirects=False).status_code == 303
    r = stolen.get("/users", follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/login")
    assert stolen.post("/users/rita/delete", data={"csrf_token": token(stolen.get("/login").text)},
                       follow_redirects=False).status_code == 401
    assert Storage(state_dir(users)).user("rita") is not None


def test_role_change_and_deletion_end_the_users_sessions(users: Path) -> None:
    admin = as_user(users, "anna")
    t = token(admin.get("/users").text)
    egor, rita = as_user(users, "egor"), as_user(users, "rita")
    assert egor.get(f"/agencies/{A}/edit", follow_redirects=False).status_code == 200
    r = admin.post("/users/egor/role", data={"csrf_token": t, "role": "reader", "agencies": [A]},
                   follow_redirects=False)
    assert r.status_code == 303
    assert egor.get(f"/agencies/{A}/edit", follow_redirects=False).status_code == 303  # signed out
    login(egor, "egor")
    t2 = token(egor.get(f"/agencies/{A}/raw").text)
    assert egor.post(f"/agencies/{A}/raw", data={"csrf_token": t2, "text": "x"}).status_code == 403  # a reader now
    assert "изменена роль пользователя egor: reader" in [e.action for e in Storage(state_dir(users)).history("")]
    assert admin.post("/users/rita/delete", data={"csrf_token": t}, follow_redirects=False).status_code == 303
    assert rita.get(f"/agencies/{A}", follow_redirects=False).status_code == 303
    # replacing a user (a new password) signs them out as well
    admin.post("/users", data={"csrf_token": t, "name": "egor", "password": PASSWORD + "!", "role": "editor",
                               "agencies": [A]})
    assert egor.get(f"/agencies/{A}", follow_redirects=False).status_code == 303
    bad = admin.post("/users/egor/role", data={"csrf_token": t, "role": "admin", "agencies": [A]})
    assert bad.status_code == 422 and "администратору доступны все органы" in bad.text
    assert admin.post("/users/anna/role", data={"csrf_token": t, "role": "reader"}).status_code == 422
    assert admin.post("/users/nobody/role", data={"csrf_token": t, "role": "reader"}).status_code == 422


@pytest.mark.parametrize(("column", "hours"), [("created", 12), ("seen", 4)])
def test_sessions_expire(users: Path, column: str, hours: int) -> None:
    """12 hours after the login, or 4 hours without a request, the session is over."""
    c = as_user(users, "egor")
    url = f"/agencies/{A}"
    assert c.get(url, follow_redirects=False).status_code == 200
    db = sqlite3.connect(state_dir(users) / "workspace.sqlite3")
    with db:
        db.execute(f"UPDATE sessions SET {column} = {column} - ?", (hours * 3600 - 120,))
    assert c.get(url, follow_redirects=False).status_code == 200  # not yet (two minutes left); «seen» renewed
    with db:
        db.execute(f"UPDATE sessions SET {column} = {column} - ?", (hours * 3600 + 60,))
    assert c.get(url, follow_redirects=False).status_code == 303
    assert db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0] == 0  # the expired row is gone
    db.close()


def test_sessions_are_stored_by_hash(users: Path) -> None:
    c = as_user(users, "anna")
    db = sqlite3.connect(state_dir(users) / "workspace.sqlite3")
    stored = [sid for (sid,) in db.execute("SELECT sid FROM sessions")]
    db.close()
    sid = c.app.state.sessions.read(c.cookies["prikaz_session"]).sid  # type: ignore[attr-defined]
    assert len(stored) == 1 and sid not in stored and re.fullmatch(r"[0-9a-f]{64}", stored[0])


def test_passwords_are_argon2_hashes(users: Path) -> None:
    db = sqlite3.connect(state_dir(users) / "workspace.sqlite3")
    hashes = [h for (h,) in db.execute("SELECT hash FROM users")]
    assert len(hashes) == 3 and all(h.startswith("$argon2id$") and PASSWORD not in h for h in hashes)


GETS = ["/agencies/{s}", "/agencies/{s}/edit", "/agencies/{s}/register", "/agencies/{s}/raw",
        "/agencies/{s}/overrides", "/agencies/{s}/editions", "/agencies/{s}/history", "/agencies/{s}/preview",
        "/agencies/{s}/download/docx", "/agencies/{s}/download/md", "/agencies/{s}/download/pdf",
        "/agencies/{s}/register.xlsx"]
POSTS = ["/agencies/{s}/edit", "/agencies/{s}/raw", "/agencies/{s}/overrides", "/agencies/{s}/overrides/add",
         "/agencies/{s}/overrides/delete", "/agencies/{s}/register",
         "/agencies/{s}/register/import", "/agencies/{s}/sign", "/agencies/{s}/amend"]
ADMIN_GETS = ["/users", "/new", "/regions/new", "/regions/murmansk/edit"]
ADMIN_POSTS = ["/users", "/new", "/regions/new", "/regions/murmansk/edit", "/users/rita/role", "/users/rita/delete"]


@pytest.mark.parametrize("role", ["anna", "egor", "rita", None])
def test_rights_matrix(users: Path, role: str | None) -> None:
    """Every route × every role: an editor or a reader of A gets 404 on B; a reader gets
    403 on A's actions; only the administrator reaches the users, new bodies and regions."""
    c = as_user(users, role)
    t = token(c.get("/login" if role is None else "/").text)
    files = sorted(p.name for p in users.rglob("*") if p.is_file())
    for slug in (A, B):
        sees = role == "anna" or (role in ("egor", "rita") and slug == A)
        for url in GETS:
            r = c.get(url.format(s=slug), follow_redirects=False)
            expected = 303 if role is None else (200 if sees else 404)
            assert r.status_code == expected, (role, url, slug, r.status_code)
        for url in POSTS:
            r = c.post(url.format(s=slug), data={"csrf_token": t, "version": "0" * 64, "date": "2030-01-01",
                                                 "number": "1"}, follow_redirects=False)
            changes = role == "anna" or (role == "egor" and slug == A)
            if role is None:
                expected_set = {401}
            elif not sees:
                expected_set = {404}
            elif not changes:
                expected_set = {403}
            else:
                expected_set = {200, 303, 404, 409, 422}  # reached: the action's own answer
            assert r.status_code in expected_set, (role, url, slug, r.status_code)
    for url in ADMIN_GETS:
        r = c.get(url, follow_redirects=False)
        assert r.status_code == {"anna": 200, None: 303}.get(role, 403), (role, url)
    for url in ADMIN_POSTS:
        r = c.post(url, data={"csrf_token": t}, follow_redirects=False)
        assert r.status_code in ({409, 422, 303} if role == "anna" else {401} if role is None else {403}), (role, url)
    if role != "anna":
        assert sorted(p.name for p in users.rglob("*") if p.is_file()) == files  # nothing written


@pytest.mark.parametrize("url", POSTS + ADMIN_POSTS + ["/logout"])
def test_csrf_refused(agencies: Path, url: str) -> None:
    """Without the token, or with the token of another session, every form is refused (403)
    and nothing is written; single-user mode included."""
    c = client(agencies)
    other = client(agencies)
    foreign = token(other.get("/").text)
    before = {p: p.read_bytes() for p in agencies.rglob("*.toml")}
    for data in ({}, {"csrf_token": foreign}, {"csrf_token": "0" * 64}):
        r = c.post(url.format(s=A), data={**data, "date": "2024-02-28", "number": "21", "slug": "x",
                                          "name": "x", "text": "x"})
        assert r.status_code == 403 and "CSRF" in r.text, (url, data)
    assert {p: p.read_bytes() for p in agencies.rglob("*.toml")} == before
    assert not (agencies / f"{A}.editions").exists()


@pytest.mark.parametrize("slug", ["%2E%2E", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "regions%2Fmurmansk",
                                  "murmansk-tourism.toml", "MURMANSK-TOURISM%00", "-x", "a" * 200])
def test_traversal_refused(agencies: Path, slug: str) -> None:
    c = client(agencies)
    for url in ("/agencies/{s}", "/agencies/{s}/raw", "/agencies/{s}/download/md"):
        r = c.get(url.format(s=slug))
        assert r.status_code == 404, (url, slug)
        assert "root:" not in r.text and "[agency]" not in r.text


def test_link_out_of_the_agencies_folder_refused(agencies: Path, tmp_path: Path) -> None:
    outside = tmp_path / "secret.toml"
    outside.write_text((agencies / f"{A}.toml").read_text(encoding="utf-8"), encoding="utf-8")
    (agencies / "linked.toml").symlink_to(outside)
    c = client(agencies)
    assert c.get("/agencies/linked/raw").status_code == 404
    assert c.get(f"/agencies/{A}/preview/../../../../etc/passwd").status_code == 404


def test_users_page_and_cli(agencies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--agencies", str(agencies), "user", "add", "anna", "--role", "admin"]) == 0
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    assert main(["--agencies", str(agencies), "user", "add", "egor", "--role", "editor", "--agency", "../x"]) == 2
    c = client(agencies)
    login(c, "anna")
    t = token(c.get("/users").text)
    r = c.post("/users", data={"csrf_token": t, "name": "vera", "password": PASSWORD, "role": "editor",
                               "agencies": [B]}, follow_redirects=False)
    assert r.status_code == 303
    vera = client(agencies)
    login(vera, "vera")
    assert vera.get(f"/agencies/{B}/edit").status_code == 200 and vera.get(f"/agencies/{A}").status_code == 404
    assert c.post("/users", data={"csrf_token": t, "name": "short", "password": "123", "role": "reader"}
                  ).status_code == 422


@pytest.mark.parametrize("address", ["192.0.2.7", "10.0.0.1", "::ffff:192.0.2.7", "testclient", ""])
def test_single_user_refuses_other_computers(agencies: Path, address: str) -> None:
    """Without users, a request from any address but this computer's is refused (403), pages,
    forms and static files alike, and nothing is written."""
    c = TestClient(create_app(agencies, renderer=FakeRenderer()), client=(address, 40000))
    before = {p: p.read_bytes() for p in agencies.rglob("*.toml")}
    for r in (c.get("/"), c.get(f"/agencies/{A}/raw"), c.get("/static/htmx.min.js"),
              c.post(f"/agencies/{A}/raw", data={"text": "x", "version": "0"})):
        assert r.status_code == 403
        assert "без пользователей открыто только на этом компьютере" in r.text and "[agency]" not in r.text
        assert r.headers["x-frame-options"] == "DENY"
    assert "Выйти" not in c.get("/").text and 'name="csrf_token"' not in c.get("/").text
    assert {p: p.read_bytes() for p in agencies.rglob("*.toml")} == before


@pytest.mark.parametrize("address", ["127.0.0.1", "127.0.0.5", "::1", "::ffff:127.0.0.1"])
def test_single_user_answers_this_computer(agencies: Path, address: str) -> None:
    c = TestClient(create_app(agencies, renderer=FakeRenderer()), client=(address, 40000))
    assert c.get("/", follow_redirects=False).status_code == 200


def test_single_user_behind_a_proxy_refuses_the_forwarded_address(agencies: Path) -> None:
    """Behind a reverse proxy on this computer (uvicorn trusts its X-Forwarded-For, as «prikaz
    serve» sets it up), the address that counts is the visitor's."""
    from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

    app = ProxyHeadersMiddleware(create_app(agencies, renderer=FakeRenderer()),  # type: ignore[arg-type]
                                 trusted_hosts="127.0.0.1")
    c = TestClient(app, client=LOCAL_CLIENT)  # type: ignore[arg-type]
    assert c.get("/", headers={"X-Forwarded-For": "203.0.113.9"}).status_code == 403
    assert c.get("/", headers={"X-Forwarded-For": "127.0.0.1"}).status_code == 200


def test_remote_clients_may_log_in_once_users_exist(users: Path) -> None:
    c = TestClient(create_app(users, renderer=FakeRenderer()), client=("192.0.2.7", 40000))
    assert c.get("/", follow_redirects=False).headers["location"].startswith("/login")
    login(c, "egor")
    assert c.get(f"/agencies/{A}", follow_redirects=False).status_code == 200


def test_serve_refuses_other_hosts_without_users(agencies: Path) -> None:
    assert main(["--agencies", str(agencies), "serve", "--host", "0.0.0.0"]) == 2


def test_serve_sets_the_time_limit_of_its_previews(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """«prikaz serve --pdf-timeout» limits every preview and PDF the workspace typesets, as
    the option does for build; a limit that is not a number of seconds is refused."""
    import uvicorn

    from generator.writers.typst import typesetter

    served: list[float] = []
    monkeypatch.setattr(uvicorn, "run", lambda *_a, **_k: served.append(typesetter._limit))
    monkeypatch.setattr(typesetter, "_limit", typesetter.DEFAULT_LIMIT)
    agencies = tmp_path / "agencies"
    agencies.mkdir()
    assert main(["--agencies", str(agencies), "serve", "--pdf-timeout", "45"]) == 0
    assert served == [45.0]
    with pytest.raises(SystemExit) as e:
        main(["--agencies", str(agencies), "serve", "--pdf-timeout", "0"])
    assert e.value.code == 2 and "ожидается число секунд от 1 до 86400" in capsys.readouterr().err
