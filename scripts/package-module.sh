#!/usr/bin/env bash
# Packages the MbxCtl PowerShell module with the mbxctl binary in the PowerShell Gallery layout,
# for machines without PowerShell (Linux and macOS CI). Same layout as package-module.ps1:
#   out/MbxCtl/<ModuleVersion>/{MbxCtl.psd1,MbxCtl.psm1,MbxCtl.Format.ps1xml,bin/<rid>/mbxctl}
# Usage: scripts/package-module.sh [--skip-build] [--out DIR] [--rid RID] [--target TRIPLE]
set -euo pipefail
cd "$(dirname "$0")/.."

out=out rid= target= build=1
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) build=0 ;;
    --out) out=$2; shift ;;
    --rid) rid=$2; shift ;;
    --target) target=$2; shift ;;
    *) echo "error: unknown argument '$1' (see the usage line at the top of $0)" >&2; exit 2 ;;
  esac
  shift
done

version=$(sed -n "s/^ *ModuleVersion *= *'\([^']*\)'.*/\1/p" module/MbxCtl/MbxCtl.psd1)
crate=$(sed -n 's/^version = "\([^"]*\)"/\1/p' Cargo.toml | head -n 1)
if [ -z "$version" ] || [ "$version" != "$crate" ]; then
  echo "error: MbxCtl.psd1 ModuleVersion '$version' differs from Cargo.toml version '$crate'; release them as one pair" >&2
  exit 1
fi

if [ -z "$rid" ]; then
  case "$(uname -s)" in
    Linux) os=linux ;;
    Darwin) os=osx ;;
    MINGW*|MSYS*|CYGWIN*) os=win ;;
    *) echo "error: unknown OS $(uname -s); pass --rid" >&2; exit 2 ;;
  esac
  case "$(uname -m)" in
    x86_64|amd64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) echo "error: unknown architecture $(uname -m); pass --rid" >&2; exit 2 ;;
  esac
  rid="$os-$arch"
fi
exe=mbxctl
case "$rid" in win-*) exe=mbxctl.exe ;; esac

if [ "$build" = 1 ]; then
  if [ -n "$target" ]; then cargo build --release --locked --target "$target"; else cargo build --release --locked; fi
fi
release=target/release
[ -n "$target" ] && release="target/$target/release"
if [ ! -f "$release/$exe" ]; then
  echo "error: no binary at $release/$exe; build it first (or drop --skip-build)" >&2
  exit 1
fi

dest="$out/MbxCtl/$version"
mkdir -p "$dest/bin/$rid"
cp module/MbxCtl/MbxCtl.psd1 module/MbxCtl/MbxCtl.psm1 module/MbxCtl/MbxCtl.Format.ps1xml "$dest/"
cp "$release/$exe" "$dest/bin/$rid/$exe"
chmod 755 "$dest/bin/$rid/$exe"
echo "Packaged MbxCtl $version with bin/$rid/$exe in $dest"
