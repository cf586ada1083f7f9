/**
 * Diffie-Hellman cost per group: the course's modPow (square and multiply on
 * BigInt) and the sliding-window variant, against OpenSSL's (node:crypto
 * createDiffieHellman) with the same prime and the same private value, so
 * the ratio compares like with like. Plus the key derivation of one exchange
 * (SKEYID, SKEYID_d/a/e, encryption key, IV), which costs microseconds.
 */
import { createDiffieHellman, randomBytes } from "node:crypto";
import { MODP_GROUPS, type ModpGroup } from "../support/modp-groups.ts";
import { modPow } from "../../solutions/05-diffie-hellman/modpow.ts";
import { modPowWindow } from "../../solutions/05-diffie-hellman/window.ts";
import { encryptionKey } from "../../solutions/06-phase1-keys/enc-key.ts";
import { phase1Iv } from "../../solutions/06-phase1-keys/iv.ts";
import { deriveKeys, skeyidPsk } from "../../solutions/06-phase1-keys/skeyid.ts";
import { median } from "./stats.ts";

const toBuffer = (v: bigint, n: number) => Buffer.from(v.toString(16).padStart(n * 2, "0"), "hex");

/** Median milliseconds of `fn` over `runs` runs, after one warm-up. */
function time(fn: () => unknown, runs: number): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    t.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(t);
}

function groupFigures(group: ModpGroup) {
  const runs = group.bits > 2048 ? 5 : 15;
  const x = BigInt("0x" + randomBytes(group.bytes).toString("hex")) % (group.p - 3n) + 2n;
  const dh = createDiffieHellman(toBuffer(group.p, group.bytes), toBuffer(group.g, 1));
  dh.setPrivateKey(toBuffer(x, group.bytes));
  const ours = modPow(group.g, x, group.p);
  if (BigInt("0x" + dh.generateKeys("hex")) !== ours || modPowWindow(group.g, x, group.p) !== ours) throw new Error(`group ${group.id}: modPow and OpenSSL disagree`);
  const openssl = time(() => dh.generateKeys(), runs);
  const squareMultiply = time(() => modPow(group.g, x, group.p), runs);
  const window = time(() => modPowWindow(group.g, x, group.p), runs);
  return { group: group.id, bits: group.bits, opensslMs: openssl, modPowMs: squareMultiply, windowMs: window, modPowRatio: squareMultiply / openssl, windowRatio: window / openssl };
}

export function benchDh() {
  console.log("\nDiffie-Hellman g^x mod p, full-length private value (median per exponentiation)");
  const groups = MODP_GROUPS.map(groupFigures);
  for (const g of groups) {
    console.log(
      `  group ${String(g.group).padStart(2)} (${g.bits} bits): OpenSSL ${g.opensslMs.toFixed(2)} ms, modPow ${g.modPowMs.toFixed(2)} ms (x${g.modPowRatio.toFixed(1)}), sliding window ${g.windowMs.toFixed(2)} ms (x${g.windowRatio.toFixed(1)})`,
    );
  }
  const r = (n: number) => new Uint8Array(randomBytes(n));
  const [psk, ni, nr, gxy, ci, cr, gxi, gxr] = [r(8), r(20), r(20), r(128), r(8), r(8), r(128), r(128)];
  const derive = () => {
    const skeyid = skeyidPsk("sha1", psk, ni, nr);
    const k = deriveKeys("sha1", skeyid, gxy, ci, cr);
    return [encryptionKey("sha1", k.skeyid_e, 32), phase1Iv("sha1", gxi, gxr, 16)];
  };
  const keysMs = time(derive, 200);
  console.log(`  phase-1 key derivation of one exchange (SHA-1, AES-256 with expansion, IV): ${(keysMs * 1000).toFixed(0)} µs`);
  return { dh: groups, phase1KeysMs: keysMs };
}
