"""The workbench's request handlers (see :mod:`perfaudit.serve.app` for the routes and safety)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path, PurePath
from typing import Any

from .. import i18n
from ..review import VERDICTS
from . import decisions as dec
from .store import Store
from .texts import text


@dataclass
class State:
    season: Path
    store: Store
    jobs: Any
    templates: Any
    lang: str = "zh"  # the language of every page, letter and export (perfaudit serve --lang)


def _wb(request) -> State:
    return request.app.state.wb


def _json(data: Any, status: int = 200):
    from starlette.responses import JSONResponse

    return JSONResponse(data, status_code=status)


def _not_found(what: str = "未找到 / not found"):
    from starlette.responses import PlainTextResponse

    return PlainTextResponse(what, status_code=404)


def _data(request):
    return _wb(request).store.file_data(int(request.path_params["fid"]))


# --------------------------------------------------------------------------- overview


def file_summary(store: Store, d: dict[str, Any], lang: str = "zh") -> dict[str, Any]:
    """One file's line and its projects' lines in the overview."""
    fr = dec.file_review(d)
    decided = store.decisions(d["id"])
    verdicts = store.verdicts(d["id"])
    projects = []
    for p in fr.projects:
        states = [dec.status_of(decided, o.id) for o in p.opinions]
        projects.append({
            "pid": p.project_id, "index": p.index, "code": p.code or "", "name": p.name or "",
            "unit": p.unit_name or "、".join(fr.unit_names), "verdict": dec.project_verdict(p, decided, verdicts),
            "opinions": len(p.opinions), "accepted": states.count(dec.ACCEPTED),
            "dismissed": states.count(dec.DISMISSED), "open": states.count(dec.OPEN),
        })  # fmt: skip
    final = dec.decided_review(fr, decided, verdicts)
    return {"id": d["id"], "name": d["name"], "status": d["result"]["status"], "message": d["result"]["message"],
            "units": "、".join(fr.unit_names), "verdict": final.verdict, "projects": projects,
            "overall": [{"id": o.id, "text": dec.shown_text(o, decided, lang), "state": dec.status_of(decided, o.id)}
                        for o in fr.overall]}  # fmt: skip


async def overview(request):
    wb = _wb(request)
    files = [file_summary(wb.store, wb.store.file_data(row["id"]), wb.lang) for row in wb.store.files()]
    return wb.templates.TemplateResponse(request, "overview.html", {
        "files": files, "db": str(wb.store.path), "season": str(wb.season), "verdicts": VERDICTS,
    })  # fmt: skip


def _error(wb: State, key: str, status: int = 400):
    return _json({"error": text(key, wb.lang)}, status)


# --------------------------------------------------------------------------- project view


def _page_sizes(pdf_path: str, pages: list[int]) -> dict[int, tuple[float, float]]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf_path)
    try:
        return {n: tuple(doc[n - 1].get_size()) for n in pages if 1 <= n <= len(doc)}
    finally:
        doc.close()


def _project_pages(d: dict[str, Any], pid: str) -> list[int]:
    """The pages to show for a project: where its rows are, and (PDFs) the pages the extractor read it on."""
    pages = {b[2] for b in d["boxes"] if b[0] == pid}
    projects, idx = d["result"]["projects"], int(pid) - 1
    if PurePath(d["path"]).suffix.lower() == ".pdf" and 0 <= idx < len(projects):
        pages |= set(projects[idx].get("pages") or [])
    return sorted(pages) or [1]


def project_context(wb: State, d: dict[str, Any], pid: str) -> dict[str, Any] | None:
    from ..report.annotate import marks

    fr = dec.file_review(d)
    p = next((x for x in fr.projects if x.project_id == pid), None)
    if p is None:
        return None
    decided, verdicts = wb.store.decisions(d["id"]), wb.store.verdicts(d["id"])
    boxes = {(b[0], b[1]): (b[2], tuple(b[3])) for b in d["boxes"]}
    own = {o.id for o in p.opinions}
    pages = _project_pages(d, pid)
    sizes = _page_sizes(d["page_pdf"], pages) if d.get("page_pdf") else {}
    shown = []
    for n in pages:
        w, h = sizes.get(n, (0, 0))
        ms = [m for m in marks(fr, boxes) if m.page == n and m.opinion in own and m.boxes and w]
        rects = [{"opinion": m.opinion, "level": m.level, "state": dec.status_of(decided, m.opinion),
                  "left": 100 * b[0] / w, "top": 100 * b[1] / h, "width": 100 * (b[2] - b[0]) / w,
                  "height": 100 * (b[3] - b[1]) / h} for m in ms for b in m.boxes]  # fmt: skip
        shown.append({"page": n, "rects": rects, "ratio": 100 * h / w if w else 141})
    rows_with = {}
    for o in p.opinions:
        for r in o.rows:
            rows_with.setdefault(r, []).append(o.id)
    indicators = [i for proj in d["result"]["projects"][int(pid) - 1 : int(pid)] for i in proj["indicators"]]
    ops = [{"o": o, "text": dec.shown_text(o, decided, wb.lang), "state": dec.status_of(decided, o.id),
            "reason": (decided.get(o.id) or {}).get("reason") or "", "edited": bool((decided.get(o.id) or {}).get("text")),
            "basis": i18n.t("review.basis", wb.lang, docs="、".join(o.basis)) if o.basis else ""}
           for o in p.opinions]  # fmt: skip
    return {"file": d, "fr": fr, "p": p, "pages": shown, "has_image": bool(sizes), "indicators": indicators,
            "rows_with": rows_with, "ops": ops, "verdict": dec.project_verdict(p, decided, verdicts),
            "verdict_set": pid in verdicts, "verdicts": VERDICTS, "db": str(wb.store.path),
            "projects": fr.projects}  # fmt: skip


async def project(request):
    wb = _wb(request)
    d = _data(request)
    ctx = project_context(wb, d, request.path_params["pid"]) if d else None
    if ctx is None:
        return _not_found()
    return wb.templates.TemplateResponse(request, "project.html", ctx)


async def page_image(request):
    """A page of the file (or of its rendering) as PNG, cached under the season's cache/."""
    from starlette.responses import FileResponse

    wb = _wb(request)
    d = _data(request)
    n = int(request.path_params["page"])
    if not d or not d.get("page_pdf"):
        return _not_found()
    cache = wb.season / "cache" / f"{d['id']}-{n}.png"
    if not cache.exists():
        ok = await asyncio.to_thread(_render, d["page_pdf"], n, cache)
        if not ok:
            return _not_found()
    return FileResponse(cache, media_type="image/png")


