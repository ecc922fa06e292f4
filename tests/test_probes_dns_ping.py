"""ping, nc, nslookup, dig, hostname and the resolver files, pinned whole as MEASURED on the
conformance lab (2026-12-04: Docker Engine 28.5.2 from Debian's docker.io, Linux 6.18; the hosts'
userland and netsim-lab/debian are Debian trixie: iputils 20240905, netcat-openbsd, BIND 9.20,
glibc; netsim-lab/alpine and busybox are BusyBox 1.38.0 built statically with musl).

Each SCRIPT_N below was run with ``conformance/lab/lab.sh run --fresh`` and MEASURED_N holds what
the lab printed for its lines (exit status, stdout, stderr); netsim replays the same script on the
lab's topology and must print the same, after the normalizations the conformance comparison
applies to what is measured or random: round-trip times, ping's ``time Nms`` and the rtt line,
container IDs (a container's hostname), and the order of BusyBox nslookup's answer blocks (it
prints replies as they arrive: ``nslookup-race``). Left out: commands netsim does not simulate
(ls, getent ahosts, the busybox applet list) and the runs whose outcome varied between identical
measurements (an ARP failure near the 3 s boundary: ``-c 3 -W 1`` printed one error once and none
once; ``-c 3`` printed ``pipe 2`` once and ``pipe 3`` once; the fourth probe of ``-c 4`` failed at
sendmsg in some runs and with the next ARP round in others).
"""

from __future__ import annotations

import functools
import ipaddress
import re

import pytest

from netsim.api import Host, Lan
from netsim.conformance import NORMALIZATIONS
from netsim.lab import Lab, Step, run_script
from netsim.probes import probe

LAB_HOSTS = (
    Host(name="server1", address=ipaddress.IPv4Address("192.168.0.100"),
         dns=(ipaddress.IPv4Address("192.168.0.1"),), nic="veth", nic_peer=4),
    Host(name="server2", address=ipaddress.IPv4Address("192.168.0.101"),
         dns=(ipaddress.IPv4Address("192.168.0.1"),), nic="veth", nic_peer=5),
)
LAB_LAN = Lan(subnet=ipaddress.IPv4Network("192.168.0.0/24"),
              gateway=ipaddress.IPv4Address("192.168.0.1"))

SCRIPT_1 = """\
docker network create net1
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name n1 --network none netsim-lab/alpine sleep 1000
docker run -d --name nd --network none netsim-lab/debian sleep 1000
docker run -d --name hd --network host netsim-lab/debian sleep 1000
docker run -d --name ha --network host netsim-lab/alpine sleep 1000
cat /etc/hosts
cat /etc/resolv.conf
hostname -i
getent hosts server1
getent hosts localhost
ls -l /etc/services /etc/nsswitch.conf /etc/gai.conf
cat /etc/nsswitch.conf
docker exec hd cat /etc/hosts
docker exec hd cat /etc/resolv.conf
docker exec ha cat /etc/resolv.conf
docker exec hd hostname -i
docker exec ha hostname -i
docker exec hd getent hosts server1
docker exec d1 ls -l /etc/services /etc/nsswitch.conf
docker exec a1 ls -l /etc/services
docker exec n1 hostname -i
docker exec nd hostname -i
docker exec nd cat /etc/hosts
docker exec d1 ping -c 1 localhost
docker exec d1 ping -c 1 -4 localhost
docker exec d1 ping -c 1 ip6-localhost
docker exec d1 ping -c 1 ::1
docker exec d1 ping -c 1 -q localhost
docker exec nd ping -c 2 localhost
docker exec a1 ping -c 1 localhost
docker exec a1 ping -c 1 ip6-localhost
docker exec hd ping -c 1 localhost
docker exec ha ping -c 1 localhost
ping -c 1 localhost
ping -c 1 server1
docker run --rm --sysctl net.ipv6.conf.all.disable_ipv6=1 netsim-lab/debian ping -c 1 localhost
docker run --rm --sysctl net.ipv6.conf.all.disable_ipv6=1 netsim-lab/debian cat /etc/hosts
docker exec d1 getent hosts localhost
docker exec d1 getent ahosts localhost
"""

