/**
 * Which exercises a command still needs before it can run on the learner's
 * code. The tunnel runs most of the course (IKE engine, quick mode, ESP, SAD,
 * the gateway): starting it on a stub would fail at the first packet with a
 * "not written yet" deep inside a handshake. Instead, before anything is
 * opened, the files the tunnel loads and everything they import from the
 * course folder (relative imports, followed transitively) are read, and
 * those still calling todo() are named as exercises to finish.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const IMPORT = /(?:import|export)\s+(?!type\s)[^;]*?from\s+["'](\.{1,2}\/[^"']+)["']/g;
const TODO_CALL = /\btodo\(\s*["']([^"']+)["']\s*\)/g;

export interface Unfinished {
  /** The exercise, e.g. "09-quick-mode/message-3". */
  readonly exercise: string;
  /** The functions still returning todo(); empty when the file is missing. */
  readonly functions: readonly string[];
  readonly missing?: boolean;
}

/** The exercises among `entries` (paths inside implDir) and their course-folder imports whose code still calls todo() or is missing. */
export function unfinishedExercises(implDir: string, entries: readonly string[]): Unfinished[] {
  const seen = new Set<string>();
  const out: Unfinished[] = [];
  const queue = entries.map((e) => normalize(e));
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const full = join(implDir, file);
    if (!existsSync(full)) {
      out.push({ exercise: file.replace(/\.ts$/, ""), functions: [], missing: true });
      continue;
    }
    const text = readFileSync(full, "utf8");
    const functions = [...text.matchAll(TODO_CALL)].map((m) => m[1]!);
    if (functions.length > 0) out.push({ exercise: file.replace(/\.ts$/, ""), functions: [...new Set(functions)] });
    for (const m of text.matchAll(IMPORT)) {
      const target = relative(implDir, join(dirname(full), m[1]!));
      if (!target.startsWith("..")) queue.push(target);
    }
  }
  return out.sort((a, b) => a.exercise.localeCompare(b.exercise));
}

/** A learner-facing paragraph naming what to finish, or undefined when nothing is left. */
export function unfinishedText(what: string, list: readonly Unfinished[]): string | undefined {
  if (list.length === 0) return undefined;
  const rows = list.map((u) => `  ${u.exercise.padEnd(34)} ${u.missing ? "(the file is missing)" : u.functions.join(", ")}`);
  return `${what} runs your code, and these exercises are not finished yet (their functions still return todo(), or the file is missing):\n${rows.join("\n")}\nFinish them (ipsec-course run <id> checks one), or try --impl solutions to see the tunnel work first.`;
}
