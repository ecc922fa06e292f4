"""Pictures of a State: the deterministic layout (:mod:`netsim.diagram.layout`, no matplotlib) and
what draws it: matplotlib figures (:mod:`netsim.diagram.mpl`), Graphviz DOT
(:mod:`netsim.diagram.dot`), Mermaid (:mod:`netsim.diagram.mermaid`) and Jupyter's display
formatters (:mod:`netsim.diagram.notebook`), and a hand-written SVG with an element per node
for the interactive page (:mod:`netsim.diagram.svg`).

Nothing is imported here, so that loading the layout never loads matplotlib.
"""
