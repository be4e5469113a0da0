"""ExhaustiveSearchCV: every combination of a finite space."""

from __future__ import annotations

import numbers

import numpy as np

from ._base import _ATTRIBUTES_DOC, _COMMON_DOC, as_subspaces, check_plain_values
from ._sklearn import BaseSearchCV, Interval, SearchCV


class ExhaustiveSearchCV(SearchCV):
    __doc__ = f"""Evaluate every combination of a finite search space.

    Lists, tuples, ``range`` objects, :class:`~skopt_lite.Categorical` and
    :class:`~skopt_lite.Integer` ranges are enumerated in full; a list of
    dicts is the union of its subspaces. With plain lists the candidates,
    their order and ``cv_results_`` are those of scikit-learn's
    ``GridSearchCV``. The number of candidates is known before any fit, and a
    space larger than ``max_candidates`` is refused.

    Parameters
    ----------
    estimator : estimator object
        The estimator to tune (any scikit-learn compatible estimator or Pipeline).
    param_grid : dict or list of dict
        Parameter names (``step__param`` inside a Pipeline) mapped to finite
        sets of values. A :class:`~skopt_lite.Real` range is refused: cut it
        into a grid with :class:`~skopt_lite.GridSearchCV`.
{_COMMON_DOC}
    max_candidates : int or None, default=100_000
        Refuse (with a ValueError, before fitting) a space with more
        candidates than this; None lifts the limit.

    Attributes
    ----------{_ATTRIBUTES_DOC}

    See Also
    --------
    GridSearchCV : cut continuous ranges into a grid.
    RandomSearchCV : sample a space that is too large to enumerate.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.svm import SVC
    >>> from skopt_lite import ExhaustiveSearchCV, Integer
    >>> X, y = load_iris(return_X_y=True)
    >>> search = ExhaustiveSearchCV(
    ...     SVC(), {{"kernel": ["linear", "rbf"], "degree": Integer(1, 3)}}, cv=3
    ... ).fit(X, y)
    >>> len(search.cv_results_["params"])
    6
    >>> search.best_params_
    {{'degree': 1, 'kernel': 'linear'}}
    """

    _parameter_constraints: dict = {
        **BaseSearchCV._parameter_constraints,
        "param_grid": [dict, list],
        "max_candidates": [Interval(numbers.Integral, 1, None, closed="left"), None],
    }

    def __init__(
        self,
        estimator,
        param_grid,
        *,
        scoring=None,
        n_jobs=None,
        refit=True,
        cv=None,
        verbose=0,
        pre_dispatch="2*n_jobs",
        error_score=np.nan,
        return_train_score=False,
        max_candidates=100_000,
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
        self.param_grid = param_grid
        self.max_candidates = max_candidates

    def _candidates(self) -> list[dict]:
        """Every candidate, checked against ``max_candidates`` before listing."""
        check_plain_values(self.param_grid)
        subspaces = as_subspaces(self.param_grid, "param_grid")
        for space in subspaces:
            space._require_finite()
        n = sum(space.size for space in subspaces)
        if self.max_candidates is not None and n > self.max_candidates:
            raise ValueError(
                f"param_grid has {n} candidates, more than max_candidates="
                f"{self.max_candidates}. Shrink the space, raise max_candidates,"
                " or sample it with RandomSearchCV or BayesSearchCV."
            )
        return [space.to_dict(p) for space in subspaces for p in space]

    def _run_search(self, evaluate_candidates, callback_ctx=None):
        self._evaluate_once(evaluate_candidates, self._candidates(), callback_ctx)
