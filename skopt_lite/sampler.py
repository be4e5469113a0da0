"""Space-filling samples of a search space: scikit-optimize's ``skopt.sampler``.

Each class has scikit-optimize's constructor and a
``generate(dimensions, n_samples, random_state=None)`` method returning
``n_samples`` points of native values. The sequences are those of
:mod:`scipy.stats.qmc`, drawn in the unit cube and mapped to the space as
:meth:`Space.inverse_transform <skopt_lite.space.Space.inverse_transform>`
does (so a log-uniform range is covered evenly in log, integers are rounded,
and categories take equal shares of the unit interval). Points may repeat in
discrete spaces, as in scikit-optimize.

An instance can be passed as ``initial_point_generator`` to the
:class:`~skopt_lite.Optimizer` and the minimize functions.
"""

from __future__ import annotations

import math
import warnings

import numpy as np
from scipy.stats import qmc
from sklearn.utils import check_random_state

from ._validation import InvalidParameterError, check_choice, check_int
from .space import Space

__all__ = ["Grid", "Halton", "Hammersly", "InitialPointGenerator", "Lhs", "Sobol"]


class InitialPointGenerator:
    """Base class of the generators: ``generate`` and ``set_params``."""

    def generate(self, dimensions, n_samples: int, random_state=None) -> list[list]:
        """``n_samples`` points of the space ``dimensions``.

        Parameters
        ----------
        dimensions : Space or list
            A :class:`~skopt_lite.space.Space`, or a list of dimensions or
            shorthands (a ``(low, high)`` or ``(low, high, prior)`` tuple is a
            range, a list holds categories).
        n_samples : int
            Number of points, ``>= 0``.
        random_state : int, RandomState instance or None, default=None
            Seed of the randomisation.

        Returns
        -------
        points : list of n_samples lists of native values
        """
        space = _as_space(dimensions)
        n_samples = check_int(n_samples, "n_samples", low=0)
        if n_samples == 0:
            return []
        U = self._unit(space.n_dims, n_samples, check_random_state(random_state))
        return space.inverse_transform(np.clip(U, 0.0, 1.0))

    def set_params(self, **params) -> InitialPointGenerator:
        """Set constructor parameters, as ``set_params`` of scikit-learn estimators.

        Returns
        -------
        self
        """
        for key, value in params.items():
            if not hasattr(self, key):
                raise InvalidParameterError(
                    f"{type(self).__name__} has no parameter {key!r}; got {key}={value!r}."
                )
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v!r}" for k, v in vars(self).items())
        return f"{type(self).__name__}({args})"

    def _unit(self, d: int, n: int, rng) -> np.ndarray:  # pragma: no cover
        raise NotImplementedError


def _as_space(dimensions) -> Space:
    return dimensions if isinstance(dimensions, Space) else Space(dimensions, tuple_is_range=True)


def _engine(cls, d: int, rng, **kwargs):
    """A :mod:`scipy.stats.qmc` engine seeded from ``rng`` (``rng=`` since SciPy 1.15)."""
    generator = np.random.default_rng(int(rng.randint(np.iinfo(np.int32).max)))
    try:
        return cls(d, rng=generator, **kwargs)
    except TypeError:  # older SciPy
        return cls(d, seed=generator, **kwargs)


def _check_skips(min_skip, max_skip) -> tuple[int, int]:
    low = check_int(min_skip, "min_skip", low=0)
    high = check_int(max_skip, "max_skip", low=0)
    if high < low:
        raise InvalidParameterError(
            f"max_skip must be >= min_skip={low}, got max_skip={max_skip!r}."
        )
    return low, high


def _draw_skip(min_skip, max_skip, rng) -> int:
    """Points to skip: ``min_skip`` if the two are equal, else one of ``[min_skip, max_skip)``."""
    low, high = _check_skips(min_skip, max_skip)
    return low if low == high else int(rng.randint(low, high))


