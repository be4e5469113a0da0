"""GridSearchCV: ranges cut into a grid; plain grids exactly as scikit-learn's."""

from __future__ import annotations

import numbers

import numpy as np

from ._base import _ATTRIBUTES_DOC, _COMMON_DOC, as_subspaces, check_plain_values
from ._sklearn import BaseSearchCV, Interval, SearchCV


class GridSearchCV(SearchCV):
    __doc__ = f"""Search a grid of parameter values, with ranges cut into grids.

    A plain scikit-learn ``param_grid`` (a dict or list of dicts of lists)
    behaves exactly as :class:`sklearn.model_selection.GridSearchCV`: same
    candidates, same order, same ``cv_results_`` and ``best_*``. In addition a
    :class:`~skopt_lite.Real` or :class:`~skopt_lite.Integer` range is cut into
    ``n_points`` values or values ``step`` apart (log-spaced for a log-uniform
    prior; both ends included; integer grids without duplicates).

    Parameters
    ----------
    estimator : estimator object
        The estimator to tune (any scikit-learn compatible estimator or Pipeline).
    param_grid : dict or list of dict
        Parameter names mapped to lists of values, ``Categorical`` choices or
        ``Real`` / ``Integer`` ranges. A list of dicts is a union of grids.
{_COMMON_DOC}
    n_points : int or dict, default=5
        Points per range, both ends included. A dict sets it per parameter
        name; ranges it does not name get 5.
    step : float, dict or None, default=None
        Distance between grid points of a range (in powers of the range's
        ``base`` for a log-uniform prior); takes precedence over a global
        ``n_points``. A dict sets it per parameter name. A range cut into more
        than a million points is refused with a ValueError.

    Attributes
    ----------{_ATTRIBUTES_DOC}

    See Also
    --------
    ExhaustiveSearchCV : every combination of a finite space.
    RandomSearchCV : sample the space instead.

    Examples
    --------
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skopt_lite import GridSearchCV, Real
    >>> X, y = load_iris(return_X_y=True)
    >>> search = GridSearchCV(
    ...     LogisticRegression(max_iter=500),
    ...     {{"C": Real(1e-2, 1e2, prior="log-uniform")}},
    ...     step=1,
    ...     cv=3,
    ... ).fit(X, y)
    >>> [p["C"] for p in search.cv_results_["params"]]
    [0.01, 0.1, 1.0, 10.0, 100.0]
    """

    _parameter_constraints: dict = {
        **BaseSearchCV._parameter_constraints,
        "param_grid": [dict, list],
        "n_points": [Interval(numbers.Integral, 2, None, closed="left"), dict],
        "step": [Interval(numbers.Real, 0, None, closed="neither"), dict, None],
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
        n_points=5,
        step=None,
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
        self.n_points = n_points
        self.step = step

    def _candidates(self) -> list[dict]:
        check_plain_values(self.param_grid)
        subspaces = as_subspaces(self.param_grid, "param_grid")
        names = {name for space in subspaces for name in space.names}
        for option in ("n_points", "step"):
            value = getattr(self, option)
            if isinstance(value, dict) and set(value) - names:
                unknown = sorted(set(value) - names, key=str)
                raise ValueError(
                    f"{option} names parameters that are not in param_grid: {unknown}."
                    f" Known parameters: {sorted(names)}."
                )
        return [
            space.to_dict(p)
            for space in subspaces
            for p in space.grid(n_points=self.n_points, step=self.step)
        ]

    def _run_search(self, evaluate_candidates, callback_ctx=None):
        self._evaluate_once(evaluate_candidates, self._candidates(), callback_ctx)
