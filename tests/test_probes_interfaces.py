"""What ip addr/link/route, ifconfig, route, netstat -r and hostname print about interfaces,
pinned whole as MEASURED on the conformance lab (2026-12-04: Docker Engine 28.5.2, Linux 6.18;
the hosts' own tools are Debian sid's, iproute2 7.3; netsim-lab/debian has iproute2 6.15 and
net-tools 2.10; netsim-lab/alpine and busybox have BusyBox 1.38).

Each script below was run with ``conformance/lab/lab.sh run --fresh`` on the lab's two hosts
(eth0 a veth whose peer is lan-srv1/lan-srv2, index 4/5 in netsim-lan) and replayed by netsim on
the same topology; every step listed in MEASURED must print what the lab printed. What is
random or timed in the lab is compared as the conformance normalizations do: MAC addresses, the
IPv6 link-local addresses made from them and the host ends' veth names become <MACn>, <LLn>,
<VETHn>, and network and container IDs (br-<ID>, a container's hostname) <IDn>, in order of
appearance; packet and byte counters were set to 0 and DAD's "tentative"
removed in the measured texts (netsim prints no traffic). Steps left out: the ones the lab could
not do (VLAN, dummy and ipvlan links: its kernel has no 8021q, dummy or ipvlan module), the ones
that depend on timing (docker_gwbridge right after swarm init, a vxlan link not yet deleted) and
ifconfig listings of several veths (sorted by their random names).
"""

from __future__ import annotations

import functools
import ipaddress
import re

import pytest

from netsim.api import Host, Lan
from netsim.lab import Step, run_script
from netsim.probes import probe

#: the lab's topology, as netsim.conformance replays recordings on it
LAB_HOSTS = (
    Host(name="server1", address=ipaddress.IPv4Address("192.168.0.100"),
         dns=(ipaddress.IPv4Address("192.168.0.1"),), nic="veth", nic_peer=4, iproute2="7.3"),
    Host(name="server2", address=ipaddress.IPv4Address("192.168.0.101"),
         dns=(ipaddress.IPv4Address("192.168.0.1"),), nic="veth", nic_peer=5, iproute2="7.3"),
)
LAB_LAN = Lan(subnet=ipaddress.IPv4Network("192.168.0.0/24"),
              gateway=ipaddress.IPv4Address("192.168.0.1"))

SCRIPTS = {
    # a fresh host; a user bridge and two containers; stop/start, disconnect/connect; the
    # host's view from host-network containers
    "ifaces-1": """ip -V
ip addr
ip link
ip -4 addr
ip link show eth0
ip link show docker0
ip addr show docker0
ifconfig
ifconfig -a
route -n
route
netstat -rn
netstat -r
ip route
hostname -i
hostname -I
docker network create n1
ip addr
docker run -d --name a1 --network n1 netsim-lab/alpine sleep 1000
docker run -d --name d1 netsim-lab/debian sleep 1000
docker network connect n1 d1
ip addr
ip -4 addr
ip link
ifconfig
docker exec d1 ip -V
docker exec d1 ip addr
docker exec d1 ip -4 addr
docker exec d1 ip -6 addr
docker exec d1 ip link
docker exec d1 ip link show eth0
docker exec d1 ip link show eth1
docker exec d1 ip link show nope
docker exec d1 ip addr show nope
docker exec d1 ip -4 addr show eth1
docker exec d1 ip route
docker exec d1 route -n
docker exec d1 route
docker exec d1 netstat -rn
docker exec d1 netstat -r
docker exec d1 ifconfig
docker exec d1 ifconfig -a
docker exec d1 ifconfig eth1
docker exec d1 ifconfig nope
docker exec d1 hostname -I
docker exec d1 hostname -i
docker exec a1 ip addr
docker exec a1 ip -4 addr
docker exec a1 ip -6 addr
docker exec a1 ip link
docker exec a1 ip link show eth0
docker exec a1 ip link show nope
docker exec a1 ip addr show nope
docker exec a1 ip route
docker exec a1 route -n
docker exec a1 route
docker exec a1 netstat -rn
docker exec a1 netstat -r
docker exec a1 ifconfig
docker exec a1 ifconfig -a
docker exec a1 ifconfig nope
docker exec a1 ifconfig lo
docker exec a1 hostname -i
docker stop -t 1 a1
ip link
docker start a1
docker exec a1 ip addr
ip link
docker network disconnect n1 d1
ip link
docker network connect n1 d1
docker exec d1 ip -4 addr
ip link
docker run --rm --network host netsim-lab/alpine ip link
docker run --rm --network host netsim-lab/alpine ip addr
docker run --rm --network host netsim-lab/alpine ip -4 addr
docker run --rm --network host netsim-lab/alpine route -n
docker run --rm --network host netsim-lab/alpine netstat -rn
docker run --rm --network host netsim-lab/alpine route
docker run --rm --network host netsim-lab/debian ip addr
docker run --rm --network host netsim-lab/debian ip link
docker run --rm --network host netsim-lab/debian route
docker run --rm --network host netsim-lab/debian ifconfig -a
""",
    # docker0 after its only container stopped; macvlan/ipvlan on VLAN links (refused by the
    # lab's kernel: not compared); --network none
    "ifaces-2": """ip -6 addr
docker run -d --name b1 netsim-lab/alpine sleep 1000
docker stop -t 1 b1
ip addr show docker0
ip route
ip -6 addr
docker network create -d macvlan --subnet 10.99.0.0/24 -o parent=eth0.20 mv20
ip addr
docker run -d --name m1 --network mv20 netsim-lab/debian sleep 1000
docker exec m1 ip addr
docker exec m1 ip -4 addr
docker exec m1 ip link
docker run -d --name m2 --network mv20 netsim-lab/alpine sleep 1000
docker exec m2 ip addr
docker exec m2 ifconfig
docker exec m2 ip route
docker exec m2 route -n
ip link
docker network create -d macvlan --internal --subnet 10.98.0.0/24 mvint
ip link
docker run -d --name m3 --network mvint netsim-lab/debian sleep 1000
docker exec m3 ip addr
docker exec m3 ip route
docker exec m3 route -n
ip link
docker stop -t 1 m1
ip link
docker network create -d ipvlan --subnet 10.97.0.0/24 -o parent=eth0.30 ipv30
ip link
docker run -d --name i1 --network ipv30 netsim-lab/debian sleep 1000
ip link
docker run -d --name n1 --network none netsim-lab/debian sleep 1000
docker exec n1 ip addr
docker exec n1 ip link
docker exec n1 hostname -i
docker exec n1 hostname -I
docker exec n1 route -n
docker exec n1 netstat -rn
docker exec n1 ifconfig
docker run -d --name n2 --network none netsim-lab/alpine sleep 1000
docker exec n2 hostname -i
docker exec n2 ifconfig
docker exec n2 ip link
docker exec n2 route -n
docker exec n2 netstat -rn
docker network rm mv20
ip link
""",
    # swarm: ingress and docker_gwbridge, overlay endpoints, restart, connect/disconnect, the
    # overlay's namespace made again, a worker
    "ifaces-3": """docker swarm init --advertise-addr 192.168.0.100
ip link
ip addr show docker_gwbridge
docker -H server2 swarm join --token $(docker swarm join-token -q worker) 192.168.0.100:2377
docker network create -d overlay --attachable ov
ip link
docker run -d --name a1 --network ov netsim-lab/debian sleep 1000
ip link
docker exec a1 ip addr
docker exec a1 ip link
docker exec a1 ip route
docker exec a1 route -n
docker exec a1 ifconfig
docker run -d --name a2 --network ov netsim-lab/alpine sleep 1000
docker exec a2 ip addr
docker exec a2 ip link
ip link
docker stop -t 1 a1
ip link
docker start a1
docker exec a1 ip -4 addr
docker run -d --name b1 netsim-lab/debian sleep 1000
docker network connect ov b1
docker exec b1 ip addr
docker exec b1 ip route
ip link
docker stop -t 1 a1 a2
docker network disconnect ov b1
ip link
docker run -d --name a3 --network ov netsim-lab/debian sleep 1000
docker exec a3 ip -4 addr
ip link
# netsim: on server2
ip link
docker run -d --name w1 --network ov netsim-lab/alpine sleep 1000
docker exec w1 ip addr
ip link
""",
}

