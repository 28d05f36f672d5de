#!/bin/sh
# `prisma generate` insists on finding the native schema engine, which cannot be downloaded on an
# offline machine; generating the client does not actually run it. Migrations use our own runner.
echo "schema engine unavailable offline: use npm run db:migrate" >&2
exit 1
