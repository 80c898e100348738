#!/bin/sh
# After train_fashion.py: evaluate, write fixtures/fashion + samples, convert the exported checkpoints into
# public/models/ with the project's own converter (`vheat convert --meta`), then check them on the engine.
# Command: sh tools/python/bundle_fashion.sh [--vheat-run DIR] [--hcnet-run DIR] [--convnext-run DIR] [--vit-run DIR]
#          [--only NAME ...]   (from the repository root; converts each model whose tools/python/work/NAME.meta.json exists)
set -e
/usr/bin/python3 tools/python/export_fashion.py "$@"
mkdir -p public/models
for m in vheat hcnet convnext vit; do
  meta="tools/python/work/${m}.meta.json"
  [ -f "$meta" ] || continue
  weights=$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).weights)' "$meta")
  node bin/vheat.mjs convert "tools/python/work/${m}-fashion-mnist.pth" --weights "$weights" --meta "$meta" \
    -o "public/models/${m}-fashion-mnist.safetensors"
done
npx vitest run --project unit tools/python/fashionParity.test.ts
