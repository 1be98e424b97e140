"""The API from numpy: arrays in and out, the steps of the tutorial, progress and Ctrl-C."""

import _thread
import signal
import threading
import time

import numpy as np
import pytest

import rsnn


def test_scores_and_networks_from_numpy():
    score = rsnn.Score(10.0, [np.array([0.5, 4.0]), [7.25], np.array([], dtype=np.float64)])
    assert (score.period, score.num_channels, score.num_spikes) == (10.0, 3, 3)
    np.testing.assert_array_equal(score.channel(0), [0.5, 4.0])
    times, ids = score.spikes()
    np.testing.assert_array_equal(times, [0.5, 4.0, 7.25])
    np.testing.assert_array_equal(ids, [0, 0, 1])
    sources = np.array([[1, 2], [0, 0], [1, 2]])
    delays = np.full((3, 2), 1.5)
    net = rsnn.Network(sources, delays, tau=2.0, threshold=1.5)
    assert (net.num_neurons, net.num_inputs, net.tau, net.threshold) == (3, 6, 2.0, 1.5)
    np.testing.assert_array_equal(net.sources, sources)
    assert net.weights.shape == (3, 2) and not net.weights.any()
    net.set_weights(np.arange(6.0).reshape(3, 2))
    np.testing.assert_array_equal(net.inputs(2)[2], [4.0, 5.0])
    ragged = rsnn.Network([[1], [0, 1]], [[1.0], [2.0, 3.0]], [[0.1], [0.2, 0.3]])
    np.testing.assert_array_equal(ragged.indptr, [0, 1, 3])
    np.testing.assert_array_equal(ragged.weights, [0.1, 0.2, 0.3])


def test_wired_networks_follow_the_seed():
    a, b = rsnn.wire(20, 50, seed=4), rsnn.wire(20, 50, seed=4)
    assert a == b and a != rsnn.wire(20, 50, seed=5)
    assert a.sources.shape == (20, 50) and a.sources.dtype == np.int64
    assert ((a.delays >= 0.1) & (a.delays <= 10.0)).all()
    out = rsnn.wire(20, 3, seed=4, topology="fixed_out_degree")
    assert out.num_inputs == 60


def test_memorize_simulate_measure(small):
    score, net, report = small
    assert report.all_memorized and report.statuses == ["memorized"] * 30
    assert report.counts["memorized"] == 30 and report.max_violation <= 1e-6
    assert np.abs(net.weights).max() <= 0.5 + 1e-9
    rec = rsnn.simulate(net, cycles=3, score=score, noise=0.05, seed=11)
    m = rsnn.measure(rec, score)
    assert len(m) == 3 and (m.precision > 0.9).all() and (m.recall > 0.9).all()
    silent = rsnn.simulate(net, duration=40.0, init="silent", noise=0.0)
    assert silent.num_spikes == 0
    prompted = rsnn.simulate(
        net, cycles=2, score=score, init="silent", prompt=range(15), prompt_jitter=0.1, seed=2
    )
    assert prompted.num_spikes > 0
    again = rsnn.simulate(net, cycles=3, score=score, noise=0.05, seed=11)
    assert again == rec


def test_quantized_weights_lie_on_the_levels():
    score = rsnn.sample_score(10, 20.0, seed=3)
    net = rsnn.wire(10, 200, seed=3)
    report = rsnn.memorize(net, score, weight_bound=0.5, levels=9)
    assert report.all_memorized, report.statuses
    levels = np.linspace(-0.5, 0.5, 9)
    distance = np.abs(net.weights[..., None] - levels).min(axis=-1)
    assert distance.max() <= 1e-12
    assert len(np.unique(net.weights)) <= 9
    with pytest.raises(ValueError, match="quantized"):
        rsnn.memorize(net, score, levels=9, quantized="nearest")
    with pytest.raises(ValueError, match="quantization.levels"):
        rsnn.memorize(net, score, levels=1)
    with pytest.raises(ValueError, match="quantization.node_limit"):
        rsnn.memorize(net, score, levels=9, node_limit=0)
    limited = rsnn.wire(10, 200, seed=3)
    again = rsnn.memorize(limited, score, weight_bound=0.5, levels=9, node_limit=1000)
    assert again.all_memorized, again.statuses


def test_stability_gives_complex_eigenvalues(small):
    score, net, _ = small
    s = rsnn.stability(net, score)
    assert s.stable and 0 <= s.spectral_radius < 1
    assert s.eigenvalues.dtype == np.complex128
    assert abs(s.trivial_eigenvalue - 1) < 1e-6
    assert s.spectral_radius == pytest.approx(np.sort(np.abs(s.eigenvalues))[-2], rel=1e-12)