MEASURED: dict[str, dict[int, tuple[int, str, str]]] = {
    "ifaces-1": {
        # ip -V
        1: (0, "ip utility, iproute2-7.3.0, libbpf 1.7.0\n",
             ""),
        # ip addr
        2: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::78b5:e5ff:fe29:1a71/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip link
        3: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
            ),
             ""),
        # ip -4 addr
        4: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default qlen 1000 link-netnsid 0\n"
                "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN group default qlen 0\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip link show eth0
        5: (0, (
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
            ),
             ""),
        # ip link show docker0
        6: (0, (
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
            ),
             ""),
        # ip addr show docker0
        7: (0, (
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ifconfig
        8: (0, (
                "docker0: flags=4099<UP,BROADCAST,MULTICAST>  mtu 1500\n"
                "        inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255\n"
                "        ether 0a:8b:45:02:3c:8b  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 2 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet 192.168.0.100  netmask 255.255.255.0  broadcast 192.168.0.255\n"
                "        inet6 fe80::78b5:e5ff:fe29:1a71  prefixlen 64  scopeid 0x20<link>\n"
                "        ether 7a:b5:e5:29:1a:71  txqueuelen 1000  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n"
                "        inet 127.0.0.1  netmask 255.0.0.0\n"
                "        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n"
                "        loop  txqueuelen 1000  (Local Loopback)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
            ),
             ""),
        # route -n
        10: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "0.0.0.0         192.168.0.1     0.0.0.0         UG    0      0        0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0\n"
                "192.168.0.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0\n"
            ),
             ""),
        # route
        11: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "default         192.168.0.1     0.0.0.0         UG    0      0        0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0\n"
                "192.168.0.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0\n"
            ),
             ""),
        # netstat -rn
        12: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
                "0.0.0.0         192.168.0.1     0.0.0.0         UG        0 0          0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 "
                "docker0\n"
                "192.168.0.0     0.0.0.0         255.255.255.0   U         0 0          0 eth0\n"
            ),
             ""),
        # netstat -r
        13: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
                "default         192.168.0.1     0.0.0.0         UG        0 0          0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 "
                "docker0\n"
                "192.168.0.0     0.0.0.0         255.255.255.0   U         0 0          0 eth0\n"
            ),
             ""),
        # ip route
        14: (0, (
                "default via 192.168.0.1 dev eth0 \n"
                "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown \n"
                "192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.100 \n"
            ),
             ""),
        # hostname -i
        15: (0, "127.0.1.1\n",
             ""),
        # hostname -I
        16: (0, "192.168.0.100 172.17.0.1 \n",
             ""),
        # ip addr
        18: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::78b5:e5ff:fe29:1a71/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
                "4: br-f71e247afd3e: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue "
                "state DOWN group default qlen 0\n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-f71e247afd3e\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip addr
        22: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::78b5:e5ff:fe29:1a71/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::88b:45ff:fe02:3c8b/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP group default qlen 0\n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-f71e247afd3e\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::c407:9cff:fe7f:ac2b/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "5: vetha050d4a@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP group default qlen 0\n"
                "    link/ether a6:4d:38:18:b5:fc brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
                "    inet6 fe80::a44d:38ff:fe18:b5fc/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "6: vethf0bdd05@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP group default qlen 0\n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "    inet6 fe80::ece2:8aff:fe93:5ffa/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "7: vetha7a1e29@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP group default qlen 0\n"
                "    link/ether fa:f0:e5:c8:d4:47 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "    inet6 fe80::f8f0:e5ff:fec8:d447/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip -4 addr
        23: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default qlen 1000 link-netnsid 0\n"
                "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default qlen 0\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP group default qlen 0\n"
                "    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-f71e247afd3e\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip link
        24: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "5: vetha050d4a@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default qlen 0\n"
                "    link/ether a6:4d:38:18:b5:fc brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
                "6: vethf0bdd05@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "7: vetha7a1e29@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default qlen 0\n"
                "    link/ether fa:f0:e5:c8:d4:47 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
            ),
             ""),
        # ifconfig
        25: (0, (
                "br-f71e247afd3e: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet 172.18.0.1  netmask 255.255.0.0  broadcast 172.18.255.255\n"
                "        inet6 fe80::c407:9cff:fe7f:ac2b  prefixlen 64  scopeid 0x20<link>\n"
                "        ether c6:07:9c:7f:ac:2b  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "docker0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet 172.17.0.1  netmask 255.255.0.0  broadcast 172.17.255.255\n"
                "        inet6 fe80::88b:45ff:fe02:3c8b  prefixlen 64  scopeid 0x20<link>\n"
                "        ether 0a:8b:45:02:3c:8b  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 2 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet 192.168.0.100  netmask 255.255.255.0  broadcast 192.168.0.255\n"
                "        inet6 fe80::78b5:e5ff:fe29:1a71  prefixlen 64  scopeid 0x20<link>\n"
                "        ether 7a:b5:e5:29:1a:71  txqueuelen 1000  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n"
                "        inet 127.0.0.1  netmask 255.0.0.0\n"
                "        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n"
                "        loop  txqueuelen 1000  (Local Loopback)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "vetha050d4a: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet6 fe80::a44d:38ff:fe18:b5fc  prefixlen 64  scopeid 0x20<link>\n"
                "        ether a6:4d:38:18:b5:fc  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "vetha7a1e29: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet6 fe80::f8f0:e5ff:fec8:d447  prefixlen 64  scopeid 0x20<link>\n"
                "        ether fa:f0:e5:c8:d4:47  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "vethf0bdd05: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet6 fe80::ece2:8aff:fe93:5ffa  prefixlen 64  scopeid 0x20<link>\n"
                "        ether ee:e2:8a:93:5f:fa  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
            ),
             ""),
        # docker exec d1 ip -V
        26: (0, "ip utility, iproute2-6.15.0, libbpf 1.5.0\n",
             ""),
        # docker exec d1 ip addr
        27: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default \n"
                "    link/ether 9a:78:be:5f:ad:26 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "3: eth1@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default \n"
                "    link/ether c6:6e:15:91:fd:06 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec d1 ip -4 addr
        28: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default  link-netnsid 0\n"
                "    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "3: eth1@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default  link-netnsid 0\n"
                "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec d1 ip -6 addr
        29: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec d1 ip link
        30: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default \n"
                "    link/ether 9a:78:be:5f:ad:26 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: eth1@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default \n"
                "    link/ether c6:6e:15:91:fd:06 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
            ),
             ""),
        # docker exec d1 ip link show eth0
        31: (0, (
                "2: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default \n"
                "    link/ether 9a:78:be:5f:ad:26 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
            ),
             ""),
        # docker exec d1 ip link show eth1
        32: (0, (
                "3: eth1@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default \n"
                "    link/ether c6:6e:15:91:fd:06 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
            ),
             ""),
        # docker exec d1 ip link show nope
        33: (1, "",
             "Device \"nope\" does not exist.\n"),
        # docker exec d1 ip addr show nope
        34: (1, "",
             "Device \"nope\" does not exist.\n"),
        # docker exec d1 ip -4 addr show eth1
        35: (0, (
                "3: eth1@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default  link-netnsid 0\n"
                "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec d1 ip route
        36: (0, (
                "default via 172.17.0.1 dev eth0 \n"
                "172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n"
                "172.18.0.0/16 dev eth1 proto kernel scope link src 172.18.0.3 \n"
            ),
             ""),
        # docker exec d1 route -n
        37: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "0.0.0.0         172.17.0.1      0.0.0.0         UG    0      0        0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth1\n"
            ),
             ""),
        # docker exec d1 route
        38: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "default         172.17.0.1      0.0.0.0         UG    0      0        0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth1\n"
            ),
             ""),
        # docker exec d1 netstat -rn
        39: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
                "0.0.0.0         172.17.0.1      0.0.0.0         UG        0 0          0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth1\n"
            ),
             ""),
        # docker exec d1 netstat -r
        40: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
                "default         172.17.0.1      0.0.0.0         UG        0 0          0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth1\n"
            ),
             ""),
        # docker exec d1 ifconfig
        41: (0, (
                "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet 172.17.0.2  netmask 255.255.0.0  broadcast 172.17.255.255\n"
                "        ether 9a:78:be:5f:ad:26  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "eth1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet 172.18.0.3  netmask 255.255.0.0  broadcast 172.18.255.255\n"
                "        ether c6:6e:15:91:fd:06  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n"
                "        inet 127.0.0.1  netmask 255.0.0.0\n"
                "        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n"
                "        loop  txqueuelen 1000  (Local Loopback)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
            ),
             ""),
        # docker exec d1 ifconfig eth1
        43: (0, (
                "eth1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet 172.18.0.3  netmask 255.255.0.0  broadcast 172.18.255.255\n"
                "        ether c6:6e:15:91:fd:06  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
            ),
             ""),
        # docker exec d1 ifconfig nope
        44: (1, "",
             "nope: error fetching interface information: Device not found\n"),
        # docker exec d1 hostname -I
        45: (0, "172.17.0.2 172.18.0.3 \n",
             ""),
        # docker exec d1 hostname -i
        46: (0, "172.17.0.2 172.18.0.3\n",
             ""),
        # docker exec a1 ip addr
        47: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether 8e:e2:63:6a:d2:e0 brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec a1 ip -4 addr
        48: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec a1 ip -6 addr
        49: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000\n"
                "    inet6 ::1/128 scope host \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec a1 ip link
        50: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether 8e:e2:63:6a:d2:e0 brd ff:ff:ff:ff:ff:ff\n"
            ),
             ""),
        # docker exec a1 ip link show eth0
        51: (0, (
                "2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether 8e:e2:63:6a:d2:e0 brd ff:ff:ff:ff:ff:ff\n"
            ),
             ""),
        # docker exec a1 ip link show nope
        52: (2, "",
             "ip: can't find device 'nope'\n"),
        # docker exec a1 ip addr show nope
        53: (1, "",
             "ip: can't find device 'nope'\n"),
        # docker exec a1 ip route
        54: (0, (
                "default via 172.18.0.1 dev eth0 \n"
                "172.18.0.0/16 dev eth0 scope link  src 172.18.0.2 \n"
            ),
             ""),
        # docker exec a1 route -n
        55: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "0.0.0.0         172.18.0.1      0.0.0.0         UG    0      0        0 eth0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth0\n"
            ),
             ""),
        # docker exec a1 route
        56: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "default         172.18.0.1      0.0.0.0         UG    0      0        0 eth0\n"
                "172.18.0.0      *               255.255.0.0     U     0      0        0 eth0\n"
            ),
             ""),
        # docker exec a1 netstat -rn
        57: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
                "0.0.0.0         172.18.0.1      0.0.0.0         UG        0 0          0 eth0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U         0 0          0 eth0\n"
            ),
             ""),
        # docker exec a1 netstat -r
        58: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
                "default         172.18.0.1      0.0.0.0         UG        0 0          0 eth0\n"
                "172.18.0.0      *               255.255.0.0     U         0 0          0 eth0\n"
            ),
             ""),
        # docker exec a1 ifconfig
        59: (0, (
                "eth0      Link encap:Ethernet  HWaddr 8E:E2:63:6A:D2:E0  \n"
                "          inet addr:172.18.0.2  Bcast:172.18.255.255  Mask:255.255.0.0\n"
                "          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n"
                "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n"
                "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n"
                "          collisions:0 txqueuelen:0 \n"
                "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n"
                "\n"
                "lo        Link encap:Local Loopback  \n"
                "          inet addr:127.0.0.1  Mask:255.0.0.0\n"
                "          inet6 addr: ::1/128 Scope:Host\n"
                "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n"
                "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n"
                "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n"
                "          collisions:0 txqueuelen:1000 \n"
                "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n"
                "\n"
            ),
             ""),
        # docker exec a1 ifconfig nope
        61: (1, "",
             "ifconfig: nope: error fetching interface information: Device not found\n"),
        # docker exec a1 ifconfig lo
        62: (0, (
                "lo        Link encap:Local Loopback  \n"
                "          inet addr:127.0.0.1  Mask:255.0.0.0\n"
                "          inet6 addr: ::1/128 Scope:Host\n"
                "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n"
                "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n"
                "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n"
                "          collisions:0 txqueuelen:1000 \n"
                "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n"
                "\n"
            ),
             ""),
        # docker exec a1 hostname -i
        63: (0, "172.18.0.2\n",
             ""),
        # ip link
        65: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "6: vethf0bdd05@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "7: vetha7a1e29@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default qlen 0\n"
                "    link/ether fa:f0:e5:c8:d4:47 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
            ),
             ""),
        # docker exec a1 ip addr
        67: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether d6:f4:18:4f:b4:5f brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip link
        68: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "6: vethf0bdd05@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "7: vetha7a1e29@if3: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default qlen 0\n"
                "    link/ether fa:f0:e5:c8:d4:47 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "9: vethbb95af8@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 6e:c8:e8:b1:08:c2 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
            ),
             ""),
        # ip link
        70: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "6: vethf0bdd05@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "9: vethbb95af8@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 6e:c8:e8:b1:08:c2 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
            ),
             ""),
        # docker exec d1 ip -4 addr
        72: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default  link-netnsid 0\n"
                "    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "4: eth1@if11: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default  link-netnsid 0\n"
                "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip link
        73: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "6: vethf0bdd05@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "9: vethbb95af8@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 6e:c8:e8:b1:08:c2 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
                "11: veth3d4d318@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 66:e4:dc:d4:8e:c2 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/alpine ip link
        74: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc "
                "noqueue state UP qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP \n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "6: vethf0bdd05@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP \n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff\n"
                "9: vethbb95af8@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP \n"
                "    link/ether 6e:c8:e8:b1:08:c2 brd ff:ff:ff:ff:ff:ff\n"
                "11: veth3d4d318@br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 "
                "qdisc noqueue master br-f71e247afd3e state UP \n"
                "    link/ether 66:e4:dc:d4:8e:c2 brd ff:ff:ff:ff:ff:ff\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/alpine ip addr
        75: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc "
                "noqueue state UP qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff\n"
                "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::78b5:e5ff:fe29:1a71/64 scope link \n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP \n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::88b:45ff:fe02:3c8b/64 scope link \n"
                "       valid_lft forever preferred_lft forever\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-f71e247afd3e\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::c407:9cff:fe7f:ac2b/64 scope link \n"
                "       valid_lft forever preferred_lft forever\n"
                "6: vethf0bdd05@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP \n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff\n"
                "    inet6 fe80::ece2:8aff:fe93:5ffa/64 scope link \n"
                "       valid_lft forever preferred_lft forever\n"
                "9: vethbb95af8@eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP \n"
                "    link/ether 6e:c8:e8:b1:08:c2 brd ff:ff:ff:ff:ff:ff\n"
                "    inet6 fe80::6cc8:e8ff:feb1:8c2/64 scope link \n"
                "       valid_lft forever preferred_lft forever\n"
                "11: veth3d4d318@br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 "
                "qdisc noqueue master br-f71e247afd3e state UP \n"
                "    link/ether 66:e4:dc:d4:8e:c2 brd ff:ff:ff:ff:ff:ff\n"
                "    inet6 fe80::64e4:dcff:fed4:8ec2/64 scope link \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/alpine ip -4 addr
        76: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc "
                "noqueue state UP qlen 1000\n"
                "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP \n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-f71e247afd3e\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/alpine route -n
        77: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "0.0.0.0         192.168.0.1     0.0.0.0         UG    0      0        0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 "
                "br-f71e247afd3e\n"
                "192.168.0.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/alpine netstat -rn
        78: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
                "0.0.0.0         192.168.0.1     0.0.0.0         UG        0 0          0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U         0 0          0 "
                "docker0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U         0 0          0 "
                "br-f71e247afd3e\n"
                "192.168.0.0     0.0.0.0         255.255.255.0   U         0 0          0 eth0\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/alpine route
        79: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "default         192.168.0.1     0.0.0.0         UG    0      0        0 eth0\n"
                "172.17.0.0      *               255.255.0.0     U     0      0        0 docker0\n"
                "172.18.0.0      *               255.255.0.0     U     0      0        0 "
                "br-f71e247afd3e\n"
                "192.168.0.0     *               255.255.255.0   U     0      0        0 eth0\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/debian ip addr
        80: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::78b5:e5ff:fe29:1a71/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default \n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::88b:45ff:fe02:3c8b/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP group default \n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.18.0.1/16 brd 172.18.255.255 scope global br-f71e247afd3e\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::c407:9cff:fe7f:ac2b/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "6: vethf0bdd05@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP group default \n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "    inet6 fe80::ece2:8aff:fe93:5ffa/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "9: vethbb95af8@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP group default \n"
                "    link/ether 6e:c8:e8:b1:08:c2 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
                "    inet6 fe80::6cc8:e8ff:feb1:8c2/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "11: veth3d4d318@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP group default \n"
                "    link/ether 66:e4:dc:d4:8e:c2 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "    inet6 fe80::64e4:dcff:fed4:8ec2/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/debian ip link
        81: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether 7a:b5:e5:29:1a:71 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default \n"
                "    link/ether 0a:8b:45:02:3c:8b brd ff:ff:ff:ff:ff:ff\n"
                "4: br-f71e247afd3e: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default \n"
                "    link/ether c6:07:9c:7f:ac:2b brd ff:ff:ff:ff:ff:ff\n"
                "6: vethf0bdd05@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP mode DEFAULT group default \n"
                "    link/ether ee:e2:8a:93:5f:fa brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "9: vethbb95af8@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default \n"
                "    link/ether 6e:c8:e8:b1:08:c2 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
                "11: veth3d4d318@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master br-f71e247afd3e state UP mode DEFAULT group default \n"
                "    link/ether 66:e4:dc:d4:8e:c2 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
            ),
             ""),
        # docker run --rm --network host netsim-lab/debian route
        82: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "default         192.168.0.1     0.0.0.0         UG    0      0        0 eth0\n"
                "172.17.0.0      0.0.0.0         255.255.0.0     U     0      0        0 docker0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 "
                "br-f71e247afd3e\n"
                "192.168.0.0     0.0.0.0         255.255.255.0   U     0      0        0 eth0\n"
            ),
             ""),
    },
    "ifaces-2": {
        # ip -6 addr
        1: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN \n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP \n"
                "    inet6 fe80::f8db:6cff:fef8:d54d/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip addr show docker0
        4: (0, (
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN group default qlen 0\n"
                "    link/ether d6:79:11:76:91:67 brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.17.0.1/16 brd 172.17.255.255 scope global docker0\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 fe80::d479:11ff:fe76:9167/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip route
        5: (0, (
                "default via 192.168.0.1 dev eth0 \n"
                "172.17.0.0/16 dev docker0 proto kernel scope link src 172.17.0.1 linkdown \n"
                "192.168.0.0/24 dev eth0 proto kernel scope link src 192.168.0.100 \n"
            ),
             ""),
        # ip -6 addr
        6: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN \n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP \n"
                "    inet6 fe80::f8db:6cff:fef8:d54d/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 state DOWN \n"
                "    inet6 fe80::d479:11ff:fe76:9167/64 scope link proto kernel_ll \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec n1 ip addr
        33: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec n1 ip link
        34: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
            ),
             ""),
        # docker exec n1 hostname -i
        35: (1, "",
             "hostname: Temporary failure in name resolution\n"),
        # docker exec n1 hostname -I
        36: (0, "\n",
             ""),
        # docker exec n1 route -n
        37: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
            ),
             ""),
        # docker exec n1 netstat -rn
        38: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
            ),
             ""),
        # docker exec n1 ifconfig
        39: (0, (
                "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n"
                "        inet 127.0.0.1  netmask 255.0.0.0\n"
                "        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n"
                "        loop  txqueuelen 1000  (Local Loopback)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
            ),
             ""),
        # docker exec n2 hostname -i
        41: (1, "",
             "hostname: b518d8c2549a: Try again\n"),
        # docker exec n2 ifconfig
        42: (0, (
                "lo        Link encap:Local Loopback  \n"
                "          inet addr:127.0.0.1  Mask:255.0.0.0\n"
                "          inet6 addr: ::1/128 Scope:Host\n"
                "          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n"
                "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n"
                "          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n"
                "          collisions:0 txqueuelen:1000 \n"
                "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n"
                "\n"
            ),
             ""),
        # docker exec n2 ip link
        43: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
            ),
             ""),
        # docker exec n2 route -n
        44: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
            ),
             ""),
        # docker exec n2 netstat -rn
        45: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n"
            ),
             ""),
    },
    "ifaces-3": {
        # ip link
        6: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether da:99:57:ad:19:9f brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN mode DEFAULT group default qlen 0\n"
                "    link/ether a6:1c:8f:2e:6c:1d brd ff:ff:ff:ff:ff:ff\n"
                "7: docker_gwbridge: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether be:40:be:6f:7e:dc brd ff:ff:ff:ff:ff:ff\n"
                "9: veth6f90db7@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:07:23:bd:3a:6b brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
            ),
             ""),
        # ip link
        8: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether da:99:57:ad:19:9f brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN mode DEFAULT group default qlen 0\n"
                "    link/ether a6:1c:8f:2e:6c:1d brd ff:ff:ff:ff:ff:ff\n"
                "7: docker_gwbridge: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether be:40:be:6f:7e:dc brd ff:ff:ff:ff:ff:ff\n"
                "9: veth6f90db7@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:07:23:bd:3a:6b brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "16: veth4711cf6@if15: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether be:b0:c4:ec:9f:78 brd ff:ff:ff:ff:ff:ff link-netnsid 5\n"
            ),
             ""),
        # docker exec a1 ip addr
        9: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "13: eth0@if14: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP "
                "group default \n"
                "    link/ether 02:42:0a:00:01:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet 10.0.1.2/24 brd 10.0.1.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "15: eth1@if16: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default \n"
                "    link/ether 1a:9e:88:0d:38:21 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
                "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec a1 ip link
        10: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "13: eth0@if14: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP "
                "mode DEFAULT group default \n"
                "    link/ether 02:42:0a:00:01:02 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "15: eth1@if16: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default \n"
                "    link/ether 1a:9e:88:0d:38:21 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
            ),
             ""),
        # docker exec a1 ip route
        11: (0, (
                "default via 172.18.0.1 dev eth1 \n"
                "10.0.1.0/24 dev eth0 proto kernel scope link src 10.0.1.2 \n"
                "172.18.0.0/16 dev eth1 proto kernel scope link src 172.18.0.3 \n"
            ),
             ""),
        # docker exec a1 route -n
        12: (0, (
                "Kernel IP routing table\n"
                "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n"
                "0.0.0.0         172.18.0.1      0.0.0.0         UG    0      0        0 eth1\n"
                "10.0.1.0        0.0.0.0         255.255.255.0   U     0      0        0 eth0\n"
                "172.18.0.0      0.0.0.0         255.255.0.0     U     0      0        0 eth1\n"
            ),
             ""),
        # docker exec a1 ifconfig
        13: (0, (
                "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1450\n"
                "        inet 10.0.1.2  netmask 255.255.255.0  broadcast 10.0.1.255\n"
                "        ether 02:42:0a:00:01:02  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "eth1: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n"
                "        inet 172.18.0.3  netmask 255.255.0.0  broadcast 172.18.255.255\n"
                "        ether 1a:9e:88:0d:38:21  txqueuelen 0  (Ethernet)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
                "lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n"
                "        inet 127.0.0.1  netmask 255.0.0.0\n"
                "        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n"
                "        loop  txqueuelen 1000  (Local Loopback)\n"
                "        RX packets 0  bytes 0 (0.0 B)\n"
                "        RX errors 0  dropped 0  overruns 0  frame 0\n"
                "        TX packets 0  bytes 0 (0.0 B)\n"
                "        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n"
                "\n"
            ),
             ""),
        # docker exec a2 ip addr
        15: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host \n"
                "       valid_lft forever preferred_lft forever\n"
                "17: eth0@if18: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue "
                "state UP \n"
                "    link/ether 02:42:0a:00:01:04 brd ff:ff:ff:ff:ff:ff\n"
                "    inet 10.0.1.4/24 brd 10.0.1.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "19: eth1@if20: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether c2:89:94:e6:4f:50 brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.18.0.4/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec a2 ip link
        16: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "17: eth0@if18: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue "
                "state UP \n"
                "    link/ether 02:42:0a:00:01:04 brd ff:ff:ff:ff:ff:ff\n"
                "19: eth1@if20: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether c2:89:94:e6:4f:50 brd ff:ff:ff:ff:ff:ff\n"
            ),
             ""),
        # ip link
        17: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether da:99:57:ad:19:9f brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN mode DEFAULT group default qlen 0\n"
                "    link/ether a6:1c:8f:2e:6c:1d brd ff:ff:ff:ff:ff:ff\n"
                "7: docker_gwbridge: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether be:40:be:6f:7e:dc brd ff:ff:ff:ff:ff:ff\n"
                "9: veth6f90db7@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:07:23:bd:3a:6b brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "16: veth4711cf6@if15: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether be:b0:c4:ec:9f:78 brd ff:ff:ff:ff:ff:ff link-netnsid 5\n"
                "20: vethb0b6864@if19: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 8e:fe:96:5f:8d:69 brd ff:ff:ff:ff:ff:ff link-netnsid 6\n"
            ),
             ""),
        # ip link
        19: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether da:99:57:ad:19:9f brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN mode DEFAULT group default qlen 0\n"
                "    link/ether a6:1c:8f:2e:6c:1d brd ff:ff:ff:ff:ff:ff\n"
                "7: docker_gwbridge: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether be:40:be:6f:7e:dc brd ff:ff:ff:ff:ff:ff\n"
                "9: veth6f90db7@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:07:23:bd:3a:6b brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "20: vethb0b6864@if19: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 8e:fe:96:5f:8d:69 brd ff:ff:ff:ff:ff:ff link-netnsid 6\n"
            ),
             ""),
        # docker exec a1 ip -4 addr
        21: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "21: eth0@if22: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP "
                "group default  link-netnsid 0\n"
                "    inet 10.0.1.5/24 brd 10.0.1.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "23: eth1@if24: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default  link-netnsid 1\n"
                "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec b1 ip addr
        24: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host proto kernel_lo \n"
                "       valid_lft forever preferred_lft forever\n"
                "2: eth0@if25: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default \n"
                "    link/ether de:7f:ad:0e:2e:03 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "26: eth1@if27: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP "
                "group default \n"
                "    link/ether 02:42:0a:00:01:06 brd ff:ff:ff:ff:ff:ff link-netnsid 1\n"
                "    inet 10.0.1.6/24 brd 10.0.1.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # docker exec b1 ip route
        25: (0, (
                "default via 172.17.0.1 dev eth0 \n"
                "10.0.1.0/24 dev eth1 proto kernel scope link src 10.0.1.6 \n"
                "172.17.0.0/16 dev eth0 proto kernel scope link src 172.17.0.2 \n"
            ),
             ""),
        # ip link
        26: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether da:99:57:ad:19:9f brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 0\n"
                "    link/ether a6:1c:8f:2e:6c:1d brd ff:ff:ff:ff:ff:ff\n"
                "7: docker_gwbridge: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether be:40:be:6f:7e:dc brd ff:ff:ff:ff:ff:ff\n"
                "9: veth6f90db7@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:07:23:bd:3a:6b brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "20: vethb0b6864@if19: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 8e:fe:96:5f:8d:69 brd ff:ff:ff:ff:ff:ff link-netnsid 6\n"
                "24: vethef02457@if23: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:08:1d:2d:2d:82 brd ff:ff:ff:ff:ff:ff link-netnsid 5\n"
                "25: vetha738c76@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ba:59:08:57:96:2a brd ff:ff:ff:ff:ff:ff link-netnsid 7\n"
            ),
             ""),
        # docker exec a3 ip -4 addr
        31: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group "
                "default qlen 1000\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "31: eth0@if32: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1450 qdisc noqueue state UP "
                "group default  link-netnsid 0\n"
                "    inet 10.0.1.7/24 brd 10.0.1.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "33: eth1@if34: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "group default  link-netnsid 1\n"
                "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip link
        32: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether da:99:57:ad:19:9f brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 0\n"
                "    link/ether a6:1c:8f:2e:6c:1d brd ff:ff:ff:ff:ff:ff\n"
                "7: docker_gwbridge: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether be:40:be:6f:7e:dc brd ff:ff:ff:ff:ff:ff\n"
                "9: veth6f90db7@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:07:23:bd:3a:6b brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "25: vetha738c76@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker0 state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ba:59:08:57:96:2a brd ff:ff:ff:ff:ff:ff link-netnsid 7\n"
                "34: veth0e8110b@if33: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether fa:77:4f:9a:23:ee brd ff:ff:ff:ff:ff:ff link-netnsid 5\n"
            ),
             ""),
        # ip link
        34: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether d6:bb:78:20:b3:87 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN mode DEFAULT group default qlen 0\n"
                "    link/ether fe:8b:12:4b:f7:d2 brd ff:ff:ff:ff:ff:ff\n"
                "7: docker_gwbridge: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 4e:d1:68:5a:02:7e brd ff:ff:ff:ff:ff:ff\n"
                "9: veth13062d1@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ca:84:43:d2:80:16 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
            ),
             ""),
        # docker exec w1 ip addr
        36: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "    inet 127.0.0.1/8 scope host lo\n"
                "       valid_lft forever preferred_lft forever\n"
                "    inet6 ::1/128 scope host \n"
                "       valid_lft forever preferred_lft forever\n"
                "13: eth0@if14: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1450 qdisc noqueue "
                "state UP \n"
                "    link/ether 02:42:0a:00:01:09 brd ff:ff:ff:ff:ff:ff\n"
                "    inet 10.0.1.9/24 brd 10.0.1.255 scope global eth0\n"
                "       valid_lft forever preferred_lft forever\n"
                "15: eth1@if16: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue "
                "state UP \n"
                "    link/ether 12:34:23:c0:bb:5b brd ff:ff:ff:ff:ff:ff\n"
                "    inet 172.18.0.3/16 brd 172.18.255.255 scope global eth1\n"
                "       valid_lft forever preferred_lft forever\n"
            ),
             ""),
        # ip link
        37: (0, (
                "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT "
                "group default qlen 1000\n"
                "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n"
                "2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP "
                "mode DEFAULT group default qlen 1000\n"
                "    link/ether d6:bb:78:20:b3:87 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "3: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state "
                "DOWN mode DEFAULT group default qlen 0\n"
                "    link/ether fe:8b:12:4b:f7:d2 brd ff:ff:ff:ff:ff:ff\n"
                "7: docker_gwbridge: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 4e:d1:68:5a:02:7e brd ff:ff:ff:ff:ff:ff\n"
                "9: veth13062d1@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether ca:84:43:d2:80:16 brd ff:ff:ff:ff:ff:ff link-netnsid 2\n"
                "16: vethcc046d4@if15: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue "
                "master docker_gwbridge state UP mode DEFAULT group default qlen 0\n"
                "    link/ether 0a:12:b2:55:ad:0b brd ff:ff:ff:ff:ff:ff link-netnsid 5\n"
            ),
             ""),
    },
}


