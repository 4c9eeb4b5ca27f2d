// The built-in workouts. Paces are references to the runner's goal race (pace.ts turns them
// into bands at session start), so each template fits any runner. Plain literals: no code
// runs when the module loads.

import type { Plan } from "../plan";

const WARM_10 = { kind: "warmup", end: { time: 600 }, label: "Warm-up" } as const;
const COOL_10 = { kind: "cooldown", end: { time: 600 }, label: "Cool-down" } as const;

export const TEMPLATES: Plan[] = [
  {
    // strides prime the legs before the reps; 400s a touch under 5K pace build race speed,
    // and 90 s standing/jogging keeps the form of the last rep as good as the first
    v: 1,
    name: "Classic 5K",
    note: "Strides, then 6x400 m just under 5K pace",
    steps: [
      WARM_10,
      {
        repeat: 4,
        steps: [
          { kind: "stride", end: { dist: 100 }, label: "Stride" },
          { kind: "recovery", end: { time: 60 }, label: "Walk/jog" },
        ],
      },
      {
        repeat: 6,
        steps: [{ kind: "work", end: { dist: 400 }, pace: { race: 5000, offS: -5 }, label: "400" }],
        between: { kind: "recovery", end: { time: 90 }, label: "Jog" },
      },
      COOL_10,
    ],
  },
  {
    // reps get longer while the pace eases from 1500 m to 5K pace: the short, quick ones
    // come first, the longest and hardest (1000 m) once fully warm
    v: 1,
    name: "Ladder",
    note: "200 up to 1000 m: longer reps once warm",
    steps: [
      WARM_10,
      { kind: "work", end: { dist: 200 }, pace: { race: 1500, offS: 5 }, label: "200" },
      { kind: "recovery", end: { time: 60 }, label: "Jog" },
      { kind: "work", end: { dist: 400 }, pace: { race: 3000 }, label: "400" },
      { kind: "recovery", end: { time: 90 }, label: "Jog" },
      { kind: "work", end: { dist: 600 }, pace: { race: 3000, offS: 4 }, label: "600" },
      { kind: "recovery", end: { time: 120 }, label: "Jog" },
      { kind: "work", end: { dist: 800 }, pace: { race: 5000 }, label: "800" },
      { kind: "recovery", end: { time: 150 }, label: "Jog" },
      { kind: "work", end: { dist: 1000 }, pace: { race: 5000, offS: -3 }, label: "1000" },
      COOL_10,
    ],
  },
  {
    // three zones in rotation: tempo (10K pace), surges (3K pace) on short jogs, then an
    // easy block between sets so each set starts fresh
    v: 1,
    name: "3-zone",
    note: "3 sets: 1 km tempo, 3 surges, easy block",
    steps: [
      WARM_10,
      {
        repeat: 3,
        steps: [
          { kind: "work", end: { dist: 1000 }, pace: { race: 10000, bandS: 6 }, label: "Tempo" },
          {
            repeat: 3,
            steps: [
              { kind: "work", end: { dist: 200 }, pace: { race: 3000 }, label: "Surge" },
              { kind: "recovery", end: { time: 45 }, label: "Jog" },
            ],
          },
        ],
        between: { kind: "recovery", end: { time: 180 }, pace: { race: 5000, offS: 75, bandS: 20 }, label: "Easy" },
      },
      COOL_10,
    ],
  },
  {
    // each recovery lasts until HR is back under 120 bpm for 5 s: at least 60 s, at most
    // 3 min, so a hot day lengthens the rests instead of wrecking the reps
    v: 1,
    name: "HR rest",
    note: "5x800 m, rest until HR < 120 (1-3 min)",
    steps: [
      WARM_10,
      {
        repeat: 5,
        steps: [{ kind: "work", end: { dist: 800 }, pace: { race: 5000 }, label: "800" }],
        between: { kind: "recovery", end: { hrBelow: 120, minS: 60, holdS: 5, maxS: 180 }, label: "HR rest" },
      },
      COOL_10,
    ],
  },
  {
    // laid out like the Garmin fenix 5X workout in tests' fitparser recording: a lap-ended
    // warm-up (device step 0), 1000 m reps each followed by 60 s (device steps 1-2, a
    // recovery after the 4th rep too), then a cool-down that runs until the lap press
    v: 1,
    name: "4x1km",
    note: "4x1 km, 60 s jog; lap ends warm-up/cool-down",
    steps: [
      { kind: "warmup", end: { lap: 1 }, label: "Warm-up" },
      {
        repeat: 4,
        steps: [
          { kind: "work", end: { dist: 1000 }, pace: { race: 5000, offS: 5 }, label: "1 km" },
          { kind: "recovery", end: { time: 60 }, label: "Jog" },
        ],
      },
      { kind: "cooldown", end: { lap: 1 }, label: "Cool-down" },
    ],
  },
  {
    // a tempo block: 20 minutes at threshold, about the pace a runner could race for an hour
    // (15K pace for most), held even in one piece: comfortably hard, never a race
    v: 1,
    name: "Tempo 20",
    note: "20 min comfortably hard at threshold (15K pace)",
    steps: [
      WARM_10,
      { kind: "work", end: { time: 1200 }, pace: { race: 15000, bandS: 6 }, label: "Tempo" },
      COOL_10,
    ],
  },
  {
    // the swap for a tired day: the reps become easy running with a few short strides, so the
    // legs stay quick without adding fatigue; the easy band warns when the pace creeps up
    v: 1,
    name: "Easy+strides",
    note: "Tired? Swap the reps: easy running and 6 strides",
    steps: [
      { kind: "warmup", end: { time: 900 }, pace: { race: 5000, offS: 90, bandS: 30 }, label: "Easy" },
      {
        repeat: 6,
        steps: [
          { kind: "stride", end: { time: 20 }, label: "Stride" },
          { kind: "recovery", end: { time: 60 }, label: "Walk" },
        ],
      },
      { kind: "cooldown", end: { time: 300 }, pace: { race: 5000, offS: 90, bandS: 30 }, label: "Easy" },
    ],
  },
];
