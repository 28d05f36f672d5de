#!/bin/sh
# Generates the Prisma client into lib/db/generated. Runs on install (postinstall).
set -e
cd "$(dirname "$0")/.."
if [ -z "$PRISMA_SCHEMA_ENGINE_BINARY" ] && ! ls node_modules/@prisma/engines/schema-engine-* >/dev/null 2>&1; then
  export PRISMA_SCHEMA_ENGINE_BINARY="$PWD/scripts/prisma-engine-stub.sh"
fi
exec npx --no-install prisma generate
