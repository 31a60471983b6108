#!/usr/bin/env bash
# Builds cmpulse for the platforms the README lists, from Linux amd64:
#   dist/cmpulse-linux-amd64        native
#   dist/cmpulse-linux-arm64        apt-get install gcc-aarch64-linux-gnu g++-aarch64-linux-gnu
#   dist/cmpulse-windows-amd64.exe  apt-get install gcc-mingw-w64-x86-64-posix g++-mingw-w64-x86-64-posix
# DuckDB's driver is cgo and links DuckDB's prebuilt static library for the
# target (a Go module per platform), so each target needs a C/C++ cross
# compiler, given as CC and CXX. A target whose compiler is missing is
# skipped with a message; the exit status is 1 if any build failed.
#
# Windows does not link yet with Debian 12's mingw-w64 (tried 2026-12, GCC
# 12, mingw-w64 10): DuckDB's prebuilt Windows library wants MinGW's posix
# thread model (hence the -posix compilers: pthread_mutex_*, std::thread)
# and the UCRT C runtime (hence -lucrt: __stdio_common_vsnprintf_s,
# _tzname), and one libstdc++ symbol built for UCRT is still missing
# (std::basic_streambuf<char>::seekpos(std::fpos<_Mbstatet>, ...)), since
# Debian's libstdc++ for mingw is built on msvcrt. A UCRT toolchain (MSYS2's
# UCRT64 on Windows, or llvm-mingw) should link it; nobody has tried here.
#
# Usage: scripts/cross-build.sh [target...]   (default: all three)
#        OUT=somewhere scripts/cross-build.sh linux-arm64
set -uo pipefail
cd "$(dirname "$0")/.."
out=${OUT:-dist}
mkdir -p "$out"
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(linux-amd64 linux-arm64 windows-amd64)

status=0
for t in "${targets[@]}"; do
  case $t in
    linux-amd64)   cc=gcc;                    cxx=g++;                    bin=cmpulse-linux-amd64 ;;
    linux-arm64)   cc=aarch64-linux-gnu-gcc;  cxx=aarch64-linux-gnu-g++;  bin=cmpulse-linux-arm64 ;;
    windows-amd64) cc=x86_64-w64-mingw32-gcc-posix; cxx=x86_64-w64-mingw32-g++-posix; bin=cmpulse-windows-amd64.exe ;;
    *) echo "unknown target $t (linux-amd64, linux-arm64, windows-amd64)" >&2; status=1; continue ;;
  esac
  if ! command -v "$cc" >/dev/null || ! command -v "$cxx" >/dev/null; then
    echo "$t: skipped: $cc or $cxx is not installed (see the top of this script)" >&2
    status=1
    continue
  fi
  echo "$t: building $out/$bin" >&2
  start=$(date +%s)
  # -trimpath: no build machine paths in the binary. Windows: static
  # libstdc++ and libgcc, or the .exe needs MinGW's DLLs beside it.
  ldflags=""
  [ "$t" = windows-amd64 ] && ldflags='-extldflags "-static -lucrt"'
  log="$out/$bin.log"
  if CGO_ENABLED=1 GOOS=${t%-*} GOARCH=${t#*-} CC=$cc CXX=$cxx \
      go build -trimpath -ldflags "$ldflags" -o "$out/$bin" ./cmd/cmpulse >"$log" 2>&1; then
    echo "$t: ok in $(( $(date +%s) - start ))s: $(file -b "$out/$bin" 2>/dev/null | cut -c1-80)" >&2
    rm -f "$log"
  else
    # A link failure prints thousands of lines: show the end, keep the rest.
    tail -n 15 "$log" | cut -c1-300 >&2
    echo "$t: FAILED after $(( $(date +%s) - start ))s (whole output in $log)" >&2
    status=1
  fi
done
exit $status
