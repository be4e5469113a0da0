"""No global state: searches running in threads at once give what they give one after the other.

The package neither seeds NumPy's global generator nor keeps mutable module
state; the one process-wide thing it touches, the BLAS thread count, is
restored to the user's setting however the threads interleave.
"""

import ast
import copy
import json
import os
import pathlib
import subprocess
import sys
import textwrap
import threading

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin

import skopt_lite
from skopt_lite import BayesSearchCV, Categorical, Integer, RandomSearchCV, Real
from skopt_lite.optimizer import _checks

PACKAGE = pathlib.Path(skopt_lite.__file__).parent
X = np.random.RandomState(0).normal(size=(30, 3))
Y = np.arange(30) % 2
SPACE = {"x": Real(-1.0, 1.0), "k": Integer(0, 6), "c": Categorical(["a", "b", (1, 2), None])}


class Quadratic(ClassifierMixin, BaseEstimator):
    def __init__(self, x=0.0, k=0, c="a"):
        self.x, self.k, self.c = x, k, c

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        self.offset_ = float(np.mean(X[:, 0]))  # differs per fold
        return self

    def predict(self, X):
        return np.full(len(X), self.classes_[0])

    def score(self, X, y):
        bonus = {"a": 0.0, "b": 0.3, (1, 2): 0.1, None: 0.2}[self.c]
        return -((self.x - 0.3) ** 2) - (self.k - 4) ** 2 / 40 + bonus + self.offset_ / 100


def _modules():
    for path in sorted(PACKAGE.rglob("*.py")):
        yield path, ast.parse(path.read_text(encoding="utf-8"))


def _dotted(node):
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
    return ".".join(reversed(parts))


# NumPy's legacy global generator: np.random.<name>(...) draws from or reseeds it.
_GLOBAL_RNG_OK = {"RandomState", "default_rng", "Generator", "SeedSequence", "PCG64", "MT19937"}


def test_no_global_seeding_no_global_statements_no_global_generator():
    offences = []
    for path, tree in _modules():
        for node in ast.walk(tree):
            where = f"{path.relative_to(PACKAGE)}:{getattr(node, 'lineno', '?')}"
            if isinstance(node, (ast.Global, ast.Nonlocal)):
                offences.append(f"{where}: global/nonlocal statement")
            if isinstance(node, ast.Call):
                name = _dotted(node.func)
                if name.endswith("random.seed") or name in ("seed", "np.random.set_state"):
                    offences.append(f"{where}: {name}()")
                head, _, last = name.rpartition(".")
                if head in ("np.random", "numpy.random") and last not in _GLOBAL_RNG_OK:
                    offences.append(f"{where}: {name}() uses NumPy's global generator")
                if head == "random":
                    offences.append(f"{where}: {name}() uses the random module's global state")
    assert offences == []


def test_module_level_containers_are_never_mutated():
    """Module-level dicts, lists and sets are constants: nothing in the package mutates them."""
    mutators = {"append", "extend", "insert", "pop", "popitem", "clear", "update",
                "setdefault", "add", "discard", "remove", "__setitem__"}
    offences = []
    for path, tree in _modules():
        names = set()
        for node in tree.body:  # module level only
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            value = getattr(node, "value", None)
            mutable = isinstance(value, (ast.Dict, ast.List, ast.Set, ast.ListComp,
                                         ast.DictComp, ast.SetComp)) or (
                isinstance(value, ast.Call) and _dotted(value.func) in ("dict", "list", "set"))
            if mutable:
                names |= {t.id for t in targets if isinstance(t, ast.Name)}
        names.discard("__all__")
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if _dotted(node.func.value) in names and node.func.attr in mutators:
                    offences.append(f"{path.name}:{node.lineno}: {_dotted(node.func)}()")
            if isinstance(node, (ast.Assign, ast.AugAssign, ast.Delete)):
                targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
                for t in targets:
                    if isinstance(t, ast.Subscript) and _dotted(t.value) in names:
                        offences.append(f"{path.name}:{node.lineno}: item of {_dotted(t.value)}")
    assert offences == []


