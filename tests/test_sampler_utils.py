"""skopt_lite.sampler, skopt_lite.benchmarks and skopt_lite.utils: scikit-optimize's helpers."""

import inspect
import json
import math

import numpy as np
import pytest

from skopt_lite import Categorical, Integer, Optimizer, Real, Space, dummy_minimize, gp_minimize
from skopt_lite import benchmarks as bm
from skopt_lite._validation import InvalidParameterError
from skopt_lite.optimizer.gp import GaussianProcess
from skopt_lite.sampler import Grid, Halton, Hammersly, Lhs, Sobol
from skopt_lite.utils import (
    check_x_in_space,
    cook_estimator,
    cook_initial_point_generator,
    create_result,
    dimensions_aslist,
    dump,
    eval_callbacks,
    expected_minimum,
    expected_minimum_random_sampling,
    load,
    normalize_dimensions,
    point_asdict,
    point_aslist,
    use_named_args,
)

# scikit-optimize 0.10.2's constructor parameters (read from its source).
SKOPT_SAMPLERS = {
    Sobol: ["skip", "randomize"],
    Lhs: ["lhs_type", "criterion", "iterations"],
    Halton: ["min_skip", "max_skip", "primes"],
    Hammersly: ["min_skip", "max_skip", "primes"],
    Grid: ["border", "use_full_layout", "append_border"],
}
MIXED = [Real(1e-3, 1.0, prior="log-uniform"), Integer(-2, 4), Categorical(["a", (1, 2), None])]
GENERATORS = [
    Sobol(), Sobol(skip=8, randomize=False), Sobol(min_skip=1, max_skip=9),
    Lhs(), Lhs(lhs_type="centered", criterion=None),
    Lhs(criterion="correlation", iterations=20), Lhs(criterion="ratio", iterations=20),
    Halton(), Halton(min_skip=1, max_skip=20), Hammersly(), Grid(), Grid(border="include"),
    Grid(border="only"),
]


@pytest.mark.parametrize("cls", list(SKOPT_SAMPLERS))
def test_sampler_constructors_are_scikit_optimizes(cls):
    # Sobol also takes min_skip/max_skip, which scikit-optimize's examples pass it
    params = list(inspect.signature(cls).parameters)
    assert params[: len(SKOPT_SAMPLERS[cls])] == SKOPT_SAMPLERS[cls]
    assert params == SKOPT_SAMPLERS[cls] or cls is Sobol


@pytest.mark.parametrize("generator", GENERATORS, ids=repr)
def test_samples_lie_in_the_space_and_are_reproducible(generator):
    points = generator.generate(MIXED, 9, random_state=3)
    assert len(points) == 9 and all(p in Space(MIXED) for p in points)
    assert points == generator.generate(MIXED, 9, random_state=3)
    assert all(type(p[1]) is int for p in points)
    assert generator.generate(MIXED, 0) == []


def test_sequences_cover_the_unit_cube_evenly():
    unit = [(0.0, 1.0), (0.0, 1.0)]
    lhs = np.array(Lhs(iterations=10).generate(unit, 8, random_state=0))
    for j in range(2):  # one point per eighth of each axis
        assert sorted((lhs[:, j] * 8).astype(int)) == list(range(8))
    halton = Halton().generate(unit, 4)
    assert halton == [[0.0, 0.0], [0.5, 1 / 3], [0.25, 2 / 3], [0.75, 1 / 9]]
    assert np.array(Hammersly().generate(unit, 4))[:, 1].tolist() == [0.0, 0.25, 0.5, 0.75]
    sobol = Sobol(randomize=False).generate(unit, 4)
    assert sobol == Sobol(randomize=False).generate(unit, 4, random_state=1)
    skipped = Sobol(randomize=False, min_skip=3, max_skip=3).generate(unit, 4)
    assert skipped == Sobol(randomize=False, skip=3).generate(unit, 4) != sobol
    grid = Grid().generate(unit, 9, random_state=0)
    assert sorted({p[0] for p in grid}) == [0.25, 0.5, 0.75] and len({tuple(p) for p in grid}) == 9
    only = np.array(Grid(border="only").generate(unit, 8, random_state=0))
    assert np.all(np.any((only == 0) | (only == 1), axis=1))
    wide = Grid().generate([(0.0, 1.0)] * 40, 5, random_state=0)  # 2**40 cells: sampled
    assert len(wide) == 5
    maximin = Lhs(iterations=30).generate(unit, 6, random_state=0)
    plain = Lhs(criterion=None).generate(unit, 6, random_state=0)
    dist = [min(np.linalg.norm(np.subtract(a, b)) for i, a in enumerate(p) for b in p[i + 1:])
            for p in (maximin, plain)]
    assert dist[0] >= dist[1]


