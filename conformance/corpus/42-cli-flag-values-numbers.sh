# Flag values refused while flags are parsed (exit 125 with the usage): integers
# (strconv.ParseInt/ParseUint: invalid syntax, value out of range, uint16/uint32 limits),
# durations (time.ParseDuration: missing unit, unknown unit, invalid duration), sizes
# (go-units RAMInBytes: invalid size, invalid suffix), --memory-swap, --cpus (rational
# numbers, too precise), --ulimit (argument, type, too many values, soft > hard); edge cases of
# the number parsers (empty, base prefixes, underscores, exponents, hex floats, overflow).
docker run -d --name kk netsim-lab/alpine sleep 1000
docker stop -t abc kk
docker stop -t 99999999999999999999 kk
docker restart -t 1.5 kk
docker ps -n x
docker ps -a -n 0x1 --format '{{.Names}}'
docker network connect --gw-priority high bridge kk
docker run --rm --stop-timeout abc netsim-lab/alpine true
docker run --rm --oom-score-adj 1e3 netsim-lab/alpine true
docker run --rm --blkio-weight 70000 netsim-lab/alpine true
docker run --rm --blkio-weight -1 netsim-lab/alpine true
docker run --rm --health-interval 5 netsim-lab/alpine true
docker run --rm --health-interval 5x netsim-lab/alpine true
docker run --rm --health-timeout abc netsim-lab/alpine true
docker run --rm --health-start-period 1.s netsim-lab/alpine true
docker run --rm --health-retries two netsim-lab/alpine true
docker run --rm -m abc netsim-lab/alpine true
docker run --rm -m 10x netsim-lab/alpine true
docker run --rm -m 10mbx netsim-lab/alpine true
docker run --rm -m 10mbxx netsim-lab/alpine true
docker run --rm -m . netsim-lab/alpine true
docker run --rm -m -5 netsim-lab/alpine true
docker run --rm -m 1.2.3m netsim-lab/alpine true
docker run --rm --memory-swap lots netsim-lab/alpine true
docker run --rm --shm-size 64q netsim-lab/alpine true
docker run --rm --cpus abc netsim-lab/alpine true
docker run --rm --cpus 0.0000000001 netsim-lab/alpine true
docker run --rm --ulimit nofile netsim-lab/alpine true
docker run --rm --ulimit bogus=1 netsim-lab/alpine true
docker run --rm --ulimit nofile=1:2:3 netsim-lab/alpine true
docker run --rm --ulimit nofile=100:50 netsim-lab/alpine true
docker run --rm --ulimit nofile=-1:100 netsim-lab/alpine true
docker run --rm --ulimit nofile=many netsim-lab/alpine true
docker stop -t '' kk
docker stop -t -99999999999999999999 kk
docker run --rm --blkio-weight '' netsim-lab/alpine true
docker run --rm --blkio-weight 09 netsim-lab/alpine true
docker run --rm --blkio-weight 1__0 netsim-lab/alpine true
docker run --rm -m '1e ' netsim-lab/alpine true
docker run --rm -m 1e. netsim-lab/alpine true
docker run --rm -m 0x1 netsim-lab/alpine true
docker run --rm -m 1e999 netsim-lab/alpine true
docker run --rm --gpus count=- netsim-lab/alpine true
docker run --rm --gpus count=99999999999999999999 netsim-lab/alpine true
docker run --rm --health-interval 1h2 netsim-lab/alpine true
docker run --rm --health-interval . netsim-lab/alpine true
docker run --rm --health-interval 9999999999h netsim-lab/alpine true
docker swarm init --data-path-port x
docker swarm init --data-path-port 5000000000
docker swarm init --default-addr-pool-mask-length -1
docker swarm init --dispatcher-heartbeat 5
docker swarm leave --force
docker -H server2 swarm leave --force
