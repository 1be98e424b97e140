"""Type stubs of the native module rsnn._rsnn (re-exported by the package rsnn)."""

from os import PathLike
from typing import Any, Callable, Optional, Sequence, Union

import numpy as np
import numpy.typing as npt

__version__: str

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
ArrayLike = npt.ArrayLike
Path = Union[str, PathLike]
Progress = Optional[Callable[[str, int, Optional[int]], Any]]
"""progress(stage, done, total): called about ten times a second during a long call."""

class Score:
    """A score: one periodic spike train per neuron with a common period T.

    Spike times lie in [0, T); every train is circularly refractory (spikes at
    least 1 apart, across the period boundary too). Raises ValueError for
    invalid spike times.
    """

    def __init__(self, period: float, channels: Sequence[ArrayLike]) -> None: ...
    @property
    def period(self) -> float:
        """The period T."""
    @property
    def num_channels(self) -> int:
        """The number of channels (neurons)."""
    @property
    def num_spikes(self) -> int:
        """The number of spikes per period, all channels."""
    @property
    def mean_spikes_per_channel(self) -> float:
        """The mean number of spikes per channel and period."""
    @property
    def channels(self) -> list[FloatArray]:
        """The spike times of every channel (copies)."""
    def channel(self, i: int) -> FloatArray:
        """The spike times of channel i. Raises IndexError out of range."""
    def spikes(self) -> tuple[FloatArray, IntArray]:
        """Every spike as (times, channels), sorted by time."""
    def __len__(self) -> int: ...

class PeriodicTrain:
    """One periodic spike train: times in [0, period), circularly refractory."""

    def __init__(self, period: float, times: ArrayLike) -> None: ...
    @property
    def period(self) -> float:
        """The period."""
    @property
    def times(self) -> FloatArray:
        """The spike times (a copy)."""
    def __len__(self) -> int: ...

class Network:
    """A network of spiking neurons with delays, weights, kernel and threshold.

    `sources`, `delays` and `weights` are (L, K) arrays, or sequences of L
    one-dimensional arrays when neurons have different numbers of inputs;
    weights default to zero. Raises ValueError for an unknown source, a
    negative or non-finite delay, a non-finite weight, or mismatched shapes.
    """

    def __init__(
        self,
        sources: Union[ArrayLike, Sequence[ArrayLike]],
        delays: Union[ArrayLike, Sequence[ArrayLike]],
        weights: Optional[Union[ArrayLike, Sequence[ArrayLike]]] = None,
        *,
        tau: float = 1.0,
        threshold: float = 1.0,
    ) -> None: ...
    @property
    def num_neurons(self) -> int:
        """The number of neurons L."""
    @property
    def num_inputs(self) -> int:
        """The number of inputs, all neurons."""
    @property
    def threshold(self) -> float:
        """The nominal threshold theta_0."""
    @property
    def tau(self) -> float:
        """The time constant of the alpha kernel."""
    @property
    def indptr(self) -> IntArray:
        """L + 1 offsets of each neuron's inputs in the flat arrays (CSR)."""
    @property
    def sources(self) -> IntArray:
        """Source neurons: (L, K) when every neuron has K inputs, else flat."""
    @property
    def delays(self) -> FloatArray:
        """Axonal delays: (L, K), or flat as `sources`."""
    @property
    def weights(self) -> FloatArray:
        """Weights: (L, K), or flat as `sources` (a copy; see set_weights)."""
    def inputs(self, l: int) -> tuple[IntArray, FloatArray, FloatArray]:
        """The (sources, delays, weights) of neuron l."""
    def set_weights(self, weights: Union[ArrayLike, Sequence[ArrayLike]]) -> None:
        """Replaces every weight (same layout as `weights`); all or nothing."""
    def copy(self) -> Network:
        """A copy of the network."""

