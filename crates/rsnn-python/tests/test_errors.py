"""Bad inputs raise ValueError or OSError with the messages of the rsnn command."""

import subprocess

import numpy as np
import pytest

import rsnn


def test_bad_parameters_raise_value_error(small):
    score, net, _ = small
    with pytest.raises(ValueError, match=r"invalid parameter `noise` = -1: must be finite and >= 0"):
        rsnn.simulate(net, cycles=1, score=score, noise=-1.0)
    with pytest.raises(ValueError, match=r"`weight_bound` = -0.1"):
        rsnn.memorize(net.copy(), score, weight_bound=-0.1)
    with pytest.raises(ValueError, match="unknown objective `l3`"):
        rsnn.memorize(net.copy(), score, objective="l3")
    with pytest.raises(ValueError, match="unknown backend"):
        rsnn.memorize(net.copy(), score, backend="cplex")
    with pytest.raises(ValueError, match="`network.neurons`"):
        rsnn.Pipeline(neurons=0)
    with pytest.raises(ValueError, match="period"):
        rsnn.sample_score(10, period=-5.0)
    with pytest.raises(ValueError, match="the score has 3 channels, but the network has 30 neurons"):
        rsnn.stability(net, rsnn.Score(20.0, [[1.0], [], []]))
    with pytest.raises(ValueError, match="`fraction` = 1.5"):
        rsnn.recall(net, score, fraction=1.5)
    with pytest.raises(ValueError, match="give the simulated span"):
        rsnn.simulate(net)


def test_bad_data_raises_value_error():
    with pytest.raises(ValueError, match="refractory"):
        rsnn.Score(10.0, [[1.0, 1.5]])
    with pytest.raises(ValueError, match="not sorted"):
        rsnn.Score(10.0, [[4.0, 0.5]])
    with pytest.raises(ValueError):
        rsnn.Network([[5]], [[1.0]])
    with pytest.raises(ValueError):
        rsnn.Network([[0]], [[-1.0]])
    with pytest.raises(ValueError, match="row 0 of `delays` has 2 values"):
        rsnn.Network([[0]], [[1.0, 2.0]])
    with pytest.raises(ValueError, match="`sources` = -1"):
        rsnn.Network([[-1]], [[1.0]])
    with pytest.raises(ValueError):
        rsnn.Recording(0.0, 10.0, [[11.0]])
    with pytest.raises(ValueError):
        rsnn.Network([[0]], [[1.0]], [[np.nan]])


def test_files_raise_os_error_or_value_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="missing.json"):
        rsnn.load(tmp_path / "missing.json")
    with pytest.raises(OSError):
        rsnn.save(tmp_path / "no" / "such" / "dir.json", rsnn.Score(5.0, [[1.0]]))
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(ValueError, match="bad.json"):
        rsnn.load(bad)
    poem = tmp_path / "poem.json"
    poem.write_text('{"format":"rsnn","kind":"poem","version":1,"data":{}}')
    with pytest.raises(ValueError, match="unknown file kind `poem`"):
        rsnn.load(poem)
    with pytest.raises(ValueError, match="extension"):
        rsnn.save(tmp_path / "score.txt", rsnn.Score(5.0, [[1.0]]))


def cli_error(cli, *args):
    run = subprocess.run([cli, *args], capture_output=True, text=True)
    assert run.returncode != 0
    line = run.stderr.strip().splitlines()[-1]
    assert line.startswith("rsnn: error: ")
    return line[len("rsnn: error: ") :]


def test_messages_are_those_of_the_command(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format":"rsnn","kind":"score","version":1,"data":{"period":10,"channels":[[1.0,1.5]]}}')
    with pytest.raises(ValueError) as error:
        rsnn.load(bad)
    assert str(error.value) == cli_error(cli, "info", str(bad))
    missing = tmp_path / "missing.json"
    with pytest.raises(FileNotFoundError) as error:
        rsnn.load(missing)
    assert str(error.value) == cli_error(cli, "info", str(missing))
    with pytest.raises(IsADirectoryError) as error:
        rsnn.load(tmp_path)
    assert str(error.value) == cli_error(cli, "info", str(tmp_path))
