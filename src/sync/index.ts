// Sync of session logs from the watch to the phone (or the CLI): README "Sync".
export type { Transport, Connect, Clock } from "./transport";
export { realClock, sleep } from "./transport";
export { PREFIX, Framer, parseFrame, type Frame } from "./frame";
export * from "./snippets";
export * from "./limits";
export { manifestOf, manifestDiff, manifestFields, verifyCopy, chain, type Manifest, type Verified } from "./manifest";
export { SyncClient, type ClientOptions, type LogInfo, type Listing, type Fetched, type DeleteResult, type Stats } from "./client";
export { syncWatch, headOf, RUNNING, type SyncOptions, type SyncReport, type FileReport } from "./sync";
