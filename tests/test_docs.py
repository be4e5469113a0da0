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
