"""scikit-learn's Gaussian process regressor with scikit-optimize's ``noise`` parameter."""

from __future__ import annotations

from sklearn.gaussian_process import GaussianProcessRegressor as _SkGaussianProcessRegressor
from sklearn.gaussian_process.kernels import RBF, ConstantKernel, Sum, WhiteKernel

from ..._validation import is_real

__all__ = ["GaussianProcessRegressor"]


class GaussianProcessRegressor(_SkGaussianProcessRegressor):
    """scikit-learn's Gaussian process regressor, with a ``noise`` parameter.

    ``noise="gaussian"`` adds a :class:`~sklearn.gaussian_process.kernels.WhiteKernel`
    whose level is learned with the other hyperparameters; a number adds one
    of that fixed level. Either way the noise is left out of predictions:
    ``predict(X, return_std=True)`` gives the standard deviation of the
    noise-free function, as scikit-optimize's regressor does. Everything else
    is :class:`sklearn.gaussian_process.GaussianProcessRegressor`.

    Parameters
    ----------
    kernel : kernel or None, default=None
        None for ``ConstantKernel(1.0, "fixed") * RBF(1.0, "fixed")``, as in
        scikit-learn.
    alpha, optimizer, n_restarts_optimizer, normalize_y, copy_X_train, random_state, n_targets
        As in scikit-learn.
    noise : "gaussian", float or None, default=None
        Noise added to the kernel (see above); None or 0 for none, unless
        ``kernel`` already has a ``WhiteKernel`` term.

    Attributes
    ----------
    kernel_ : kernel
        The fitted kernel without its noise term.
    noise_ : float or None
        The fitted noise level (variance), or None without a noise term.

    Examples
    --------
    >>> import numpy as np
    >>> from skopt_lite.learning import GaussianProcessRegressor
    >>> from skopt_lite.learning.gaussian_process.kernels import Matern
    >>> X = np.linspace(0, 1, 20)[:, None]
    >>> y = np.sin(6 * X[:, 0]) + 0.1 * np.random.RandomState(0).randn(20)
    >>> gpr = GaussianProcessRegressor(Matern(nu=2.5), noise="gaussian", normalize_y=True)
    >>> mean, std = gpr.fit(X, y).predict(X, return_std=True)
    >>> bool(0.001 < gpr.noise_ < 0.1), bool(std.max() < 0.1)  # the std leaves the noise out
    (True, True)
    """

    def __init__(
        self,
        kernel=None,
        alpha=1e-10,
        optimizer="fmin_l_bfgs_b",
        n_restarts_optimizer=0,
        normalize_y=False,
        copy_X_train=True,
        random_state=None,
        noise=None,
        n_targets=None,
    ):
        super().__init__(
            kernel=kernel,
            alpha=alpha,
            optimizer=optimizer,
            n_restarts_optimizer=n_restarts_optimizer,
            normalize_y=normalize_y,
            copy_X_train=copy_X_train,
            n_targets=n_targets,
            random_state=random_state,
        )
        self.noise = noise

    def fit(self, X, y) -> GaussianProcessRegressor:
        """Fit the hyperparameters (noise level included) and condition on the data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        y : array-like of shape (n_samples,) or (n_samples, n_targets)

        Returns
        -------
        self : GaussianProcessRegressor
        """
        noise = self.noise
        if not (noise is None or noise == "gaussian" or (is_real(noise) and noise >= 0)):
            raise ValueError(
                f"noise must be 'gaussian', a number >= 0 or None, got noise={noise!r}."
            )
        kernel = self.kernel
        if kernel is None:
            kernel = ConstantKernel(1.0, constant_value_bounds="fixed") * RBF(
                1.0, length_scale_bounds="fixed"
            )
        if noise and not _has_white(kernel):
            if noise == "gaussian":
                kernel = kernel + WhiteKernel()
            else:
                kernel = kernel + WhiteKernel(noise_level=noise, noise_level_bounds="fixed")
        user_kernel = self.kernel
        self.kernel = kernel
        try:
            super().fit(X, y)
        finally:
            self.kernel = user_kernel
        self.kernel_, self.noise_ = _without_white(self.kernel_)
        return self


def _has_white(kernel) -> bool:
    if isinstance(kernel, WhiteKernel):
        return True
    return isinstance(kernel, Sum) and (_has_white(kernel.k1) or _has_white(kernel.k2))


def _without_white(kernel):
    """``kernel`` without its WhiteKernel terms (of a sum), and their total noise level."""
    if isinstance(kernel, Sum):
        if isinstance(kernel.k2, WhiteKernel):
            rest, noise = _without_white(kernel.k1)
            return rest, (noise or 0.0) + float(kernel.k2.noise_level)
        if isinstance(kernel.k1, WhiteKernel):
            rest, noise = _without_white(kernel.k2)
            return rest, (noise or 0.0) + float(kernel.k1.noise_level)
        k1, n1 = _without_white(kernel.k1)
        k2, n2 = _without_white(kernel.k2)
        if n1 is None and n2 is None:
            return kernel, None
        return Sum(k1, k2), (n1 or 0.0) + (n2 or 0.0)
    return kernel, None