def _check_primes(primes, d: int) -> None:
    if primes is None or len(primes) == 0:
        return
    first = _first_primes(d)
    if list(primes)[:d] != first:
        raise InvalidParameterError(
            f"primes must be None (the first n_dims primes, {first}): SciPy's Halton"
            f" sequence takes no other bases; got primes={primes!r}."
        )


def _first_primes(n: int) -> list[int]:
    out: list[int] = []
    k = 2
    while len(out) < n:
        if all(k % p for p in out if p * p <= k):
            out.append(k)
        k += 1
    return out


class Sobol(InitialPointGenerator):
    """Sobol' sequence (:class:`scipy.stats.qmc.Sobol`).

    Parameters
    ----------
    skip : int, default=0
        Points of the sequence skipped before the first one returned.
    randomize : bool, default=True
        Scramble the sequence (seeded by ``random_state``); False gives the
        plain deterministic sequence. scikit-optimize randomised by a random
        shift; scrambling is the randomisation SciPy offers, and keeps the
        sequence's balance.
    min_skip, max_skip : int or None, default=None
        When both are given, the number of points skipped is drawn from
        ``[min_skip, max_skip)`` (``min_skip`` when equal), as for
        :class:`Halton`, instead of ``skip``. scikit-optimize's examples set
        them on its Sobol through ``cook_initial_point_generator``, where they
        changed nothing.

    Examples
    --------
    >>> from skopt_lite.sampler import Sobol
    >>> points = Sobol().generate([(0.0, 1.0), (0, 10), ["a", "b"]], 8, random_state=0)
    >>> len(points), points[0][2] in ("a", "b")
    (8, True)
    """

    def __init__(
        self,
        skip: int = 0,
        randomize: bool = True,
        min_skip: int | None = None,
        max_skip: int | None = None,
    ) -> None:
        self.skip = skip
        self.randomize = randomize
        self.min_skip = min_skip
        self.max_skip = max_skip

    def _skip(self, rng) -> int:
        skip = check_int(self.skip, "skip", low=0)
        if self.min_skip is None and self.max_skip is None:
            return skip
        if self.min_skip is None or self.max_skip is None:
            raise InvalidParameterError(
                "Sobol: give both min_skip and max_skip, or neither; got"
                f" min_skip={self.min_skip!r}, max_skip={self.max_skip!r}."
            )
        return _draw_skip(self.min_skip, self.max_skip, rng)

    def _unit(self, d, n, rng):
        skip = self._skip(rng)
        engine = _engine(qmc.Sobol, d, rng, scramble=bool(self.randomize))
        if skip:
            engine.fast_forward(skip)
        # Sobol' balance holds for powers of two: draw 2**m and keep a prefix.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", UserWarning)
            return engine.random(2 ** math.ceil(math.log2(n)))[:n]


class Halton(InitialPointGenerator):
    """Halton sequence (:class:`scipy.stats.qmc.Halton`, not scrambled, as scikit-optimize's).

    Parameters
    ----------
    min_skip, max_skip : int, default=0
        Points skipped before the first one returned: ``min_skip`` when the
        two are equal, else drawn from ``[min_skip, max_skip)``.
    primes : None, default=None
        The bases are the first ``n_dims`` primes; other bases are refused.

    Examples
    --------
    >>> from skopt_lite.sampler import Halton
    >>> Halton().generate([(0.0, 1.0), (0.0, 1.0)], 3)
    [[0.0, 0.0], [0.5, 0.3333333333333333], [0.25, 0.6666666666666666]]
    """

    def __init__(self, min_skip: int = 0, max_skip: int = 0, primes=None) -> None:
        self.min_skip = min_skip
        self.max_skip = max_skip
        self.primes = primes

    def _skip(self, rng) -> int:
        return _draw_skip(self.min_skip, self.max_skip, rng)

    def _unit(self, d, n, rng):
        _check_primes(self.primes, d)
        skip = self._skip(rng)
        engine = _engine(qmc.Halton, d, rng, scramble=False)
        if skip:
            engine.fast_forward(skip)
        return engine.random(n)


