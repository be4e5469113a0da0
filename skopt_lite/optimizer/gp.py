"""The Gaussian-process surrogate: ARD Matérn-5/2 kernel, learned noise, fast hyperparameter fits.

The model is

.. math::

    y = \\mu + s\\,f(x) + \\varepsilon, \\qquad
    f \\sim \\mathcal{GP}(0, \\sigma_f^2 k_{5/2}(r)), \\qquad
    \\varepsilon \\sim \\mathcal{N}(0, s^2 \\sigma_n^2),

with :math:`r^2 = \\sum_d (x_d - x'_d)^2 / \\ell_d^2`,
:math:`k_{5/2}(r) = (1 + \\sqrt5 r + 5 r^2 / 3) e^{-\\sqrt5 r}`, and the
targets standardised by their mean :math:`\\mu` and standard deviation
:math:`s`. The hyperparameters :math:`\\theta = (\\log \\ell_1, \\dots,
\\log \\ell_D, \\log \\sigma_f^2, \\log \\sigma_n^2)` maximise the log marginal
likelihood (L-BFGS-B with its analytic gradient), warm-started from a previous
fit plus a few random starts.

By default (``map_mixture=True``) a second set of hyperparameters maximises
the log posterior under weak priors (:func:`_neg_log_posterior`), and the
model predicts with the equal mixture of the two processes, matched to a
normal by its mean and variance. At a few dozen points the likelihood alone
often explains rugged values by very short length scales, and the priors alone
smooth over what noisy cross-validated scores really hold; the mixture keeps
both views, and is less sure where they disagree. ``docs/benchmarks.rst``
records the measurement that chose it.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.linalg import lapack
from scipy.optimize import minimize
from sklearn.utils import check_random_state

from ._threads import drop_controller, single_threaded
from .targets import standardisation

__all__ = ["GaussianProcess"]

_SQRT5 = math.sqrt(5.0)
_LOG_2PI = math.log(2.0 * math.pi)
# Jitter added to the diagonal when a Cholesky factorisation fails, relative
# to the mean diagonal; tried in increasing order.
_JITTERS = (0.0, 1e-10, 1e-8, 1e-6, 1e-4, 1e-2, 1.0)
# Random restarts draw log length scales in this range (the inputs live in [0, 1]).
_RESTART_LENGTH_SCALES = (0.05, 2.0)
# Rows predicted at a time.
_CHUNK = 512


class GaussianProcess:
    """Gaussian-process regressor with an ARD Matérn-5/2 kernel and learned noise.

    Parameters
    ----------
    length_scale_bounds : tuple of float, default=(0.01, 100.0)
        Bounds of every length scale; inputs are expected in ``[0, 1]``.
    signal_variance_bounds : tuple of float, default=(0.01, 100.0)
        Bounds of the kernel variance, in units of the standardised targets.
    noise_bounds : tuple of float, default=(1e-6, 1.0)
        Bounds of the noise variance, relative to the variance of ``y``;
        the lower bound is the noise floor.
    theta0 : array-like of shape (n_features + 2,) or None, default=None
        Starting hyperparameters (log length scales, log signal variance, log
        noise variance), e.g. the ``theta_`` of a previous fit. Ignored when
        its length does not match the data.
    n_restarts : int, default=1
        Random starts of the hyperparameter search besides ``theta0`` (or the
        default start).
    optimize : bool, default=True
        Whether to fit the hyperparameters; when False, ``theta0`` (or the
        defaults) are used as they are.
    maxiter : int, default=100
        Iterations of L-BFGS-B per start.
    map_mixture : bool, default=True
        Also fit the hyperparameters by maximum a posteriori under weak priors
        (:func:`_neg_log_posterior`) and predict with the equal mixture of the
        two processes, matched to a normal by its mean and variance: where the
        likelihood's fit and the priors' disagree, the model is less sure.
        False: the likelihood's fit alone.
    theta0_map : array-like of shape (n_features + 2,) or None, default=None
        Start of the maximum a posteriori search besides ``theta_`` (e.g. the
        ``theta_map_`` of a previous fit); used as it is when ``optimize`` is
        False.
    random_state : int, RandomState instance or None, default=None
        Seed or generator of the random starts.

    Attributes
    ----------
    theta_ : ndarray of shape (n_features + 2,)
        Fitted log hyperparameters.
    length_scale_ : ndarray of shape (n_features,)
    signal_variance_ : float
    noise_variance_ : float
        Relative to the variance of the targets.
    theta_map_ : ndarray of shape (n_features + 2,) or None
        The maximum a posteriori hyperparameters; None without ``map_mixture``
        (or with fewer than two samples).
    log_marginal_likelihood_value_ : float
        Of the standardised targets at ``theta_``.
    X_train_ : ndarray of shape (n_samples, n_features)
    y_mean_, y_std_ : float
        Standardisation of the targets.

    Examples
    --------
    >>> import numpy as np
    >>> from skopt_lite.optimizer.gp import GaussianProcess
    >>> X = np.linspace(0, 1, 8)[:, None]
    >>> gp = GaussianProcess(random_state=0).fit(X, np.sin(6 * X[:, 0]))
    >>> mean, std = gp.predict([[0.5]], return_std=True)
    >>> bool(abs(mean[0] - np.sin(3.0)) < 0.05)
    True
    """

    def __init__(
        self,
        *,
        length_scale_bounds: tuple = (1e-2, 1e2),
        signal_variance_bounds: tuple = (1e-2, 1e2),
        noise_bounds: tuple = (1e-6, 1.0),
        theta0=None,
        n_restarts: int = 1,
        optimize: bool = True,
        maxiter: int = 100,
        map_mixture: bool = True,
        theta0_map=None,
        random_state=None,
    ) -> None:
        self.length_scale_bounds = length_scale_bounds
        self.signal_variance_bounds = signal_variance_bounds
        self.noise_bounds = noise_bounds
        self.theta0 = theta0
        self.n_restarts = n_restarts
        self.optimize = optimize
        self.maxiter = maxiter
        self.map_mixture = map_mixture
        self.theta0_map = theta0_map
        self.random_state = random_state

    def __getstate__(self) -> dict:
        return drop_controller(self.__dict__)

    # -- fitting -------------------------------------------------------------------
    def fit(self, X, y) -> GaussianProcess:
        """Fit the hyperparameters and condition on the data.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Finite inputs, ideally in ``[0, 1]``.
        y : array-like of shape (n_samples,)
            Finite targets.

        Returns
        -------
        self : GaussianProcess
        """
        X, y = self._check_data(X, y)
        with single_threaded(self):
            return self._fit(X, y)

    def _fit(self, X: np.ndarray, y: np.ndarray) -> GaussianProcess:
        """:meth:`fit` on checked data, without limiting BLAS threads (the caller does)."""
        self.y_mean_, self.y_std_ = standardisation(y)
        yn = (y - self.y_mean_) / self.y_std_
        bounds = self._bounds(X.shape[1])
        theta = self._start(X.shape[1], bounds)
        if self.optimize and len(y) >= 2:
            theta = self._optimise(X, yn, theta, bounds)
        self._condition(X, yn, theta)
        self._members = []
        self.theta_map_ = None
        if self.map_mixture and len(y) >= 2:
            self.theta_map_ = self._map_theta(X, yn, theta, bounds)
            self._members.append(self._sibling(X, yn, self.theta_map_))
        return self

    def _map_theta(self, X, yn, theta, bounds) -> np.ndarray:
        """The maximum a posteriori hyperparameters, searched from ``theta0_map`` and ``theta``.

        Without ``optimize``, ``theta0_map`` (or ``theta``) as it is.
        """
        starts = [theta]
        t0 = self.theta0_map
        if t0 is not None and len(t0) == len(theta):
            starts.insert(0, np.clip(np.asarray(t0, dtype=float), bounds[:, 0], bounds[:, 1]))
        if not self.optimize:
            return starts[0]
        return self._best_from(_neg_log_posterior, starts, X, yn, bounds)

    def _sibling(self, X, yn, theta) -> GaussianProcess:
        """A process at other hyperparameters, conditioned on the same standardised data."""
        gp = GaussianProcess(
            length_scale_bounds=self.length_scale_bounds,
            signal_variance_bounds=self.signal_variance_bounds,
            noise_bounds=self.noise_bounds,
            theta0=theta,
            optimize=False,
            map_mixture=False,
        )
        gp.y_mean_, gp.y_std_ = self.y_mean_, self.y_std_
        gp._members = []
        gp.theta_map_ = None
        gp._condition(X, yn, theta)
        return gp

    def _check_data(self, X, y):
        X = np.asarray(X, dtype=float)
        y = np.asarray(y, dtype=float)
        if X.ndim != 2:
            raise ValueError(f"X must be 2-dimensional, got shape {X.shape}.")
        y = y.reshape(-1)
        if len(X) != len(y) or len(y) == 0:
            raise ValueError(
                f"X and y must hold the same number (>= 1) of samples, got {len(X)} and {len(y)}."
            )
        if not (np.all(np.isfinite(X)) and np.all(np.isfinite(y))):
            raise ValueError("X and y must be finite (no nan or inf).")
        return X, y

    def _bounds(self, n_features: int) -> np.ndarray:
        ls = np.log(np.asarray(self.length_scale_bounds, dtype=float))
        sv = np.log(np.asarray(self.signal_variance_bounds, dtype=float))
        nv = np.log(np.asarray(self.noise_bounds, dtype=float))
        return np.vstack([np.tile(ls, (n_features, 1)), sv, nv])

    def _start(self, n_features: int, bounds: np.ndarray) -> np.ndarray:
        if self.theta0 is not None and len(self.theta0) == n_features + 2:
            theta = np.asarray(self.theta0, dtype=float)
        else:
            theta = np.concatenate([np.full(n_features, math.log(0.3)), [0.0, math.log(1e-3)]])
        return np.clip(theta, bounds[:, 0], bounds[:, 1])

    def _optimise(self, X, yn, theta, bounds) -> np.ndarray:
        """Maximise the log marginal likelihood from ``theta`` and random starts."""
        rng = check_random_state(self.random_state)
        starts = [theta]
        n_restarts = int(self.n_restarts)
        if n_restarts > 0:
            # Screen a few random draws and start from the most likely ones.
            draws = [self._random_theta(X.shape[1], bounds, rng) for _ in range(4 * n_restarts)]
            values = [_neg_log_marginal_likelihood(t, X, yn)[0] for t in draws]
            starts += [draws[i] for i in np.argsort(values, kind="stable")[:n_restarts]]
        return self._best_from(_neg_log_marginal_likelihood, starts, X, yn, bounds)

    def _best_from(self, objective, starts: list, X, yn, bounds) -> np.ndarray:
        """The lowest point of ``objective`` L-BFGS-B reaches from ``starts`` (or ``starts[0]``)."""
        best, best_value = starts[0], objective(starts[0], X, yn)[0]
        for start in starts:
            res = minimize(
                objective,
                start,
                args=(X, yn),
                jac=True,
                method="L-BFGS-B",
                bounds=bounds,
                options={"maxiter": int(self.maxiter), "ftol": 1e-8},
            )
            if np.isfinite(res.fun) and res.fun < best_value:
                best, best_value = np.clip(res.x, bounds[:, 0], bounds[:, 1]), res.fun
        return best

    @staticmethod
    def _random_theta(n_features: int, bounds: np.ndarray, rng) -> np.ndarray:
        lo, hi = np.log(_RESTART_LENGTH_SCALES)
        theta = np.concatenate(
            [
                rng.uniform(lo, hi, size=n_features),
                rng.uniform(math.log(0.3), math.log(3.0), size=1),
                rng.uniform(math.log(1e-5), math.log(1e-1), size=1),
            ]
        )
        return np.clip(theta, bounds[:, 0], bounds[:, 1])

    def _condition(self, X, yn, theta) -> None:
        """Factorise the kernel matrix at ``theta`` and store what prediction needs."""
        n_features = X.shape[1]
        self.theta_ = np.asarray(theta, dtype=float).copy()
        self.length_scale_ = np.exp(self.theta_[:n_features])
        self.signal_variance_ = float(np.exp(self.theta_[n_features]))
        self.noise_variance_ = float(np.exp(self.theta_[n_features + 1]))
        self.X_train_ = X
        self._Xs = X / self.length_scale_
        K = _matern(_sqdist(self._Xs, self._Xs), self.signal_variance_)
        K[np.diag_indices_from(K)] += self.noise_variance_
        self._L = _robust_cholesky(K)
        self._alpha = lapack.dpotrs(self._L, yn, lower=1)[0]
        data_fit = float(yn @ self._alpha)
        log_det = 2.0 * float(np.sum(np.log(np.diag(self._L))))
        self.log_marginal_likelihood_value_ = -0.5 * (data_fit + log_det + len(yn) * _LOG_2PI)

    def _with_data(self, X, y) -> GaussianProcess:
        """A new process with these hyperparameters, conditioned on other data."""
        gp = GaussianProcess(
            length_scale_bounds=self.length_scale_bounds,
            signal_variance_bounds=self.signal_variance_bounds,
            noise_bounds=self.noise_bounds,
            theta0=self.theta_,
            n_restarts=self.n_restarts,
            optimize=False,
            maxiter=self.maxiter,
            map_mixture=self.map_mixture,
            theta0_map=getattr(self, "theta_map_", None),
            random_state=self.random_state,
        )
        X, y = gp._check_data(X, y)
        gp.y_mean_, gp.y_std_ = standardisation(y)
        yn = (y - gp.y_mean_) / gp.y_std_
        gp._condition(X, yn, self.theta_)
        gp._members = [gp._sibling(X, yn, m.theta_) for m in getattr(self, "_members", [])]
        gp.theta_map_ = getattr(self, "theta_map_", None)
        return gp

    # -- prediction ------------------------------------------------------------------
    def predict(self, X, return_std: bool = False):
        """Posterior mean (and standard deviation) of the latent function.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
        return_std : bool, default=False
            Also return the posterior standard deviation of the noise-free
            function.

        Returns
        -------
        mean : ndarray of shape (n_samples,)
            In the units of the training targets.
        std : ndarray of shape (n_samples,), only when ``return_std``
            Non-negative.
        """
        X = np.asarray(X, dtype=float)
        if X.ndim == 1:
            X = X.reshape(1, -1)
        mean, std = self._mixture([m._predict_one(X) for m in self._processes()])[:2]
        mean = mean * self.y_std_ + self.y_mean_
        return (mean, std * self.y_std_) if return_std else mean

    def _processes(self) -> list:
        """This process and the members of its mixture (none without ``map_mixture``)."""
        return [self, *getattr(self, "_members", [])]

    @staticmethod
    def _mixture(preds: list) -> tuple:
        """Mean and std (and their gradients) of an equal mixture, matched to a normal.

        ``preds`` holds each process's standardised ``(mean, std)`` or
        ``(mean, std, dmean, dstd)``. The variance is the members' mean
        variance plus the spread of their means, summed as deviations from the
        mixture's mean (no cancellation of large second moments).
        """
        if len(preds) == 1:
            return preds[0]
        k = len(preds)
        mean = sum(p[0] for p in preds) / k
        var = sum(p[1] ** 2 + (p[0] - mean) ** 2 for p in preds) / k
        std = np.sqrt(var)
        if len(preds[0]) == 2:
            return mean, std
        dmean = sum(p[2] for p in preds) / k
        dvar = sum(
            2.0 * (p[1][:, None] * p[3] + (p[0] - mean)[:, None] * (p[2] - dmean)) for p in preds
        ) / k
        safe = np.where(std > 1e-12, std, np.inf)
        return mean, std, dmean, dvar / (2.0 * safe[:, None])

    def _predict_one(self, X):
        """Standardised mean and std of this process alone (not the mixture)."""
        # Chunks keep the temporaries in cache (about 1.5x faster for thousands of rows).
        parts = [self._predict_chunk(X[i : i + _CHUNK]) for i in range(0, len(X), _CHUNK)]
        if not parts:
            parts = [self._predict_chunk(X)]
        mean = np.concatenate([p[0] for p in parts])
        var = np.maximum(self.signal_variance_ - np.concatenate([p[1] for p in parts]), 0.0)
        return mean, np.sqrt(var)

    def _predict_chunk(self, X):
        """Standardised mean and explained variance ``k^T K^-1 k`` of some rows."""
        Ks = _matern(_sqdist(X / self.length_scale_, self._Xs), self.signal_variance_)
        v = lapack.dtrtrs(self._L, Ks.T, lower=1)[0]
        return Ks @ self._alpha, np.einsum("ij,ij->j", v, v)

    def _predict_with_grad(self, X):
        """Mean, std and their gradients with respect to the inputs (of the mixture).

        Parameters
        ----------
        X : ndarray of shape (n, n_features)

        Returns
        -------
        mean, std : ndarray of shape (n,)
        dmean, dstd : ndarray of shape (n, n_features)
        """
        preds = [m._predict_with_grad_one(X) for m in self._processes()]
        mean, std, dmean, dstd = self._mixture(preds)
        s = self.y_std_
        return mean * s + self.y_mean_, std * s, dmean * s, dstd * s

    def _predict_with_grad_one(self, X):
        """:meth:`_predict_with_grad` for this process alone, in standardised units.

        Same shapes; :meth:`_mixture` combines the members' results.
        """
        ls = self.length_scale_
        Zs = np.asarray(X, dtype=float) / ls
        r2 = _sqdist(Zs, self._Xs)
        r = np.sqrt(r2)
        e = np.exp(-_SQRT5 * r)
        sv = self.signal_variance_
        Ks = sv * (1.0 + _SQRT5 * r + (5.0 / 3.0) * r2) * e
        # dk/dz_d = -G * (z_d - x_d) / ls_d**2 = -G * (zs_d - xs_d) / ls_d
        G = sv * (5.0 / 3.0) * (1.0 + _SQRT5 * r) * e
        mean = Ks @ self._alpha
        # Triangular solves, not an explicit inverse: the variance is a small
        # difference of large numbers when the noise is near its floor.
        v = lapack.dtrtrs(self._L, Ks.T, lower=1)[0]
        w = lapack.dtrtrs(self._L, v, lower=1, trans=1)[0].T  # (K^-1 k)^T
        var = np.maximum(sv - np.einsum("ij,ij->j", v, v), 0.0)
        std = np.sqrt(var)
        A = G * self._alpha[None, :]
        dmean = -(Zs * A.sum(axis=1)[:, None] - A @ self._Xs) / ls
        B = G * w
        dvar = 2.0 * (Zs * B.sum(axis=1)[:, None] - B @ self._Xs) / ls
        safe = np.where(std > 1e-12, std, np.inf)
        dstd = dvar / (2.0 * safe[:, None])
        return mean, std, dmean, dstd


# -- the numerical core ---------------------------------------------------------------
def _sqdist(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    """Squared Euclidean distances between rows, shape ``(len(A), len(B))``."""
    d2 = np.einsum("ij,ij->i", A, A)[:, None] + np.einsum("ij,ij->i", B, B)[None, :]
    d2 -= 2.0 * (A @ B.T)
    return np.maximum(d2, 0.0)


def _matern(r2: np.ndarray, signal_variance: float) -> np.ndarray:
    """Matérn-5/2 covariance from squared scaled distances (``r2`` is overwritten)."""
    t = np.sqrt(r2, out=r2)
    t *= _SQRT5
    e = np.negative(t)
    np.exp(e, out=e)
    k = t * t
    k *= 1.0 / 3.0
    k += t
    k += 1.0
    k *= e
    k *= signal_variance
    return k


def _cholesky(K: np.ndarray) -> np.ndarray | None:
    """Lower Cholesky factor of ``K`` (upper triangle zeroed), or None if it fails."""
    L, info = lapack.dpotrf(K, lower=1, clean=1)
    if info != 0 or not np.all(np.isfinite(np.diagonal(L))):
        return None
    return L


def _robust_cholesky(K: np.ndarray) -> np.ndarray:
    """Lower Cholesky factor of ``K``, adding diagonal jitter until it succeeds."""
    scale = max(float(np.mean(np.diag(K))), 1e-300)
    for jitter in _JITTERS:
        A = K if jitter == 0.0 else K + (jitter * scale) * np.eye(len(K))
        L = _cholesky(A)
        if L is not None:
            return L
    # K is symmetric with a positive diagonal: K + mean(diag) * I above is
    # positive definite unless K holds nan; fall back to a diagonal model.
    return np.diag(np.sqrt(np.maximum(np.diag(K), 1e-300) + scale))


def _neg_log_marginal_likelihood(theta, X, y):
    """Negative log marginal likelihood of standardised ``y`` and its gradient in ``theta``."""
    n, n_features = X.shape
    ls = np.exp(theta[:n_features])
    sv = math.exp(theta[n_features])
    nv = math.exp(theta[n_features + 1])
    Xs = X / ls
    t = _sqdist(Xs, Xs)
    np.sqrt(t, out=t)
    t *= _SQRT5  # sqrt(5) r
    e = np.negative(t)
    np.exp(e, out=e)
    # Kf = sv (1 + t + t^2 / 3) e and G = sv (5 / 3) (1 + t) e, with dK/dlog(ls_d) = G * dx_d^2.
    G = t + 1.0
    G *= e
    Kf = t * t
    Kf *= 1.0 / 3.0
    Kf *= e
    Kf += G
    Kf *= sv
    G *= sv * (5.0 / 3.0)
    K = Kf.copy()
    K.flat[:: n + 1] += nv
    L = _cholesky(K)
    if L is None:
        return 1e25, np.zeros_like(theta)
    alpha = lapack.dpotrs(L, y, lower=1)[0]
    value = 0.5 * float(y @ alpha) + float(np.sum(np.log(np.diag(L)))) + 0.5 * n * _LOG_2PI
    # K^-1 from its Cholesky factor; dpotri fills the lower triangle (the upper stays 0).
    K_inv, info = lapack.dpotri(L, lower=1)
    if info != 0 or not math.isfinite(value):
        return 1e25, np.zeros_like(theta)
    W = np.outer(alpha, alpha)
    W -= K_inv
    W -= K_inv.T
    W.flat[:: n + 1] += K_inv.flat[:: n + 1]
    # d(log ml)/d theta_i = 0.5 * sum(W * dK/d theta_i)
    grad = np.empty_like(theta)
    grad[n_features] = 0.5 * float(np.vdot(W, Kf))
    grad[n_features + 1] = 0.5 * nv * float(np.trace(W))
    W *= G
    m = W.sum(axis=1)
    grad[:n_features] = m @ (Xs * Xs) - np.einsum("ij,ij->j", Xs, W @ Xs)
    return value, -grad


def _neg_log_posterior(theta, X, y):
    """Negative log posterior (up to a constant) under weak priors, and its gradient.

    The priors, on the parameters themselves (as Optuna's GP sampler has them):
    ``log p(u) = -0.1 (u + 1/u)`` on each inverse squared length scale
    ``u = 1 / l**2``; Gamma(2, 1) on the signal variance; Gamma(1.1, 30) on the
    noise variance (both of the standardised targets).
    """
    value, grad = _neg_log_marginal_likelihood(theta, X, y)
    if value >= 1e25:
        return value, grad
    n_features = X.shape[1]
    u = np.exp(-2.0 * theta[:n_features])
    sv = math.exp(theta[n_features])
    nv = math.exp(theta[n_features + 1])
    log_prior = (
        -0.1 * float(np.sum(u + 1.0 / u))
        + (theta[n_features] - sv)
        + (0.1 * theta[n_features + 1] - 30.0 * nv)
    )
    d = np.empty_like(theta)
    d[:n_features] = 0.2 * (u - 1.0 / u)
    d[n_features] = 1.0 - sv
    d[n_features + 1] = 0.1 - 30.0 * nv
    return value - log_prior, grad - d
