"""Checkpoints: plain JSON, atomic writes, and resuming a killed search."""

import json
import os
import signal
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from conftest import Quadratic
from sklearn.datasets import make_classification

from skopt_lite import BayesSearchCV, Categorical, Real, _checkpoint
from skopt_lite.callbacks import CheckpointSaver

X, Y = make_classification(n_samples=40, n_features=4, random_state=0)

# A script run in a subprocess: counts fits in a file, checkpoints every batch,
# and kills itself with SIGKILL after KILL_AFTER batches when asked to.
SCRIPT = textwrap.dedent(
    """
    import os, signal, sys
    import numpy as np
    from sklearn.base import BaseEstimator, ClassifierMixin
    from sklearn.datasets import make_classification
    from skopt_lite import BayesSearchCV, Categorical, Integer, Real
    from skopt_lite.callbacks import CheckpointSaver

    path, log, kill_after = sys.argv[1], sys.argv[2], int(sys.argv[3])

    class Counted(ClassifierMixin, BaseEstimator):
        def __init__(self, x=0.0, k=0, c="a"):
            self.x, self.k, self.c = x, k, c
        def fit(self, X, y):
            with open(log, "a") as f:
                f.write(f"{self.x!r} {self.k!r} {self.c!r}\\n")
            self.classes_ = np.unique(y)
            return self
        def predict(self, X):
            return np.full(len(X), self.classes_[0])
        def score(self, X, y):
            return -(self.x - 0.2) ** 2 - abs(self.k - 3) / 10 + (self.c == (1, 2)) / 5

    batches = []
    def killer(result):
        batches.append(1)
        if kill_after and len(batches) == kill_after:
            os.kill(os.getpid(), signal.SIGKILL)

    X, y = make_classification(n_samples=40, n_features=4, random_state=0)
    space = {"x": Real(-1, 1), "k": Integer(0, 6), "c": Categorical(["a", (1, 2), None])}
    search = BayesSearchCV(Counted(), space, n_iter=10, n_points=2, cv=2, random_state=0,
                           optimizer_kwargs={"n_initial_points": 4})
    search.fit(X, y, callback=[CheckpointSaver(path), killer], resume_from=path)
    print(len(search.cv_results_["params"]), search.best_score_)
    """
)


def _run(tmp_path, kill_after):
    script = tmp_path / "search.py"
    script.write_text(SCRIPT)
    path, log = tmp_path / "ckpt.json", tmp_path / "fits.log"
    return subprocess.run(
        [sys.executable, str(script), str(path), str(log), str(kill_after)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_killed_search_resumes_without_rerunning_or_losing_work(tmp_path):
    first = _run(tmp_path, kill_after=3)
    assert first.returncode == -signal.SIGKILL, first.stderr
    state = json.loads((tmp_path / "ckpt.json").read_text())
    saved = state["evaluations"]
    assert len(saved) == 6  # 3 batches of 2, checkpointed before the kill
    fits_before = (tmp_path / "fits.log").read_text().splitlines()
    assert len(fits_before) == 6 * 2  # 2 folds each

    second = _run(tmp_path, kill_after=0)
    assert second.returncode == 0, second.stderr
    n_results = int(second.stdout.split()[0])
    assert n_results == 10
    fits = (tmp_path / "fits.log").read_text().splitlines()
    fits, refit = fits[:-1], fits[-1]  # the last fit is the refit of the best candidate
    assert len(fits) == 10 * 2  # the resumed run fitted only the 4 missing candidates
    assert refit in fits
    resumed_lines = fits[len(fits_before) :]
    assert not set(resumed_lines) & set(fits_before)
    final = json.loads((tmp_path / "ckpt.json").read_text())
    assert final["evaluations"][:6] == saved


def test_checkpoint_is_plain_json_with_category_indices(tmp_path):
    path = tmp_path / "c.json"
    space = {"x": Real(0, 1), "c": Categorical([(1, 2), None, "a"])}
    search = BayesSearchCV(
        Quadratic(), space, n_iter=4, cv=2, random_state=0, optimizer_kwargs={"n_initial_points": 2}
    )
    search.fit(X, Y, callback=CheckpointSaver(path))
    state = json.loads(path.read_text())
    assert state["version"] == _checkpoint.VERSION
    assert len(state["evaluations"]) == 4
    for e in state["evaluations"]:
        assert isinstance(e["point"][0], int) and 0 <= e["point"][0] < 3  # "c" comes first
        assert isinstance(e["point"][1], float)
    # Resuming the finished checkpoint redoes only its last batch.
    again = BayesSearchCV(
        Quadratic(), space, n_iter=4, cv=2, random_state=0, optimizer_kwargs={"n_initial_points": 2}
    ).fit(X, Y, resume_from=path)
    assert len(again.cv_results_["params"]) == 4
    assert again.cv_results_["params"][:3] == search.cv_results_["params"][:3]


def _saved(tmp_path):
    path = tmp_path / "c.json"
    BayesSearchCV(
        Quadratic(), {"x": Real(0, 1)}, n_iter=3, cv=2, random_state=0,
        optimizer_kwargs={"n_initial_points": 2},
    ).fit(X, Y, callback=CheckpointSaver(path))
    return path


def test_checkpoint_of_another_space_is_refused(tmp_path):
    path = _saved(tmp_path)
    other = BayesSearchCV(Quadratic(), {"x": Real(0, 2)}, n_iter=3, cv=2)
    with pytest.raises(ValueError, match="another search space"):
        other.fit(X, Y, resume_from=path)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "newer", "not_ours", "bad_point"])
