#!/bin/sh
# Heat Lab GPU kit: times the engine's WebGPU kernels (Dawn on Vulkan) and its CPU path on this machine.
#   ./run.sh RESULTS_DIR [--quick] [--swiftshader] [--torch] [suite ...] [key=value ...]
# Needs only x86-64 Linux, a Vulkan driver (libvulkan.so.1 and an ICD) and xz or python3 to unpack.
# Unpacks Node, Dawn and the bundle to a fresh folder under /tmp, prints the adapter, runs the suites
# (default: backend-choice kernel-choice dispatches model; --quick: backend-choice, kernel-choice and dispatches with
# quick=1, about a minute on SwiftShader; dispatches records every kernel-choice row's dispatch count and time) and writes one JSON per suite into RESULTS_DIR. --swiftshader: use the SwiftShader Vulkan
# driver of Debian's Chromium (/usr/lib/chromium), for machines without a GPU. --torch: also run-torch.py.
set -eu
KIT=$(cd "$(dirname "$0")" && pwd)
RESULTS=""
QUICK=0
TORCH=0
SUITES=""
for a in "$@"; do
  case "$a" in
    --quick) QUICK=1 ;;
    --torch) TORCH=1 ;;
    --swiftshader)
      export LD_LIBRARY_PATH=/usr/lib/chromium${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
      export VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $a" >&2; exit 2 ;;
    *) if [ -z "$RESULTS" ]; then RESULTS="$a"; else SUITES="$SUITES $a"; fi ;;
  esac
done
if [ -z "$RESULTS" ]; then echo "usage: run.sh RESULTS_DIR [--quick] [--swiftshader] [--torch] [suite ...] [key=value ...]" >&2; exit 2; fi
mkdir -p "$RESULTS"
RESULTS=$(cd "$RESULTS" && pwd)

unxz_to() { # unxz_to SRC DEST
  if command -v xz >/dev/null 2>&1; then xz -dc "$1" > "$2"
  elif command -v python3 >/dev/null 2>&1; then python3 -c 'import lzma,shutil,sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2"
  else echo "run.sh: neither xz nor python3 is here to unpack $1" >&2; exit 1; fi
}

WORK=$(mktemp -d /tmp/heatlab-gpu-kit.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/node_modules/webgpu/dist/linux-x64"
unxz_to "$KIT/node.xz" "$WORK/node"
chmod +x "$WORK/node"
unxz_to "$KIT/dawn.node.xz" "$WORK/node_modules/webgpu/dist/linux-x64/dawn.node"
cp "$KIT/webgpu/"* "$WORK/node_modules/webgpu/"
unxz_to "$KIT/heatlab-bench.mjs.xz" "$WORK/heatlab-bench.mjs"
echo "gpu-kit: $(uname -m) $(uname -r), $(nproc 2>/dev/null || echo '?') CPUs, Node $("$WORK/node" --version), unpacked in $WORK"

if [ "$QUICK" = 1 ]; then
  set -- backend-choice kernel-choice dispatches quick=1
elif [ -n "$SUITES" ]; then
  # shellcheck disable=SC2086
  set -- $SUITES
else
  set -- backend-choice kernel-choice dispatches model
fi
STATUS=0
"$WORK/node" "$WORK/heatlab-bench.mjs" --results "$RESULTS" --wasm-dir "$KIT/wasm" "$@" || STATUS=$?
if [ "$TORCH" = 1 ]; then
  PY=$(command -v python3 || true)
  if [ -n "$PY" ]; then "$PY" "$KIT/run-torch.py" --out "$RESULTS/torch.json" || STATUS=$?
  else echo "run.sh: no python3 here: PyTorch timings skipped"; fi
fi
echo "gpu-kit: results in $RESULTS"
exit "$STATUS"
