"""rsnn: recurrent spiking neural networks that memorize spike trains.

The Python face of the Rust library rsnn (the method of Aguettaz & Loeliger,
"Continuous-time neural networks can stably memorize random spike trains",
arXiv:2408.01166): sample random periodic spike trains (scores), wire random
networks, memorize scores with one convex problem per neuron, simulate exactly
in continuous time, measure precision and recall, analyse temporal stability
and run associative recall, with numpy arrays in and out.

>>> import rsnn
>>> score = rsnn.sample_score(30, period=20.0, seed=1)
>>> net = rsnn.wire(30, 200, seed=1)
>>> report = rsnn.memorize(net, score, weight_bound=0.5)
>>> recording, m = rsnn.free_run(net, score, cycles=2, noise=0.05)

Long calls (memorize, simulate, free_run, recall, stability) release the GIL,
accept ``progress=callable(stage, done, total)`` and stop on Ctrl-C with
KeyboardInterrupt. Errors are ValueError (bad parameters or data) and OSError
(files), with the messages of the ``rsnn`` command.
"""

from ._rsnn import (
    Measurement,
    MemorizePart,
    MemorizeReport,
    Network,
    PeriodicTrain,
    Pipeline,
    PipelineSummary,
    Recall,
    Recording,
    Score,
    Stability,
    __version__,
    backends,
    free_run,
    header,
    load,
    measure,
    memorize,
    memorize_part,
    recall,
    sample_score,
    save,
    simulate,
    stability,
    wire,
)

__all__ = [
    "Measurement",
    "MemorizePart",
    "MemorizeReport",
    "Network",
    "PeriodicTrain",
    "Pipeline",
    "PipelineSummary",
    "Recall",
    "Recording",
    "Score",
    "Stability",
    "__version__",
    "backends",
    "free_run",
    "header",
    "load",
    "measure",
    "memorize",
    "memorize_part",
    "raster",
    "recall",
    "sample_score",
    "save",
    "simulate",
    "stability",
    "wire",
]


def raster(recording, score=None, ax=None, neurons=None, until=None):
    """Draws a raster plot of `recording` with matplotlib (imported on use).

    Spikes are dots at (time, neuron); with `score`, the prescribed spikes of
    every cycle of the recording are drawn behind them as orange bars. `neurons`
    limits the plot to neurons below that number, `until` to times below it.
    Returns the matplotlib Axes. Raises ImportError without matplotlib.
    """
    import matplotlib.pyplot as plt
    import numpy as np

    if ax is None:
        _, ax = plt.subplots(figsize=(8, 4))
    end = recording.end if until is None else min(until, recording.end)
    top = recording.num_neurons if neurons is None else min(neurons, recording.num_neurons)
    if score is not None:
        times, ids = score.spikes()
        cycles = int(np.ceil((end - recording.start) / score.period))
        first = int(np.floor(recording.start / score.period))
        for k in range(first, first + cycles + 1):
            shifted = times + k * score.period
            keep = (ids < top) & (shifted >= recording.start) & (shifted < end)
            ax.scatter(shifted[keep], ids[keep], marker="|", s=80, color="tab:orange", alpha=0.6)
    times, ids = recording.spikes()
    keep = (ids < top) & (times < end)
    ax.scatter(times[keep], ids[keep], s=3, color="k")
    ax.set_xlabel("time (refractory periods)")
    ax.set_ylabel("neuron")
    ax.set_xlim(recording.start, end)
    ax.set_ylim(-1, top)
    return ax
