"""Type stubs of the package rsnn."""

from typing import Optional

from ._rsnn import *  # noqa: F401,F403
from ._rsnn import Recording, Score, __version__ as __version__

def raster(
    recording: Recording,
    score: Optional[Score] = None,
    ax: object = None,
    neurons: Optional[int] = None,
    until: Optional[float] = None,
) -> object:
    """Draws a raster plot of `recording` with matplotlib; returns the Axes."""
