// Restricted unpickler for what torch.save writes (pickle protocols 2 to 5, with the older
// text opcodes that protocol-2 streams may still contain). Nothing named in a pickle is ever
// called: a few allowlisted torch/collections globals are interpreted as data (dicts,
// tensor records), every other global becomes an inert PyObject placeholder, and globals
// from code-execution modules (os, posix, subprocess, builtins.eval, ...) are refused.

import { WeightFileError } from './errors';

/** A Python value as the unpickler builds it. Lists are JS arrays; ints past 2^53 are bigint. */
export type PyValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | Uint8Array
  | PyValue[]
  | PyTuple
  | PyDict
  | PyGlobal
  | PyObject
  | PersistentRef
  | TensorRecord;

export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** dict / OrderedDict: insertion order kept; keys compared by value for str/number, identity otherwise. */
export class PyDict {
  readonly map = new Map<PyValue, PyValue>();
  constructor(readonly className: string = 'builtins.dict') {}
  set(k: PyValue, v: PyValue): void {
    this.map.set(k, v);
  }
  get(k: string): PyValue | undefined {
    return this.map.get(k);
  }
  has(k: string): boolean {
    return this.map.has(k);
  }
}

/** A reference to `module.name` (never resolved). */
export class PyGlobal {
  constructor(readonly module: string, readonly name: string) {}
  get qualified(): string {
    return `${this.module}.${this.name}`;
  }
}

/** Inert placeholder for an instance of / call to a foreign global. Its data is kept for inspection. */
export class PyObject {
  state: PyValue = null;
  readonly listItems: PyValue[] = [];
  readonly dictItems = new PyDict();
  constructor(readonly global: string, readonly args: PyValue[]) {}
}

/** persistent_id payload (torch: ('storage', StorageType, key, location, numel)). */
export class PersistentRef {
  constructor(readonly pid: PyValue) {}
}

/** A torch tensor as recorded in the pickle; data lives in the archive's storage records. */
export class TensorRecord {
  constructor(
    readonly storage: PersistentRef,
    readonly storageOffset: PyValue,
    readonly size: PyValue,
    readonly stride: PyValue,
  ) {}
}

export interface PickleLimits {
  maxOps: number;
  maxMemo: number;
  maxStack: number;
  maxStringBytes: number;
  maxContainerItems: number;
  maxDepth: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = {
  maxOps: 50_000_000,
  maxMemo: 5_000_000,
  maxStack: 100_000,
  maxStringBytes: 64 << 20,
  maxContainerItems: 10_000_000,
  maxDepth: 1000,
};

/** Modules whose callables are refused outright (a file naming them is an attack, not a checkpoint). */
const DANGEROUS_MODULES = new Set([
  'os', 'posix', 'nt', 'posixpath', 'ntpath', 'subprocess', 'sys', 'shutil', 'socket', 'importlib', 'runpy', 'pty',
  'code', 'codeop', 'commands', 'webbrowser', 'ctypes', 'marshal', 'pickle', '_pickle', 'operator', 'types', 'io',
  '_io', 'multiprocessing', 'asyncio', 'signal', 'tempfile', 'pdb', 'timeit', 'platform', 'pip', 'torch.hub',
  'torch.jit', 'torch.ops',
]);
/** builtins that are plain data constructors (anything else in builtins is refused). */
const INERT_BUILTINS = new Set(['set', 'frozenset', 'slice', 'complex', 'bytearray', 'object', 'range', 'bytes', 'str', 'int', 'float', 'bool', 'list', 'tuple', 'dict']);

const TENSOR_REBUILDERS = new Set(['torch._utils._rebuild_tensor_v2', 'torch._utils._rebuild_tensor']);
const PARAMETER_REBUILDERS = new Set(['torch._utils._rebuild_parameter', 'torch._utils._rebuild_parameter_with_state', 'torch.nn.parameter.Parameter']);
const DICT_CLASSES = new Set(['collections.OrderedDict', 'builtins.dict', '__builtin__.dict']);

function isDangerous(g: PyGlobal): boolean {
  const top = g.module.split('.')[0];
  if (g.module === 'builtins' || g.module === '__builtin__') return !INERT_BUILTINS.has(g.name);
  return DANGEROUS_MODULES.has(g.module) || DANGEROUS_MODULES.has(top) || g.name.startsWith('__');
}

class Reader {
  pos = 0;
  private readonly view: DataView;
  constructor(readonly bytes: Uint8Array, private readonly fail: (r: string) => never) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  need(n: number): number {
    if (n < 0 || this.pos + n > this.bytes.length) this.fail(`pickle truncated at byte ${this.pos} (needs ${n} more)`);
    const at = this.pos;
    this.pos += n;
    return at;
  }
  u8(): number {
    return this.bytes[this.need(1)];
  }
  u16(): number {
    return this.view.getUint16(this.need(2), true);
  }
  i32(): number {
    return this.view.getInt32(this.need(4), true);
  }
  u32(): number {
    return this.view.getUint32(this.need(4), true);
  }
  u64(): number {
    const v = this.view.getBigUint64(this.need(8), true);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`pickle length ${v} is past 2^53`);
    return Number(v);
  }
  f64be(): number {
    return this.view.getFloat64(this.need(8), false);
  }
  take(n: number): Uint8Array {
    const at = this.need(n);
    return this.bytes.subarray(at, at + n);
  }
  line(): string {
    const start = this.pos;
    const end = this.bytes.indexOf(0x0a, start);
    if (end < 0) this.fail('pickle truncated inside a text line');
    this.pos = end + 1;
    return new TextDecoder('latin1').decode(this.bytes.subarray(start, end));
  }
}

