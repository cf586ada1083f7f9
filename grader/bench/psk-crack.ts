/**
 * The offline dictionary attack of chapter 08: guesses per second against
 * one aggressive mode exchange (SHA-1, group 2), for the course's crackPsk
 * (two HMACs per guess with @noble/hashes, through the chapter 06
 * functions) beside the same loop on node:crypto's HMAC (OpenSSL) in the
 * same process, and psk-crack (ike-scan's C cracker) on the same line when
 * it is installed. The figure the lesson cares about is the order of
 * magnitude: every guess costs two HMACs and nothing else.
 */
import { spawnSync } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crackPsk, type CrackInput } from "../../solutions/08-aggressive-mode/psk-crack.ts";
import { median } from "./stats.ts";

const WORDS = 50_000;
const ROUNDS = 5;

function exchange(psk: string): CrackInput {
  const r = (n: number) => new Uint8Array(randomBytes(n));
  const [gxr, gxi, ckyR, ckyI, saiB, niB, nrB] = [r(128), r(128), r(8), r(8), r(52), r(20), r(32)];
  const idirB = Uint8Array.from([1, 0, 0, 0, 192, 168, 12, 2]);
  const skeyid = createHmac("sha1", psk).update(Buffer.concat([niB, nrB])).digest();
  const hashR = new Uint8Array(createHmac("sha1", skeyid).update(Buffer.concat([gxr, gxi, ckyR, ckyI, saiB, idirB])).digest());
  return { gxr, gxi, ckyR, ckyI, saiB, idirB, niB, nrB, hashR };
}

/** The baseline: the same two HMACs per guess, on OpenSSL. */
function nodeCrack(x: CrackInput, words: readonly string[]): string | undefined {
  const nonces = Buffer.concat([x.niB, x.nrB]);
  const data = Buffer.concat([x.gxr, x.gxi, x.ckyR, x.ckyI, x.saiB, x.idirB]);
  const want = Buffer.from(x.hashR);
  for (const w of words) {
    const skeyid = createHmac("sha1", w).update(nonces).digest();
    if (createHmac("sha1", skeyid).update(data).digest().equals(want)) return w;
  }
  return undefined;
}

/** Guesses per second over the whole list (the key is its last word), median of ROUNDS. */
function rate(fn: () => string | undefined, psk: string): number {
  const t: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = process.hrtime.bigint();
    if (fn() !== psk) throw new Error("the cracker did not find the key");
    t.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return WORDS / median(t);
}

/** psk-crack's own figure ("... iterations/sec)") on the same line and list, or undefined without it. */
function pskCrackRate(x: CrackInput, words: readonly string[]): number | undefined {
  const dir = mkdtempSync(join(tmpdir(), "ipsec-course-psk-bench-"));
  try {
    const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
    writeFileSync(join(dir, "line"), [x.gxr, x.gxi, x.ckyR, x.ckyI, x.saiB, x.idirB, x.niB, x.nrB, x.hashR].map(hex).join(":") + "\n");
    writeFileSync(join(dir, "words"), words.join("\n") + "\n");
    const r = spawnSync("psk-crack", ["-d", join(dir, "words"), join(dir, "line")], { encoding: "utf8" });
    const m = /\(([\d.]+) iterations\/sec\)/.exec(r.stdout ?? "");
    return r.status === 0 && m ? Number(m[1]) : undefined;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function benchPskCrack() {
  const words = Array.from({ length: WORDS }, (_, i) => `guess${i.toString(36)}x`);
  const psk = words[WORDS - 1]!;
  const x = exchange(psk);
  const openssl = rate(() => nodeCrack(x, words), psk);
  const ours = rate(() => crackPsk(x, words), psk);
  const cTool = pskCrackRate(x, words);
  console.log("\nOffline PSK guessing against one aggressive mode exchange (SHA-1): guesses per second");
  console.log(`  node:crypto HMAC (baseline) ${Math.round(openssl)}/s, crackPsk (reference) ${Math.round(ours)}/s (x${(openssl / ours).toFixed(1)} slower)`);
  console.log(cTool === undefined ? "  psk-crack: not installed" : `  psk-crack (ike-scan 1.9.5, C) ${Math.round(cTool)}/s (x${(cTool / openssl).toFixed(1)} the baseline)`);
  return { pskCrack: { words: WORDS, baselinePerSecond: openssl, crackPskPerSecond: ours, pskCrackPerSecond: cTool, crackPskSlowdown: openssl / ours } };
}