_MAC = re.compile(r"\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b", re.IGNORECASE)
_LINK_LOCAL = re.compile(r"\bfe80::[0-9a-f:]+(?=/|\b)", re.IGNORECASE)
_VETH = re.compile(r"\bveth[0-9a-f]{7}\b")
_ID = re.compile(r"(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])")


def _normalized(text: str) -> str:
    """MACs, link-local addresses, veth names and IDs (a bridge's br-<ID>, a hostname) numbered
    in order of appearance."""
    seen: dict[str, str] = {}

    def number(kind: str) -> object:
        def sub(m: re.Match[str]) -> str:
            value = m.group(0).lower()
            if value in ("ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00"):
                return m.group(0)
            if value not in seen:
                seen[value] = f"<{kind}{sum(v.startswith('<' + kind) for v in seen.values()) + 1}>"
            return seen[value]
        return sub

    text = _MAC.sub(number("MAC"), text)  # type: ignore[arg-type]
    text = _LINK_LOCAL.sub(number("LL"), text)  # type: ignore[arg-type]
    text = _VETH.sub(number("VETH"), text)  # type: ignore[arg-type]
    return _ID.sub(number("ID"), text)  # type: ignore[arg-type]


@functools.cache
def _replay(name: str) -> dict[int, Step]:
    _, steps = run_script(SCRIPTS[name], source=name, hosts=LAB_HOSTS, lan=LAB_LAN,
                          profile="28.5")
    return {s.line: s for s in steps}


