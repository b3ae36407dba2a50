#!/usr/bin/env bash
# Seeds the fuzz corpus with every real item under openapi/postman/ and the bad-input
# catalogue, then runs the target. Usage: fuzz/seed.sh [seconds]
set -euo pipefail
cd "$(dirname "$0")"
mkdir -p corpus/convert_item
find ../openapi/postman -name '*.json' ! -name '_*' -exec cp {} corpus/convert_item/ \;
cp ../xtask/tests/data/bad/*.json corpus/convert_item/ 2>/dev/null || true
# cargo fuzz needs nightly-only flags; RUSTC_BOOTSTRAP lets the one stable toolchain take them.
RUSTC_BOOTSTRAP=1 cargo fuzz run convert_item corpus/convert_item -- -max_total_time="${1:-60}" -rss_limit_mb=4096
