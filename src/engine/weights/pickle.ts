// Restricted unpickler for what torch.save writes (pickle protocols 2 to 5, with the older text
// opcodes that protocol-2 streams may still contain). Nothing named in a pickle is ever called:
// only the globals of pickleGlobals.ts may be named at all (tensor rebuilders and storage classes
// are read as data, dicts built, training configs kept as inert objects); every other global is
// refused by name. Every opcode is a named entry of one table; every object created, memo entry,
// stack slot and string byte counts against the limits of ../limits.ts.

import {
  MAX_PICKLE_CONTAINER_ITEMS, MAX_PICKLE_DEPTH, MAX_PICKLE_MEMO, MAX_PICKLE_OBJECTS, MAX_PICKLE_OPS, MAX_PICKLE_STACK, MAX_PICKLE_STRING_BYTES,
} from '../limits';
import type { InputErrorCode } from '../errors';
import { WeightFileError } from './errors';
import { DICT_CLASSES, PARAMETER_REBUILDERS, TENSOR_REBUILDERS, refusedGlobal } from './pickleGlobals';
import { PersistentRef, PyDict, PyGlobal, PyObject, PyTuple, TensorRecord, pyFloat, type PyValue } from './pickleValues';

export { PersistentRef, PyDict, PyFloat, PyGlobal, PyObject, PyTuple, TensorRecord, type PyValue } from './pickleValues';

export interface PickleLimits {
  maxOps: number;
  maxObjects: number;
  maxMemo: number;
  maxStack: number;
  maxStringBytes: number;
  maxContainerItems: number;
  maxDepth: number;
}

export const DEFAULT_PICKLE_LIMITS: PickleLimits = {
  maxOps: MAX_PICKLE_OPS,
  maxObjects: MAX_PICKLE_OBJECTS,
  maxMemo: MAX_PICKLE_MEMO,
  maxStack: MAX_PICKLE_STACK,
  maxStringBytes: MAX_PICKLE_STRING_BYTES,
  maxContainerItems: MAX_PICKLE_CONTAINER_ITEMS,
  maxDepth: MAX_PICKLE_DEPTH,
};

const latin1 = new TextDecoder('latin1');

/** The unpickler's state: input, stack, marks, memo, counters; every operation checks its limit. */
class Machine {
  pos = 0;
  objects = 0;
  readonly stack: PyValue[] = [];
  readonly marks: number[] = [];
  readonly memo = new Map<number, PyValue>();
  private readonly view: DataView;
  private readonly utf8 = new TextDecoder('utf-8', { fatal: true });

  constructor(readonly bytes: Uint8Array, readonly file: string, readonly limits: PickleLimits) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  fail(reason: string, code: InputErrorCode = 'malformed'): never {
    throw new WeightFileError(this.file, reason, code);
  }

  // --- input ---
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
  /** A length-prefixed string or bytes object, within the string limit. */
  sized(n: number): Uint8Array {
    if (n > this.limits.maxStringBytes) this.fail(`pickle string/bytes of ${n} bytes (limit ${this.limits.maxStringBytes})`, 'too-large');
    return this.take(n);
  }
  line(): string {
    const start = this.pos;
    const end = this.bytes.indexOf(0x0a, start);
    if (end < 0) this.fail('pickle truncated inside a text line');
    if (end - start > this.limits.maxStringBytes) this.fail(`pickle text line of ${end - start} bytes`, 'too-large');
    this.pos = end + 1;
    return latin1.decode(this.bytes.subarray(start, end));
  }
  utf8Text(b: Uint8Array): string {
    try {
      return this.utf8.decode(b);
    } catch {
      return this.fail('pickle string is not valid UTF-8');
    }
  }

