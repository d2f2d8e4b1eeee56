#!/usr/bin/env bash
# Builds the base image of the Pilotage containers offline, without a container engine or a
# registry: a jlink runtime of the local JDK 25 + the C library from Debian's libc6 package +
# a passwd/group with the non-root user 185, packed as a `docker save` tarball, which Jib
# accepts as a base (from.image = tar://...). Deterministic: same JDK and libc6, same bytes.
#
#   images/build-base-image.sh [--force] [output.tar]   (default: images/target/pilotage-jre25-base.tar)
#
# Outside these machines, use a public base instead: -Djib.from.image=eclipse-temurin:25-jre
# (or gcr.io/distroless/java25-debian13 / any JRE 25 image with a user 185 or the User Jib sets).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
force=0
[[ ${1:-} == --force ]] && { force=1; shift; }
out=${1:-$here/target/pilotage-jre25-base.tar}
if (( !force )) && [[ -s $out && $out -nt ${BASH_SOURCE[0]} ]]; then
  echo "base image: $out (up to date; --force rebuilds it)"
  exit 0
fi
java_home=${JAVA_HOME:-$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -1)}
[[ -x $java_home/bin/jlink ]] || { echo "build-base-image: no JDK 25 jlink (set JAVA_HOME)" >&2; exit 1; }

# What the services need of the JDK: Quarkus, Vert.x/Netty, Kafka clients (SASL/SCRAM, JMX
# metrics), Hibernate (java.beans in java.desktop), the PostgreSQL drivers, OIDC (crypto),
# French/English locales, JFR for diagnostics.
modules=java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,java.xml.crypto,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.jfr,jdk.localedata,jdk.management,jdk.management.jfr,jdk.naming.dns,jdk.net,jdk.unsupported,jdk.zipfs

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/rootfs
mkdir -p "$root"/{etc,tmp,deployments,opt,proc,sys,dev} "$work/debs"

"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
  --compress zip-6 --output "$root/opt/java"
# class-data sharing archive of the runtime's own classes: faster JVM start
"$root/opt/java/bin/java" -Xshare:dump -XX:SharedArchiveFile="$root/opt/java/lib/server/classes.jsa" >/dev/null 2>&1 || true

# glibc (with the dynamic loader, and DNS/files NSS built in since 2.34) from Debian's package
(cd "$work/debs" && apt-get download libc6 >/dev/null)
dpkg-deb -x "$work"/debs/libc6_*.deb "$root"
rm -rf "$root"/usr/share/doc "$root"/usr/share/lintian "$root"/usr/share/locale "$root"/usr/lib/x86_64-linux-gnu/gconv \
       "$root"/usr/libexec "$root"/sbin "$root"/usr/sbin "$root"/usr/bin 2>/dev/null || true
libc_version=$(dpkg-deb -f "$work"/debs/libc6_*.deb Version)

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
pilotage:x:185:185:pilotage:/deployments:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
pilotage:x:185:
nobody:x:65534:
GROUP
printf 'hosts: files dns\n' > "$root/etc/nsswitch.conf"
printf '127.0.0.1 localhost\n::1 localhost\n' > "$root/etc/hosts"
chmod 1777 "$root/tmp"
chmod 0755 "$root/deployments"

layer=$work/layer.tar
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$root" -cf "$layer" .
diff_id=sha256:$(sha256sum "$layer" | cut -d' ' -f1)
java_version=$("$root/opt/java/bin/java" -version 2>&1 | head -1 | sed 's/"/\\"/g')

mkdir -p "$work/image"
mv "$layer" "$work/image/layer.tar"
cat > "$work/image/config.json" <<JSON
{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z",
 "config":{"User":"185:185","WorkingDir":"/deployments",
  "Env":["PATH=/opt/java/bin:/usr/bin:/bin","JAVA_HOME=/opt/java","LANG=C.UTF-8"],
  "Labels":{"org.opencontainers.image.title":"pilotage-jre25-base","org.opencontainers.image.description":"jlink JRE: $java_version; Debian libc6 $libc_version"}},
 "rootfs":{"type":"layers","diff_ids":["$diff_id"]},
 "history":[{"created":"1970-01-01T00:00:00Z","created_by":"images/build-base-image.sh"}]}
JSON
printf '[{"Config":"config.json","RepoTags":["pilotage/jre25-base:latest"],"Layers":["layer.tar"]}]\n' > "$work/image/manifest.json"
mkdir -p "$(dirname "$out")"
tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -C "$work/image" -cf "$out" manifest.json config.json layer.tar
echo "base image: $out ($(du -h "$out" | cut -f1), $diff_id)"
