"""The argument checkers of skopt_lite._validation: what they accept, refuse and say."""

import ast
import math
import pathlib
import re

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import skopt_lite
from skopt_lite._validation import (
    InvalidParameterError,
    check_choice,
    check_int,
    check_kwargs,
    check_path,
    check_real,
    is_int,
    is_real,
)
from skopt_lite.callbacks import DeltaYStopper
from skopt_lite.optimizer.initial import initial_design
from skopt_lite.space import Space


def _refused(check, value, *args, **kwargs):
    """Call ``check(value, "p", ...)``, expecting a refusal; return the message."""
    with pytest.raises(InvalidParameterError) as excinfo:
        check(value, "p", *args, **kwargs)
    assert isinstance(excinfo.value, ValueError) and isinstance(excinfo.value, TypeError)
    message = str(excinfo.value)
    assert message.startswith("p must be "), message
    assert f"got p={value!r}." in message, message
    return message


def test_the_error_is_a_value_error_and_a_type_error():
    assert issubclass(InvalidParameterError, ValueError)
    assert issubclass(InvalidParameterError, TypeError)
    with pytest.raises(ValueError):
        check_int("3", "p")
    with pytest.raises(TypeError):
        check_int(-1, "p", low=0)


@pytest.mark.parametrize("value", [0, -3, 2**70, np.int64(5), np.uint8(7)])
def test_is_int_accepts_integers(value):
    assert is_int(value)
    assert is_real(value)


@pytest.mark.parametrize("value", [True, False, np.bool_(True), 1.0, "1", None, [1], 1j])
def test_is_int_refuses_bools_and_non_integers(value):
    assert not is_int(value)


@pytest.mark.parametrize("value", [0.5, -1e300, math.nan, math.inf, np.float32(2.0), 3])
def test_is_real_accepts_numbers_even_nan_and_inf(value):
    assert is_real(value)


@pytest.mark.parametrize("value", [True, np.bool_(False), "0.5", None, 1j, np.array(1.0)])
def test_is_real_refuses_bools_and_non_numbers(value):
    assert not is_real(value)


# -- check_int ------------------------------------------------------------------------------
def test_check_int_returns_a_python_int():
    assert check_int(5, "p") == 5
    assert type(check_int(np.int64(5), "p", low=5)) is int
    assert check_int(-(10**30), "p") == -(10**30)


@pytest.mark.parametrize("value", [True, False, 2.0, 2.5, "2", None, np.float64(3.0)])
def test_check_int_refuses_bools_and_non_integers(value):
    assert "an integer" in _refused(check_int, value)


@pytest.mark.parametrize("value, low", [(0, 1), (-1, 0), (np.int64(-5), -4)])
def test_check_int_refuses_values_below_low(value, low):
    assert f"an integer >= {low}" in _refused(check_int, value, low=low)


# -- check_real -----------------------------------------------------------------------------
def test_check_real_returns_a_python_float():
    assert check_real(1, "p") == 1.0 and type(check_real(1, "p")) is float
    assert type(check_real(np.float32(0.5), "p", low=0, high=1)) is float
    assert check_real(0.0, "p", low=0.0) == 0.0
    assert check_real(1.0, "p", low=0.0, high=1.0) == 1.0
    assert check_real(math.inf, "p", finite=False) == math.inf
    assert check_real(-(10**400), "p", finite=False) == -math.inf


@pytest.mark.parametrize("value", [True, np.bool_(True), "0.5", None, [0.5], 1j])
def test_check_real_refuses_bools_and_non_numbers(value):
    assert "a finite number" in _refused(check_real, value)


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, np.float64("nan"), 10**400])
def test_check_real_refuses_non_finite_values(value):
    _refused(check_real, value)


def test_check_real_refuses_nan_even_when_infinities_are_allowed():
    assert "a number" in _refused(check_real, math.nan, finite=False)


@pytest.mark.parametrize(
    "value, bounds, what",
    [
        (-0.1, {"low": 0}, "a finite number >= 0"),
        (0.0, {"low": 0, "include_low": False}, "a finite number > 0"),
        (1.5, {"high": 1}, "a finite number <= 1"),
        (1.5, {"low": 0, "high": 1}, "a finite number in [0, 1]"),
        (0, {"low": 0, "high": 1, "include_low": False}, "a finite number in (0, 1]"),
    ],
)
def test_check_real_refuses_values_out_of_range_and_says_the_range(value, bounds, what):
    assert f"p must be {what}, got p={value!r}." == _refused(check_real, value, **bounds)


# -- check_choice ---------------------------------------------------------------------------
def test_check_choice():
    assert check_choice("b", "p", ("a", "b")) == "b"
    assert type(check_choice(np.str_("a"), "p", ("a", "b"))) is str
    message = _refused(check_choice, "c", ("a", "b"))
    assert "one of ('a', 'b')" in message
    _refused(check_choice, ["a"], ("a", "b"))  # unhashable: refused, not a crash
    _refused(check_choice, None, ("a", "b"))


