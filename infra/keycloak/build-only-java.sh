#!/bin/sh
# Used by infra/lib/install.sh as JAVA=... for `kc.sh start-dev`: lets Keycloak run its build
# ("augmentation") step for the dev profile, then refuses the relaunch kc.sh does right after it
# (recognised by -Dkc.config.built=true) so that no server starts. Result: a dev image built
# once in .pilotage/cache, reused by every instance without any rebuild at start.
for a in "$@"; do
  if [ "$a" = "-Dkc.config.built=true" ]; then exit 0; fi
done
exec "$PILOTAGE_REAL_JAVA" "$@"