/** Little-endian two's complement bytes to a number (if safe) or bigint. */
function decodeLong(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function parseIntText(s: string, fail: (r: string) => never): number | bigint | boolean {
  const t = s.endsWith('L') ? s.slice(0, -1) : s;
  if (t === '00') return false;
  if (t === '01') return true;
  if (!/^[-+]?\d+$/.test(t) || t.length > 400) fail(`pickle: bad integer literal ${JSON.stringify(s.slice(0, 40))}`);
  const v = BigInt(t);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Unpickles `bytes`; throws WeightFileError naming `file` on anything malformed or hostile. */
export function unpickle(bytes: Uint8Array, file: string, limits: PickleLimits = DEFAULT_PICKLE_LIMITS): PyValue {
  const fail = (reason: string): never => {
    throw new WeightFileError(file, reason);
  };
  const r = new Reader(bytes, fail);
  const stack: PyValue[] = [];
  const marks: number[] = [];
  const memo = new Map<number, PyValue>();
  const utf8 = new TextDecoder('utf-8', { fatal: true });

  const push = (v: PyValue): void => {
    if (stack.length >= limits.maxStack) fail(`pickle stack deeper than ${limits.maxStack}`);
    stack.push(v);
  };
  const pop = (op: string): PyValue => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1])) fail(`pickle ${op} on an empty stack`);
    return stack.pop() as PyValue;
  };
  const top = (op: string): PyValue => {
    if (stack.length === 0 || (marks.length > 0 && stack.length <= marks[marks.length - 1])) fail(`pickle ${op} on an empty stack`);
    return stack[stack.length - 1] as PyValue;
  };
  const popMark = (op: string): PyValue[] => {
    const m = marks.pop();
    if (m === undefined) fail(`pickle ${op} without a MARK`);
    return stack.splice(m as number);
  };
  const str = (b: Uint8Array): string => {
    try {
      return utf8.decode(b);
    } catch {
      return fail('pickle string is not valid UTF-8');
    }
  };
  const sizedLen = (n: number): number => {
    if (n > limits.maxStringBytes) fail(`pickle string/bytes of ${n} bytes (limit ${limits.maxStringBytes})`);
    return n;
  };
  const memoPut = (i: number, v: PyValue): void => {
    if (!memo.has(i) && memo.size >= limits.maxMemo) fail(`pickle memo larger than ${limits.maxMemo} entries`);
    memo.set(i, v);
  };
  const memoGet = (i: number): PyValue => {
    if (!memo.has(i)) fail(`pickle refers to missing memo entry ${i}`);
    return memo.get(i) as PyValue;
  };
  const addItems = (target: PyValue, items: PyValue[], op: string): void => {
    if (Array.isArray(target)) {
      if (target.length + items.length > limits.maxContainerItems) fail(`pickle list longer than ${limits.maxContainerItems}`);
      for (const v of items) target.push(v);
    } else if (target instanceof PyObject) {
      for (const v of items) target.listItems.push(v);
    } else fail(`pickle ${op} on a non-list`);
  };
  const setItems = (target: PyValue, items: PyValue[], op: string): void => {
    if (items.length % 2 !== 0) fail(`pickle ${op} with an odd number of items`);
    const d = target instanceof PyDict ? target : target instanceof PyObject ? target.dictItems : fail(`pickle ${op} on a non-dict`);
    if (d.map.size + items.length / 2 > limits.maxContainerItems) fail(`pickle dict larger than ${limits.maxContainerItems}`);
    for (let i = 0; i < items.length; i += 2) {
      const k = items[i];
      if (!(k === null || typeof k !== 'object' || k instanceof PyTuple || k instanceof PyGlobal)) fail(`pickle ${op}: unhashable dict key`);
      d.set(k, items[i + 1]);
    }
  };
  const asGlobal = (v: PyValue, op: string): PyGlobal => (v instanceof PyGlobal ? v : fail(`pickle ${op}: callable is not a global`));
  const tupleItems = (v: PyValue, op: string): PyValue[] => (v instanceof PyTuple ? v.items : fail(`pickle ${op}: arguments are not a tuple`));

  /** REDUCE / NEWOBJ: interprets allowlisted globals, makes placeholders for the rest. */
  const call = (g: PyGlobal, args: PyValue[], op: string): PyValue => {
    const q = g.qualified;
    if (isDangerous(g)) fail(`pickle calls ${q}: refused (code execution attempt); nothing was executed`);
    if (DICT_CLASSES.has(q)) {
      const d = new PyDict(q);
      if (args.length > 0) {
        const src = args[0];
        if (Array.isArray(src)) for (const p of src) {
          const kv = p instanceof PyTuple ? p.items : Array.isArray(p) ? p : fail(`pickle ${op}: bad ${q} item`);
          if (kv.length !== 2) fail(`pickle ${op}: bad ${q} item`);
          d.set(kv[0], kv[1]);
        }
      }
      return d;
    }
    if (TENSOR_REBUILDERS.has(q)) {
      if (args.length < 4) fail(`pickle ${q} with ${args.length} arguments`);
      if (!(args[0] instanceof PersistentRef)) fail(`pickle ${q}: storage is not a persistent reference`);
      return new TensorRecord(args[0] as PersistentRef, args[1], args[2], args[3]);
    }
    if (PARAMETER_REBUILDERS.has(q)) {
      if (args.length < 1 || !(args[0] instanceof TensorRecord)) fail(`pickle ${q}: argument is not a tensor`);
      return args[0];
    }
    return new PyObject(q, args);
  };

  let ops = 0;
  for (;;) {
    if (++ops > limits.maxOps) fail(`pickle has more than ${limits.maxOps} opcodes`);
    const op = r.u8();
    switch (op) {
      case 0x80: { // PROTO
        const p = r.u8();
        if (p > 5) fail(`pickle protocol ${p} is not supported (2 to 5)`);
        break;
      }
      case 0x95: r.u64(); break; // FRAME: framing is transparent here
      case 0x2e: { // STOP
        const v = pop('STOP');
        checkDepth(v, limits.maxDepth, fail);
        return v;
      }
      case 0x28: marks.push(stack.length); break; // MARK
      case 0x30: pop('POP'); break;
      case 0x31: popMark('POP_MARK'); break;
      case 0x32: push(top('DUP')); break;
      case 0x4e: push(null); break; // NONE
      case 0x88: push(true); break;
      case 0x89: push(false); break;
      case 0x4a: push(r.i32()); break; // BININT
      case 0x4b: push(r.u8()); break; // BININT1
      case 0x4d: push(r.u16()); break; // BININT2
      case 0x8a: push(decodeLong(r.take(r.u8()))); break; // LONG1
      case 0x8b: { // LONG4
        const n = r.i32();
        if (n < 0 || n > 1024) fail(`pickle LONG4 of ${n} bytes`);
        push(decodeLong(r.take(n)));
        break;
      }
      case 0x49: push(parseIntText(r.line(), fail)); break; // INT
      case 0x4c: push(parseIntText(r.line(), fail)); break; // LONG
      case 0x47: push(r.f64be()); break; // BINFLOAT
      case 0x46: { // FLOAT
        const v = Number(r.line());
        push(v);
        break;
      }
      case 0x58: push(str(r.take(sizedLen(r.u32())))); break; // BINUNICODE
      case 0x8c: push(str(r.take(r.u8()))); break; // SHORT_BINUNICODE
      case 0x8d: push(str(r.take(sizedLen(r.u64())))); break; // BINUNICODE8
      case 0x54: { // BINSTRING
        const n = r.i32();
        if (n < 0) fail('pickle BINSTRING with a negative length');
        push(new TextDecoder('latin1').decode(r.take(sizedLen(n))));
        break;
      }
      case 0x55: push(new TextDecoder('latin1').decode(r.take(r.u8()))); break; // SHORT_BINSTRING
      case 0x42: push(r.take(sizedLen(r.u32())).slice()); break; // BINBYTES
      case 0x43: push(r.take(r.u8()).slice()); break; // SHORT_BINBYTES
      case 0x8e: case 0x96: push(r.take(sizedLen(r.u64())).slice()); break; // BINBYTES8, BYTEARRAY8
      case 0x56: push(r.line()); break; // UNICODE (raw-unicode-escape; ASCII subset kept as is)
      case 0x53: { // STRING
        const s = r.line();
        push(s.length >= 2 && (s[0] === "'" || s[0] === '"') ? s.slice(1, -1) : s);
        break;
      }
      case 0x5d: push([]); break; // EMPTY_LIST
      case 0x61: { // APPEND
        const v = pop('APPEND');
        addItems(top('APPEND'), [v], 'APPEND');
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark('APPENDS');
        addItems(top('APPENDS'), items, 'APPENDS');
        break;
      }
      case 0x6c: push(popMark('LIST')); break; // LIST
      case 0x29: push(new PyTuple([])); break; // EMPTY_TUPLE
      case 0x74: push(new PyTuple(popMark('TUPLE'))); break;
      case 0x85: push(new PyTuple([pop('TUPLE1')])); break;
      case 0x86: {
        const b = pop('TUPLE2');
        push(new PyTuple([pop('TUPLE2'), b]));
        break;
      }
      case 0x87: {
        const c = pop('TUPLE3');
        const b = pop('TUPLE3');
        push(new PyTuple([pop('TUPLE3'), b, c]));
        break;
      }
      case 0x7d: push(new PyDict()); break; // EMPTY_DICT
      case 0x64: { // DICT
        const d = new PyDict();
        setItems(d, popMark('DICT'), 'DICT');
        push(d);
        break;
      }
      case 0x73: { // SETITEM
        const v = pop('SETITEM');
        const k = pop('SETITEM');
        setItems(top('SETITEM'), [k, v], 'SETITEM');
        break;
      }
      case 0x75: { // SETITEMS
        const items = popMark('SETITEMS');
        setItems(top('SETITEMS'), items, 'SETITEMS');
        break;
      }
      case 0x8f: push(new PyObject('builtins.set', [])); break; // EMPTY_SET
      case 0x90: { // ADDITEMS
        const items = popMark('ADDITEMS');
        addItems(top('ADDITEMS'), items, 'ADDITEMS');
        break;
      }
      case 0x91: { // FROZENSET
        const o = new PyObject('builtins.frozenset', []);
        o.listItems.push(...popMark('FROZENSET'));
        push(o);
        break;
      }
      case 0x63: { // GLOBAL
        const module = r.line();
        const name = r.line();
        push(new PyGlobal(module, name));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop('STACK_GLOBAL');
        const module = pop('STACK_GLOBAL');
        if (typeof module !== 'string' || typeof name !== 'string') fail('pickle STACK_GLOBAL with non-string names');
        push(new PyGlobal(module as string, name as string));
        break;
      }
      case 0x52: { // REDUCE
        const args = tupleItems(pop('REDUCE'), 'REDUCE');
        push(call(asGlobal(pop('REDUCE'), 'REDUCE'), args, 'REDUCE'));
        break;
      }
      case 0x81: { // NEWOBJ
        const args = tupleItems(pop('NEWOBJ'), 'NEWOBJ');
        push(call(asGlobal(pop('NEWOBJ'), 'NEWOBJ'), args, 'NEWOBJ'));
        break;
      }
      case 0x92: { // NEWOBJ_EX
        pop('NEWOBJ_EX');
        const args = tupleItems(pop('NEWOBJ_EX'), 'NEWOBJ_EX');
        push(call(asGlobal(pop('NEWOBJ_EX'), 'NEWOBJ_EX'), args, 'NEWOBJ_EX'));
        break;
      }
      case 0x69: { // INST
        const module = r.line();
        const name = r.line();
        push(call(new PyGlobal(module, name), popMark('INST'), 'INST'));
        break;
      }
      case 0x6f: { // OBJ
        const items = popMark('OBJ');
        if (items.length === 0) fail('pickle OBJ without a class');
        push(call(asGlobal(items[0], 'OBJ'), items.slice(1), 'OBJ'));
        break;
      }
      case 0x62: { // BUILD
        const state = pop('BUILD');
        const target = top('BUILD');
        if (target instanceof PyObject) target.state = state;
        // dict / OrderedDict state (state_dict `_metadata`) and tensor state are not needed: ignored.
        else if (!(target instanceof PyDict || target instanceof TensorRecord)) fail('pickle BUILD on a value that has no state');
        break;
      }
      case 0x70: memoPut(Number(parseIntText(r.line(), fail)), top('PUT')); break; // PUT
      case 0x71: memoPut(r.u8(), top('BINPUT')); break;
      case 0x72: memoPut(r.u32(), top('LONG_BINPUT')); break;
      case 0x94: memoPut(memo.size, top('MEMOIZE')); break;
      case 0x67: push(memoGet(Number(parseIntText(r.line(), fail)))); break; // GET
      case 0x68: push(memoGet(r.u8())); break; // BINGET
      case 0x6a: push(memoGet(r.u32())); break; // LONG_BINGET
      case 0x51: push(new PersistentRef(pop('BINPERSID'))); break; // BINPERSID
      case 0x50: push(new PersistentRef(r.line())); break; // PERSID
      default:
        fail(`pickle opcode 0x${op.toString(16).padStart(2, '0')} at byte ${r.pos - 1} is not supported`);
    }
  }
}

function children(v: PyValue): PyValue[] {
  if (Array.isArray(v)) return v;
  if (v instanceof PyTuple) return v.items;
  if (v instanceof PyDict) return [...v.map.keys(), ...v.map.values()];
  if (v instanceof PyObject) return [...v.args, v.state, ...v.listItems, ...v.dictItems.map.keys(), ...v.dictItems.map.values()];
  if (v instanceof TensorRecord) return [v.storageOffset, v.size, v.stride, v.storage.pid];
  if (v instanceof PersistentRef) return [v.pid];
  return [];
}

/** Refuses object graphs nested deeper than `maxDepth` (iterative: never overflows the JS stack). */
function checkDepth(root: PyValue, maxDepth: number, fail: (r: string) => never): void {
  const seen = new Set<object>();
  const todo: [PyValue, number][] = [[root, 0]];
  while (todo.length > 0) {
    const [v, d] = todo.pop() as [PyValue, number];
    if (d > maxDepth) fail(`pickle nests deeper than ${maxDepth} levels`);
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array || seen.has(v)) continue;
    seen.add(v);
    for (const c of children(v)) if (c !== null && typeof c === 'object') todo.push([c, d + 1]);
  }
}