SCRIPT_2 = """\
docker network create net1
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name web --network net1 netsim-lab/nginx
# @timeout 40
docker exec d1 ping -c 1 -W 1 172.18.0.99
# @timeout 40
docker exec d1 ping -c 1 172.18.0.99
# @timeout 40
docker exec d1 ping -c 2 -W 1 172.18.0.99
# @timeout 40
docker exec d1 ping -c 3 -W 1 172.18.0.99
# @timeout 40
docker exec d1 ping -c 3 172.18.0.99
# @timeout 40
docker exec d1 ping -c 5 172.18.0.99
# @timeout 40
docker exec d1 ping -c 6 172.18.0.99
# @timeout 40
docker exec d1 ping -c 4 -q 172.18.0.99
# @timeout 40
docker exec d1 ping -w 5 172.18.0.99
# @timeout 40
docker exec a1 ping -c 1 -W 1 172.18.0.99
# @timeout 40
docker exec a1 ping -c 3 172.18.0.99
# @timeout 40
ping -c 1 -W 1 192.168.0.99
# @timeout 40
ping -c 4 192.168.0.99
# @timeout 40
docker exec d1 nc -zv -w 5 172.18.0.99 80
# @timeout 40
docker exec d1 nc -zv 172.18.0.99 80
docker exec d1 ping -c 0 a1
docker exec d1 ping -c -1 a1
docker exec d1 ping -c 99999999999999999999 a1
docker exec d1 ping -c abc a1
docker exec d1 ping -c 1.5 a1
docker exec d1 ping -c
docker exec a1 ping -c 0 d1
docker exec a1 ping -c abc d1
docker exec a1 ping -c
docker exec a1 nc
docker exec a1 nc -z d1 80
docker exec a1 nc -zv -w 2 web 80
docker exec a1 wget
docker exec a1 wget -Z
docker exec a1 nslookup
docker exec a1 nslookup -z web
docker exec a1 hostname -x
docker exec a1 busybox
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup web
docker exec a1 nslookup example.com
docker exec a1 nslookup example.com
docker exec a1 nslookup example.com
docker exec a1 nslookup example.com
docker exec a1 nslookup example.com
docker exec a1 nslookup example.com 192.168.0.1
docker exec a1 nslookup example.com 192.168.0.1
docker exec a1 nslookup example.com 192.168.0.1
docker exec a1 nslookup example.com 192.168.0.1
docker exec a1 nslookup nosuch
docker exec a1 nslookup nosuch.invalid
docker exec d1 host example.com
docker exec d1 nc -zv -w 2 web 80
docker exec d1 nc -z -w 2 web 80
nc -zv -w 2 localhost 8080
nc -zv -w 2 192.168.0.1 53
"""

SCRIPT_3 = """\
docker network create net1
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name n1 --network none netsim-lab/debian sleep 1000
# @timeout 40
docker exec d1 ping -c 2 172.18.0.99
# @timeout 40
docker exec d1 ping -c 2 172.18.0.98
# @timeout 40
docker exec d1 ping -c 3 172.18.0.97
# @timeout 40
docker exec d1 ping -c 3 -W 1 172.18.0.96
# @timeout 40
docker exec d1 ping -c 2 -W 2 172.18.0.95
# @timeout 40
docker exec d1 ping -c 1 -W 3 172.18.0.94
# @timeout 40
docker exec d1 ping -c 1 -W 2 172.18.0.93
# @timeout 40
docker exec d1 ping -c 1 -W 4 172.18.0.92
# @timeout 40
docker exec d1 ping -c 4 172.18.0.91
# @timeout 40
docker exec d1 ping -c 2 -q 172.18.0.90
# @timeout 40
docker exec d1 ping -w 2 172.18.0.89
# @timeout 40
docker exec d1 ping -c 1 -w 5 172.18.0.88
# @timeout 40
docker exec d1 ping -c 2 -W 1 -w 5 172.18.0.87
docker exec d1 ping -c 1 ::1
docker exec d1 ping -c 1 ip6-loopback
docker exec d1 ping -c 1 -6 localhost
docker exec d1 ping -c 1 -6 d1
docker exec d1 ping -c 1 d1
docker exec n1 ping -c 1 -W 1 ::2
docker exec d1 ping -c 1 -W 1 fd00::1
docker exec d1 nc -zv -w 2 localhost 80
docker exec d1 nc -zv -w 2 ::1 80
"""