CASES = [(name, line) for name, lines in MEASURED.items() for line in lines]


@pytest.mark.parametrize(("name", "line"), CASES, ids=[f"{n}:{ln}" for n, ln in CASES])
def test_prints_what_the_lab_printed(name: str, line: int) -> None:
    """The step prints, on each stream, what the lab printed (measured; see the module doc)."""
    code, stdout, stderr = MEASURED[name][line]
    step = _replay(name)[line]
    assert (step.exit_code, _normalized(step.stdout), _normalized(step.stderr)) == (
        code, _normalized(stdout), _normalized(stderr)), step.command


def test_link_local_addresses_are_eui64_of_the_mac() -> None:
    """Measured: eth0 7a:b5:e5:29:1a:71 has fe80::78b5:e5ff:fe29:1a71 (U/L bit flipped, ff:fe in
    the middle); netsim makes every host interface's link-local address so."""
    out = _replay("ifaces-1")[22].stdout
    pairs = re.findall(r"link/ether (\S+) .*\n(?:    inet .*\n       .*\n)?"
                       r"    inet6 (fe80::\S+)/64", out)
    assert len(pairs) == 6
    for mac, ll in pairs:
        b = bytes.fromhex(mac.replace(":", ""))
        eui = bytes([b[0] ^ 2]) + b[1:3] + b"\xff\xfe" + b[3:]
        assert ipaddress.IPv6Address(ll) == ipaddress.IPv6Address(b"\xfe\x80" + bytes(6) + eui)


