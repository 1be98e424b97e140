"""Shared fixtures: a small memorized network (L = 30, K = 200, T = 20) built once."""

import os
import shutil
from pathlib import Path

import pytest

import rsnn

SMALL = dict(neurons=30, inputs=200, period=20.0, weight_bound=0.5)


@pytest.fixture(scope="session")
def small():
    """(score, memorized network, memorize report) of the small configuration, seed 1."""
    score = rsnn.sample_score(SMALL["neurons"], SMALL["period"], seed=1)
    net = rsnn.wire(SMALL["neurons"], SMALL["inputs"], seed=1)
    report = rsnn.memorize(net, score, weight_bound=SMALL["weight_bound"])
    return score, net, report


def repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


@pytest.fixture(scope="session")
def cli():
    """The path of the `rsnn` command: $RSNN_CLI, or target/release/rsnn of the repository.

    In CI (CI=true) the command must exist; elsewhere the tests that need it are skipped.
    """
    path = os.environ.get("RSNN_CLI") or str(repo_root() / "target" / "release" / "rsnn")
    if not (os.path.isfile(path) and os.access(path, os.X_OK)):
        found = shutil.which("rsnn")
        if found is None:
            if os.environ.get("CI"):
                pytest.fail(f"the rsnn command is needed in CI: not at {path}")
            pytest.skip("the rsnn command is not built (cargo build --release -p rsnn-cli)")
        path = found
    return path
