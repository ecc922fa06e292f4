"""What if: what a few changes to a setup would change, in who reaches whom and in what names
resolve to (``netsim whatif``, :meth:`netsim.lab.Lab.whatif`).

The changes are made on a fork of the engine (:mod:`netsim.daemon.fork`: the lab itself never
changes), which leaves every container and network they do not touch the very same object;
this package compares the State before with the State after where they can differ
(:func:`~netsim.analysis.whatif.compare.compare`), from a :class:`~netsim.analysis.whatif.
compare.Baseline` of the State before that is computed once and reused for every what-if
asked of it. The cost follows the change, not the setup: at 10,000 containers one change is
answered in milliseconds, where two full matrices take a second and every name of every
client 10⁸ questions.

* :mod:`~netsim.analysis.whatif.result`: the answer, :class:`WhatIf` (the flows whose verdict
  turns over, :class:`PairChange`, and the names whose resolution changes,
  :class:`NameChange`), as text and JSON;
* :mod:`~netsim.analysis.whatif.compare`: the index, the matrix's rows and the flows;
* :mod:`~netsim.analysis.whatif.names`: the names.
"""

from netsim.analysis.whatif.compare import Baseline, compare
from netsim.analysis.whatif.result import NameChange, PairChange, WhatIf

__all__ = ["Baseline", "NameChange", "PairChange", "WhatIf", "compare"]
