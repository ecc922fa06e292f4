#!/bin/bash
# Started by lab.sh as:
#   nsenter --net=/run/netns/netsim-$S unshare --mount --uts --propagation private inner.sh S ROOT ETC
# inside the lab network namespace, with a private mount and UTS namespace. Makes the engine's
# Debian root the REAL root of this mount namespace with pivot_root (a plain chroot breaks
# `docker exec`: setns() into a container's mount namespace lands at the namespace root, i.e.
# the machine's /), then execs dockerd with the usual paths (/var/lib/docker, /var/run/docker).
set -e
S=$1 R=$2 E=$3           # srv1 / srv2, the engine's root, the server's etc files
hostname "$(cat $E/hostname)"
mount --bind $R $R                       # new root must be a mount point
mount -t proc proc $R/proc
mount -t sysfs sysfs $R/sys              # fresh sysfs => /sys/class/net of THIS netns
mount --rbind /sys/fs/cgroup $R/sys/fs/cgroup
mount --rbind /dev $R/dev
mount -t tmpfs -o mode=755 tmpfs $R/run  # fresh /run (= /var/run): exec-root etc. vanish with this ns
mkdir -p /run/netsim-$S $R/run/netsim-$S $R/run/lock $R/var/lib/netsim-$S $R/var/lib/docker $R/.oldroot
mount --bind /run/netsim-$S $R/run/netsim-$S          # socket + pidfile visible on the machine
mount --bind $R/var/lib/netsim-$S $R/var/lib/docker   # per-server data root
mount -t tmpfs -o mode=1777 tmpfs $R/tmp
for f in resolv.conf hosts hostname; do mount --bind $E/$f $R/etc/$f; done
extra=$(cat $E/dockerd.extra 2>/dev/null || true)
cd $R
pivot_root . .oldroot
exec /usr/sbin/chroot . /bin/sh -c '
  umount -l /.oldroot
  exec /usr/sbin/dockerd \
    -H unix:///run/netsim-'$S'/docker.sock \
    -H unix:///var/run/docker.sock \
    --data-root /var/lib/docker \
    --exec-root /var/run/docker \
    --pidfile /run/netsim-'$S'/dockerd.pid \
    --storage-driver overlay2 \
    --exec-opt native.cgroupdriver=cgroupfs \
    --cgroup-parent /netsim-'$S' '"$extra"
