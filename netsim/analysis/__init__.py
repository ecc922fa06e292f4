"""Analysis of a frozen State: who reaches whom, what names resolve to, what a setup expects.

* :mod:`netsim.analysis.graph`: the State as a networkx graph (node ids shared by everything);
* :mod:`netsim.analysis.index`: the topology index (the State's facts for fast lookups);
* :mod:`netsim.analysis.vantage`: the one parser of where a flow, query or probe starts or ends
  (``NAME``, ``HOST/NAME``, ``@host``, ``@NAME``, ``@lan``, ``@internet``, an address);
* :mod:`netsim.analysis.reach`: one flow explained hop by hop, and the all-pairs matrix;
* :mod:`netsim.analysis.dns`: Docker's embedded DNS server, /etc/hosts and /etc/resolv.conf;
* :mod:`netsim.analysis.check`: ``# netsim: expect`` lines checked against a State;
* :mod:`netsim.analysis.diff`: two States of one deployment compared (``netsim diff``);
* :mod:`netsim.analysis.whatif`: a State and the one a few changes make of it, compared where
  they can differ (``netsim whatif``).

This package's ``__init__`` imports nothing: ``import netsim.cli`` stays quick.
"""
