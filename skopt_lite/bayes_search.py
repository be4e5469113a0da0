"""BayesSearchCV: sequential model-based search, a drop-in for scikit-optimize's."""

from __future__ import annotations

import inspect
import numbers
import os
import re
import time
import warnings
from collections.abc import Mapping

import numpy as np
from sklearn.utils import check_random_state

from . import _checkpoint
from ._base import _ATTRIBUTES_DOC, _COMMON_DOC, as_subspaces
from ._sklearn import BaseSearchCV, Interval, SearchCV
from ._validation import is_int
from .callbacks import check_callback
from .optimizer import Optimizer
from .space import Space

_ALL_FAILED = re.compile(r"^\s*All the (\d+) fits failed")
_RESERVED_OPTIMIZER_KWARGS = {"dimensions", "random_state"}


class _Log:
    """Every evaluation of a search in order: where it came from and its fold results.

    scikit-learn builds ``cv_results_`` only from the candidates evaluated by
    ``evaluate_candidates`` in the current ``fit``. The log also keeps
    evaluations read from a checkpoint and batches in which every fit failed
    (scikit-learn raises for those instead of recording them), so that
    ``cv_results_`` holds them all.
    """

    def __init__(self):
        self.entries: list[dict] = []  # subspace, batch, point, params, out
        self.n_from_sklearn = 0  # candidates seen in evaluate_candidates' output
        self.n_splits: int | None = None
        self.kind: tuple | None = None  # metric names and train scores (score_kind)
        self.pending: list[tuple] = []  # (subspace, batch, point, params) in evaluation
        self.results: dict = {}  # becomes cv_results_; filled once the search ends

    def add(self, subspace, batch, point, params, out):
        if self.n_splits is None:
            self.n_splits = len(out)
        elif len(out) != self.n_splits:
            raise ValueError(
                f"the checkpoint was made with {self.n_splits} cross-validation splits,"
                f" but this search uses {len(out)}; resume with the same cv."
            )
        kind = _checkpoint.score_kind(out)
        if self.kind is None:
            self.kind = kind
        elif kind != self.kind:
            raise ValueError(
                f"the checkpoint holds scores {self.kind} (metrics, training scores), but"
                f" this search gives {kind}; resume with the same scoring and"
                " return_train_score."
            )
        self.entries.append(
            {"subspace": subspace, "batch": batch, "point": point, "params": params, "out": out}
        )

    def absorb(self, candidate_params, n_splits, out):
        """Record the new tail of ``evaluate_candidates``' output."""
        new = len(candidate_params) - self.n_from_sklearn
        if new != len(self.pending):  # pragma: no cover - guards the bookkeeping
            raise RuntimeError("BayesSearchCV lost track of its pending candidates")
        start = self.n_from_sklearn * n_splits
        for i, (subspace, batch, point, params) in enumerate(self.pending):
            fold_out = out[start + i * n_splits : start + (i + 1) * n_splits]
            self.add(subspace, batch, point, params, list(fold_out))
        self.n_from_sklearn = len(candidate_params)
        self.pending = []

    def flatten(self):
        params = [e["params"] for e in self.entries]
        out = [fold for e in self.entries for fold in e["out"]]
        return params, out