def test_associative_recall(small):
    score, net, _ = small
    # In a network this small, prompting 70% of the neurons is needed for recall.
    r = rsnn.recall(net, score, fraction=0.7, seed=2, noise=0.05)
    assert len(r.prompted) == 21 and len(set(r.prompted)) == 21
    np.testing.assert_array_equal(r.prompting, [True, True, False, False, False])
    assert (r.precision("all")[2:] > 0.9).all() and (r.recall("free")[2:] > 0.9).all()
    assert r.to_dict()["protocol"]["prompted_fraction"] == 0.7


def test_progress_is_reported(small):
    score, net, _ = small
    calls = []
    rsnn.simulate(
        net, cycles=2, score=score, progress=lambda stage, done, total: calls.append((stage, done, total))
    )
    assert calls and calls[-1] == ("simulate", 1000, 1000)
    assert all(a[1] <= b[1] for a, b in zip(calls, calls[1:]))


def test_a_failing_progress_callable_stops_memorization():
    score = rsnn.sample_score(60, 20.0, seed=3)
    net = rsnn.wire(60, 300, seed=3)
    before = net.copy()

    def stop(stage, done, total):
        raise RuntimeError(f"stop at {done} of {total}")

    with pytest.raises(RuntimeError, match="stop at"):
        rsnn.memorize(net, score, weight_bound=0.5, progress=stop)
    assert net == before


def test_a_failing_progress_callable_stops_a_part():
    score = rsnn.sample_score(60, 20.0, seed=3)
    net = rsnn.wire(60, 300, seed=3)

    def stop(stage, done, total):
        raise RuntimeError(f"stop at {done} of {total}")

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="stop at"):
        rsnn.memorize_part(net, score, range(60), weight_bound=0.5, progress=stop)
    assert time.monotonic() - started < 5.0


@pytest.fixture(scope="module")
def slow_stability():
    """A network (1000 neurons, 500 inputs, random weights) and a score (period 50, about
    7000 spikes) whose Krylov analysis of 40 eigenvalues takes about 10 s on two cores."""
    score = rsnn.sample_score(1000, 50.0, seed=3)
    net = rsnn.wire(1000, 500, seed=3)
    weights = np.random.default_rng(0).uniform(-0.05, 0.1, size=net.weights.shape)
    net.set_weights(weights)
    return net, score


def test_a_failing_progress_callable_stops_stability(slow_stability):
    net, score = slow_stability
    calls = []

    def stop(stage, done, total):
        calls.append((stage, done, total))
        raise RuntimeError("stop the analysis")

    started = time.monotonic()
    with pytest.raises(RuntimeError, match="stop the analysis"):
        rsnn.stability(net, score, method="krylov", eigenvalues=40, progress=stop)
    # The caller waits for the analysis to stop: a prompt return means it stopped.
    assert time.monotonic() - started < 3.0
    assert calls == [("stability", 0, None)]


@pytest.fixture
def ctrl_c():
    """Ctrl-C raises KeyboardInterrupt, as in an interactive session, even when this process
    was started with SIGINT ignored (a background job of a non-interactive shell), where
    `_thread.interrupt_main` would do nothing."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


def interrupt_after(seconds):
    timer = threading.Timer(seconds, _thread.interrupt_main)
    timer.start()
    return timer


def test_ctrl_c_interrupts_a_long_simulation(small, ctrl_c):
    score, net, _ = small
    timer = interrupt_after(0.5)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        # About a minute of work without the interrupt.
        rsnn.simulate(net, duration=2e5, score=score, max_neuron_time=1e8)
    timer.join()
    assert time.monotonic() - started < 5.0


def test_ctrl_c_interrupts_memorization(ctrl_c):
    score = rsnn.sample_score(200, 50.0, seed=5)
    net = rsnn.wire(200, 500, seed=5)
    before = net.copy()
    timer = interrupt_after(0.5)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        rsnn.memorize(net, score)
    timer.join()
    assert time.monotonic() - started < 5.0
    assert net == before


def test_ctrl_c_interrupts_stability(slow_stability, ctrl_c):
    net, score = slow_stability
    timer = interrupt_after(0.5)
    started = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        rsnn.stability(net, score, method="krylov", eigenvalues=40)
    timer.join()
    assert time.monotonic() - started < 3.0
