"""The docker CLI's flags: pflag/cobra behaviour and the per-command flag tables.

``spec`` (FlagSpec, CommandSpec, DaemonInfo and the table helpers), ``root`` (the global
options), one table module per command group (``container``, ``image``, ``network``, ``swarm``,
``volume``), ``tree`` (the cobra command tree, :data:`COMMANDS`), ``validators`` (the checks of
the flag value types), ``pflag`` (parsing one flag set) and ``cobra`` (usage lines, argument
and flag error texts, the daemon-feature check).
"""

from netsim.dockercli.flags.root import GLOBAL_FLAGS
from netsim.dockercli.flags.spec import CommandSpec, DaemonInfo, FlagSpec
from netsim.dockercli.flags.tree import COMMANDS

__all__ = ["COMMANDS", "GLOBAL_FLAGS", "CommandSpec", "DaemonInfo", "FlagSpec"]
