#!/bin/sh
# esbuild's service, which tsx and the engine's bundler start as a child, shares the phase's process group,
# so a terminal's Ctrl-C (or `timeout`) reaches it too and would kill it while the stopped run still has
# modules to compile (the report's, the verdict's). Ignored signals survive exec; the service still ends
# when its parent does, as its stdin closes.
trap '' INT TERM
exec "$(dirname "$0")/../node_modules/esbuild/bin/esbuild" "$@"
