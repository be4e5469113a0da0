"""Acquisition functions and their maximisation over a mixed space.

Everything follows the minimisation convention: the objective is minimised,
an acquisition *utility* is maximised. Expected improvement and probability of
improvement are maximised in the log domain (as in Ament et al., 2023,
"Unexpected improvements to expected improvement"), which has the same
maximiser but stays informative where the plain values underflow to zero.

Maximisation scores many valid candidate points (prior samples, optionally
with perturbations of the best points so far, or every unevaluated point of a
small finite space), then refines the best few with L-BFGS-B over their
``Real`` coordinates, the discrete coordinates held fixed.
"""

from __future__ import annotations

import math

import numpy as np
from scipy.optimize import brentq, minimize
from scipy.special import erfcx, log_ndtr, ndtr

from ..space import Categorical, Integer
from ._encoding import SpaceEncoder
from .gp import GaussianProcess

__all__ = [
    "ACQ_FUNCS",
    "PORTFOLIO",
    "GPHedge",
    "SurrogateView",
    "candidate_points",
    "expected_improvement",
    "lower_confidence_bound",
    "max_value_entropy",
    "probability_of_improvement",
    "refine",
    "utility",
]

ACQ_FUNCS = ("EI", "PI", "LCB", "MES", "gp_hedge")
# The portfolio of gp_hedge, in the order of GPHedge.gains_.
PORTFOLIO = ("EI", "PI", "LCB")

_LOG_SQRT_2PI = 0.5 * math.log(2.0 * math.pi)
_MIN_STD = 1e-12
# Perturbation scales (unit-cube coordinates) of the local candidates.
_LOCAL_SCALES = np.array([0.01, 0.05, 0.2])


# -- the acquisition functions ---------------------------------------------------------
def expected_improvement(mean, std, y_best: float, xi: float = 0.01) -> np.ndarray:
    """Expected improvement over ``y_best`` (minimisation), larger is better.

    Parameters
    ----------
    mean, std : array-like of shape (n,)
        Posterior mean and standard deviation.
    y_best : float
        Best (smallest) value observed.
    xi : float, default=0.01
        Improvement required beyond ``y_best``; larger values explore more.

    Returns
    -------
    ei : ndarray of shape (n,)
        ``E[max(y_best - xi - f, 0)]``; ``max(y_best - xi - mean, 0)`` where ``std == 0``.

    Examples
    --------
    >>> float(expected_improvement([0.0], [1.0], y_best=0.0, xi=0.0)[0])  # 1 / sqrt(2 pi)
    0.3989422804014327
    """
    mean, std = _as_arrays(mean, std)
    imp = y_best - xi - mean
    s = np.maximum(std, _MIN_STD)
    z = imp / s
    ei = imp * ndtr(z) + s * np.exp(-0.5 * z * z - _LOG_SQRT_2PI)
    return np.where(std > 0, np.maximum(ei, 0.0), np.maximum(imp, 0.0))


def probability_of_improvement(mean, std, y_best: float, xi: float = 0.01) -> np.ndarray:
    """Probability that ``f < y_best - xi`` (minimisation), larger is better.

    Parameters
    ----------
    mean, std : array-like of shape (n,)
    y_best : float
    xi : float, default=0.01

    Returns
    -------
    pi : ndarray of shape (n,)
    """
    mean, std = _as_arrays(mean, std)
    imp = y_best - xi - mean
    z = imp / np.maximum(std, _MIN_STD)
    return np.where(std > 0, ndtr(z), (imp > 0).astype(float))


def lower_confidence_bound(mean, std, kappa: float = 1.96) -> np.ndarray:
    """Lower confidence bound ``mean - kappa * std``; *smaller* is better.

    Parameters
    ----------
    mean, std : array-like of shape (n,)
    kappa : float, default=1.96
        Weight of the uncertainty; larger values explore more.

    Returns
    -------
    lcb : ndarray of shape (n,)
    """
    mean, std = _as_arrays(mean, std)
    return mean - kappa * std


