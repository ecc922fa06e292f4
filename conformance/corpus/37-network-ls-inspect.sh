# docker network ls (default, -q, --no-trunc, --format, --filter driver/name/label/type) and
# docker network inspect (whole JSON, several networks, -f templates, unknown name) for the
# predefined networks and user-defined bridges with options.
docker network ls
docker network ls -q
docker network create net1
docker network create --subnet 10.5.0.0/16 --gateway 10.5.0.254 --ip-range 10.5.1.0/24 net2
docker network create --internal internal1
docker network create -d bridge --label env=test -o com.docker.network.bridge.name=br-custom net10
docker network ls
docker network ls --format '{{.Name}}'
docker network ls --format 'table {{.Name}}\t{{.Driver}}\t{{.Scope}}'
docker network ls --format '{{.Name}} internal={{.Internal}} ipv6={{.IPv6}} labels={{.Labels}}'
docker network ls --filter driver=bridge
docker network ls --filter driver=host
docker network ls --filter driver=null --format '{{.Name}}'
docker network ls --filter name=net
docker network ls --filter label=env=test --format '{{.Name}}'
docker network ls --filter type=custom --format '{{.Name}}'
docker network ls --filter type=builtin --format '{{.Name}}'
docker network inspect bridge
docker network inspect net2
docker network inspect host none
docker network inspect -f '{{.Name}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' net1 net2
docker network inspect -f '{{json .IPAM}}' net2
docker network inspect -f '{{.Internal}} {{.Attachable}} {{.Scope}} {{.Driver}}' internal1
docker network inspect -f '{{json .Options}} {{json .Labels}}' net10
docker network inspect -f '{{json .Options}}' bridge
docker network inspect nosuch
docker network inspect net1 nosuch -f '{{.Name}}'
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name a2 --network net2 netsim-lab/alpine sleep 1000
docker network inspect net1
docker network inspect -f '{{range $id, $c := .Containers}}{{$c.Name}} {{$c.IPv4Address}}{{end}}' net1 net2
docker network inspect -f '{{json .Containers}}' net2
ip -4 addr show br-custom
docker network ls --no-trunc --format '{{.ID}} {{.Name}}' --filter name=net1
