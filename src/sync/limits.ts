// The protocol's numbers, in one place (README "Sync" explains each).

/** a stream (or an armed delete) the phone stopped acking ends itself after this long */
export const SYNC_IDLE_MS = 30000;
/** bytes of log per chunk frame (base64 on the wire: 1,024 characters) */
export const CHUNK = 768;
/** chunk frames the watch may send ahead of the phone's last ack */
export const WINDOW = 4;
/** how long the phone waits for the first frame of an answer (first packets after idle are slow) */
export const FIRST_MS = 8000;
/** how long the phone waits between frames of an answer */
export const GAP_MS = 5000;
/** a stream quiet this long gets its last ack again (before GAP_MS gives up on it) */
export const NUDGE_MS = 1500;
/** attempts per request before the phone gives up (progress on a stream resets the count) */
export const ATTEMPTS = 6;
/** times the phone reconnects in a row before it gives up */
export const RECONNECTS = 5;
