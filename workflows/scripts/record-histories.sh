#!/usr/bin/env bash
# Re-records the workflow histories replayed by workflows/test/replay.test.ts (see workflows/README.md).
# Run it after a deliberate change to the workflow's history (one that is behind patched(), or a new path);
# commit the new files together with the change, and keep the old ones the patch must still replay.
set -euo pipefail
cd "$(dirname "$0")/../.."
RECORD_HISTORIES=1 npx jest --selectProjects integration -- workflows/test/ "$@"
npx ts-node --transpile-only workflows/test/support/alter-history.ts
ls -l workflows/test/histories workflows/test/histories/altered