class Recording:
    """Every spike of a simulation on [start, end), one train per neuron."""

    def __init__(self, start: float, end: float, trains: Sequence[ArrayLike]) -> None: ...
    @property
    def start(self) -> float:
        """Start of the recorded span."""
    @property
    def end(self) -> float:
        """End of the recorded span (exclusive)."""
    @property
    def num_neurons(self) -> int:
        """The number of neurons."""
    @property
    def num_spikes(self) -> int:
        """The number of spikes, all neurons."""
    @property
    def trains(self) -> list[FloatArray]:
        """The spike times of every neuron (copies)."""
    def train(self, l: int) -> FloatArray:
        """The spike times of neuron l. Raises IndexError out of range."""
    def spikes(self) -> tuple[FloatArray, IntArray]:
        """Every spike as (times, neurons), sorted: the input of a raster plot."""

class Measurement:
    """Precision and recall of consecutive cycles of a recording."""

    @property
    def period(self) -> float:
        """The period of the score (the length of a cycle)."""
    @property
    def precision(self) -> FloatArray:
        """The precision of every cycle."""
    @property
    def recall(self) -> FloatArray:
        """The recall of every cycle."""
    @property
    def starts(self) -> FloatArray:
        """The start of every cycle."""
    @property
    def cycles(self) -> list[dict[str, Any]]:
        """Every cycle as a dict: cycle, start, precision, recall."""
    def to_dict(self) -> dict[str, Any]:
        """Everything, as in the file."""
    def __len__(self) -> int: ...

class MemorizeReport:
    """The report of a memorization: parameters and per-neuron statuses."""

    @property
    def statuses(self) -> list[str]:
        """Per neuron: "memorized", "unverified", "infeasible" or "failed"."""
    @property
    def counts(self) -> dict[str, int]:
        """The number of neurons of each status."""
    @property
    def all_memorized(self) -> bool:
        """Whether every neuron was memorized and verified."""
    @property
    def not_memorized(self) -> list[int]:
        """The neurons not memorized, sorted."""
    @property
    def max_violation(self) -> float:
        """The largest continuous-time violation of a template."""
    @property
    def violations(self) -> FloatArray:
        """The violation of every neuron (NaN without weights)."""
    @property
    def rounds(self) -> IntArray:
        """The number of solves of every neuron."""
    @property
    def mean_rounds(self) -> float:
        """The mean number of solves per neuron."""
    @property
    def seconds(self) -> float:
        """Wall time, in seconds."""
    @property
    def memories(self) -> int:
        """The number of scores memorized together."""
    @property
    def config(self) -> dict[str, Any]:
        """The parameters, as in the file."""
    def to_dict(self) -> dict[str, Any]:
        """Everything, as in the file."""

class MemorizePart:
    """The memorization of some neurons of a network (kind memorize-part)."""

    @property
    def neurons(self) -> IntArray:
        """The neurons of the part, sorted."""
    @property
    def num_neurons(self) -> int:
        """The number of neurons of the whole network."""
    @property
    def statuses(self) -> list[str]:
        """The status of every neuron of the part."""
    def to_dict(self) -> dict[str, Any]:
        """Everything, as in the file."""

class Stability:
    """The spectrum of the linearized jitter map of a memorized score."""

    @property
    def spectral_radius(self) -> float:
        """The largest magnitude besides the trivial eigenvalue."""
    @property
    def stable(self) -> bool:
        """Whether the spectral radius is below 1."""
    @property
    def eigenvalues(self) -> npt.NDArray[np.complex128]:
        """The computed eigenvalues, trivial one included, by decreasing magnitude."""
    @property
    def trivial_eigenvalue(self) -> Optional[complex]:
        """The trivial eigenvalue (close to 1); None without spikes."""
    @property
    def top_magnitudes(self) -> FloatArray:
        """The largest magnitudes besides the trivial one, decreasing."""
    @property
    def num_spikes(self) -> int:
        """Spikes per period."""
    @property
    def dimension(self) -> int:
        """The dimension of the map."""
    @property
    def form(self) -> str:
        """The form of the map, in words."""
    @property
    def solver(self) -> str:
        """How the eigenvalues were computed, in words."""
    def to_dict(self) -> dict[str, Any]:
        """Everything, as in the file."""

