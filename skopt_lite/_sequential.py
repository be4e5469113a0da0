"""What the model-based searches share: a log of every evaluation, failed batches, checkpoints.

:class:`~skopt_lite.BayesSearchCV` and :class:`~skopt_lite.HalvingBayesSearchCV`
evaluate candidates batch after batch and learn from each batch. Both keep
every evaluation in a :class:`Log` (so that ``cv_results_`` also holds
evaluations read from a checkpoint and batches whose fits all failed), go on
when all fits of a batch fail, report failed fits once at the end of the
search, record in their checkpoints what the search was made for, stop at
their ``timeout`` as :class:`~skopt_lite.callbacks.DeadlineStopper` does, and
warn about lists of two numbers in ``search_spaces``.
"""

from __future__ import annotations

import hashlib
import inspect
import math
import numbers
import os
import warnings
from collections import Counter

import numpy as np
from sklearn.base import is_classifier
from sklearn.exceptions import FitFailedWarning
from sklearn.model_selection import check_cv

from . import _checkpoint
from ._sklearn import NON_FINITE_SCORES, SearchCV, all_fits_failed, failed_fit_errors
from .callbacks import DeadlineStopper, check_callback
from .optimizer import Optimizer
from .space import skopt_range_lists, skopt_range_message

# What a checkpoint records of the search it was made for, with the words
# that name each item when a resume is refused.
MADE_FOR = {
    "scoring": "the scoring",
    "return_train_score": "return_train_score",
    "cv": "the cross-validation splits",
    "estimator": "the estimator's parameters outside search_spaces",
    "X": "the data X",
    "y": "the targets y",
    "params": "the parameters passed to fit",
}


_RESERVED_OPTIMIZER_KWARGS = {"dimensions", "random_state"}


def check_optimizer_kwargs(optimizer_kwargs: dict | None, search: str) -> dict:
    """The ``optimizer_kwargs`` of the search class named ``search``, checked for unknown keys.

    Their values are checked by :class:`~skopt_lite.Optimizer` itself.
    """
    kwargs = dict(optimizer_kwargs or {})
    accepted = set(inspect.signature(Optimizer).parameters) - _RESERVED_OPTIMIZER_KWARGS
    unknown = sorted(set(kwargs) - accepted, key=str)
    if unknown:
        hint = ""
        if set(unknown) & _RESERVED_OPTIMIZER_KWARGS:
            hint = f" Set random_state on {search}; the space is search_spaces."
        raise ValueError(
            f"optimizer_kwargs has unknown keys {unknown}; accepted keys are"
            f" {sorted(accepted)}.{hint}"
        )
    return kwargs


class Log:
    """Every evaluation of a search in order: where it came from and its fold results.

    scikit-learn builds ``cv_results_`` only from the candidates evaluated by
    ``evaluate_candidates`` in the current ``fit``. The log also keeps
    evaluations read from a checkpoint and batches in which every fit failed
    (scikit-learn raises for those instead of recording them), so that
    ``cv_results_`` holds them all.

    An entry is a dict with at least ``params`` (the candidate) and ``out``
    (its fold results); each search adds where the evaluation came from.
    """

    def __init__(self):
        self.entries: list[dict] = []
        self.n_from_sklearn = 0  # candidates seen in evaluate_candidates' output
        self.n_splits: int | None = None
        self.kind: tuple | None = None  # metric names and train scores (score_kind)
        self.pending: list[dict] = []  # entries without "out", in evaluation

    def add(self, entry: dict, out: list) -> None:
        """Append ``entry`` with its fold results ``out``, checked to match the others."""
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
        self.entries.append({**entry, "out": out})

    def absorb(self, candidate_params, n_splits, out) -> list[list[dict]]:
        """Record the new tail of ``evaluate_candidates``' output; return its fold results."""
        new = len(candidate_params) - self.n_from_sklearn
        if new != len(self.pending):  # pragma: no cover - guards the bookkeeping
            raise RuntimeError("the search lost track of its pending candidates")
        start = self.n_from_sklearn * n_splits
        outs = []
        for i, entry in enumerate(self.pending):
            fold_out = list(out[start + i * n_splits : start + (i + 1) * n_splits])
            self.add(entry, fold_out)
            outs.append(fold_out)
        self.n_from_sklearn = len(candidate_params)
        self.pending = []
        return outs

    def flatten(self):
        params = [e["params"] for e in self.entries]
        out = [fold for e in self.entries for fold in e["out"]]
        return params, out