def max_value_entropy(
    mean, std, random_state: np.random.RandomState, n_min_samples: int = 1000
) -> np.ndarray:
    """Max-value entropy search (Wang and Jegelka, 2017), for minimisation.

    The information a point's value gives about the minimum value ``m`` of the
    objective. ``m`` is sampled from a Gumbel distribution fitted to the
    quartiles of ``P(m > y) = prod_i Phi((mean_i - y) / std_i)`` over the
    given points (the paper's "sample with Gumbel"); then, with
    ``g = (mean - m) / std``, the utility is the average over the samples of
    ``g phi(g) / (2 Phi(g)) - log Phi(g)``.

    Parameters
    ----------
    mean, std : ndarray of shape (n,)
        The posterior at the candidate points, which also stand for the
        whole space in the distribution of ``m``.
    random_state : RandomState
        Draws the samples of ``m``.
    n_min_samples : int, default=1000
        Number of samples of ``m`` (scikit-optimize's keyword).

    Returns
    -------
    u : ndarray of shape (n,)
        Larger is better; no gradient.
    """
    mean, std = _as_arrays(mean, std)
    s = np.maximum(std, 1e-10)
    samples = _minimum_samples(mean, s, random_state, n_min_samples)
    g = (mean[:, None] - samples[None, :]) / s[:, None]
    return np.mean(_entropy_reduction(g), axis=1)


def _entropy_reduction(g: np.ndarray) -> np.ndarray:
    """``g phi(g) / (2 Phi(g)) - log Phi(g)``, accurate for any ``g``.

    Below ``g = -1`` the two terms cancel to about ``log(-g)``; there it is
    written with the Mills ratio ``M = Phi / phi`` and ``t = 1 + g M`` as
    ``g t / (2 M) + log sqrt(2 pi) - log M``.
    """
    out = np.empty_like(g)
    hi = g > -1.0
    gh = g[hi]
    log_cdf = log_ndtr(gh)
    out[hi] = 0.5 * gh * np.exp(-0.5 * gh * gh - _LOG_SQRT_2PI - log_cdf) - log_cdf
    gl = g[~hi]
    mills = _mills(gl)
    out[~hi] = 0.5 * gl * _tail_ratio(gl) / mills + _LOG_SQRT_2PI - np.log(mills)
    return out


def _minimum_samples(mean, std, random_state, n: int) -> np.ndarray:
    """Samples of the minimum of independent normals, from a Gumbel fit to its quartiles.

    ``P(m > y) = prod_i Phi((mean_i - y) / std_i)``; the Gumbel
    ``P(m > y) = exp(-exp((y - a) / b))`` matches it at its three quartiles.
    Returns an ndarray of shape (n,).
    """

    def above(y):  # log P(m > y), falling from 0 to -inf as y grows
        return float(np.sum(log_ndtr((mean - y) / std)))

    low, high = float(np.min(mean - 5 * std)), float(np.max(mean + 3 * std))
    while above(low) < math.log(0.8):
        low -= high - low
    q = [brentq(lambda y, p=p: above(y) - math.log(p), low, high) for p in (0.75, 0.5, 0.25)]
    b = (q[2] - q[0]) / (math.log(math.log(4.0)) - math.log(math.log(4.0 / 3.0)))
    a = q[1] - b * math.log(math.log(2.0))
    b = max(b, 1e-12)
    return a + b * np.log(-np.log(random_state.uniform(1e-12, 1.0, n)))


def _as_arrays(mean, std):
    mean = np.asarray(mean, dtype=float).reshape(-1)
    std = np.maximum(np.asarray(std, dtype=float).reshape(-1), 0.0)
    return mean, std


def _mills(z: np.ndarray) -> np.ndarray:
    """``Phi(z) / phi(z)`` for ``z <= 0`` (accurate far into the tail)."""
    return math.sqrt(math.pi / 2.0) * erfcx(-z / math.sqrt(2.0))


def _tail_ratio(z: np.ndarray) -> np.ndarray:
    """``h(z) / phi(z) = 1 + z Phi(z) / phi(z)`` for ``z <= -1``, with ``h = phi + z Phi``."""
    zc = np.maximum(z, -1e4)
    t = 1.0 + zc * _mills(zc)
    # Beyond -1e4 the difference cancels; its asymptote is 1 / z**2.
    return np.where(z > -1e4, np.maximum(t, 1e-300), 1.0 / (z * z))


