// The Python values the restricted unpickler builds (pickle.ts). Nothing here is ever called.

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
  | PyFloat
  | PyGlobal
  | PyObject
  | PersistentRef
  | TensorRecord;

export class PyTuple {
  constructor(readonly items: PyValue[]) {}
}

/** A Python float with an integral value (2.0): kept apart from ints so that it never passes as a shape,
 *  stride or offset. Non-integral floats are plain numbers (they cannot pass as integers anyway). */
export class PyFloat {
  constructor(readonly value: number) {}
}

/** dict / OrderedDict: insertion order kept; keys compared by value for str/number, identity otherwise. */
export class PyDict {
  private items: Map<PyValue, PyValue> | null = null;
  constructor(readonly className: string = 'builtins.dict') {}
  /** Created on first use: a flood of empty dicts costs one small object each. */
  get map(): Map<PyValue, PyValue> {
    return (this.items ??= new Map());
  }
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

/** Inert placeholder for an instance of an allowlisted data class (a training config). Its data is kept for inspection. */
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

/** Python's float(v) for a decoded double: integral values become PyFloat (see there). */
export function pyFloat(v: number): number | PyFloat {
  return Number.isInteger(v) ? new PyFloat(v) : v;
}