class Recall:
    """An associative-recall run: protocol, prompted neurons, per-cycle results."""

    @property
    def prompted(self) -> IntArray:
        """The prompted neurons, sorted."""
    @property
    def protocol(self) -> dict[str, Any]:
        """The protocol, with its seed."""
    @property
    def cycles(self) -> list[dict[str, Any]]:
        """Every cycle: prompting, and precision/recall of prompted, free, all."""
    @property
    def prompting(self) -> npt.NDArray[np.bool_]:
        """Whether each cycle replayed the prompt."""
    @property
    def recording(self) -> Optional[Recording]:
        """The recording (None when loaded from a file)."""
    def precision(self, group: str = "all") -> FloatArray:
        """The precision of "all", "prompted" or "free" neurons per cycle."""
    def recall(self, group: str = "all") -> FloatArray:
        """The recall of "all", "prompted" or "free" neurons per cycle."""
    def to_dict(self) -> dict[str, Any]:
        """The record, as in the file."""

class PipelineSummary:
    """The summary of a pipeline run (the demo's summary.json)."""

    @property
    def spectral_radius(self) -> float:
        """The spectral radius of the stability analysis."""
    @property
    def precision(self) -> FloatArray:
        """The precision of every cycle of the free run."""
    @property
    def recall(self) -> FloatArray:
        """The recall of every cycle of the free run."""
    @property
    def seconds(self) -> float:
        """Wall time of the steps, in seconds."""
    def to_dict(self) -> dict[str, Any]:
        """Everything, as in the file."""

class Pipeline:
    """The pipeline of `rsnn demo`, every random draw from one master seed.

    `config` is a dict in the layout of `Pipeline().config`; the keywords
    override its most used fields. Raises ValueError for an invalid parameter.
    """

    def __init__(
        self,
        config: Optional[dict[str, Any]] = None,
        *,
        seed: Optional[int] = None,
        neurons: Optional[int] = None,
        inputs: Optional[int] = None,
        period: Optional[float] = None,
        rate: Optional[float] = None,
        weight_bound: Optional[float] = None,
        noise: Optional[float] = None,
        cycles: Optional[int] = None,
    ) -> None: ...
    @property
    def config(self) -> dict[str, Any]:
        """The configuration (Pipeline(config) accepts it back)."""
    @property
    def seed(self) -> int:
        """The master seed."""
    def sample(self, memory: int = 0) -> Score:
        """Samples the score of memory `memory`."""
    def wire(self) -> Network:
        """Wires the network (weights zero)."""
    def memorize(
        self, network: Network, scores: Union[Score, Sequence[Score]], *, progress: Progress = None
    ) -> MemorizeReport:
        """Memorizes with the pipeline's parameters, replacing the weights."""
    def stability(self, network: Network, score: Score, *, progress: Progress = None) -> Stability:
        """The stability analysis with the default options."""
    def free_run(
        self, network: Network, score: Score, *, progress: Progress = None
    ) -> tuple[Recording, Measurement]:
        """The free run from the perfect initial condition, measured."""
    def recall(self, network: Network, score: Score, *, progress: Progress = None) -> Recall:
        """Associative recall with the pipeline's protocol and seed."""
    def run(self, *, progress: Progress = None) -> dict[str, Any]:
        """Every step; a dict with score, network, memorize, stability, free_run, recall, summary."""

def sample_score(
    neurons: int = 200, period: float = 50.0, rate: float = 0.2, *, seed: int = 1, memory: int = 0
) -> Score:
    """Samples a random score from master seed `seed` (as `rsnn sample`)."""

def wire(
    neurons: int = 200,
    inputs: int = 500,
    *,
    seed: int = 1,
    topology: str = "fixed_in_degree",
    min_delay: float = 0.1,
    max_delay: float = 10.0,
    self_connections: bool = False,
) -> Network:
    """Wires a random network from master seed `seed` (as `rsnn network`)."""