def _render(pdf_path: str, n: int, target: Path) -> bool:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf_path)
    try:
        if not 1 <= n <= len(doc):
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        doc[n - 1].render(scale=2).to_pil().save(target)
        return True
    finally:
        doc.close()


# --------------------------------------------------------------------------- decisions


async def _body(request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


async def decide(request):
    """``{"action": "accept" | "dismiss" | "reopen" | "edit", "reason": …, "text": …}``"""
    wb = _wb(request)
    fid, oid = int(request.path_params["fid"]), request.path_params["oid"]
    body = await _body(request)
    action = body.get("action")
    current = wb.store.decisions(fid).get(oid, {}).get("status")
    status = {"accept": dec.ACCEPTED, "dismiss": dec.DISMISSED, "reopen": None}.get(action, current)
    if action not in ("accept", "dismiss", "reopen", "edit"):
        return _error(wb, "err.action")
    if action == "dismiss" and not str(body.get("reason") or "").strip():
        return _error(wb, "err.reason")
    text = str(body["text"]) if action == "edit" and body.get("text") is not None else None
    if action == "edit" and text is not None and not text.strip():
        text = ""  # empty: back to the tool's wording
    try:
        reason = (
            str(body.get("reason") or "")
            if action == "dismiss"
            else wb.store.decisions(fid).get(oid, {}).get("reason")
        )
        wb.store.decide(fid, oid, status, reason, text)
    except KeyError:
        return _not_found()
    return _json(
        {"ok": True, "opinion": oid, "state": status or dec.OPEN, **wb.store.decisions(fid).get(oid, {})}
    )


async def verdict(request):
    wb = _wb(request)
    fid, pid = int(request.path_params["fid"]), request.path_params["pid"]
    body = await _body(request)
    value = body.get("verdict") or None
    if value is not None and value not in VERDICTS:
        return _error(wb, "err.verdict")
    if wb.store.file_data(fid) is None:
        return _not_found()
    wb.store.set_verdict(fid, pid, value)
    return _json({"ok": True, "verdict": value})


# --------------------------------------------------------------------------- upload and progress


async def upload(request):
    from .files import MAX_UPLOAD_FILES, inside, safe_parts, stamp

    wb = _wb(request)
    form = await request.form(max_files=MAX_UPLOAD_FILES, max_fields=50)
    root = wb.season / "uploads" / stamp()
    paths: list[str] = []
    for item in form.getlist("files"):
        if not hasattr(item, "read"):
            continue
        parts = safe_parts(item.filename or "")
        if not parts:
            continue
        target = root.joinpath(*parts)
        if not inside(root, target):
            continue
        while target.exists():
            target = target.with_name("_" + target.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(await item.read())
        paths.append(str(target))
    await form.close()
    if not paths:
        return _error(wb, "err.no.files")
    job = wb.jobs.start(paths)
    return _json(job.to_dict())


async def job(request):
    j = _wb(request).jobs.get(request.path_params["job"])
    return _json(j.to_dict()) if j else _not_found()


# --------------------------------------------------------------------------- downloads


async def letter(request):
    """The 审核意见书 of one file from its ACCEPTED 意见, the reviewer's wording and verdicts."""
    import io

    from starlette.responses import Response

    from ..report.letter_docx import build_letter_docx
    from ..review.letter import letter_filename, letter_of
    from .files import attachment

    wb = _wb(request)
    d = _data(request)
    if not d:
        return _not_found()
    fr = dec.decided_review(dec.file_review(d), wb.store.decisions(d["id"]), wb.store.verdicts(d["id"]))
    buf = io.BytesIO()
    build_letter_docx(letter_of(fr, wb.lang)).save(buf)
    return Response(buf.getvalue(), headers={"Content-Disposition": attachment(letter_filename(d["path"], "docx"))},
                    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")  # fmt: skip


async def batch_export(request):
    """Every checked file of the season as the CLI's findings CSV or xlsx workbook."""
    from starlette.responses import FileResponse

    from ..extract.serialize import result_from_dict
    from ..models import Finding
    from .files import attachment, stamp

    wb = _wb(request)
    kind = request.path_params["kind"]
    if kind not in ("csv", "xlsx"):
        return _not_found()
    results, findings = [], []
    for row in wb.store.files():
        d = wb.store.file_data(row["id"])
        results.append(result_from_dict({**d["result"], "message_en": d.get("message_en")}))
        findings += [Finding(**f) for f in d["findings"]]
    target = wb.season / "exports" / f"perfaudit-{stamp()}.{kind}"
    target.parent.mkdir(parents=True, exist_ok=True)
    if kind == "csv":
        from ..report.csv import write_findings_csv

        await asyncio.to_thread(write_findings_csv, target, findings, wb.lang, results)
    else:
        from ..report.xlsx import write_check_xlsx

        await asyncio.to_thread(write_check_xlsx, target, results, findings, wb.lang)
    return FileResponse(
        target, headers={"Content-Disposition": attachment(f"{text('export.name', wb.lang)}.{kind}")}
    )
