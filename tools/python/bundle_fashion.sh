#!/bin/sh
# After train_fashion.py: evaluate, write fixtures/fashion + samples, convert both checkpoints into
# public/models/ with the project's own loader/writer (src/engine/weights), then check them on the engine.
# Command: sh tools/python/bundle_fashion.sh [--vheat-run DIR] [--hcnet-run DIR]   (from the repository root)
set -e
/usr/bin/python3 tools/python/export_fashion.py "$@"
mkdir -p public/models
for m in vheat hcnet; do
  npx tsx tools/python/convert_bundled.ts "tools/python/work/${m}-fashion-mnist.pth" \
    "tools/python/work/${m}.meta.json" "public/models/${m}-fashion-mnist.safetensors"
done
npx vitest run --project unit tools/python/fashionParity.test.ts