  // --- objects and stack ---
  /** Counts one new object (container, call result, record) against the limit. */
  made<T>(v: T): T {
    if (++this.objects > this.limits.maxObjects) this.fail(`pickle creates more than ${this.limits.maxObjects} objects`, 'too-large');
    return v;
  }
  push(v: PyValue): void {
    if (this.stack.length >= this.limits.maxStack) this.fail(`pickle stack deeper than ${this.limits.maxStack}`, 'too-large');
    this.stack.push(v);
  }
  private checkNotEmpty(op: string): void {
    const m = this.marks;
    if (this.stack.length === 0 || (m.length > 0 && this.stack.length <= m[m.length - 1])) this.fail(`pickle ${op} on an empty stack`);
  }
  pop(op: string): PyValue {
    this.checkNotEmpty(op);
    return this.stack.pop() as PyValue;
  }
  top(op: string): PyValue {
    this.checkNotEmpty(op);
    return this.stack[this.stack.length - 1] as PyValue;
  }
  popMark(op: string): PyValue[] {
    const m = this.marks.pop();
    if (m === undefined) this.fail(`pickle ${op} without a MARK`);
    return this.stack.splice(m);
  }
  memoPut(i: number, v: PyValue): void {
    if (!Number.isSafeInteger(i) || i < 0) this.fail('pickle memo index is not a non-negative integer');
    if (!this.memo.has(i) && this.memo.size >= this.limits.maxMemo) this.fail(`pickle memo larger than ${this.limits.maxMemo} entries`, 'too-large');
    this.memo.set(i, v);
  }
  memoGet(i: number): PyValue {
    if (!this.memo.has(i)) this.fail(`pickle refers to missing memo entry ${i}`);
    return this.memo.get(i) as PyValue;
  }
  intLine(): number {
    const v = parseIntText(this.line(), this);
    return typeof v === 'number' ? v : -1;
  }

  // --- containers ---
  addItems(target: PyValue, items: PyValue[], op: string): void {
    if (Array.isArray(target)) {
      if (target.length + items.length > this.limits.maxContainerItems) this.fail(`pickle list longer than ${this.limits.maxContainerItems}`, 'too-large');
      for (const v of items) target.push(v);
    } else if (target instanceof PyObject) {
      if (target.listItems.length + items.length > this.limits.maxContainerItems) this.fail(`pickle set longer than ${this.limits.maxContainerItems}`, 'too-large');
      for (const v of items) target.listItems.push(v);
    } else this.fail(`pickle ${op} on a non-list`);
  }
  setItems(target: PyValue, items: PyValue[], op: string): void {
    if (items.length % 2 !== 0) this.fail(`pickle ${op} with an odd number of items`);
    const d = target instanceof PyDict ? target : target instanceof PyObject ? target.dictItems : this.fail(`pickle ${op} on a non-dict`);
    if (d.map.size + items.length / 2 > this.limits.maxContainerItems) this.fail(`pickle dict larger than ${this.limits.maxContainerItems}`, 'too-large');
    for (let i = 0; i < items.length; i += 2) {
      const k = items[i];
      if (!(k === null || typeof k !== 'object' || k instanceof PyTuple || k instanceof PyGlobal)) this.fail(`pickle ${op}: unhashable dict key`);
      d.set(k, items[i + 1]);
    }
  }

  // --- globals and calls ---
  global(module: string, name: string): PyGlobal {
    const g = new PyGlobal(module, name);
    const refused = refusedGlobal(g);
    if (refused) this.fail(refused, 'forbidden');
    return this.made(g);
  }
  /** REDUCE / NEWOBJ / INST / OBJ on an allowlisted global: data, never a call. */
  call(callee: PyValue, args: PyValue[], op: string): PyValue {
    if (!(callee instanceof PyGlobal)) this.fail(`pickle ${op}: callable is not a global`);
    const q = callee.qualified;
    if (DICT_CLASSES.has(q)) return this.made(dictFrom(q, args, op, this));
    if (TENSOR_REBUILDERS.has(q)) {
      if (args.length < 4) this.fail(`pickle ${q} with ${args.length} arguments`);
      if (!(args[0] instanceof PersistentRef)) this.fail(`pickle ${q}: storage is not a persistent reference`);
      return this.made(new TensorRecord(args[0], args[1], args[2], args[3]));
    }
    if (PARAMETER_REBUILDERS.has(q)) {
      if (args.length < 1 || !(args[0] instanceof TensorRecord)) this.fail(`pickle ${q}: argument is not a tensor`);
      return args[0];
    }
    return this.made(new PyObject(q, args));
  }
  tupleArgs(v: PyValue, op: string): PyValue[] {
    return v instanceof PyTuple ? v.items : this.fail(`pickle ${op}: arguments are not a tuple`);
  }
}

