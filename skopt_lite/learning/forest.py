"""Random forests and extremely randomised trees that predict a standard deviation.

A forest is read as a mixture: each tree predicts, at a point, the values of
the training samples in its leaf there. The standard deviation of the mixture
(law of total variance) is

    sqrt( mean over trees of the variance within the leaf
          + variance over trees of the leaf means ),

as in scikit-optimize (after Hutter et al., 2014, section 4.3.2). The spread
of the trees' means alone was tried first: with extremely randomised trees,
whose means agree wherever the data are dense, it under-explored (a median
regret of 1.96 against 0.93 with the leaf term, on the cat-hartmann6 problem
of ``benchmarks/minimize.py`` over 20 seeds).
"""

from __future__ import annotations

import numpy as np
from sklearn.ensemble import ExtraTreesRegressor as _SkExtraTrees
from sklearn.ensemble import RandomForestRegressor as _SkRandomForest
from sklearn.utils import check_array

__all__ = ["ExtraTreesRegressor", "RandomForestRegressor"]

# The standard deviation is never below this fraction of the training targets'
# standard deviation, so an acquisition function never sees a zero (where
# every tree agrees on a pure leaf, expected improvement would be flat).
STD_FLOOR = 1e-6


class _TreeSpread:
    """``predict(X, return_std=True)`` for a fitted scikit-learn forest of regressors."""

    def fit(self, X, y, sample_weight=None):
        """Fit the forest, and record the spread of ``y`` for the standard deviation floor.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_outputs)
        sample_weight : array-like of shape (n_samples,) or None, default=None

        Returns
        -------
        self
        """
        super().fit(X, y, sample_weight=sample_weight)
        y = np.asarray(y, dtype=float)
        scale = float(np.std(y)) if y.size else 0.0
        if not (scale > 0.0 and np.isfinite(scale)):
            scale = max(abs(float(np.mean(y))) if y.size else 0.0, 1.0)
        self.y_scale_ = scale
        return self

    def predict(self, X, return_std: bool = False):
        """Mean prediction of the trees, and optionally the forest's standard deviation.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        return_std : bool, default=False
            Also return the standard deviation of the forest (see the module
            docstring): the variance within each tree's leaf (at least
            ``min_variance``) averaged over the trees, plus the variance of
            the trees' predictions. It is at least ``1e-6`` times the standard
            deviation of the training targets, never zero.

        Returns
        -------
        mean : ndarray of shape (n_samples,) or (n_samples, n_outputs)
        std : ndarray of the same shape, only when ``return_std``
        """
        if not return_std:
            return super().predict(X)
        X = check_array(X, dtype=np.float32, accept_sparse="csr")
        if X.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {X.shape[1]} features, but {type(self).__name__} was fit with"
                f" {self.n_features_in_} features."
            )
        means, within = [], []
        for tree in self.estimators_:
            leaves = tree.apply(X, check_input=False)
            means.append(tree.tree_.value[leaves, :, 0])  # (n_samples, n_outputs)
            within.append(tree.tree_.impurity[leaves])  # variance of y in the leaf
        means = np.stack(means)
        within = np.maximum(np.stack(within), float(self.min_variance))[:, :, None]
        mean = means.mean(axis=0)
        var = within.mean(axis=0) + means.var(axis=0)
        std = np.maximum(np.sqrt(var), STD_FLOOR * self.y_scale_)
        if mean.shape[1] == 1:
            return mean[:, 0], std[:, 0]
        return mean, std


