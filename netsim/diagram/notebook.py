"""Pictures in Jupyter: a State shows its topology, a Matrix its heatmap, a DnsSeries its chart,
and a :class:`Flow` (a Trace with the State it ran on) the topology with the path drawn.

The core's objects know nothing of plotting: :func:`register` adds IPython display formatters
for them (``netsim.lab`` calls it when it is imported inside IPython). Each formatter imports
matplotlib only when Jupyter asks for a picture.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netsim.analysis.reach import Trace
    from netsim.state import State

__all__ = ["Flow", "register", "state_svg"]


def state_svg(state: State) -> str:
    """The topology of a State as SVG text."""
    from netsim.diagram.mpl import draw, to_bytes

    return to_bytes(draw(state), "svg").decode()


@dataclass(frozen=True)
class Flow:
    """A Trace together with the State it ran on, so that it can be drawn."""

    state: State
    trace: Trace

    def __getattr__(self, name: str) -> Any:  # disposition, hops, delivered, to_dict …
        return getattr(self.trace, name)

    def __str__(self) -> str:
        return str(self.trace)

    def __repr__(self) -> str:
        return str(self.trace)

    def _repr_html_(self) -> str:
        return self.trace._repr_html_()

    def _repr_svg_(self) -> str:
        from netsim.diagram.mpl import draw, to_bytes

        return to_bytes(draw(self.state, highlight=self.trace), "svg").decode()


def register(ip: Any = None) -> bool:
    """Add the picture formatters to IPython (the running one by default); False outside it."""
    if ip is None:
        import sys

        ipython: Any = sys.modules.get("IPython")  # only when IPython already runs: no import
        if ipython is None:
            return False
        ip = ipython.get_ipython()
    if ip is None:
        return False
    from netsim.analysis.dns import DnsSeries
    from netsim.analysis.reach import Matrix
    from netsim.state import State

    formatters = ip.display_formatter.formatters
    formatters["image/svg+xml"].for_type(State, state_svg)
    formatters["image/png"].for_type(Matrix, _matrix_png)
    formatters["image/png"].for_type(DnsSeries, _dns_png)
    return True


def _matrix_png(m: Any) -> bytes:
    from netsim.diagram.mpl import matrix_heatmap, to_bytes

    return to_bytes(matrix_heatmap(m), "png")


def _dns_png(series: Any) -> bytes:
    from netsim.diagram.mpl import dns_chart, to_bytes

    return to_bytes(dns_chart(series), "png")
