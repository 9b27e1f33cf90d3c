"""``perfaudit serve``: the reviewer's workbench in the browser (see :mod:`perfaudit.serve.app`).

    perfaudit serve                      # season folder ./perfaudit-review, http://127.0.0.1:8765
    perfaudit serve 2024秋季 --port 9000 --no-browser

Modules: ``app`` (routes and safety), ``views`` (request handlers), ``jobs`` (the batch in the
background), ``store`` (the season's SQLite database), ``decisions`` (accepted 意见 -> letter).
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_PORT = 8765


def serve(season: str | Path, host: str = "127.0.0.1", port: int = DEFAULT_PORT, open_browser: bool = True,
          jobs: int | None = None, lang: str = "zh") -> None:  # fmt: skip
    """Run the workbench until interrupted."""
    import threading
    import webbrowser

    import uvicorn

    from .app import LOOPBACK, create_app

    extra = () if host in LOOPBACK or host in ("0.0.0.0", "::") else (host,)
    app = create_app(season, jobs=jobs, extra_hosts=extra, lang=lang)
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    if open_browser:
        threading.Timer(1.0, webbrowser.open, args=(url,)).start()
    uvicorn.run(app, host=host, port=port, log_level="warning")