def memorize(
    network: Network,
    scores: Union[Score, Sequence[Score]],
    *,
    weight_bound: float = 0.2,
    half_width: float = 0.2,
    silent_level: float = 0.0,
    min_slope: float = 2.0,
    objective: Optional[str] = None,
    backend: Optional[str] = None,
    template: str = "continuous",
    grid: Optional[float] = None,
    tolerance: float = 1e-6,
    max_rounds: int = 60,
    points_per_round: int = 40,
    levels: Optional[int] = None,
    quantized: str = "rounding",
    time_limit: float = 10.0,
    node_limit: Optional[int] = None,
    firing_band: float = 0.1,
    progress: Progress = None,
) -> MemorizeReport:
    """Memorizes one score or several, replacing the network's weights in place."""

def memorize_part(
    network: Network,
    scores: Union[Score, Sequence[Score]],
    neurons: Sequence[int],
    *,
    weight_bound: float = 0.2,
    half_width: float = 0.2,
    silent_level: float = 0.0,
    min_slope: float = 2.0,
    objective: Optional[str] = None,
    backend: Optional[str] = None,
    template: str = "continuous",
    grid: Optional[float] = None,
    tolerance: float = 1e-6,
    max_rounds: int = 60,
    points_per_round: int = 40,
    levels: Optional[int] = None,
    quantized: str = "rounding",
    time_limit: float = 10.0,
    node_limit: Optional[int] = None,
    firing_band: float = 0.1,
    progress: Progress = None,
) -> MemorizePart:
    """Memorizes some neurons only, into a part; the network is unchanged."""

def simulate(
    network: Network,
    *,
    duration: Optional[float] = None,
    cycles: Optional[int] = None,
    score: Optional[Score] = None,
    init: Union[str, Recording, Sequence[ArrayLike], None] = None,
    noise: float = 0.1,
    seed: int = 0,
    prompt: Optional[Sequence[int]] = None,
    prompt_window: Optional[tuple[float, float]] = None,
    prompt_score: Optional[Score] = None,
    prompt_jitter: float = 0.0,
    max_neuron_time: Optional[float] = None,
    progress: Progress = None,
) -> Recording:
    """Simulates exactly on [0, duration) (or `cycles` periods of `score`)."""

def measure(
    recording: Recording, score: Score, *, start: float = 0.0, cycles: Optional[int] = None
) -> Measurement:
    """Precision and recall of each cycle of `recording` against `score`."""

def stability(
    network: Network,
    score: Score,
    *,
    method: str = "auto",
    eigenvalues: int = 10,
    max_dimension: Optional[float] = None,
    progress: Progress = None,
) -> Stability:
    """The spectrum of the jitter map of `score` memorized in `network`; Ctrl-C (or an
    exception of `progress`) stops it within a row of the map or one application of it."""

def free_run(
    network: Network,
    score: Score,
    *,
    cycles: int = 10,
    noise: float = 0.1,
    seed: int = 0,
    progress: Progress = None,
) -> tuple[Recording, Measurement]:
    """Free recall from the perfect initial condition, measured per cycle."""

def recall(
    network: Network,
    score: Score,
    *,
    fraction: float = 0.5,
    prompt_jitter: float = 0.1,
    prompt_cycles: int = 2,
    free_cycles: int = 3,
    noise: float = 0.1,
    seed: int = 0,
    free_start: Union[str, float, None] = None,
    progress: Progress = None,
) -> Recall:
    """Associative recall from a partial noisy prompt."""

def load(path: Path) -> Any:
    """Loads an rsnn file of any kind (chosen by its header)."""

def save(path: Path, data: Any, *, seed: Optional[int] = None) -> None:
    """Saves rsnn data atomically; the extension chooses JSON or bincode (.bin)."""

def header(path: Path) -> dict[str, Any]:
    """The kind, version and seed of an rsnn file."""

def backends() -> list[str]:
    """The memorization backends compiled into this build."""