class Run:
    """What one ``fit`` keeps while it runs, never left on the estimator."""

    def __init__(self, callbacks, resume_from, data):
        self.callbacks = callbacks
        self.resume_from = resume_from
        self.data = data  # (X, y, params), for the checkpoint's fingerprints
        self.made_for: dict | None = None  # computed when first needed
        self.log = Log()
        self.results: dict | None = None  # the dict scikit-learn keeps as cv_results_
        self.fit_errors: Counter = Counter()  # error text -> failed fits, this fit
        self.n_fits = 0  # fits run in this fit
        self.last_failure: BaseException | None = None
        self.deadline: DeadlineStopper | None = None  # from the timeout parameter


class SequentialSearchCV(SearchCV):
    """A search that evaluates batch after batch, learns from each and can be resumed.

    Subclasses set ``self._run`` (a :class:`Run`) for the duration of ``fit``
    with :meth:`_fit_run`, evaluate batches with :meth:`_evaluate_batch`, and
    say which parameters they search with :meth:`_searched_names`, and name
    the dicts of their ``search_spaces`` with :meth:`_range_list_entries`.
    """

    # The name in progress lines and messages.
    _progress_name = "SequentialSearchCV"

    # -- fitting ------------------------------------------------------------------
    def _fit_run(self, run_class, X, y, callback, resume_from, params):
        """``BaseSearchCV.fit`` with a fresh ``run_class`` run, removed afterwards."""
        callbacks = check_callback(callback)
        if resume_from is not None and not isinstance(resume_from, (str, os.PathLike)):
            raise TypeError(f"resume_from must be a path, got resume_from={resume_from!r}.")
        self._warn_skopt_range_lists()
        self._run = run_class(callbacks, resume_from, (X, y, params))
        try:
            return SearchCV.fit(self, X, y, **params)
        finally:
            del self._run

    def _range_list_entries(self) -> list[tuple]:
        """``(where, dict)`` for each dict of ``search_spaces``, ``where`` naming it."""
        raise NotImplementedError  # pragma: no cover

    def _warn_skopt_range_lists(self) -> None:
        """One UserWarning for the lists of two numbers that scikit-optimize read as ranges.

        Called from ``fit`` through :meth:`_fit_run`, so that the warning points
        at the user's call of ``fit``.
        """
        try:
            entries = self._range_list_entries()
        except (TypeError, ValueError):
            return  # fit reports the malformed search_spaces
        found = []
        for where, sub in entries:
            found += [(f"{where}[{k!r}]", sub[k]) for k in skopt_range_lists(sub)]
        if found:
            warnings.warn(skopt_range_message(found), UserWarning, stacklevel=4)

    def _start_deadline(self) -> None:
        """Start the clock of ``timeout`` (None or inf: no limit), at the start of the search."""
        timeout = getattr(self, "timeout", None)
        if timeout is not None and math.isfinite(timeout):
            self._run.deadline = DeadlineStopper(timeout)

    def _past_deadline(self, view) -> bool:
        """Whether the search stops for its ``timeout`` after this batch, as DeadlineStopper would.

        ``view`` is the callbacks' OptimizeResult, with ``elapsed_time`` and
        ``batch_times``: the search stops if the time left is shorter than
        the last batch took, so it overruns ``timeout`` by at most one batch.
        """
        run = self._run
        if run.deadline is None or not run.deadline(view):
            return False
        if self.verbose > 0:
            print(
                f"[{self._progress_name}] timeout={self.timeout:.6g}s: stopping after"
                f" {len(run.log.entries)} evaluations ({view['elapsed_time']:.6g}s)"
            )
        return True

    def _all_evaluations(self, candidate_params, n_splits, out):
        run = self._run
        for fold_out in run.log.absorb(candidate_params, n_splits, out):
            run.n_fits += len(fold_out)
            run.fit_errors.update(
                f["fit_error"].rstrip("\n") for f in fold_out if f.get("fit_error") is not None
            )
        return run.log.flatten()

    def _log_columns(self) -> dict | None:
        """Extra ``cv_results_`` columns, one value per log entry (None for none)."""
        return None

    def _format(self, candidate_params, n_splits, out, more_results=None) -> dict:
        columns = self._log_columns()
        if columns is not None:
            more_results = columns
        results = super()._format(candidate_params, n_splits, out, more_results)
        self._run.results = results
        return results

    def _format_log(self) -> None:
        """The whole log into the dict scikit-learn keeps as ``cv_results_``.

        Formatted once more at the end of the search, with its warnings:
        batches whose fits all failed after the last successful one are only
        in the log.
        """
        run = self._run
        params, out = run.log.flatten()
        run.results.update(self._format(params, run.log.n_splits, out))

    def _objective(self, out: list[dict]) -> float:
        """Mean test score over the folds of one candidate (nan if any failed)."""
        scores = [fold["test_scores"] for fold in out]
        if isinstance(scores[0], dict):
            key = self.refit if isinstance(self.refit, str) and self.refit in scores[0] else None
            key = key or next(iter(scores[0]))
            scores = [s[key] for s in scores]
        with np.errstate(invalid="ignore", over="ignore"):
            return float(np.mean(np.asarray(scores, dtype=float)))

    def _failed_outs(self, log: Log, n_candidates: int, n_fits: int, error: str):
        """Fold results for a batch whose fits all failed, shaped like real ones."""
        n_splits = log.n_splits or getattr(self, "n_splits_", None) or n_fits // n_candidates
        template = log.entries[-1]["out"][0] if log.entries else None
        if template is not None and isinstance(template["test_scores"], dict):
            score = dict.fromkeys(template["test_scores"], self.error_score)
        elif isinstance(self.scoring, (list, tuple, dict)):
            score = dict.fromkeys(self.scoring, self.error_score)
        else:
            score = self.error_score
        fold = {
            "fit_error": error,
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

    def _evaluate_batch(self, evaluate_candidates, batch: list[dict], ctx, cv=None) -> bool:
        """Evaluate one batch of log entries (without ``out``); False when all fits failed.

        ``cv`` replaces the search's splitter for this batch (None keeps it).
        scikit-learn's warnings about failed fits and non-finite scores are
        held back: the search reports them once, at its end.
        """
        run = self._run
        run.log.pending = list(batch)
        candidates = [entry["params"] for entry in batch]
        kwargs = {} if cv is None else {"cv": cv}
        try:
            with self._batch_context(ctx, len(batch)) as batch_ctx, warnings.catch_warnings():
                warnings.simplefilter("ignore", FitFailedWarning)
                warnings.filterwarnings("ignore", NON_FINITE_SCORES, UserWarning)
                if batch_ctx is not None:
                    kwargs["callback_ctx"] = batch_ctx
                evaluate_candidates(candidates, **kwargs)
            return True
        except ValueError as exc:
            n_fits = all_fits_failed(exc)
            if self.error_score == "raise" or n_fits is None:
                raise
            errors = failed_fit_errors(exc)
            run.fit_errors.update(errors)
            run.n_fits += n_fits
            outs = self._failed_outs(run.log, len(batch), n_fits, next(iter(errors)))
            for entry, out in zip(batch, outs):
                run.log.add(entry, out)
            run.log.pending = []
            run.last_failure = exc
            return False

    def _warn_failures(self) -> None:
        """One FitFailedWarning for the whole search, each distinct error shown once."""
        run = self._run
        if not run.fit_errors:
            return
        line = "-" * 80
        details = "\n".join(
            f"{line}\n{n} fits failed with the following error:\n{error}"
            for error, n in run.fit_errors.items()
        )
        warnings.warn(
            f"\n{sum(run.fit_errors.values())} fits failed out of a total of {run.n_fits}"
            f" in this search. Their candidates score error_score={self.error_score}, and"
            " the optimiser learns them as worse than every other candidate. If these"
            " failures are not expected, set error_score='raise' to debug them.\n\n"
            f"Below are more details about the failures:\n{details}",
            FitFailedWarning,
            stacklevel=3,
        )

    # -- checkpoints ----------------------------------------------------------------
    def _searched_names(self) -> set:
        """Names of the estimator parameters the search sets on each candidate."""
        raise NotImplementedError  # pragma: no cover

    def _made_for(self) -> dict:
        """What the search is made for, as a checkpoint records it (computed once a fit)."""
        run = self._run
        if run.made_for is None:
            X, y, params = run.data
            searched = self._searched_names()
            fixed = {
                name: _checkpoint.describe_value(value)
                for name, value in sorted(self.estimator.get_params(deep=True).items())
                if name not in searched and not _holds_estimator(value)
            }
            run.made_for = _checkpoint.jsonable(
                {
                    "scoring": _checkpoint.describe_scoring(self.scoring),
                    "return_train_score": bool(self.return_train_score),
                    "cv": self._describe_splits(X, y, params),
                    "estimator": fixed,
                    "X": _checkpoint.fingerprint(X),
                    "y": _checkpoint.fingerprint(y),
                    "params": {k: _checkpoint.fingerprint(v) for k, v in sorted(params.items())},
                }
            )
        return run.made_for

    def _check_made_for(self, state: dict, where: str, labels: dict = MADE_FOR) -> None:
        """Refuse a checkpoint made for another search, naming what differs.

        ``labels`` maps the keys of ``_made_for()`` to the words naming them.

        Raises
        ------
        ValueError
            If the checkpoint records no search, or another one.
        """
        saved = state.get("made_for")
        if not isinstance(saved, dict):
            raise ValueError(f"{where} is not a valid checkpoint (no 'made_for').")
        now = self._made_for()
        differ = [
            f"{label} {_difference(saved.get(key), now[key])}"
            for key, label in labels.items()
            if saved.get(key) != now[key]
        ]
        if differ:
            raise ValueError(
                f"{where} was made for another search: " + "; ".join(differ) + ". Its"
                " results cannot be mixed with this search's. Resume with the same"
                " settings and data, or delete the file (or pass another resume_from)"
                " to start a new search."
            )

    def _describe_splits(self, X, y, params):
        """The number of splits and a hash of their indices (None for a one-shot iterator)."""
        cv = self.cv
        if not reusable_cv(cv):
            return None  # reading a generator would use it up before scikit-learn does
        splitter = check_cv(cv, y, classifier=is_classifier(self.estimator))
        groups = params.get("groups")
        splits = splitter.split(X, y, groups) if groups is not None else splitter.split(X, y)
        h = hashlib.sha1()
        n = 0
        for train, test in splits:
            h.update(np.asarray(train, dtype=np.int64).tobytes() + b"|")
            h.update(np.asarray(test, dtype=np.int64).tobytes() + b";")
            n += 1
        return {"n_splits": n, "sha1": h.hexdigest()}


def reusable_cv(cv) -> bool:
    """Whether ``cv`` can give its splits more than once (not a generator or iterator)."""
    return (
        cv is None
        or isinstance(cv, numbers.Integral)
        or hasattr(cv, "split")
        or isinstance(cv, (list, tuple))
    )


def _holds_estimator(value) -> bool:
    """Whether a parameter value is an estimator, or a list of (name, estimator) steps."""
    if hasattr(value, "get_params") and not isinstance(value, type):
        return True
    if isinstance(value, (list, tuple)):
        return any(_holds_estimator(v) for v in value)
    return False


def _difference(saved, now) -> str:
    """How a recorded item differs, for an error message: the keys that differ in dicts."""
    if isinstance(saved, dict) and isinstance(now, dict):
        keys = sorted(k for k in set(saved) | set(now) if saved.get(k) != now.get(k))
        shown = ", ".join(
            f"{k} (checkpoint: {_shorten(saved.get(k))}; now: {_shorten(now.get(k))})"
            for k in keys[:3]
        )
        return f"differ in {shown}" + (f" and {len(keys) - 3} more" if len(keys) > 3 else "")
    return f"differ (checkpoint: {_shorten(saved)}; now: {_shorten(now)})"


def show_params(params: dict) -> str:
    """A candidate's parameters for a progress line: ``name=value, ...``."""
    return ", ".join(f"{k}={_show_value(v)}" for k, v in params.items())


def _show_value(value, limit: int = 40) -> str:
    """A parameter value for a progress line: floats to 6 significant digits."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float):
        return f"{value:.6g}"
    return _shorten(value, limit)


def _shorten(value, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
