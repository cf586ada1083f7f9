/** `ipsec-course reset <id> [--yes]`: put an exercise's stub back as shipped. */
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline/promises";
import type { Exercise } from "../manifest.ts";
import { EXERCISES_DIR } from "../paths.ts";
import { pristinePath } from "../pristine.ts";

export async function resetExercise(ex: Exercise, yes: boolean, input: NodeJS.ReadStream, output: NodeJS.WriteStream): Promise<number> {
  const sources = ex.files.map((f) => ({ f, from: pristinePath(f) }));
  const missing = sources.filter((s) => !s.from).map((s) => s.f);
  if (missing.length > 0) {
    output.write(`No pristine copy of ${missing.join(", ")} (it is made by npm install). With git: git checkout -- exercises/${missing[0]}\n`);
    return 2;
  }
  if (!yes) {
    if (!input.isTTY) {
      output.write(`reset overwrites ${ex.files.map((f) => `exercises/${f}`).join(", ")} and your work in it is lost. Add --yes to confirm.\n`);
      return 2;
    }
    const rl = createInterface({ input, output });
    const answer = await rl.question(`Overwrite ${ex.files.map((f) => `exercises/${f}`).join(", ")} with the original stub? Your changes will be lost. [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      output.write("Nothing changed.\n");
      return 1;
    }
  }
  for (const s of sources) copyFileSync(s.from!, join(EXERCISES_DIR, s.f));
  output.write(`Restored ${ex.files.map((f) => `exercises/${f}`).join(", ")}.\n`);
  return 0;
}
