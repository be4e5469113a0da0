"""Keep the cached runs across a change to skopt_lite that changes no code.

A cached run's key holds a hash of the library's source (``_common.source_hash``
for ``quality.py``, ``overhead.py`` and the others, ``halving._src_hash`` for
``halving.py``), so any edit under ``skopt_lite/`` makes every cached run of
skopt_lite stale, due to be rerun: hours of compute. An edit that changes no
code -- the annotations of a function's arguments and return, docstrings,
comments -- need not cost them. This script compares ``skopt_lite/`` at two git
revisions file by file, each parsed and dumped with those left out. If the
files are the same and every one holds the same code, it rewrites the old
revision's hashes into the new revision's in every cache of ``results/`` but
``revisions.jsonl`` (whose runs are keyed by snapshots of other revisions, not
of main). Otherwise it changes nothing and names the files that differ.

Usage (from the repository root; ``--dry-run`` only counts)::

    python benchmarks/rekey.py b895fa1^ HEAD

Annotations of variables (``x: int = 1``) are kept in the comparison, so a
changed dataclass field counts as changed code. Run it right after such a
commit, before new runs are cached at the new hash.
"""

from __future__ import annotations

import argparse
import io
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import _common  # noqa: E402
import halving  # noqa: E402

SKIPPED_CACHES = ("revisions.jsonl",)


def _code(source: str) -> str:
    return _common.code_dump(source, annotations=False)


def export(rev: str, dest: Path) -> Path:
    """Write ``skopt_lite/`` at git revision ``rev`` under ``dest``; return ``dest``."""
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", "--format=tar", rev, "skopt_lite"],
        check=True,
        capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")
    return dest


def code_differences(old: Path, new: Path) -> list[str]:
    """Files of ``old/skopt_lite`` and ``new/skopt_lite`` that differ as code.

    A file present in only one of them counts as differing.
    """
    files = {}
    for side in (old, new):
        pkg = side / "skopt_lite"
        files[side] = {p.relative_to(pkg).as_posix() for p in pkg.rglob("*.py")}
    differ = sorted(files[old] ^ files[new])
    for rel in sorted(files[old] & files[new]):
        a = (old / "skopt_lite" / rel).read_text(encoding="utf-8")
        b = (new / "skopt_lite" / rel).read_text(encoding="utf-8")
        if a != b and _code(a) != _code(b):
            differ.append(rel)
    return differ


def hash_pairs(old: Path, new: Path) -> dict[str, str]:
    """``{old hash: new hash}`` for every way the caches hash the library."""
    pairs = {}
    skip = _common.NOT_RUN_BY_BAYES
    for fn in (
        lambda root: _common.source_hash(root / "skopt_lite"),
        lambda root: _common.source_hash(root / "skopt_lite", skip),
        lambda root: halving._src_hash(root=root),
        lambda root: halving._src_hash(skip=skip, root=root),
    ):
        a, b = fn(old), fn(new)
        if a != b:
            pairs[a] = b
    return pairs


def rekey(pairs: dict[str, str], results: Path, dry_run: bool = False) -> dict[str, int]:
    """Replace each old hash by its new one in the caches; ``{file: replacements}``."""
    if not pairs:
        return {}
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, pairs)) + r")\b")
    counts = {}
    for path in sorted(results.glob("*.jsonl")):
        if path.name in SKIPPED_CACHES:
            continue
        text = path.read_text(encoding="utf-8")
        new_text, n = pattern.subn(lambda m: pairs[m.group(1)], text)
        if n:
            counts[path.name] = n
            if not dry_run:
                path.write_text(new_text, encoding="utf-8")
    return counts


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("old", help="the git revision the cached runs were made at")
    p.add_argument("new", nargs="?", default="HEAD", help="the revision to re-key them to")
    p.add_argument("--results", default=str(HERE / "results"), help="the caches' folder")
    p.add_argument("--dry-run", action="store_true", help="count, change nothing")
    args = p.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        old = export(args.old, Path(tmp) / "old")
        new = export(args.new, Path(tmp) / "new")
        differ = code_differences(old, new)
        if differ:
            print(f"skopt_lite's code differs between {args.old} and {args.new} in:")
            print("\n".join(f"  {f}" for f in differ))
            print("Nothing re-keyed: rerun the benchmarks instead.")
            return 1
        pairs = hash_pairs(old, new)
    for a, b in pairs.items():
        print(f"{a} -> {b}")
    counts = rekey(pairs, Path(args.results), args.dry_run)
    done = "to replace" if args.dry_run else "replaced"
    for name, n in counts.items():
        print(f"{name}: {n} hash{'es' if n > 1 else ''} {done}")
    if not counts:
        print("no cached run holds the old hashes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
