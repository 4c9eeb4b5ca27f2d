// require("Storage"): the watch's 8 MB flash file system as apps meet it. Contents are byte
// strings (char codes 0..255), like the watch's. The space model (ours, from the firmware's
// documented behaviour, not its exact layout): every file costs a 32-byte header plus its data
// rounded up to 4 bytes; a StorageFile costs 40,960 bytes per chunk however little it holds;
// rewriting or erasing leaves the old copy as trash until compaction; when an allocation does not
// fit, the board compacts (a multi-second stall) and throws if it still does not fit. Names longer
// than the watch keeps (28 characters, 27 for a StorageFile) are cut as the watch cuts them.
import { toEspruinoJSON, parseLenientJSON } from "./json";

export const STORAGE_BYTES = 8 * 1024 * 1024;
export const HEADER_BYTES = 32;
export const SF_CHUNK_BYTES = 40960;
const SF_CHUNK_DATA = SF_CHUNK_BYTES - HEADER_BYTES;
export const MAX_NAME = 28;
export const MAX_SF_NAME = 27;

export interface StorageStats {
  totalBytes: number; freeBytes: number; fileBytes: number; fileCount: number; trashBytes: number; trashCount: number;
}

export interface StorageHooks {
  /** called when the board compacts; returns nothing; the board stalls its clock */
  onCompact?(liveBytes: number): void;
  /** a file was created under a name longer than the watch keeps (it is cut to `max`, as there) */
  onLongName?(name: string, max: number): void;
}

/** one StorageFile: its chunks' bytes (each up to SF_CHUNK_DATA) */
interface SFile { chunks: string[] }

export class StorageError extends Error {}

export function toBinary(data: unknown): string {
  if (typeof data === "string") return data;
  // an ArrayBuffer from the app's realm is not an instance of ours: test its tag
  if (Object.prototype.toString.call(data) === "[object ArrayBuffer]") data = new Uint8Array(data as ArrayBuffer);
  if (ArrayBuffer.isView(data) || Array.isArray(data)) {
    const a = data as ArrayLike<number>;
    let s = "";
    for (let i = 0; i < a.length; i++) s += String.fromCharCode(a[i] & 255);
    return s;
  }
  return String(data);
}

const alloc = (len: number) => HEADER_BYTES + ((len + 3) & ~3);
/** the watch keeps the first `max` characters of a file name */
const cut = (name: unknown, max: number) => String(name).slice(0, max);

export class Storage {
  readonly files = new Map<string, string>();
  readonly sfiles = new Map<string, SFile>();
  trashBytes = 0;
  trashCount = 0;
  compactions = 0;

  constructor(readonly capacity = STORAGE_BYTES, private hooks: StorageHooks = {}) {}

  // --- normal files ---
  read(name: string, offset?: number, length?: number): string | undefined {
    const f = this.files.get(cut(name, MAX_NAME));
    if (f === undefined) return undefined;
    const o = offset ? +offset : 0;
    return length !== undefined ? f.substr(o, +length) : f.slice(o);
  }
  readJSON(name: string, noExceptions?: boolean): unknown {
    const f = this.read(name);
    if (f === undefined) return undefined;
    try {
      return parseLenientJSON(f);
    } catch (e) {
      if (noExceptions) return undefined;
      throw new StorageError(`JSON parse error in ${name}: ${(e as Error).message}`);
    }
  }
  readArrayBuffer(name: string): ArrayBuffer | undefined {
    const f = this.read(name);
    if (f === undefined) return undefined;
    const b = new Uint8Array(f.length);
    for (let i = 0; i < f.length; i++) b[i] = f.charCodeAt(i);
    return b.buffer;
  }
  /**
   * write(name, data): replaces the file (the old copy becomes trash; identical contents are not
   * rewritten, as on the watch). write(name, data, 0, size): creates a `size`-byte file of 0xFF
   * and writes data at 0; write(name, data, offset) then fills it in place.
   */
  write(name: string, data: unknown, offset?: number, size?: number): boolean {
    name = this.checkName(name, MAX_NAME);
    const bytes = toBinary(data);
    const old = this.files.get(name);
    if (offset !== undefined && size === undefined) {
      if (old === undefined) throw new StorageError(`File ${name} does not exist`);
      const o = +offset;
      if (o + bytes.length > old.length) throw new StorageError(`Data too big for file ${name}`);
      this.files.set(name, old.slice(0, o) + bytes + old.slice(o + bytes.length));
      return true;
    }
    let content = bytes;
    if (size !== undefined) {
      const o = +(offset ?? 0);
      content = ("\xFF".repeat(o) + bytes + "\xFF".repeat(Math.max(0, +size - o - bytes.length))).slice(0, +size);
    }
    if (old === content) return true;
    if (old !== undefined) this.trash(alloc(old.length));
    this.files.delete(name);
    this.allocate(alloc(content.length));
    this.files.set(name, content);
    return true;
  }
  /** writes unquoted identifier keys, as the watch does */
  writeJSON(name: string, obj: unknown): boolean {
    return this.write(name, toEspruinoJSON(obj));
  }
  erase(name: string): void {
    name = cut(name, MAX_NAME);
    const f = this.files.get(name);
    if (f === undefined) return;
    this.files.delete(name);
    this.trash(alloc(f.length));
  }
  /** normal files plus StorageFile chunks ("name\x01"…); {sf:true} gives StorageFile names, {sf:false} normal files */
  list(re?: { test(s: string): boolean; lastIndex?: number }, filter?: { sf?: boolean }): string[] {
    let names: string[];
    if (filter && filter.sf === true) names = [...this.sfiles.keys()];
    else {
      names = [...this.files.keys()];
      if (!filter || filter.sf === undefined)
        for (const [n, sf] of this.sfiles) sf.chunks.forEach((_, i) => names.push(n + String.fromCharCode(i + 1)));
    }
    return re ? names.filter((n) => { if (re.lastIndex) re.lastIndex = 0; return re.test(n); }) : names;
  }
  getFree(): number {
    return this.capacity - this.usedBytes() - this.trashBytes;
  }
  getStats(): StorageStats {
    let fileCount = this.files.size;
    for (const sf of this.sfiles.values()) fileCount += sf.chunks.length;
    return {
      totalBytes: this.capacity, freeBytes: this.getFree(), fileBytes: this.usedBytes(), fileCount,
      trashBytes: this.trashBytes, trashCount: this.trashCount,
    };
  }
  compact(): void {
    this.compactions++;
    this.trashBytes = 0;
    this.trashCount = 0;
    this.hooks.onCompact?.(this.usedBytes());
  }
  eraseAll(): void {
    this.files.clear();
    this.sfiles.clear();
    this.trashBytes = this.trashCount = 0;
  }
  open(name: string, mode: string): StorageFile {
    name = this.checkName(name, MAX_SF_NAME);
    if (mode !== "r" && mode !== "w" && mode !== "a") throw new StorageError(`Invalid mode ${JSON.stringify(mode)}`);
    return new StorageFile(this, name, mode);
  }

