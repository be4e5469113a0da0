"""Callbacks for :class:`~skopt_lite.BayesSearchCV` and the minimize functions.

A callback is any callable taking the current :class:`~skopt_lite.OptimizeResult`
of the subspace being searched; it is called after every batch (after every
evaluation for :func:`~skopt_lite.gp_minimize` and its siblings). Returning
True ends the whole search (every subspace); the best candidate found so far
is then refit as usual.

The result passed to callbacks also carries:

* ``elapsed_time``: seconds since the search started;
* ``batch_times``: seconds taken by each batch so far;
* ``checkpoint``: a function returning the whole search state as JSON data.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable

import numpy as np

from . import _checkpoint
from ._validation import InvalidParameterError, check_int, check_path, check_real

__all__ = [
    "CheckpointSaver",
    "DeadlineStopper",
    "DeltaXStopper",
    "DeltaYStopper",
    "EarlyStopper",
    "HollowIterationsStopper",
    "ThresholdStopper",
    "TimerCallback",
    "VerboseCallback",
    "check_callback",
]


def check_callback(callback) -> list[Callable]:
    """Return ``callback`` as a list of callables, each ready for the search.

    A callback may have a ``_check_before_search()`` method: it is called here,
    and raises if the callback could not do its work. :class:`BayesSearchCV`
    calls ``check_callback`` at the start of ``fit``, so such a callback fails
    before the search spends any fit, not after the first batch (for
    :class:`CheckpointSaver`: a missing folder).

    Parameters
    ----------
    callback : callable, list of callables or None

    Returns
    -------
    callbacks : list of callables
        Empty for None.

    Raises
    ------
    InvalidParameterError
        If anything given is not callable (both a TypeError and a ValueError).
    Exception
        Whatever a ``_check_before_search()`` raises, e.g. FileNotFoundError.
    """
    if callback is None:
        return []
    callbacks = [callback] if callable(callback) else callback
    if not isinstance(callbacks, (list, tuple)) or not all(callable(c) for c in callbacks):
        raise InvalidParameterError(
            f"callback must be a callable or a list of callables, got callback={callback!r}."
        )
    for c in callbacks:
        check = getattr(c, "_check_before_search", None)
        if callable(check):
            check()
    return list(callbacks)


class EarlyStopper:
    """Base class of the stopping rules: ``__call__`` returns True to stop."""

    def __call__(self, result) -> bool:
        return bool(self._criterion(result))

    def _criterion(self, result) -> bool:  # pragma: no cover
        raise NotImplementedError


def _finite_vals(result) -> np.ndarray:
    vals = np.asarray(result.func_vals, dtype=float)
    return vals[np.isfinite(vals)]


class DeltaYStopper(EarlyStopper):
    """Stop when the ``n_best`` best objective values lie within ``delta``.

    Parameters
    ----------
    delta : float
        Largest spread, in objective units (``-score``), that counts as converged.
    n_best : int, default=5
        How many of the best values to compare.
    """

    def __init__(self, delta: float, n_best: int = 5) -> None:
        self.delta = check_real(delta, "delta", low=0, include_low=False)
        self.n_best = check_int(n_best, "n_best", low=1)

    def _criterion(self, result):
        vals = np.sort(_finite_vals(result))
        if len(vals) < self.n_best:
            return False
        return vals[self.n_best - 1] - vals[0] <= self.delta


class DeltaXStopper(EarlyStopper):
    """Stop when the last two points are within ``delta`` of each other.

    Distances are Euclidean in the unit cube of the space, so ``delta`` is a
    fraction of the range (0.01 = 1 % of every dimension's span).

    Parameters
    ----------
    delta : float
    """

    def __init__(self, delta: float) -> None:
        self.delta = check_real(delta, "delta", low=0, include_low=False)

    def _criterion(self, result):
        if len(result.x_iters) < 2:
            return False
        U = result.space.transform(result.x_iters[-2:])
        return float(np.linalg.norm(U[1] - U[0])) <= self.delta


class ThresholdStopper(EarlyStopper):
    """Stop once the best objective value is at or below ``threshold``.

    The objective is ``-score``: stop at an accuracy of 0.95 with
    ``ThresholdStopper(-0.95)``.

    Parameters
    ----------
    threshold : float
    """

    def __init__(self, threshold: float) -> None:
        self.threshold = check_real(threshold, "threshold", finite=False)

    def _criterion(self, result):
        vals = _finite_vals(result)
        return len(vals) > 0 and vals.min() <= self.threshold


class HollowIterationsStopper(EarlyStopper):
    """Stop when the best value has not improved by ``threshold`` for ``n_iterations``.

    Parameters
    ----------
    n_iterations : int
        Number of evaluations without enough improvement.
    threshold : float, default=0
        Improvement needed, in objective units.
    """

    def __init__(self, n_iterations: int, threshold: float = 0.0) -> None:
        self.n_iterations = check_int(n_iterations, "n_iterations", low=1)
        self.threshold = check_real(threshold, "threshold", finite=False)

    def _criterion(self, result):
        vals = np.asarray(result.func_vals, dtype=float)
        if len(vals) <= self.n_iterations:
            return False
        vals = np.where(np.isfinite(vals), vals, np.inf)
        best = np.minimum.accumulate(vals)
        return best[-self.n_iterations - 1] - best[-1] <= self.threshold


class DeadlineStopper(EarlyStopper):
    """Stop before the search runs past ``total_time`` seconds.

    After each batch the search stops if the time left is shorter than the
    last batch took, so it overruns the deadline by at most one batch.

    Parameters
    ----------
    total_time : float
        Seconds the search may take (refit not included).
    """

    def __init__(self, total_time: float) -> None:
        self.total_time = check_real(total_time, "total_time", low=0, include_low=False)

    def _criterion(self, result):
        elapsed = result.get("elapsed_time", 0.0)
        times = result.get("batch_times") or [0.0]
        return elapsed + times[-1] >= self.total_time


class CheckpointSaver:
    """Save the search state to a JSON file after every batch.

    Resume a stopped or killed search with
    ``search.fit(X, y, callback=CheckpointSaver(path), resume_from=path)``
    (or ``gp_minimize(..., callback=CheckpointSaver(path), resume_from=path)``):
    completed evaluations are read back, not re-run. Files are plain data
    (never pickle) and written atomically.

    Parameters
    ----------
    checkpoint_path : str or path-like
        File to write; its folder must exist. ``BayesSearchCV.fit`` and the
        minimize functions check this before the first evaluation (see
        :func:`check_callback`).
    **dump_options
        Accepted for scikit-optimize compatibility (its options of
        ``joblib.dump``, such as ``compress``) and ignored: checkpoints are JSON.
    """

    def __init__(self, checkpoint_path: str | os.PathLike, **dump_options) -> None:
        self.checkpoint_path = check_path(checkpoint_path, "checkpoint_path")
        self.dump_options = dump_options

    def _check_before_search(self) -> None:
        """Refuse a path whose folder is missing, before the search spends any fit.

        Raises
        ------
        FileNotFoundError
            If the folder of ``checkpoint_path`` does not exist.
        NotADirectoryError
            If a part of that folder is a file.
        IsADirectoryError
            If ``checkpoint_path`` is itself a folder.
        """
        path = os.fspath(self.checkpoint_path)
        folder = os.path.dirname(os.path.abspath(path))
        if os.path.isdir(path):
            raise IsADirectoryError(
                f"checkpoint_path={path!r} is a folder; give the path of a file in it,"
                f" such as {os.path.join(path, 'checkpoint.json')!r}."
            )
        existing = folder
        while not os.path.exists(existing):
            existing = os.path.dirname(existing)
        if not os.path.isdir(existing):
            raise NotADirectoryError(
                f"checkpoint_path={path!r} cannot be written: {existing!r} is a file, not"
                " a folder. Give a path in an existing folder."
            )
        if existing != folder:
            raise FileNotFoundError(
                f"checkpoint_path={path!r} cannot be written: the folder {folder!r} does"
                f" not exist. Create the folder first (os.makedirs({folder!r},"
                " exist_ok=True)) or give a path in an existing folder."
            )

    def __call__(self, result) -> bool:
        checkpoint = result.get("checkpoint")
        if checkpoint is None:
            raise ValueError(
                "CheckpointSaver needs a result from BayesSearchCV or a minimize function"
                " (gp_minimize...), which carries the search state; got a result without"
                " 'checkpoint'."
            )
        _checkpoint.write(self.checkpoint_path, checkpoint())
        return False


class TimerCallback:
    """Record the seconds between consecutive calls (scikit-optimize's callback).

    Attributes
    ----------
    iter_time : list of float
        One entry per call: seconds since the previous call (since the
        callback was made, for the first). With a minimize function, one
        evaluation each; with :class:`~skopt_lite.BayesSearchCV`, one batch.
        ``result.batch_times`` gives the same without a callback.
    """

    def __init__(self) -> None:
        self.iter_time: list[float] = []
        self._last = time.monotonic()

    def __call__(self, result) -> bool:
        now = time.monotonic()
        self.iter_time.append(now - self._last)
        self._last = now
        return False


class VerboseCallback:
    """Print one line per call: its number, its time, the value found and the best so far.

    scikit-optimize's callback, for code that passes it. The minimize
    functions' ``verbose=True`` and ``BayesSearchCV(verbose=2)`` print the
    same information without it.

    Parameters
    ----------
    n_total : int
        Number of calls expected (shown as ``k/n_total``).
    n_init : int, default=0
        Calls whose points were given (``x0``); shown as such.
    n_random : int, default=0
        Calls at initial-design points after those; shown as such.
    """

    def __init__(self, n_total: int, n_init: int = 0, n_random: int = 0) -> None:
        self.n_total = n_total
        self.n_init = n_init
        self.n_random = n_random
        self.iter_no = 0
        self._last = time.monotonic()

    def __call__(self, result) -> bool:
        n_total = check_int(self.n_total, "n_total", low=1)
        n_init = check_int(self.n_init, "n_init", low=0)
        n_random = check_int(self.n_random, "n_random", low=0)
        now, self.iter_no = time.monotonic(), self.iter_no + 1
        k = self.iter_no
        kind = (
            "given point" if k <= n_init
            else "initial point" if k <= n_init + n_random
            else "model point"
        )
        values = np.asarray(result.func_vals, dtype=float)
        print(
            f"Iteration {k}/{n_total} ({kind}): {now - self._last:.4f} s,"
            f" value {values[-1]:.6g}, best so far {result.fun:.6g}",
            flush=True,
        )
        self._last = now
        return False
