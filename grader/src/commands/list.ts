/** `ipsec-course list [--chapter N]`: the exercises in order, with their last known status. */
import { loadCourse } from "../manifest.ts";
import { EXERCISES_DIR } from "../paths.ts";
import { ProgressCache } from "../progress.ts";
import { progressBar, type Style } from "../ui/term.ts";

export function listText(style: Style, chapters?: Set<number>, current?: string): string {
  const course = loadCourse();
  const cache = new ProgressCache(course, EXERCISES_DIR);
  const out: string[] = [];
  for (const ch of course.chapters) {
    if (chapters && !chapters.has(ch.number)) continue;
    out.push(style.bold(`${ch.id}  ${ch.title}`));
    if (ch.exercises.length === 0) out.push(style.dim(`    (reading only: ${ch.lesson})`));
    for (const ex of ch.exercises) {
      const st = cache.get(ex);
      const mark = st === "pass" ? style.green("✓") : st === "todo" ? style.yellow("○") : st === undefined ? style.dim("·") : style.red("✗");
      const here = ex.id === current ? style.cyan(" ◀ you are here") : "";
      out.push(`  ${mark} ${ex.id.padEnd(34)} ${ex.title} ${style.dim(`(${ex.minutes} min)`)}${here}`);
    }
  }
  out.push("");
  out.push(`Progress ${progressBar(cache.doneCount(), course.exercises.length)}   ✓ passed  ✗ failing  ○ not started  · not run since last change`);
  return out.join("\n");
}
