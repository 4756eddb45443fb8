#!/usr/bin/env bash
# Install the system programs the test suite checks our output with: raptor (rapper), Apache Jena
# (riot, via a JRE), Chromium and Virtuoso (a real SPARQL server for `kg push`: the package starts
# no server; tests/servers.py runs its own on free ports). Only when they are missing and we may
# (root with apt-get); otherwise say which tests will be skipped.
set -u
need=()
command -v rapper >/dev/null 2>&1 || need+=(raptor2-utils)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v virtuoso-t >/dev/null 2>&1 || need+=(virtuoso-opensource)  # kg push tests (a real Virtuoso)
[ -d /usr/share/java ] && ls /usr/share/java/jena-arq*.jar >/dev/null 2>&1 || need+=(libapache-jena-java)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "sysdeps: installing ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${need[@]}" >/dev/null \
    || echo "sysdeps: could not install ${need[*]}; the tests that need them will be skipped" >&2
else
  echo "sysdeps: missing ${need[*]} (not root or no apt-get); the tests that need them will be skipped" >&2
fi
exit 0
