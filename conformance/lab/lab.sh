#!/bin/bash
# The conformance lab: real Docker Engines (Debian's docker.io) in isolated network
# namespaces, the judge of netsim's predictions. Adopted from shared/oracle-lab and owned here.
#
#   lab.sh [--engine V] install       once per engine (V = 28.5 | 26.1 | 20.10; default 28.5):
#                                     a Debian root with that docker.io, the stand-in images
#   lab.sh [--engine V] start         namespaces, fake internet + DNS, two daemons (idempotent;
#                                     ~2 s when installed); one engine runs at a time
#   lab.sh run [--reset|--fresh] [--timeout S] SCRIPT|-    run a script, print JSON; a script's
#                                     '# netsim: daemon FLAG…' lines start both daemons with those
#                                     dockerd options (--fresh only; the flags in DAEMON_FLAGS)
#   lab.sh reset [--hard]             rm containers/networks/volumes/non-lab images (--hard: restart)
#   lab.sh stop                       everything down, namespaces deleted, host state compared
#   lab.sh status | engines
#
# Topology (no link to the root namespace at all; every namespace is called netsim-…):
#   netsim-lan : bridge br0 192.168.0.1/24 (the LAN router, ip_forward=1), DNS on 192.168.0.1:53
#                (bin/fakedns.py: the lab's internet names, NXDOMAIN for the rest); veth to netsim-inet
#   netsim-inet: "the internet": 203.0.113.0/24 and 198.51.100.0/24 (documentation ranges) held
#                locally, an HTTP server on :80 of every address of them
#   netsim-srv1: eth0 192.168.0.100/24, default via 192.168.0.1, hostname server1, dockerd #1
#   netsim-srv2: eth0 192.168.0.101/24, default via 192.168.0.1, hostname server2, dockerd #2
# Sockets on the machine: unix:///run/netsim-srv1/docker.sock, unix:///run/netsim-srv2/docker.sock
# State (roots, images, logs) lives in $NETSIM_LAB_STATE (default /var/lib/netsim-lab), not in the repo.
set -u
LAB=$(cd "$(dirname "$(readlink -f "$0")")" && pwd)
STATE=${NETSIM_LAB_STATE:-/var/lib/netsim-lab}
RUN=/run/netsim-lab
SERVERS="srv1 srv2"
PY=/usr/bin/python3
export NETSIM_LAB_STATE=$STATE

# --engine V (or NETSIM_LAB_ENGINE); a running lab's engine wins for run/reset/stop/status
ENGINE=${NETSIM_LAB_ENGINE:-}
if [ "${1:-}" = --engine ]; then ENGINE=${2:-}; shift 2; fi
if [ -z "$ENGINE" ]; then ENGINE=$(cat $RUN/engine 2>/dev/null || echo 28.5); fi
case $ENGINE in
  28.5)  SUITE=sid ;;       # docker.io 28.5.2+dfsg*  (sid, 2026-12)
  26.1)  SUITE=trixie ;;    # docker.io 26.1.5+dfsg1  (Debian 13)
  20.10) SUITE=bookworm ;;  # docker.io 20.10.24+dfsg1 (Debian 12)
  *) echo "lab.sh: unknown engine '$ENGINE' (accepted: 28.5, 26.1, 20.10)" >&2; exit 2 ;;
esac
R=$STATE/root-$ENGINE
IMG=$STATE/images
LOGS=$STATE/logs
# lab images: the stand-ins, under their usual names and under netsim-lab/…
REGISTRY_COMMENT="netsim-lab registry stand-in: Debian's docker-registry (distribution 2.8), registry:2's config (HTTP on :5000, no auth)"
LAB_IMAGES="alpine:latest busybox:latest nginx:latest debian:latest debian:trixie debian:13 netsim-lab/alpine:latest netsim-lab/busybox:latest netsim-lab/nginx:latest netsim-lab/debian:latest netsim-lab/registry:latest"
# the Debian archive this machine already uses (from its apt sources); override with MIRROR=...
MIRROR=${MIRROR:-$(grep -rhoE "^(URIs:|deb) +[a-z]+://[^ ]+" /etc/apt/sources.list /etc/apt/sources.list.d 2>/dev/null | grep -m1 -oE "[a-z]+://[^ ]+debian/?$" || true)}
ROOT_PKGS="docker.io containerd runc tini iptables nftables iproute2 ca-certificates curl iputils-ping bind9-dnsutils procps netcat-openbsd bridge-utils net-tools jq"
case $SUITE in
  sid) ROOT_EXTRA="docker-cli docker-compose docker-buildx" ;;  # Compose v2 2.40.3, buildx 0.29.1 (CLI plugins)
  trixie) ROOT_EXTRA="docker-cli docker-buildx" ;;  # buildx 0.13.1: docker build is BuildKit's, as with docker-ce 26.1
  *) ROOT_EXTRA="" ;;