def test_default_settings_are_not_changed_by_a_search():
    before = (copy.deepcopy(_checks._ACQ_FUNC_KWARGS),
              copy.deepcopy(_checks._ACQ_OPTIMIZER_KWARGS))
    kwargs = {"acq_func_kwargs": {"xi": 0.5}, "acq_optimizer_kwargs": {"n_points": 50}}
    BayesSearchCV(Quadratic(), SPACE, n_iter=3, cv=2, random_state=0,
                  optimizer_kwargs={"n_initial_points": 2, **kwargs}).fit(X, Y)
    assert (_checks._ACQ_FUNC_KWARGS, _checks._ACQ_OPTIMIZER_KWARGS) == before
    assert kwargs == {"acq_func_kwargs": {"xi": 0.5}, "acq_optimizer_kwargs": {"n_points": 50}}


def _bayes(seed):
    return BayesSearchCV(Quadratic(), SPACE, n_iter=10, n_points=2, cv=3, random_state=seed,
                         optimizer_kwargs={"n_initial_points": 4})


def _random(seed):
    return RandomSearchCV(Quadratic(), SPACE, n_iter=12, cv=3, random_state=seed)


def _in_threads(make, seeds):
    """Fit one search per seed, all at once, each in its own thread."""
    searches = {seed: make(seed) for seed in seeds}
    errors = []
    barrier = threading.Barrier(len(seeds))

    def work(seed):
        try:
            barrier.wait(timeout=30)
            searches[seed].fit(X, Y)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(s,)) for s in seeds]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not any(t.is_alive() for t in threads)
    assert errors == []
    return searches


@pytest.mark.parametrize("make", [_bayes, _random], ids=["BayesSearchCV", "RandomSearchCV"])
def test_two_searches_in_two_threads_equal_the_same_searches_in_turn(make):
    seeds = (1, 2)
    one_by_one = {seed: make(seed).fit(X, Y) for seed in seeds}
    at_once = _in_threads(make, seeds)
    for seed in seeds:
        a, b = one_by_one[seed].cv_results_, at_once[seed].cv_results_
        assert a["params"] == b["params"]
        for key in ("mean_test_score", "split0_test_score", "split2_test_score", "rank_test_score"):
            np.testing.assert_array_equal(a[key], b[key])
        assert one_by_one[seed].best_params_ == at_once[seed].best_params_
    assert at_once[1].cv_results_["params"] != at_once[2].cv_results_["params"]


SCENARIO = textwrap.dedent(
    """
    import json, threading
    import numpy, scipy.linalg  # load the BLAS libraries
    from threadpoolctl import threadpool_info
    from skopt_lite.optimizer._threads import single_threaded

    def blas():
        return sorted({i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"})

    owners = [type("Owner", (), {})() for _ in range(2)]
    a_inside, b_started, a_done = threading.Event(), threading.Event(), threading.Event()
    seen = {"before": blas()}

    def a():
        with single_threaded(owners[0]):
            seen["a"] = blas()
            a_inside.set()
            b_started.wait(timeout=10)
            threading.Event().wait(0.2)  # B asks for its own limit meanwhile
        a_done.set()

    def b():
        a_inside.wait(timeout=10)
        b_started.set()
        with single_threaded(owners[1]):
            seen["b"] = blas()
            a_done.wait(timeout=10)  # B leaves after A

    threads = [threading.Thread(target=f) for f in (a, b)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    seen["after"] = blas()
    print(json.dumps(seen))
    """
)


def test_overlapping_blas_limits_restore_the_users_setting():
    """Thread B asks for one BLAS thread while thread A holds that limit: afterwards the
    process is back on the user's two threads (it used to stay on one for good).

    In a fresh process: within the test session the main thread holds the
    BLAS limit, and threadpoolctl then ignores the limits of other threads.
    """
    env = {**os.environ, "OPENBLAS_NUM_THREADS": "2", "OMP_NUM_THREADS": "2"}
    run = subprocess.run([sys.executable, "-c", SCENARIO], capture_output=True, text=True,
                         env=env, timeout=120)
    assert run.returncode == 0, run.stderr
    seen = json.loads(run.stdout.strip().splitlines()[-1])
    assert seen["before"] == [2], "the test needs BLAS to run on two threads"
    assert seen["a"] == [1] and seen["b"] == [1]
    assert seen["after"] == [2]
