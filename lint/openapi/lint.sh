#!/usr/bin/env bash
# Lints the OpenAPI documents the build writes (issue 11): Spectral's OWASP API Security ruleset on
# every service's document (<service>/target/openapi/openapi.json, written by `./mvnw package`) and
# Redocly's recommended ruleset on the gateway's merged suite document
# (deploy-tests/target/openapi/suite-openapi.json, written by deploy-tests' OpenApiDocumentsTest).
# Prints errors and warnings per document; exits non-zero when any document has an error.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cd "$here"
[ -d node_modules/@stoplight/spectral-cli ] || npm ci --no-audit --no-fund --loglevel=error
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# node reads the tools' JSON reports: "<errors> <warnings>"
count() {
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const items = Array.isArray(r) ? r : r.problems;
    const errors = items.filter(p => p.severity === 0 || p.severity === "error");
    const warnings = items.filter(p => p.severity === 1 || p.severity === "warn");
    for (const e of errors) {
      const where = e.path ? e.path.join(".") : (e.location || []).map(l => l.pointer).join(" ");
      console.error(`  error ${e.code || e.ruleId}: ${where}: ${e.message}`);
    }
    console.log(errors.length + " " + warnings.length);' "$1"
}

need() {
  [ -f "$1" ] || { echo "$1 is missing: run ./mvnw verify (or package) first" >&2; exit 2; }
}

failed=0
mkdir -p docs # .spectral.yaml's overrides name documents relative to itself
for service in gateway complaint-service survey-service inspection-service notification-service; do
  need "$root/$service/target/openapi/openapi.json"
  doc="docs/$service.json"
  cp "$root/$service/target/openapi/openapi.json" "$doc"
  npx --no-install spectral lint --ruleset .spectral.yaml --format json --output "$out/$service.json" \
    --fail-severity=error --quiet "$doc" >/dev/null 2>&1 || true
  need "$out/$service.json"
  read -r errors warnings < <(count "$out/$service.json")
  # strings/arrays whose only limit is the request-body cap (platform openapi/SchemaLimits)
  capped=$(grep -o '"x-zhengfeng-limit"' "$doc" | wc -l)
  printf 'spectral (OWASP)      %-20s errors=%-4s warnings=%-4s body-capped=%s\n' "$service" "$errors" "$warnings" "$capped"
  [ "$errors" = 0 ] || failed=1
done

suite="$root/deploy-tests/target/openapi/suite-openapi.json"
need "$suite"
npx --no-install redocly lint --config redocly.yaml --format json "$suite" >"$out/suite.json" 2>/dev/null || true
read -r errors warnings < <(count "$out/suite.json")
printf 'redocly (recommended) %-20s errors=%-4s warnings=%s\n' "suite (gateway)" "$errors" "$warnings"
[ "$errors" = 0 ] || failed=1

exit "$failed"
