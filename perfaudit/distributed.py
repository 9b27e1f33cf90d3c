"""Reading a batch on a Dask distributed cluster: ``perfaudit check --scheduler tcp://HOST:8786``.

``--scheduler local`` starts a LocalCluster on this machine; any other value is the address
of a running ``dask scheduler``.  Each input's bytes are sent to a worker, which reads the
file with the batch runner's own per-file function (so a file is read exactly as a local run
reads it); the workers need not share a disk with this machine, only have the same perfaudit
installed (``pip install "perfaudit[dask]"``).  The results come back here in input order and
the rules — cross-file ones included — run on this machine over the whole batch, so the
reports are those of a local run.  At most a few files per worker are in flight at a time, so
memory here stays bounded however long the batch.

Needs the optional extra ``perfaudit[dask]`` (dask + distributed).  Prints nothing.
"""

from __future__ import annotations

import functools
import os
import tempfile
import uuid
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

# the one coupling to the batch runner: its per-file function and record types
from .batch import BatchItem, InputFile, extract_one, failed_result, finished, precheck
from .extract import Reading
from .models import STATUS_ERROR

LOCAL = "local"
IN_FLIGHT_PER_WORKER = 4

ItemCallback = Callable[[int, BatchItem], None]


class ClusterError(Exception):
    """The cluster cannot be used; ``zh`` / ``en`` say why in a reviewer's words."""

    def __init__(self, zh: str, en: str):
        super().__init__(en)
        self.zh, self.en = zh, en


def _read_copy(copy: str, _shown: str) -> Reading:
    from .extract import read_file

    return read_file(copy)


def extract_remote(path: str, data: bytes) -> BatchItem:
    """On a worker: read one file from its bytes; the result is named by ``path``, as given."""
    with tempfile.TemporaryDirectory(prefix="perfaudit-") as tmp:
        copy = Path(tmp) / (Path(path).name or "input")
        copy.write_bytes(data)
        return extract_one(path, functools.partial(_read_copy, str(copy)))


@contextmanager
def connect(scheduler: str, jobs: int | None = None):
    """A ``distributed.Client`` for ``scheduler`` (``local``: a LocalCluster of ``jobs`` processes)."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        raise ClusterError(
            '使用 --scheduler 需要先安装 Dask：pip install "perfaudit[dask]"',
            '--scheduler needs Dask: pip install "perfaudit[dask]"',
        ) from None
    cluster = None
    try:
        if scheduler == LOCAL:
            cluster = LocalCluster(
                n_workers=jobs or os.cpu_count() or 1,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=50,
            )
            client = Client(cluster)
        else:
            client = Client(scheduler)  # gives up after distributed.comm.timeouts.connect (dask config)
    except (OSError, TimeoutError, ValueError) as exc:
        if cluster is not None:
            cluster.close()
        detail = (str(exc).splitlines() or [type(exc).__name__])[0][:160]
        raise ClusterError(
            f"无法连接 Dask 调度器 {scheduler}：{detail}",
            f"cannot connect to the Dask scheduler {scheduler}: {detail}",
        ) from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def run_on_cluster(
    inputs: list[InputFile],
    client,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_item: ItemCallback | None = None,
) -> list[BatchItem]:
    """Read every input on the cluster; one BatchItem per input, in input order (as ``run_batch``)."""
    from distributed import as_completed

    total = len(inputs)
    items: list[BatchItem | None] = [None] * total
    todo: list[int] = []
    done = 0

    def finish(i: int, item: BatchItem) -> None:
        nonlocal done
        items[i] = finished(item)  # a worker's Reading becomes the file's ExtractResult here
        done += 1
        if on_item:
            on_item(i, item)
        if on_progress:
            on_progress(done, total, inputs[i].path)

    for i, inp in enumerate(inputs):
        pre = precheck(inp)
        if pre is not None:
            finish(i, BatchItem(result=pre))
        else:
            todo.append(i)

    window = max(8, len(client.scheduler_info().get("workers", {})) * IN_FLIGHT_PER_WORKER)
    pending = iter(todo)
    futures = as_completed()
    index: dict[str, int] = {}

    def submit_next() -> None:
        for i in pending:
            path = inputs[i].path
            try:
                data = Path(path).read_bytes()
            except OSError:  # gone or unreadable since discovery: the local reader says why
                finish(i, extract_one(path))
                continue
            fut = client.submit(extract_remote, path, data, key=f"perfaudit-{uuid.uuid4().hex}", pure=False)
            index[fut.key] = i
            futures.add(fut)
            return

    for _ in range(window):
        submit_next()
    for fut in futures:
        i = index.pop(fut.key)
        finish(i, _gathered(fut, inputs[i].path))
        fut.release()
        submit_next()
    return [it for it in items if it is not None]


def _gathered(fut, path: str) -> BatchItem:
    """The worker's BatchItem, or a failed one when the worker died or the task could not run."""
    import traceback

    from . import i18n

    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - a worker lost, a result that did not travel
        name = type(exc).__name__
        key = "input.worker_died" if name == "KilledWorker" else "input.crashed"
        zh, en = i18n.t(key, "zh"), i18n.t(key, "en")
        if key == "input.crashed":
            zh, en = f"{zh}：{name}", f"{en}: {name}"
        return BatchItem(result=failed_result(path, STATUS_ERROR, zh, en), traceback=traceback.format_exc())
