"""Checkpoints of a Bayesian search as plain JSON.

A checkpoint holds data only: parameter values (category *indices*, never the
category objects), fold results, the optimisers' states, a description of
what the search was made for (scoring, splits, fixed estimator parameters,
fingerprints of the data) and a format version. Loading one cannot run code,
unlike a pickle. Files are written to a
temporary file beside the target and renamed over it, so a crash mid-write
leaves the previous checkpoint intact.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import math
import os
import pickle
import tempfile
from typing import Any

import numpy as np
import scipy.sparse as sp

from .space import Categorical, Integer, Real, Space

FORMAT = "skopt_lite.BayesSearchCV checkpoint"
VERSION = 2
# Checkpoints of the minimize functions (gp_minimize...): another format, so
# that neither kind is resumed by the other.
MINIMIZE_FORMAT = "skopt_lite.minimize checkpoint"
MINIMIZE_VERSION = 1
# Checkpoints of HalvingBayesSearchCV: another format again. Its first version
# is numbered 2 because the halving search's first checkpoints recorded
# VERSION; they read as they are.
HALVING_FORMAT = "skopt_lite.HalvingBayesSearchCV checkpoint"
HALVING_VERSION = 2
_WRITTEN_BY = {
    FORMAT: "BayesSearchCV",
    MINIMIZE_FORMAT: "a minimize function (gp_minimize, forest_minimize, ...)",
    HALVING_FORMAT: "HalvingBayesSearchCV",
}


def fingerprint(value: Any) -> Any:
    """Shape, dtype and a hash of data (an array, sparse matrix, DataFrame or list).

    None stays None; a scalar is described by :func:`describe_value`.
    """
    if value is None:
        return None
    if sp.issparse(value):
        m = value.tocsr()
        parts = [m.data, m.indices, m.indptr]
        shape, dtype = m.shape, m.dtype
    else:
        if np.isscalar(value):
            return describe_value(value)
        arr = np.asarray(value)
        parts, shape, dtype = [arr], arr.shape, arr.dtype
    h = hashlib.sha1()
    for part in parts:
        part = np.ascontiguousarray(part)
        h.update(pickle.dumps(part.tolist()) if part.dtype.hasobject else part.tobytes())
    out = {"shape": list(shape), "dtype": str(dtype), "sha1": h.hexdigest()}
    columns = getattr(value, "columns", None)
    if columns is not None:
        out["columns"] = [str(c) for c in columns]
    return out


def describe_value(value: Any) -> Any:
    """A JSON description of a parameter value that is the same in every process.

    Numbers, strings, None and bools stay as they are; functions are named by
    module and qualified name; random generators by a hash of their state;
    anything else by its ``repr`` (its type alone when the repr holds a
    memory address).
    """
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.random.RandomState):
        keys = value.get_state()[1]
        return f"RandomState {hashlib.sha1(keys.tobytes()).hexdigest()}"
    if isinstance(value, np.ndarray):
        return fingerprint(value)
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    text = repr(value)
    if " at 0x" in text:
        return f"<{type(value).__module__}.{type(value).__qualname__}>"
    return text


def describe_scoring(scoring: Any) -> Any:
    """A JSON description of a ``scoring`` argument: metric names and scorers."""
    if isinstance(scoring, dict):
        return {str(k): describe_value(v) for k, v in sorted(scoring.items(), key=str)}
    if isinstance(scoring, (list, tuple, set, frozenset)):
        return sorted(str(v) for v in scoring)
    return describe_value(scoring)


def describe_space(space: Space) -> list:
    """A JSON description of a space, compared on resume to refuse another space.

    A range's ``dtype`` is described only when it is not the native default,
    so checkpoints written before ``dtype`` existed still match; ``transform``
    changes nothing and is not described.
    """
    out = []
    for d in space.dimensions:
        if isinstance(d, Categorical):
            out.append([d.name, "Categorical", [repr(c) for c in d.categories], d.prior])
        else:
            entry = [d.name, type(d).__name__, d.low, d.high, d.prior, d.base]
            if d._dtype_name() is not None:
                entry.append({"dtype": d._dtype_name()})
            out.append(entry)
    return out


def encode_point(space: Space, point: list) -> list:
    """Values of a point as JSON data: numbers for ranges, indices for categories."""
    return [
        d.index(v) if isinstance(d, Categorical) else (v.item() if isinstance(v, np.generic) else v)
        for d, v in zip(space.dimensions, point)
    ]


def decode_point(space: Space, encoded: list) -> list:
    """Inverse of :func:`encode_point`, checking every value lies in the space."""
    if not isinstance(encoded, list) or len(encoded) != space.n_dims:
        raise ValueError(f"a stored point {encoded!r} does not fit the space {space!r}")
    point = []
    for d, v in zip(space.dimensions, encoded):
        if isinstance(d, Categorical):
            if not isinstance(v, int) or isinstance(v, bool) or not 0 <= v < d.size:
                raise ValueError(f"stored category index {v!r} is invalid for {d!r}")
            point.append(d.categories[v])
        elif isinstance(d, Integer):
            if not isinstance(v, int) or isinstance(v, bool) or v not in d:
                raise ValueError(f"stored value {v!r} is not in {d!r}")
            point.append(d._cast([v])[0])
        elif isinstance(d, Real):
            if isinstance(v, bool) or not isinstance(v, (int, float)) or v not in d:
                raise ValueError(f"stored value {v!r} is not in {d!r}")
            point.append(d._cast([float(v)])[0])
    return point


_REQUIRED_FOLD_KEYS = {"test_scores", "n_test_samples", "fit_time", "score_time"}
_FOLD_KEYS = _REQUIRED_FOLD_KEYS | {"train_scores", "fit_error"}


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_score(value: Any) -> bool:
    """A fold score as scikit-learn gives it: a number, or a dict of metric name to number."""
    if isinstance(value, dict):
        return bool(value) and all(_is_score(v) and not isinstance(v, dict) for v in value.values())
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def score_kind(out: list) -> tuple:
    """What the fold results of one evaluation hold: the metric names (None for a
    single metric) and whether training scores are there."""
    test = out[0]["test_scores"]
    return (tuple(sorted(test)) if isinstance(test, dict) else None, "train_scores" in out[0])


def decode_out(value: Any) -> list:
    """Fold results read back from :func:`jsonable` data, checked to be scores.

    Raises
    ------
    ValueError
        If they are not a list of fold results with numeric scores, all alike.
    """
    out = unjsonable(value)
    if not isinstance(out, list) or not out or not all(isinstance(f, dict) for f in out):
        raise ValueError(f"stored fold results {value!r} are not a list of fold results")
    # Only what scikit-learn's fit-and-score writes; anything else is dropped.
    out = [{k: v for k, v in fold.items() if k in _FOLD_KEYS} for fold in out]
    for fold in out:
        missing = _REQUIRED_FOLD_KEYS - set(fold)
        if missing:
            raise ValueError(f"a stored fold result lacks {sorted(missing)}")
        for key in ("test_scores", "train_scores"):
            if key in fold and not _is_score(fold[key]):
                raise ValueError(f"stored {key} {fold[key]!r} are not scores")
    if len({score_kind([fold]) for fold in out}) != 1:
        raise ValueError(f"stored fold results {value!r} mix different scores")
    return out


def decode_evaluation(entry: Any, spaces: list) -> tuple:
    """``(subspace, batch, point, fold results)`` of one stored evaluation, checked.

    Raises
    ------
    ValueError, KeyError, TypeError
        If the entry is not what :class:`BayesSearchCV` writes.
    """
    if not isinstance(entry, dict):
        raise ValueError(f"a stored evaluation {entry!r} is not a JSON object")
    k, batch = entry["subspace"], entry["batch"]
    if not _is_int(k) or not 0 <= k < len(spaces):
        raise ValueError(f"stored subspace {k!r} is not one of the {len(spaces)} subspaces")
    if not _is_int(batch) or batch < 0:
        raise ValueError(f"stored batch number {batch!r} is invalid")
    return k, batch, decode_point(spaces[k], entry["point"]), decode_out(entry["out"])


def encode_rng(rng: np.random.RandomState) -> list:
    """``RandomState.get_state()`` as JSON data."""
    name, keys, pos, has_gauss, cached = rng.get_state()
    return [name, keys.tolist(), int(pos), int(has_gauss), float(cached)]


def decode_rng(state: list) -> np.random.RandomState:
    """A RandomState restored from :func:`encode_rng` data."""
    name, keys, pos, has_gauss, cached = state
    rng = np.random.RandomState()
    rng.set_state((name, np.asarray(keys, dtype=np.uint32), pos, has_gauss, cached))
    return rng


def jsonable(value: Any) -> Any:
    """Fold results (floats, dicts of floats, strings, None) as JSON data."""
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, (np.generic, np.ndarray)):
        return jsonable(value.tolist())
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)  # "nan", "inf", "-inf": strict JSON has no such numbers
    return value


def unjsonable(value: Any) -> Any:
    """Inverse of :func:`jsonable` for fold results."""
    if isinstance(value, dict):
        return {k: unjsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [unjsonable(v) for v in value]
    if value in ("nan", "inf", "-inf"):
        return float(value)
    return value


def write(path: str | os.PathLike, state: dict) -> None:
    """Write ``state`` as JSON to ``path`` atomically (temporary file, then rename).

    The file records :data:`FORMAT` and :data:`VERSION` unless ``state``
    carries its own ``"format"`` and ``"version"`` (as the checkpoints of the
    minimize functions and of HalvingBayesSearchCV do).

    Raises
    ------
    OSError
        Of the kind the file system gave (FileNotFoundError, PermissionError...),
        naming ``path``: the temporary file means nothing to the user.
    """
    path = os.fspath(path)
    directory = os.path.dirname(os.path.abspath(path))
    data = json.dumps({"format": FORMAT, "version": VERSION, **state}, allow_nan=False)
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".skopt_lite-", suffix=".tmp", dir=directory)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException as exc:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)
        if not isinstance(exc, OSError):
            raise
        if exc.errno is None:
            raise type(exc)(f"Cannot write the checkpoint {path!r}: {exc}") from exc
        raise type(exc)(exc.errno, f"Cannot write the checkpoint: {exc.strerror}", path) from exc


def read(path: str | os.PathLike, format: str = FORMAT, version: int = VERSION) -> dict:
    """Read and check a checkpoint file.

    Parameters
    ----------
    path : str or path-like
    format : str, default=FORMAT
        The format expected: :data:`FORMAT` (BayesSearchCV),
        :data:`MINIMIZE_FORMAT` or :data:`HALVING_FORMAT`.
    version : int, default=VERSION
        The version of that format this skopt_lite reads.

    Raises
    ------
    ValueError
        If the file is not valid JSON (truncated or corrupted), is not a
        skopt_lite checkpoint of the expected kind, or comes from another
        format version.
    """
    path = os.fspath(path)
    try:
        with open(path, encoding="utf-8") as f:
            state = json.load(f)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ValueError(
            f"resume_from={path!r} is not a readable checkpoint (truncated or"
            f" corrupted: {exc}). Delete it to start a new search."
        ) from exc
    kind = _WRITTEN_BY[format]
    found = state.get("format") if isinstance(state, dict) else None
    if found != format:
        if isinstance(found, str) and found in _WRITTEN_BY:
            raise ValueError(
                f"resume_from={path!r} is a checkpoint of {_WRITTEN_BY[found]}; it cannot"
                f" resume {kind}. Pass a checkpoint written for {kind}, or another path."
            )
        raise ValueError(f"resume_from={path!r} is not a skopt_lite {kind} checkpoint.")
    expected = version
    version = state.get("version")
    if version != expected:
        newer = isinstance(version, int) and version > expected
        raise ValueError(
            f"resume_from={path!r} has checkpoint format version {version!r}; this"
            f" skopt_lite reads version {expected}. "
            + (
                "Upgrade skopt_lite."
                if newer
                else "Older checkpoints do not record what the search was made for, so"
                " they cannot be resumed safely; delete the file to start a new search."
            )
        )
    return state


# -- dimensions as JSON (utils.dump and the minimize checkpoints) --------------------------
def dimension_to_json(dim) -> dict:
    """A dimension as JSON data: its type and the arguments that differ from the defaults.

    Raises
    ------
    TypeError
        If a category is not a string, number, bool, None or tuple of these.
    """
    if not isinstance(dim, (Real, Integer, Categorical)):
        raise TypeError(f"dump cannot save the dimension {dim!r}.")
    params = inspect.signature(type(dim).__init__).parameters
    out = {"type": type(dim).__name__}
    for p, param in params.items():
        # transform changes nothing here (see skopt_lite.space); dtype is saved by name.
        if p in ("self", "transform") or not hasattr(dim, p):
            continue
        value = getattr(dim, p)
        if p == "dtype":
            value = dim._dtype_name()
        if p != "categories" and _same(value, param.default):
            continue
        if p == "categories":
            value = [_value_to_json(c, dim) for c in value]
        elif isinstance(value, np.ndarray):
            value = value.tolist()
        elif isinstance(value, (list, tuple)):
            value = [_value_to_json(v, dim) for v in value]
        else:
            value = _value_to_json(value, dim)
        out[p] = value
    return out


def _same(value, default) -> bool:
    try:
        return bool(value == default) and type(value) is type(default)
    except (TypeError, ValueError):  # arrays and the like
        return False


def dimension_from_json(data: dict):
    """Inverse of :func:`dimension_to_json`."""
    kinds = {"Real": Real, "Integer": Integer, "Categorical": Categorical}
    kind = kinds[data["type"]]
    kwargs = {k: v for k, v in data.items() if k != "type"}
    if "categories" in kwargs:
        kwargs["categories"] = [_value_from_json(c) for c in kwargs["categories"]]
    return kind(**kwargs)


def _value_to_json(value, dim):
    """A category (or parameter) as JSON: tuples tagged, non-finite floats as strings."""
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or isinstance(value, (int, str)):  # bools are ints
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else {"float": repr(value)}
    if isinstance(value, tuple):
        return {"tuple": [_value_to_json(v, dim) for v in value]}
    raise TypeError(
        f"dump cannot save {value!r} of {dim!r} as JSON: categories must be strings,"
        " numbers, bools, None or tuples of these. Save res.x_iters and res.func_vals"
        " another way."
    )


def _value_from_json(value):
    if isinstance(value, dict):
        if "tuple" in value:
            return tuple(_value_from_json(v) for v in value["tuple"])
        if "float" in value:
            return float(value["float"])
        raise ValueError(f"unknown tagged value {value!r}")
    return value


def space_to_json(space: Space) -> list | None:
    """The dimensions of ``space`` as :func:`dimension_to_json` data, or None if one cannot be."""
    try:
        return [dimension_to_json(d) for d in space.dimensions]
    except TypeError:
        return None
