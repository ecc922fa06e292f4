# Flag values refused while flags are parsed: --mount (key=value fields, type/target
# required, bad booleans/sizes/modes, unknown keys, mixing type-specific options, the
# bind-recursive rules), CSV quoting errors (also across a newline), and the long --network syntax (invalid field,
# unknown key, no name, driver-opt, gw-priority, the netip.ParseAddr messages for ip=/ip6=).
docker run --rm --mount type=bind netsim-lab/alpine true
docker run --rm --mount type=,target=/x netsim-lab/alpine true
docker run --rm --mount foo,target=/x netsim-lab/alpine true
docker run --rm --mount bind-nonrecursive,target=/x netsim-lab/alpine true
docker run --rm --mount type=bind,src=/tmp,dst=/x,bind-nonrecursive=true netsim-lab/alpine true
docker run --rm --mount type=bind,src=/tmp,dst=/x,bind-nonrecursive=maybe netsim-lab/alpine true
docker run --rm --mount type=bind,src=/tmp,dst=/x,bind-recursive=maybe netsim-lab/alpine true
docker run --rm --mount type=bind,src=/tmp,dst=/x,ro=maybe netsim-lab/alpine true
docker run --rm --mount type=volume,dst=/x,volume-nocopy=maybe netsim-lab/alpine true
docker run --rm --mount type=tmpfs,dst=/x,tmpfs-size=big netsim-lab/alpine true
docker run --rm --mount type=tmpfs,dst=/x,tmpfs-mode=999 netsim-lab/alpine true
docker run --rm --mount type=bind,dst=/x,foo=bar netsim-lab/alpine true
docker run --rm --mount type=volume,dst=/x,bind-propagation=rshared netsim-lab/alpine true
docker run --rm --mount type=bind,src=/tmp,dst=/x,tmpfs-size=1m netsim-lab/alpine true
docker run --rm --mount type=bind,src=/tmp,dst=/x,bind-recursive=writable netsim-lab/alpine true
docker run --rm --mount type=bind,src=/tmp,dst=/x,bind-recursive=readonly netsim-lab/alpine true
docker run --rm --mount type=bind,src=/tmp,dst=/x,bind-recursive=readonly,readonly netsim-lab/alpine true
docker run --rm --mount 'type=bi"nd,dst=/x' netsim-lab/alpine true
docker run --rm --mount 'type=bind,"dst=/x' netsim-lab/alpine true
docker network create --subnet '"10.1.0.0/24' lab1
docker network create --subnet $'"10.1\n0.0/24"x' lab1
docker network connect --alias 'a"b' bridge nosuch
docker network create -d bridge lab1
docker run --rm --network name=lab1,foo=bar netsim-lab/alpine true
docker run --rm --network name=lab1,alias netsim-lab/alpine true
docker run --rm --network alias=x netsim-lab/alpine true
docker run --rm --network name=lab1,driver-opt=novalue netsim-lab/alpine true
docker run --rm --network name=lab1,gw-priority=high netsim-lab/alpine true
docker run --rm --network name=lab1,ip=1.2.3 netsim-lab/alpine true
docker run --rm --network name=lab1,ip=1.2.3.400 netsim-lab/alpine true
docker run --rm --network name=lab1,ip=01.2.3.4 netsim-lab/alpine true
docker run --rm --network name=lab1,ip=1..3.4 netsim-lab/alpine true
docker run --rm --network name=lab1,ip=1.2.3.4.5 netsim-lab/alpine true
docker run --rm --network name=lab1,ip=1.2.3.x netsim-lab/alpine true
docker run --rm --network name=lab1,ip=abc netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=fe80::1% netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=%eth0 netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=12345::1 netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1:x:: netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1:2:3.4.5.6 netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1:2:3:4:5:6:7::1.2.3.4 netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1:2:3:4:5:6:7:8:9 netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1g:: netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1: netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1::2::3 netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1:2:3 netsim-lab/alpine true
docker run --rm --network name=lab1,ip6=1:2:3:4:5:6:7:8:: netsim-lab/alpine true
docker run --rm --network 'name=lab1,"alias=a' netsim-lab/alpine true