class Hammersly(Halton):
    """Hammersley set: a Halton sequence in all coordinates but the last, which is ``i / n``.

    Parameters
    ----------
    min_skip, max_skip : int, default=0
        As for :class:`Halton`.
    primes : None, default=None
        As for :class:`Halton`.
    """

    def _unit(self, d, n, rng):
        if d == 1:
            return super()._unit(1, n, rng)
        last = (np.arange(n) / n)[:, None]
        return np.hstack([super()._unit(d - 1, n, rng), last])


_LHS_CRITERIA = ("maximin", "correlation", "ratio")


class Lhs(InitialPointGenerator):
    """Latin hypercube sample, optionally the best of many by a space-filling criterion.

    Parameters
    ----------
    lhs_type : {"classic", "centered"}, default="classic"
        ``"classic"`` places each point at random within its cell;
        ``"centered"`` at the cell's centre.
    criterion : {"maximin", "correlation", "ratio"} or None, default="maximin"
        Of ``iterations`` random Latin hypercubes keep the one with the
        largest smallest distance between points (``"maximin"``), the
        smallest largest correlation between coordinates
        (``"correlation"``), or the smallest ratio of largest to smallest
        distance (``"ratio"``); None keeps the first.
    iterations : int, default=1000
        Latin hypercubes drawn when ``criterion`` is set.

    Examples
    --------
    >>> from skopt_lite.sampler import Lhs
    >>> points = Lhs(iterations=50).generate([(0.0, 1.0), (0.0, 1.0)], 10, random_state=0)
    >>> sorted(int(10 * p[0]) for p in points)  # one point in each tenth
    [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]
    """

    def __init__(
        self, lhs_type: str = "classic", criterion: str | None = "maximin", iterations: int = 1000
    ) -> None:
        self.lhs_type = lhs_type
        self.criterion = criterion
        self.iterations = iterations

    def _unit(self, d, n, rng):
        lhs_type = check_choice(self.lhs_type, "lhs_type", ("classic", "centered"))
        criterion = self.criterion
        if criterion is not None:
            criterion = check_choice(criterion, "criterion", _LHS_CRITERIA)
        iterations = check_int(self.iterations, "iterations", low=1)
        generator = np.random.default_rng(int(rng.randint(np.iinfo(np.int32).max)))
        centered = lhs_type == "centered"
        if criterion is None or n < 2:
            return _latin_hypercubes(generator, 1, n, d, centered)[0]
        # All the candidate designs are drawn and scored in vectorised chunks: one
        # at a time, SciPy's engine and pdist took 3 s for 10000 designs of 10 points.
        chunk = max(1, 2_000_000 // (n * n * max(d, 1)))
        best, best_score = None, np.inf
        for start in range(0, iterations, chunk):
            designs = _latin_hypercubes(generator, min(chunk, iterations - start), n, d, centered)
            scores = _lhs_scores(designs, criterion)
            i = int(np.argmin(scores))
            if scores[i] < best_score:  # the first of equal scores wins
                best, best_score = designs[i], scores[i]
        return best


def _latin_hypercubes(generator, k: int, n: int, d: int, centered: bool) -> np.ndarray:
    """``k`` Latin hypercubes of ``n`` points in ``[0, 1]^d``, shape ``(k, n, d)``.

    Each coordinate of each design puts one point in each of the ``n`` cells
    (a random permutation), at the cell's centre or uniformly within it.
    """
    cells = np.argsort(generator.random((k, d, n)), axis=2)
    offset = 0.5 if centered else generator.random((k, d, n))
    return np.transpose((cells + offset) / n, (0, 2, 1))


def _lhs_scores(designs: np.ndarray, criterion: str) -> np.ndarray:
    """What a criterion minimises, per design of shape ``(k, n, d)``: -min distance,
    max |correlation| between coordinates, or max/min distance. Shape ``(k,)``."""
    k, n, d = designs.shape
    if criterion == "correlation":
        if d < 2:
            return np.zeros(k)
        centred = designs - designs.mean(axis=1, keepdims=True)
        cov = np.einsum("kni,knj->kij", centred, centred)
        sd = np.sqrt(np.einsum("kii->ki", cov))
        r = np.abs(cov / (sd[:, :, None] * sd[:, None, :]))
        r[:, np.arange(d), np.arange(d)] = 0.0
        return r.max(axis=(1, 2))
    i, j = np.triu_indices(n, 1)
    dist = np.sqrt(((designs[:, i, :] - designs[:, j, :]) ** 2).sum(axis=2))
    if criterion == "maximin":
        return -dist.min(axis=1)
    return dist.max(axis=1) / np.maximum(dist.min(axis=1), 1e-12)


_BORDERS = ("exclude", "include", "only")


class Grid(InitialPointGenerator):
    """Points of a regular grid, in random order.

    The grid has the same number ``m`` of levels in every dimension, the
    smallest with ``m ** n_dims >= n_samples``; ``n_samples`` of its points
    are taken at random.

    Parameters
    ----------
    border : {"exclude", "include", "only"}, default="exclude"
        ``"exclude"``: levels ``1/(m+1), ..., m/(m+1)`` of the unit interval;
        ``"include"``: ``0, 1/(m-1), ..., 1``; ``"only"``: the points of the
        ``"include"`` grid on the border of the unit cube.
    use_full_layout : bool, default=True
        Accepted for scikit-optimize compatibility; the points always come
        from one full grid (scikit-optimize completed a smaller grid with
        points of another one).
    append_border : {"only", "include", "exclude"}, default="only"
        Accepted for scikit-optimize compatibility; changes nothing (see
        ``use_full_layout``).

    Examples
    --------
    >>> from skopt_lite.sampler import Grid
    >>> sorted(Grid().generate([(0.0, 4.0)], 3, random_state=0))
    [[1.0], [2.0], [3.0]]
    """

    def __init__(
        self, border: str = "exclude", use_full_layout: bool = True, append_border: str = "only"
    ) -> None:
        self.border = border
        self.use_full_layout = use_full_layout
        self.append_border = append_border

    def _unit(self, d, n, rng):
        border = check_choice(self.border, "border", _BORDERS)
        check_choice(self.append_border, "append_border", _BORDERS)
        m = 1 if border == "exclude" else 2
        while _grid_size(border, m, d) < n:
            m += 1
        if border == "exclude":
            levels = np.arange(1, m + 1) / (m + 1)
        else:
            levels = np.linspace(0.0, 1.0, m)
        return levels[_random_cells(m, d, n, border == "only", rng)]


# Grids of up to this many points are enumerated; larger ones are sampled.
_ENUMERATE = 10**6


def _random_cells(m: int, d: int, n: int, border_only: bool, rng) -> np.ndarray:
    """Level indices of ``n`` distinct random cells of an ``m ** d`` grid, shape ``(n, d)``."""
    if m**d <= _ENUMERATE:
        cells = np.stack(np.unravel_index(np.arange(m**d), (m,) * d), axis=1)
        if border_only:
            cells = cells[np.any((cells == 0) | (cells == m - 1), axis=1)]
        return cells[rng.permutation(len(cells))[:n]]
    # Too many cells to list: draw them (repeats are vanishingly rare).
    cells = rng.randint(m, size=(n, d))
    if border_only:
        cells[np.arange(n), rng.randint(d, size=n)] = (m - 1) * rng.randint(2, size=n)
    return cells


def _grid_size(border: str, m: int, d: int) -> int:
    if border == "only":
        return m**d - max(m - 2, 0) ** d
    return m**d