def test_damaged_or_foreign_checkpoints_are_refused(tmp_path, damage):
    path = _saved(tmp_path)
    text = path.read_text()
    if damage == "truncate":
        path.write_text(text[: len(text) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00\xff not json")
    else:
        state = json.loads(text)
        if damage == "newer":
            state["version"] = _checkpoint.VERSION + 1
        elif damage == "not_ours":
            state["format"] = "something else"
        else:
            state["evaluations"][0]["point"] = [5.0]
        path.write_text(json.dumps(state))
    search = BayesSearchCV(Quadratic(), {"x": Real(0, 1)}, n_iter=3, cv=2)
    with pytest.raises(ValueError, match="resume_from"):
        search.fit(X, Y, resume_from=path)


def test_checkpoint_with_other_cv_is_refused(tmp_path):
    path = _saved(tmp_path)
    search = BayesSearchCV(Quadratic(), {"x": Real(0, 1)}, n_iter=5, cv=3)
    with pytest.raises(ValueError, match="splits"):
        search.fit(X, Y, resume_from=path)


WRITER = textwrap.dedent(
    """
    import sys
    from skopt_lite import _checkpoint
    path = sys.argv[1]
    big = {"evaluations": [{"out": "x" * 1000, "i": i} for i in range(5000)]}
    i = 0
    while True:
        big["round"] = i
        _checkpoint.write(path, big)
        i += 1
    """
)


def test_killing_the_writer_leaves_a_whole_checkpoint(tmp_path):
    path = tmp_path / "c.json"
    _checkpoint.write(path, {"round": -1})
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    for delay in (0.3, 0.55, 0.8):
        proc = subprocess.Popen([sys.executable, str(script), str(path)])
        try:
            proc.wait(timeout=delay)
        except subprocess.TimeoutExpired:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
        state = json.loads(path.read_text())  # never a half-written file
        assert state["format"] == _checkpoint.FORMAT
        assert "round" in state
    leftovers = [p for p in os.listdir(tmp_path) if p.endswith(".tmp")]
    assert len(leftovers) <= 3  # at most one temp file per killed writer, never the target


def test_rng_state_round_trips_through_json():
    rng = np.random.RandomState(3)
    rng.normal()  # leaves a cached gaussian
    restored = _checkpoint.decode_rng(json.loads(json.dumps(_checkpoint.encode_rng(rng))))
    assert restored.normal() == rng.normal()
    assert restored.randint(1 << 30) == rng.randint(1 << 30)


def test_write_failures_name_the_checkpoint_not_the_temporary_file(tmp_path, monkeypatch):
    missing = tmp_path / "missing" / "c.json"
    with pytest.raises(FileNotFoundError) as excinfo:
        _checkpoint.write(missing, {"round": 0})  # mkstemp fails
    assert str(missing) in str(excinfo.value) and ".tmp" not in str(excinfo.value)

    folder = tmp_path / "folder"
    folder.mkdir()
    with pytest.raises(IsADirectoryError) as excinfo:
        _checkpoint.write(folder, {"round": 0})  # os.replace fails
    assert str(folder) in str(excinfo.value) and ".tmp" not in str(excinfo.value)
    assert sorted(os.listdir(tmp_path)) == ["folder"]  # the temporary file was removed

    def failing_replace(src, dst):
        raise OSError("the disk went away")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(OSError, match="the disk went away") as excinfo:
        _checkpoint.write(tmp_path / "c.json", {"round": 0})
    assert str(tmp_path / "c.json") in str(excinfo.value)
    assert sorted(os.listdir(tmp_path)) == ["folder"]
