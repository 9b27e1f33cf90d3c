"""Input discovery and parallel extraction: order, globs, directories, failures."""

from __future__ import annotations

import os
import time

import pytest

from perfaudit.batch import (
    BatchSettings,
    InputFile,
    discover,
    extract_one,
    failed_result,
    largest_first,
    run_batch,
)


@pytest.fixture
def tree(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for rel in ["d/b.pdf", "d/a.PDF", "d/sub/c.xlsx", "d/sub/z.docx", "d/notes.txt", "d/make.py", "d/.hidden.pdf",
                "d/~$lock.docx", "d/old.xls", "top.pdf", "empty/readme.md"]:  # fmt: skip
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(b"x")
    return tmp_path


def test_directory_walk_sorted_recursive(tree):
    found = discover(["d"])
    assert [i.path for i in found.inputs] == [
        os.path.join("d", x) for x in ["a.PDF", "b.pdf", "notes.txt", "old.xls", "sub/c.xlsx", "sub/z.docx"]
    ]
    assert found.ignored == [os.path.join("d", "make.py")]


def test_argument_order_dedup_glob_missing(tree):
    found = discover(
        ["top.pdf", "d/*.pdf", "./top.pdf", "d/b.pdf", "nope.pdf", "d/**/*.docx", "x/*.pdf", "empty"]
    )
    assert [(i.path, i.problem) for i in found.inputs] == [
        ("top.pdf", None),
        ("d/b.pdf", None),  # the glob is case-sensitive on Linux: a.PDF does not match *.pdf
        ("nope.pdf", "missing"),
        ("d/sub/z.docx", None),
        ("x/*.pdf", "no_match"),
        ("empty", "empty_dir"),
    ]


def slow_fake(path, settings=None):
    """Later files finish first, so completion order differs from input order."""
    n = int(os.path.basename(path).split(".")[0])
    time.sleep(0.05 * (4 - n))
    r = failed_result(path, "ok", "", "")
    r.pages = n
    return r


def crashing_fake(path, settings=None):
    if "2" in os.path.basename(path):
        raise ValueError("kaputt")
    return failed_result(path, "ok", "", "")


@pytest.mark.parametrize("jobs", [1, 2, 4])
def test_run_batch_keeps_input_order(tmp_path, jobs):
    inputs = [InputFile(str(tmp_path / f"{n}.pdf")) for n in (1, 2, 3)]
    seen = []
    items = run_batch(inputs, BatchSettings(jobs=jobs), extractor=slow_fake,
                      on_progress=lambda done, total, path: seen.append((done, total)))  # fmt: skip
    assert [it.result.pages for it in items] == [1, 2, 3]
    assert [it.result.file for it in items] == [i.path for i in inputs]
    assert seen[-1] == (3, 3)


def test_prechecked_inputs_are_not_extracted(tmp_path):
    inputs = [InputFile("gone.pdf", "missing"), InputFile("a.txt"), InputFile("b.xls"), InputFile("c.doc"),
              InputFile("README"), InputFile("*.pdf", "no_match"), InputFile("docs", "empty_dir")]  # fmt: skip

    def never(path, settings=None):
        raise AssertionError("should not be called")

    items = run_batch(inputs, BatchSettings(jobs=2), extractor=never)
    assert [(it.result.status, it.result.message) for it in items] == [
        ("error", "找不到文件：gone.pdf"),
        ("unsupported", "不支持的文件类型（.txt）：请提交 PDF、.xlsx 或 .docx 文件"),
        ("unsupported", "旧版 Office 格式（.xls）无法读取：请另存为 .xlsx 或 PDF 后再提交"),
        ("unsupported", "旧版 Office 格式（.doc）无法读取：请另存为 .docx 或 PDF 后再提交"),
        ("unsupported", "不支持的文件类型（无扩展名）：请提交 PDF、.xlsx 或 .docx 文件"),
        ("error", "没有文件与“*.pdf”匹配"),
        ("error", "目录“docs”中没有 PDF、xlsx 或 docx 文件"),
    ]
    assert items[2].result.message_en == "Legacy Office format (.xls) is not read: save it as .xlsx or PDF"
    assert all(len(it.result.projects) == 0 and list(it.result.indicators.columns)[:2] == ["file", "project_id"]
               for it in items)  # fmt: skip


@pytest.mark.parametrize("jobs", [1, 2])
def test_crash_becomes_error_result(tmp_path, jobs):
    inputs = [InputFile(str(tmp_path / f"{n}.pdf")) for n in (1, 2, 3)]
    items = run_batch(inputs, BatchSettings(jobs=jobs), extractor=crashing_fake)
    assert [it.result.status for it in items] == ["ok", "error", "ok"]
    assert items[1].result.message == "处理该文件时出现意外错误（加 --debug 查看详情）：ValueError: kaputt"
    assert "Traceback" in items[1].traceback and items[0].traceback is None


def test_result_file_is_the_users_path():
    def other_name(path, settings=None):
        r = failed_result("/abs/elsewhere.pdf", "ok", "", "")
        return r

    item = extract_one("rel/a.pdf", other_name)
    assert item.result.file == "rel/a.pdf"


def test_largest_files_are_given_out_first(tmp_path):
    """With several workers the long files start first; a missing file sorts last; ties keep input order."""
    sizes = {"a.pdf": 10, "b.pdf": 3000, "c.pdf": 10, "d.pdf": 200}
    tasks = []
    for i, (name, size) in enumerate(sizes.items()):
        (tmp_path / name).write_bytes(b"x" * size)
        tasks.append((i, str(tmp_path / name)))
    tasks.append((4, str(tmp_path / "gone.pdf")))
    assert [i for i, _ in largest_first(tasks)] == [1, 3, 0, 2, 4]
