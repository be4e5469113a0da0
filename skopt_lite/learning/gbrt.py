"""Gradient boosting fit to several quantiles, read as a mean and a standard deviation."""

from __future__ import annotations

import numpy as np
from joblib import Parallel, delayed
from sklearn.base import BaseEstimator, RegressorMixin, clone
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.utils import check_random_state

from .forest import STD_FLOOR

__all__ = ["GradientBoostingQuantileRegressor"]

_DEFAULT_QUANTILES = (0.16, 0.5, 0.84)


class GradientBoostingQuantileRegressor(RegressorMixin, BaseEstimator):
    """One gradient-boosting regressor per quantile, predicting a mean and a spread.

    With the default quantiles (0.16, 0.5, 0.84), ``predict(X, return_std=True)``
    returns the median as the mean, and half the distance between the 0.84
    and 0.16 quantiles as the standard deviation (the two are one standard
    deviation from the mean of a normal distribution), floored so it is never
    zero (quantile regressors may cross). This is scikit-optimize's
    ``GradientBoostingQuantileRegressor``.

    Parameters
    ----------
    quantiles : sequence of float or None, default=None
        Quantiles to fit, each in (0, 1); None for (0.16, 0.5, 0.84).
        ``return_std`` needs 0.16, 0.5 and 0.84 among them.
    base_estimator : GradientBoostingRegressor or None, default=None
        Its parameters are used for every quantile (``alpha`` is set to the
        quantile); it must have ``loss="quantile"``. None for
        ``GradientBoostingRegressor(loss="quantile")``. Never modified.
    n_jobs : int or None, default=1
        Quantile models fit in parallel (threads).
    random_state : int, RandomState instance or None, default=None
        Seed of the boosting; every quantile model gets the same one, so that
        their predictions are ordered alike.

    Attributes
    ----------
    regressors_ : list of GradientBoostingRegressor
        One fitted model per quantile, in the order of ``quantiles``.
    quantiles_ : tuple of float
        The quantiles fitted.

    Examples
    --------
    >>> import numpy as np
    >>> from skopt_lite.learning import GradientBoostingQuantileRegressor
    >>> X = np.linspace(0, 1, 40)[:, None]
    >>> y = np.sin(6 * X[:, 0]) + 0.1 * np.random.RandomState(0).randn(40)
    >>> model = GradientBoostingQuantileRegressor(random_state=0).fit(X, y)
    >>> mean, std = model.predict(X, return_std=True)
    >>> mean.shape, bool(np.all(std > 0))
    ((40,), True)
    """

    def __init__(self, quantiles=None, base_estimator=None, n_jobs=1, random_state=None):
        self.quantiles = quantiles
        self.base_estimator = base_estimator
        self.n_jobs = n_jobs
        self.random_state = random_state

    def fit(self, X, y) -> GradientBoostingQuantileRegressor:
        """Fit one regressor per quantile.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,)

        Returns
        -------
        self : GradientBoostingQuantileRegressor
        """
        quantiles = _DEFAULT_QUANTILES if self.quantiles is None else tuple(self.quantiles)
        if not quantiles or not all(0.0 < float(q) < 1.0 for q in quantiles):
            raise ValueError(
                f"quantiles must be numbers in (0, 1), got quantiles={self.quantiles!r}."
            )
        if self.base_estimator is None:
            template = GradientBoostingRegressor(loss="quantile")
        elif not isinstance(self.base_estimator, GradientBoostingRegressor):
            raise ValueError(
                "base_estimator must be a GradientBoostingRegressor, got"
                f" base_estimator={self.base_estimator!r}."
            )
        elif self.base_estimator.loss != "quantile":
            raise ValueError(
                "base_estimator must use loss='quantile', got"
                f" loss={self.base_estimator.loss!r}."
            )
        else:
            template = self.base_estimator
        seed = check_random_state(self.random_state).randint(np.iinfo(np.int32).max)
        models = [
            clone(template).set_params(alpha=float(q), random_state=seed) for q in quantiles
        ]
        if self.n_jobs in (None, 1):
            self.regressors_ = [m.fit(X, y) for m in models]
        else:
            self.regressors_ = Parallel(n_jobs=self.n_jobs, prefer="threads")(
                delayed(m.fit)(X, y) for m in models
            )
        self.quantiles_ = tuple(float(q) for q in quantiles)
        y = np.asarray(y, dtype=float)
        scale = float(np.std(y)) if y.size else 0.0
        self.y_scale_ = scale if scale > 0.0 and np.isfinite(scale) else 1.0
        self.n_features_in_ = self.regressors_[0].n_features_in_
        return self

    def predict(
        self, X, return_std: bool = False, return_quantiles: bool = False
    ) -> np.ndarray | tuple[np.ndarray, np.ndarray]:
        """The median, and optionally the standard deviation or every quantile.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        return_std : bool, default=False
            Also return ``(q84 - q16) / 2``, at least ``1e-6`` times the
            standard deviation of the training targets.
        return_quantiles : bool, default=False
            Return the prediction of every quantile instead, shape
            ``(n_samples, n_quantiles)``.

        Returns
        -------
        mean : ndarray of shape (n_samples,)
            The 0.5 quantile (or the array of all quantiles, see above).
        std : ndarray of shape (n_samples,), only when ``return_std``
        """
        predictions = np.asarray([m.predict(X) for m in self.regressors_])
        if return_quantiles:
            return predictions.T
        needed = (0.16, 0.5, 0.84) if return_std else (0.5,)
        missing = [q for q in needed if q not in self.quantiles_]
        if missing:
            raise ValueError(
                f"predict needs the quantiles {list(needed)}, but {missing} were not"
                f" fitted (quantiles={self.quantiles!r})."
            )
        mean = predictions[self.quantiles_.index(0.5)]
        if not return_std:
            return mean
        low = predictions[self.quantiles_.index(0.16)]
        high = predictions[self.quantiles_.index(0.84)]
        std = np.maximum((high - low) / 2.0, STD_FLOOR * self.y_scale_)
        return mean, std
