"""Every Python example in the documentation runs.

The examples are read from ``docs/**/*.rst`` with regular expressions (Sphinx is
not needed). Two kinds count as Python examples:

* ``.. code-block:: python`` directives (also ``code``/``sourcecode``, and the
  languages ``py`` and ``python3``);
* doctest blocks: paragraphs whose first line starts with ``>>>``, and
  ``.. code-block:: pycon``; their printed output is checked, as doctest
  checks it.

The blocks of one page run in order, in one namespace, so a later block can
use the names an earlier one defined. Each page runs in a fresh temporary
directory (examples may write files such as checkpoints) with BLAS limited to
one thread, which keeps the small fits fast and the timings steady.

A block that cannot run in the test suite (say, it needs Dask) is preceded by
an rst comment naming the reason, which is not rendered::

    .. not-run: needs dask.distributed, an optional dependency

    .. code-block:: python

Such blocks are still compiled, so they are at least valid Python.
"""

from __future__ import annotations

import doctest
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
SKIPPED_DIRS = {"_build", "generated", "_templates"}
PYTHON_LANGUAGES = {"python", "py", "python3", "pycon"}
# Languages of blocks that are not Python; any other language is taken for a typo.
OTHER_LANGUAGES = {"bash", "console", "shell", "sh", "text", "none", "rst", "ini", "toml", "json"}
# Examples outside the test suite must stay rare; raise this only with a reason.
MAX_NOT_RUN = 3

DIRECTIVE = re.compile(
    r"^(?P<indent>[ \t]*)\.\.[ \t]+(?:code-block|code|sourcecode)::[ \t]*(?P<lang>\S*)[ \t]*$"
)
NOT_RUN = re.compile(r"^[ \t]*\.\.[ \t]+not-run:[ \t]*(?P<reason>.*\S)?[ \t]*$")
DOCTEST_FLAGS = doctest.NORMALIZE_WHITESPACE | doctest.ELLIPSIS


@dataclass
class Block:
    page: Path
    lineno: int  # 1-based line of the first line of code in the rst file
    kind: str  # "code" or "doctest"
    language: str
    source: str
    not_run: str | None  # the reason, for blocks marked not-run

    @property
    def where(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.lineno}"


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _previous_nonblank(lines: list[str], i: int) -> str:
    for j in range(i - 1, -1, -1):
        if lines[j].strip():
            return lines[j]
    return ""


def _not_run_reason(lines: list[str], i: int) -> str | None:
    match = NOT_RUN.match(_previous_nonblank(lines, i))
    if match is None:
        return None
    return match.group("reason") or ""


def extract_blocks(page: Path, text: str | None = None) -> list[Block]:
    """The code-block directives and doctest blocks of one page, in order.

    ``text`` is the page's content; read from ``page`` when None.
    """
    if text is None:
        text = page.read_text(encoding="utf-8")
    lines = text.splitlines()
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        directive = DIRECTIVE.match(line)
        if directive:
            indent = len(directive.group("indent"))
            language = directive.group("lang").lower()
            j = i + 1
            # Options (":linenos:", ...) directly under the directive.
            while (
                j < len(lines) and lines[j].strip().startswith(":") and _indent(lines[j]) > indent
            ):
                j += 1
            body_start = None
            body = []
            while j < len(lines) and (not lines[j].strip() or _indent(lines[j]) > indent):
                if lines[j].strip() and body_start is None:
                    body_start = j
                if body_start is not None:
                    body.append(lines[j])
                j += 1
            source = textwrap.dedent("\n".join(body)).strip("\n") + "\n"
            blocks.append(
                Block(
                    page,
                    (body_start if body_start is not None else i) + 1,
                    "doctest" if language == "pycon" else "code",
                    language,
                    source,
                    _not_run_reason(lines, i),
                )
            )
            i = j
            continue
        if line.lstrip().startswith(">>>"):
            start = i
            while i < len(lines) and lines[i].strip():
                i += 1
            source = textwrap.dedent("\n".join(lines[start:i])) + "\n"
            blocks.append(
                Block(page, start + 1, "doctest", "pycon", source, _not_run_reason(lines, start))
            )
            continue
        i += 1
    return blocks


def doc_pages() -> list[Path]:
    return sorted(
        p for p in DOCS.rglob("*.rst") if not SKIPPED_DIRS & set(p.relative_to(DOCS).parts)
    )


def python_blocks(page: Path) -> list[Block]:
    return [b for b in extract_blocks(page) if b.language in PYTHON_LANGUAGES]


PAGES = doc_pages()
PAGES_WITH_EXAMPLES = [p for p in PAGES if any(b.not_run is None for b in python_blocks(p))]


def _page_id(page: Path) -> str:
    return str(page.relative_to(DOCS))


def _run_code(block: Block, namespace: dict) -> None:
    # Pad with blank lines so that tracebacks give the line in the rst file.
    code = compile("\n" * (block.lineno - 1) + block.source, str(block.page), "exec")
    exec(code, namespace)


