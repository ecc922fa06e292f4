#!/bin/bash
# One script line, run as the Docker host would run it. Started by runscript.py as:
#   nsenter -t <dockerd pid> --net --uts unshare --mount --propagation private linerun.sh SRV
# => the network and hostname of that server, a throw-away mount namespace, and the hosts'
# userland (Debian trixie: curl, ping, dig, ip …, the same whatever the engine) with the
# engine's docker CLI (and Compose plugin) bind-mounted in, via chroot.
# The command text comes in $LAB_LINE, its directory in $LAB_CWD; the engine's root in $NETSIM_LAB_ROOT.
S=$1
R=$NETSIM_LAB_ROOT
E=$NETSIM_LAB_STATE/etc/$S
H=$NETSIM_LAB_STATE/images/build/hostland
mount -t proc proc $H/proc
mount -t sysfs sysfs $H/sys
mount --rbind /dev $H/dev
mount -t tmpfs -o mode=1777 tmpfs $H/tmp
mount --bind $R/usr/bin/docker $H/usr/bin/docker
mount --bind $R/usr/local/bin/docker $H/usr/local/bin/docker
[ -d $R/usr/libexec/docker ] && mount --bind $R/usr/libexec/docker $H/usr/libexec/docker
for s in srv1 srv2; do [ -d /run/netsim-$s ] && mkdir -p $H/run/netsim-$s && mount --bind /run/netsim-$s $H/run/netsim-$s; done
for f in resolv.conf hosts hostname; do mount --bind $E/$f $H/etc/$f; done
cd $H
exec chroot $H /usr/bin/env -i HOME=/root TERM=${TERM:-xterm} LANG=C.UTF-8 \
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
  DOCKER_HOST=unix:///run/netsim-$S/docker.sock DOCKER_CONFIG=/root/.docker \
  LAB_LINE="$LAB_LINE" LAB_CWD="${LAB_CWD:-/root}" /bin/bash -c 'cd /root && cd "$LAB_CWD" && eval "$LAB_LINE"'
