// The restricted unpickler on hand-built opcode streams: values, containers, memo, foreign objects
// (inert placeholders), cycles, and the limits.

import { describe, expect, it } from 'vitest';
import { WeightFileError } from './errors';
import { DEFAULT_PICKLE_LIMITS, PyDict, PyObject, PyTuple, unpickle } from './pickle';
import { PickleWriter } from './testing/pickleWriter';

const run = (w: PickleWriter) => unpickle(w.stop().bytes(), 't.pkl');

describe('unpickle', () => {
  it('decodes ints (small, negative, LONG1 past 2^53 as bigint), floats, strings, bools, None', () => {
    expect(run(new PickleWriter().proto(2).int(-5))).toBe(-5);
    expect(run(new PickleWriter().proto(2).int(70000))).toBe(70000);
    expect(run(new PickleWriter().proto(2).long(-(2n ** 40n)))).toBe(-(2 ** 40));
    expect(run(new PickleWriter().proto(2).long(2n ** 70n))).toBe(2n ** 70n);
    expect(run(new PickleWriter().proto(2).raw(0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0))).toBe(1.5);
    expect(run(new PickleWriter().proto(4).raw(0x8c, 2, 0x68, 0x69))).toBe('hi');
    expect(run(new PickleWriter().proto(2).newTrue())).toBe(true);
    expect(run(new PickleWriter().proto(2).none())).toBeNull();
    // Text opcodes of protocol 0 that protocol-2 streams may carry: INT, LONG, FLOAT.
    expect(run(new PickleWriter().raw(0x49, ...new TextEncoder().encode('42\n')))).toBe(42);
    expect(run(new PickleWriter().raw(0x4c, ...new TextEncoder().encode('123456789012345678901L\n')))).toBe(123456789012345678901n);
    expect(run(new PickleWriter().raw(0x46, ...new TextEncoder().encode('2.25\n')))).toBe(2.25);
  });

  it('builds tuples, lists, dicts and follows the memo (BINPUT, MEMOIZE, BINGET)', () => {
    const v = run(new PickleWriter().proto(4).emptyDict().raw(0x94).str('a').int(1).int(2).raw(0x86).setitem().str('b').emptyList().binput(7).binget(7).append().setitem());
    expect(v).toBeInstanceOf(PyDict);
    const d = v as PyDict;
    expect((d.get('a') as PyTuple).items).toEqual([1, 2]);
    const b = d.get('b') as unknown[];
    expect(b[0]).toBe(b); // a list that holds itself: a cycle, kept as such (the depth check terminates).
  });

  it('keeps foreign objects inert: class, args, state and dict items recorded, nothing called', () => {
    const w = new PickleWriter().proto(2).global('argparse', 'Namespace').emptyTuple().raw(0x81);
    w.emptyDict().str('lr').int(3).setitem().raw(0x62);
    const v = run(w) as PyObject;
    expect(v).toBeInstanceOf(PyObject);
    expect(v.global).toBe('argparse.Namespace');
    expect(((v.state as PyDict).get('lr'))).toBe(3);
  });

  it('refuses what exceeds the limits (ops, memo, strings)', () => {
    const many = new PickleWriter().proto(2);
    for (let i = 0; i < 100; i++) many.none().raw(0x30);
    expect(() => unpickle(many.none().stop().bytes(), 'ops.pkl', { ...DEFAULT_PICKLE_LIMITS, maxOps: 50 })).toThrow(/more than 50 opcodes/);
    const memo = new PickleWriter().proto(4).none();
    for (let i = 0; i < 20; i++) memo.raw(0x94);
    expect(() => unpickle(memo.stop().bytes(), 'memo.pkl', { ...DEFAULT_PICKLE_LIMITS, maxMemo: 10 })).toThrow(/memo larger than 10/);
    const big = new PickleWriter().proto(2).raw(0x58, 0xff, 0xff, 0xff, 0x7f).stop().bytes();
    expect(() => unpickle(big, 'str.pkl')).toThrow(WeightFileError);
    expect(() => unpickle(big, 'str.pkl')).toThrow(/string\/bytes of 2147483647 bytes/);
  });
});