def _run_doctest(block: Block, namespace: dict) -> None:
    parser = doctest.DocTestParser()
    test = parser.get_doctest(
        block.source, namespace, block.where, str(block.page), block.lineno - 1
    )
    runner = doctest.DocTestRunner(optionflags=DOCTEST_FLAGS)
    report = []
    runner.run(test, out=report.append, clear_globs=False)
    namespace.update(test.globs)  # DocTest ran on a copy; later blocks need its names
    if runner.failures:
        pytest.fail(f"doctest block at {block.where} failed:\n" + "".join(report), pytrace=False)


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=_page_id)
def test_examples_of_page_run(page, tmp_path, monkeypatch):
    from threadpoolctl import threadpool_limits

    monkeypatch.chdir(tmp_path)
    namespace = {"__name__": f"__docs_{page.stem}__"}
    with threadpool_limits(limits=1):
        for block in python_blocks(page):
            if block.not_run is not None:
                continue
            if block.kind == "doctest":
                _run_doctest(block, namespace)
            else:
                _run_code(block, namespace)


def test_docs_have_runnable_examples():
    assert PAGES, f"no rst pages found under {DOCS}"
    names = {p.relative_to(DOCS).as_posix() for p in PAGES_WITH_EXAMPLES}
    guide = {p.relative_to(DOCS).as_posix() for p in PAGES if p.parent.name == "user_guide"}
    assert guide, "no user guide pages found"
    assert guide <= names, f"user guide pages without a runnable example: {sorted(guide - names)}"


def test_every_code_block_names_a_known_language():
    """A block without a language (or with a typo) would silently escape the tests."""
    for page in PAGES:
        for block in extract_blocks(page):
            if block.kind == "code":
                assert block.language in PYTHON_LANGUAGES | OTHER_LANGUAGES, (
                    f"{block.where}: unknown code-block language {block.language!r}"
                )
                if block.source.lstrip().startswith(">>>"):
                    assert block.language == "pycon", (
                        f"{block.where}: a >>> example needs code-block:: pycon"
                    )


def test_not_run_blocks_are_few_give_a_reason_and_compile():
    marked = [b for p in PAGES for b in extract_blocks(p) if b.not_run is not None]
    assert len(marked) <= MAX_NOT_RUN, [b.where for b in marked]
    for block in marked:
        assert block.language in PYTHON_LANGUAGES, f"{block.where}: not-run only marks Python"
        assert block.not_run, f"{block.where}: say why after '.. not-run:'"
        if block.kind == "code":
            compile(block.source, block.where, "exec")


def test_extraction_finds_blocks_and_not_run_markers():
    """The parser itself, on a small page."""
    rst = textwrap.dedent(
        """\
        Title
        =====

        .. code-block:: python
           :caption: first

           a = 1

           b = a + 1

        Text.

        >>> b + 1
        3

        .. not-run: needs a cluster

        .. code-block:: python

           import something_missing

        .. code-block:: bash

           echo hi

        .. note::

           .. code-block:: python

              c = b * 2

        .. code-block:: pycon

           >>> c
           4
        """
    )
    blocks = extract_blocks(DOCS / "_parser_check.rst", rst)
    kinds = [(b.kind, b.language, b.not_run) for b in blocks]
    assert kinds == [
        ("code", "python", None),
        ("doctest", "pycon", None),
        ("code", "python", "needs a cluster"),
        ("code", "bash", None),
        ("code", "python", None),
        ("doctest", "pycon", None),
    ]
    assert blocks[0].source == "a = 1\n\nb = a + 1\n"
    assert blocks[0].lineno == 7
    assert blocks[4].source == "c = b * 2\n"
    assert blocks[5].source == ">>> c\n4\n"