class BayesSearchCV(SearchCV):
    __doc__ = f"""Bayesian optimisation of hyperparameters over cross-validated scores.

    Candidates are proposed one batch at a time by an :class:`~skopt_lite.Optimizer`
    (a Gaussian process on the unit cube of the space and an acquisition
    function), evaluated with scikit-learn's cross-validation, and told back.
    Code written for scikit-optimize's ``BayesSearchCV`` runs unchanged.

    Unlike scikit-optimize it never evaluates a candidate twice, stops early
    (with a warning) when a finite space is exhausted, keeps optimising when
    fits fail (failed candidates score ``error_score`` and the optimiser steers
    away from them; a batch whose fits all fail does not end the search), and
    gives the same candidates for the same ``random_state`` whatever ``n_jobs``.

    Parameters
    ----------
    estimator : estimator object
        The estimator to tune (any scikit-learn compatible estimator or Pipeline).
    search_spaces : dict, list of dict, or list of dict and (dict, int) tuples
        Parameter names mapped to :class:`~skopt_lite.Real`,
        :class:`~skopt_lite.Integer`, :class:`~skopt_lite.Categorical`, lists of
        choices, or scikit-optimize's shorthand tuples ``(low, high)`` and
        ``(low, high, prior)`` (a range: ``Integer`` when both ends are ints,
        else ``Real``). A list searches each subspace in turn, each for
        ``n_iter`` evaluations, or for ``n`` when given as ``(dict, n)``.
    optimizer_kwargs : dict or None, default=None
        Arguments of :class:`~skopt_lite.Optimizer`: ``base_estimator``,
        ``n_initial_points``, ``initial_point_generator``, ``acq_func``,
        ``acq_optimizer``, ``acq_func_kwargs``, ``acq_optimizer_kwargs``.
    n_iter : int, default=50
        Evaluations per subspace given as a plain dict.
{_COMMON_DOC}
    n_points : int, default=1
        Candidates proposed per batch and evaluated in parallel (each batch
        runs ``n_points * n_splits`` fits). Counts against ``n_iter``.
    random_state : int, RandomState instance or None, default=None
        Seed of the optimiser.

    Attributes
    ----------{_ATTRIBUTES_DOC}
    optimizer_results_ : list of OptimizeResult
        One per subspace: ``x`` (best point, as a list ordered like
        ``space.names``), ``fun`` (its ``-score``), ``func_vals`` (every
        ``-score``), ``x_iters`` (every point), ``space``, ``models`` (the
        last surrogate).
    total_iterations : int
        Number of evaluations the search is allowed (available before fit).

    See Also
    --------
    skopt_lite.Optimizer : the ask/tell optimiser behind this search.
    skopt_lite.callbacks : stopping rules and checkpoints.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.svm import SVC
    >>> from skopt_lite import BayesSearchCV
    >>> X, y = load_iris(return_X_y=True)
    >>> search = BayesSearchCV(
    ...     SVC(),
    ...     {{"C": (1e-3, 1e3, "log-uniform"), "kernel": ["linear", "rbf"]}},
    ...     n_iter=12,
    ...     cv=3,
    ...     random_state=0,
    ... ).fit(X, y)
    >>> len(search.cv_results_["params"])
    12
    >>> bool(search.best_score_ > 0.9)
    True
    """

    _parameter_constraints: dict = {
        **BaseSearchCV._parameter_constraints,
        "search_spaces": [dict, list],
        "optimizer_kwargs": [dict, None],
        "n_iter": [Interval(numbers.Integral, 1, None, closed="left")],
        "n_points": [Interval(numbers.Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        estimator,
        search_spaces,
        optimizer_kwargs=None,
        n_iter=50,
        scoring=None,
        n_jobs=None,
        n_points=1,
        refit=True,
        cv=None,
        verbose=0,
        pre_dispatch="2*n_jobs",
        random_state=None,
        error_score=np.nan,
        return_train_score=False,
    ):
        super().__init__(
            estimator=estimator,
            scoring=scoring,
            n_jobs=n_jobs,
            refit=refit,
            cv=cv,
            verbose=verbose,
            pre_dispatch=pre_dispatch,
            error_score=error_score,
            return_train_score=return_train_score,
        )
        self.search_spaces = search_spaces
        self.optimizer_kwargs = optimizer_kwargs
        self.n_iter = n_iter
        self.n_points = n_points
        self.random_state = random_state

    # -- the user's space ---------------------------------------------------------
    def _space_entries(self) -> list[tuple]:
        """``(dict, n_iter)`` per subspace, without reading the dimensions."""
        spaces = self.search_spaces
        if isinstance(spaces, Mapping):
            return [(spaces, self.n_iter)]
        if not isinstance(spaces, (list, tuple)):
            raise TypeError(
                f"search_spaces must be a dict or a list of dicts, got {spaces!r} of"
                f" type {type(spaces).__name__}."
            )
        if len(spaces) == 0:
            raise ValueError("search_spaces is an empty list; give at least one dict.")
        entries = []
        for i, entry in enumerate(spaces):
            if isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], Mapping):
                sub, n = entry
                if not is_int(n) or n < 1:
                    raise ValueError(
                        f"search_spaces[{i}] gives n_iter={n!r}; it must be a positive integer."
                    )
                entries.append((sub, int(n)))
            elif isinstance(entry, Mapping):
                entries.append((entry, self.n_iter))
            else:
                raise TypeError(
                    f"search_spaces[{i}] must be a dict or a (dict, n_iter) tuple, got"
                    f" {entry!r}."
                )
        return entries

    @property
    def total_iterations(self) -> int:
        """Number of evaluations the search is allowed: the sum of every subspace's n_iter."""
        return sum(n for _, n in self._space_entries())

    def _make_optimizers(self, spaces: list[Space]) -> list[Optimizer]:
        kwargs = dict(self.optimizer_kwargs or {})
        accepted = set(inspect.signature(Optimizer).parameters) - _RESERVED_OPTIMIZER_KWARGS
        unknown = sorted(set(kwargs) - accepted, key=str)
        if unknown:
            hint = ""
            if set(unknown) & _RESERVED_OPTIMIZER_KWARGS:
                hint = " Set random_state on BayesSearchCV; the space is search_spaces."
            raise ValueError(
                f"optimizer_kwargs has unknown keys {unknown}; accepted keys are"
                f" {sorted(accepted)}.{hint}"
            )
        for i, space in enumerate(spaces):
            if space.n_dims == 0:
                where = "search_spaces" if len(spaces) == 1 else f"search_spaces[{i}]"
                raise ValueError(
                    f"{where} is an empty dict; BayesSearchCV needs at least one"
                    " parameter to search."
                )
        rng = check_random_state(self.random_state)
        seeds = rng.randint(np.iinfo(np.int32).max, size=len(spaces))
        return [
            Optimizer(space, random_state=np.random.RandomState(seed), **kwargs)
            for space, seed in zip(spaces, seeds)
        ]

    # -- fitting ------------------------------------------------------------------
    def fit(self, X, y=None, *, callback=None, resume_from=None, **params):
        """Run the search, then refit the best candidate.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data.
        y : array-like of shape (n_samples,) or (n_samples, n_outputs), default=None
            Targets; None for unsupervised learning.
        callback : callable, list of callables or None, default=None
            Called with the current subspace's OptimizeResult after every
            batch; returning True ends the whole search. See
            :mod:`skopt_lite.callbacks`.
        resume_from : str, path-like or None, default=None
            A checkpoint written by :class:`~skopt_lite.callbacks.CheckpointSaver`.
            Its evaluations are read back, not re-run, and the search goes on
            until ``n_iter`` evaluations per subspace. A missing file starts a
            new search, so one script can be rerun after a crash.
        **params : dict
            Passed to the estimator's ``fit``, the scorer and the splitter, as
            in scikit-learn (e.g. ``groups``, ``sample_weight``).

        Returns
        -------
        self : BayesSearchCV
        """
        self._fit_callbacks = check_callback(callback)
        if resume_from is not None and not isinstance(resume_from, (str, os.PathLike)):
            raise TypeError(f"resume_from must be a path, got resume_from={resume_from!r}.")
        self._resume_from = resume_from
        try:
            return super().fit(X, y, **params)
        finally:
            for name in ("_fit_callbacks", "_resume_from", "_log"):
                self.__dict__.pop(name, None)

    def _format_results(self, candidate_params, n_splits, out, more_results=None):
        log = getattr(self, "_log", None)
        if log is None:  # pragma: no cover - only _run_search calls evaluate_candidates
            return super()._format_results(candidate_params, n_splits, out, more_results)
        log.absorb(candidate_params, n_splits, out)
        # The loop reads scores off the log, so nothing is formatted per batch
        # (that would cost O(evaluations) every batch). scikit-learn keeps the
        # dict returned here as the search's results; _run_search fills it once
        # at the end, from the whole log.
        return log.results

    def _objective(self, out: list[dict]) -> float:
        """Mean test score over the folds of one candidate (nan if any failed)."""
        scores = [fold["test_scores"] for fold in out]
        if isinstance(scores[0], dict):
            key = self.refit if isinstance(self.refit, str) and self.refit in scores[0] else None
            key = key or next(iter(scores[0]))
            scores = [s[key] for s in scores]
        with np.errstate(invalid="ignore", over="ignore"):
            return float(np.mean(np.asarray(scores, dtype=float)))

    def _failed_outs(self, log: _Log, n_candidates: int, message: str) -> list[list[dict]]:
        """Fold results for a batch whose fits all failed, shaped like real ones."""
        n_splits = log.n_splits or getattr(self, "n_splits_", None)
        if n_splits is None:
            n_splits = int(_ALL_FAILED.match(message).group(1)) // n_candidates
        template = log.entries[-1]["out"][0] if log.entries else None
        if template is not None and isinstance(template["test_scores"], dict):
            score = dict.fromkeys(template["test_scores"], self.error_score)
        elif isinstance(self.scoring, (list, tuple, dict)):
            score = dict.fromkeys(self.scoring, self.error_score)
        else:
            score = self.error_score
        fold = {
            "fit_error": message,
            "test_scores": score,
            "n_test_samples": 0,
            "fit_time": np.nan,
            "score_time": np.nan,
        }
        if self.return_train_score:
            fold["train_scores"] = score
        if template is not None:
            fold = {k: fold.get(k, template[k]) for k in template}
        return [[dict(fold) for _ in range(n_splits)] for _ in range(n_candidates)]

    def _evaluate_batch(self, evaluate_candidates, batch, batch_ctx):
        """Evaluate one batch; return the dict of results scikit-learn built, or None."""
        log = self._log
        log.pending = list(batch)
        candidates = [params for *_, params in batch]
        try:
            if batch_ctx is None:
                return evaluate_candidates(candidates)
            batch_ctx.call_on_fit_task_begin(estimator=self)
            results = evaluate_candidates(candidates, callback_ctx=batch_ctx)
            batch_ctx.call_on_fit_task_end(estimator=self)
            return results
        except ValueError as exc:
            message = str(exc)
            if self.error_score == "raise" or not _ALL_FAILED.match(message):
                raise
            warnings.warn(
                f"All fits of a batch of {len(batch)} candidates failed; they score"
                f" error_score={self.error_score} and the search goes on.{message}",
                UserWarning,
                stacklevel=2,
            )
            for (subspace, b, point, params), out in zip(
                batch, self._failed_outs(log, len(batch), message)
            ):
                log.add(subspace, b, point, params, out)
            log.pending = []
            self._last_failure = exc
            return None

    def _resume(self, spaces, n_iters, optimizers, log) -> None:
        """Read a checkpoint into the log and the optimisers.

        A checkpoint that already holds every evaluation drops its last batch:
        scikit-learn needs at least one evaluation in every ``fit``.
        """
        path = self._resume_from
        if path is None or not os.path.exists(path):
            return
        state = _checkpoint.read(path)
        described = _checkpoint.jsonable([_checkpoint.describe_space(s) for s in spaces])
        if state.get("spaces") != described:
            raise ValueError(
                f"resume_from={os.fspath(path)!r} was written for another search space;"
                " resume with the same search_spaces, or delete the file to start anew."
            )
        try:
            if not isinstance(state["evaluations"], list):
                raise TypeError("evaluations must be a list")
            evaluations = [
                _checkpoint.decode_evaluation(e, spaces) for e in state["evaluations"]
            ]
            rng_states = [_checkpoint.decode_rng(s) for s in state["rng"]]
        except (KeyError, IndexError, TypeError, ValueError) as exc:
            raise ValueError(
                f"resume_from={os.fspath(path)!r} is not a valid checkpoint ({exc!r})."
            ) from exc
        if len(rng_states) != len(optimizers):
            raise ValueError(f"resume_from={os.fspath(path)!r} is not a valid checkpoint.")
        counts = np.bincount([k for k, *_ in evaluations], minlength=len(spaces))
        if evaluations and np.all(counts >= n_iters):
            last = max(b for _, b, _, _ in evaluations)
            evaluations = [e for e in evaluations if e[1] != last]
        for k, batch, point, out in evaluations:
            log.add(k, batch, point, spaces[k].to_dict(point), out)
        for k, (opt, rng) in enumerate(zip(optimizers, rng_states)):
            opt.rng.set_state(rng.get_state())
            mine = [e for e in log.entries if e["subspace"] == k]
            if mine:
                opt.tell(
                    [e["point"] for e in mine],
                    [-self._objective(e["out"]) for e in mine],
                )
        if self.verbose > 0:
            print(f"[BayesSearchCV] resumed {len(log.entries)} evaluations from {path}")

    def _checkpoint_state(self) -> dict:
        """The search state as JSON data (see :mod:`skopt_lite._checkpoint`)."""
        spaces = self._spaces
        return {
            "spaces": _checkpoint.jsonable([_checkpoint.describe_space(s) for s in spaces]),
            "n_iter": [n for _, n in self._space_entries()],
            "evaluations": [
                {
                    "subspace": e["subspace"],
                    "batch": e["batch"],
                    "point": _checkpoint.encode_point(spaces[e["subspace"]], e["point"]),
                    "out": _checkpoint.jsonable(e["out"]),
                }
                for e in self._log.entries
            ],
            "rng": [_checkpoint.encode_rng(opt.rng) for opt in self._optimizers],
        }

    def _run_search(self, evaluate_candidates, callback_ctx=None):
        entries = self._space_entries()
        spaces = [
            as_subspaces(sub, f"search_spaces[{i}]", tuple_is_range=True)[0]
            for i, (sub, _) in enumerate(entries)
        ]
        optimizers = self._make_optimizers(spaces)
        self._spaces, self._optimizers = spaces, optimizers
        log = self._log = _Log()
        self._last_failure = None
        self._resume(spaces, [n for _, n in entries], optimizers, log)

        done = [0] * len(spaces)
        for e in log.entries:
            done[e["subspace"]] += 1
        batch_id = 1 + max((e["batch"] for e in log.entries), default=-1)

        evaluated = False
        start = time.monotonic()
        batch_times = []
        planned = sum(-(-max(n - d, 0) // self.n_points) for d, (_, n) in zip(done, entries))
        with self._search_context(callback_ctx, max_subtasks=planned, sequential=True) as ctx:
            stop = False
            for k, (opt, (_, n_iter)) in enumerate(zip(optimizers, entries)):
                while not stop and done[k] < n_iter:
                    t0 = time.monotonic()
                    points = opt.ask(n_points=min(self.n_points, n_iter - done[k]))
                    if not points:
                        warnings.warn(
                            f"search_spaces[{k}] has only"
                            # a continuous space runs out when its ranges hold few floats
                            f" {spaces[k].size if spaces[k].is_finite else done[k]}"
                            " candidates and all"
                            f" were evaluated; this subspace stops after {done[k]} of its"
                            f" {n_iter} iterations.",
                            UserWarning,
                            stacklevel=2,
                        )
                        break
                    batch = [(k, batch_id, p, spaces[k].to_dict(p)) for p in points]
                    batch_ctx = None
                    if ctx is not None:
                        batch_ctx = ctx.subcontext(
                            task_name="batch",
                            max_subtasks=len(batch) * self.n_splits_,
                            sequential_subtasks=False,
                        )
                    got = self._evaluate_batch(evaluate_candidates, batch, batch_ctx)
                    evaluated = evaluated or got is not None
                    new = log.entries[-len(points) :]
                    opt.tell(points, [-self._objective(e["out"]) for e in new])
                    done[k] += len(points)
                    batch_id += 1
                    batch_times.append(time.monotonic() - t0)
                    stop = self._after_batch(opt, k, log, start, batch_times)
                if stop:
                    break
        self.optimizer_results_ = [opt.get_result() for opt in optimizers]
        if not evaluated:
            if self._last_failure is not None:
                raise self._last_failure
            raise ValueError("BayesSearchCV evaluated no candidate.")  # pragma: no cover
        # Format the results once, from the whole log, into the dict scikit-learn
        # keeps (it becomes cv_results_): checkpointed and failed batches count too.
        params, out = log.flatten()
        log.results.update(super()._format_results(params, log.n_splits, out))
        del self._spaces, self._optimizers, self._last_failure

    def _after_batch(self, opt, k, log, start, batch_times) -> bool:
        """Report progress and run the callbacks; True means stop the search."""
        result = opt.get_result()
        if self.verbose > 0:
            scores = [self._objective(e["out"]) for e in log.entries]
            finite = [s for s in scores if np.isfinite(s)]
            best = f"{max(finite):.6g}" if finite else "nan"
            print(
                f"[BayesSearchCV] batch {len(batch_times)}: {len(log.entries)}"
                f"/{self.total_iterations} evaluated, best score so far {best}"
            )
        if not self._fit_callbacks:
            return False
        view = type(result)(result)
        view["elapsed_time"] = time.monotonic() - start
        view["batch_times"] = list(batch_times)
        view["checkpoint"] = self._checkpoint_state
        stop = False
        for cb in self._fit_callbacks:
            stop = bool(cb(view)) or stop
        return stop
