"""The values a surrogate learns: told objective values, failures penalised, standardised.

:func:`model_targets` is the one transform from what was told to what the
model is fit on; :class:`~skopt_lite.optimizer.Optimizer` uses it for every
fit. :func:`values_of_targets` is its inverse: the plots use it to map the
model's outputs back to objective units.

1. Failures (nan, +-inf) are learned as slightly worse than the worst finite
   value: ``max + FAILURE_PENALTY * (max - min)``.
2. The values are standardised (mean 0, standard deviation 1).
3. A Yeo-Johnson power transform, fitted by maximum likelihood, tames heavy
   upper tails (a few very bad evaluations), which otherwise flatten the
   surrogate near the optimum (HEBO's largest single gain). Only transforms
   that compress the upper, bad tail are used (exponent at most
   ``MAX_LAMBDA``; 1 is the identity), so the order of the values, and the
   best one, is kept.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "FAILURE_PENALTY",
    "MAX_LAMBDA",
    "model_targets",
    "standardisation",
    "values_of_targets",
]

FAILURE_PENALTY = 0.1
MAX_LAMBDA = 1.0
# Exponents of the Yeo-Johnson transform tried: the likelihood is maximised over
# this grid, much cheaper than a bounded scalar search and as good for a model.
_LAMBDAS = np.linspace(-2.0, MAX_LAMBDA, 31)


def model_targets(y) -> tuple[np.ndarray, float, float]:
    """The targets a surrogate is fit on, from told values.

    Parameters
    ----------
    y : array-like of shape (n,)
        Told objective values (to minimise); nan or +-inf for failures. At
        least one must be finite.

    Returns
    -------
    z : ndarray of shape (n,)
        Failures penalised, standardised, then power-transformed (and
        standardised again when the transform is used).
    mean, std : float
        The first standardisation: ``(filled - mean) / std``, where ``filled``
        is ``y`` with failures penalised. Maps the model's outputs back to
        objective units where the power transform was not used.

    Raises
    ------
    ValueError
        If no value is finite.
    """
    filled, mean, std = _filled_standardisation(y, "model_targets")
    z, _ = _power_transform((filled - mean) / std)
    return z, mean, std


def values_of_targets(z, y) -> np.ndarray:
    """Objective values of model outputs: the inverse of :func:`model_targets`.

    Parameters
    ----------
    z : array-like of shape (m,)
        Outputs of a model fit on ``model_targets(y)[0]`` (predictions, or
        their quantiles: the map is increasing, so quantiles map to quantiles).
    y : array-like of shape (n,)
        The told values that model was fit on.

    Returns
    -------
    values : ndarray of shape (m,)
        In the units of ``y``; ``values_of_targets(model_targets(y)[0], y)``
        is ``y`` with failures penalised (up to rounding). A power transform
        with a negative exponent is bounded above: outputs at or beyond its
        bound map to ``+inf``.

    Raises
    ------
    ValueError
        If no value of ``y`` is finite.
    """
    filled, mean, std = _filled_standardisation(y, "values_of_targets")
    _, params = _power_transform((filled - mean) / std)
    t = np.asarray(z, dtype=float).reshape(-1)
    if params is not None:
        lmbda, mean2, std2 = params
        t = _yeo_johnson_inverse(t * std2 + mean2, lmbda)
    return t * std + mean


def _filled_standardisation(y, func: str) -> tuple[np.ndarray, float, float]:
    """``y`` with failures penalised, and the mean and std that standardise it."""
    y = np.asarray(y, dtype=float).reshape(-1)
    finite = np.isfinite(y)
    if not finite.any():
        raise ValueError(f"{func} needs at least one finite value.")
    lo, hi = float(np.min(y[finite])), float(np.max(y[finite]))
    with np.errstate(over="ignore"):
        spread = hi - lo if hi > lo else max(abs(hi), 1.0)
        penalty = hi + FAILURE_PENALTY * spread
    if not np.isfinite(penalty):  # values near the float limit
        penalty = hi
    filled = np.where(finite, y, penalty)
    mean, std = standardisation(filled)
    return filled, mean, std


def standardisation(y: np.ndarray) -> tuple[float, float]:
    """Mean and a usable standard deviation of ``y`` (1 for constant values).

    The deviations are scaled before squaring, so tiny values (1e-300) do
    not underflow to a zero deviation.
    """
    mean = float(np.mean(y))
    dev = y - mean
    scale = float(np.max(np.abs(dev)))
    std = scale * float(np.std(dev / scale)) if scale > 0.0 else 0.0
    if not (std > 0.0 and math.isfinite(std)) or std <= 1e-15 * abs(mean):
        std = 1.0
    return mean, std


def _yeo_johnson(z: np.ndarray, lmbda: np.ndarray) -> np.ndarray:
    """Yeo-Johnson transforms of ``z`` (n,) for each exponent in ``lmbda`` (m,): (m, n)."""
    lm = lmbda[:, None]
    pos = z >= 0
    lp = np.log1p(np.where(pos, z, 0.0))[None, :]  # log(1 + z) where z >= 0
    ln = np.log1p(np.where(pos, 0.0, -z))[None, :]  # log(1 - z) where z < 0
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        small = np.abs(lm) < 1e-8
        tp = np.where(small, lp, np.expm1(lm * lp) / np.where(small, 1.0, lm))
        l2 = 2.0 - lm
        small2 = np.abs(l2) < 1e-8
        tn = np.where(small2, -ln, -np.expm1(l2 * ln) / np.where(small2, 1.0, l2))
    return np.where(pos[None, :], tp, tn)


def _yeo_johnson_inverse(t: np.ndarray, lmbda: float) -> np.ndarray:
    """The inverse of the Yeo-Johnson transform with exponent ``lmbda`` (at most 1).

    For ``lmbda < 0`` the transform of ``[0, inf)`` is ``[0, -1 / lmbda)``;
    ``t`` at or beyond that bound maps to ``+inf``.
    """
    t = np.asarray(t, dtype=float)
    pos = t >= 0
    tp = np.where(pos, t, 0.0)
    tn = np.where(pos, 0.0, t)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if abs(lmbda) < 1e-8:
            zp = np.expm1(tp)
        else:
            base = 1.0 + lmbda * tp
            zp = np.where(base > 0, np.expm1(np.log1p(lmbda * tp) / lmbda), np.inf)
        l2 = 2.0 - lmbda
        if abs(l2) < 1e-8:  # pragma: no cover - exponents are at most MAX_LAMBDA = 1
            zn = -np.expm1(-tn)
        else:
            zn = -np.expm1(np.log1p(-l2 * tn) / l2)
    return np.where(pos, zp, zn)


def _power_transform(z: np.ndarray) -> tuple[np.ndarray, tuple | None]:
    """Yeo-Johnson transform of standardised values, standardised again.

    Returns the transformed values and ``(lmbda, mean, std)`` of the transform
    (the values are ``(yeo_johnson(z, lmbda) - mean) / std``), or ``z``
    unchanged and None when the identity is the most likely exponent, there
    are fewer than 3 values, or the transform is not finite.
    """
    if len(z) < 3 or np.ptp(z) <= 0:
        return z, None
    T = _yeo_johnson(z, _LAMBDAS)
    with np.errstate(all="ignore"):
        var = np.var(T, axis=1)
        jac = (_LAMBDAS - 1.0) * float(np.sum(np.sign(z) * np.log1p(np.abs(z))))
        llf = -0.5 * len(z) * np.log(var) + jac
    llf = np.where(np.isfinite(llf) & (var > 0), llf, -np.inf)
    best = int(np.argmax(llf))
    if not np.isfinite(llf[best]) or best == len(_LAMBDAS) - 1:
        return z, None
    t = T[best]
    if not np.all(np.isfinite(t)) or np.ptp(t) <= 0:
        return z, None
    mean, std = standardisation(t)
    return (t - mean) / std, (float(_LAMBDAS[best]), mean, std)
