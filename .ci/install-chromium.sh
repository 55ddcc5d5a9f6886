#!/bin/sh
# Install headless Chromium for the HTML review tests (tests/test_visual_review.py), which
# open the review page in a browser and count the rendered blocks. The tests skip with a
# clear reason when /usr/bin/chromium is missing, so this is only needed where CI must run
# them. Debian/Ubuntu only; idempotent; needs root (or passwordless sudo).
#
#   .ci/install-chromium.sh          # from .ci/run, before pytest
set -eu

if [ -x /usr/bin/chromium ]; then
    echo "install-chromium: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
    exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-chromium: no apt-get here; the browser tests will be skipped" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then
        SUDO="sudo -n"
    else
        echo "install-chromium: not root and no sudo; the browser tests will be skipped" >&2
        exit 0
    fi
fi
export DEBIAN_FRONTEND=noninteractive
# Never fail the caller: without Chromium the browser tests skip with a reason.
if ! { $SUDO apt-get update -q && $SUDO apt-get install -y -q --no-install-recommends chromium chromium-driver; }; then
    echo "install-chromium: apt-get failed; the browser tests will be skipped" >&2
    exit 0
fi
/usr/bin/chromium --version || true
