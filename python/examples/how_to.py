"""How to use rsnn from Python: the tutorial of the original package, step by step.

Sample a random score, wire a random network, memorize the score, let the
network run with threshold noise, measure precision and recall, check temporal
stability, recall the score from a partial noisy prompt, and draw a raster plot
when matplotlib is installed. Runs in a few seconds at this size:

    pip install ./crates/rsnn-python
    python python/examples/how_to.py [--out raster.png]

It exits with an error when the science fails (precision below 0.9).
"""

import argparse
import sys

import numpy as np

import rsnn

L, K, T = 60, 300, 25.0  # neurons, inputs per neuron, period (the defaults are 200, 500, 50)


def progress(stage, done, total):
    if total:
        print(f"\r  {stage}: {done}/{total}", end="", flush=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=None, help="where to save the raster (PNG, SVG)")
    args = parser.parse_args()

    # 1. A random score: one periodic spike train per neuron, period T, rate 0.2.
    score = rsnn.sample_score(L, period=T, rate=0.2, seed=1)
    print(f"score: {score.num_channels} neurons, {score.num_spikes} spikes per period")
    print(f"  neuron 0 fires at {np.round(score.channel(0), 3)}")

    # 2. A random network: every neuron gets K inputs with delays in [0.1, 10].
    net = rsnn.wire(L, K, seed=1)
    print(f"network: sources {net.sources.shape}, delays in "
          f"[{net.delays.min():.2f}, {net.delays.max():.2f}], weights all {net.weights.max()}")

    # 3. Memorize: one convex problem per neuron; the weights are replaced in place.
    report = rsnn.memorize(net, score, weight_bound=0.4, objective="l2", progress=progress)
    print(f"\nmemorized {report.counts['memorized']}/{L} neurons in {report.seconds:.1f} s, "
          f"max violation {report.max_violation:.1e}, |w| <= {np.abs(net.weights).max():.3f}")

    # 4. Simulate 5 cycles with threshold noise sigma = 0.1 from the perfect initial condition.
    recording = rsnn.simulate(net, cycles=5, score=score, noise=0.1, seed=7)
    print(f"simulated: {recording.num_spikes} spikes on [{recording.start}, {recording.end})")

    # 5. Measure precision and recall per cycle.
    m = rsnn.measure(recording, score)
    for c in m.cycles:
        print(f"  cycle {c['cycle']}: precision {c['precision']:.3f}, recall {c['recall']:.3f}")

    # 6. Temporal stability: the eigenvalues of the jitter map (a complex numpy array).
    st = rsnn.stability(net, score)
    print(f"stability: spectral radius {st.spectral_radius:.3e} ({'stable' if st.stable else 'unstable'}), "
          f"{len(st.eigenvalues)} eigenvalues")

    # 7. Associative recall: half the neurons prompted with jittered copies for 2 cycles.
    r = rsnn.recall(net, score, fraction=0.5, prompt_jitter=0.1, prompt_cycles=2, free_cycles=3,
                    noise=0.1, seed=2)
    print("associative recall (all neurons):")
    for k, (p, q) in enumerate(zip(r.precision(), r.recall())):
        print(f"  cycle {k} ({'prompt' if r.prompting[k] else 'free'}): precision {p:.3f}, recall {q:.3f}")

    # 8. A raster plot of the free run against the score, if matplotlib is there.
    try:
        import matplotlib

        matplotlib.use("Agg")
        ax = rsnn.raster(recording, score=score, until=2 * T)
        out = args.out or "how_to_raster.png"
        ax.figure.savefig(out, dpi=120)
        print(f"raster -> {out}")
    except ImportError:
        print("matplotlib is not installed: no raster plot")

    if (m.precision < 0.9).any() or r.precision()[-1] < 0.9:
        sys.exit("precision below 0.9")


if __name__ == "__main__":
    main()
