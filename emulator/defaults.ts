// The built-in default session: the bundled recording and the button path that starts the
// Classic 5K workout. The path is data so it can follow the app's menus (README "On the wrist").
import type { PathStep } from "./driver";

/** fenix 2 run: warm-up, two tempo blocks, cool-down; 47 min, long enough for the Classic 5K */
export const DEFAULT_RECORDING = "tests/fixtures/pyfitparse_activity-small-fenix2-run.csv";

/** seconds the runner stands at the first fix before the recording starts (time to press through) */
export const LEAD_S = 10;

/**
 * From app start to the first step of the default workout (src/watch/app.ts): tap "Classic 5K",
 * the first row of the workout menu; the pre-start screen waits for a GPS fix; BTN1 starts.
 */
export const DEFAULT_PATH: PathStep[] = [{ wait: 1000 }, { tap: [88, 60] }, { wait: 5000 }, { press: "BTN1" }];

export const DEFAULT_SEEDS = { gps: 1, wrist: 1 };
