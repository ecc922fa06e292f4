# Images (issue 18): the rest of what docker build and commit refuse — an empty ENV, an EXPOSE
# without a port, substitutions with an unknown modifier or an unset required variable, and a
# docker commit --change the parser refuses; inspect of an image that is not there.
mkdir -p /root/f
cd /root/f
cat > env-empty.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV
EOF
docker build -q -f env-empty.Dockerfile -t f-env-empty .
cat > expose-noport.Dockerfile <<'EOF'
FROM netsim-lab/alpine
EXPOSE /tcp
EOF
docker build -q -f expose-noport.Dockerfile -t f-expose-noport .
cat > modifier-x.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A=${B:x}
EOF
docker build -q -f modifier-x.Dockerfile -t f-modifier-x .
cat > required.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A="${B:?B is required}"
EOF
docker build -q -f required.Dockerfile -t f-required .
cat > badname.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A=${1}
EOF
docker build -q -f badname.Dockerfile -t f-badname .
docker run -d --name f1 netsim-lab/alpine sleep 1000
docker commit -c 'ENV' f1 f-img
docker commit -c 'EXPOSE 80' -c 'CMD ["sleep", "5"]' f1 f-img
docker image inspect -f '{{json .Config.ExposedPorts}} {{json .Config.Cmd}}' f-img
docker inspect --type image nosuchimage
docker inspect -f '{{.Id}}' nosuchthing
