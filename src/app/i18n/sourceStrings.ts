// Finds the user-visible strings written in the page's source instead of the catalogue (for catalogue.test.ts), and
// the keys the source asks the catalogue for. A string counts as user-visible when it is JSX text, or a literal
// that reads as prose (two words, one capitalised word, an ellipsis, or Chinese) outside the places where
// strings are code: imports, t(...) keys, class names, test ids, comparisons, event names, CSS, types. The reasons
// inside typed errors (InputError, UnavailableError, ...) are the engine's technical detail, kept verbatim in
// every language as the command line prints them; the page translates each error code's headline (errorText.ts).
import ts from 'typescript';

export interface Finding {
  file: string;
  line: number;
  text: string;
}

/** Attributes whose values are code, never read by a person. */
const CODE_ATTRIBUTES = new Set([
  'className', 'data-testid', 'id', 'key', 'role', 'type', 'htmlFor', 'href', 'rel', 'target', 'accept', 'inputMode',
  'autoComplete', 'name', 'lang', 'dir', 'style', 'd', 'viewBox', 'fill', 'stroke', 'textAnchor', 'dominantBaseline',
  'transform', 'preserveAspectRatio', 'xmlns', 'strokeWidth', 'fontSize', 'strokeDasharray', 'fontFamily', 'direction',
  'aria-hidden', 'aria-live', 'aria-controls', 'aria-describedby', 'aria-labelledby', 'aria-orientation', 'testId', 'mode',
  'kind', 'variant', 'ns', 'i18nKey', 'clipPath', 'mask', 'markerEnd', 'shapeRendering', 'imageRendering', 'loading', 'decoding',
]);

/** Calls whose string arguments are code (keys, selectors, event and media names, CSS, logs). */
const CODE_CALLS = new Set([
  't', 'tFor', 'useT', 'i18nKey', 'querySelector', 'querySelectorAll', 'matchMedia', 'addEventListener', 'removeEventListener',
  'getContext', 'createElement', 'getItem', 'setItem', 'removeItem', 'getPropertyValue', 'setProperty', 'log', 'warn', 'error', 'debug',
  'info', 'mark', 'measure', 'get', 'has', 'set', 'getAttribute', 'setAttribute', 'closest', 'startsWith', 'endsWith', 'includes',
  'split', 'replace', 'match', 'test', 'toLocaleString', 'postMessage', 'call', 'Error', 'TypeError', 'RangeError', 'defineQuery',
  'InternalError', 'requireHeatConfig', 'UnavailableError', 'InputError', 'EngineStateError', 'EngineError', 'EngineRestartError', 'importScripts', 'fetch', 'Worker', 'URL', 'Blob', 'File', 'RegExp', 'assertNever',
]);

/** Typed errors (ImageInputError, WeightFileError, AnalysisInputError, ...): their reasons stay verbatim (see above). */
const isCodeCall = (name: string) => CODE_CALLS.has(name) || /^[A-Z]\w*Error$/.test(name);

/**
 * A literal marked `// i18n: verbatim (<why>)` on its line or the line above stays as written in every language:
 * data that only looks like prose (a result file's record of the command, a developer entry's title).
 */
const VERBATIM = /\/\/\s*i18n: verbatim\b/;

const LETTER = /[A-Za-z]/;
const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

/** Reads as prose for a person: two words, one capitalised word ('Play'), an ellipsis, or Chinese. */
export function readsAsProse(text: string): boolean {
  if (CJK.test(text)) return true;
  if (!LETTER.test(text)) return false;
  const t = text.trim();
  return /(^|[\s(])[A-Za-z]+[,.;:!?']?\s+[A-Za-z(]/.test(t) || /^[A-Z][a-z]{2,}[.:!?]?$/.test(t) || /[A-Za-z]…$/.test(t);
}

function calleeName(call: ts.CallExpression | ts.NewExpression): string {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return '';
}

/** Whether a literal sits where strings are code, not words. */
function inCodePosition(node: ts.Node): boolean {
  let child: ts.Node = node;
  for (let p = node.parent; p; child = p, p = p.parent) {
    if (ts.isImportDeclaration(p) || ts.isExportDeclaration(p) || ts.isImportTypeNode(p) || ts.isLiteralTypeNode(p)) return true;
    if (ts.isTypeNode(p) && !ts.isExpressionWithTypeArguments(p)) return true;
    if ((ts.isCallExpression(p) || ts.isNewExpression(p)) && child !== p.expression && isCodeCall(calleeName(p))) return true;
    if (ts.isJsxAttribute(p)) return CODE_ATTRIBUTES.has(p.name.getText());
    if (ts.isBinaryExpression(p) && [ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken, ts.SyntaxKind.InKeyword].includes(p.operatorToken.kind)) return true;
    if (ts.isCaseClause(p) && child === p.expression) return true;
    if (ts.isPropertyAssignment(p) && child === p.name) return true;
    if (ts.isElementAccessExpression(p) && child === p.argumentExpression) return true;
    if (ts.isTaggedTemplateExpression(p)) return true;
    // A statement or a declaration ends the climb: what holds the literal is decided by then.
    if (ts.isStatement(p) || ts.isVariableDeclaration(p) || ts.isJsxElement(p) || ts.isJsxSelfClosingElement(p)) return false;
  }
  return false;
}

function templateText(node: ts.TemplateExpression): string {
  return [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('x').replace(/\s+/g, ' ');
}

/** The user-visible strings of one source file that are not taken from the catalogue. */
export function uncataloguedStrings(file: string, source: string): Finding[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const out: Finding[] = [];
  const lines = source.split('\n');
  const report = (node: ts.Node, text: string) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart()).line;
    if (VERBATIM.test(lines[line]) || (line > 0 && VERBATIM.test(lines[line - 1]))) return;
    out.push({ file, line: line + 1, text: text.trim().slice(0, 80) });
  };
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      if (LETTER.test(node.text) || CJK.test(node.text)) report(node, node.text);
    } else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      if (readsAsProse(node.text) && !inCodePosition(node)) report(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      if (readsAsProse(templateText(node)) && !inCodePosition(node)) report(node, templateText(node));
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

export interface KeyUse {
  file: string;
  line: number;
  namespace: string;
  key: string;
}

/** The literal keys a file asks for: t('key') with the namespace of its useT('ns') / tFor('ns'), or t('ns:key'). */
export function keysUsed(file: string, source: string): KeyUse[] {
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const namespaces = new Map<string, string>(); // translator variable -> namespace
  const uses: { node: ts.CallExpression; variable: string; key: string }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isCallExpression(node.initializer) && ts.isIdentifier(node.name)) {
      const name = calleeName(node.initializer);
      const arg = node.initializer.arguments[0];
      if ((name === 'useT' || name === 'tFor') && arg && ts.isStringLiteral(arg)) namespaces.set(node.name.text, arg.text);
    }
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const arg = node.arguments[0];
      if (arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) uses.push({ node, variable: node.expression.text, key: arg.text });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  const out: KeyUse[] = [];
  for (const u of uses) {
    const line = sf.getLineAndCharacterOfPosition(u.node.getStart()).line + 1;
    const explicit = u.key.match(/^([\w-]+):(.+)$/);
    if (explicit && namespaces.has(u.variable)) out.push({ file, line, namespace: explicit[1], key: explicit[2] });
    else if (namespaces.has(u.variable)) out.push({ file, line, namespace: namespaces.get(u.variable)!, key: u.key });
  }
  return out;
}