@pytest.mark.parametrize(
    "generator, message",
    [
        (Lhs(lhs_type="random"), "lhs_type"),
        (Lhs(criterion="entropy"), "criterion"),
        (Halton(min_skip=5, max_skip=1), "max_skip must be >= min_skip=5"),
        (Halton(primes=[3, 5, 7]), "primes must be None"),
        (Grid(border="inside"), "border"),
        (Sobol(skip=-1), "skip must be an integer >= 0"),
        (Sobol(min_skip=2), "both min_skip and max_skip, or neither"),
        (Sobol(min_skip=5, max_skip=1), "max_skip must be >= min_skip=5"),
    ],
)
def test_bad_sampler_parameters_are_named(generator, message):
    with pytest.raises(InvalidParameterError, match=message):
        generator.generate(MIXED, 4, random_state=0)


def test_set_params_and_cook_initial_point_generator():
    assert Lhs().set_params(iterations=5).iterations == 5
    with pytest.raises(InvalidParameterError, match="no parameter 'speed'"):
        Lhs().set_params(speed=1)
    assert cook_initial_point_generator("random") is None
    lhs = cook_initial_point_generator("LHS", criterion=None)
    assert isinstance(lhs, Lhs) and lhs.criterion is None
    assert cook_initial_point_generator(Sobol(), skip=4).skip == 4
    with pytest.raises(InvalidParameterError, match="generator must be one of"):
        cook_initial_point_generator("maximin")


def test_generators_drive_the_optimizers_initial_design():
    space = [Real(0.0, 1.0), Real(0.0, 1.0)]
    opt = Optimizer(space, initial_point_generator=Lhs(iterations=5), n_initial_points=5,
                    random_state=0)
    first = np.array([opt.ask() for _ in range(5)])
    assert sorted((first[:, 0] * 5).astype(int)) == [0, 1, 2, 3, 4]
    opt = Optimizer(MIXED, initial_point_generator="hammersly", n_initial_points=4,
                    random_state=0)
    assert all(opt.ask() in Space(MIXED) for _ in range(3))


# -- benchmarks -------------------------------------------------------------------------------
def test_benchmark_functions_have_their_documented_minima():
    for x in ([-math.pi, 12.275], [math.pi, 2.275], [9.42478, 2.475]):
        assert bm.branin(x) == pytest.approx(0.397887, abs=1e-5)
    best = [0.20169, 0.150011, 0.476874, 0.275332, 0.311652, 0.6573]
    assert bm.hart6(best) == pytest.approx(-3.32237, abs=1e-5)
    assert bm.hart6([0.5] * 6) > -3.32237
    assert bm.bench1([0.0]) == 0.0 and bm.bench1_with_time([2.0]) == (4.0, 2.22)
    assert bm.bench2([5.0]) == -5.0 and bm.bench2([-1.0]) == 1.0
    assert bm.bench3([-0.3]) == pytest.approx(-0.9, abs=0.05)
    assert bm.bench4(["0"]) == 0.0 and bm.bench5(["0", 0]) == 0.0


# -- utils ------------------------------------------------------------------------------------
def test_use_named_args():
    dims = [Real(0.0, 1.0, name="x"), Categorical(["a", "b"], name="c")]

    @use_named_args(dims)
    def f(x, c):
        return x + (c == "b")

    assert f([0.25, "b"]) == 1.25 and f.__name__ == "f"
    assert use_named_args(Space(dims))(lambda x, c: c)([0.1, "a"]) == "a"
    with pytest.raises(ValueError, match="has 1 values, but the space has 2"):
        f([0.25])
    with pytest.raises(InvalidParameterError, match="every dimension to have a name"):
        use_named_args([Real(0.0, 1.0)])
    with pytest.raises(InvalidParameterError, match="Dimension objects"):
        use_named_args([(0.0, 1.0)])
    with pytest.raises(InvalidParameterError, match=r"distinct dimension names; \['x'\]"):
        use_named_args([Real(0.0, 1.0, name="x"), Real(0.0, 1.0, name="x")])


def test_points_as_dicts_and_lists():
    space = {"b": Integer(2, 4), "a": Real(0, 1)}
    assert list(point_asdict(space, [0.5, 3]).items()) == [("a", 0.5), ("b", 3)]
    assert point_aslist(space, {"b": 3, "a": 0.5}) == [0.5, 3]
    assert dimensions_aslist(space) == [Real(0, 1), Integer(2, 4)]


