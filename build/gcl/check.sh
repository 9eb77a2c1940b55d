#!/usr/bin/env bash
# check.sh: build golangci-lint with the retryvet plugin (module proxy
# only) and prove it in CI: the example service's findings, a
# //nolint:retryvet that silences one, a setting that takes effect, and
# the project's own .golangci.yml.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# golangci-lint's result cache keys on go.mod/go.sum only: a fresh one.
export GOLANGCI_LINT_CACHE=$work/cache
bin=$work/golangci-lint
GOFLAGS=-mod=mod go build -o "$bin" .
"$bin" version

fail() { echo "gcl: $*"; exit 1; }

# 1. The example service: every finding of examples/expected.txt, as
#    file:line, and nothing else.
status=0
(cd "$root/examples" && "$bin" run -c "$root/build/gcl/testdata/golangci.yml" ./...) >"$work/examples.out" || status=$?
[ "$status" -eq 1 ] || { cat "$work/examples.out"; fail "examples: exit $status, want 1"; }
grep -v '(related information)' "$work/examples.out" | grep -oE '[a-z/]+\.go:[0-9]+' | sed 's|^\.\./\.\./\.\./examples/||; s|^.*examples/||' | sort >"$work/got"
grep -v "^$(printf '\t')" "$root/examples/expected.txt" | grep -oE '^[a-z/]+\.go:[0-9]+' | sort >"$work/want"
diff -u "$work/want" "$work/got" || fail "examples: findings differ from examples/expected.txt"
echo "gcl: examples: $(wc -l <"$work/want") findings as expected"

# 2. nolint and settings, on the fixture module.
status=0
(cd testdata/mod && "$bin" run -c ../golangci.yml ./...) >"$work/mod.out" || status=$?
grep -q 'svc.go:24:3: fixedsleep: retry loop waits a fixed 2s' "$work/mod.out" || { cat "$work/mod.out"; fail "fixture: finding missing"; }
if grep -q 'svc.go:3[0-9]' "$work/mod.out"; then cat "$work/mod.out"; fail "//nolint:retryvet did not silence"; fi
echo "gcl: //nolint:retryvet silences"
status=0
(cd testdata/mod && "$bin" run -c ../settings.yml ./...) >"$work/set.out" || status=$?
[ "$status" -eq 0 ] || { cat "$work/set.out"; fail "settings: exit $status, want 0 with fixedsleep-minattempts: 6"; }
echo "gcl: a setting takes effect"

# 3. The project's own configuration, with retryvet beside the others.
(cd "$root" && "$bin" run ./...)
echo "gcl: the project lints clean with retryvet enabled"