def _log_h(z: np.ndarray) -> np.ndarray:
    """``log(phi(z) + z * Phi(z))``, stable for very negative ``z``."""
    out = np.empty_like(z)
    hi = z > -1.0
    zh = z[hi]
    out[hi] = np.log(np.exp(-0.5 * zh * zh - _LOG_SQRT_2PI) + zh * ndtr(zh))
    zl = z[~hi]
    with np.errstate(over="ignore", divide="ignore"):  # z below -1e154: log h is -inf
        out[~hi] = -0.5 * zl * zl - _LOG_SQRT_2PI + np.log(_tail_ratio(zl))
    return out


def utility(name: str, mean, std, y_best: float, xi: float, kappa: float, grad: bool = False):
    """The quantity maximised for acquisition ``name``.

    ``log EI``, ``log PI`` or ``-LCB``: the same maximisers as EI, PI and LCB.

    Parameters
    ----------
    name : {"EI", "PI", "LCB"}
    mean, std : ndarray of shape (n,)
    y_best, xi, kappa : float
    grad : bool, default=False
        Also return the derivatives with respect to ``mean`` and ``std``.

    Returns
    -------
    u : ndarray of shape (n,)
    du_dmean, du_dstd : ndarray of shape (n,), only when ``grad``
        Finite (clipped where the posterior std is vanishingly small).
    """
    mean, std = _as_arrays(mean, std)
    if name == "LCB":
        u = kappa * std - mean
        if grad:
            return u, -np.ones_like(u), np.full_like(u, kappa)
        return u
    s = np.maximum(std, _MIN_STD)
    z = (y_best - xi - mean) / s
    if name == "PI":
        u = log_ndtr(z)
    else:
        log_h = _log_h(z)
        u = np.log(s) + log_h
    if not grad:
        return u
    tail = z <= -1.0
    zt = np.minimum(z, -1.0)  # the tail formulas, evaluated where they are safe
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        log_phi = -0.5 * z * z - _LOG_SQRT_2PI
        if name == "PI":
            # phi / Phi: 1 / Mills ratio in the tail.
            ratio = np.where(tail, 1.0 / _mills(zt), _exp(log_phi - u))
            du_dmean, du_dstd = -ratio / s, -z * ratio / s
        else:
            # d log EI / d mean = -Phi / (s h), d log EI / d std = phi / (s h).
            t = _tail_ratio(zt)
            phi_h = np.where(tail, 1.0 / t, _exp(log_phi - log_h))
            Phi_h = np.where(tail, _mills(zt) / t, _exp(log_ndtr(z) - log_h))
            du_dmean, du_dstd = -Phi_h / s, phi_h / s
    return u, _finite(du_dmean), _finite(du_dstd)


def _finite(x: np.ndarray) -> np.ndarray:
    """``x`` with nan as 0 and infinities clipped to +-1e30."""
    return np.clip(np.where(np.isnan(x), 0.0, x), -1e30, 1e30)


def _exp(x: np.ndarray) -> np.ndarray:
    """``exp`` with its argument clipped, so it neither overflows nor warns."""
    return np.exp(np.clip(x, -745.0, 700.0))


