// The catalogue is complete: every user-visible string of the page comes from it, every key the source asks for is
// in it, and English and Simplified Chinese have the same keys, the same placeholders and no English left in Chinese.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from './i18n';
import { LANGUAGES } from './language';
import { keysUsed, readsAsProse, uncataloguedStrings } from './sourceStrings';

const APP = join(__dirname, '..');
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every page source file (tests, the test hooks and the catalogue's own code excepted). */
function sourceFiles(dir = APP): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'testing' || name === 'locales' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !path.startsWith(__dirname) ? [path] : [];
  });
}

function flatten(tree: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree as Record<string, unknown>)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else for (const [kk, vv] of flatten(v, `${prefix}${k}.`)) out.set(kk, vv);
  }
  return out;
}

/** Names and units that stay Latin in Chinese text (models, formats, APIs, symbols). */
const LATIN_TERMS = new Set([
  'vHeat', 'HcNet', 'ConvNeXt', 'ViT', 'ERF', 'DCT', 'IDCT', 'FFT', 'PNG', 'WebM', 'WebGPU', 'GPU', 'CPU', 'ImageNet', 'Fashion',
  'MNIST', 'PyTorch', 'URL', 'PCA', 'DC', 'ms', 'MB', 'KB', 'GB', 'px', 'tfjs', 'wasm', 'WASM', 'SwiftShader', 'safetensors', 'pth',
  'ONNX', 'ort', 'LayerNorm', 'Top', 'top', 'dims', 'fp16', 'fp32', 'IndexedDB', 'JSON', 'npm', 'vite', 'Vite', 'HTTP', 'CNN', 'Swin',
  'ResNet', 'DeiT', 'GELU', 'MLP', 'FLOPs', 'log', 'exp', 'max', 'min', 'dwconv', 'Chromium', 'Chrome', 'Safari', 'Firefox', 'ImageNet-1k',
  'README', 'EMA', 'RGB', 'JPEG', 'WebP', 'GIF', 'cos', 'sin', 'Bluestein', 'Stockham', 'Dawn', 'Vulkan', 'Metal', 'Heat', 'Lab', 'dpr',
  'CSV', 'TSV', 'Fourier', 'Laplace', 'Hz', 'fps', 'GiB', 'MiB', 'KiB', 'T', 'S', 'B', 'vs', 'ReLU', 'softmax', 'logits', 'IDs', 'ID',
  'k', 't', 'n', 'm', 'u', 'du', 'dt', 'kt', 'M', 'JS', 'zip', 'SHA',
  's', 'u0', 'w', 'log10', 'Esc',
  'llvmpipe', 'UTC', 'Enter', 'WGSL',
  'g', 'k', 't', 'u', 'x', 'z', 'N', 'O', 'C', 'log10', 'sigmoid', 'arXiv', 'RepLKNet', 'Enter', 'SiLU', 'GroupNorm',
]);

