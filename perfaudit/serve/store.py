"""The review season's SQLite database: what was checked, and every decision the reviewer made.

One file per season (``<season folder>/perfaudit-review.sqlite``).  Tables:

* ``files``: one checked document: its extraction (JSON shape of ``perfaudit extract``),
  row boxes, findings and review, so a restarted server shows it without reading it again;
* ``opinions``: one 意见 as the tool wrote it (lead rule, every rule folded in, level, text);
* ``decisions``: the reviewer's word on a 意见: ``accepted`` / ``dismissed`` (with a reason),
  and an edited wording; ``verdicts``: a project verdict the reviewer changed.

Every write commits at once: closing the browser or the server loses nothing.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

DB_NAME = "perfaudit-review.sqlite"
DECISIONS = ("accepted", "dismissed")

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    path TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    message TEXT NOT NULL,
    data TEXT NOT NULL,
    checked_at REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS opinions (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    opinion TEXT NOT NULL,
    project_id TEXT,
    lead_rule TEXT NOT NULL,
    rules TEXT NOT NULL,
    level TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (file_id, opinion)
);
CREATE TABLE IF NOT EXISTS decisions (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    opinion TEXT NOT NULL,
    status TEXT,
    reason TEXT,
    text TEXT,
    decided_at REAL NOT NULL,
    PRIMARY KEY (file_id, opinion)
);
CREATE TABLE IF NOT EXISTS verdicts (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    project_id TEXT NOT NULL,
    verdict TEXT NOT NULL,
    decided_at REAL NOT NULL,
    PRIMARY KEY (file_id, project_id)
);
"""


def _review_dict(fr) -> dict[str, Any]:
    """A FileReview as JSON, without the findings inside each 意见 (they are kept apart)."""
    d = asdict(fr)
    for o in d["overall"] + [o for p in d["projects"] for o in p["opinions"]]:
        o.pop("findings", None)
    return d


class Store:
    """The season database.  Thread-safe: the batch runs in a background thread."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(self.path), check_same_thread=False)
        self._db.row_factory = sqlite3.Row
        self._db.execute("PRAGMA foreign_keys = ON")
        self._db.executescript(SCHEMA)
        self._db.commit()

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _write(self, sql: str, args: tuple = ()) -> sqlite3.Cursor:
        with self._lock:
            cur = self._db.execute(sql, args)
            self._db.commit()
            return cur

    def _read(self, sql: str, args: tuple = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- checked files
    def save_file(self, result, findings, fr, page_pdf: str | None, boxes: dict) -> int:
        """Store one checked file (again: a new check replaces the old one and its decisions)."""
        data = {
            "result": result.to_dict("zh"),
            "message_en": result.message_en,
            "findings": [f.to_dict() for f in findings],
            "review": _review_dict(fr),
            "page_pdf": page_pdf,
            "boxes": [[pid, row, page, list(box)] for (pid, row), (page, box) in boxes.items()],
        }
        with self._lock:
            self._db.execute("DELETE FROM files WHERE path = ?", (result.file,))
            cur = self._db.execute(
                "INSERT INTO files (path, name, status, message, data, checked_at) VALUES (?, ?, ?, ?, ?, ?)",
                (result.file, Path(result.file).name, result.status, result.message,
                 json.dumps(data, ensure_ascii=False, default=str), time.time()),
            )  # fmt: skip
            fid = cur.lastrowid
            for o in fr.opinions():
                self._db.execute(
                    "INSERT INTO opinions VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (fid, o.id, o.project_id, o.lead_rule, json.dumps(o.rules), o.level, o.text),
                )
            self._db.commit()
        return fid

    def files(self) -> list[sqlite3.Row]:
        return self._read("SELECT id, path, name, status, message, checked_at FROM files ORDER BY id")

    def file_data(self, fid: int) -> dict[str, Any] | None:
        rows = self._read("SELECT id, path, name, status, message, data FROM files WHERE id = ?", (fid,))
        if not rows:
            return None
        d = json.loads(rows[0]["data"])
        d.update(id=rows[0]["id"], path=rows[0]["path"], name=rows[0]["name"])
        return d

    # -- decisions
    def decide(self, fid: int, opinion: str, status: str | None, reason: str | None = None,
               text: str | None = None) -> None:  # fmt: skip
        """Record the reviewer's decision on one 意见 (``status`` None keeps it open; ``text`` None keeps the wording)."""
        if status is not None and status not in DECISIONS:
            raise ValueError(status)
        if not self._read("SELECT 1 FROM opinions WHERE file_id = ? AND opinion = ?", (fid, opinion)):
            raise KeyError(opinion)
        old = self.decisions(fid).get(opinion, {})
        text = old.get("text") if text is None else (text.strip() or None)
        self._write(
            "INSERT OR REPLACE INTO decisions VALUES (?, ?, ?, ?, ?, ?)",
            (
                fid,
                opinion,
                status,
                (reason or "").strip() or None if status == "dismissed" else None,
                text,
                time.time(),
            ),
        )

    def decisions(self, fid: int) -> dict[str, dict[str, Any]]:
        rows = self._read("SELECT opinion, status, reason, text FROM decisions WHERE file_id = ?", (fid,))
        return {r["opinion"]: dict(r) for r in rows}

    def set_verdict(self, fid: int, project_id: str, verdict: str | None) -> None:
        if verdict is None:
            self._write("DELETE FROM verdicts WHERE file_id = ? AND project_id = ?", (fid, project_id))
        else:
            self._write(
                "INSERT OR REPLACE INTO verdicts VALUES (?, ?, ?, ?)", (fid, project_id, verdict, time.time())
            )

    def verdicts(self, fid: int) -> dict[str, str]:
        rows = self._read("SELECT project_id, verdict FROM verdicts WHERE file_id = ?", (fid,))
        return {r["project_id"]: r["verdict"] for r in rows}

    # -- what the decisions teach
    def rule_stats(self) -> list[dict[str, Any]]:
        """Per rule: 意见 it took part in, how many were accepted, dismissed, still open."""
        rows = self._read(
            "SELECT o.rules, d.status FROM opinions o LEFT JOIN decisions d "
            "ON d.file_id = o.file_id AND d.opinion = o.opinion"
        )
        stats: dict[str, dict[str, Any]] = {}
        for r in rows:
            for rule in dict.fromkeys(json.loads(r["rules"])):
                s = stats.setdefault(
                    rule, {"rule": rule, "opinions": 0, "accepted": 0, "dismissed": 0, "open": 0}
                )
                s["opinions"] += 1
                s[r["status"] if r["status"] in DECISIONS else "open"] += 1
        for s in stats.values():
            decided = s["accepted"] + s["dismissed"]
            s["accept_rate"] = s["accepted"] / decided if decided else None
        return sorted(stats.values(), key=lambda s: s["rule"])