esac
DEBIAN_IMG_PKGS="iputils-ping bind9-dnsutils curl iproute2 netcat-openbsd procps iputils-tracepath net-tools ca-certificates"

# the dockerd options a script may ask for (# netsim: daemon …): IPv6, address pools and
# insecure registries at the lab's own addresses only,
# each a whole word, its value of CIDR/pool characters (the line reaches dockerd's command line)
DAEMON_FLAGS='^--(ipv6|ip6tables=(true|false)|fixed-cidr-v6=[0-9a-fA-F:]+/[0-9]+|default-address-pool=base=[0-9a-fA-F:.]+/[0-9]+,size=[0-9]+|insecure-registry=(192\.168\.0\.[0-9]+|localhost|127\.0\.0\.1):[0-9]+)$'

log() { echo "[lab $(date +%T.%N | cut -c1-12)] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
D() { local s=$1; shift; chroot_docker "$s" "$@"; }
chroot_docker() { local s=$1; shift; "$R/usr/bin/docker" -H "unix:///run/netsim-$s/docker.sock" "$@"; }
ip_of() { case $1 in srv1) echo 192.168.0.100;; srv2) echo 192.168.0.101;; esac; }
pid_alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }
# close every inherited fd > 2 (e.g. a caller's flock) so the long-lived daemons keep no lock
close_inherited_fds() { local f; for f in $(ls /proc/$BASHPID/fd); do [ "$f" -gt 2 ] && eval "exec $f>&-"; done 2>/dev/null; true; }
dockerd_pid() { local p; p=$(cat /run/netsim-$1/dockerd.pid 2>/dev/null) || return 1; pid_alive "$p" && echo "$p"; }
daemon_up() { dockerd_pid "$1" >/dev/null && D "$1" version >/dev/null 2>&1; }
in_root() {  # run a shell snippet chrooted in $1 with /proc and /dev
  local root=$1; shift
  unshare --mount --propagation private /bin/bash -c "mount -t proc proc $root/proc; mount --rbind /dev $root/dev
    chroot $root /usr/bin/env DEBIAN_FRONTEND=noninteractive PATH=/usr/sbin:/usr/bin:/sbin:/bin sh -c '$*'"
}

# ---------------------------------------------------------------- the machine's own state
# Everything we promise not to change, read from the ROOT namespace: firewall (legacy and nft),
# links, addresses, routes, non-lab namespaces, forwarding.
host_snapshot() {
  local t
  for t in iptables-legacy-save ip6tables-legacy-save iptables-nft-save ip6tables-nft-save; do
    echo "== $t"; if command -v $t >/dev/null; then $t 2>&1 | grep -v "^#"; else chroot_tool $t; fi
  done
  echo "== nft list ruleset"; if command -v nft >/dev/null; then nft list ruleset 2>&1; else chroot_tool nft list ruleset; fi
  echo "== ip -br link"; ip -br link
  echo "== ip -br addr"; ip -br addr
  echo "== ip route"; ip route; ip -6 route 2>/dev/null
  echo "== ip netns (non-lab)"; ip netns list | grep -v "^netsim-" || true
  echo "== sysctl"; cat /proc/sys/net/ipv4/ip_forward /proc/sys/net/ipv4/conf/all/forwarding
}
chroot_tool() {  # the firewall tools of an installed root, when the machine has none
  local root; root=$(ls -d $STATE/root-*/usr/sbin/iptables-nft-save 2>/dev/null | head -1)
  [ -n "$root" ] || { echo "(no $1 here)"; return; }
  root=${root%/usr/sbin/iptables-nft-save}
  unshare --mount --propagation private /bin/bash -c "mount -t proc proc $root/proc; chroot $root $*" 2>&1 | grep -v "^#"
}

