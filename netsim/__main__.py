"""``python -m netsim``."""

from netsim.cli import console_main

console_main()
