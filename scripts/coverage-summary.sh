#!/bin/sh
# Prints one line of test coverage for a module from its JaCoCo CSV report, so the build output
# shows coverage per module (the full report is target/site/jacoco/index.html). No threshold.
# Usage: coverage-summary.sh MODULE_NAME PATH_TO_jacoco.csv PACKAGING
set -eu
module="$1"
csv="$2"
packaging="${3:-jar}"
if [ "$packaging" = "pom" ]; then
    exit 0 # parents and the BOM hold no code
fi
if [ ! -f "$csv" ]; then
    echo "[coverage] $module: no coverage data (no tests or no classes)"
    exit 0
fi
awk -F, -v module="$module" '
    NR > 1 { im += $4; ic += $5; bm += $6; bc += $7; lm += $8; lc += $9 }
    function pct(covered, missed) {
        return (covered + missed) == 0 ? "n/a" : sprintf("%.1f%%", 100 * covered / (covered + missed))
    }
    END {
        printf "[coverage] %s: lines %s (%d/%d), branches %s (%d/%d), instructions %s\n",
            module, pct(lc, lm), lc, lc + lm, pct(bc, bm), bc, bc + bm, pct(ic, im)
    }' "$csv"
