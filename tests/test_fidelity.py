"""The optimiser HalvingBayesSearchCV proposes with: one model of every resource level."""

import numpy as np
import pytest

from skopt_lite.optimizer._fidelity import FidelityOptimizer, fidelity
from skopt_lite.space import Categorical, Integer, Real, Space


def _levels(space, n, rng):
    """``n`` points of ``space`` told at fidelities 0, 0.5 and 1 (one level each, cyclic)."""
    points = space.rvs(n, random_state=rng)
    return [[*p, (i % 3) / 2] for i, p in enumerate(points)]


def _loss(point):
    """Minimum at x = 0.8 at full fidelity; the cheap levels prefer x = 0.2."""
    x, f = point[0], point[-1]
    return (x - (0.2 + 0.6 * f)) ** 2 + 0.1 * (1 - f)


def test_fidelity_is_the_log_position_of_the_resource():
    assert fidelity(1, 1, 9) == 0.0
    assert fidelity(3, 1, 9) == pytest.approx(0.5)
    assert fidelity(9, 1, 9) == 1.0
    assert fidelity(27, 3, 27) == 1.0
    assert fidelity(5, 5, 5) == 1.0  # one level: everything is the full resource


@pytest.mark.parametrize(
    "dims",
    [
        [Real(0.0, 1.0), Real(-2.0, 2.0)],
        [Real(0.0, 1.0), Integer(1, 50), Categorical(["a", "b", "c"])],
        [Integer(0, 20), Categorical(["a", "b"])],  # nothing for L-BFGS-B to move
    ],
)
def test_proposals_are_at_full_fidelity_and_in_the_space(dims):
    space = Space(dims)
    opt = FidelityOptimizer(space, lambda p: False, n_initial_points=3, random_state=0)
    told = _levels(space, 12, np.random.RandomState(0))
    opt.tell(told, [float(i % 5) for i in range(len(told))])
    asked = opt.ask(n_points=4)
    assert len(asked) == 4
    for point in asked:
        assert point[-1] == 1.0
        assert point[:-1] in space


def test_the_model_follows_the_full_fidelity_optimum():
    space = Space([Real(0.0, 1.0, name="x")])
    rng = np.random.RandomState(0)
    told = _levels(space, 30, rng)
    opt = FidelityOptimizer(space, lambda p: False, n_initial_points=3, random_state=0)
    opt.tell(told, [_loss(p) for p in told])
    x = opt.ask()
    assert abs(x[0] - 0.8) < 0.15


def test_excluded_points_are_never_proposed():
    space = Space([Integer(0, 5), Categorical(["a", "b"])])  # 12 points
    allowed = {(3, "b"), (5, "a")}
    opt = FidelityOptimizer(
        space, lambda p: tuple(p) not in allowed, n_initial_points=2, random_state=0
    )
    told = _levels(space, 6, np.random.RandomState(1))
    opt.tell(told, [float(i) for i in range(len(told))])
    asked = [tuple(opt.ask()[:-1]) for _ in range(2)]
    assert set(asked) == allowed


def test_the_constraint_sees_points_of_the_searched_space():
    space = Space([Real(0.0, 1.0), Real(0.0, 1.0)])
    seen_lengths = set()

    def constraint(point):
        seen_lengths.add(len(point))
        return point[0] <= point[1]

    opt = FidelityOptimizer(
        space, lambda p: False, n_initial_points=2, random_state=0, space_constraint=constraint
    )
    told = [[0.1, 0.5, 0.0], [0.2, 0.9, 0.5], [0.3, 0.4, 1.0], [0.0, 0.1, 1.0]]
    opt.tell(told, [1.0, 0.5, 0.2, 0.9])
    for point in opt.ask(n_points=3):
        assert point[0] <= point[1]
    assert seen_lengths == {2}
