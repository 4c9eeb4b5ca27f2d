// The watch app's JavaScript files, in build order (no imports: the emulator page uses this list
// too). speedseq.app.js is what stays in RAM during a run (the shell, the session engine, sensors,
// buzzer, run screen): an iife, run by load(). Every other file is one screen, built from its
// entry as a function expression `(function(A,X){…})` that the shell evaluates when the screen is
// shown and calls with itself and the screen's argument (src/watch/app.ts show()), and that is
// dropped when the next screen replaces it. `budget`: bytes (the watch parses a file from source
// each time it runs it; the resident one at every launch). The list, pre-start and recover files
// carry the checks of a workout file before and after it is parsed (src/engine/workout/guard.ts).
export const WATCH_FILES = [
  { name: "speedseq.app.js", url: "app.js", entry: "src/watch/main.ts", budget: 22 * 1024, resident: true },
  { name: "speedseq.list.js", url: "speedseq.list.js", entry: "src/watch/list.ts", budget: 8 * 1024 },
  { name: "speedseq.pre.js", url: "speedseq.pre.js", entry: "src/watch/prestart.ts", budget: 8 * 1024 },
  { name: "speedseq.hist.js", url: "speedseq.hist.js", entry: "src/watch/history.ts", budget: 3 * 1024 },
  { name: "speedseq.sum.js", url: "speedseq.sum.js", entry: "src/watch/summary.ts", budget: 6 * 1024 },
  { name: "speedseq.rec.js", url: "speedseq.rec.js", entry: "src/watch/recover.ts", budget: 8 * 1024 },
  { name: "speedseq.pause.js", url: "speedseq.pause.js", entry: "src/watch/paused.ts", budget: 3 * 1024 },
  { name: "speedseq.gb.js", url: "speedseq.gb.js", entry: "src/watch/gbcopy.ts", budget: 4 * 1024 },
];

/** the resident file's Storage name (what load() runs) */
export const APP_FILE = WATCH_FILES[0].name;
