// E.CRC32 for Node and the browser: the standard zlib CRC-32 of a string's character codes
// (each taken as one byte, as the watch does for its byte strings), as an unsigned number.
import CRC32 from "crc-32";

export function crc32(s: string): number {
  return CRC32.bstr(s) >>> 0;
}