# -- migrating.rst: the table of scikit-optimize's names ----------------------------------------
# Every public name of scikit-optimize 0.10.2's modules (read from its source).
SKOPT_NAMES = {
    "skopt": ["BayesSearchCV", "Optimizer", "Space", "gp_minimize", "forest_minimize",
              "gbrt_minimize", "dummy_minimize", "dump", "load", "expected_minimum",
              "expected_minimum_random_sampling", "show_versions"],
    "skopt.acquisition": ["gaussian_acquisition_1D", "gaussian_ei", "gaussian_lcb",
                          "gaussian_mes", "gaussian_pi", "gaussian_pvrs"],
    "skopt.benchmarks": ["bench1", "bench1_with_time", "bench2", "bench3", "bench4", "bench5",
                         "branin", "hart6"],
    "skopt.callbacks": ["CheckpointSaver", "DeadlineStopper", "DeltaXStopper", "DeltaYStopper",
                        "EarlyStopper", "HollowIterationsStopper", "StdStopper",
                        "ThresholdStopper", "TimerCallback", "VerboseCallback", "check_callback"],
    "skopt.learning": ["ExtraTreesRegressor", "GaussianProcessRegressor",
                       "GradientBoostingQuantileRegressor", "RandomForestRegressor"],
    "skopt.learning.gaussian_process.kernels": [
        "ConstantKernel", "DotProduct", "ExpSineSquared", "Exponentiation", "HammingKernel",
        "Kernel", "Matern", "Product", "RBF", "RationalQuadratic", "Sum", "WhiteKernel"],
    "skopt.optimizer": ["Optimizer", "base_minimize"],
    "skopt.plots": ["partial_dependence", "partial_dependence_1D", "partial_dependence_2D",
                    "plot_convergence", "plot_evaluations", "plot_gaussian_process",
                    "plot_histogram", "plot_objective", "plot_objective_2D", "plot_regret"],
    "skopt.sampler": ["Grid", "Halton", "Hammersly", "InitialPointGenerator", "Lhs", "Sobol"],
    "skopt.space": ["Categorical", "CategoricalEncoder", "Dimension", "Identity", "Integer",
                    "LabelEncoder", "LogN", "Normalize", "Pipeline", "Real", "Space",
                    "StringEncoder", "check_dimension"],
    "skopt.utils": ["check_dimension_names", "check_list_types", "check_x_in_space",
                    "cook_estimator", "cook_initial_point_generator", "create_result",
                    "dimensions_aslist", "dump", "eval_callbacks", "expected_minimum",
                    "expected_minimum_random_sampling", "has_gradients", "is_2Dlistlike",
                    "is_listlike", "load", "normalize_dimensions", "point_asdict",
                    "point_aslist", "use_named_args"],
}
SKOPT_METHODS = {
    "Optimizer": ["ask", "copy", "get_result", "run", "tell", "update_next"],
    "Space": ["bounds", "dimension_names", "distance", "from_df", "from_yaml",
              "get_transformer", "inverse_transform", "is_categorical", "is_partly_categorical",
              "is_real", "n_constant_dimensions", "n_dims", "rvs", "set_transformer",
              "set_transformer_by_type", "transform", "transformed_bounds",
              "transformed_n_dims"],
}


def _name_table():
    """Rows of migrating.rst's table: (names in the first column, the second column)."""
    text = (DOCS / "user_guide" / "migrating.rst").read_text()
    section = text.split("Every name of scikit-optimize\n")[1].split("\nThe gallery\n")[0]
    rows = re.split(r"^   \* - ", section, flags=re.M)[2:]  # [0] is prose, [1] the header
    table = []
    for row in rows:
        first, second = re.split(r"^     - ", row, flags=re.M)[:2]
        table.append((re.findall(r"``([^`]+)``", first), " ".join(second.split())))
    return table


def _exists(dotted: str) -> bool:
    import importlib

    parts = dotted.split(".")
    for i in range(len(parts), 0, -1):
        try:
            obj = importlib.import_module(".".join(parts[:i]))
        except ImportError:
            continue
        for part in parts[i:]:
            if not hasattr(obj, part):
                return False
            obj = getattr(obj, part)
        return True
    return False


def _is_module(path: str) -> bool:
    import importlib

    try:
        importlib.import_module(path)
    except ImportError:
        return False
    return True


def _qualified(tokens):
    """``(token, dotted path in skopt_lite)`` for each name of a row.

    A bare name belongs where the last qualified name of its row was: a
    capitalised one (a class) in that module, a lower-case one (a method, a
    function) on that class if it was a class, else in that module.
    """
    module = owner = None
    for token in tokens:
        if "=" in token or '"' in token or "[" in token:
            continue  # acq_func values and expressions such as space[name]
        if token.startswith(("skopt.", "Space.")):
            path = ("skopt_lite" + token[len("skopt"):] if token.startswith("skopt.")
                    else f"skopt_lite.space.{token}")
            if _is_module(path):
                module, owner = path, path
            else:
                parent, _, last = path.rpartition(".")
                module = parent if _is_module(parent) else parent.rpartition(".")[0]
                owner = path if last[0].isupper() else parent
            yield token, path
        else:
            assert module is not None, f"{token!r} comes before any qualified name in its row"
            yield token, f"{module if token[0].isupper() else owner}.{token}"


def test_the_migration_table_covers_every_name_of_scikit_optimize():
    listed = {t.split(".")[-1] for tokens, _ in _name_table() for t in tokens}
    missing = [n for names in SKOPT_NAMES.values() for n in names if n not in listed]
    missing += [m for ms in SKOPT_METHODS.values() for m in ms if m not in listed]
    assert missing == []


def test_the_migration_table_says_what_exists():
    import skopt_lite
    from skopt_lite.optimizer.acquisition import ACQ_FUNCS

    for tokens, status in _name_table():
        provided = not status.startswith("not provided")
        assert status.startswith(("same", "not provided", "accepted")), status
        for token in tokens:
            if token.startswith(("acq_func=", '"')):
                value = token.split("=")[-1].strip('"')
                assert (value in ACQ_FUNCS) == provided, token
        for token, path in _qualified(tokens):
            top = hasattr(skopt_lite, path.rsplit(".", 1)[-1])
            found = _exists(path) or (provided and top)
            assert found == provided, (token, path, status)