def test_macvlan_endpoint_keeps_the_hosts_next_index() -> None:
    """Measured (recording 25-macvlan-two-hosts): a macvlan link is made in the host's namespace
    and moved, so it keeps the host's next index: ``4: eth0@if2`` (the parent eth0 is 2)."""
    _, steps = run_script(
        "docker network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 "
        "--ip-range 192.168.0.128/28 -o parent=eth0 mv\n"
        "docker run -d --name m1 --network mv netsim-lab/alpine sleep 1000\n"
        "docker exec m1 ip -4 addr\n", hosts=LAB_HOSTS, lan=LAB_LAN, profile="28.5")
    assert steps[-1].stdout == (
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n"
        "    inet 127.0.0.1/8 scope host lo\n"
        "       valid_lft forever preferred_lft forever\n"
        "4: eth0@if2: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \n"
        "    inet 192.168.0.128/24 brd 192.168.0.255 scope global eth0\n"
        "       valid_lft forever preferred_lft forever\n")


def test_physical_nic_host() -> None:
    """netsim's default Docker host has a physical NIC (not measured: the lab's hosts are
    namespaces): ``eth0`` without a peer, qdisc fq_codel, txqueuelen 1000, no netns id taken,
    so its first container's namespace is ``link-netnsid 0``; its iproute2 (6.15) prints no
    ``qlen 0``."""
    lab, _ = run_script("docker run -d --name c1 alpine sleep 1d\n")
    out = probe(lab.state, "@host", "ip link").stdout.splitlines()
    assert out[2] == ("2: eth0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc fq_codel state UP "
                      "mode DEFAULT group default qlen 1000")
    assert out[4] == ("3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state "
                      "UP mode DEFAULT group default ")
    assert out[6].startswith("4: veth") and out[6].endswith(
        "@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master docker0 state UP "
        "mode DEFAULT group default ")
    assert out[7].endswith(" brd ff:ff:ff:ff:ff:ff link-netnsid 0")


