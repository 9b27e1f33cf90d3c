"""Read a batch where the settings say: here (:func:`perfaudit.batch.run_batch`), resuming from a
checkpoint (:mod:`perfaudit.resume`), or on a Dask cluster (:mod:`perfaudit.distributed`).

Kept apart from :mod:`perfaudit.batch` so that the cluster and checkpoint modules, which use the
batch's primitives, are never imported by it (no import cycle).
"""

from __future__ import annotations

from collections.abc import Callable

from .batch import BatchItem, BatchSettings, InputFile, ProgressCallback, run_batch
from .models import ExtractResult


def run(inputs: list[InputFile], settings: BatchSettings | None = None, on_progress: ProgressCallback | None = None,
        while_waiting: Callable[[], None] | None = None) -> list[BatchItem]:  # fmt: skip
    """One BatchItem per input, in input order, wherever ``settings`` says the files are read."""
    settings = settings or BatchSettings()
    if settings.scheduler is None and settings.resume is None:
        return run_batch(inputs, settings, on_progress=on_progress, while_waiting=while_waiting)
    return _elsewhere(inputs, settings, on_progress, while_waiting)


def _elsewhere(inputs: list[InputFile], settings: BatchSettings, on_progress: ProgressCallback | None,
               while_waiting: Callable[[], None] | None) -> list[BatchItem]:  # fmt: skip
    """With ``resume`` (kept files are not read again) and/or ``scheduler`` (Dask)."""
    from dataclasses import replace

    done: dict[int, ExtractResult] = {}
    todo = list(range(len(inputs)))
    checkpoint = None
    if settings.resume is not None:
        from .resume import Checkpoint, split

        checkpoint = Checkpoint.for_report(settings.resume)
        done, todo = split(inputs, checkpoint)
    items: dict[int, BatchItem] = {i: BatchItem(result=r) for i, r in done.items()}
    rest = [inputs[i] for i in todo]

    def progress(n: int, _total: int, path: str) -> None:
        if on_progress:
            on_progress(len(done) + n, len(inputs), path)

    if settings.scheduler is not None:
        from .distributed import connect, run_on_cluster

        keep = (lambda i, item: checkpoint.save(rest[i].path, item.result)) if checkpoint else None
        with connect(settings.scheduler, settings.jobs) as client:
            got = run_on_cluster(rest, client, on_progress=progress, on_item=keep)
    else:
        from .resume import extractor_for

        local = replace(settings, resume=None, scheduler=None)
        got = run_batch(
            rest,
            local,
            extractor=extractor_for(checkpoint),
            on_progress=progress,
            while_waiting=while_waiting,
        )
    items.update(zip(todo, got, strict=True))
    return [items[i] for i in range(len(inputs))]