describe('catalogue', () => {
  const all = catalogues();
  const en = all.en;

  it('has the same namespaces and keys in every language, none empty, with the same placeholders', () => {
    for (const lang of LANGUAGES) {
      expect(Object.keys(all[lang]).sort(), lang).toEqual(Object.keys(en).sort());
      for (const ns of Object.keys(en)) {
        const base = flatten(en[ns]);
        const other = flatten(all[lang][ns]);
        // Plural forms differ by language (English: _one and _other; Chinese: _other only): compare the keys without them.
        const stems = (keys: Iterable<string>) => [...new Set([...keys].map((k) => k.replace(PLURAL, '')))].sort();
        expect(stems(other.keys()), `${lang}/${ns}.json keys`).toEqual(stems(base.keys()));
        for (const key of base.keys()) if (PLURAL.test(key)) expect(other.has(key.replace(PLURAL, '_other')), `${lang}/${ns}.json ${key.replace(PLURAL, '_other')}`).toBe(true);
        for (const [key, text] of other) {
          expect(text.trim(), `${lang}/${ns}.json ${key} is empty`).not.toBe('');
          const vars = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}|<(\/?\w+)>/g)].map((m) => m[1] ?? m[2]).sort();
          expect(vars(text), `${lang}/${ns}.json ${key}: placeholders and tags as in English`).toEqual(vars(base.get(key) ?? base.get(key.replace(PLURAL, '_other')) ?? ''));
        }
      }
    }
  });

  it('leaves no English in Simplified Chinese (names, formats and units excepted)', () => {
    const left: string[] = [];
    for (const [ns, tree] of Object.entries(all['zh-CN'])) {
      for (const [key, text] of flatten(tree)) {
        const plain = text.replace(/\{\{[^}]*\}\}|<\/?\w+>|\$t\([^)]*\)/g, ' ');
        for (const word of plain.match(/[A-Za-z][A-Za-z0-9-]*/g) ?? []) {
          if (!LATIN_TERMS.has(word) && !word.split('-').every((w) => LATIN_TERMS.has(w) || /^\d/.test(w))) left.push(`zh-CN/${ns}.json ${key}: "${word}"`);
        }
      }
    }
    expect(left).toEqual([]);
  });

  it('holds every key the page asks for (in English, and so in Chinese)', () => {
    const missing: string[] = [];
    for (const file of sourceFiles()) {
      for (const use of keysUsed(file, readFileSync(file, 'utf8'))) {
        const keys = en[use.namespace] ? flatten(en[use.namespace]) : new Map();
        const found = keys.has(use.key) || ['one', 'other'].some((p) => keys.has(`${use.key}_${p}`));
        if (!found) missing.push(`${relative(APP, file)}:${use.line} ${use.namespace}:${use.key}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('is where every user-visible string of the page comes from', () => {
    const findings = sourceFiles().flatMap((file) => uncataloguedStrings(file, readFileSync(file, 'utf8')));
    expect(findings.map((f) => `${relative(APP, f.file)}:${f.line} "${f.text}"`)).toEqual([]);
  });
});

describe('the source scan itself', () => {
  it('finds JSX text, prose in attributes and expressions, and leaves code strings alone', () => {
    const src = `
      import x from './a b';
      export function A({ on }: { on: boolean }) {
        const t = useT('heat');
        const mode = 'per-frame';
        if (mode === 'Per Frame') return null;
        return (<div className="a b" data-testid="c d" aria-label="Time of the heat">
          Play {on ? 'Pause now' : t('play')} <span title={\`\${1} of \${2}\`}>{t('time.label')}</span>
        </div>);
      }`;
    const found = uncataloguedStrings('a.tsx', src).map((f) => f.text);
    expect(found).toEqual(['Time of the heat', 'Play', 'Pause now', 'x of x']);
    const kept = `
      throw new ImageInputError(name, 'the file is damaged');
      // i18n: verbatim (a result file's record of the command)
      const command = 'Heat Lab playground, run';
      const shown = 'Shown text';`;
    expect(uncataloguedStrings('b.ts', kept).map((f) => f.text)).toEqual(['Shown text']);
    expect(keysUsed('a.tsx', src).map((u) => `${u.namespace}:${u.key}`)).toEqual(['heat:play', 'heat:time.label']);
  });

  it('tells prose from code', () => {
    for (const s of ['Play', 'Reset view', 'recomputing…', '热传导', 'Time (log):']) expect(readsAsProse(s), s).toBe(true);
    for (const s of ['per-frame', 'image/png', 'hcnet', 'ArrowLeft', '12px system-ui', 'vheat-fashion-mnist', '']) expect(readsAsProse(s), s).toBe(false);
  });
});

describe('the translators', () => {
  it('follow the language switch, also for plain modules', async () => {
    const { changeLanguage, formatPercent, i18n, tFor } = await import('./i18n');
    i18n.addResourceBundle('en', 'probe', { hello: 'Hello {{name}}' });
    i18n.addResourceBundle('zh-CN', 'probe', { hello: '你好 {{name}}' });
    const t = tFor('probe');
    expect(t('hello', { name: 'vHeat' })).toBe('Hello vHeat');
    changeLanguage('zh-CN');
    expect(t('hello', { name: 'vHeat' })).toBe('你好 vHeat');
    expect(formatPercent(0.871)).toBe('87.1%');
    changeLanguage('en');
    i18n.removeResourceBundle('en', 'probe');
    i18n.removeResourceBundle('zh-CN', 'probe');
  });
});
