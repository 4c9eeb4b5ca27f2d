// Language features Espruino 2v29 has beyond ES5 (FACTS.md, probe-results.md).
// Only what is listed here type-checks in watch code; everything else the watch lacks
// (Map, Set, Symbol, Array.from, Number.isFinite, Math.hypot, flat, at, ...) is an error.

interface Array<T> {
  find(predicate: (value: T, index: number, obj: T[]) => unknown): T | undefined;
  findIndex(predicate: (value: T, index: number, obj: T[]) => unknown): number;
  fill(value: T, start?: number, end?: number): this;
  includes(searchElement: T, fromIndex?: number): boolean;
}
interface ReadonlyArray<T> {
  find(predicate: (value: T, index: number, obj: readonly T[]) => unknown): T | undefined;
  findIndex(predicate: (value: T, index: number, obj: readonly T[]) => unknown): number;
  includes(searchElement: T, fromIndex?: number): boolean;
}
interface String {
  padStart(maxLength: number, fillString?: string): string;
  padEnd(maxLength: number, fillString?: string): string;
  repeat(count: number): string;
  startsWith(searchString: string, position?: number): boolean;
  endsWith(searchString: string, endPosition?: number): boolean;
  includes(searchString: string, position?: number): boolean;
}
interface ObjectConstructor {
  assign<T extends {}, U>(target: T, source: U): T & U;
  values<T>(o: { [s: string]: T }): T[];
  entries<T>(o: { [s: string]: T }): [string, T][];
}
declare var globalThis: any;
/** base64, global on the watch as in browsers (the sync protocol's byte-safe payloads) */
declare function atob(b64: string): string;
declare function btoa(bytes: string): string;

/** Espruino's E object: the native helpers the engine may use (the board and Node provide the same). */
interface EspruinoE {
  CRC32(data: string | ArrayLike<number>): number;
  sum(arr: ArrayLike<number>): number;
  variance(arr: ArrayLike<number>, mean: number): number;
  FFT(re: ArrayLike<number> | number, im?: ArrayLike<number>, inverse?: boolean): void;
  convolve(a: ArrayLike<number>, b: ArrayLike<number>, offset: number): number;
}
