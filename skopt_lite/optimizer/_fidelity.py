"""An optimiser that learns from every resource level and proposes at the largest.

Successive halving evaluates candidates at several resources (fidelities).
:class:`FidelityOptimizer` fits one surrogate on all of them: its space is the
searched space plus a last ``Real`` coordinate, the fidelity in ``[0, 1]``
(1 = the full resource), and its proposals all sit at fidelity 1. A model of
the largest level alone ignores what the cheap levels showed; a model of a
cheap level alone is misled where the best settings move with the resource
(a learning rate with few boosting iterations); with the fidelity as an input
the surrogate learns how much the levels agree.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ..space import Real, Space
from ._optimizer import Optimizer

__all__ = ["FidelityOptimizer", "fidelity"]


def fidelity(n_resources, min_resources, max_resources) -> float:
    """The fidelity coordinate of a resource: 0 at ``min_resources``, 1 at ``max_resources``.

    Log-scaled, as the resources of successive halving grow geometrically.
    """
    if max_resources <= min_resources:
        return 1.0
    ratio = np.log(n_resources / min_resources) / np.log(max_resources / min_resources)
    return float(np.clip(ratio, 0.0, 1.0))


class FidelityOptimizer(Optimizer):
    """An :class:`Optimizer` over ``space`` plus a fidelity, asked at fidelity 1.

    Parameters
    ----------
    space : Space
        The searched space; the optimiser's own space has one more, last,
        dimension: the fidelity, ``Real(0, 1)``.
    excluded : callable
        ``excluded(point) -> bool`` for a point of ``space``: points never to
        propose (those already evaluated, at any resource).
    **kwargs
        :class:`Optimizer`'s parameters. A ``space_constraint`` is called on
        points of ``space`` (the fidelity left out).

    Notes
    -----
    Tell it points of ``space`` with their fidelity appended (see
    :func:`fidelity`); the points it asks end with fidelity 1.0.
    """

    def __init__(self, space: Space, excluded: Callable, **kwargs) -> None:
        constraint = kwargs.get("space_constraint")
        if constraint is not None:
            kwargs["space_constraint"] = lambda point: constraint(point[:-1])
        super().__init__(Space([*space.dimensions, Real(0.0, 1.0)]), **kwargs)
        self._excluded = excluded
        # L-BFGS-B moves the searched Real coordinates only: the fidelity stays at 1.
        enc = self._encoder
        enc.real_dims, enc.real_features = enc.real_dims[:-1], enc.real_features[:-1]
        self._refine = self._refine and len(enc.real_dims) > 0

    def _candidates(self, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        U, _ = super()._candidates(y)
        U[:, -1] = 1.0
        return U, self._encoder.encode(U, valid=True)

    def _random_unseen(self) -> np.ndarray | None:
        row = super()._random_unseen()
        if row is not None:
            row = row.copy()
            row[-1] = 1.0
        return row

    def _first_unseen(self, rows) -> np.ndarray | None:
        def allowed(row: np.ndarray) -> bool:
            return not self._excluded(self._encoder.to_points(row[None])[0][:-1])

        return super()._first_unseen(row for row in rows if allowed(row))
