#!/bin/sh
# Prepares a Debian 12 VM as one end of the capstone tunnel (capstone/README.md).
# Run as root:  provision.sh left|right COURSE_DIR [UNDERLAY_DEV]
#
#   left:  underlay 192.168.12.1/24, LAN 10.1.0.1/24 on lan0
#   right: underlay 192.168.12.2/24, LAN 10.2.0.1/24 on lan0
#
# COURSE_DIR is the course (a clone or a copy of your working folder).
# UNDERLAY_DEV: give this interface the underlay address (Vagrant does it
# itself, so its Vagrantfile leaves this out; a cloud VM needs it). "auto"
# picks the first interface that is neither lo nor the default route's.
set -eu
side=$1 course=$2 underlay_dev=${3:-}
case $side in
  left) n=1 ;;
  right) n=2 ;;
  *) echo "usage: provision.sh left|right COURSE_DIR [UNDERLAY_DEV]" >&2; exit 2 ;;
esac

if [ "$underlay_dev" = auto ]; then
  uplink=$(ip route show default | awk '{print $5; exit}')
  underlay_dev=$(ip -o link show | awk -F': ' '/link\/ether/ {sub(/@.*/, "", $2); print $2}' | grep -v -x -e lo -e "$uplink" -e lan0 | head -n 1)
  [ -n "$underlay_dev" ] || { echo "provision.sh: no second network interface for the underlay" >&2; exit 1; }
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# python3, make and gcc build the TUN addon; tshark (answer "no" to non-root capture), iperf3 and ping for the walkthrough.
apt-get install -y -qq --no-install-recommends ca-certificates curl git python3 make gcc libc6-dev \
  iproute2 iputils-ping iperf3 tshark
# Debian 12's own nodejs is 18; the course needs 20.19 or later. NodeSource's package includes the C headers node-gyp needs.
if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= 20 ? 0 : 1)' 2>/dev/null; then
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y -qq nodejs
fi

# The protected LAN: a dummy interface holding the gateway's own LAN address,
# so `ping -I 10.$n.0.1` and iperf3 -B have a source inside localSubnet. A
# systemd unit recreates it (and the underlay address, if asked) at every boot.
cat > /etc/systemd/system/ipsec-lan.service <<EOF
[Unit]
Description=capstone LAN 10.$n.0.1/24 on lan0
After=network-online.target
Wants=network-online.target

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/sh -c 'ip link add lan0 type dummy 2>/dev/null || true; ip addr replace 10.$n.0.1/24 dev lan0; ip link set lan0 up'
${underlay_dev:+ExecStart=/bin/sh -c 'ip addr replace 192.168.12.$n/24 dev $underlay_dev; ip link set $underlay_dev up'}
ExecStop=/sbin/ip link del lan0

[Install]
WantedBy=multi-user.target
EOF
systemctl daemon-reload
systemctl enable --now ipsec-lan.service

# npm ci builds the TUN addon (its postinstall prints "built" or what is missing).
cd "$course"
owner=$(stat -c %U .)
if [ "$owner" = root ]; then npm ci --no-audit --no-fund; else su "$owner" -c 'npm ci --no-audit --no-fund'; fi
# `sudo ipsec-course ...` from anywhere: a link to the course's command (npx's handling of a
# project's own command differs between npm versions; the link does not).
ln -sf "$course/grader/bin/ipsec-course.js" /usr/local/bin/ipsec-course
echo "provision.sh: $side ready (underlay 192.168.12.$n, LAN 10.$n.0.1/24 on lan0, course in $course)"