MEASURED_1: dict[int, tuple[int, str, str]] = {
    8: (0,
        ('127.0.0.1\tlocalhost\n127.0.1.1\tserver1\n\n'
         '# The following lines are desirable for IPv6 capable hosts\n'
         '::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\n'
         'ff02::2 ip6-allrouters\n'),
        ''),
    9: (0,
        'nameserver 192.168.0.1\n',
        ''),
    10: (0,
        '127.0.1.1\n',
        ''),
    11: (0,
        '127.0.1.1       server1\n',
        ''),
    12: (0,
        '::1             localhost ip6-localhost ip6-loopback\n',
        ''),
    15: (0,
        ('127.0.0.1\tlocalhost\n127.0.1.1\tserver1\n\n'
         '# The following lines are desirable for IPv6 capable hosts\n'
         '::1     localhost ip6-localhost ip6-loopback\nff02::1 ip6-allnodes\n'
         'ff02::2 ip6-allrouters\n'),
        ''),
    16: (0,
        ('# Generated by Docker Engine.\n'
         '# This file can be edited; Docker Engine will not make fur'
         'ther changes once it\n# has been modified.\n\nnameserver 192.168.0.1\n\n'
         "# Based on host file: '/etc/resolv.conf'\n# Overrides: []\n"),
        ''),
    17: (0,
        ('# Generated by Docker Engine.\n'
         '# This file can be edited; Docker Engine will not make fur'
         'ther changes once it\n# has been modified.\n\nnameserver 192.168.0.1\n\n'
         "# Based on host file: '/etc/resolv.conf'\n# Overrides: []\n"),
        ''),
    18: (0,
        '127.0.1.1\n',
        ''),
    19: (0,
        '127.0.1.1\n',
        ''),
    20: (0,
        '127.0.1.1       server1\n',
        ''),
    23: (1,
        '',
        'hostname: d557279312e1: Try again\n'),
    24: (1,
        '',
        'hostname: Temporary failure in name resolution\n'),
    25: (0,
        ('127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n'
         'fe00::\tip6-localnet\nff00::\tip6-mcastprefix\nff02::1\tip6-allnodes\n'
         'ff02::2\tip6-allrouters\n'),
        ''),
    26: (0,
        ('PING localhost (::1) 56 data bytes\n'
         '64 bytes from localhost (::1): icmp_seq=1 ttl=64 time=0.040 ms\n\n'
         '--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.040/0.040/0.040/0.000 ms\n'),
        ''),
    27: (0,
        ('PING localhost (127.0.0.1) 56(84) bytes of data.\n'
         '64 bytes from localhost (127.0.0.1): icmp_seq=1 ttl=64 time=0.191 ms\n\n'
         '--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.191/0.191/0.191/0.000 ms\n'),
        ''),
    28: (0,
        ('PING ip6-localhost (::1) 56 data bytes\n'
         '64 bytes from localhost (::1): icmp_seq=1 ttl=64 time=0.030 ms\n\n'
         '--- ip6-localhost ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.030/0.030/0.030/0.000 ms\n'),
        ''),
    29: (0,
        ('PING ::1 (::1) 56 data bytes\n'
         '64 bytes from ::1: icmp_seq=1 ttl=64 time=0.031 ms\n\n'
         '--- ::1 ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.031/0.031/0.031/0.000 ms\n'),
        ''),
    30: (0,
        ('PING localhost (::1) 56 data bytes\n\n--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.021/0.021/0.021/0.000 ms\n'),
        ''),
    31: (0,
        ('PING localhost (::1) 56 data bytes\n'
         '64 bytes from localhost (::1): icmp_seq=1 ttl=64 time=0.024 ms\n'
         '64 bytes from localhost (::1): icmp_seq=2 ttl=64 time=0.046 ms\n\n'
         '--- localhost ping statistics ---\n'
         '2 packets transmitted, 2 received, 0% packet loss, time 1031ms\n'
         'rtt min/avg/max/mdev = 0.024/0.035/0.046/0.011 ms\n'),
        ''),
    32: (0,
        ('PING localhost (127.0.0.1): 56 data bytes\n'
         '64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.087 ms\n\n'
         '--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 packets received, 0% packet loss\n'
         'round-trip min/avg/max = 0.087/0.087/0.087 ms\n'),
        ''),
    33: (0,
        ('PING ip6-localhost (::1): 56 data bytes\n'
         '64 bytes from ::1: seq=0 ttl=64 time=0.064 ms\n\n'
         '--- ip6-localhost ping statistics ---\n'
         '1 packets transmitted, 1 packets received, 0% packet loss\n'
         'round-trip min/avg/max = 0.064/0.064/0.064 ms\n'),
        ''),
    34: (0,
        ('PING localhost (::1) 56 data bytes\n'
         '64 bytes from localhost (::1): icmp_seq=1 ttl=64 time=0.026 ms\n\n'
         '--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.026/0.026/0.026/0.000 ms\n'),
        ''),
    35: (0,
        ('PING localhost (127.0.0.1): 56 data bytes\n'
         '64 bytes from 127.0.0.1: seq=0 ttl=64 time=0.073 ms\n\n'
         '--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 packets received, 0% packet loss\n'
         'round-trip min/avg/max = 0.073/0.073/0.073 ms\n'),
        ''),
    36: (0,
        ('PING localhost (::1) 56 data bytes\n'
         '64 bytes from localhost (::1): icmp_seq=1 ttl=64 time=0.029 ms\n\n'
         '--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.029/0.029/0.029/0.000 ms\n'),
        ''),
    37: (0,
        ('PING server1 (127.0.1.1) 56(84) bytes of data.\n'
         '64 bytes from server1 (127.0.1.1): icmp_seq=1 ttl=64 time=0.044 ms\n\n'
         '--- server1 ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.044/0.044/0.044/0.000 ms\n'),
        ''),
    38: (0,
        ('PING localhost (127.0.0.1) 56(84) bytes of data.\n'
         '64 bytes from localhost (127.0.0.1): icmp_seq=1 ttl=64 time=0.033 ms\n\n'
         '--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.033/0.033/0.033/0.000 ms\n'),
        ''),
    39: (0,
        '127.0.0.1\tlocalhost\n172.17.0.2\t1b692160b995\n',
        ''),
    40: (0,
        '::1             localhost ip6-localhost ip6-loopback\n',
        ''),
}
MEASURED_2: dict[int, tuple[int, str, str]] = {
    6: (1,
        ('PING 172.18.0.99 (172.18.0.99) 56(84) bytes of data.\n\n'
         '--- 172.18.0.99 ping statistics ---\n'
         '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n'),
        ''),
    8: (1,
        ('PING 172.18.0.99 (172.18.0.99) 56(84) bytes of data.\n'
         'From 172.18.0.3 icmp_seq=1 Destination Host Unreachable\n\n'
         '--- 172.18.0.99 ping statistics ---\n'
         '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n\n'),
        ''),
    10: (1,
        ('PING 172.18.0.99 (172.18.0.99) 56(84) bytes of data.\n\n'
         '--- 172.18.0.99 ping statistics ---\n'
         '2 packets transmitted, 0 received, 100% packet loss, time 1023ms\n\n'),
        ''),
    16: (1,
        ('PING 172.18.0.99 (172.18.0.99) 56(84) bytes of data.\n'
         'From 172.18.0.3 icmp_seq=1 Destination Host Unreachable\n'
         'From 172.18.0.3 icmp_seq=2 Destination Host Unreachable\n'
         'From 172.18.0.3 icmp_seq=3 Destination Host Unreachable\n'
         'From 172.18.0.3 icmp_seq=5 Destination Host Unreachable\n\n'
         '--- 172.18.0.99 ping statistics ---\n'
         '5 packets transmitted, 0 received, +4 errors, 100% packet '
         'loss, time 4103ms\npipe 3\n'),
        'ping: sendmsg: No route to host\n'),
    18: (1,
        ('PING 172.18.0.99 (172.18.0.99) 56(84) bytes of data.\n'
         'From 172.18.0.3 icmp_seq=1 Destination Host Unreachable\n'
         'From 172.18.0.3 icmp_seq=2 Destination Host Unreachable\n'
         'From 172.18.0.3 icmp_seq=3 Destination Host Unreachable\n'
         'From 172.18.0.3 icmp_seq=5 Destination Host Unreachable\n'
         'From 172.18.0.3 icmp_seq=6 Destination Host Unreachable\n\n'
         '--- 172.18.0.99 ping statistics ---\n'
         '6 packets transmitted, 0 received, +5 errors, 100% packet '
         'loss, time 5118ms\npipe 3\n'),
        'ping: sendmsg: No route to host\n'),
    24: (1,
        ('PING 172.18.0.99 (172.18.0.99): 56 data bytes\n\n'
         '--- 172.18.0.99 ping statistics ---\n'
         '1 packets transmitted, 0 packets received, 100% packet loss\n'),
        ''),
    26: (1,
        ('PING 172.18.0.99 (172.18.0.99): 56 data bytes\n\n'
         '--- 172.18.0.99 ping statistics ---\n'
         '3 packets transmitted, 0 packets received, 100% packet loss\n'),
        ''),
    28: (1,
        ('PING 192.168.0.99 (192.168.0.99) 56(84) bytes of data.\n\n'
         '--- 192.168.0.99 ping statistics ---\n'
         '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n'),
        ''),
    32: (1,
        '',
        'nc: connect to 172.18.0.99 port 80 (tcp) failed: No route to host\n'),
    34: (1,
        '',
        'nc: connect to 172.18.0.99 port 80 (tcp) failed: No route to host\n'),
    35: (1,
        '',
        ("ping: invalid argument: '0': out of range: 1 <= value <= 9"
         '223372036854775807\n')),
    36: (1,
        '',
        ("ping: invalid argument: '-1': out of range: 1 <= value <= "
         '9223372036854775807\n')),
    37: (1,
        '',
        ("ping: invalid argument: '99999999999999999999': Numerical "
         'result out of range\n')),
    38: (1,
        '',
        "ping: invalid argument: 'abc'\n"),
    39: (1,
        '',
        "ping: invalid argument: '1.5'\n"),
    40: (2,
        '',
        ("ping: option requires an argument -- 'c'\n\nUsage\n"
         '  ping [options] <destination>\n\nOptions:\n'
         '  <destination>      DNS name or IP address\n'
         '  -3                 RTT precision (do not round up the result time)\n'
         '  -a                 use audible ping\n'
         '  -A                 use adaptive ping\n'
         '  -B                 sticky source address\n'
         '  -c <count>         stop after <count> replies\n'
         '  -C                 call connect() syscall on socket creation\n'
         '  -D                 print timestamps\n'
         '  -d                 use SO_DEBUG socket option\n'
         '  -e <identifier>    define identifier for ping session, d'
         'efault is random for\n'
         '                     SOCK_RAW and kernel defined for SOCK_DGRAM\n'
         '                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n'
         '  -f                 flood ping\n  -h                 print help and exit\n'
         '  -H                 force reverse DNS name resolution (useful for numeric\n'
         '                     destinations or for -f), override -n\n'
         '  -I <interface>     either interface name or address\n'
         '  -i <interval>      seconds between sending each packet\n'
         '  -L                 suppress loopback of multicast packets\n'
         '  -l <preload>       send <preload> number of packages whi'
         'le waiting replies\n  -m <mark>          tag the packets going out\n'
         '  -M <pmtud opt>     define path MTU discovery, can be one'
         ' of <do|dont|want|probe>\n'
         '  -n                 no reverse DNS name resolution, override -H\n'
         '  -O                 report outstanding replies\n'
         '  -p <pattern>       contents of padding byte\n'
         '  -q                 quiet output\n'
         '  -Q <tclass>        use quality of service <tclass> bits\n'
         '  -s <size>          use <size> as number of data bytes to be sent\n'
         '  -S <size>          use <size> as SO_SNDBUF socket option value\n'
         '  -t <ttl>           define time to live\n'
         '  -U                 print user-to-user latency\n'
         '  -v                 verbose output\n'
         '  -V                 print version and exit\n'
         '  -w <deadline>      reply wait <deadline> in seconds\n'
         '  -W <timeout>       time to wait for response\n\nIPv4 options:\n'
         '  -4                 use IPv4\n'
         '  -b                 allow pinging broadcast\n'
         '  -R                 record route\n'
         '  -T <timestamp>     define timestamp, can be one of <tson'
         'ly|tsandaddr|tsprespec>\n\nIPv6 options:\n  -6                 use IPv6\n'
         '  -F <flowlabel>     define flow label, default is random\n'
         '  -N <nodeinfo opt>  use IPv6 node info query, try <help> as argument\n\n'
         'For more details see ping(8).\n')),
    42: (1,
        '',
        "ping: invalid number 'abc'\n"),
    43: (1,
        '',
        ('ping: option requires an argument: c\n'
         'BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n'
         '\t-4,-6\t\tForce IP or IPv6 name resolution\n'
         '\t-c CNT\t\tSend only CNT pings\n'
         '\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n'
         '\t-i SECS\t\tInterval\n\t-A\t\tPing as soon as reply is received\n'
         '\t-t TTL\t\tSet TTL\n\t-I IFACE/IP\tSource interface or IP address\n'
         '\t-W SEC\t\tSeconds to wait for the first response (default 10)\n'
         '\t\t\t(after all -c CNT packets are sent)\n'
         '\t-w SEC\t\tSeconds until ping exits (default:infinite)\n'
         '\t\t\t(can exit earlier with -c CNT)\n'
         '\t-q\t\tQuiet, only display output at start/finish\n'
         '\t-p HEXBYTE\tPayload pattern\n')),
    44: (1,
        '',
        ('BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n\n'
         'Open a pipe to IP:PORT or FILE\n\n\t-l\tListen mode, for inbound connects\n'
         '\t\t(use -ll with -e for persistent server)\n\t-p PORT\tLocal port\n'
         '\t-w SEC\tConnect timeout\n\t-i SEC\tDelay interval for lines sent\n'
         '\t-f FILE\tUse file (ala /dev/ttyS0) instead of network\n'
         '\t-e PROG\tRun PROG after connect\n')),
    45: (1,
        '',
        ('nc: unrecognized option: z\n'
         'BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n\n'
         'Open a pipe to IP:PORT or FILE\n\n\t-l\tListen mode, for inbound connects\n'
         '\t\t(use -ll with -e for persistent server)\n\t-p PORT\tLocal port\n'
         '\t-w SEC\tConnect timeout\n\t-i SEC\tDelay interval for lines sent\n'
         '\t-f FILE\tUse file (ala /dev/ttyS0) instead of network\n'
         '\t-e PROG\tRun PROG after connect\n')),
    46: (1,
        '',
        ('nc: unrecognized option: z\n'
         'BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n\n'
         'Open a pipe to IP:PORT or FILE\n\n\t-l\tListen mode, for inbound connects\n'
         '\t\t(use -ll with -e for persistent server)\n\t-p PORT\tLocal port\n'
         '\t-w SEC\tConnect timeout\n\t-i SEC\tDelay interval for lines sent\n'
         '\t-f FILE\tUse file (ala /dev/ttyS0) instead of network\n'
         '\t-e PROG\tRun PROG after connect\n')),
    47: (1,
        '',
        ('BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n'
         '\t[--post-data STR | --post-file FILE] [-Y on/off]\n'
         '\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\n'
         'Retrieve files via HTTP or FTP\n\n'
         '\t--spider\tOnly check URL existence: $? is 0 if exists\n'
         "\t--header STR\tAdd STR (of form 'header: value') to headers\n"
         '\t--post-data STR\tSend STR using POST method\n'
         '\t--post-file FILE\tSend FILE using POST method\n'
         "\t--no-check-certificate\tDon't validate the server's certificate\n"
         '\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n'
         '\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n'
         '\t-T SEC\t\tNetwork read timeout is SEC seconds\n'
         "\t-O FILE\t\tSave to FILE ('-' for stdout)\n"
         '\t-o LOGFILE\tLog messages to FILE\n'
         '\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n')),
    48: (1,
        '',
        ('wget: unrecognized option: Z\n'
         'BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n'
         '\t[--post-data STR | --post-file FILE] [-Y on/off]\n'
         '\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\n'
         'Retrieve files via HTTP or FTP\n\n'
         '\t--spider\tOnly check URL existence: $? is 0 if exists\n'
         "\t--header STR\tAdd STR (of form 'header: value') to headers\n"
         '\t--post-data STR\tSend STR using POST method\n'
         '\t--post-file FILE\tSend FILE using POST method\n'
         "\t--no-check-certificate\tDon't validate the server's certificate\n"
         '\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n'
         '\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n'
         '\t-T SEC\t\tNetwork read timeout is SEC seconds\n'
         "\t-O FILE\t\tSave to FILE ('-' for stdout)\n"
         '\t-o LOGFILE\tLog messages to FILE\n'
         '\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n')),
    49: (1,
        '',
        ('BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\n'
         'Query DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n')),
    50: (1,
        '',
        ('BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\n'
         'Query DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n')),
    51: (1,
        '',
        ('hostname: unrecognized option: x\n'
         'BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\n'
         'Usage: hostname [-sidf] [HOSTNAME | -F FILE]\n\n'
         'Show or set hostname or DNS domain name\n\n\t-s\tShort\n'
         '\t-i\tAddresses for the hostname\n\t-d\tDNS domain name\n'
         '\t-f\tFully qualified domain name\n'
         "\t-F FILE\tUse FILE's content as hostname\n")),
    53: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\tweb\n'
         'Address: 172.18.0.4\n\n'),
        ''),
    54: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\tweb\n'
         'Address: 172.18.0.4\n\n'),
        ''),
    55: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.4\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    56: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.4\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    57: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\tweb\n'
         'Address: 172.18.0.4\n\n'),
        ''),
    58: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.4\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    59: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.4\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    60: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\tweb\n'
         'Address: 172.18.0.4\n\n'),
        ''),
    61: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.4\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    62: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\tweb\n'
         'Address: 172.18.0.4\n\n'),
        ''),
    63: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\texample.com\n'
         'Address: 203.0.113.164\n\n'),
        ''),
    64: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\texample.com\n'
         'Address: 203.0.113.164\n\n'),
        ''),
    65: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\texample.com\n'
         'Address: 203.0.113.164\n\n'),
        ''),
    66: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\n\nNon-authoritative answer:\nName:\texample.com\n'
         'Address: 203.0.113.164\n\n'),
        ''),
    67: (0,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         'Non-authoritative answer:\nName:\texample.com\nAddress: 203.0.113.164\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    68: (0,
        ('Server:\t\t192.168.0.1\nAddress:\t192.168.0.1:53\n\n'
         'Non-authoritative answer:\nName:\texample.com\nAddress: 203.0.113.164\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    69: (0,
        ('Server:\t\t192.168.0.1\nAddress:\t192.168.0.1:53\n\n'
         'Non-authoritative answer:\nName:\texample.com\nAddress: 203.0.113.164\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    70: (0,
        ('Server:\t\t192.168.0.1\nAddress:\t192.168.0.1:53\n\n'
         'Non-authoritative answer:\nName:\texample.com\nAddress: 203.0.113.164\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    71: (0,
        ('Server:\t\t192.168.0.1\nAddress:\t192.168.0.1:53\n\n'
         'Non-authoritative answer:\nName:\texample.com\nAddress: 203.0.113.164\n\n'
         'Non-authoritative answer:\n\n'),
        ''),
    72: (1,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         "** server can't find nosuch: NXDOMAIN\n\n"
         "** server can't find nosuch: NXDOMAIN\n\n"),
        ''),
    73: (1,
        ('Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n'
         "** server can't find nosuch.invalid: NXDOMAIN\n\n"
         "** server can't find nosuch.invalid: NXDOMAIN\n\n"),
        ''),
    74: (0,
        'example.com has address 203.0.113.164\n',
        ''),
    75: (0,
        '',
        'Connection to web (172.18.0.4) 80 port [tcp/*] succeeded!\n'),
    76: (0,
        '',
        'Connection to web (172.18.0.4) 80 port [tcp/*] succeeded!\n'),
    77: (1,
        '',
        ('nc: connect to localhost (::1) port 8080 (tcp) failed: Connection refused\n'
         'nc: connect to localhost (127.0.0.1) port 8080 (tcp) faile'
         'd: Connection refused\n')),
    # the hosts' userland gained netbase after this was measured (conformance/lab/lab.sh
    # ensure_hostland): /etc/services names port 53, as conformance/recorded/…/32-probes-nc
    # shows for the host's nc
    78: (0,
        '',
        'Connection to 192.168.0.1 53 port [tcp/domain] succeeded!\n'),
}
MEASURED_3: dict[int, tuple[int, str, str]] = {
    5: (1,
        ('PING 172.18.0.99 (172.18.0.99) 56(84) bytes of data.\n'
         'From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=2 Destination Host Unreachable\n\n'
         '--- 172.18.0.99 ping statistics ---\n'
         '2 packets transmitted, 0 received, +2 errors, 100% packet '
         'loss, time 1031ms\npipe 2\n'),
        ''),
    7: (1,
        ('PING 172.18.0.98 (172.18.0.98) 56(84) bytes of data.\n'
         'From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=2 Destination Host Unreachable\n\n'
         '--- 172.18.0.98 ping statistics ---\n'
         '2 packets transmitted, 0 received, +2 errors, 100% packet '
         'loss, time 1032ms\npipe 2\n'),
        ''),
    9: (1,
        ('PING 172.18.0.97 (172.18.0.97) 56(84) bytes of data.\n'
         'From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=2 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=3 Destination Host Unreachable\n\n'
         '--- 172.18.0.97 ping statistics ---\n'
         '3 packets transmitted, 0 received, +3 errors, 100% packet '
         'loss, time 2055ms\npipe 3\n'),
        ''),
    11: (1,
        ('PING 172.18.0.96 (172.18.0.96) 56(84) bytes of data.\n\n'
         '--- 172.18.0.96 ping statistics ---\n'
         '3 packets transmitted, 0 received, 100% packet loss, time 2032ms\n\n'),
        ''),
    13: (1,
        ('PING 172.18.0.95 (172.18.0.95) 56(84) bytes of data.\n\n'
         '--- 172.18.0.95 ping statistics ---\n'
         '2 packets transmitted, 0 received, 100% packet loss, time 1032ms\n\n'),
        ''),
    15: (1,
        ('PING 172.18.0.94 (172.18.0.94) 56(84) bytes of data.\n\n'
         '--- 172.18.0.94 ping statistics ---\n'
         '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n'),
        ''),
    17: (1,
        ('PING 172.18.0.93 (172.18.0.93) 56(84) bytes of data.\n\n'
         '--- 172.18.0.93 ping statistics ---\n'
         '1 packets transmitted, 0 received, 100% packet loss, time 0ms\n\n'),
        ''),
    19: (1,
        ('PING 172.18.0.92 (172.18.0.92) 56(84) bytes of data.\n'
         'From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n\n'
         '--- 172.18.0.92 ping statistics ---\n'
         '1 packets transmitted, 0 received, +1 errors, 100% packet loss, time 0ms\n\n'),
        ''),
    21: (1,
        ('PING 172.18.0.91 (172.18.0.91) 56(84) bytes of data.\n'
         'From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=2 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=3 Destination Host Unreachable\n\n'
         '--- 172.18.0.91 ping statistics ---\n'
         '4 packets transmitted, 0 received, +3 errors, 100% packet '
         'loss, time 3073ms\npipe 3\n'),
        'ping: sendmsg: No route to host\n'),
    23: (1,
        ('PING 172.18.0.90 (172.18.0.90) 56(84) bytes of data.\n\n'
         '--- 172.18.0.90 ping statistics ---\n'
         '2 packets transmitted, 0 received, +2 errors, 100% packet '
         'loss, time 1009ms\npipe 2\n'),
        ''),
    25: (1,
        ('PING 172.18.0.89 (172.18.0.89) 56(84) bytes of data.\n\n'
         '--- 172.18.0.89 ping statistics ---\n'
         '2 packets transmitted, 0 received, 100% packet loss, time 1021ms\n\n'),
        ''),
    27: (1,
        ('PING 172.18.0.88 (172.18.0.88) 56(84) bytes of data.\n'
         'From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=2 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=3 Destination Host Unreachable\n\n'
         '--- 172.18.0.88 ping statistics ---\n'
         '4 packets transmitted, 0 received, +3 errors, 100% packet '
         'loss, time 3053ms\npipe 3\n'),
        'ping: sendmsg: No route to host\n'),
    29: (1,
        ('PING 172.18.0.87 (172.18.0.87) 56(84) bytes of data.\n'
         'From 172.18.0.2 icmp_seq=1 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=2 Destination Host Unreachable\n'
         'From 172.18.0.2 icmp_seq=3 Destination Host Unreachable\n\n'
         '--- 172.18.0.87 ping statistics ---\n'
         '4 packets transmitted, 0 received, +3 errors, 100% packet '
         'loss, time 3060ms\npipe 3\n'),
        'ping: sendmsg: No route to host\n'),
    30: (0,
        ('PING ::1 (::1) 56 data bytes\n'
         '64 bytes from ::1: icmp_seq=1 ttl=64 time=0.040 ms\n\n'
         '--- ::1 ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.040/0.040/0.040/0.000 ms\n'),
        ''),
    31: (0,
        ('PING ip6-loopback (::1) 56 data bytes\n'
         '64 bytes from localhost (::1): icmp_seq=1 ttl=64 time=0.029 ms\n\n'
         '--- ip6-loopback ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.029/0.029/0.029/0.000 ms\n'),
        ''),
    32: (0,
        ('PING localhost (::1) 56 data bytes\n'
         '64 bytes from localhost (::1): icmp_seq=1 ttl=64 time=0.022 ms\n\n'
         '--- localhost ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.022/0.022/0.022/0.000 ms\n'),
        ''),
    33: (2,
        '',
        'ping: d1: Address family for hostname not supported\n'),
    34: (0,
        ('PING d1 (172.18.0.2) 56(84) bytes of data.\n'
         '64 bytes from b922fb023aa7 (172.18.0.2): icmp_seq=1 ttl=64 time=0.021 ms\n\n'
         '--- d1 ping statistics ---\n'
         '1 packets transmitted, 1 received, 0% packet loss, time 0ms\n'
         'rtt min/avg/max/mdev = 0.021/0.021/0.021/0.000 ms\n'),
        ''),
    35: (2,
        '',
        'ping: connect: Network is unreachable\n'),
    36: (2,
        '',
        'ping: connect: Network is unreachable\n'),
    37: (1,
        '',
        ('nc: connect to localhost (::1) port 80 (tcp) failed: Connection refused\n'
         'nc: connect to localhost (127.0.0.1) port 80 (tcp) failed:'
         ' Connection refused\n')),
    38: (1,
        '',
        'nc: connect to ::1 port 80 (tcp) failed: Connection refused\n'),
}


@functools.cache
def _replay(script: str) -> dict[int, Step]:
    _, steps = run_script(script, source="dns-ping", hosts=LAB_HOSTS, lan=LAB_LAN,
                          profile="28.5")
    return {s.line: s for s in steps}


_TIMES = [
    (re.compile(r"time=[0-9.]+ ms"), "time=<T> ms"),
    (re.compile(r"time [0-9]+ms"), "time <T>ms"),
    (re.compile(r"(rtt min/avg/max/mdev|round-trip min/avg/max) = [0-9./]+ ms"), r"\1 = <T> ms"),
    (re.compile(r"\b[0-9a-f]{12}\b"), "<ID>"),
]
_RACE = next(n for n in NORMALIZATIONS if n.name == "nslookup-race")


def _normal(text: str, command: str) -> str:
    for pattern, repl in _TIMES:
        text = pattern.sub(repl, text)
    return _RACE.apply(text, command, None)  # type: ignore[arg-type]


CASES = [(k, line) for k, measured in ((1, MEASURED_1), (2, MEASURED_2), (3, MEASURED_3))
         for line in measured]


@pytest.mark.parametrize(("script", "line"), CASES)
def test_measured(script: int, line: int) -> None:
    """netsim prints what the lab printed (see the module docstring for what is normalized)."""
    text = {1: SCRIPT_1, 2: SCRIPT_2, 3: SCRIPT_3}[script]
    code, out, err = {1: MEASURED_1, 2: MEASURED_2, 3: MEASURED_3}[script][line]
    step = _replay(text)[line]
    got = (step.exit_code, _normal(step.stdout, step.command), _normal(step.stderr, step.command))
    assert got == (code, _normal(out, step.command), _normal(err, step.command))


# ------------------------------------------------------------------------------------------
# Per-image facts and what the recordings of conformance/corpus/32-probes-nc.sh show

SETUP = """\
docker network create net1
docker run -d --name web --network net1 netsim-lab/nginx
docker run -d --name real --network net1 alpine sleep 1000
docker run -d --name lab --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name trusty --network net1 ubuntu:14.04 sleep 1000
docker run -d --name deb --network net1 debian sleep 1000
"""


@functools.cache
def _setup() -> Lab:
    lab, steps = run_script(SETUP, source="setup", hosts=LAB_HOSTS, lan=LAB_LAN, profile="28.5")
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps if s.exit_code]
    return lab