# ---------------------------------------------------------------- install
cmd_install() {
  local t0=$SECONDS
  command -v debootstrap >/dev/null && command -v musl-gcc >/dev/null || {
    apt-get update -qq >&2; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap musl-tools gcc make bzip2 xz-utils patch >&2 \
      || die "apt-get install (host tools)"; }
  mkdir -p $STATE $LOGS
  if [ ! -x $R/usr/sbin/dockerd ]; then
    [ -x $R/usr/bin/apt-get ] || debootstrap --variant=minbase $SUITE $R $MIRROR >&2 || die "debootstrap $SUITE"
    printf '#!/bin/sh\nexit 101\n' > $R/usr/sbin/policy-rc.d; chmod +x $R/usr/sbin/policy-rc.d
    in_root $R "apt-get -o Acquire::Check-Valid-Until=false update -qq && apt-get -o Acquire::Check-Valid-Until=false install -y -qq --no-install-recommends $ROOT_PKGS $ROOT_EXTRA" >&2 \
      || die "apt-get install in the $SUITE root"
  fi
  # a root installed before a package joined the lists gets it now
  in_root $R "dpkg -s $ROOT_PKGS $ROOT_EXTRA >/dev/null 2>&1" || \
    in_root $R "apt-get -o Acquire::Check-Valid-Until=false update -qq && apt-get -o Acquire::Check-Valid-Until=false install -y -qq --no-install-recommends $ROOT_PKGS $ROOT_EXTRA" >&2 \
    || die "apt-get install in the $SUITE root"
  install_wrapper
  build_rootfs
  build_registry
  ensure_hostland
  log "engine $ENGINE: $(chroot $R /usr/sbin/dockerd --version) installed in $((SECONDS - t0)) s"
}

install_wrapper() {
  cat > $R/usr/local/bin/docker <<'EOF'
#!/bin/sh
# netsim-lab wrapper: "docker -H srv1|srv2|server1|server2 ..." -> the lab daemons' sockets.
map() { case "$1" in
  srv1|server1) echo unix:///run/netsim-srv1/docker.sock ;;
  srv2|server2) echo unix:///run/netsim-srv2/docker.sock ;;
  *) echo "$1" ;; esac; }
case "$1" in
  -H|--host) h=$(map "$2"); shift 2; exec /usr/bin/docker -H "$h" "$@" ;;
  -H=*|--host=*) h=$(map "${1#*=}"); shift; exec /usr/bin/docker -H "$h" "$@" ;;
esac
exec /usr/bin/docker "$@"
EOF
  chmod 755 $R/usr/local/bin/docker
}

# ---------------------------------------------------------------- images (engine-independent rootfs)
# BusyBox for alpine/busybox/nginx: Debian sid's busybox source (+ Debian patches), Debian's
# "static" config with 4 options flipped to Alpine's/defconfig values, linked statically
# against musl (musl-gcc) like Alpine's.
BB_FLIPS="FEATURE_SH_EXTRA_QUIET FEATURE_PS_TIME FEATURE_PREFER_IPV4_ADDRESS VERBOSE_RESOLUTION_ERRORS"
BB_UNSET="FEATURE_VI_REGEX_SEARCH EXTRA_COMPAT"      # glibc-only regex API, not in musl
build_busybox() {
  local S=$IMG/src/busybox
  ls $S/busybox-*/busybox >/dev/null 2>&1 && return 0
  mkdir -p $S $R/root/bbsrc
  echo "deb-src $MIRROR sid main" > $R/etc/apt/sources.list.d/netsim-src.list
  in_root $R "apt-get -o Acquire::Check-Valid-Until=false update -qq && cd /root/bbsrc && apt-get -o Acquire::Check-Valid-Until=false source --download-only busybox/sid" >&2 \
    || die "apt-get source busybox"
  rm -f $R/etc/apt/sources.list.d/netsim-src.list
  cp $R/root/bbsrc/busybox_* $S/
  ( set -e; cd $S
    tar xjf busybox_*.orig.tar.bz2; tar xJf busybox_*.debian.tar.xz
    d=$(ls -d busybox-*/ | head -1); cd $d
    for p in $(grep -v '^#' ../debian/patches/series); do patch -p1 -s < ../debian/patches/$p; done
    mkdir -p ../kh; for k in linux asm-generic mtd; do ln -sfn /usr/include/$k ../kh/$k; done
    ln -sfn /usr/include/x86_64-linux-gnu/asm ../kh/asm
    cat ../debian/config/os/linux ../debian/config/pkg/static > .config
    for o in $BB_FLIPS; do sed -i "s/^# CONFIG_$o is not set/CONFIG_$o=y/" .config; done
    for o in $BB_UNSET; do sed -i "s/^CONFIG_$o=y/# CONFIG_$o is not set/" .config; done
    yes "" | make silentoldconfig >/dev/null
    make -j"$(nproc)" CC=musl-gcc HOSTCC=gcc BB_EXTRA_VERSION="netsim-lab musl static" \
         CONFIG_EXTRA_CFLAGS="-isystem $S/kh" >../build.log 2>&1 ) || die "busybox build (see $S/build.log)"
}

