"""Every use of scikit-learn's private names, in one module.

skopt_lite's searches are subclasses of scikit-learn's ``BaseSearchCV`` and
lean on a few things scikit-learn does not promise to keep. Each is named
here, once, and ``tests/test_sklearn_internals.py`` checks each assumption on
the installed scikit-learn, so that a release that changes one breaks that
test first and nothing else:

1. ``BaseSearchCV`` lives in ``sklearn.model_selection._search``; a subclass
   overrides ``_run_search(evaluate_candidates)`` and, from scikit-learn 1.9
   on, receives ``callback_ctx`` when its signature accepts it.
2. ``fit`` formats the results of every call of ``evaluate_candidates`` with
   ``self._format_results(candidate_params, n_splits, out, more_results)``,
   where ``out`` holds one dict per candidate and fold (``test_scores``,
   ``fit_error``, ...), and the dict it returns last becomes ``cv_results_``
   and picks ``best_index_``.
3. ``evaluate_candidates`` raises a ``ValueError`` whose text starts with
   "All the N fits failed" when every fit of that call fails, and lists each
   distinct error after "Below are more details about the failures:" in
   sections "N fits failed with the following error:"; when only some fail,
   it warns with a ``FitFailedWarning`` instead, and the fold results keep
   each error's text under ``fit_error``.
   Formatting results with non-finite scores warns "One or more of the test
   scores are non-finite" (a ``UserWarning``).
4. ``_parameter_constraints`` and the constraint classes of
   ``sklearn.utils._param_validation`` validate ``__init__`` parameters in
   ``fit``; their error is ``InvalidParameterError``.
5. From 1.9 on, the callback context has ``subcontext(task_name=...,
   max_subtasks=..., sequential_subtasks=...)``, ``call_on_fit_task_begin``
   and ``call_on_fit_task_end``.

What the successive-halving search (:class:`~skopt_lite.HalvingBayesSearchCV`)
adds:

6. ``evaluate_candidates(candidates, cv=splitter)`` evaluates on the splits of
   ``splitter`` instead of the search's ``cv``.
7. ``_SubsampleMetaSplitter(base_cv=, fraction=, subsample_test=,
   random_state=)`` in ``sklearn.model_selection._search_successive_halving``
   yields the splits of ``base_cv`` with ``int(fraction * len(part))`` indices
   drawn without replacement from each training (and test) part, the same
   ones on every call for an int ``random_state``; and
   ``_yields_constant_splits(cv)`` in ``sklearn.model_selection._split`` tells
   whether ``cv.split`` gives the same splits on every call.
8. ``fit`` picks ``best_index_`` with
   ``self._select_best_index(refit, refit_metric, results)`` (a static method:
   ``refit(results)`` for a callable ``refit``), then sets ``best_params_``
   and refits ``clone(estimator).set_params(**self.best_params_)``, reading
   the attribute back after setting it.
"""

from __future__ import annotations

import re
from collections import Counter
from contextlib import contextmanager

import numpy as np
from sklearn.model_selection._search import BaseSearchCV
from sklearn.model_selection._search_successive_halving import _SubsampleMetaSplitter
from sklearn.model_selection._split import _yields_constant_splits
from sklearn.utils._param_validation import (
    Interval,
    InvalidParameterError,
    StrOptions,
)

__all__ = [
    "BaseSearchCV",
    "Interval",
    "InvalidParameterError",
    "SearchCV",
    "NON_FINITE_SCORES",
    "StrOptions",
    "all_fits_failed",
    "failed_fit_errors",
    "subsample_splitter",
    "yields_constant_splits",
]

_ALL_FAILED = re.compile(r"^\s*All the (\d+) fits failed")
# The start of the warning scikit-learn gives when it formats non-finite scores.
NON_FINITE_SCORES = r"One or more of the (test|train) scores are non-finite"
_DETAILS = "Below are more details about the failures:\n"
_SECTION = re.compile(r"-{80}\n(\d+) fits failed with the following error:\n")


def all_fits_failed(exc: BaseException) -> int | None:
    """The number of fits when ``exc`` is scikit-learn's "all fits failed" error, else None."""
    if not isinstance(exc, ValueError):
        return None
    match = _ALL_FAILED.match(str(exc))
    return int(match.group(1)) if match else None


def failed_fit_errors(exc: BaseException) -> Counter:
    """Each distinct error of an "all fits failed" error, with its number of fits.

    Falls back to the whole text of ``exc`` (counted once per fit) when its
    details cannot be read.
    """
    text = str(exc)
    _, found, details = text.partition(_DETAILS)
    parts = _SECTION.split(details) if found else []
    if len(parts) < 3:
        return Counter({text.strip(): all_fits_failed(exc) or 1})
    return Counter(
        {error.rstrip("\n"): int(n) for n, error in zip(parts[1::2], parts[2::2])}
    )


def subsample_splitter(base_cv, fraction: float, random_state: int):
    """A splitter giving ``base_cv``'s splits, each part subsampled to ``fraction``.

    scikit-learn's successive-halving searches subsample the data this way;
    the same int ``random_state`` gives the same subsamples on every call.
    """
    return _SubsampleMetaSplitter(
        base_cv=base_cv, fraction=fraction, subsample_test=True, random_state=random_state
    )


def yields_constant_splits(cv) -> bool:
    """Whether ``cv.split`` gives the same splits on every call (as scikit-learn judges it)."""
    return bool(_yields_constant_splits(cv))


class SearchCV(BaseSearchCV):
    """``BaseSearchCV`` with the hooks the searches of skopt_lite share.

    Subclasses override ``_run_search(evaluate_candidates, callback_ctx=None)``
    and, when ``cv_results_`` must hold more than the current ``fit``
    evaluated (checkpointed or failed evaluations), ``_all_evaluations``.
    """

    def _all_evaluations(self, candidate_params: list, n_splits: int, out: list):
        """The candidates and fold results that ``cv_results_`` reports.

        Parameters
        ----------
        candidate_params : list of dict
            Every candidate evaluated by ``evaluate_candidates`` so far.
        n_splits : int
        out : list of dict
            Their fold results, ``n_splits`` consecutive dicts per candidate.

        Returns
        -------
        candidate_params, out : list
            By default the arguments, unchanged.
        """
        return candidate_params, out

    def _format_results(self, candidate_params, n_splits, out, more_results=None):
        candidate_params, out = self._all_evaluations(list(candidate_params), n_splits, out)
        return self._format(candidate_params, n_splits, out, more_results)

    def _format(self, candidate_params, n_splits, out, more_results=None) -> dict:
        """scikit-learn's ``cv_results_`` dict of these candidates and fold results."""
        # An estimator scoring +-inf makes scikit-learn's std of the fold scores
        # compute inf - inf: the result is nan, as it should be, but NumPy also
        # emits a RuntimeWarning that says nothing to the user (scikit-learn
        # already warns that scores are non-finite).
        with np.errstate(invalid="ignore", over="ignore"):
            return super()._format_results(candidate_params, n_splits, out, more_results)

    @contextmanager
    def _search_context(self, callback_ctx, max_subtasks=None, sequential=False):
        """A "search" subcontext of scikit-learn's root callback context, or None.

        scikit-learn >= 1.9 passes ``callback_ctx`` to ``_run_search``; older
        versions do not, and then this yields None. ``max_subtasks`` None means
        the number of subtasks is not known in advance.
        """
        if callback_ctx is None:
            yield None
            return
        ctx = callback_ctx.subcontext(
            task_name="search", max_subtasks=max_subtasks, sequential_subtasks=sequential
        ).call_on_fit_task_begin(estimator=self)
        yield ctx
        ctx.call_on_fit_task_end(estimator=self)

    @contextmanager
    def _batch_context(self, ctx, n_candidates: int):
        """A child of the search context for one call of ``evaluate_candidates``.

        Yields None without a search context. The task is also ended when all
        fits of the batch fail, since the search goes on after that.
        """
        if ctx is None:
            yield None
            return
        batch = ctx.subcontext(
            task_name="batch",
            max_subtasks=n_candidates * self.n_splits_,
            sequential_subtasks=False,
        )
        batch.call_on_fit_task_begin(estimator=self)
        try:
            yield batch
        except ValueError as exc:
            if all_fits_failed(exc) is not None:  # the search goes on after it
                batch.call_on_fit_task_end(estimator=self)
            raise
        batch.call_on_fit_task_end(estimator=self)

    def _evaluate_once(self, evaluate_candidates, candidates, callback_ctx):
        """Evaluate a fixed list of candidates in one parallel call."""
        candidates = list(candidates)
        if callback_ctx is None:
            evaluate_candidates(candidates)
            return
        with self._search_context(callback_ctx, len(candidates) * self.n_splits_) as ctx:
            evaluate_candidates(candidates, callback_ctx=ctx)
