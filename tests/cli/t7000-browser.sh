# t7000-browser.sh: the end-to-end browser tests (tests/e2e/browser.mjs):
# a worker and an analyst use Reach in headless Chromium through
# playwright-core; screenshots go to test-artifacts/e2e/
. "$TOP/tests/cli/lib.sh"

command -v node >/dev/null 2>&1 || fail "node is missing (sh scripts/setup installs it)"
chromium=${CHROMIUM:-/usr/bin/chromium}
[ -x "$chromium" ] || fail "$chromium is missing (sh scripts/setup installs the chromium package)"
[ -d "$TOP/node_modules/playwright-core" ] ||
	fail "node_modules/playwright-core is missing (sh scripts/setup installs it)"

# under the sanitizers the test also fails on a report in the server's stderr
node "$TOP/tests/e2e/browser.mjs" || fail "browser tests failed (screenshots in test-artifacts/e2e/)"
