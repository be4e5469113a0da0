"""Test functions with known minima: scikit-optimize's ``skopt.benchmarks``.

Each takes a point (a list of values) and returns a float, so it can be passed
to :func:`~skopt_lite.gp_minimize` as it is.

========================  ===================  ===============================  ==============
function                  domain               minimiser                        minimum
========================  ===================  ===============================  ==============
:func:`bench1`            ``x`` real           0                                0
:func:`bench2`            ``x`` real           5                                -5
:func:`bench3`            ``x`` real           about -0.3                       about -0.9
:func:`bench4`            ``x`` a number-str   ``"0"``                          0
:func:`bench5`            a number-str, real   ``("0", 0)``                     0
:func:`branin`            [-5, 10] x [0, 15]   (-pi, 12.275), (pi, 2.275),      0.397887
                                               (9.42478, 2.475)
:func:`hart6`             [0, 1]^6             (0.20169, 0.150011, 0.476874,    -3.32237
                                               0.275332, 0.311652, 0.6573)
========================  ===================  ===============================  ==============
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "bench1",
    "bench1_with_time",
    "bench2",
    "bench3",
    "bench4",
    "bench5",
    "branin",
    "hart6",
]


def bench1(x) -> float:
    """``x[0] ** 2``: one minimum, 0 at 0."""
    return float(x[0]) ** 2


def bench1_with_time(x) -> tuple[float, float]:
    """:func:`bench1` and a constant evaluation time of 2.22 seconds (for EIps-style tests)."""
    return bench1(x), 2.22


def bench2(x) -> float:
    """``x ** 2`` below 0, ``(x - 5) ** 2 - 5`` above: the global minimum is -5 at 5."""
    v = float(x[0])
    return v**2 if v < 0 else (v - 5.0) ** 2 - 5.0


def bench3(x) -> float:
    """``sin(5 x) (1 - tanh(x ** 2))``: the global minimum is about -0.9, near -0.3."""
    v = float(x[0])
    return float(np.sin(5.0 * v) * (1.0 - np.tanh(v**2)))


def bench4(x) -> float:
    """``float(x[0]) ** 2`` of a category that spells a number: 0 at ``"0"``."""
    return float(x[0]) ** 2


def bench5(x) -> float:
    """``float(x[0]) ** 2 + x[1] ** 2``, a category and a number: 0 at ``("0", 0)``."""
    return float(x[0]) ** 2 + float(x[1]) ** 2


def branin(
    x,
    a: float = 1.0,
    b: float = 5.1 / (4.0 * math.pi**2),
    c: float = 5.0 / math.pi,
    r: float = 6.0,
    s: float = 10.0,
    t: float = 1.0 / (8.0 * math.pi),
) -> float:
    """The Branin-Hoo function, on ``[-5, 10] x [0, 15]``.

    ``a (x1 - b x0^2 + c x0 - r)^2 + s (1 - t) cos(x0) + s``; three global
    minima, 0.397887 at (-pi, 12.275), (pi, 2.275) and (9.42478, 2.475).
    See https://www.sfu.ca/~ssurjano/branin.html.

    Parameters
    ----------
    x : sequence of 2 floats
    a, b, c, r, s, t : float
        The function's constants, at their usual values by default.

    Returns
    -------
    value : float

    Examples
    --------
    >>> round(branin([math.pi, 2.275]), 6)
    0.397887
    """
    x0, x1 = float(x[0]), float(x[1])
    return a * (x1 - b * x0**2 + c * x0 - r) ** 2 + s * (1.0 - t) * math.cos(x0) + s


_H6_ALPHA = np.array([1.0, 1.2, 3.0, 3.2])
_H6_A = np.array(
    [
        [10.0, 3.0, 17.0, 3.5, 1.7, 8.0],
        [0.05, 10.0, 17.0, 0.1, 8.0, 14.0],
        [3.0, 3.5, 1.7, 10.0, 17.0, 8.0],
        [17.0, 8.0, 0.05, 10.0, 0.1, 14.0],
    ]
)
_H6_P = 1e-4 * np.array(
    [
        [1312, 1696, 5569, 124, 8283, 5886],
        [2329, 4135, 8307, 3736, 1004, 9991],
        [2348, 1451, 3522, 2883, 3047, 6650],
        [4047, 8828, 8732, 5743, 1091, 381],
    ]
)


def hart6(x, alpha=_H6_ALPHA, P=_H6_P, A=_H6_A) -> float:
    """The six-dimensional Hartmann function, on the unit hypercube ``[0, 1]^6``.

    ``-sum_i alpha_i exp(-sum_j A_ij (x_j - P_ij)^2)``: six local minima; the
    global one is -3.32237 at (0.20169, 0.150011, 0.476874, 0.275332,
    0.311652, 0.6573). See https://www.sfu.ca/~ssurjano/hart6.html.

    Parameters
    ----------
    x : sequence of 6 floats
    alpha : array-like of shape (4,)
    P, A : array-like of shape (4, 6)
        The function's constants, at their usual values by default.

    Returns
    -------
    value : float

    Examples
    --------
    >>> round(hart6([0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573]), 5)
    -3.32237
    """
    x = np.asarray(x, dtype=float)
    return float(-np.sum(alpha * np.exp(-np.sum(A * (x - P) ** 2, axis=1))))
