# docker run/create errors about the image, the name and the command: an image the lab does
# not have (no registry: what the pull prints), a missing tag, invalid references (uppercase,
# spaces, double colon, empty names and tags, bad digests, a 64-hex name, a too-long name), invalid and duplicate
# container names, a command that does not exist or cannot be executed (exit 127/126), a network tool the image lacks.
docker run nosuchimage
docker run -d nosuchimage
docker run --rm nosuch/image:1.0 true
docker create nosuchimage
docker create --name c0 nosuchimage
docker run --rm netsim-lab/alpine:nosuchtag true
docker run --rm '' true
docker run --rm :latest true
docker run --rm netsim-lab/alpine: true
docker pull nosuchimage
docker run --rm Alpine true
docker run --rm netsim-lab/Alpine true
docker run --rm 'netsim-lab/alpine latest' true
docker run --rm netsim-lab/alpine::latest true
docker run --rm netsim-lab/alpine@sha256:abc true
docker run --rm netsim-lab/alpine@sha256:0123456789abcdef0123456789abcdef01234567 true
docker run --rm netsim-lab/alpine@md5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef true
docker run --rm netsim-lab/alpine@MD5:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef true
docker run --rm netsim-lab/alpine@sha256:0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF true
docker run --rm netsim-lab/alpine@sha256 true
docker run --rm 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef true
docker run --rm docker.io/library/0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef true
docker run --rm aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa true
docker create --name 'bad name' netsim-lab/alpine
docker run --rm --name 'a!b' netsim-lab/alpine true
docker run --rm --name -x netsim-lab/alpine true
docker run --rm --name a netsim-lab/alpine true
docker run -d --name c1 netsim-lab/alpine sleep 1000
docker run -d --name c1 netsim-lab/alpine sleep 1000
docker create --name c1 netsim-lab/alpine
docker run -d --name /a netsim-lab/alpine sleep 1000
docker run --rm netsim-lab/alpine nosuchcmd
docker run --rm netsim-lab/debian nosuchcmd
docker run --rm netsim-lab/alpine /etc
docker run --rm netsim-lab/alpine /etc/hostname
docker run --rm netsim-lab/alpine curl -s http://example.com
docker run --rm netsim-lab/debian wget -T 2 -qO- http://example.com
docker run -d --name e1 netsim-lab/alpine nosuchcmd
docker create --name e2 netsim-lab/alpine nosuchcmd
docker start e2
docker run --rm --entrypoint nosuchcmd netsim-lab/alpine
docker run --rm -w /nosuch netsim-lab/alpine pwd
docker run --rm -u nosuchuser netsim-lab/alpine id
docker run --rm netsim-lab/alpine sh -c 'exit 3'
docker run --rm netsim-lab/alpine false
docker ps -a --format '{{.Names}} {{.Status}}'
