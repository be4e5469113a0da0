"""scikit-learn's own search tests, run on skopt_lite's drop-in searches.

The installed scikit-learn's ``sklearn/model_selection/tests/test_search.py``
is read, and for each binding (``GridSearchCV`` to skopt_lite's
``GridSearchCV``, ``GridSearchCV`` to ``ExhaustiveSearchCV``,
``RandomizedSearchCV`` to ``RandomSearchCV``) a copy is written to a temporary
directory with one line added after the import of the name, rebinding it to
skopt_lite's class. The tests that use the name -- directly, through a
module-level helper, or in their parametrization -- are then run on the
copies, all in one fresh pytest process. That process loads scikit-learn's
``conftest.py`` as a plugin (its fixtures, markers and configuration, such as
``SKLEARN_WARNINGS_AS_ERRORS``); the ``filterwarnings`` marks of the test file
apply as they are. Nothing of scikit-learn's is vendored, so the tests follow
the installed scikit-learn version, and are skipped when scikit-learn was
installed without its tests.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest

import skopt_lite

SKLEARN_TESTS = "sklearn.model_selection.tests.test_search"

# (name in scikit-learn's test file, skopt_lite's class bound to it)
BINDINGS = [
    ("GridSearchCV", "GridSearchCV"),
    ("GridSearchCV", "ExhaustiveSearchCV"),
    ("RandomizedSearchCV", "RandomSearchCV"),
]


def sklearn_test_file() -> Path:
    """Path of the installed scikit-learn's ``test_search.py``; skips without it."""
    try:
        spec = importlib.util.find_spec(SKLEARN_TESTS)
    except ImportError:  # sklearn.model_selection.tests itself is missing
        spec = None
    if spec is None or spec.origin is None:
        pytest.skip(f"scikit-learn is installed without its tests ({SKLEARN_TESTS}).")
    return Path(spec.origin)


def _defined_names(node: ast.stmt) -> list[str]:
    """Names a module-level statement defines: functions, classes, assigned names."""
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
        return [node.name]
    if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return [n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)]
    return []


def select_tests(tree: ast.Module, name: str) -> list[str]:
    """Test functions and classes of a module that use its global ``name``.

    A module-level definition uses ``name`` when its statement (decorators
    and parametrization included) mentions ``name`` or another module-level
    definition that uses it.

    Parameters
    ----------
    tree : ast.Module
        The parsed test module.
    name : str
        A module-level name of it.

    Returns
    -------
    tests : list of str
        Names of the ``test*`` functions and ``Test*`` classes that use
        ``name``, in file order.
    """
    loads: dict[str, set[str]] = {}
    for node in tree.body:
        loaded = {n.id for n in ast.walk(node) if isinstance(n, ast.Name)}
        for defined in _defined_names(node):
            loads.setdefault(defined, set()).update(loaded - {defined})
    users = {name}
    while True:
        new = {d for d, loaded in loads.items() if loaded & users} - users
        if not new:
            break
        users |= new
    tests = []
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            prefix = "test"
        elif isinstance(node, ast.ClassDef):
            prefix = "Test"
        else:
            continue
        if node.name.startswith(prefix) and node.name in users:
            tests.append(node.name)
    return tests


def rebound_source(source: str, tree: ast.Module, name: str, ours: str) -> str:
    """``source`` with ``name = skopt_lite.<ours>`` right after the import of ``name``.

    The rebinding comes before any use of ``name`` at import time (such as
    a parametrization list), so every test sees skopt_lite's class.
    """
    imports = [
        node
        for node in tree.body
        if isinstance(node, (ast.Import, ast.ImportFrom))
        and any((alias.asname or alias.name) == name for alias in node.names)
    ]
    if len(imports) != 1:
        raise AssertionError(
            f"expected one module-level import of {name} in scikit-learn's test file,"
            f" found {len(imports)}"
        )
    lines = source.splitlines(keepends=True)
    end = imports[0].end_lineno
    rebind = f"from skopt_lite import {ours} as {name}  # rebound by skopt_lite\n"
    return "".join(lines[:end] + [rebind] + lines[end:])


def _outcomes(report: Path) -> dict[str, dict[str, str]]:
    """Test outcomes from pytest's JUnit XML report.

    Returns
    -------
    outcomes : dict
        ``{module name: {test id: outcome}}``; an outcome is ``"passed"``,
        ``"skipped"``, or ``"failure: ..."`` / ``"error: ..."`` with the start
        of the message. A failure is never overwritten by a later pass.
    """
    outcomes: dict[str, dict[str, str]] = {}
    for case in ElementTree.parse(report).iter("testcase"):
        outcome = "passed"
        for tag in ("failure", "error", "skipped"):
            found = case.find(tag)
            if found is not None:
                message = " | ".join((found.get("message") or "").strip().splitlines()[:3])
                outcome = "skipped" if tag == "skipped" else f"{tag}: {message[:300]}"
                break
        module = case.get("classname", "").rpartition(".")[2]
        tests = outcomes.setdefault(module, {})
        name = case.get("name", "")
        if not tests.get(name, "").startswith(("failure", "error")):
            tests[name] = outcome
    return outcomes


def _module(ours: str) -> str:
    """Module name of the test file's copy where ``ours`` is bound."""
    return f"test_sklearn_search_{ours}"


# Loaded by the pytest process that runs scikit-learn's tests (it is in its
# rootdir). scikit-learn's conftest lets BLAS and OpenMP use every core; the
# tests fit many tiny models, which run about twice as fast single-threaded
# (as in skopt_lite's own conftest).
_CONFTEST = """\
import pytest
from threadpoolctl import threadpool_limits


@pytest.hookimpl(trylast=True)
def pytest_configure(config):
    threadpool_limits(limits=1)
"""


