"""``perfaudit serve``: the reviewer's workbench, a Starlette application on the loopback.

Pages: ``/`` (drop files, progress, batch overview), ``/files/{fid}/projects/{pid}`` (the page
image with the rows marked, the extracted table, the 意见 with accept / dismiss / edit and the
verdict).  JSON: ``/api/upload``, ``/api/jobs/{id}``, ``/api/files/{fid}/opinions/{oid}``,
``/api/files/{fid}/projects/{pid}/verdict``.  Downloads: the letter of a file from its
accepted 意见, the batch CSV/xlsx.

Safety: only Host names of the loopback (or the one asked for) are answered; a POST from
another site's page is refused (Origin check); uploads are written under the season's
``uploads/`` with every path part cleaned; files are found by their database id, never by a
path from the request; templates escape every text (Jinja2 autoescape); a strict CSP.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from .files import safe_parts  # noqa: F401 (moved there; kept importable from here)
from .store import DB_NAME, Store

HERE = Path(__file__).parent
LOOPBACK = ("127.0.0.1", "localhost", "::1", "[::1]")
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'")  # fmt: skip


def create_app(
    season: str | Path, jobs: int | None = None, extra_hosts: tuple[str, ...] = (), lang: str = "zh"
):
    from starlette.applications import Starlette
    from starlette.middleware import Middleware
    from starlette.middleware.trustedhost import TrustedHostMiddleware
    from starlette.routing import Mount, Route
    from starlette.staticfiles import StaticFiles

    from . import views
    from .jobs import Jobs

    season = Path(season).resolve()
    store = Store(season / DB_NAME)
    lang = "en" if lang == "en" else "zh"
    state = views.State(season=season, store=store, jobs=Jobs(store, season, jobs), templates=_templates(lang),
                        lang=lang)  # fmt: skip
    hosts = [h.strip("[]") for h in LOOPBACK + tuple(extra_hosts)] + ["[::1]"]
    app = Starlette(
        routes=[
            Route("/", views.overview),
            Route("/files/{fid:int}/projects/{pid}", views.project),
            Route("/files/{fid:int}/pages/{page:int}.png", views.page_image),
            Route("/files/{fid:int}/letter.docx", views.letter),
            Route("/export/batch.{kind}", views.batch_export),
            Route("/api/upload", views.upload, methods=["POST"]),
            Route("/api/jobs/{job}", views.job),
            Route("/api/files/{fid:int}/opinions/{oid}", views.decide, methods=["POST"]),
            Route("/api/files/{fid:int}/projects/{pid}/verdict", views.verdict, methods=["POST"]),
            Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
        ],
        middleware=[Middleware(TrustedHostMiddleware, allowed_hosts=hosts), Middleware(Guard)],
    )
    app.state.wb = state

    return app


def _templates(lang: str):
    """The page templates, with the texts of ``lang`` (perfaudit/serve/texts.py) as their globals."""
    from functools import partial

    from starlette.templating import Jinja2Templates

    from .. import i18n
    from .texts import script_texts, text

    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.globals.update(
        lang=lang, t=partial(text, lang=lang), js_texts=script_texts(lang),
        label=lambda kind, value: i18n.label(kind, value, lang),
    )  # fmt: skip
    return templates


class Guard:
    """Refuse a POST sent from another site's page (its Origin is not ours); add the safety headers."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        from starlette.datastructures import Headers, MutableHeaders
        from starlette.responses import PlainTextResponse

        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        if (
            scope["method"] not in ("GET", "HEAD")
            and origin
            and urlsplit(origin).netloc != headers.get("host")
        ):
            return await PlainTextResponse("跨站请求被拒绝 / cross-site request refused", 403)(
                scope, receive, send
            )

        async def send_safe(message):
            if message["type"] == "http.response.start":
                h = MutableHeaders(scope=message)
                h["Content-Security-Policy"] = CSP
                h["X-Content-Type-Options"] = "nosniff"
                h["Referrer-Policy"] = "no-referrer"
            await send(message)

        await self.app(scope, receive, send_safe)