# -- gp_hedge ----------------------------------------------------------------------------
class GPHedge:
    """The gp_hedge portfolio: pick EI, PI or LCB by a softmax of their gains.

    After each refit of the surrogate, every function's gain grows by minus
    the predicted mean at the point it proposed last (Hoffman, Brochu & de
    Freitas, 2011), as scikit-optimize does; means are on the standardised
    scale, so the choice does not depend on the units of the objective.

    The gains reward exploitation: PI's proposals have the lowest predicted
    means, and PI alone creeps towards the optimum in tiny steps. So, unlike
    scikit-optimize, the softmax is mixed with the uniform choice (weight
    ``floor``), and the default temperature is high (``eta=0.1`` per standard
    deviation of ``y``, about what scikit-optimize's ``eta=1`` amounts to on
    cross-validation scores).

    Parameters
    ----------
    eta : float, default=0.1
        Inverse temperature of the softmax.
    floor : float, default=0.3
        Weight of the uniform choice; every function keeps a probability of at
        least ``floor / 3``.

    Attributes
    ----------
    gains_ : ndarray of shape (3,)
        Gains of EI, PI and LCB.
    """

    def __init__(self, eta: float = 0.1, floor: float = 0.3) -> None:
        self.eta = eta
        self.floor = floor
        self.gains_ = np.zeros(len(PORTFOLIO))

    def probabilities(self) -> np.ndarray:
        """Softmax of ``eta * gains_`` mixed with the uniform choice, shape ``(3,)``."""
        logits = self.eta * (self.gains_ - np.max(self.gains_))
        p = np.exp(logits)
        return (1.0 - self.floor) * p / p.sum() + self.floor / len(p)

    def choose(self, rng: np.random.RandomState) -> int:
        """Index (into ``PORTFOLIO``) of the function to use, drawn from ``rng``."""
        cdf = np.cumsum(self.probabilities())
        return int(min(np.searchsorted(cdf, rng.uniform() * cdf[-1]), len(cdf) - 1))

    def update(self, predicted_means) -> None:
        """Add ``-predicted_means`` (shape ``(3,)``) to the gains."""
        self.gains_ = self.gains_ - np.asarray(predicted_means, dtype=float).reshape(-1)


