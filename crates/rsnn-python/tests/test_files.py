"""Round trips of every rsnn file kind, in JSON and in bincode."""

import numpy as np
import pytest

import rsnn


@pytest.fixture(scope="module")
def every_kind(small, tmp_path_factory):
    """One object of every file kind, with a comparison function for each."""
    score, net, report = small
    recording, measurement = rsnn.free_run(net, score, cycles=2, noise=0.1, seed=3)
    stab = rsnn.stability(net, score)
    rec = rsnn.recall(net, score, prompt_cycles=1, free_cycles=1, seed=2)
    part = rsnn.memorize_part(net, score, [0, 5, 7], weight_bound=0.5)
    summary = rsnn.Pipeline(neurons=30, inputs=200, period=20.0, weight_bound=0.5, cycles=1).run()[
        "summary"
    ]
    same = lambda a, b: a == b  # noqa: E731
    return {
        "score": (score, same),
        "periodic-train": (rsnn.PeriodicTrain(10.0, [0.5, 3.0, 9.25]), same),
        "spike-train": (np.array([-2.0, 0.5, 4.0]), np.array_equal),
        "spike-trains": (
            [np.array([0.0, 1.5]), np.array([]), np.array([3.25])],
            lambda a, b: len(a) == len(b) and all(np.array_equal(x, y) for x, y in zip(a, b)),
        ),
        "network": (net, same),
        "recording": (recording, same),
        "memorize-report": (report, same),
        "memorize-part": (part, same),
        "measurement": (measurement, same),
        "stability": (stab, same),
        "recall": (rec, same),
        "pipeline-summary": (summary, same),
    }


@pytest.mark.parametrize("extension", ["json", "bin"])
def test_every_kind_round_trips(every_kind, tmp_path, extension):
    for kind, (data, same) in every_kind.items():
        path = tmp_path / f"{kind}.{extension}"
        rsnn.save(path, data, seed=42)
        assert rsnn.header(path) == {"kind": kind, "version": rsnn.header(path)["version"], "seed": 42}
        back = rsnn.load(str(path))
        assert same(back, data), kind


def test_a_loaded_recall_has_no_recording(every_kind, tmp_path):
    rec = every_kind["recall"][0]
    assert rec.recording is not None
    rsnn.save(tmp_path / "r.json", rec)
    back = rsnn.load(tmp_path / "r.json")
    assert back.recording is None
    np.testing.assert_array_equal(back.prompted, rec.prompted)
    np.testing.assert_array_equal(back.precision("free"), rec.precision("free"))


def test_save_never_leaves_a_half_written_file(small, tmp_path):
    score, _, _ = small
    path = tmp_path / "score.json"
    rsnn.save(path, score)
    with pytest.raises(TypeError):
        rsnn.save(tmp_path / "x.json", {"not": "rsnn data"})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["score.json"]
