"""Kernels of Gaussian processes: scikit-optimize's ``skopt.learning.gaussian_process.kernels``.

scikit-learn's kernels, re-exported, and :class:`HammingKernel` for one-hot
or label-encoded categories.
"""

from __future__ import annotations

import numpy as np
from sklearn.gaussian_process.kernels import (
    RBF,
    ConstantKernel,
    DotProduct,
    Exponentiation,
    ExpSineSquared,
    Hyperparameter,
    Kernel,
    Matern,
    NormalizedKernelMixin,
    Product,
    RationalQuadratic,
    StationaryKernelMixin,
    Sum,
    WhiteKernel,
)

__all__ = [
    "RBF",
    "ConstantKernel",
    "DotProduct",
    "ExpSineSquared",
    "Exponentiation",
    "HammingKernel",
    "Kernel",
    "Matern",
    "Product",
    "RationalQuadratic",
    "Sum",
    "WhiteKernel",
]


class HammingKernel(StationaryKernelMixin, NormalizedKernelMixin, Kernel):
    """A kernel of categorical inputs: ``exp(-sum_j l_j [x_j != y_j])``.

    Parameters
    ----------
    length_scale : float or array-like of shape (n_features,), default=1.0
        Weight of a mismatch in each feature (one value: the same for all).
    length_scale_bounds : pair of float, default=(1e-5, 1e5)
        Bounds of ``length_scale`` when it is fitted.

    Examples
    --------
    >>> import numpy as np
    >>> K = HammingKernel(length_scale=1.0)(np.array([[0, 1], [0, 2]]))
    >>> np.round(K, 4).tolist()
    [[1.0, 0.3679], [0.3679, 1.0]]
    """

    def __init__(self, length_scale=1.0, length_scale_bounds=(1e-5, 1e5)):
        self.length_scale = length_scale
        self.length_scale_bounds = length_scale_bounds

    @property
    def anisotropic(self) -> bool:
        return np.iterable(self.length_scale) and len(self.length_scale) > 1

    @property
    def hyperparameter_length_scale(self) -> Hyperparameter:
        if self.anisotropic:
            return Hyperparameter(
                "length_scale", "numeric", self.length_scale_bounds, len(self.length_scale)
            )
        return Hyperparameter("length_scale", "numeric", self.length_scale_bounds)

    def __call__(self, X, Y=None, eval_gradient=False):
        """The kernel matrix ``k(X, Y)``, and its gradient with respect to log length scales.

        Parameters
        ----------
        X : array-like of shape (n_samples_X, n_features)
        Y : array-like of shape (n_samples_Y, n_features) or None, default=None
            None for ``k(X, X)``.
        eval_gradient : bool, default=False
            Only when ``Y`` is None.

        Returns
        -------
        K : ndarray of shape (n_samples_X, n_samples_Y)
        K_gradient : ndarray of shape (n_samples_X, n_samples_X, n_dims)
            Only when ``eval_gradient``.
        """
        X = np.atleast_2d(X)
        scale = np.asarray(self.length_scale, dtype=float).reshape(-1)
        if self.anisotropic and X.shape[1] != len(scale):
            raise ValueError(
                f"X has {X.shape[1]} features, but length_scale has {len(scale)} values."
            )
        if Y is None:
            Y = X
        elif eval_gradient:
            raise ValueError("The gradient can only be evaluated when Y is None.")
        else:
            Y = np.atleast_2d(Y)
        mismatch = (X[:, None, :] != Y[None, :, :]).astype(float)
        scale = scale if self.anisotropic else scale[0]
        K = np.exp(-np.sum(scale * mismatch, axis=2))
        if not eval_gradient:
            return K
        if self.hyperparameter_length_scale.fixed:
            return K, np.empty((X.shape[0], X.shape[0], 0))
        # d K / d log(l_j) = -l_j [x_j != y_j] K
        if self.anisotropic:
            grad = -K[:, :, None] * mismatch * scale
        else:
            grad = -(K * np.sum(mismatch, axis=2) * scale)[:, :, None]
        return K, grad

    def __repr__(self) -> str:
        if self.anisotropic:
            values = ", ".join(f"{v:.3g}" for v in np.asarray(self.length_scale).reshape(-1))
            return f"{type(self).__name__}(length_scale=[{values}])"
        value = float(np.asarray(self.length_scale).reshape(-1)[0])
        return f"{type(self).__name__}(length_scale={value:.3g})"
