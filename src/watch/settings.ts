// The Settings app's page for SpeedSeq (built to speedseq.settings.js as a function expression:
// the Settings app calls it with `back`). Writes speedseq.json only when a value changes. The
// wiring entry of its bundle: the one file of it that names E and require.
import { loadSettings, SETTINGS } from "./store";
import { fmtTime } from "../engine/format";

declare var back: () => void;

const RACES = [1500, 3000, 5000, 10000, 21097, 42195];
const RACE_NAMES = ["1500m", "3K", "5K", "10K", "Half", "Marathon"];
const BUZZ = [0.25, 0.5, 0.75, 1];

const S = (globalThis as any).require("Storage");
const s = loadSettings(S);
const save = function (k: string, v: number) {
  (s as any)[k] = v;
  S.writeJSON(SETTINGS, s);
};
// Labels and values are short: a row shows both in the firmware's 12 px font, 14 characters in all.
E.showMenu({
  "": { title: "SpeedSeq", back: back },
  "Race": { value: Math.max(0, RACES.indexOf(s.race)), min: 0, max: 5, format: function (v: number) { return RACE_NAMES[v]; }, onchange: function (v: number) { save("race", RACES[v]); } },
  // the goal time set by its minutes, then its seconds; both rows show the whole time
  "Min": { value: Math.floor(s.time / 60), min: 3, max: 360, format: function (v: number) { return fmtTime(v * 60 + (s.time % 60)); }, onchange: function (v: number) { save("time", v * 60 + (s.time % 60)); } },
  "Sec": { value: s.time % 60, min: 0, max: 59, format: function (v: number) { return fmtTime(Math.floor(s.time / 60) * 60 + v); }, onchange: function (v: number) { save("time", Math.floor(s.time / 60) * 60 + v); } },
  "Max HR": { value: s.maxHr, min: 120, max: 230, onchange: function (v: number) { save("maxHr", v); } },
  "Resting HR": { value: s.restHr, min: 30, max: 100, onchange: function (v: number) { save("restHr", v); } },
  "Pace per": { value: s.mi, min: 0, max: 1, format: function (v: number) { return v ? "mile" : "km"; }, onchange: function (v: number) { save("mi", v); } },
  "Buzz": { value: Math.max(0, BUZZ.indexOf(s.buzz)), min: 0, max: 3, format: function (v: number) { return BUZZ[v] * 100 + "%"; }, onchange: function (v: number) { save("buzz", BUZZ[v]); } },
  // Auto: the watch locks as usual during a session; Off: it stays unlocked
  "Run lock": { value: s.unlock, min: 0, max: 1, format: function (v: number) { return v ? "Off" : "Auto"; }, onchange: function (v: number) { save("unlock", v); } },
  // after a session, a copy of its track that Gadgetbridge fetches (speedseq.gb.js)
  "GB copy": { value: s.gb, min: 0, max: 1, format: function (v: number) { return v ? "On" : "Off"; }, onchange: function (v: number) { save("gb", v); } },
});
