/**
 * Hidden tests for 10-informational/rekey: soft lifetimes with strongSwan's
 * margin and jitter, make-before-break on a fixed timeline, and random SA
 * sets against the reference.
 */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { outboundSa, rekeyActions, rekeyTimes, type LiveSa } from "@impl/10-informational/rekey.ts";
import * as ref from "@ref/10-informational/rekey.ts";

/** strongSwan's ipsec.conf defaults: margintime (rekeymargin) 9 min, rekeyfuzz 100 % of it. */
const STRONGSWAN = { marginSeconds: 540, randSeconds: 540 };
const fixed = (hexText: string) => () => fromHexLoose(hexText);

describe("step 1: when to start rekeying", () => {
  test("the seed's 3600 s IPsec SA with strongSwan's margin and jitter", () => {
    expectEqual(rekeyTimes(1000, 3600, STRONGSWAN, fixed("00000000")), { installedAt: 1000, softAt: 4060, hardAt: 4600 }, {
      what: "rekeyTimes(installed 1000, 3600 s, margin 540 + up to 540, random 00000000)",
      why: "hard = installed + lifetime; soft = hard - margin - jitter, jitter 0 here: rekey 9 minutes before the end at the latest.",
    });
    expectEqual(rekeyTimes(1000, 3600, STRONGSWAN, fixed("80000000")).softAt, 3790, { what: "rekeyTimes(..., random 80000000).softAt", why: "jitter = floor(0x80000000 / 2^32 * (540 + 1)) = 270 seconds earlier." });
    expectEqual(rekeyTimes(1000, 3600, STRONGSWAN, fixed("ffffffff")).softAt, 3520, { what: "rekeyTimes(..., random ffffffff).softAt", why: "the largest jitter is randSeconds itself: 540 + 540 = 1080 s before the end." });
    let asked = false;
    const t = rekeyTimes(0, 86400, { marginSeconds: 600, randSeconds: 0 }, () => {
      asked = true;
      return new Uint8Array(4);
    });
    expectEqual(t, { installedAt: 0, softAt: 85800, hardAt: 86400 }, { what: "rekeyTimes(0, 86400, margin 600, no random time)" });
    expectEqual(asked, false, { what: "rekeyTimes with randSeconds 0: was the random source used?", why: "with nothing to spread there is nothing to draw." });
  });
  test("impossible policies", () => {
    expectThrows(() => rekeyTimes(0, 600, { marginSeconds: 540, randSeconds: 60 }, fixed("00000000")), { what: "rekeyTimes(0, 600 s, margin 540 + random 60)", error: "FieldError", field: "Rekey margin", why: "the earliest rekey would come the moment the SA is installed." });
    expectThrows(() => rekeyTimes(0, 0, { marginSeconds: 0, randSeconds: 0 }, fixed("00000000")), { what: "rekeyTimes(0, a 0 s lifetime, ...)", error: "FieldError", field: "SA Life Duration" });
    expectThrows(() => rekeyTimes(0, 3600, { marginSeconds: -1, randSeconds: 0 }, fixed("00000000")), { what: "rekeyTimes(0, 3600, margin -1, ...)", error: "FieldError", field: "Rekey margin" });
  });
});

describe("step 2: make-before-break", () => {
  const oldSa: LiveSa<string> = { sa: "old", times: { installedAt: 0, softAt: 3060, hardAt: 3600 } };
  const newSa: LiveSa<string> = { sa: "new", times: { installedAt: 3070, softAt: 6130, hardAt: 6670 } };
  const keep = { rekeying: false, deleteRekeyed: false };
  test("one SA through its life", () => {
    expectEqual(outboundSa([oldSa], 3000), "old", { what: "outboundSa([old], 3000)" });
    expectEqual(rekeyActions([oldSa], 3000, keep), [], { what: "rekeyActions([old], 3000)", why: "before the soft lifetime there is nothing to do." });
    expectEqual(rekeyActions([oldSa], 3060, keep), [{ kind: "rekey", sa: "old" }], { what: "rekeyActions([old], 3060)", why: "the soft lifetime is reached: start a new quick mode while the old SA still works." });
    expectEqual(rekeyActions([oldSa], 3065, { ...keep, rekeying: true }), [], { what: "rekeyActions([old], 3065, rekeying under way)", why: "one rekey at a time: a second one would make two new SAs." });
    expectEqual(outboundSa([oldSa], 3600), undefined, { what: "outboundSa([old], 3600)", why: "at the hard lifetime the SA may carry nothing more (a failed rekey means an outage)." });
    expectEqual(rekeyActions([oldSa], 3600, keep), [{ kind: "expire", sa: "old" }], { what: "rekeyActions([old], 3600)" });
  });
  test("old and new side by side", () => {
    expectEqual(outboundSa([oldSa, newSa], 3070), "new", { what: "outboundSa([old, new], 3070)", why: "outbound moves to the newest SA the moment it is installed; the peer installed its inbound side first (it answered our quick mode)." });
    expectEqual(outboundSa([newSa, oldSa], 3070), "new", { what: "outboundSa([new, old], 3070)", why: "newest by installation time, not by list order." });
    expectEqual(rekeyActions([oldSa, newSa], 3070, keep), [], { what: "rekeyActions([old, new], 3070, delete_rekeyed = no)", why: "strongSwan's IKEv1 default: the old SA stays, inbound only, until its hard lifetime, in case the peer still sends on it." });
    expectEqual(rekeyActions([oldSa, newSa], 3070, { ...keep, deleteRekeyed: true }), [{ kind: "delete", sa: "old" }], { what: "rekeyActions([old, new], 3070, delete_rekeyed = yes)", why: "break only after make: the Delete goes once the new SA is installed." });
    expectEqual(rekeyActions([oldSa, newSa], 3600, keep), [{ kind: "expire", sa: "old" }], { what: "rekeyActions([old, new], 3600)" });
    expectEqual(rekeyActions([oldSa, newSa], 6130, keep), [{ kind: "expire", sa: "old" }, { kind: "rekey", sa: "new" }], { what: "rekeyActions([old, new], 6130)", why: "the cycle starts again for the new SA." });
  });
  test("random SA sets agree with the reference", () => {
    const r = rng("rekey");
    for (let i = 0; i < 300; i++) {
      const lifetime = r.int(600, 86400);
      const policy = { marginSeconds: r.int(0, 200), randSeconds: r.int(0, 200) };
      const bytes = r.bytes(4);
      const installedAt = r.int(0, 100000);
      expectEqual(rekeyTimes(installedAt, lifetime, policy, () => bytes), ref.rekeyTimes(installedAt, lifetime, policy, () => bytes), { what: `rekeyTimes(${installedAt}, ${lifetime}, ${JSON.stringify(policy)}, ${Buffer.from(bytes).toString("hex")})` });
      const sas: LiveSa<number>[] = Array.from({ length: r.int(0, 4) }, (_, k) => {
        const at = r.int(0, 5000);
        const hard = at + r.int(100, 5000);
        return { sa: k, times: { installedAt: at, softAt: hard - r.int(0, 99), hardAt: hard } };
      });
      const now = r.int(0, 10000);
      const state = { rekeying: r.int(0, 1) === 1, deleteRekeyed: r.int(0, 1) === 1 };
      const what = `${JSON.stringify(sas.map((s) => s.times))} at ${now}, ${JSON.stringify(state)}`;
      expectEqual(outboundSa(sas, now), ref.outboundSa(sas, now), { what: `outboundSa(${what})` });
      expectEqual(rekeyActions(sas, now, state), ref.rekeyActions(sas, now, state), { what: `rekeyActions(${what})` });
    }
  });
});
