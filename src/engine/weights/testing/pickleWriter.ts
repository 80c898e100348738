// Test-only: writes pickle opcodes byte by byte, so tests can build valid torch state-dict pickles
// and every kind of malformed or hostile one. Not used by the loader.

const enc = new TextEncoder();

export class PickleWriter {
  private out = new Uint8Array(1024);
  private length = 0;

  raw(...bytes: number[]): this {
    if (this.length + bytes.length > this.out.length) {
      const grown = new Uint8Array(Math.max(this.out.length * 2, this.length + bytes.length));
      grown.set(this.out.subarray(0, this.length));
      this.out = grown;
    }
    for (const b of bytes) this.out[this.length++] = b;
    return this;
  }
  private u32(n: number): this {
    return this.raw(n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff);
  }
  proto(p = 2): this {
    return this.raw(0x80, p);
  }
  /** GLOBAL module\nname\n */
  global(module: string, name: string): this {
    return this.raw(0x63, ...enc.encode(`${module}\n${name}\n`));
  }
  str(s: string): this {
    const b = enc.encode(s);
    return this.raw(0x58).u32(b.length).raw(...b);
  }
  int(n: number): this {
    if (n >= 0 && n < 256) return this.raw(0x4b, n);
    if (n >= -(2 ** 31) && n < 2 ** 31) return this.raw(0x4a).u32(n >>> 0);
    return this.long(BigInt(n));
  }
  /** LONG1 with the minimal two's-complement bytes. */
  long(v: bigint): this {
    const bytes: number[] = [];
    let x = v;
    for (;;) {
      bytes.push(Number(x & 0xffn));
      x >>= 8n;
      if ((x === 0n && (bytes[bytes.length - 1] & 0x80) === 0) || (x === -1n && (bytes[bytes.length - 1] & 0x80) !== 0)) break;
    }
    return this.raw(0x8a, bytes.length, ...bytes);
  }
  mark(): this {
    return this.raw(0x28);
  }
  tuple(): this {
    return this.raw(0x74);
  }
  emptyTuple(): this {
    return this.raw(0x29);
  }
  emptyDict(): this {
    return this.raw(0x7d);
  }
  emptyList(): this {
    return this.raw(0x5d);
  }
  append(): this {
    return this.raw(0x61);
  }
  setitem(): this {
    return this.raw(0x73);
  }
  setitems(): this {
    return this.raw(0x75);
  }
  reduce(): this {
    return this.raw(0x52);
  }
  binput(i: number): this {
    return this.raw(0x71, i);
  }
  longBinput(i: number): this {
    return this.raw(0x72).u32(i);
  }
  binget(i: number): this {
    return this.raw(0x68, i);
  }
  longBinget(i: number): this {
    return this.raw(0x6a).u32(i);
  }
  newTrue(): this {
    return this.raw(0x88);
  }
  newFalse(): this {
    return this.raw(0x89);
  }
  none(): this {
    return this.raw(0x4e);
  }
  binpersid(): this {
    return this.raw(0x51);
  }
  stop(): this {
    return this.raw(0x2e);
  }
  /** A tuple of ints (MARK ... TUPLE). Values may be bigint to write past-2^53 integers. */
  intTuple(values: (number | bigint)[]): this {
    this.mark();
    for (const v of values) {
      if (typeof v === 'bigint') this.long(v);
      else this.int(v);
    }
    return this.tuple();
  }
  bytes(): Uint8Array {
    return this.out.slice(0, this.length);
  }
}

export interface TensorSpec {
  name: string;
  storageClass?: string;
  key: string;
  storageNumel: number | bigint;
  offset?: number | bigint;
  shape: (number | bigint)[];
  stride: (number | bigint)[];
}

/** The pickle of an OrderedDict of tensors exactly as torch.save lays it out (protocol 2). */
export function stateDictPickle(tensors: TensorSpec[]): PickleWriter {
  const w = new PickleWriter().proto(2).global('collections', 'OrderedDict').emptyTuple().reduce();
  w.mark();
  for (const t of tensors) {
    w.str(t.name);
    w.global('torch._utils', '_rebuild_tensor_v2');
    w.mark();
    // persistent id: ('storage', torch.<Class>, key, 'cpu', numel)
    w.mark().str('storage').global('torch', t.storageClass ?? 'FloatStorage').str(t.key).str('cpu');
    if (typeof t.storageNumel === 'bigint') w.long(t.storageNumel);
    else w.int(t.storageNumel);
    w.tuple().binpersid();
    if (typeof t.offset === 'bigint') w.long(t.offset);
    else w.int(t.offset ?? 0);
    w.intTuple(t.shape).intTuple(t.stride).newFalse();
    w.global('collections', 'OrderedDict').emptyTuple().reduce();
    w.tuple().reduce();
  }
  return w.setitems();
}

/** Row-major strides of a shape. */
export function contiguousStrides(shape: number[]): number[] {
  const s = new Array<number>(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}