build_rootfs() {
  local W=$IMG/build B BBV
  [ -f $W/done ] && return 0
  build_busybox
  B=$(ls $IMG/src/busybox/busybox-*/busybox | head -1)
  BBV=$($B | head -1 | cut -d' ' -f2)
  rm -rf $W/alpine $W/busybox $W/nginx; mkdir -p $W/alpine
  ( set -e; cd $W/alpine
    mkdir -p bin sbin usr/bin usr/sbin usr/local/bin etc root tmp var/tmp proc sys dev home lib
    chmod 1777 tmp var/tmp; chmod 700 root
    cp $B bin/busybox; chroot . /bin/busybox --install -s      # Alpine-like applet layout
    printf 'root:x:0:0:root:/root:/bin/sh\ndaemon:x:2:2:daemon:/sbin:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\nwww-data:x:82:82:Linux User,,,:/home/www-data:/sbin/nologin\n' > etc/passwd
    printf 'root:x:0:root\ndaemon:x:2:root,bin,daemon\nwww-data:x:82:www-data\nnogroup:x:65533:\nnobody:x:65534:\n' > etc/group
    printf 'root:*::0:::::\n' > etc/shadow; chmod 640 etc/shadow
    printf 'NAME="netsim-lab alpine stand-in (BusyBox %s, musl static)"\nID=alpine\nVERSION_ID=3.22-netsim\nPRETTY_NAME="netsim-lab alpine stand-in: BusyBox + musl, no apk, not real Alpine"\n' "$BBV" > etc/os-release
    printf 'localhost\n' > etc/hostname; printf '/bin/sh\n/bin/ash\n' > etc/shells
    cp $R/etc/services $R/etc/protocols etc/ )
  mkdir -p $W/busybox/{bin,etc,root,tmp,var/spool/mail,var/www,home,usr/sbin,proc,sys,dev}; chmod 1777 $W/busybox/tmp
  cp $B $W/busybox/bin/busybox
  for a in $($B --list); do [ "$a" = busybox ] || ln $W/busybox/bin/busybox $W/busybox/bin/$a; done
  cp $W/alpine/etc/{passwd,group,shadow,services,protocols} $W/busybox/etc/
  cp -a $W/alpine $W/nginx; mkdir -p $W/nginx/usr/share/nginx/html
  cp $LAB/images/nginx-index.html $W/nginx/usr/share/nginx/html/index.html
  if [ ! -x $W/debian/usr/bin/dig ]; then
    rm -rf $W/debian
    debootstrap --variant=minbase trixie $W/debian $MIRROR >&2 || die "debootstrap trixie"
    printf '#!/bin/sh\nexit 101\n' > $W/debian/usr/sbin/policy-rc.d; chmod +x $W/debian/usr/sbin/policy-rc.d
    in_root $W/debian "apt-get -o Acquire::Check-Valid-Until=false update -qq && apt-get install -y -qq --no-install-recommends $DEBIAN_IMG_PKGS && apt-get clean" >&2 \
      || die "apt in the debian image"
    rm -rf $W/debian/var/lib/apt/lists/* $W/debian/usr/sbin/policy-rc.d $W/debian/var/log/apt/* $W/debian/var/log/dpkg.log
    : > $W/debian/etc/resolv.conf; echo localhost > $W/debian/etc/hostname
    printf '127.0.0.1\tlocalhost\n::1\t\tlocalhost ip6-localhost ip6-loopback\nff02::1\t\tip6-allnodes\nff02::2\t\tip6-allrouters\n' > $W/debian/etc/hosts
  fi
  echo "$BBV" > $W/done
}

# the Docker hosts' own userland for script lines (curl, ping, dig, ip … of Debian trixie, the
# same for every engine): a copy of the debian stand-in's root; the engine's docker CLI is
# bind-mounted into it per line (bin/linerun.sh)
ensure_hostland() {
  local W=$IMG/build
  [ -x $W/hostland/usr/bin/curl ] && [ -f $W/hostland/etc/services ] && return 0
  [ -x $W/debian/usr/bin/curl ] || die "no debian stand-in built (lab.sh install)"
  rm -rf $W/hostland; cp -a $W/debian $W/hostland
  # an installed Debian host has netbase (/etc/services, /etc/protocols), which minbase lacks
  printf '#!/bin/sh\nexit 101\n' > $W/hostland/usr/sbin/policy-rc.d; chmod +x $W/hostland/usr/sbin/policy-rc.d
  cp /etc/resolv.conf $W/hostland/etc/resolv.conf   # the image's is empty; apt needs a resolver
  in_root $W/hostland "apt-get -o Acquire::Check-Valid-Until=false update -qq && apt-get install -y -qq --no-install-recommends netbase && apt-get clean" >&2 \
    || die "apt in the hosts' userland"
  rm -rf $W/hostland/var/lib/apt/lists/* $W/hostland/usr/sbin/policy-rc.d
  : > $W/hostland/etc/resolv.conf
  mkdir -p $W/hostland/usr/libexec/docker $W/hostland/usr/local/bin
  : > $W/hostland/usr/bin/docker; : > $W/hostland/usr/local/bin/docker
}

# the registry stand-in: the debian stand-in's root with Debian's docker-registry
# (distribution 2.8, the registry:2 of Docker Hub built from the same source), serving
# HTTP on :5000 from /var/lib/docker-registry as Debian's config.yml says
build_registry() {
  local W=$IMG/build
  [ -x $W/registry/usr/bin/docker-registry ] && [ -f $W/registry.v2 ] && return 0
  [ -x $W/debian/usr/bin/curl ] || die "no debian stand-in built (lab.sh install)"
  rm -rf $W/registry; cp -a $W/debian $W/registry
  printf '#!/bin/sh\nexit 101\n' > $W/registry/usr/sbin/policy-rc.d; chmod +x $W/registry/usr/sbin/policy-rc.d
  cp /etc/resolv.conf $W/registry/etc/resolv.conf
  in_root $W/registry "apt-get -o Acquire::Check-Valid-Until=false update -qq && apt-get install -y -qq --no-install-recommends docker-registry && apt-get clean" >&2 \
    || die "apt in the registry image"
  rm -rf $W/registry/var/lib/apt/lists/* $W/registry/usr/sbin/policy-rc.d
  : > $W/registry/etc/resolv.conf
  # registry:2's own config (distribution-library-image config-example.yml: storage in
  # /var/lib/registry, HTTP on :5000, no auth); Debian's enables htpasswd auth
  mkdir -p $W/registry/var/lib/registry
  printf 'version: 0.1\nlog:\n  fields:\n    service: registry\nstorage:\n  cache:\n    blobdescriptor: inmemory\n  filesystem:\n    rootdirectory: /var/lib/registry\nhttp:\n  addr: :5000\n  headers:\n    X-Content-Type-Options: [nosniff]\nhealth:\n  storagedriver:\n    enabled: true\n    interval: 10s\n    threshold: 3\n' > $W/registry/etc/docker/registry/config.yml
  touch $W/registry.v2
}

import_registry() {
  local s=$1 W=$IMG/build PATHENV='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  build_registry
  tar -C $W/registry -c . | D $s import --change "ENV $PATHENV" --change 'EXPOSE 5000/tcp' \
     --change 'ENTRYPOINT ["/usr/bin/docker-registry","serve"]' --change 'CMD ["/etc/docker/registry/config.yml"]' \
     -m "$REGISTRY_COMMENT" - netsim-lab/registry:latest >&2
}

# the registry stand-in in the daemon is the current one (its comment names its config)
registry_current() {
  [ "$(D $1 image inspect -f '{{.Comment}}' netsim-lab/registry:latest 2>/dev/null)" = "$REGISTRY_COMMENT" ]
}

# docker import of the stand-ins into one daemon (then saved per engine for a fast load)
import_images() {
  local s=$1 W=$IMG/build BBV PATHENV='PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  BBV=$(cat $W/done)
  tar -C $W/alpine -c . | D $s import --change "ENV $PATHENV" --change 'CMD ["/bin/sh"]' \
     -m "netsim-lab alpine stand-in: BusyBox $BBV (musl static)" - netsim-lab/alpine:latest >&2
  tar -C $W/busybox -c . | D $s import --change "ENV $PATHENV" --change 'CMD ["sh"]' \
     -m "netsim-lab busybox: BusyBox $BBV (musl static), applets hard-linked in /bin" - netsim-lab/busybox:latest >&2
  tar -C $W/nginx -c . | D $s import --change "ENV $PATHENV" --change 'EXPOSE 80/tcp' --change 'STOPSIGNAL SIGQUIT' \
     --change 'CMD ["httpd","-f","-p","80","-h","/usr/share/nginx/html"]' -m "netsim-lab nginx stand-in: BusyBox httpd -f -p 80" - netsim-lab/nginx:latest >&2
  tar -C $W/debian -c . | D $s import --change "ENV $PATHENV" --change 'CMD ["bash"]' \
     -m "netsim-lab debian: debootstrap minbase trixie + $DEBIAN_IMG_PKGS" - netsim-lab/debian:latest >&2
  local n; for n in alpine busybox nginx debian; do D $s tag netsim-lab/$n:latest $n:latest; done
  D $s tag debian:latest debian:trixie; D $s tag debian:latest debian:13
  import_registry $s
}

ensure_images() {
  local s=$1 missing=0 i tar=$IMG/lab-images-$ENGINE.tar
  for i in $LAB_IMAGES; do D $s image inspect $i >/dev/null 2>&1 || missing=1; done
  registry_current $s || missing=1
  [ $missing = 0 ] && return 0
  [ -f $IMG/build/done ] || die "no stand-in images built (lab.sh install)"
  # the same images on every engine: load this engine's saved copy, else another engine's
  # (docker save of 28.5 loads into 20.10, whose `docker import` cannot set STOPSIGNAL), else
  # import the stand-ins' roots
  local other; other=$(ls $IMG/lab-images-*.tar 2>/dev/null | head -1)
  if [ -f $tar ]; then log "$s: docker load ($ENGINE)"; D $s load -q -i $tar >&2
    # a saved copy from before an image joined the list: import that one, save again
    registry_current $s || {
      log "$s: importing the registry stand-in"; import_registry $s
      D $s save -o $tar $LAB_IMAGES || die "docker save"; }
  elif [ -n "$other" ]; then
    log "$s: docker load of $(basename $other)"; D $s load -q -i $other >&2 || die "docker load"
    registry_current $s || import_registry $s
    D $s save -o $tar $LAB_IMAGES || die "docker save"
  else
    log "$s: importing the stand-in images"; import_images $s
    D $s save -o $tar $LAB_IMAGES || die "docker save"
  fi
}

# ---------------------------------------------------------------- namespaces
setup_netns() {
  local n
  for n in netsim-lan netsim-inet $(for s in $SERVERS; do echo netsim-$s; done); do
    [ -e /run/netns/$n ] || ip netns add $n || die "netns add $n"
    ip -n $n link set lo up
  done
  ip -n netsim-lan link show br0 >/dev/null 2>&1 || {
    ip -n netsim-lan link add br0 type bridge
    ip -n netsim-lan addr add 192.168.0.1/24 dev br0
    ip -n netsim-lan link set br0 up; }
  ip netns exec netsim-lan sysctl -qw net.ipv4.ip_forward=1
  # the internet: a point-to-point veth from the LAN router; the documentation ranges are
  # local to netsim-inet (every address of them answers ping and HTTP), never routed further
  ip -n netsim-lan link show wan0 >/dev/null 2>&1 || {
    ip -n netsim-lan link add wan0 type veth peer name eth0 netns netsim-inet
    ip -n netsim-lan addr add 100.64.0.1/30 dev wan0; ip -n netsim-lan link set wan0 up
    ip -n netsim-inet addr add 100.64.0.2/30 dev eth0; ip -n netsim-inet link set eth0 up
    ip -n netsim-inet route add 192.168.0.0/24 via 100.64.0.1
    ip -n netsim-inet route add local 203.0.113.0/24 dev lo
    ip -n netsim-inet route add local 198.51.100.0/24 dev lo
    ip -n netsim-lan route add 203.0.113.0/24 via 100.64.0.2
    ip -n netsim-lan route add 198.51.100.0/24 via 100.64.0.2; }
  for s in $SERVERS; do
    ip -n netsim-$s link show eth0 >/dev/null 2>&1 || {
      ip -n netsim-lan link add lan-$s type veth peer name eth0 netns netsim-$s || die "veth $s"
      ip -n netsim-lan link set lan-$s master br0 up
      ip -n netsim-$s addr add $(ip_of $s)/24 brd + dev eth0
      ip -n netsim-$s link set eth0 up
      ip -n netsim-$s route add default via 192.168.0.1; }
  done
}

start_helpers() {  # the LAN's DNS server and the internet's web server, both ours, by pid
  local p
  p=$(cat $RUN/fakedns.pid 2>/dev/null)
  pid_alive "$p" || ( close_inherited_fds; setsid ip netns exec netsim-lan $PY $LAB/bin/fakedns.py 192.168.0.1 \
      >$LOGS/fakedns.log 2>&1 </dev/null & echo $! > $RUN/fakedns.pid )
  p=$(cat $RUN/inetdns.pid 2>/dev/null)
  pid_alive "$p" || ( close_inherited_fds; setsid ip netns exec netsim-inet $PY $LAB/bin/fakedns.py 0.0.0.0 \
      >$LOGS/inetdns.log 2>&1 </dev/null & echo $! > $RUN/inetdns.pid )
  p=$(cat $RUN/inetweb.pid 2>/dev/null)
  pid_alive "$p" || ( close_inherited_fds; setsid ip netns exec netsim-inet $PY $LAB/bin/inetweb.py \
      >$LOGS/inetweb.log 2>&1 </dev/null & echo $! > $RUN/inetweb.pid )
}

start_daemon() {
  local s=$1 E=$STATE/etc/$s
  daemon_up $s && return 0
  rm -f /run/netsim-$s/docker.sock /run/netsim-$s/dockerd.pid
  mkdir -p /run/netsim-$s $E $LOGS
  # dockerd's extra options: only what this start was asked for (lab.sh run's '# netsim: daemon')
  echo "${LAB_DOCKERD_EXTRA:-}" > $E/dockerd.extra; echo "${LAB_DOCKERD_EXTRA:-}" > $RUN/dockerd.extra
  echo "server${s#srv}" > $E/hostname
  printf 'nameserver 192.168.0.1\n' > $E/resolv.conf
  # Debian's own files for a host with a static address (netcfg's /etc/hosts; resolv.conf
  # naming the LAN's router): what netsim models for a Docker host
  printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n\n# The following lines are desirable for IPv6 capable hosts\n::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\nff02::2 ip6-allrouters\n' "$(cat $E/hostname)" > $E/hosts
  ( close_inherited_fds; setsid nsenter --net=/run/netns/netsim-$s unshare --mount --uts --propagation private \
     $LAB/bin/inner.sh $s $R $E >>$LOGS/$s-dockerd.log 2>&1 </dev/null & )
}

wait_daemon() {
  local s=$1 i
  for i in $(seq 1 160); do daemon_up $s && return 0; sleep 0.25; done
  tail -20 $LOGS/$s-dockerd.log >&2; die "dockerd $s did not come up"
}

cmd_start() {
  local t0=$EPOCHREALTIME running
  [ -x $R/usr/sbin/dockerd ] || die "engine $ENGINE is not installed: run $0 --engine $ENGINE install"
  ensure_hostland
  running=$(cat $RUN/engine 2>/dev/null)
  [ -z "$running" ] || [ "$running" = "$ENGINE" ] || die "engine $running is running: lab.sh stop first"
  mkdir -p $RUN $LOGS
  [ -f $RUN/host.before ] || host_snapshot > $RUN/host.before
  echo $ENGINE > $RUN/engine
  setup_netns
  start_helpers
  for s in $SERVERS; do start_daemon $s; done
  for s in $SERVERS; do wait_daemon $s; done
  [ -n "${LAB_SKIP_IMAGES:-}" ] || for s in $SERVERS; do ensure_images $s; done
  log "engine $ENGINE started in $(awk "BEGIN{printf \"%.2f\", $EPOCHREALTIME - $t0}") s"
}

# ---------------------------------------------------------------- cleanup
clean_daemon() {   # containers, networks, volumes, swarm (+ non-lab images with $2=images)
  local s=$1 ids
  daemon_up $s || return 0
  D $s swarm leave --force >/dev/null 2>&1
  ids=$(D $s ps -aq); [ -z "$ids" ] || D $s rm -f -v $ids >/dev/null 2>&1
  D $s network prune -f >/dev/null 2>&1
  # every volume, named ones too (volume prune keeps named volumes from Engine 23 on)
  ids=$(D $s volume ls -q 2>/dev/null); [ -z "$ids" ] || D $s volume rm -f $ids >/dev/null 2>&1
  if [ "${2:-}" = images ]; then
    local keep=" $LAB_IMAGES " img
    for img in $(D $s image ls --format '{{.Repository}}:{{.Tag}}'); do
      case "$keep" in *" $img "*) ;; *) D $s rmi -f "$img" >/dev/null 2>&1;; esac; done
    D $s image prune -f >/dev/null 2>&1
    ensure_images $s
  fi
}

stop_daemon() {
  local s=$1 p i pids
  p=$(dockerd_pid $s) && {
    kill -TERM $p
    for i in $(seq 1 80); do pid_alive $p || break; sleep 0.25; done
    pid_alive $p && { log "dockerd $s ($p) still alive, SIGKILL"; kill -KILL $p; }
  }
  # what is left in the lab namespace (containerd, shims, containers) was started by the lab
  if [ -e /run/netns/netsim-$s ]; then
    for i in 1 2 3; do
      pids=$(ip netns pids netsim-$s 2>/dev/null)
      [ -z "$pids" ] && break
      kill -TERM $pids 2>/dev/null; sleep 0.5
      pids=$(ip netns pids netsim-$s 2>/dev/null); [ -z "$pids" ] || kill -KILL $pids 2>/dev/null
    done
  fi
  rm -f /run/netsim-$s/docker.sock /run/netsim-$s/dockerd.pid
}

cmd_stop() {
  local t0=$EPOCHREALTIME s p n pids rc=0
  for s in $SERVERS; do clean_daemon $s; done
  local jobs=""
  for s in $SERVERS; do stop_daemon $s & jobs="$jobs $!"; done; wait $jobs
  for p in fakedns inetdns inetweb; do
    n=$(cat $RUN/$p.pid 2>/dev/null); pid_alive "$n" && kill $n; rm -f $RUN/$p.pid
  done
  for n in netsim-lan netsim-inet; do
    [ -e /run/netns/$n ] || continue
    pids=$(ip netns pids $n); [ -z "$pids" ] || kill -KILL $pids 2>/dev/null
  done
  for n in $(for s in $SERVERS; do echo netsim-$s; done) netsim-inet netsim-lan; do
    [ -e /run/netns/$n ] && { ip netns del $n || { log "could not delete $n"; rc=1; }; }
  done
  for s in $SERVERS; do rmdir /run/netsim-$s/exec /run/netsim-$s 2>/dev/null; done
  rm -f $RUN/engine $RUN/dockerd.extra
  if [ -f $RUN/host.before ]; then
    host_snapshot > $RUN/host.after
    if diff -u $RUN/host.before $RUN/host.after >&2; then
      log "the machine's firewall, links, addresses and routes are unchanged"
      rm -f $RUN/host.before $RUN/host.after
    else log "FAILURE: the machine's network state differs (diff above)"; rc=3; fi
  fi
  rmdir $RUN 2>/dev/null
  log "stopped in $(awk "BEGIN{printf \"%.2f\", $EPOCHREALTIME - $t0}") s"
  return $rc
}

cmd_reset() {
  local s
  if [ "${1:-}" = --hard ]; then      # = stop + start: brand-new namespaces and daemons
    for s in $SERVERS; do clean_daemon $s images; done
    cmd_stop || exit $?; cmd_start
  else
    for s in $SERVERS; do clean_daemon $s images; done
  fi
}

cmd_status() {
  local s
  echo "engine: $(cat $RUN/engine 2>/dev/null || echo 'none running')"
  for s in $SERVERS; do
    if daemon_up $s; then echo "$s: dockerd pid $(dockerd_pid $s), $(D $s ps -q | wc -l) running containers, $(D $s version --format '{{.Server.Version}}')"
    else echo "$s: down"; fi
  done
  ip netns list | grep '^netsim-' || echo "no netsim- namespaces"
}

cmd_engines() {
  local v
  for v in 28.5 26.1 20.10; do
    if [ -x $STATE/root-$v/usr/sbin/dockerd ]; then echo "$v installed: $(chroot $STATE/root-$v /usr/sbin/dockerd --version)"
    else echo "$v not installed"; fi
  done
}

# one lab on this machine: start/stop/reset/run take a lock (released when the call ends;
# the daemons close the inherited descriptor), so parallel callers queue instead of colliding
case "${1:-}" in start|stop|reset|run)
  exec 9>/run/netsim-lab.lock; flock 9 ;; esac

case "${1:-}" in
  install)      cmd_install ;;
  start)        cmd_start ;;
  stop)         cmd_stop ;;
  reset)        shift; cmd_reset "$@" ;;
  status)       cmd_status ;;
  engines)      cmd_engines ;;
  run)          shift
                pre=""; args=()
                while [ $# -gt 0 ]; do case "$1" in
                  --reset) pre=soft; shift;; --fresh) pre=hard; shift;;
                  *) args+=("$1"); shift;; esac; done
                # '# netsim: daemon FLAG…' lines: dockerd's options for this script (fresh
                # daemons only); every --fresh run writes them, so the next one starts clean
                flags=""; script=""
                for a in "${args[@]}"; do case "$a" in --timeout|[0-9]*) ;; *) script=$a;; esac; done
                if [ -n "$script" ] && [ "$script" != - ] && [ -f "$script" ]; then
                  read -ra words <<< "$(sed -n 's/^# netsim: daemon //p' "$script" | tr '\n' ' ')"
                  for f in "${words[@]}"; do  # split on blanks, never globbed
                    [[ $f =~ $DAEMON_FLAGS ]] || die "daemon option not allowed in the lab: '$f'"
                    flags="$flags $f"; done
                fi
                export LAB_DOCKERD_EXTRA=$flags
                if [ "$pre" != hard ] && [ -f $RUN/dockerd.extra ] && [ "$(cat $RUN/dockerd.extra)" != "$flags" ]; then
                  die "the daemons run with options '$(cat $RUN/dockerd.extra)', the script asks for '$flags': run --fresh"
                fi
                cmd_start
                case $pre in soft) cmd_reset >&2;; hard) cmd_reset --hard >&2;; esac
                export NETSIM_LAB_ROOT=$R NETSIM_LAB_ENGINE=$ENGINE
                exec $PY $LAB/bin/runscript.py "${args[@]}" ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac
