// Converted model files (web format bytes) kept in IndexedDB so a dropped checkpoint loads on the next
// visit without converting again. Works in the worker (IndexedDB is available there).
import type { CachedModel } from './protocol';
import { UnavailableError } from '../../engine/errors';

const DB_NAME = 'heat-lab';
const STORE = 'converted-models';

interface Row extends CachedModel {
  data: Uint8Array;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE, { keyPath: 'id' });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new UnavailableError('IndexedDB open failed'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const req = fn(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error ?? new UnavailableError('IndexedDB transaction failed'));
      tx.onabort = () => reject(tx.error ?? new UnavailableError('IndexedDB transaction aborted (storage full?)'));
    });
  } finally {
    db.close();
  }
}

export async function saveConverted(id: string, title: string, data: Uint8Array): Promise<void> {
  const row: Row = { id, title, bytes: data.byteLength, savedAt: new Date().toISOString(), data };
  await withStore('readwrite', (s) => s.put(row));
}

export async function loadConverted(id: string): Promise<{ title: string; data: Uint8Array } | null> {
  const row = (await withStore('readonly', (s) => s.get(id))) as Row | undefined;
  return row ? { title: row.title, data: row.data } : null;
}

export async function listConverted(): Promise<CachedModel[]> {
  const rows = (await withStore('readonly', (s) => s.getAll())) as Row[];
  return rows.map(({ id, title, bytes, savedAt }) => ({ id, title, bytes, savedAt })).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
}

export async function deleteConverted(id: string): Promise<void> {
  await withStore('readwrite', (s) => s.delete(id));
}
