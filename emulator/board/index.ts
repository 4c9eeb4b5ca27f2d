// The board for Node (tests, benchmarks, the CLI): createBoard() runs the app in a node:vm realm.
// The page imports ./board with its own iframe realm instead (no node:vm in the bundle).
import { createBoardCore, type BoardOptions, type Board } from "./board";
import { createNodeRealm } from "./realm-node";

export type { Board, BoardOptions, BuzzEntry, BoardError, Compaction } from "./board";
export type { DrawEntry, Box } from "./graphics";
export type { Realm } from "./realm";
export { Storage, STORAGE_BYTES, SF_CHUNK_BYTES, MAX_NAME, MAX_SF_NAME } from "./storage";
export { SCREEN_W, SCREEN_H, COLOR_NAMES } from "./graphics";
export { DEFAULT_OPTIONS, createBoardCore } from "./board";
export { toEspruinoJSON, parseLenientJSON } from "./json";

export function createBoard(opts: Partial<BoardOptions> = {}): Board {
  return createBoardCore({ ...opts, realm: opts.realm ?? createNodeRealm() });
}
