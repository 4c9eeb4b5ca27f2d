// The DOM-based readers as one module, for bundling into a test page (tests/browser/formats.test.ts).
export { parseGpx } from "../../src/sim/formats/gpx";
export { parseTcx } from "../../src/sim/formats/tcx";
export { fillMotion } from "../../src/sim/formats/index";
