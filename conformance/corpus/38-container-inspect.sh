# docker inspect of containers: whole JSON and -f templates ({{.NetworkSettings.IPAddress}},
# {{range .NetworkSettings.Networks}}…{{end}}, {{json .NetworkSettings}}, ports, aliases),
# a container on two networks, a stopped one, unknown names, --type.
docker network create net1
docker run -d --name web -p 8080:80 netsim-lab/nginx
docker run -d --name a1 --network net1 --network-alias app netsim-lab/alpine sleep 1000
docker network connect bridge a1
docker inspect web
docker inspect a1
docker inspect -f '{{.NetworkSettings.IPAddress}}' web
docker inspect -f '{{.NetworkSettings.IPAddress}}' a1
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' web
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}' a1
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}' a1
docker inspect -f '{{json .NetworkSettings}}' web
docker inspect -f '{{json .NetworkSettings.Ports}}' web
docker inspect -f '{{json .NetworkSettings.Networks.net1.Aliases}}' a1
docker inspect -f '{{.NetworkSettings.Networks.net1.DNSNames}}' a1
docker inspect -f '{{(index .NetworkSettings.Networks "net1").Gateway}}' a1
docker inspect -f '{{.Name}} {{.State.Status}} {{.State.Running}}' web a1
docker inspect -f '{{.NetworkSettings.MacAddress}} {{.NetworkSettings.Gateway}} {{.NetworkSettings.IPPrefixLen}}' web
docker inspect -f '{{json .HostConfig.PortBindings}}' web
docker inspect -f '{{.HostConfig.NetworkMode}}' web a1
docker inspect -f '{{json .Config.ExposedPorts}}' web
docker inspect -f '{{.Config.Hostname}} {{.Config.Image}}' web
docker inspect nosuch
docker inspect -f '{{.Name}}' web nosuch
docker container inspect -f '{{.Name}}' a1
docker inspect --type network -f '{{.Name}} {{.Driver}}' net1
docker inspect --type container net1
docker stop -t 1 a1
docker inspect -f '{{json .NetworkSettings.Networks}}' a1
docker inspect -f '{{json .NetworkSettings.Ports}} {{.State.Status}} {{.State.ExitCode}}' a1
docker inspect a1