def _run(where: str, cmd: str) -> tuple[str, str, int]:
    r = probe(_setup().state, where, cmd)
    return r.stdout, r.stderr, r.exit_code


def test_busybox_banner_is_the_images() -> None:
    """The lab's BusyBox 1.38 prints its own banner (measured); real Alpine 3.22 keeps netsim's
    1.37 text; the usage that follows is the same full text (FEATURE_VERBOSE_USAGE)."""
    _, lab_err, code = _run("lab", "ping")
    assert code == 1 and lab_err.startswith(
        "BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.\n\nUsage: ping [OPTIONS] "
        "HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n\t-4,-6\t\tForce IP or IPv6 name resolution\n")
    _, real_err, code = _run("real", "ping")
    assert code == 1 and real_err == lab_err.replace(
        "BusyBox v1.38.0 (netsim-lab musl static)", "BusyBox v1.37.0")


def test_busybox_nc_z_per_image() -> None:
    """Alpine's busybox nc has -z (NC_110_COMPAT, NC_EXTRA in aports' busyboxconfig); the lab's
    does not: 'unrecognized option: z' and the small nc's usage (measured)."""
    assert _run("real", "nc -zv web 80") == ("", "web (172.18.0.2:80) open\n", 0)
    out, err, code = _run("lab", "nc -zv web 80")
    assert (out, code) == ("", 1)
    assert err.startswith("nc: unrecognized option: z\nBusyBox v1.38.0 (netsim-lab musl static) "
                          "multi-call binary.\n\nUsage: nc [-iN] [-wN] [-l] [-p PORT] ")


