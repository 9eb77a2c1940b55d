#!/usr/bin/env bash
# check.sh: build golangci-lint with the retryvet plugin (module proxy
# only) as custom-gcl, the name .custom-gcl.yml gives it, and prove it in
# CI: its version line, the example service's findings with its own
# .golangci.yml, what //nolint silences, a setting that takes effect, and
# the project's own .golangci.yml.
set -euo pipefail
cd "$(dirname "$0")"
root=$(cd ../.. && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# golangci-lint's result cache keys on go.mod/go.sum only: a fresh one.
export GOLANGCI_LINT_CACHE=$work/cache

fail() { echo "gcl: $*"; exit 1; }

# 0. One name and one golangci-lint version for the custom binary.
name=$(sed -n 's/^name: *//p' "$root/.custom-gcl.yml")
[ "$name" = custom-gcl ] || fail ".custom-gcl.yml names the binary '$name', the docs say custom-gcl"
grep -qx "/$name" "$root/.gitignore" || fail ".gitignore does not ignore /$name"
want=$(sed -n 's/^version: *//p' "$root/.custom-gcl.yml")
have=$(sed -n 's|^[[:space:]]*github.com/golangci/golangci-lint/v2 \(v[^ ]*\).*|\1|p' go.mod)
[ "$want" = "$have" ] || fail ".custom-gcl.yml builds golangci-lint $want, build/gcl/go.mod requires $have"

bin=$work/$name
GOFLAGS=-mod=mod go build -o "$bin" .
"$bin" version | tee "$work/version"
grep -qE "^golangci-lint has version ${have#v}-custom-gcl built with go[0-9.]+ from retryvet v[0-9]" "$work/version" ||
	fail "version line does not name the golangci-lint, Go and retryvet versions"

# 1. The example service with its own .golangci.yml, as the README runs
#    it: every finding of examples/expected.txt, as file:line, and
#    nothing else.
status=0
(cd "$root/examples" && "$bin" run --output.text.print-issued-lines=false ./...) >"$work/examples.out" || status=$?
[ "$status" -eq 1 ] || { cat "$work/examples.out"; fail "examples: exit $status, want 1"; }
grep -v '(related information)' "$work/examples.out" | grep -oE '[a-z/]+\.go:[0-9]+' | sed 's|^\.\./\.\./\.\./examples/||; s|^.*examples/||' | sort >"$work/got"
grep -v "^$(printf '\t')" "$root/examples/expected.txt" | grep -oE '^[a-z/]+\.go:[0-9]+' | sort >"$work/want"
diff -u "$work/want" "$work/got" || fail "examples: findings differ from examples/expected.txt"
echo "gcl: examples: $(wc -l <"$work/want") findings as expected"

# 2. nolint and settings, on the fixture module.
status=0
(cd testdata/mod && "$bin" run -c ../golangci.yml ./...) >"$work/mod.out" || status=$?
grep -q 'svc.go:27:3: fixedsleep: retry loop waits a fixed 2s' "$work/mod.out" || { cat "$work/mod.out"; fail "fixture: finding missing"; }
if grep -q 'svc.go:39:' "$work/mod.out"; then cat "$work/mod.out"; fail "//nolint:retryvet did not silence"; fi
echo "gcl: //nolint:retryvet silences"
grep -q 'svc.go:52:3: fixedsleep: retry loop waits a fixed 4s' "$work/mod.out" || { cat "$work/mod.out"; fail "//nolint:fixedsleep silenced a finding: update the docs on //nolint"; }
echo "gcl: //nolint:fixedsleep does not (the plugin is one linter, retryvet)"
status=0
(cd testdata/mod && "$bin" run -c ../settings.yml ./...) >"$work/set.out" || status=$?
[ "$status" -eq 0 ] || { cat "$work/set.out"; fail "settings: exit $status, want 0 with fixedsleep-minattempts: 6"; }
echo "gcl: a setting takes effect"

# 3. The project's own configuration, with retryvet beside the others.
(cd "$root" && "$bin" run ./...)
echo "gcl: the project lints clean with retryvet enabled"
