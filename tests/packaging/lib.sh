# Shared by the packaging tests. Source it.

# A failing command says where, so a red run names the step that broke.
set -o errtrace
trap 'echo "packaging: failed at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND" >&2' ERR

fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The one .deb the fixture packaging.deb-is-built left in $1.
the_deb() {
  local debs=("$1"/amanat_*.deb)
  [ ${#debs[@]} -eq 1 ] && [ -f "${debs[0]}" ] ||
    fail "expected one amanat_*.deb in $1 (made by the test packaging.deb-is-built), found: ${debs[*]}"
  echo "${debs[0]}"
}

# Installs the package into a new, empty root $2 with dpkg's --root, running its
# maintainer scripts for real but outside a chroot (--force-script-chrootless:
# they get DPKG_ROOT=$2 and must work on that root; amanat's all do).
#
# Why not a chroot made with debootstrap: that downloads ~300 MB of Debian, and
# neither CI nor a developer's machine may reach a mirror in a test; and the
# chroot would test Debian's tools more than our package (minimal-debian makes
# one, only when given a mirror, to check the dependencies). The dependencies are
# not installed in the root (--force-depends): the programs run from the root
# with the host's libraries, which install-deps installed.
#
# dpkg refuses to run as a user other than root unless told (--force-not-root),
# but the postinst must give /var/lib/amanat to the user amanat, which only root
# can: the tests that install skip (77) when not run as root.
require_root() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "SKIP: installing the package into a root needs root (chown of /var/lib/amanat)" >&2
    exit 77
  fi
}

new_root() {
  local root=$1
  rm -rf "$root"
  mkdir -p "$root"/var/lib/dpkg/{info,updates,triggers} "$root"/etc
  : >"$root/var/lib/dpkg/status"
  : >"$root/var/lib/dpkg/available"
}

# dpkg on the root $ROOT, its output in $DPKG_LOG (shown when it fails).
root_dpkg() {
  if ! dpkg --root="$ROOT" --force-script-chrootless --force-depends "$@" >>"$DPKG_LOG" 2>&1; then
    cat "$DPKG_LOG" >&2
    fail "dpkg $* failed"
  fi
}
