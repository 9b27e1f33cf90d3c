"""A batch of uploaded files, checked in a background thread by the same runner as the CLI.

discover -> :func:`perfaudit.batch.run_batch` -> rules -> :func:`perfaudit.engine.decide`,
then each file is stored (extraction, findings, review, row boxes, and for office files the
rendered page) in the season's database.  Progress is kept in memory for the page's bar.
"""

from __future__ import annotations

import threading
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from .store import Store


@dataclass
class Job:
    id: str
    total: int
    done: int = 0
    current: str = ""
    state: str = "running"  # running / finished / failed
    error: str = ""
    file_ids: list[int] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"id": self.id, "total": self.total, "done": self.done, "current": Path(self.current).name,
                "state": self.state, "error": self.error, "files": self.file_ids}  # fmt: skip


class Jobs:
    def __init__(self, store: Store, season: Path, jobs: int | None = None):
        self.store, self.season, self.jobs = store, season, jobs
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, paths: list[str]) -> Job:
        from ..batch import discover

        inputs = discover(paths).inputs
        job = Job(uuid.uuid4().hex[:12], total=len(inputs) + 1)  # the last step: rules and review
        with self._lock:
            self._jobs[job.id] = job
        threading.Thread(target=self._run, args=(job, inputs), daemon=True, name=f"batch-{job.id}").start()
        return job

    def _run(self, job: Job, inputs) -> None:
        try:
            self._check(job, inputs)
            job.state = "finished"
        except Exception as exc:  # noqa: BLE001 - shown on the page, the server goes on
            job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"

    def _check(self, job: Job, inputs) -> None:
        from ..batch import BatchSettings, run_batch
        from ..config import load_config
        from ..engine import audit_batch

        def progress(done: int, total: int, path: str) -> None:
            job.done, job.current = done, path

        items = run_batch(inputs, BatchSettings(jobs=self.jobs), on_progress=progress)
        audit = audit_batch([it.result for it in items], load_config([self.season]))
        results, findings, review = audit.results, audit.findings, audit.review
        for r in results:
            job.file_ids.append(self._save(r, [f for f in findings if f.file == r.file], review.file(r.file)))
        job.done = job.total

    def _save(self, result, findings, fr) -> int:
        from ..report.annotate import page_source

        page_pdf, boxes = None, {}
        if result.ok:
            source, boxes = page_source(result)
            if isinstance(source, bytes):  # office file: keep the rendered pages beside the upload
                target = Path(result.file).with_name(Path(result.file).name + ".pages.pdf")
                target.write_bytes(source)
                source = str(target)
            page_pdf = str(source)
        return self.store.save_file(result, findings, fr, page_pdf, boxes)