# -- the surrogate as the maximiser sees it ----------------------------------------------
class SurrogateView:
    """Predictions (and input gradients) of a fitted surrogate.

    Our :class:`GaussianProcess` gives analytic gradients; any other regressor
    with ``predict(X, return_std=True)`` gets forward differences.

    Parameters
    ----------
    model : fitted regressor
    """

    def __init__(self, model) -> None:
        self.model = model

    def predict(self, Z: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Mean and std at features ``Z`` (n, n_features), each of shape ``(n,)``."""
        try:
            mean, std = self.model.predict(Z, return_std=True)
        except TypeError as exc:
            raise TypeError(
                f"base_estimator {self.model!r} must support predict(X, return_std=True)"
                f" and return (mean, std): {exc}"
            ) from exc
        mean = np.asarray(mean, dtype=float).reshape(-1)
        std = np.asarray(std, dtype=float).reshape(-1)
        return mean, np.where(np.isfinite(std), np.maximum(std, 0.0), 0.0)

    def predict_grad(self, Z: np.ndarray, cols: np.ndarray):
        """Mean, std and their derivatives along feature columns ``cols``.

        Returns
        -------
        mean, std : ndarray of shape (n,)
        dmean, dstd : ndarray of shape (n, len(cols))
        """
        if isinstance(self.model, GaussianProcess):
            mean, std, dmean, dstd = self.model._predict_with_grad(Z)
            return mean, std, dmean[:, cols], dstd[:, cols]
        n, h = len(Z), 1e-6
        shifted = [Z]
        steps = []
        for c in cols:
            step = np.where(Z[:, c] + h <= 1.0, h, -h)
            Zc = Z.copy()
            Zc[:, c] += step
            shifted.append(Zc)
            steps.append(step)
        mean, std = self.predict(np.vstack(shifted))
        mean, std = mean.reshape(-1, n), std.reshape(-1, n)
        steps = np.array(steps).reshape(len(cols), n)
        dmean = ((mean[1:] - mean[0]) / steps).T
        dstd = ((std[1:] - std[0]) / steps).T
        return mean[0], std[0], dmean, dstd


# -- candidates and refinement -------------------------------------------------------------
def candidate_points(
    encoder: SpaceEncoder,
    n_points: int,
    rng: np.random.RandomState,
    best=None,
    local_fraction: float = 0.25,
) -> np.ndarray:
    """Valid candidate points: prior samples plus perturbations of the best points.

    Parameters
    ----------
    encoder : SpaceEncoder
    n_points : int
        Total number of candidates.
    rng : RandomState
    best : ndarray of shape (n_best, n_dims) or None, default=None
        Unit-cube coordinates of the best points so far.
    local_fraction : float, default=0.25
        Share of candidates perturbed from ``best``.

    Returns
    -------
    U : ndarray of shape (n_points, n_dims)
        Valid points (see :meth:`SpaceEncoder.snap`), possibly repeated.
    """
    n_local = int(n_points * local_fraction) if best is not None and len(best) else 0
    U = encoder.space.sample_unit(n_points - n_local, rng)
    if n_local:
        U = np.vstack([U, _perturb(encoder, np.asarray(best, dtype=float), n_local, rng)])
    return encoder.snap(U)


def _perturb(encoder: SpaceEncoder, best: np.ndarray, n: int, rng) -> np.ndarray:
    """``n`` random neighbours of the rows of ``best``: a few coordinates moved each."""
    d = encoder.n_dims
    L = best[rng.randint(len(best), size=n)].copy()
    moved = rng.uniform(size=(n, d)) < min(1.0, 2.0 / d)
    moved[np.arange(n), rng.randint(d, size=n)] = True
    scale = _LOCAL_SCALES[rng.randint(len(_LOCAL_SCALES), size=n)]
    noise = rng.normal(size=(n, d))
    for j, dim in enumerate(encoder.dims):
        if isinstance(dim, Categorical):
            new = (rng.randint(dim.size, size=n) + 0.5) / dim.size
            L[:, j] = np.where(moved[:, j], new, L[:, j])
            continue
        s = scale
        if isinstance(dim, Integer):
            # At least about one step of the integer grid.
            s = np.maximum(scale, 0.75 / (dim.size - 1))
        L[:, j] = np.clip(L[:, j] + moved[:, j] * s * noise[:, j], 0.0, 1.0)
    return L


def refine(
    view: SurrogateView,
    Z0: np.ndarray,
    cols: np.ndarray,
    name: str,
    y_best: float,
    xi: float,
    kappa: float,
    maxiter: int = 15,
) -> tuple[np.ndarray, np.ndarray]:
    """Improve starting points by L-BFGS-B over the feature columns ``cols``.

    All starts are optimised in one L-BFGS-B run over the sum of their
    utilities (the problem is separable), so every step evaluates the
    surrogate once for all of them.

    Parameters
    ----------
    view : SurrogateView
    Z0 : ndarray of shape (k, n_features)
        Starting points (features); the other columns stay fixed.
    cols : ndarray of int
        Continuous feature columns, bounded by ``[0, 1]``.
    name : {"EI", "PI", "LCB"}
    y_best, xi, kappa : float
    maxiter : int, default=15
        L-BFGS-B iterations (at most ``2 * maxiter`` evaluations).

    Returns
    -------
    Z : ndarray of shape (k, n_features)
        Refined points; a start that did not improve is returned unchanged.
    u : ndarray of shape (k,)
        Their utility.
    """
    Z0 = np.asarray(Z0, dtype=float)
    k, r = len(Z0), len(cols)
    mean, std = view.predict(Z0)
    u0 = utility(name, mean, std, y_best, xi, kappa)
    Z = Z0.copy()

    def objective(x):
        Z[:, cols] = x.reshape(k, r)
        mean, std, dmean, dstd = view.predict_grad(Z, cols)
        u, du_dmean, du_dstd = utility(name, mean, std, y_best, xi, kappa, grad=True)
        g = du_dmean[:, None] * dmean + du_dstd[:, None] * dstd
        return -float(np.sum(u)), -g.ravel()

    res = minimize(
        objective,
        Z0[:, cols].ravel(),
        jac=True,
        method="L-BFGS-B",
        bounds=[(0.0, 1.0)] * (k * r),
        options={"maxiter": int(maxiter), "maxfun": 2 * int(maxiter)},
    )
    Z[:, cols] = np.clip(res.x.reshape(k, r), 0.0, 1.0)
    mean, std = view.predict(Z)
    u = utility(name, mean, std, y_best, xi, kappa)
    better = u > u0
    return np.where(better[:, None], Z, Z0), np.where(better, u, u0)
