/**
 * Save→verdict latency of watch mode, measured end to end: the real
 * `ipsec-course watch` process, a file saved on disk, the clock stopped when
 * the verdict is on its output. Beside it, the baseline a learner would have
 * without a long-lived host: a cold one-shot `vitest run` of the same file.
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadCourse } from "../src/manifest.ts";
import { COURSE_ROOT, SOLUTIONS_DIR } from "../src/paths.ts";
import { BIN, implCopy, Screen } from "../test/helpers.ts";
import { median, ms, percentile } from "./stats.ts";

const SAVES = 20;

interface Case {
  readonly label: string;
  readonly exercise: string;
  readonly file: string;
  /** Two file contents to alternate between, so every save is a real change. */
  readonly versions: readonly [string, string];
  /** The verdict line; its first group is the test host's own time for the run. */
  readonly verdict: RegExp;
  readonly testFile: string;
  /**
   * After a pass, watch mode moves on to the next exercise not yet passed.
   * For a passing case, a first session walks the whole course so that every
   * later exercise is recorded as passed, as it is for a learner who comes
   * back to an earlier one; the measured session then stays on this one.
   */
  readonly primeProgress?: boolean;
}

async function watchLatencies(c: Case, implDir: string): Promise<{ total: number[]; host: number[] }> {
  const state = mkdtempSync(join(tmpdir(), "ipsec-bench-state-"));
  const session = () =>
    new Screen(
      spawn(process.execPath, [BIN, "watch", c.exercise, "--impl", implDir], {
        cwd: COURSE_ROOT,
        env: { ...process.env, NO_COLOR: "1", IPSEC_COURSE_STATE_DIR: state },
      }),
    );
  if (c.primeProgress) {
    const first = session();
    const last = loadCourse().exercises.at(-1)!.id;
    await first.waitFor(new RegExp(`✓ ${last.replace(/[/.-]/g, "\\$&")}: all \\d+ tests pass`), 0, 180_000);
    first.key("q\n");
    await first.exited;
  }
  const screen = session();
  let at = await screen.waitFor(c.verdict, 0, 30_000);
  const total: number[] = [];
  const host: number[] = [];
  // One warm-up save, then the measured ones, spaced like a person saving.
  for (let i = 0; i <= SAVES; i++) {
    await new Promise((r) => setTimeout(r, 400));
    const t0 = performance.now();
    writeFileSync(join(implDir, c.file), c.versions[i % 2]!);
    at = await screen.waitFor(c.verdict, at, 30_000);
    if (i > 0) {
      total.push(performance.now() - t0);
      host.push(Number(screen.match![1]));
    }
  }
  screen.key("q\n");
  await screen.exited;
  return { total, host };
}

function coldRuns(c: Case, implDir: string, n: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [join(COURSE_ROOT, "node_modules/vitest/vitest.mjs"), "run", "-c", "grader/tests/vitest.config.ts", c.testFile], {
      cwd: COURSE_ROOT,
      env: { ...process.env, NO_COLOR: "1", IPSEC_COURSE_IMPL: implDir },
      stdio: "ignore",
    });
    times.push(performance.now() - t0);
  }
  return times;
}

export async function benchWatchLatency(): Promise<Record<string, unknown>> {
  const hex = readFileSync(join(SOLUTIONS_DIR, "01-bytes/hex.ts"), "utf8");
  const cookie = readFileSync(join(SOLUTIONS_DIR, "02-isakmp-header/cookie.ts"), "utf8");
  // A plausible wrong answer: forgets the leading zero of small bytes.
  const wrongHex = hex.replace('out += DIGITS[b >> 4]! + DIGITS[b & 0x0f]!;', 'out += b.toString(16);');
  if (wrongHex === hex) throw new Error("bench: could not derive a failing hex.ts from the solution");
  const cases: Case[] = [
    {
      label: "failing exercise (01-bytes/hex)",
      exercise: "01-bytes/hex",
      file: "01-bytes/hex.ts",
      versions: [wrongHex, `${wrongHex}\n// saved again\n`],
      verdict: /✗ 01-bytes\/hex: \d+ of \d+ tests fail \((\d+) ms/,
      testFile: "grader/tests/01-bytes/hex.test.ts",
    },
    {
      label: "passing exercise (02-isakmp-header/cookie)",
      exercise: "02-isakmp-header/cookie",
      file: "02-isakmp-header/cookie.ts",
      versions: [cookie, `${cookie}\n// saved again\n`],
      verdict: /✓ 02-isakmp-header\/cookie: all \d+ tests pass \((\d+) ms/,
      testFile: "grader/tests/02-isakmp-header/cookie.test.ts",
      primeProgress: true,
    },
  ];
  const rows: Record<string, unknown>[] = [];
  console.log(`\nWatch mode: save → verdict, ${SAVES} saves each (target: median ≤ 150 ms, p90 ≤ 250 ms)`);
  console.log(`${"case".padEnd(44)} ${"median".padStart(8)} ${"p90".padStart(8)} ${"in host".padStart(8)} ${"cold run".padStart(9)} ${"ratio".padStart(6)}`);
  for (const c of cases) {
    const impl = implCopy(SOLUTIONS_DIR, { [c.file]: c.versions[0] });
    const { total: warm, host } = await watchLatencies(c, impl);
    const cold = coldRuns(c, impl, 5);
    const row = {
      case: c.label,
      medianMs: median(warm),
      p90Ms: percentile(warm, 90),
      hostMedianMs: median(host),
      coldMedianMs: median(cold),
      ratio: median(cold) / median(warm),
      targetMet: median(warm) <= 150 && percentile(warm, 90) <= 250,
    };
    rows.push(row);
    console.log(`${c.label.padEnd(44)} ${ms(row.medianMs).padStart(8)} ${ms(row.p90Ms).padStart(8)} ${ms(row.hostMedianMs).padStart(8)} ${ms(row.coldMedianMs).padStart(9)} ${`${row.ratio.toFixed(1)}x`.padStart(6)}  ${row.targetMet ? "target met" : "TARGET MISSED"}`);
  }
  console.log("in host = time inside the test host (vitest run in a pre-booted worker); the rest is file watching, IPC and drawing the screen");
  console.log("ratio = cold one-shot `vitest run` of the same test file ÷ watch-mode median (higher is better)");
  return { watchLatency: rows };
}
