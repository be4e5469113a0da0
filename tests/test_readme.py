"""The README's promises: two commands first, CI running the second, examples that run."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w+)\n(.*?)```", README, flags=re.DOTALL)


def test_readme_opens_with_demo_and_test_commands():
    bash = [code.strip() for lang, code in BLOCKS[:2] if lang == "bash"]
    assert len(bash) == 2
    demo, tests = bash
    assert "\n" not in demo and "\n" not in tests
    assert demo.endswith("python -m skopt_lite.demo")
    assert '".[test]"' in tests and tests.endswith("python -m pytest")
    # Nothing but a heading comes before the two commands.
    before = README[: README.index("```")]
    assert before.strip().startswith("#") and before.strip().count("\n") == 0


def test_ci_runs_the_readme_test_command_verbatim():
    tests = BLOCKS[1][1].strip()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in ci.splitlines() if not line.startswith("#")]
    assert tests in commands


@pytest.mark.parametrize(
    "code",
    [code for lang, code in BLOCKS if lang == "python"],
    ids=lambda code: code.splitlines()[-3][:40],
)
def test_readme_python_examples_run(code, capsys):
    exec(compile(code, "README.md", "exec"), {"__name__": "__readme__"})
    printed = capsys.readouterr().out
    assert "{" in printed  # every example prints its best_params_
