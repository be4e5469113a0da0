"""How the optimiser sees a search space: valid points, their identities and model features.

The optimiser works in the unit cube of :meth:`Space.transform`. This module
adds what the optimiser needs on top of it:

* **snapping** a unit-cube point to the nearest *valid* point (integers on
  their grid, categories at their bin centres), so every candidate is a point
  the search could evaluate;
* **keys**: a hashable identity per point (the float of a ``Real``, the integer
  of an ``Integer``, the index of a category), so told and pending points are
  recognised whatever float noise their unit coordinates carry;
* **features** seen by the surrogate: a ``Real`` as its unit coordinate, an
  ``Integer`` as its *snapped* unit coordinate (so the model is piecewise
  constant between integers, as in Garrido-Merchán & Hernández-Lobato, 2020),
  a ``Categorical`` as one-hot columns (none for a single category);
* **enumeration** of a small finite space, with a flat index per point.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ..space import Categorical, Integer, Real, Space

# A finite space with at most this many points is enumerated: its candidates
# are all the points not yet evaluated.
ENUMERATION_LIMIT = 20_000


class SpaceEncoder:
    """Valid points, keys and surrogate features of a :class:`Space`.

    Parameters
    ----------
    space : Space
        A space of ``Real``, ``Integer`` and ``Categorical`` dimensions.

    Attributes
    ----------
    n_features : int
        Number of columns of :meth:`encode`.
    real_dims : ndarray of int
        Positions of the ``Real`` dimensions.
    real_features : ndarray of int
        Feature column of each ``Real`` dimension (same order as ``real_dims``).
    enumerable : bool
        Whether the space is finite with at most ``ENUMERATION_LIMIT`` points.
    """

    def __init__(self, space: Space) -> None:
        self.space = space
        self.dims = list(space.dimensions)
        self.n_dims = len(self.dims)
        self._feature_slices = []
        start = 0
        for dim in self.dims:
            width = dim.size if isinstance(dim, Categorical) and dim.size > 1 else 0
            if not isinstance(dim, Categorical):
                width = 1
            self._feature_slices.append(slice(start, start + width))
            start += width
        self.n_features = start
        self.real_dims = np.array(
            [j for j, d in enumerate(self.dims) if isinstance(d, Real)], dtype=int
        )
        self.real_features = np.array(
            [self._feature_slices[j].start for j in self.real_dims], dtype=int
        )
        self.discrete_dims = [j for j, d in enumerate(self.dims) if not isinstance(d, Real)]
        self.finite = space.is_finite
        self.size = space.size
        self.enumerable = self.finite and self.size <= ENUMERATION_LIMIT
        self._grid = None
        self._grid_features = None

    # -- valid points ------------------------------------------------------------
    def snap(self, U: np.ndarray) -> np.ndarray:
        """Move unit-cube points to the nearest valid points.

        Parameters
        ----------
        U : array-like of shape (n, n_dims)

        Returns
        -------
        U_valid : ndarray of shape (n, n_dims)
            ``Real`` coordinates clipped to ``[0, 1]``, ``Integer`` coordinates
            moved to the transform of the nearest integer, categories to the
            centre of their bin.
        """
        U = np.array(U, dtype=float).reshape(-1, self.n_dims)
        for j, dim in enumerate(self.dims):
            col = U[:, j]
            if isinstance(dim, Real):
                U[:, j] = np.clip(col, 0.0, 1.0)
            elif isinstance(dim, Integer):
                U[:, j] = dim.transform(dim.inverse_transform(col))
            else:
                U[:, j] = (_category_index(col, dim.size) + 0.5) / dim.size
        # -0.0 and 0.0 must not differ anywhere downstream.
        return U + 0.0

    def sample(self, n: int, rng: np.random.RandomState) -> np.ndarray:
        """Draw ``n`` valid points by the priors, shape ``(n, n_dims)``."""
        return self.snap(self.space.sample_unit(n, rng))

    def to_points(self, U: np.ndarray) -> list[list]:
        """Native points of unit-cube rows (a list of ``n`` lists)."""
        return self.space.inverse_transform(U)

    def to_unit(self, points: Sequence[Sequence]) -> np.ndarray:
        """Valid unit-cube rows of canonical points, shape ``(n, n_dims)``."""
        return self.snap(self.space.transform(points))

    def canonical(self, point) -> list:
        """Check a point and return it as a list of native values.

        ``Real`` values become ``float``, ``Integer`` values ``int``, categories
        the category object itself.

        Raises
        ------
        ValueError
            If the point has the wrong length or a value outside its dimension.
        """
        if isinstance(point, (str, bytes)) or not hasattr(point, "__len__"):
            raise ValueError(
                f"A point must be a list of {self.n_dims} values, one per dimension;"
                f" got {point!r}."
            )
        point = list(point)
        if len(point) != self.n_dims:
            raise ValueError(
                f"A point must have {self.n_dims} values, one per dimension; got"
                f" {len(point)} in {point!r}."
            )
        out = []
        for value, dim in zip(point, self.dims):
            if value not in dim:
                raise ValueError(f"{value!r} is not a value of {dim!r} (point {point!r}).")
            if isinstance(dim, Real):
                out.append(float(value))
            elif isinstance(dim, Integer):
                out.append(int(value))
            else:
                out.append(dim.categories[dim.index(value)])
        return out

    # -- identities ----------------------------------------------------------------
    def point_key(self, point: Sequence) -> tuple:
        """Hashable identity of a canonical point."""
        key = []
        for value, dim in zip(point, self.dims):
            if isinstance(dim, Categorical):
                key.append(dim.index(value))
            else:
                key.append(value)
        return tuple(key)

    def codes(self, U: np.ndarray) -> np.ndarray:
        """Position of each discrete coordinate among its dimension's values.

        Parameters
        ----------
        U : ndarray of shape (n, n_dims)

        Returns
        -------
        codes : ndarray of shape (n, n_dims) of int64
            ``value - low`` for an ``Integer``, the category index for a
            ``Categorical``, 0 for a ``Real``.
        """
        U = np.asarray(U, dtype=float).reshape(-1, self.n_dims)
        codes = np.zeros(U.shape, dtype=np.int64)
        for j, dim in enumerate(self.dims):
            if isinstance(dim, Integer):
                codes[:, j] = np.asarray(dim.inverse_transform(U[:, j]), dtype=np.int64) - dim.low
            elif isinstance(dim, Categorical):
                codes[:, j] = _category_index(U[:, j], dim.size)
        return codes

    def keys(self, U: np.ndarray) -> list[tuple]:
        """Keys (as :meth:`point_key`) of the valid points ``U``."""
        return [self.point_key(p) for p in self.to_points(U)]

    # -- model features ---------------------------------------------------------------
    def encode(self, U: np.ndarray, valid: bool = False) -> np.ndarray:
        """Surrogate features of unit-cube points.

        Parameters
        ----------
        U : array-like of shape (n, n_dims)
        valid : bool, default=False
            Whether the rows are already valid points (:meth:`snap`), so
            integer coordinates need no rounding.

        Returns
        -------
        Z : ndarray of shape (n, n_features)
            ``Real``: the unit coordinate; ``Integer``: the coordinate of the
            nearest integer; ``Categorical``: one-hot columns.
        """
        U = np.asarray(U, dtype=float).reshape(-1, self.n_dims)
        Z = np.zeros((len(U), self.n_features))
        for j, dim in enumerate(self.dims):
            cols = self._feature_slices[j]
            if isinstance(dim, Real):
                Z[:, cols.start] = np.clip(U[:, j], 0.0, 1.0)
            elif isinstance(dim, Integer):
                col = U[:, j]
                Z[:, cols.start] = col if valid else dim.transform(dim.inverse_transform(col))
            elif cols.stop > cols.start:
                idx = _category_index(U[:, j], dim.size)
                Z[np.arange(len(U)), cols.start + idx] = 1.0
        return Z

    # -- enumeration ---------------------------------------------------------------
    @property
    def grid(self) -> np.ndarray:
        """Every point of an enumerable space, shape ``(size, n_dims)``.

        Rows follow the order of iterating the space (last dimension fastest),
        so row ``i`` is ``space.point_at(i)``.
        """
        if self._grid is None:
            if not self.enumerable:
                raise ValueError("Only a small finite space can be enumerated.")
            sizes = [d.size for d in self.dims]
            idx = np.unravel_index(np.arange(math.prod(sizes)), sizes)
            cols = [
                np.asarray(dim.transform(dim.values()), dtype=float)[i]
                for dim, i in zip(self.dims, idx)
            ]
            self._grid = self.snap(np.column_stack(cols))
        return self._grid

    @property
    def grid_features(self) -> np.ndarray:
        """:meth:`encode` of :attr:`grid`, shape ``(size, n_features)``."""
        if self._grid_features is None:
            self._grid_features = self.encode(self.grid, valid=True)
        return self._grid_features

    def flat_index(self, U: np.ndarray) -> np.ndarray:
        """Row of :attr:`grid` holding each valid point of ``U``, shape ``(n,)``."""
        sizes = [d.size for d in self.dims]
        return np.ravel_multi_index(tuple(self.codes(U).T), sizes)


def _category_index(u: np.ndarray, n: int) -> np.ndarray:
    """Category index of unit coordinates ``u`` for ``n`` categories (as Categorical does)."""
    u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
    return np.minimum((u * n).astype(np.int64), n - 1)
