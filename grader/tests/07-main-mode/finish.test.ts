/**
 * Hidden tests for 07-main-mode/finish: the learner's initiator accepts
 * strongSwan's real message 6 and holds the IKE SA charon's quick mode
 * started from; runs between reference peers; a responder with another
 * pre-shared key, a forged HASH_R, a message 6 out of order.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, expectTrue, rng } from "@teach";
import { IKE_CIPHERS } from "@course/ike-algorithms.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import { exchangeIv } from "@ref/06-phase1-keys/iv.ts";
import { openMessage, sealMessage } from "@ref/07-main-mode/encryption.ts";
import { mainMode5, sealIdentity } from "@ref/07-main-mode/message-5.ts";
import { mainMode6 } from "@ref/07-main-mode/message-6.ts";
import * as ref from "@ref/07-main-mode/finish.ts";
import { mainModeFinish } from "@impl/07-main-mode/finish.ts";
import { expectAuthFailed } from "./auth-failed.ts";
import { randomRun, seedRun } from "./phase1-run.ts";
import { STRONGSWAN_EXCHANGES, b, charonId, charonMessage5, charonMessage6, charonState } from "./strongswan.ts";

describe("step 1: strongSwan's message 6", () => {
  for (const x of STRONGSWAN_EXCHANGES) {
    test(x.label, () => {
      // charon's initiator after sending message 5: the IV is message 5's last block.
      const state = { ...charonState(x, "initiator"), iv: charonMessage5(x).slice(-16), idB: Uint8Array.from([1, 0, 0, 0, 192, 168, 12, 1]) };
      const step = mainModeFinish(state, charonMessage6(x));
      expectEqual(step.send, undefined, { what: "mainModeFinish(...).send", why: "nothing answers message 6." });
      const sa = step.established;
      expectTrue(sa !== undefined, "mainModeFinish(charon's message 6) should return `established`: HASH_R checked out, the IKE SA exists.");
      expectEqual(sa.peerId, charonId("192.168.12.2"), { what: "established.peerId", why: "the responder's ID payload, decrypted with message 5's last ciphertext block as IV." });
      expectBytes(sa.lastIv, charonMessage6(x).slice(-16), { what: "established.lastIv", why: "message 6's last ciphertext block is the last CBC block of phase 1." });
      expectBytes(exchangeIv(x.hash, sa.lastIv, x.quickModeMessageId, 16), b(x.quickModeIv), { what: "the quick mode IV from established.lastIv", why: "charon's initiator logged this IV for its first quick mode message: our IKE SA would continue the same chain." });
      expectEqual([sa.role, sa.local, sa.remote, sa.localId], ["initiator", { address: "192.168.12.1", port: 4500 }, { address: "192.168.12.2", port: 4500 }, charonId("192.168.12.1")], { what: "established: [role, local, remote, localId]" });
      expectEqual(step.state.messages, 6, { what: "mainModeFinish(...).state.messages" });
    });
  }
});

describe("step 2: random runs against the reference", () => {
  test("both sides hold the same IKE SA, seen from each end", () => {
    const r = rng("finish runs");
    for (const run of [seedRun(r), ...Array.from({ length: 8 }, () => randomRun(r, { nat: r.pick([false, true]) }))]) {
      const m5 = mainMode5(run.i3, run.mm[3]);
      const m6 = mainMode6(run.r4, m5.send!);
      const got = mainModeFinish(m5.state, m6.send!);
      const want = ref.mainModeFinish(m5.state, m6.send!);
      const what = `mainModeFinish(${run.label})`;
      expectEqual(got.established, want.established, { what: `${what}.established` });
      expectEqual(got.state, want.state, { what: `${what}.state` });
      const mine = got.established!;
      const theirs = m6.established!;
      expectEqual([mine.keys, mine.lastIv, mine.ckyI, mine.ckyR, mine.suite], [theirs.keys, theirs.lastIv, theirs.ckyI, theirs.ckyR, theirs.suite], { what: `${what}: [keys, lastIv, cookies, suite] beside the responder's`, why: "both ends of one IKE SA hold the same keys and the same last block: quick mode's IVs and hashes depend on it." });
      expectEqual([mine.localId, mine.peerId], [theirs.peerId, theirs.localId], { what: `${what}: [localId, peerId] beside the responder's [peerId, localId]` });
    }
  });
});

describe("step 3: failed proofs and stray messages", () => {
  test("a responder with another pre-shared key", () => {
    const r = rng("finish wrong psk");
    for (let i = 0; i < 6; i++) {
      const run = randomRun(r, { responderPsk: `other-${i}` });
      const m5 = mainMode5(run.i3, run.mm[3]);
      // That responder cannot read message 5 (message-6 refuses it); were it to answer anyway, its message 6 is sealed with its own keys.
      const block = IKE_CIPHERS[run.r4.keys!.cipher].blockBytes;
      const rogue = sealIdentity({ ...run.r4, iv: m5.send!.slice(-block) }).send;
      expectAuthFailed(() => mainModeFinish(m5.state, rogue), `mainModeFinish(${run.label}, message 6 from a responder with another PSK)`, "Encrypted Data");
    }
  });
  test("a forged HASH_R", () => {
    const run = seedRun(rng("finish forged"));
    const m5 = mainMode5(run.i3, run.mm[3]);
    const m6 = mainMode6(run.r4, m5.send!).send!;
    const keys = m5.state.keys!;
    const iv = m5.state.iv!;
    const opened = openMessage(m6, keys, iv).message;
    const forged = sealMessage({ ...opened, payloads: opened.payloads.map((p) => (p.type === PayloadType.HASH ? { ...p, data: p.data.map((x, i) => (i === 0 ? x ^ 1 : x)) } : p)) }, keys, iv).datagram;
    expectAuthFailed(() => mainModeFinish(m5.state, forged), "mainModeFinish(message 6 with one bit of HASH_R flipped)", "Hash DATA");
  });
  test("message 6 twice, or before message 5", () => {
    const run = seedRun(rng("finish order"));
    const m5 = mainMode5(run.i3, run.mm[3]);
    const m6 = mainMode6(run.r4, m5.send!).send!;
    const done = ref.mainModeFinish(m5.state, m6).state;
    expectThrows(() => mainModeFinish(done, m6), { what: "mainModeFinish(an initiator that already accepted message 6)", error: "FieldError", field: "Message", why: "a duplicate is the retransmission logic's business; the exchange is over." });
    expectThrows(() => mainModeFinish(run.i3, m6), { what: "mainModeFinish(an initiator that has not sent message 5)", error: "FieldError", field: "Message" });
  });
});
