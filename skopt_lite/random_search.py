"""RandomSearchCV: candidates drawn by prior, as scikit-learn's RandomizedSearchCV draws them."""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from sklearn.utils import check_random_state
from sklearn.utils.random import sample_without_replacement

from ._base import _ATTRIBUTES_DOC, _COMMON_DOC, as_subspaces, check_plain_values
from ._sklearn import BaseSearchCV, Interval, SearchCV
from .space import Categorical, Integer, Space


def _uniform_finite(space: Space) -> bool:
    """Whether every point of ``space`` is equally likely under its priors."""
    return all(
        (isinstance(d, Categorical) and d.prior is None)
        or (isinstance(d, Integer) and d.prior == "uniform")
        for d in space.dimensions
    )


def sample_candidates(subspaces: list[Space], n_iter: int, random_state=None) -> list[dict]:
    """Draw ``n_iter`` candidates the way scikit-learn's ``ParameterSampler`` does.

    When every dimension is finite with a uniform prior, the union of the
    subspaces is sampled without replacement (with scikit-learn's warning if
    it has fewer than ``n_iter`` points; a union of more than ``2**63 - 1``
    points is drawn with replacement). Otherwise each draw picks a subspace
    at random, then draws every dimension in name order by its prior. For
    lists and scipy.stats distributions the random stream is consumed exactly
    as scikit-learn consumes it, so the same ``random_state`` gives the same
    candidates.

    Parameters
    ----------
    subspaces : list of Space
    n_iter : int
    random_state : int, RandomState instance or None, default=None

    Returns
    -------
    candidates : list of dict, at most n_iter
    """
    rng = check_random_state(random_state)
    sizes = [s.size for s in subspaces]
    total = sum(sizes)
    # Beyond an int64 index sample_without_replacement cannot count; draws with
    # replacement then repeat a point with negligible probability.
    if all(_uniform_finite(s) for s in subspaces) and total <= np.iinfo(np.int64).max:
        if total < n_iter:
            warnings.warn(
                f"The total space of parameters {total} is smaller than n_iter={n_iter}."
                f" Running {total} iterations. For exhaustive searches, use"
                " ExhaustiveSearchCV.",
                UserWarning,
                stacklevel=3,
            )
            n_iter = total
        offsets = np.cumsum([0] + sizes)
        out = []
        for i in sample_without_replacement(total, n_iter, random_state=rng):
            k = int(np.searchsorted(offsets, i, side="right")) - 1
            space = subspaces[k]
            out.append(space.to_dict(space.point_at(int(i - offsets[k]))))
        return out
    out = []
    for _ in range(n_iter):
        space = subspaces[rng.choice(len(subspaces))]
        out.append({d.name: d._draw(rng) for d in space.dimensions})
    return out


class RandomSearchCV(SearchCV):
    __doc__ = f"""Evaluate candidates drawn at random from the search space.

    With scikit-learn-style input (lists, scipy.stats distributions, a list of
    dicts) it evaluates exactly the candidates
    :class:`sklearn.model_selection.RandomizedSearchCV` evaluates for the same
    ``random_state``. :class:`~skopt_lite.Real`, :class:`~skopt_lite.Integer`
    and :class:`~skopt_lite.Categorical` dimensions are drawn by their priors.
    A finite space with uniform priors is sampled without replacement, so no
    candidate repeats; if it is smaller than ``n_iter`` every point is
    evaluated once, with scikit-learn's warning.

    Parameters
    ----------
    estimator : estimator object
        The estimator to tune (any scikit-learn compatible estimator or Pipeline).
    param_distributions : dict or list of dict
        Parameter names mapped to lists of values, scipy.stats distributions
        or skopt_lite dimensions. A list of dicts is a union: each draw first
        picks one dict at random.
    n_iter : int, default=10
        Number of candidates.
{_COMMON_DOC}
    random_state : int, RandomState instance or None, default=None
        Seed of the draws.

    Attributes
    ----------{_ATTRIBUTES_DOC}

    See Also
    --------
    BayesSearchCV : choose each candidate from the results so far.

    Examples
    --------
    >>> from scipy.stats import loguniform
    >>> from sklearn.datasets import load_iris
    >>> from sklearn.svm import SVC
    >>> from skopt_lite import RandomSearchCV, Real
    >>> X, y = load_iris(return_X_y=True)
    >>> search = RandomSearchCV(
    ...     SVC(),
    ...     {{"C": loguniform(1e-2, 1e2), "gamma": Real(1e-3, 1, prior="log-uniform")}},
    ...     n_iter=5,
    ...     cv=3,
    ...     random_state=0,
    ... ).fit(X, y)
    >>> len(search.cv_results_["params"])
    5
    """

    _parameter_constraints: dict = {
        **BaseSearchCV._parameter_constraints,
        "param_distributions": [dict, list],
        "n_iter": [Interval(numbers.Integral, 1, None, closed="left")],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        estimator,
        param_distributions,
        *,
        n_iter=10,
        scoring=None,
        n_jobs=None,
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
        self.param_distributions = param_distributions
        self.n_iter = n_iter
        self.random_state = random_state

    def _run_search(self, evaluate_candidates, callback_ctx=None):
        check_plain_values(self.param_distributions, allow_distributions=True)
        subspaces = as_subspaces(
            self.param_distributions, "param_distributions", allow_distributions=True
        )
        candidates = sample_candidates(subspaces, self.n_iter, self.random_state)
        self._evaluate_once(evaluate_candidates, candidates, callback_ctx)
