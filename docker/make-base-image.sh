#!/usr/bin/env bash
# Makes the Debian base image that every image of docker/compose.yml is built on, from Debian's own
# packages with debootstrap: no image registry is needed. Run it as root, once per machine and again
# to take Debian's updates:
#
#   docker/make-base-image.sh            # podman if installed, else docker
#
# Settings (environment):
#   DEBIAN_SUITE     the Debian release (default trixie: its nodejs is 20.19, which the board needs)
#   DEBIAN_MIRROR    the archive to install from; by default the one this host's apt uses
#                    (/etc/apt/sources.list.d/debian.sources, or /etc/apt/sources.list)
#   DEBIAN_SECURITY_MIRROR  the security archive; by default the host's, if it has one
#   BASE_IMAGE       the image name (default localhost/p2p-board/debian-base:$DEBIAN_SUITE)
#   CONTAINER_ENGINE podman or docker (default: podman if installed, else docker)
set -euo pipefail

suite=${DEBIAN_SUITE:-trixie}
image=${BASE_IMAGE:-localhost/p2p-board/debian-base:$suite}
engine=${CONTAINER_ENGINE:-$(command -v podman >/dev/null && echo podman || echo docker)}

die() {
  echo "make-base-image: $*" >&2
  exit 1
}

# The archive URIs this host's apt is configured with, one a line: deb822 files first, then the
# one-line format. A URI ending in -security is the security archive.
host_uris() {
  {
    for f in /etc/apt/sources.list.d/*.sources; do
      [ -r "$f" ] && sed -n 's/^URIs:[[:space:]]*//p' "$f" | tr ' ' '\n'
    done
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
      [ -r "$f" ] && sed -n 's/^deb[[:space:]]\+\(\[[^]]*\][[:space:]]\+\)\?\([^[:space:]]\+\).*/\2/p' "$f"
    done
  } 2>/dev/null | sed 's:/*$::' | grep -E '^(https?|file)://' || true
}

mirror=${DEBIAN_MIRROR:-$(host_uris | grep -v -- '-security$' | grep -E '/debian$' | head -n1)}
security=${DEBIAN_SECURITY_MIRROR-$(host_uris | grep -- '-security$' | head -n1)}
[ -n "$mirror" ] || die "no Debian mirror found in this host's apt configuration; set DEBIAN_MIRROR"
[ "$(id -u)" = 0 ] || die "debootstrap needs root"
command -v debootstrap >/dev/null || die "debootstrap is not installed (apt-get install debootstrap)"
command -v "$engine" >/dev/null || die "$engine is not installed"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/root

echo "make-base-image: debootstrap $suite from $mirror"
# minbase: apt and its essentials, nothing else; the images add what they need with apt-get.
debootstrap --variant=minbase --components=main "$suite" "$root" "$mirror"

# apt inside the image uses the same archives (deb822 format, as Debian's own images do).
{
  printf 'Types: deb\nURIs: %s\nSuites: %s %s-updates\nComponents: main\n' "$mirror" "$suite" "$suite"
  printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
  if [ -n "$security" ]; then
    printf '\nTypes: deb\nURIs: %s\nSuites: %s-security\nComponents: main\n' "$security" "$suite"
    printf 'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg\n'
  fi
} >"$root/etc/apt/sources.list.d/debian.sources"
: >"$root/etc/apt/sources.list"

# Small images: no recommended packages, no documentation or translations, no package lists kept.
cat >"$root/etc/apt/apt.conf.d/90container" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
Acquire::Languages "none";
EOF
cat >"$root/etc/dpkg/dpkg.cfg.d/90container" <<'EOF'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
EOF
# Services in images are started by the container engine, never by dpkg.
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/log/*.log \
  "$root"/var/log/apt/* "$root"/tmp/* "$root"/usr/share/doc/*/changelog* "$root"/usr/share/man/*
# The host's identity is not the image's.
: >"$root/etc/hostname"
: >"$root/etc/resolv.conf"
rm -f "$root/etc/machine-id" "$root/var/lib/dbus/machine-id"

echo "make-base-image: importing as $image"
tar --numeric-owner --xattrs -C "$root" -c . |
  "$engine" import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' - "$image"
echo "make-base-image: done: $image"
