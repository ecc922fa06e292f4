"""``netsim page``: one self-contained HTML page to explore a setup (docs/page.md)."""