class SuiteRun:
    """scikit-learn's test file, the tests selected per binding, and their outcomes."""

    def __init__(self, path, selected, outcomes, output):
        self.path = path
        self.selected = selected  # {ours: [test function names]}
        self.outcomes = outcomes  # {ours: {test id: outcome}}
        self.output = output

    def __repr__(self):  # pytest shows the fixture's value with a failure
        return f"SuiteRun({str(self.path)!r})"


@pytest.fixture(scope="module")
def sklearn_suite(tmp_path_factory) -> SuiteRun:
    """Run scikit-learn's tests for every binding, in one pytest process.

    One process rather than one per binding imports scikit-learn's test
    module and its dependencies once; each binding runs on its own copy of
    the file (its own module, globals and classes). The process reads no
    configuration of skopt_lite's (its own ``pytest.ini``), loads
    scikit-learn's ``conftest`` as a plugin, and runs without coverage or
    random test order.
    """
    path = sklearn_test_file()
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    tmp = tmp_path_factory.mktemp("sklearn_suite")
    (tmp / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")
    (tmp / "conftest.py").write_text(_CONFTEST, encoding="utf-8")
    selected, node_ids = {}, []
    for name, ours in BINDINGS:
        selected[ours] = select_tests(tree, name)
        copy = tmp / f"{_module(ours)}.py"
        copy.write_text(rebound_source(source, tree, name, ours), encoding="utf-8")
        node_ids += [f"{copy.name}::{test}" for test in selected[ours]]

    env = {k: v for k, v in os.environ.items() if not k.startswith(("COV_CORE_", "COVERAGE_"))}
    # The process must import the skopt_lite that this process tests.
    root = str(Path(skopt_lite.__file__).resolve().parent.parent)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [root, env.get("PYTHONPATH")]))
    report = tmp / "report.xml"
    cmd = [
        sys.executable, "-m", "pytest", "-q", "--tb=short",
        "-p", "no:cacheprovider", "-p", "no:randomly", "-p", "no:cov",
        "-p", "sklearn.conftest",
        "-c", str(tmp / "pytest.ini"), "--rootdir", str(tmp),
        f"--junitxml={report}", "-o", "junit_family=xunit1",
        *node_ids,
    ]  # fmt: skip
    proc = subprocess.run(cmd, cwd=tmp, env=env, capture_output=True, text=True)
    output = proc.stdout + proc.stderr
    # 0: all passed, 1: some failed. Anything else (a collection error, a test
    # id not found, a usage error) leaves no per-test outcomes to report.
    assert proc.returncode in (0, 1) and report.exists(), output[-4000:]
    outcomes = _outcomes(report)
    return SuiteRun(
        path, selected, {ours: outcomes.get(_module(ours), {}) for ours in selected}, output
    )


@pytest.mark.parametrize(("name", "ours"), BINDINGS, ids=[f"{n}={o}" for n, o in BINDINGS])
def test_sklearn_search_suite(sklearn_suite, name, ours):
    """scikit-learn's tests that use ``name`` pass with skopt_lite's ``ours`` bound to it."""
    run = sklearn_suite
    selected, results = run.selected[ours], run.outcomes[ours]
    assert len(selected) > 10, f"only {selected} use {name} in {run.path}"
    failed = {
        test: outcome
        for test, outcome in results.items()
        if outcome.startswith(("failure", "error"))
    }
    assert not failed, (
        f"{len(failed)} of {len(results)} tests of {run.path} fail with {name} ="
        f" skopt_lite.{ours}:\n" + "\n".join(f"  {t}: {o}" for t, o in failed.items())
    )
    # every selected test ran (parametrized ones as test[id]), and most passed
    assert {test.partition("[")[0] for test in results} == set(selected), run.output[-4000:]
    n_passed = sum(outcome == "passed" for outcome in results.values())
    assert n_passed > len(results) / 2, f"{n_passed} of {len(results)} passed"


SELECTION_EXAMPLE = """
import pytest
from sklearn.model_selection import GridSearchCV, RandomizedSearchCV

X = [[0.0]]
SEARCHES = [GridSearchCV]


def make_search():
    return GridSearchCV(None, {})


def check_search(search):
    return search


def test_direct():
    GridSearchCV(None, {})


def test_through_helper():
    check_search(make_search())


@pytest.mark.parametrize("cls", SEARCHES)
def test_parametrized(cls):
    pass


def test_other():
    RandomizedSearchCV(None, {}, n_iter=X)


class TestSearch:
    def test_method(self):
        make_search()


def helper_test_not_collected():
    GridSearchCV(None, {})
"""


def test_selection_follows_helpers_and_parametrization():
    tree = ast.parse(SELECTION_EXAMPLE)
    assert select_tests(tree, "GridSearchCV") == [
        "test_direct",
        "test_through_helper",
        "test_parametrized",
        "TestSearch",
    ]
    assert select_tests(tree, "RandomizedSearchCV") == ["test_other"]


def test_rebinding_follows_the_import():
    tree = ast.parse(SELECTION_EXAMPLE)
    namespace: dict = {}
    exec(rebound_source(SELECTION_EXAMPLE, tree, "GridSearchCV", "ExhaustiveSearchCV"), namespace)
    assert namespace["GridSearchCV"] is skopt_lite.ExhaustiveSearchCV
    assert namespace["SEARCHES"] == [skopt_lite.ExhaustiveSearchCV]  # rebound before use
    assert namespace["RandomizedSearchCV"].__module__.startswith("sklearn.")
