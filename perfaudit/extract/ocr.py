"""Offline OCR through rapidocr (PP-OCR models on onnxruntime, shipped inside the wheel).

Nothing here downloads anything: the detection, recognition and direction models are
passed to rapidocr by explicit path inside the installed ``rapidocr`` package, so its
download code is never reached.  If the files are missing, :class:`OcrUnavailable` is
raised with a message that says how to repair the install.

rapidocr, onnxruntime and numpy are imported lazily: importing this module costs nothing,
and text PDFs never load the OCR stack.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

#: model files inside the rapidocr wheel (rapidocr 3.x, PP-OCRv6 small Chinese models)
DET_MODEL = "PP-OCRv6_det_small.onnx"
REC_MODEL = "PP-OCRv6_rec_small.onnx"
CLS_MODEL = "ch_ppocr_mobile_v2.0_cls_mobile.onnx"

_INSTALL_HINT_ZH = "请运行 pip install rapidocr onnxruntime 后重试"
_INSTALL_HINT_EN = "install it with: pip install rapidocr onnxruntime"


class OcrUnavailable(Exception):
    """The OCR engine cannot be loaded; ``message_zh`` / ``message_en`` say why."""

    def __init__(self, message_zh: str, message_en: str):
        super().__init__(f"{message_zh} / {message_en}")
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass
class OcrSettings:
    threads: int = 0  # onnxruntime intra-op threads; 0 = number of CPUs (at most 4)
    text_score: float = 0.3  # lines below this recognition score are dropped by rapidocr
    box_thresh: float = 0.5  # detection box threshold
    max_side_len: int = 2000  # the page image is scaled down to this before detection
    use_cls: bool = False  # 180° text direction classifier; scans of tables are upright
    rec_min_width: int = 96  # recognition pads every crop to at least this width (rapidocr: 320);
    # table cells are short, so 96 saves ~40% of recognition time at equal results
    rec_batch: int = 6  # crops recognised in one model call (rapidocr's default)


@dataclass
class OcrChar:
    text: str
    score: float
    x0: float
    x1: float


@dataclass
class OcrLine:
    """One recognised text line: text, score and axis-aligned box in image pixels."""

    text: str
    score: float
    x0: float
    y0: float
    x1: float
    y1: float
    chars: list[OcrChar] = field(default_factory=list)  # per-character x ranges, if known

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2


def _models_dir() -> Path | None:
    spec = importlib.util.find_spec("rapidocr")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent / "models"


def ocr_available() -> bool:
    """True when rapidocr, onnxruntime and the shipped model files are all present."""
    try:
        for mod in ("rapidocr", "onnxruntime", "cv2", "numpy"):
            if importlib.util.find_spec(mod) is None:
                return False
    except (ImportError, ValueError):
        return False
    models = _models_dir()
    return models is not None and all((models / m).is_file() for m in (DET_MODEL, REC_MODEL))


_ENGINES: dict[tuple, Any] = {}
_LOCK = threading.Lock()


def _quiet_rapidocr_logging() -> None:
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)


def get_engine(settings: OcrSettings | None = None):
    """A cached ``rapidocr.RapidOCR`` configured with the wheel's models; raises OcrUnavailable."""
    s = settings or OcrSettings()
    threads = _threads(s)
    key = (threads, s.text_score, s.box_thresh, s.max_side_len, s.use_cls, s.rec_min_width, s.rec_batch)
    with _LOCK:
        if key in _ENGINES:
            return _ENGINES[key]
        try:
            import onnxruntime  # noqa: F401
            from rapidocr import RapidOCR
        except Exception as exc:  # ImportError, or a broken native library
            raise OcrUnavailable(
                f"无法加载文字识别组件（{type(exc).__name__}），扫描件无法识别；{_INSTALL_HINT_ZH}",
                f"the OCR engine cannot be loaded ({type(exc).__name__}); scanned pages cannot be read; "
                f"{_INSTALL_HINT_EN}",
            ) from exc
        _quiet_rapidocr_logging()
        models = _models_dir()
        missing = [
            m for m in (DET_MODEL, REC_MODEL, CLS_MODEL) if models is None or not (models / m).is_file()
        ]
        if missing:
            raise OcrUnavailable(
                f"文字识别模型文件缺失（{', '.join(missing)}）；请重新安装 rapidocr",
                f"OCR model files missing from the rapidocr package ({', '.join(missing)}); reinstall rapidocr",
            )
        params = {
            "Global.log_level": "error",
            "Global.text_score": s.text_score,
            "Global.use_cls": s.use_cls,
            "Global.max_side_len": s.max_side_len,
            "Det.model_path": str(models / DET_MODEL),
            "Det.box_thresh": s.box_thresh,
            # rapidocr's default ("min" 736) blows a wide strip of title lines up to 736 px
            # high before detection; limiting the long side keeps strips at their size
            "Det.limit_type": "max",
            "Det.limit_side_len": s.max_side_len,
            "Rec.model_path": str(models / REC_MODEL),
            "Rec.rec_img_shape": [3, 48, s.rec_min_width],
            "Rec.rec_batch_num": s.rec_batch,
            "Cls.model_path": str(models / CLS_MODEL),
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        try:
            engine = RapidOCR(params=params)
        except Exception as exc:
            raise OcrUnavailable(
                f"文字识别引擎初始化失败（{type(exc).__name__}）",
                f"the OCR engine failed to start ({type(exc).__name__}: {exc})",
            ) from exc
        _quiet_rapidocr_logging()
        _ENGINES[key] = engine
        return engine


def recognize(image, settings: OcrSettings | None = None) -> list[OcrLine]:
    """OCR one image (numpy array, gray or BGR); lines with per-character x ranges."""
    engine = get_engine(settings)
    img = image
    if img.ndim == 2:
        import cv2

        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    # rapidocr keeps use_det/use_cls from the previous call: always pass them
    res = engine(
        img,
        use_det=True,
        use_cls=(settings or OcrSettings()).use_cls,
        use_rec=True,
        return_word_box=True,
        return_single_char_box=True,
    )
    if res is None or getattr(res, "txts", None) is None or res.boxes is None:
        return []
    words = list(res.word_results) if res.word_results else []
    return [
        _line(box, txt, score, words[i] if i < len(words) else None)
        for i, (box, txt, score) in enumerate(zip(res.boxes, res.txts, res.scores, strict=False))
    ]


def _line(box, txt, score, words) -> OcrLine:
    """An :class:`OcrLine` from rapidocr's box (four corners), text, score and word results
    (``[(char, score, corners)]``, page coordinates)."""
    import numpy as np

    pts = np.asarray(box, dtype=float)
    line = OcrLine(
        text=str(txt),
        score=float(score),
        x0=float(pts[:, 0].min()),
        y0=float(pts[:, 1].min()),
        x1=float(pts[:, 0].max()),
        y1=float(pts[:, 1].max()),
    )
    chars: list[OcrChar] = []
    for item in words or []:
        if not item or len(item) < 3 or item[2] is None:
            continue
        wt, ws, wb = item
        wp = np.asarray(wb, dtype=float)
        chars.append(OcrChar(str(wt), float(ws), float(wp[:, 0].min()), float(wp[:, 0].max())))
    # word results must spell the line, else they are unusable for splitting
    if chars and "".join(c.text for c in chars).replace(" ", "") == line.text.replace(" ", ""):
        # rapidocr folds a recognised space into the next character's score; that
        # character is as certain as the line
        k = 0
        after_space = False
        for t in line.text:
            if t == " ":
                after_space = True
                continue
            if k < len(chars) and chars[k].text == t:
                if after_space and chars[k].score < line.score:
                    chars[k].score = line.score
                k += 1
            after_space = False
        line.chars = chars
    return line


def recognize_line(image, settings: OcrSettings | None = None) -> tuple[str, float]:
    """Recognise one cropped text line without detection: (text, score); ("", 0.0) if nothing."""
    engine = get_engine(settings)
    img = image
    if img.ndim == 2:
        import cv2

        img = cv2.cvtColor(img, cv2.COLOR_GRAY2BGR)
    res = engine(
        img, use_det=False, use_cls=False, use_rec=True, return_word_box=False, return_single_char_box=False
    )
    txts = getattr(res, "txts", None)
    if not txts:
        return "", 0.0
    scores = list(getattr(res, "scores", None) or [0.0])
    return str(txts[0]).strip(), float(scores[0])


def _threads(s: OcrSettings) -> int:
    return s.threads or min(os.cpu_count() or 1, 4)


def recognize_lines(images: list, settings: OcrSettings | None = None) -> list[tuple[str, float]]:
    """Recognise many cropped single-line images: [(text, score)], in order."""
    return [(ln.text.strip(), ln.score) for ln in read_lines(images, settings, chars=False)]


def read_lines(images: list, settings: OcrSettings | None = None, chars: bool = True) -> list[OcrLine]:
    """Recognise many cropped single-line images without detection: one :class:`OcrLine`
    per image, in order, boxed by the whole crop, with per-character x ranges in the
    crop's pixels if ``chars``.

    The crops are sorted by width and cut into batches of ``rec_batch`` (a batch is padded
    to its widest crop, so neighbours in width share one); the batches run on ``threads``
    worker threads, each calling a one-thread onnxruntime session, which keeps both cores
    of a small machine busy without onnxruntime's spinning thread pool."""
    s = settings or OcrSettings()
    try:
        from rapidocr.ch_ppocr_rec import TextRecInput

        engine = get_engine(replace(s, threads=1))
        rec = engine._load_rec_model()
    except (ImportError, AttributeError):  # another rapidocr layout: one call per crop
        return [OcrLine(*recognize_line(im, s), 0, 0, im.shape[1], im.shape[0]) for im in images]
    import cv2
    import numpy as np

    imgs = [cv2.cvtColor(im, cv2.COLOR_GRAY2BGR) if im.ndim == 2 else im for im in images]
    boxes = [np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32) for h, w in (im.shape[:2] for im in imgs)]
    order = sorted(range(len(imgs)), key=lambda i: imgs[i].shape[1] / max(imgs[i].shape[0], 1))
    batches = [order[k : k + s.rec_batch] for k in range(0, len(order), s.rec_batch)]

    def run(batch: list[int]) -> list[tuple[int, OcrLine]]:
        out = rec(TextRecInput(img=[imgs[i] for i in batch], return_word_box=chars))
        if chars:
            out = engine.cal_rec_boxes([imgs[i] for i in batch], [boxes[i] for i in batch], out, True)
        words = list(out.word_results or []) if chars else []
        return [
            (i, _line(boxes[i], t, sc, words[j] if j < len(words) else None))
            for j, (i, t, sc) in enumerate(zip(batch, out.txts or [], out.scores or [], strict=True))
        ]

    workers = min(_threads(s), len(batches))
    if workers > 1:
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(workers) as pool:
            done = [r for part in pool.map(run, batches) for r in part]
    else:
        done = [r for b in batches for r in run(b)]
    res: list[OcrLine] = [OcrLine("", 0.0, 0, 0, 0, 0)] * len(imgs)
    for i, line in done:
        res[i] = line
    return res


def upside_down(images: list, settings: OcrSettings | None = None) -> float:
    """Share (0-1) of the cropped text lines that rapidocr's direction classifier takes for
    upside down: one small-model pass over all of them (~100× cheaper than recognising
    them both ways up)."""
    engine = get_engine(settings)
    if not images:
        return 0.0
    import cv2

    imgs = [cv2.cvtColor(im, cv2.COLOR_GRAY2BGR) if im.ndim == 2 else im for im in images]
    try:
        cls = engine._load_cls_model()
    except AttributeError:  # another rapidocr layout: compare recognition scores both ways up
        res = recognize_lines(imgs + [im[::-1, ::-1].copy() for im in imgs], settings)
        up = sum(sc for _t, sc in res[: len(imgs)])
        down = sum(sc for _t, sc in res[len(imgs) :])
        return 1.0 if down > up + 0.1 * len(imgs) else 0.0
    out = cls(imgs)
    votes = [float(sc) if "180" in str(label) else 1.0 - float(sc) for label, sc in out.cls_res]
    return sum(votes) / len(votes)