def test_building_blocks():
    space = normalize_dimensions([(0.0, 1.0), (1, 3), ["x", "y"]])
    assert [type(d).__name__ for d in space.dimensions] == ["Real", "Integer", "Categorical"]
    assert normalize_dimensions(space) is space
    check_x_in_space([0.5, 2, "x"], space)
    check_x_in_space([[0.5, 2, "x"], [0.1, 1, "y"]], space)
    with pytest.raises(ValueError, match="is not in the space"):
        check_x_in_space([0.5, 7, "x"], space)
    with pytest.raises(ValueError, match="has 2 values"):
        check_x_in_space([[0.5, 2]], space)
    res = create_result([[0.1], [0.2], [0.3]], [2.0, np.nan, 1.0], space=space)
    assert res.x == [0.3] and res.fun == 1.0 and res.models == []
    assert eval_callbacks([lambda r: None, lambda r: False], res) is False
    assert eval_callbacks([lambda r: None, lambda r: True], res) is True
    assert isinstance(cook_estimator("gp", random_state=0), GaussianProcess)
    assert cook_estimator("GP", noise=0.01).noise_bounds == (0.01, 0.01)
    assert cook_estimator("Dummy") is None
    rf = cook_estimator("RF", n_jobs=2, random_state=1)
    assert rf.n_estimators == 100 and rf.n_jobs == 2 and rf.random_state == 1
    gbrt = cook_estimator("GBRT", n_jobs=2)
    assert gbrt.n_jobs == 2
    with pytest.raises(InvalidParameterError, match="base_estimator must be one of"):
        cook_estimator("XGB")


def test_expected_minimum_is_the_surrogates_minimum_in_objective_units():
    dims = [(-5.0, 10.0), (0.0, 15.0)]
    res = gp_minimize(bm.branin, dims, n_calls=25, random_state=0, n_points=500)
    x, fun = expected_minimum(res, n_random_starts=5, random_state=0)
    assert x in Space(dims, tuple_is_range=True)
    assert abs(fun - bm.branin(x)) < 0.5 and fun < res.fun + 0.5
    assert abs(bm.branin(x) - 0.397887) < 0.5
    xs, fun_s = expected_minimum_random_sampling(res, n_random_starts=2000, random_state=0)
    assert xs in Space(dims, tuple_is_range=True) and fun <= fun_s + 1e-6
    mixed = gp_minimize(lambda p: (p[0] - 0.2) ** 2 + (p[1] != "b"), [(0.0, 1.0), ["a", "b"]],
                        n_calls=8, n_initial_points=4, random_state=0, n_points=200)
    x, fun = expected_minimum(mixed, random_state=0)
    assert x[1] == "b" and abs(x[0] - 0.2) < 0.2
    with pytest.raises(ValueError, match="no fitted surrogate"):
        expected_minimum(create_result([[0.1]], [1.0], space=Space([Real(0, 1)])))


def test_dump_and_load_round_trip(tmp_path):
    dims = [Real(1e-3, 1.0, prior="log-uniform", name="lr"), Integer(1, 5, name="k"),
            Categorical(["a", (1, 2), None, True, 2.5, float("inf")], name="c")]

    def f(p):
        return math.log10(p[0]) ** 2 + p[1] + (p[2] is None)

    res = gp_minimize(f, dims, n_calls=6, n_initial_points=4, random_state=0, n_points=100)
    path = tmp_path / "res.json"
    dump(res, path, compress=9)
    back = load(path)
    assert back.space == res.space and back.x_iters == res.x_iters
    assert back.x == res.x and back.fun == res.fun
    np.testing.assert_array_equal(back.func_vals, res.func_vals)
    assert back.models == []  # models are not saved
    assert back.specs["function"] == "gp_minimize"
    assert back.specs["args"]["n_calls"] == 6
    assert back.specs["args"]["func"].endswith("f")
    assert back.random_state.get_state()[1].tolist() == res.random_state.get_state()[1].tolist()
    dump(res, path, store_objective=False)
    assert "func" not in load(path).specs["args"]
    assert json.loads(path.read_text())["format"] == "skopt_lite.OptimizeResult"


def test_dump_and_load_refuse_what_they_cannot_hold(tmp_path):
    with pytest.raises(TypeError, match="dump saves an OptimizeResult"):
        dump({"x": 1}, tmp_path / "x.json")
    res = create_result([[object()]], [1.0], space=Space([Categorical([object()])]))
    with pytest.raises(TypeError, match="cannot save .* as JSON"):
        dump(res, tmp_path / "x.json")
    (tmp_path / "pickle.pkl").write_bytes(b"\x80\x04K\x01.")
    with pytest.raises(ValueError, match="Files pickled by scikit-optimize"):
        load(tmp_path / "pickle.pkl")
    (tmp_path / "other.json").write_text('{"format": "something else"}')
    with pytest.raises(ValueError, match="is not a result written by skopt_lite.utils.dump"):
        load(tmp_path / "other.json")


def test_dump_keeps_dtype_and_drops_the_transform_that_changes_nothing(tmp_path):
    dims = [
        Real(0.0, 1.0, dtype="float32", name="a", transform="normalize"),
        Integer(1, 8, dtype=np.int16, name="b"),
    ]
    res = dummy_minimize(lambda p: float(p[0]) + int(p[1]), dims, n_calls=3, random_state=0)
    dump(res, tmp_path / "r.json")
    back = load(tmp_path / "r.json")
    assert list(back.space.dimensions) == dims
    assert [type(v) for v in back.x_iters[0]] == [np.float32, np.int16]
