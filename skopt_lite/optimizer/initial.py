"""Initial designs: the points tried before the surrogate has anything to learn from."""

from __future__ import annotations

import math

import numpy as np
from scipy.stats import qmc
from sklearn.utils import check_random_state
from sklearn.utils.random import sample_without_replacement

from .._validation import check_choice, check_int
from ..space import Space
from ._encoding import SpaceEncoder

__all__ = ["INITIAL_POINT_GENERATORS", "initial_design"]

INITIAL_POINT_GENERATORS = ("random", "sobol", "halton", "hammersly", "lhs", "grid")

# Rounds of prior sampling used to replace duplicates before giving up.
_TOP_UP_ROUNDS = 8


def initial_design(
    space: Space,
    n_points: int,
    method: str = "random",
    random_state=None,
    *,
    encoder: SpaceEncoder | None = None,
) -> np.ndarray:
    """Points of an initial design, in unit-cube coordinates.

    Every point is valid (integers on their grid, categories at their bin
    centres: see :meth:`Space.transform`) and distinct. Duplicates that
    snapping creates in discrete dimensions are replaced by prior samples, so
    the design has ``min(n_points, space.size)`` points whenever they can be
    found.

    Parameters
    ----------
    space : Space
        The search space.
    n_points : int
        Number of points wanted, ``>= 0``.
    method : {"random", "sobol", "halton", "hammersly", "lhs", "grid"} or generator, \
default="random"
        ``"random"`` draws by the priors (:meth:`Space.sample_unit`);
        ``"sobol"``, ``"halton"`` and ``"lhs"`` are scrambled quasi-random
        sequences of :mod:`scipy.stats.qmc` (uniform in the unit cube, so a
        log-uniform range is covered uniformly in log; category priors are
        ignored); ``"hammersly"`` is a Hammersley set (a scrambled Halton
        sequence in all but the first coordinate, which is evenly spaced);
        ``"grid"`` takes the cell centres of a regular grid with
        about ``n_points ** (1 / n_dims)`` levels per dimension, in random order.
        Any object with a ``generate(dimensions, n_samples, random_state)``
        method returning points of native values (such as the classes of
        :mod:`skopt_lite.sampler`) is also accepted.
    random_state : int, RandomState instance or None, default=None
        Seed or generator; the QMC sequences are seeded from it.
    encoder : SpaceEncoder or None, default=None
        The encoder of ``space``, when the caller has one.

    Returns
    -------
    U : ndarray of shape (n_design, n_dims)
        ``n_design = min(n_points, space.size)`` unless the space is too
        crowded to find that many distinct points by sampling.

    Examples
    --------
    >>> from skopt_lite.space import Space, Real, Categorical
    >>> space = Space([Real(0, 1), Categorical(["a", "b"])])
    >>> initial_design(space, 4, "sobol", random_state=0).shape
    (4, 2)
    """
    if not _is_generator(method):
        method = check_choice(method, "method", INITIAL_POINT_GENERATORS)
    n_points = check_int(n_points, "n_points", low=0)
    rng = check_random_state(random_state)
    encoder = SpaceEncoder(space) if encoder is None else encoder
    n_wanted = int(min(n_points, encoder.size))
    if n_wanted == 0:
        return np.empty((0, space.n_dims))
    raw = _raw_design(space, encoder, n_wanted, method, rng)
    return _distinct(encoder, encoder.snap(raw), n_wanted, rng)


def _is_generator(method) -> bool:
    """Whether ``method`` is a generator object (scikit-optimize's ``InitialPointGenerator``)."""
    return not isinstance(method, str) and callable(getattr(method, "generate", None))


def _raw_design(space, encoder, n, method, rng) -> np.ndarray:
    d = space.n_dims
    if _is_generator(method):
        seed = int(rng.randint(np.iinfo(np.int32).max))
        points = method.generate(space.dimensions, n, random_state=seed)
        return encoder.to_unit([list(p) for p in points])
    if method == "random":
        return space.sample_unit(n, rng)
    if method == "grid":
        return _grid_design(encoder, n, rng)
    seed = int(rng.randint(np.iinfo(np.int32).max))
    if method == "sobol":
        # Sobol' balance holds for powers of two: draw 2**m and keep a prefix.
        engine = _qmc_engine(qmc.Sobol, d, seed)
        return engine.random_base2(math.ceil(math.log2(n)))[:n]
    if method == "halton":
        return _qmc_engine(qmc.Halton, d, seed).random(n)
    if method == "hammersly":
        # Evenly spaced first coordinate (shifted at random within its cells).
        first = (np.arange(n) + np.random.default_rng(seed).uniform()) / n
        if d == 1:
            return first[:, None]
        return np.column_stack([first, _qmc_engine(qmc.Halton, d - 1, seed).random(n)])
    return _qmc_engine(qmc.LatinHypercube, d, seed).random(n)


def _qmc_engine(cls, d: int, seed: int):
    """A scrambled ``scipy.stats.qmc`` engine (``rng=`` since SciPy 1.15, ``seed=`` before).

    SciPy < 1.10's ``LatinHypercube`` has no ``scramble``; it is randomised
    within its cells by default, which is what ``scramble=True`` means later.
    """
    rng = np.random.default_rng(seed)
    for kwargs in ({"scramble": True, "rng": rng}, {"scramble": True, "seed": rng}, {"seed": rng}):
        try:
            return cls(d, **kwargs)
        except TypeError:  # older SciPy: try the next spelling
            continue
    raise TypeError(f"cannot build a scrambled {cls.__name__} with this SciPy")  # pragma: no cover


def _grid_design(encoder: SpaceEncoder, n: int, rng) -> np.ndarray:
    """``n`` random cell centres of a grid with at least ``n`` cells (when the space has them)."""
    sizes = [d.size for d in encoder.dims]
    levels = [1] * len(sizes)
    m = 1
    while math.prod(levels) < n and any(lv < s for lv, s in zip(levels, sizes)):
        m += 1
        levels = [min(m, s) for s in sizes]
    total = math.prod(levels)
    if total <= np.iinfo(np.int64).max // 2:
        flat = sample_without_replacement(total, min(n, total), random_state=rng)
        flat = flat[rng.permutation(len(flat))]  # a random order, whatever the sampler did
        cells = np.column_stack(np.unravel_index(flat, levels))
    else:  # too many cells to index: draw each coordinate (repeats are vanishingly rare)
        cells = np.column_stack([rng.randint(lv, size=n) for lv in levels])
    return (cells + 0.5) / np.asarray(levels, dtype=float)


def _distinct(encoder: SpaceEncoder, U: np.ndarray, n: int, rng) -> np.ndarray:
    """The first ``n`` distinct rows of ``U``, topped up with prior samples."""
    seen: set = set()
    rows: list = []

    def take(candidates):
        for row, key in zip(candidates, encoder.keys(candidates)):
            if len(rows) == n:
                return
            if key not in seen:
                seen.add(key)
                rows.append(row)

    take(U)
    for _ in range(_TOP_UP_ROUNDS):
        if len(rows) == n:
            break
        take(encoder.sample(4 * (n - len(rows)), rng))
    if len(rows) < n and encoder.enumerable:
        grid = encoder.grid
        free = np.ones(len(grid), dtype=bool)
        if rows:
            free[encoder.flat_index(np.asarray(rows))] = False
        take(grid[rng.permutation(np.flatnonzero(free))])
    return np.asarray(rows, dtype=float).reshape(-1, encoder.n_dims)
