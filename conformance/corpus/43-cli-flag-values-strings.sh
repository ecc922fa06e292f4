# Flag values refused while flags are parsed, string-shaped ones: --filter without '=',
# --attach streams, --device-cgroup-rule, -e with an empty name, --label (empty name,
# whitespace), --link (empty, too many colons), --dns (not an IP), --dns-search (not a
# domain), --add-host (format, IP), --sysctl (not namespaced), --blkio-weight-device,
# --device-read-bps/-iops, --gpus (count, keys, options CSV).
docker ps --filter status
docker network ls -f driver
docker container prune --filter until
docker run --rm -a stdall netsim-lab/alpine true
docker run --rm --device-cgroup-rule 'x 1:2 r' netsim-lab/alpine true
docker run --rm -e =value netsim-lab/alpine true
docker exec -e =value nosuch true
docker run --rm --label =x netsim-lab/alpine true
docker run --rm --label 'my key=x' netsim-lab/alpine true
docker network create --label '=x' lab1
docker run --rm --link '' netsim-lab/alpine true
docker run --rm --link a:b:c netsim-lab/alpine true
docker network connect --link a:b:c bridge nosuch
docker run --rm --dns 8.8.8 netsim-lab/alpine true
docker run --rm --dns dns.google netsim-lab/alpine true
docker run --rm --dns-search 1234 netsim-lab/alpine true
docker run --rm --dns-search -bad-.example netsim-lab/alpine true
docker run --rm --add-host db netsim-lab/alpine true
docker run --rm --add-host db:300.1.1.1 netsim-lab/alpine true
docker run --rm --add-host db=not-an-ip netsim-lab/alpine true
docker run --rm --add-host :192.168.0.5 netsim-lab/alpine true
docker run --rm --sysctl kernel.hostname=x netsim-lab/alpine true
docker run --rm --sysctl net.ipv4.ip_forward netsim-lab/alpine true
docker run --rm --blkio-weight-device sda:100 netsim-lab/alpine true
docker run --rm --blkio-weight-device /dev/sda:5 netsim-lab/alpine true
docker run --rm --blkio-weight-device /dev/sda:heavy netsim-lab/alpine true
docker run --rm --blkio-weight-device nocolon netsim-lab/alpine true
docker run --rm --device-read-bps /dev/sda:fast netsim-lab/alpine true
docker run --rm --device-write-iops /dev/sda:1k netsim-lab/alpine true
docker run --rm --gpus two netsim-lab/alpine true
docker run --rm --gpus count=1,count=2 netsim-lab/alpine true
docker run --rm --gpus foo=bar netsim-lab/alpine true
docker run --rm --gpus 'options="a' netsim-lab/alpine true
docker run --rm --gpus '"options=a""b"' netsim-lab/alpine true
