/**
 * Hidden tests for 09-quick-mode/hashes: charon's Hash(1), Hash(2) and
 * Hash(3) from two real quick modes, random cases against node:crypto's
 * HMAC, and the refusals.
 */
import { describe, test } from "vitest";
import { expectBytes, rng } from "@teach";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import type { IsakmpMessage } from "@ref/03-payloads/message.ts";
import { openMessage } from "@ref/07-main-mode/encryption.ts";
import { quickIv } from "@ref/09-quick-mode/message-1.ts";
import * as ref from "@ref/09-quick-mode/hashes.ts";
import { afterHash, checkHash, quickHash1, quickHash2, quickHash3, receivedHash } from "@impl/09-quick-mode/hashes.ts";
import { b, cat, expectRefusal, hmac, strongswanIke, u32 } from "./fixtures.ts";
import { NO_PFS, PFS_GROUP2, type StrongswanQuickMode } from "./strongswan-vectors.ts";

/** charon's three messages, opened with the reference (chapter 07's openMessage). */
function opened(v: StrongswanQuickMode): IsakmpMessage[] {
  const ike = strongswanIke(v, "initiator");
  let iv = quickIv(ike, v.messageId);
  return [v.qm1, v.qm2, v.qm3].map((m) => {
    const o = openMessage(b(m), ike.keys, iv);
    iv = o.nextIv;
    return o.message;
  });
}

const nonce = (m: IsakmpMessage) => {
  const p = m.payloads.find((x) => x.type === PayloadType.NONCE);
  if (!p || !("data" in p)) throw new Error("no nonce in charon's message");
  return p.data;
};

describe("step 1: strongSwan's quick mode hashes", () => {
  for (const v of [NO_PFS, PFS_GROUP2]) {
    test(v.label, () => {
      const [m1, m2] = opened(v);
      const a = b(v.skeyid_a);
      const covered1 = ref.afterHash(m1!);
      const covered2 = ref.afterHash(m2!);
      expectBytes(afterHash(m1!), covered1, { what: "afterHash(charon's message 1)", why: "HASH(1) covers every payload after the HASH payload, generic headers included, as they travel: SA, Nonce, [KE,] IDci, IDcr." });
      expectBytes(quickHash1("sha1", a, v.messageId, covered1), b(v.hash1), { what: `quickHash1(SKEYID_a, 0x${v.messageId.toString(16)}, ...)`, why: "charon's Hash(1) = prf(SKEYID_a, M-ID | SA | Ni [| KE] | IDci | IDcr) (RFC 2409 section 5.5)." });
      expectBytes(quickHash2("sha1", a, v.messageId, nonce(m1!), covered2), b(v.hash2), { what: "quickHash2(SKEYID_a, M-ID, Ni_b, ...)", why: "charon's Hash(2) puts the initiator's nonce body between M-ID and the payloads: the responder proves it read message 1." });
      expectBytes(quickHash3("sha1", a, v.messageId, nonce(m1!), nonce(m2!)), b(v.hash3), { what: "quickHash3(SKEYID_a, M-ID, Ni_b, Nr_b)", why: "charon's Hash(3) = prf(SKEYID_a, 0 | M-ID | Ni_b | Nr_b): one zero octet first." });
      expectBytes(receivedHash(m1!), b(v.hash1), { what: "receivedHash(charon's message 1)", why: "the Hash DATA of the first payload." });
      checkHash("HASH(1)", receivedHash(m1!), quickHash1("sha1", a, v.messageId, covered1));
    });
  }
});

describe("step 2: random keys, IDs and payloads against node:crypto", () => {
  test("md5, sha1, sha256", () => {
    const r = rng("quick-hashes");
    for (const h of ["md5", "sha1", "sha256"] as const) {
      for (let i = 0; i < 5; i++) {
        const key = r.bytes({ md5: 16, sha1: 20, sha256: 32 }[h]);
        const mid = r.int(1, 0xffffffff);
        const rest = r.bytes(r.int(40, 300));
        const ni = r.bytes(r.int(8, 64));
        const nr = r.bytes(r.int(8, 64));
        const what = (n: number) => `quickHash${n}("${h}", ..., M-ID 0x${mid.toString(16)}, ...)`;
        expectBytes(quickHash1(h, key, mid, rest), hmac(h, key, u32(mid), rest), { what: what(1), why: "the Message ID is 4 big-endian octets, even when its top bit is set." });
        expectBytes(quickHash2(h, key, mid, ni, rest), hmac(h, key, u32(mid), ni, rest), { what: what(2) });
        expectBytes(quickHash3(h, key, mid, ni, nr), hmac(h, key, Uint8Array.of(0), u32(mid), ni, nr), { what: what(3) });
      }
    }
  });
});

describe("step 3: refusals", () => {
  const [m1] = opened(NO_PFS);
  test("a message that does not start with HASH", () => {
    const noHash: IsakmpMessage = { ...m1!, payloads: m1!.payloads.slice(1) };
    expectRefusal(() => afterHash(noHash), NotifyType.INVALID_HASH_INFORMATION, "Next payload", "afterHash(message 1 without its HASH)", "RFC 2409 section 5.5: the HASH payload comes right after the header; anything else is unauthenticated.");
    expectRefusal(() => receivedHash(noHash), NotifyType.INVALID_HASH_INFORMATION, "Next payload", "receivedHash(message 1 without its HASH)", "there is no hash to check.");
  });
  test("a hash that differs in its last octet, or is cut short", () => {
    const good = b(NO_PFS.hash1);
    const bad = cat(good.subarray(0, 19), Uint8Array.of(good[19]! ^ 1));
    expectRefusal(() => checkHash("HASH(1)", bad, good), NotifyType.INVALID_HASH_INFORMATION, "Hash DATA", "checkHash with the last octet flipped", "every octet counts: the peer is told INVALID-HASH-INFORMATION (23).");
    expectRefusal(() => checkHash("HASH(1)", good.subarray(0, 12), good), NotifyType.INVALID_HASH_INFORMATION, "Hash DATA", "checkHash with a 12-octet hash", "a truncated hash is a wrong hash, not a prefix match.");
    checkHash("HASH(1)", good.slice(), good);
  });
});