# -- check_kwargs ---------------------------------------------------------------------------
def test_check_kwargs_fills_defaults_and_never_changes_them():
    defaults = {"x": 1, "y": 2}
    assert check_kwargs(None, "p", defaults) == defaults
    assert check_kwargs(None, "p", defaults) is not defaults
    given_kwargs = {"y": 5, "n_jobs": -1}
    out = check_kwargs(given_kwargs, "p", defaults, ignored=("n_jobs",))
    assert out == {"x": 1, "y": 5}
    assert defaults == {"x": 1, "y": 2} and given_kwargs == {"y": 5, "n_jobs": -1}


def test_check_kwargs_refuses_non_dicts_and_unknown_keys():
    assert "a dict or None" in _refused(check_kwargs, [("x", 1)], {"x": 1})
    with pytest.raises(InvalidParameterError, match=re.escape("p has unknown keys [1, 'z']")):
        check_kwargs({"z": 0, 1: 0, "x": 2}, "p", {"x": 1})


# -- check_path -----------------------------------------------------------------------------
def test_check_path():
    assert check_path("a/b.json", "p") == "a/b.json"
    path = pathlib.Path("a") / "b.json"
    assert check_path(path, "p") is path
    for value in (None, b"a/b.json", 3, ["a"]):
        assert "a path" in _refused(check_path, value)


# -- properties -----------------------------------------------------------------------------
anything = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=3),
    st.lists(st.integers(), max_size=2),
    st.sampled_from([np.int64(3), np.float32(-1.5), np.bool_(True), np.float64("inf")]),
)


@given(value=anything, low=st.one_of(st.none(), st.integers(-5, 5)))
def test_check_int_accepts_exactly_the_integers_from_low(value, low):
    ok = is_int(value) and (low is None or value >= low)
    if ok:
        assert check_int(value, "p", low=low) == value
    else:
        _refused(check_int, value, low=low)


def _as_float(value):
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf


@given(
    value=anything,
    low=st.one_of(st.none(), st.floats(-10, 10)),
    high=st.one_of(st.none(), st.floats(-10, 10)),
    include_low=st.booleans(),
    finite=st.booleans(),
)
def test_check_real_accepts_exactly_the_numbers_in_range(value, low, high, include_low, finite):
    kw = dict(low=low, high=high, include_low=include_low, finite=finite)
    x = _as_float(value) if is_real(value) else math.nan
    ok = (
        not math.isnan(x)
        and (not finite or math.isfinite(x))
        and (low is None or (x >= low if include_low else x > low))
        and (high is None or x <= high)
    )
    if ok:
        checked = check_real(value, "p", **kw)
        assert type(checked) is float and checked == x
    else:
        _refused(check_real, value, **kw)


# -- the rule: one way of checking ----------------------------------------------------------
def test_validation_imports_nothing_of_the_package_nor_of_sklearn():
    tree = ast.parse(pathlib.Path(skopt_lite.__file__).with_name("_validation.py").read_text())
    imported = [
        "." * node.level + (node.module or "") if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    ]
    assert imported and not [m for m in imported if m.startswith(("skopt_lite", "sklearn", "."))]


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda: skopt_lite.Real(True, 2, name="C"), "low=True"),
        (lambda: skopt_lite.Integer(0, 5).grid(n_points=True), "n_points=True"),
        (lambda: skopt_lite.Real(0, 1).grid(step=math.nan), "step=nan"),
        (lambda: skopt_lite.Optimizer([(0.0, 1.0)], n_initial_points=True), "n_initial_points"),
        (lambda: skopt_lite.Optimizer([(0.0, 1.0)], acq_func_kwargs={"xi": True}), "'xi'"),
        (lambda: skopt_lite.Optimizer([(0.0, 1.0)]).tell([0.5], True), "True"),
        (lambda: initial_design(Space([(0.0, 1.0)]), False), "n_points=False"),
        (lambda: DeltaYStopper(0.1, n_best=2.0), "n_best=2.0"),
    ],
)
def test_the_package_refuses_bad_arguments_with_the_one_error_class(make, fragment):
    with pytest.raises(InvalidParameterError, match=re.escape(fragment)):
        make()


def test_no_hand_written_bool_checks_outside_the_validation_module():
    """``isinstance(x, bool) or not isinstance(x, numbers...)`` is spelt is_int / is_real."""
    root = pathlib.Path(skopt_lite.__file__).parent
    # _checkpoint.py checks JSON data read back, not arguments.
    allowed = {"_validation.py", "_checkpoint.py"}
    offences = [
        f"{path.relative_to(root)}:{i}"
        for path in sorted(root.rglob("*.py"))
        if path.name not in allowed
        for i, line in enumerate(path.read_text().splitlines(), 1)
        if re.search(r"isinstance\(\w*, \(?bool", line)
    ]
    assert offences == []
