/**
 * Submissions on disk: finding the code in a folder, proving the folder was
 * not touched, copying it to a scratch folder, and splitting a class into shards.
 */
import { createHash } from "node:crypto";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, relative, resolve } from "node:path";
import { implFolder } from "../paths.ts";

/** Folders never copied or fingerprinted: dependencies and history, not the learner's code. */
const IGNORED = new Set(["node_modules", ".git", ".ipsec-course"]);
const MAX_FILE_BYTES = 1 << 20;
const MAX_TOTAL_BYTES = 32 << 20;

export interface Submission {
  readonly name: string;
  readonly path: string;
  /** Where the exercises are: the folder itself, or its `exercises/` when it is a whole clone. */
  readonly implDir: string;
}

export function submissions(paths: readonly string[]): Submission[] {
  const abs = [...new Set(paths.map((p) => resolve(p)))].sort();
  const names = abs.map((p) => basename(p));
  return abs.map((p, i) => ({
    name: names.filter((n) => n === names[i]).length > 1 ? relative(process.cwd(), p) || basename(p) : names[i]!,
    path: p,
    implDir: implFolder(p),
  }));
}

/** Shard i of n (1-based): every n-th submission in sorted order, so shards are disjoint and cover the class. */
export function shard<T>(items: readonly T[], index: number, count: number): T[] {
  return items.filter((_, k) => k % count === index - 1);
}

export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard takes i/n with 1 <= i <= n, not "${text}"`);
  return { index, count };
}

function* walk(dir: string, root = dir): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    if (IGNORED.has(name)) continue;
    const full = join(dir, name);
    yield relative(root, full);
    if (lstatSync(full).isDirectory()) yield* walk(full, root);
  }
}

/** A hash of every path, type and content under a folder: equal before and after means untouched. */
export function fingerprint(dir: string): string {
  const h = createHash("sha256");
  for (const rel of walk(dir)) {
    const full = join(dir, rel);
    const st = lstatSync(full);
    h.update(`${rel}\0${st.mode}\0`);
    if (st.isFile()) h.update(readFileSync(full));
    else if (st.isSymbolicLink()) h.update(readlinkSync(full));
    h.update("\0");
  }
  return h.digest("hex");
}

export interface Scratch {
  /** The scratch folder: the test host's working directory. */
  readonly dir: string;
  /** The copy of the exercises inside it, what `@impl/...` points at. */
  readonly implDir: string;
  readonly skipped: string[];
}

/**
 * Copies the exercises into a fresh scratch folder: regular files only. A
 * symbolic link is not followed (it could point at the reference solutions),
 * and oversized files are left out, each with a note.
 */
export function scratchCopy(implDir: string): Scratch {
  const dir = mkdtempSync(join(tmpdir(), "ipsec-course-grade-"));
  const out = join(dir, "exercises");
  mkdirSync(out);
  const skipped: string[] = [];
  let total = 0;
  for (const rel of walk(implDir)) {
    const from = join(implDir, rel);
    const st = lstatSync(from);
    if (st.isDirectory()) mkdirSync(join(out, rel), { recursive: true });
    else if (st.isSymbolicLink()) skipped.push(`${rel}: a symbolic link (links are not followed)`);
    else if (!st.isFile()) skipped.push(`${rel}: not a regular file`);
    else if (st.size > MAX_FILE_BYTES || total + st.size > MAX_TOTAL_BYTES) skipped.push(`${rel}: too large (${st.size} bytes)`);
    else {
      total += st.size;
      writeFileSync(join(out, rel), readFileSync(from));
    }
  }
  return { dir, implDir: out, skipped };
}
