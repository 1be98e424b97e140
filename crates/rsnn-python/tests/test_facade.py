"""The same results as the Rust facade and the rsnn command for the same seed, and the
pipeline at a small size reaching precision >= 0.95."""

import json
import subprocess

import numpy as np

import rsnn


def run(cli, *args):
    subprocess.run([cli, "--quiet", *args], check=True)


def test_the_steps_match_the_command(cli, tmp_path):
    d = tmp_path
    run(cli, "sample", "--seed", "3", "--neurons", "30", "--period", "20", "-o", str(d / "s.json"))
    run(cli, "network", "--seed", "3", "--neurons", "30", "--inputs", "200", "-o", str(d / "n.json"))
    run(cli, "memorize", str(d / "n.json"), str(d / "s.json"), "--weight-bound", "0.5",
        "-o", str(d / "m.json"), "--report", str(d / "report.json"))
    run(cli, "simulate", str(d / "m.json"), "--score", str(d / "s.json"), "--cycles", "3",
        "--seed", "7", "-o", str(d / "run.json"))
    run(cli, "stability", str(d / "m.json"), str(d / "s.json"), "-o", str(d / "st.json"))
    run(cli, "recall", str(d / "m.json"), str(d / "s.json"), "--seed", "2", "-o", str(d / "r.json"))

    score = rsnn.sample_score(30, 20.0, seed=3)
    net = rsnn.wire(30, 200, seed=3)
    assert score == rsnn.load(d / "s.json")
    assert net == rsnn.load(d / "n.json")
    report = rsnn.memorize(net, score, weight_bound=0.5)
    assert net == rsnn.load(d / "m.json")  # bit-identical weights
    assert report.statuses == rsnn.load(d / "report.json").statuses
    assert rsnn.simulate(net, cycles=3, score=score, seed=7) == rsnn.load(d / "run.json")
    cli_stability = rsnn.load(d / "st.json")
    stability = rsnn.stability(net, score)
    assert stability.spectral_radius == cli_stability.spectral_radius
    np.testing.assert_array_equal(stability.eigenvalues, cli_stability.eigenvalues)
    assert rsnn.recall(net, score, seed=2) == rsnn.load(d / "r.json")


def test_the_pipeline_matches_the_demo(cli, tmp_path):
    args = dict(seed=5, neurons=30, inputs=200, period=20.0, weight_bound=0.5, cycles=3)
    flags = [f"--{k.replace('_', '-')}={v}" for k, v in args.items()]
    run(cli, "demo", *flags, "--out", str(tmp_path / "demo"))
    demo = json.loads((tmp_path / "demo" / "summary.json").read_text())["data"]
    ours = rsnn.Pipeline(**args).run()["summary"].to_dict()
    for key in ["config", "score", "stability", "free_run", "recall"]:
        assert ours[key] == demo[key], key
    assert ours["memorize"]["counts"] == demo["memorize"]["counts"]


def test_the_pipeline_at_a_small_size_reaches_precision_095():
    pipeline = rsnn.Pipeline(neurons=40, inputs=250, period=25.0, weight_bound=0.4, cycles=3, noise=0.05)
    out = pipeline.run()
    assert out["memorize"].all_memorized
    assert out["stability"].stable
    recording, measurement = out["free_run"]
    assert (measurement.precision >= 0.95).all(), measurement.cycles
    assert (measurement.recall >= 0.95).all(), measurement.cycles
    assert (out["recall"].precision("all")[-1]) >= 0.95
    assert out["summary"].precision.tolist() == measurement.precision.tolist()