def test_openbsd_nc_service_names_and_ranges() -> None:
    """OpenBSD nc names the port from /etc/services: Ubuntu 14.04 has netbase, the lab's
    debootstrap minbase trixie has not ([tcp/*], recorded). -z alone also reports success,
    port ranges scan each port, -u counts a port as open when nothing comes back (recorded,
    32-probes-nc lines 10, 27, 28)."""
    assert _run("trusty", "nc -zv web 80") == (
        "", "Connection to web (172.18.0.2) 80 port [tcp/http] succeeded!\n", 0)
    assert _run("d1", "nc -z -w 2 web 80") == (
        "", "Connection to web (172.18.0.2) 80 port [tcp/*] succeeded!\n", 0)
    assert _run("d1", "nc -z -w 2 web 81") == ("", "", 1)
    assert _run("d1", "nc -zv -w 2 web 79-81") == (
        "", "nc: connect to web (172.18.0.2) port 79 (tcp) failed: Connection refused\n"
            "Connection to web (172.18.0.2) 80 port [tcp/*] succeeded!\n"
            "nc: connect to web (172.18.0.2) port 81 (tcp) failed: Connection refused\n", 0)
    assert _run("d1", "nc -zvu -w 2 192.168.0.1 53") == (
        "", "Connection to 192.168.0.1 53 port [udp/*] succeeded!\n", 0)
    assert _run("d1", "nc -zv -w 2 192.168.0.1 53") == (
        "", "Connection to 192.168.0.1 53 port [tcp/*] succeeded!\n", 0)


def test_missing_tool_under_28_5() -> None:
    """Docker 28.5 in the lab ends the OCI error without containerd's ': unknown' (recorded,
    33-probes-dns line 41)."""
    assert _run("deb", "ping -c 1 web") == (
        "OCI runtime exec failed: exec failed: unable to start container process: exec: "
        '"ping": executable file not found in $PATH\r\n', "", 127)


def test_dig_type_first_and_server_found() -> None:
    """dig takes a type word before the name; '@SERVER' adds '; (1 server found)' after the
    command line (recorded, 33-probes-dns lines 17 and 19)."""
    out, _, code = _run("d1", "dig AAAA web")
    assert code == 0 and ";web.\t\t\t\tIN\tAAAA\n" in out and ";; MSG SIZE  rcvd: 21\n" in out
    out, _, _ = _run("d1", "dig @192.168.0.1 google.com")
    assert out.startswith("\n; <<>> DiG 9.20.30-1~deb13u1-Debian <<>> @192.168.0.1 google.com\n"
                          "; (1 server found)\n;; global options: +cmd\n")
    assert _run("d1", "dig +short AAAA example.com") == ("", "", 0)