def test_host_directive_declares_a_veth_nic() -> None:
    """``# netsim: host NAME nic=veth nic_peer=N iproute2=7.3`` declares a host like the lab's."""
    lab, steps = run_script("# netsim: host h1 address=192.168.0.100 nic=veth nic_peer=9 "
                            "iproute2=7.3\n# netsim: lan 192.168.0.0/24\nip -4 addr show eth0\n")
    assert steps[0].stdout == (
        "2: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group "
        "default qlen 1000 link-netnsid 0\n"
        "    inet 192.168.0.100/24 brd 192.168.0.255 scope global eth0\n"
        "       valid_lft forever preferred_lft forever\n")
    assert lab.state.hosts["h1"].host.nic == "veth"


@pytest.mark.parametrize(("engine", "docker_prefix"), [("26.1", True), ("28.5", False)])
def test_bridge_mac_keeps_dockers_prefix_before_28(engine: str, docker_prefix: bool) -> None:
    """Recorded (26.1.5: 34-probes-ip-ifconfig:43, ``link/ether 02:42:26:a9:4e:26``): before
    28.0 GenerateRandomMAC draws only the last 4 bytes after Docker's 02:42; from 28.0 all 46
    bits are random (moby a900e0b5bb)."""
    macs = set()
    for seed in range(8):
        lab, _ = run_script("docker network create n1\n", hosts=LAB_HOSTS, lan=LAB_LAN,
                            profile=engine, seed=seed)
        out = probe(lab.state, "@server1", "ip link").stdout
        macs |= set(re.findall(r"docker0: .*\n    link/ether (\S+)", out))
        macs |= set(re.findall(r"br-[0-9a-f]{12}: .*\n    link/ether (\S+)", out))
    assert len(macs) == 16
    assert all(m.startswith("02:42:") for m in macs) is docker_prefix
