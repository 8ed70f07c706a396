// Child process for state.test.ts: saves a growing validator state in a tight loop until it is killed.
// Every score equals the step, so a torn or mixed file would show as a mismatch when read back.
import { StateStore } from "./state.js";

const store = new StateStore(process.argv[2]);
const previous = store.load();
let step = previous ? previous.step : 0;
const size = 20_000;
for (;;) {
  step++;
  store.save({ version: 1, step, scores: new Array<number>(size).fill(step / 7), hotkeys: new Array<string>(size).fill(`hk${step}`), lastWeightsBlock: step });
  if (step === (previous?.step ?? 0) + 1) process.stdout.write("ready\n");
}
