# Default address pools running out: docker0 has 172.17.0.0/16; user networks take
# 172.18-31.0.0/16, then 192.168.x.0/20 (192.168.0.0/20 holds the lab LAN); the next create is
# refused ("all predefined address pools have been fully subnetted"); removing one frees it.
docker network create p1
docker network create p2
docker network create p3
docker network create p4
docker network create p5
docker network create p6
docker network create p7
docker network create p8
docker network create p9
docker network create p10
docker network create p11
docker network create p12
docker network create p13
docker network create p14
docker network create p15
docker network create p16
docker network create p17
docker network create p18
docker network create p19
docker network create p20
docker network create p21
docker network create p22
docker network create p23
docker network create p24
docker network create p25
docker network create p26
docker network create p27
docker network create p28
docker network create p29
docker network create p30
docker network create p31
docker network ls --format '{{.Name}}'
docker network inspect -f '{{.Name}} {{range .IPAM.Config}}{{.Subnet}}{{end}}' p14 p15 p29
docker network rm p3
docker network create again
docker network create again2
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}{{end}}' again
docker network create --subnet 10.200.0.0/24 explicit
