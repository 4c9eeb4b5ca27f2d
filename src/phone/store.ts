// The phone's session store: IndexedDB in the browser profile of the page's origin (the PWA's
// host, or the App Loader's site for interface.html). Versioned; each version's upgrade runs in
// order from the version found, so any older database opens:
//
//   v1  object store "logs", key "id": { id, text, source, addedAt } (the log text as received)
//   v2  object store "sessions", key "id" = the session's identity (session.ts sessionId), index
//       "start" on startMs: the log text with its summary (session.ts Summary), source ("watch" or
//       "file"), the watch's file name, addedAt and updatedAt. The upgrade moves every v1 log
//       into it (two copies of one session become one: the one with more verified records) and
//       deletes "logs".
//
// One session, one record: importing the same log again changes nothing; a longer copy of the
// same session (more verified records: a resumed session synced again) replaces the shorter.
import { summarize, type Summary } from "./session";

export const DB_NAME = "speedseq";
export const DB_VERSION = 2;

export type Source = "watch" | "file";

export interface StoredSession extends Summary {
  text: string;
  source: Source;
  /** the log's Storage name on the watch, or the imported file's name */
  name?: string;
  addedAt: number;
  updatedAt: number;
}

export type ImportResult = "added" | "updated" | "unchanged";

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error("transaction aborted"));
  });
}

/** a stored record of log text (also what the v1 → v2 upgrade makes of a v1 log) */
export function record(text: string, source: Source, name: string | undefined, now: number, addedAt = now): StoredSession {
  return { ...summarize(text), text, source, name, addedAt, updatedAt: now };
}

/** which of two copies of one session to keep: the one with more verified records, the kept one on a tie */
function better(kept: StoredSession, other: StoredSession): boolean {
  return other.records > kept.records;
}

/** the upgrade steps; `from` is the version found (0 for a new database) */
function upgrade(db: IDBDatabase, tx: IDBTransaction, from: number): void {
  if (from < 1) db.createObjectStore("logs", { keyPath: "id" });
  if (from < 2) {
    const sessions = db.createObjectStore("sessions", { keyPath: "id" });
    sessions.createIndex("start", "startMs");
    const logs = tx.objectStore("logs");
    const keep: Record<string, StoredSession> = {};
    const cur = logs.openCursor();
    cur.onsuccess = () => {
      const c = cur.result;
      if (c) {
        const v = c.value as { text?: unknown; source?: unknown; name?: unknown; addedAt?: unknown };
        if (typeof v.text === "string") {
          const added = typeof v.addedAt === "number" ? v.addedAt : Date.now();
          const r = record(v.text, v.source === "watch" ? "watch" : "file", typeof v.name === "string" ? v.name : undefined, added, added);
          if (!keep[r.id] || better(keep[r.id], r)) keep[r.id] = r;
        }
        c.continue();
        return;
      }
      for (const id of Object.keys(keep)) sessions.put(keep[id]);
      db.deleteObjectStore("logs");
    };
  }
}

export class Store {
  constructor(readonly db: IDBDatabase) {}

  static open(name = DB_NAME): Promise<Store> {
    return new Promise((resolve, reject) => {
      const r = indexedDB.open(name, DB_VERSION);
      r.onupgradeneeded = (e) => upgrade(r.result, r.transaction as IDBTransaction, e.oldVersion);
      r.onsuccess = () => {
        const db = r.result;
        // another tab opened a newer version: let it upgrade, this one reloads
        db.onversionchange = () => db.close();
        resolve(new Store(db));
      };
      r.onerror = () => reject(r.error);
      r.onblocked = () => reject(new Error("the session store is open in an older tab of this app: close it and reload"));
    });
  }

  /** every session, newest start first (those without a start last) */
  async list(): Promise<StoredSession[]> {
    const tx = this.db.transaction("sessions", "readonly");
    const all = await req(tx.objectStore("sessions").getAll() as IDBRequest<StoredSession[]>);
    return all.sort((a, b) => (b.startMs ?? -1) - (a.startMs ?? -1) || (a.id < b.id ? -1 : 1));
  }

  async get(id: string): Promise<StoredSession | undefined> {
    const tx = this.db.transaction("sessions", "readonly");
    return (await req(tx.objectStore("sessions").get(id))) as StoredSession | undefined;
  }

  async count(): Promise<number> {
    const tx = this.db.transaction("sessions", "readonly");
    return req(tx.objectStore("sessions").count());
  }

  /** keeps a log: added (new session), updated (a copy with more verified records), unchanged */
  async put(text: string, source: Source, name?: string): Promise<{ result: ImportResult; id: string }> {
    const now = Date.now();
    const r = record(text, source, name, now);
    const tx = this.db.transaction("sessions", "readwrite");
    const os = tx.objectStore("sessions");
    const old = (await req(os.get(r.id))) as StoredSession | undefined;
    let result: ImportResult = "added";
    if (old) {
      if ((old.crc === r.crc && old.size === r.size) || !better(old, r)) result = "unchanged";
      else {
        result = "updated";
        r.addedAt = old.addedAt;
      }
    }
    if (result !== "unchanged") os.put(r);
    await done(tx);
    return { result, id: r.id };
  }

  async remove(id: string): Promise<void> {
    const tx = this.db.transaction("sessions", "readwrite");
    tx.objectStore("sessions").delete(id);
    await done(tx);
  }

  close(): void {
    this.db.close();
  }
}