class RandomForestRegressor(_TreeSpread, _SkRandomForest):
    """scikit-learn's random forest, whose ``predict`` also gives a standard deviation.

    The standard deviation at a point combines the spread of the trees'
    predictions there and the spread of the training values in their leaves
    (see :mod:`skopt_lite.learning.forest`), floored so it is never zero, as
    in scikit-optimize. Parameters and defaults are scikit-optimize's; the
    surrogate that ``base_estimator="RF"`` builds has ``n_estimators=100,
    min_samples_leaf=3``.

    Parameters
    ----------
    n_estimators : int, default=10
    criterion, max_depth, min_samples_split, min_samples_leaf, \
min_weight_fraction_leaf, max_features, max_leaf_nodes, min_impurity_decrease, \
bootstrap, oob_score, n_jobs, random_state, verbose, warm_start, ccp_alpha, \
max_samples, monotonic_cst
        As in :class:`sklearn.ensemble.RandomForestRegressor`, except the
        defaults ``max_features=None`` (every feature) and ``n_jobs=1``.
    min_variance : float, default=0.0
        Smallest variance within a leaf (a leaf of one sample has none).

    Examples
    --------
    >>> import numpy as np
    >>> from skopt_lite.learning import RandomForestRegressor
    >>> X = np.linspace(0, 1, 20)[:, None]
    >>> rf = RandomForestRegressor(random_state=0).fit(X, X[:, 0] ** 2)
    >>> mean, std = rf.predict([[0.5]], return_std=True)
    >>> bool(std[0] > 0)
    True
    """

    def __init__(
        self,
        n_estimators=10,
        criterion="squared_error",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_weight_fraction_leaf=0.0,
        max_features=None,
        max_leaf_nodes=None,
        min_impurity_decrease=0.0,
        bootstrap=True,
        oob_score=False,
        n_jobs=1,
        random_state=None,
        verbose=0,
        warm_start=False,
        min_variance=0.0,
        ccp_alpha=0.0,
        max_samples=None,
        monotonic_cst=None,
    ):
        super().__init__(
            n_estimators=n_estimators,
            criterion=criterion,
            max_depth=max_depth,
            min_samples_split=min_samples_split,
            min_samples_leaf=min_samples_leaf,
            min_weight_fraction_leaf=min_weight_fraction_leaf,
            max_features=max_features,
            max_leaf_nodes=max_leaf_nodes,
            min_impurity_decrease=min_impurity_decrease,
            bootstrap=bootstrap,
            oob_score=oob_score,
            n_jobs=n_jobs,
            random_state=random_state,
            verbose=verbose,
            warm_start=warm_start,
            ccp_alpha=ccp_alpha,
            max_samples=max_samples,
            monotonic_cst=monotonic_cst,
        )
        self.min_variance = min_variance


class ExtraTreesRegressor(_TreeSpread, _SkExtraTrees):
    """scikit-learn's extremely randomised trees, whose ``predict`` also gives a standard deviation.

    As :class:`RandomForestRegressor`, with ``bootstrap=False`` by default;
    ``base_estimator="ET"`` builds ``n_estimators=100, min_samples_leaf=3``.

    Parameters
    ----------
    n_estimators : int, default=10
    criterion, max_depth, min_samples_split, min_samples_leaf, \
min_weight_fraction_leaf, max_features, max_leaf_nodes, min_impurity_decrease, \
bootstrap, oob_score, n_jobs, random_state, verbose, warm_start, ccp_alpha, \
max_samples, monotonic_cst
        As in :class:`sklearn.ensemble.ExtraTreesRegressor`, except the
        defaults ``max_features=None`` (every feature) and ``n_jobs=1``.
    min_variance : float, default=0.0
        Smallest variance within a leaf (a leaf of one sample has none).
    """

    def __init__(
        self,
        n_estimators=10,
        criterion="squared_error",
        max_depth=None,
        min_samples_split=2,
        min_samples_leaf=1,
        min_weight_fraction_leaf=0.0,
        max_features=None,
        max_leaf_nodes=None,
        min_impurity_decrease=0.0,
        bootstrap=False,
        oob_score=False,
        n_jobs=1,
        random_state=None,
        verbose=0,
        warm_start=False,
        min_variance=0.0,
        ccp_alpha=0.0,
        max_samples=None,
        monotonic_cst=None,
    ):
        super().__init__(
            n_estimators=n_estimators,
            criterion=criterion,
            max_depth=max_depth,
            min_samples_split=min_samples_split,
            min_samples_leaf=min_samples_leaf,
            min_weight_fraction_leaf=min_weight_fraction_leaf,
            max_features=max_features,
            max_leaf_nodes=max_leaf_nodes,
            min_impurity_decrease=min_impurity_decrease,
            bootstrap=bootstrap,
            oob_score=oob_score,
            n_jobs=n_jobs,
            random_state=random_state,
            verbose=verbose,
            warm_start=warm_start,
            ccp_alpha=ccp_alpha,
            max_samples=max_samples,
            monotonic_cst=monotonic_cst,
        )
        self.min_variance = min_variance
