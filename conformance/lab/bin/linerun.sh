#!/bin/bash
# One script line, run as the Docker host would run it. Started by runscript.py as:
#   nsenter -t <dockerd pid> --net --uts unshare --mount --propagation private linerun.sh SRV
# => the network and hostname of that server, a throw-away mount namespace, the engine's
# Debian userland (its docker CLI, iptables, iproute2, curl, ping, dig) via chroot.
# The command text comes in $LAB_LINE; the engine's root in $NETSIM_LAB_ROOT.
S=$1
R=$NETSIM_LAB_ROOT
E=$NETSIM_LAB_STATE/etc/$S
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys
mount --rbind /dev $R/dev
mount -t tmpfs -o mode=1777 tmpfs $R/tmp
for s in srv1 srv2; do [ -d /run/netsim-$s ] && mkdir -p $R/run/netsim-$s && mount --bind /run/netsim-$s $R/run/netsim-$s; done
for f in resolv.conf hosts hostname; do mount --bind $E/$f $R/etc/$f; done
cd $R
exec chroot $R /usr/bin/env -i HOME=/root TERM=${TERM:-xterm} LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  DOCKER_HOST=unix:///run/netsim-$S/docker.sock DOCKER_CONFIG=/root/.docker \
  LAB_LINE="$LAB_LINE" /bin/bash -c 'cd /root && eval "$LAB_LINE"'