  // --- StorageFile support ---
  /** content of a StorageFile as the watch reads it: up to the first 0xFF byte */
  readStorageFile(name: string): string | undefined {
    const sf = this.sfiles.get(name);
    if (!sf) return undefined;
    const all = sf.chunks.join("");
    const ff = all.indexOf("\xFF");
    return ff < 0 ? all : all.slice(0, ff);
  }
  /** @internal appends bytes to a StorageFile, allocating 40,960-byte chunks as needed */
  appendSF(name: string, bytes: string): void {
    let sf = this.sfiles.get(name);
    if (!sf) {
      sf = { chunks: [] };
      this.sfiles.set(name, sf);
    }
    while (bytes.length) {
      let last = sf.chunks.length - 1;
      if (last < 0 || sf.chunks[last].length >= SF_CHUNK_DATA) {
        try {
          this.allocate(SF_CHUNK_BYTES);
        } catch (e) {
          if (!sf.chunks.length) this.sfiles.delete(name);
          throw e;
        }
        sf.chunks.push("");
        last++;
      }
      const room = SF_CHUNK_DATA - sf.chunks[last].length;
      sf.chunks[last] += bytes.slice(0, room);
      bytes = bytes.slice(room);
    }
  }
  /** @internal */
  eraseSF(name: string): void {
    const sf = this.sfiles.get(name);
    if (!sf) return;
    for (let i = 0; i < sf.chunks.length; i++) this.trash(SF_CHUNK_BYTES);
    this.sfiles.delete(name);
  }

  usedBytes(): number {
    let n = 0;
    for (const f of this.files.values()) n += alloc(f.length);
    for (const sf of this.sfiles.values()) n += sf.chunks.length * SF_CHUNK_BYTES;
    return n;
  }

  private trash(bytes: number): void {
    this.trashBytes += bytes;
    this.trashCount++;
  }
  private allocate(bytes: number): void {
    if (bytes <= this.getFree()) return;
    if (this.trashBytes > 0) this.compact();
    if (bytes > this.getFree()) throw new StorageError(`Not enough free space in Storage (${bytes} bytes needed, ${this.getFree()} free)`);
  }
  /** a name as the watch stores it: cut to `max` characters silently (the hook hears of it) */
  private checkName(name: unknown, max: number): string {
    const n = String(name);
    if (!n.length) throw new StorageError("File name is empty");
    if (n.length > max) this.hooks.onLongName?.(n, max);
    return cut(n, max);
  }
}

/** require("Storage").open(name, mode): append-only text log with no seek. */
export class StorageFile {
  private pos = 0;
  constructor(private st: Storage, readonly name: string, readonly mode: "r" | "w" | "a") {
    if (mode === "w") st.eraseSF(name);
  }
  write(data: unknown): void {
    if (this.mode === "r") throw new StorageError("StorageFile opened for reading");
    this.st.appendSF(this.name, toBinary(data));
  }
  /** up to len bytes from where the last read stopped; undefined at the end (the first 0xFF) */
  read(len: number): string | undefined {
    const all = this.st.readStorageFile(this.name) ?? "";
    if (this.pos >= all.length) return undefined;
    const s = all.substr(this.pos, Math.max(1, +len || 0));
    this.pos += s.length;
    return s;
  }
  readLine(): string | undefined {
    const all = this.st.readStorageFile(this.name) ?? "";
    if (this.pos >= all.length) return undefined;
    const nl = all.indexOf("\n", this.pos);
    const end = nl < 0 ? all.length : nl + 1;
    const s = all.slice(this.pos, end);
    this.pos = end;
    return s;
  }
  getLength(): number {
    return (this.st.readStorageFile(this.name) ?? "").length;
  }
  erase(): void {
    this.st.eraseSF(this.name);
    this.pos = 0;
  }
}