function dictFrom(q: string, args: PyValue[], op: string, m: Machine): PyDict {
  const d = new PyDict(q);
  const src = args[0];
  if (Array.isArray(src)) {
    for (const p of src) {
      const kv = p instanceof PyTuple ? p.items : Array.isArray(p) ? p : m.fail(`pickle ${op}: bad ${q} item`);
      if (kv.length !== 2) m.fail(`pickle ${op}: bad ${q} item`);
      m.setItems(d, kv, op);
    }
  }
  return d;
}

/** Little-endian two's complement bytes to a number (if safe) or bigint. */
function decodeLong(b: Uint8Array): number | bigint {
  if (b.length === 0) return 0;
  let v = 0n;
  for (let i = b.length - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[i]);
  if (b[b.length - 1] & 0x80) v -= 1n << BigInt(8 * b.length);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

function parseIntText(s: string, m: Machine): number | bigint | boolean {
  const t = s.endsWith('L') ? s.slice(0, -1) : s;
  if (t === '00') return false;
  if (t === '01') return true;
  if (!/^[-+]?\d+$/.test(t) || t.length > 400) m.fail(`pickle: bad integer literal ${JSON.stringify(s.slice(0, 40))}`);
  const v = BigInt(t);
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

interface Opcode {
  name: string;
  /** Runs the opcode; returns the pickled value for STOP, else undefined. */
  run(m: Machine): PyValue | undefined;
}

const op = (name: string, run: (m: Machine) => PyValue | undefined | void): Opcode => ({ name, run: run as Opcode['run'] });
const pushing = (name: string, value: (m: Machine) => PyValue): Opcode => op(name, (m) => m.push(value(m)));

/** Every opcode read, by byte. Anything else is refused by number. */
const OPCODES = new Map<number, Opcode>([
  [0x80, op('PROTO', (m) => {
    const p = m.u8();
    if (p > 5) m.fail(`pickle protocol ${p} is not supported (2 to 5)`, 'unsupported');
  })],
  [0x95, op('FRAME', (m) => void m.u64())], // framing is transparent here
  [0x2e, op('STOP', (m) => {
    const v = m.pop('STOP');
    checkDepth(v, m);
    return v;
  })],
  [0x28, op('MARK', (m) => void m.marks.push(m.stack.length))],
  [0x30, op('POP', (m) => void m.pop('POP'))],
  [0x31, op('POP_MARK', (m) => void m.popMark('POP_MARK'))],
  [0x32, op('DUP', (m) => m.push(m.top('DUP')))],
  [0x4e, pushing('NONE', () => null)],
  [0x88, pushing('NEWTRUE', () => true)],
  [0x89, pushing('NEWFALSE', () => false)],
  [0x4a, pushing('BININT', (m) => m.i32())],
  [0x4b, pushing('BININT1', (m) => m.u8())],
  [0x4d, pushing('BININT2', (m) => m.u16())],
  [0x8a, pushing('LONG1', (m) => decodeLong(m.take(m.u8())))],
  [0x8b, pushing('LONG4', (m) => {
    const n = m.i32();
    if (n < 0 || n > 1024) m.fail(`pickle LONG4 of ${n} bytes`, 'too-large');
    return decodeLong(m.take(n));
  })],
  [0x49, pushing('INT', (m) => parseIntText(m.line(), m))],
  [0x4c, pushing('LONG', (m) => parseIntText(m.line(), m))],
  [0x47, pushing('BINFLOAT', (m) => pyFloat(m.f64be()))],
  [0x46, pushing('FLOAT', (m) => pyFloat(Number(m.line())))],
  [0x58, pushing('BINUNICODE', (m) => m.utf8Text(m.sized(m.u32())))],
  [0x8c, pushing('SHORT_BINUNICODE', (m) => m.utf8Text(m.take(m.u8())))],
  [0x8d, pushing('BINUNICODE8', (m) => m.utf8Text(m.sized(m.u64())))],
  [0x54, pushing('BINSTRING', (m) => {
    const n = m.i32();
    if (n < 0) m.fail('pickle BINSTRING with a negative length');
    return latin1.decode(m.sized(n));
  })],
  [0x55, pushing('SHORT_BINSTRING', (m) => latin1.decode(m.take(m.u8())))],
  [0x42, pushing('BINBYTES', (m) => m.sized(m.u32()).slice())],
  [0x43, pushing('SHORT_BINBYTES', (m) => m.take(m.u8()).slice())],
  [0x8e, pushing('BINBYTES8', (m) => m.sized(m.u64()).slice())],
  [0x96, pushing('BYTEARRAY8', (m) => m.sized(m.u64()).slice())],
  [0x56, pushing('UNICODE', (m) => m.line())], // raw-unicode-escape; ASCII subset kept as is
  [0x53, pushing('STRING', (m) => {
    const s = m.line();
    return s.length >= 2 && (s[0] === "'" || s[0] === '"') ? s.slice(1, -1) : s;
  })],
  [0x5d, pushing('EMPTY_LIST', (m) => m.made([]))],
  [0x61, op('APPEND', (m) => {
    const v = m.pop('APPEND');
    m.addItems(m.top('APPEND'), [v], 'APPEND');
  })],
  [0x65, op('APPENDS', (m) => {
    const items = m.popMark('APPENDS');
    m.addItems(m.top('APPENDS'), items, 'APPENDS');
  })],
  [0x6c, pushing('LIST', (m) => m.made(m.popMark('LIST')))],
  [0x29, pushing('EMPTY_TUPLE', (m) => m.made(new PyTuple([])))],
  [0x74, pushing('TUPLE', (m) => m.made(new PyTuple(m.popMark('TUPLE'))))],
  [0x85, pushing('TUPLE1', (m) => m.made(new PyTuple([m.pop('TUPLE1')])))],
  [0x86, pushing('TUPLE2', (m) => {
    const b = m.pop('TUPLE2');
    return m.made(new PyTuple([m.pop('TUPLE2'), b]));
  })],
  [0x87, pushing('TUPLE3', (m) => {
    const c = m.pop('TUPLE3');
    const b = m.pop('TUPLE3');
    return m.made(new PyTuple([m.pop('TUPLE3'), b, c]));
  })],
  [0x7d, pushing('EMPTY_DICT', (m) => m.made(new PyDict()))],
  [0x64, pushing('DICT', (m) => {
    const d = m.made(new PyDict());
    m.setItems(d, m.popMark('DICT'), 'DICT');
    return d;
  })],
  [0x73, op('SETITEM', (m) => {
    const v = m.pop('SETITEM');
    const k = m.pop('SETITEM');
    m.setItems(m.top('SETITEM'), [k, v], 'SETITEM');
  })],
  [0x75, op('SETITEMS', (m) => {
    const items = m.popMark('SETITEMS');
    m.setItems(m.top('SETITEMS'), items, 'SETITEMS');
  })],
  [0x8f, pushing('EMPTY_SET', (m) => m.made(new PyObject('builtins.set', [])))],
  [0x90, op('ADDITEMS', (m) => {
    const items = m.popMark('ADDITEMS');
    m.addItems(m.top('ADDITEMS'), items, 'ADDITEMS');
  })],
  [0x91, pushing('FROZENSET', (m) => {
    const o = m.made(new PyObject('builtins.frozenset', []));
    m.addItems(o, m.popMark('FROZENSET'), 'FROZENSET');
    return o;
  })],
  [0x63, pushing('GLOBAL', (m) => {
    const module = m.line();
    return m.global(module, m.line());
  })],
  [0x93, pushing('STACK_GLOBAL', (m) => {
    const name = m.pop('STACK_GLOBAL');
    const module = m.pop('STACK_GLOBAL');
    if (typeof module !== 'string' || typeof name !== 'string') m.fail('pickle STACK_GLOBAL with non-string names');
    return m.global(module as string, name as string);
  })],
  [0x52, pushing('REDUCE', (m) => {
    const args = m.tupleArgs(m.pop('REDUCE'), 'REDUCE');
    return m.call(m.pop('REDUCE'), args, 'REDUCE');
  })],
  [0x81, pushing('NEWOBJ', (m) => {
    const args = m.tupleArgs(m.pop('NEWOBJ'), 'NEWOBJ');
    return m.call(m.pop('NEWOBJ'), args, 'NEWOBJ');
  })],
  [0x92, pushing('NEWOBJ_EX', (m) => {
    m.pop('NEWOBJ_EX'); // keyword arguments: not needed by any allowlisted global
    const args = m.tupleArgs(m.pop('NEWOBJ_EX'), 'NEWOBJ_EX');
    return m.call(m.pop('NEWOBJ_EX'), args, 'NEWOBJ_EX');
  })],
  [0x69, pushing('INST', (m) => {
    const module = m.line();
    const g = m.global(module, m.line());
    return m.call(g, m.popMark('INST'), 'INST');
  })],
  [0x6f, pushing('OBJ', (m) => {
    const items = m.popMark('OBJ');
    if (items.length === 0) m.fail('pickle OBJ without a class');
    return m.call(items[0], items.slice(1), 'OBJ');
  })],
  [0x62, op('BUILD', (m) => {
    const state = m.pop('BUILD');
    const target = m.top('BUILD');
    if (target instanceof PyObject) target.state = state;
    // dict / OrderedDict state (state_dict `_metadata`) and tensor state are not needed: ignored.
    else if (!(target instanceof PyDict || target instanceof TensorRecord)) m.fail('pickle BUILD on a value that has no state');
  })],
  [0x70, op('PUT', (m) => m.memoPut(m.intLine(), m.top('PUT')))],
  [0x71, op('BINPUT', (m) => m.memoPut(m.u8(), m.top('BINPUT')))],
  [0x72, op('LONG_BINPUT', (m) => m.memoPut(m.u32(), m.top('LONG_BINPUT')))],
  [0x94, op('MEMOIZE', (m) => m.memoPut(m.memo.size, m.top('MEMOIZE')))],
  [0x67, pushing('GET', (m) => m.memoGet(m.intLine()))],
  [0x68, pushing('BINGET', (m) => m.memoGet(m.u8()))],
  [0x6a, pushing('LONG_BINGET', (m) => m.memoGet(m.u32()))],
  [0x51, pushing('BINPERSID', (m) => m.made(new PersistentRef(m.pop('BINPERSID'))))],
  [0x50, pushing('PERSID', (m) => m.made(new PersistentRef(m.line())))],
]);

/** Names of the opcodes the unpickler reads, by byte (for tests and documentation). */
export const OPCODE_NAMES: ReadonlyMap<number, string> = new Map([...OPCODES].map(([b, o]) => [b, o.name]));

/** Unpickles `bytes`; throws WeightFileError naming `file` on anything malformed or hostile. */
export function unpickle(bytes: Uint8Array, file: string, limits: PickleLimits = DEFAULT_PICKLE_LIMITS): PyValue {
  const m = new Machine(bytes, file, limits);
  for (let ops = 1; ; ops++) {
    if (ops > limits.maxOps) m.fail(`pickle has more than ${limits.maxOps} opcodes`, 'too-large');
    const byte = m.u8();
    const opcode = OPCODES.get(byte);
    if (!opcode) return m.fail(`pickle opcode 0x${byte.toString(16).padStart(2, '0')} at byte ${m.pos - 1} is not supported`, 'unsupported');
    const v = opcode.run(m);
    if (byte === 0x2e) return v as PyValue;
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
function checkDepth(root: PyValue, m: Machine): void {
  const maxDepth = m.limits.maxDepth;
  const seen = new Set<object>();
  const todo: [PyValue, number][] = [[root, 0]];
  while (todo.length > 0) {
    const [v, d] = todo.pop() as [PyValue, number];
    if (d > maxDepth) m.fail(`pickle nests deeper than ${maxDepth} levels`, 'too-large');
    if (v === null || typeof v !== 'object' || v instanceof Uint8Array || seen.has(v)) continue;
    seen.add(v);
    for (const c of children(v)) if (c !== null && typeof c === 'object') todo.push([c, d + 1]);
  }
}
