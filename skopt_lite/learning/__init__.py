"""Regressors for model-based optimisation: scikit-optimize's ``skopt.learning``.

Each one is a scikit-learn regressor whose ``predict`` also accepts
``return_std=True``, so that it can be the surrogate of an
:class:`~skopt_lite.Optimizer` (``base_estimator=``) or of the minimize
functions:

* :class:`RandomForestRegressor`, :class:`ExtraTreesRegressor`: scikit-learn's
  forests; the standard deviation combines the spread of the trees'
  predictions and of the training values in their leaves;
* :class:`GradientBoostingQuantileRegressor`: gradient boosting fit to three
  quantiles, the standard deviation read from their spread;
* :class:`GaussianProcessRegressor`: scikit-learn's Gaussian process with
  scikit-optimize's ``noise`` parameter. Its kernels are in
  :mod:`skopt_lite.learning.gaussian_process.kernels`.

The strings ``"RF"``, ``"ET"`` and ``"GBRT"`` of ``base_estimator`` build
these with scikit-optimize's settings (:func:`default_estimator`); ``"GP"`` is
skopt_lite's own Gaussian process (:class:`skopt_lite.optimizer.gp.GaussianProcess`).
"""

from __future__ import annotations

from .forest import ExtraTreesRegressor, RandomForestRegressor
from .gaussian_process import GaussianProcessRegressor
from .gbrt import GradientBoostingQuantileRegressor

__all__ = [
    "TREE_ESTIMATORS",
    "ExtraTreesRegressor",
    "GaussianProcessRegressor",
    "GradientBoostingQuantileRegressor",
    "RandomForestRegressor",
    "default_estimator",
]

# The names of base_estimator that build a tree ensemble.
TREE_ESTIMATORS = ("RF", "ET", "GBRT")


def default_estimator(name: str, random_state=None, n_jobs: int | None = 1):
    """The tree surrogate a minimize function builds for ``base_estimator=name``.

    The settings are scikit-optimize's: forests of 100 trees with at least 3
    samples per leaf; gradient boosting of 30 trees per quantile.

    Parameters
    ----------
    name : {"RF", "ET", "GBRT"}
        Upper case.
    random_state : int, RandomState instance or None, default=None
        Seed of the trees.
    n_jobs : int or None, default=1
        Threads used to fit (and, for forests, predict).

    Returns
    -------
    estimator : RandomForestRegressor, ExtraTreesRegressor or GradientBoostingQuantileRegressor
        Not fitted.
    """
    from sklearn.ensemble import GradientBoostingRegressor

    if name == "RF":
        return RandomForestRegressor(
            n_estimators=100, min_samples_leaf=3, n_jobs=n_jobs, random_state=random_state
        )
    if name == "ET":
        return ExtraTreesRegressor(
            n_estimators=100, min_samples_leaf=3, n_jobs=n_jobs, random_state=random_state
        )
    if name == "GBRT":
        return GradientBoostingQuantileRegressor(
            base_estimator=GradientBoostingRegressor(n_estimators=30, loss="quantile"),
            n_jobs=n_jobs,
            random_state=random_state,
        )
    raise ValueError(f"name must be one of {TREE_ESTIMATORS}, got name={name!r}.")
