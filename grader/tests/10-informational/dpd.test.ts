/**
 * Hidden tests for 10-informational/dpd: RFC 3706 R-U-THERE / R-U-THERE-ACK
 * as two strongSwan daemons exchanged them, the vendor ID, and the monitor's
 * timing against fixed timelines and the reference.
 */
import { describe, test } from "vitest";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { DPD_VENDOR_ID, DpdMonitor, answerDpd, dpdNegotiated, dpdSequence, firstDpdSequence, rUThere, rUThereAck } from "@impl/10-informational/dpd.ts";
import * as ref from "@ref/10-informational/dpd.ts";
import { encodeNotification, type Notification } from "@ref/03-payloads/notify-delete.ts";
import { openInformational } from "@ref/10-informational/protect.ts";
import { b, strongswanIke, NOTIFY_LAYOUT } from "./fixtures.ts";
import { INFORMATIONAL } from "./strongswan-vectors.ts";

const ike = strongswanIke();

/** charon's DPD notifications in the order they travelled, with who sent them. */
function charonDpd(): { from: string; n: Notification }[] {
  return INFORMATIONAL.filter((v) => v.summary.includes("N(DPD")).map((v) => {
    const p = openInformational(ike, b(v.datagram)).payloads[0]!;
    if (p.type !== 11) throw new Error("the recording's DPD message holds no Notification");
    return { from: v.from, n: p.notification };
  });
}

describe("step 1: the notifications, as strongSwan sends them", () => {
  test("R-U-THERE and R-U-THERE-ACK with charon's sequence numbers", () => {
    for (const { n } of charonDpd()) {
      const seq = new DataView(n.data.buffer, n.data.byteOffset).getUint32(0);
      const ours = n.messageType === NotifyType.R_U_THERE ? rUThere(ike, seq) : rUThereAck(ike, seq);
      expectBytes(encodeNotification(ours), encodeNotification(n), {
        what: `encodeNotification(${n.messageType === NotifyType.R_U_THERE ? "rUThere" : "rUThereAck"}(strongSwan's IKE SA, 0x${seq.toString(16)}))`,
        layout: NOTIFY_LAYOUT,
        why: "RFC 3706 section 5.3: DOI IPSEC, protocol ISAKMP, SPI Size 16 with CKY-I | CKY-R, type 36136 (0x8d28) or 36137 (0x8d29), the sequence number as 4 big-endian octets.",
      });
      expectEqual(dpdSequence(ike, n), seq, { what: `dpdSequence(charon's ${n.messageType})` });
    }
  });
  test("answering charon's R-U-THERE gives charon's ACK", () => {
    const seen = charonDpd();
    for (const { from, n } of seen.filter((x) => x.n.messageType === NotifyType.R_U_THERE)) {
      const reply = seen.find((x) => x.from !== from && x.n.messageType === NotifyType.R_U_THERE_ACK && x.n.data.every((v, i) => v === n.data[i]));
      const got = answerDpd(ike, n);
      expectEqual(got, reply?.n, { what: `answerDpd(charon's R-U-THERE from ${from})`, why: "the answer echoes the sequence number it acknowledges." });
    }
    expectEqual(answerDpd(ike, rUThereAck(ike, 5)), undefined, { what: "answerDpd(an R-U-THERE-ACK)", why: "an ACK is never answered: two peers would otherwise bounce ACKs forever." });
  });
  test("malformed DPD notifications", () => {
    const n = rUThere(ike, 1);
    expectThrows(() => dpdSequence(ike, { ...n, messageType: NotifyType.INITIAL_CONTACT }), { what: "dpdSequence(INITIAL-CONTACT)", error: "FieldError", field: "Notify Message Type" });
    expectThrows(() => dpdSequence(ike, { ...n, data: fromHexLoose("000001") }), { what: "dpdSequence(3 octets of data)", error: "FieldError", field: "Notification DATA" });
    expectThrows(() => dpdSequence(ike, { ...n, spi: new Uint8Array(16) }), { what: "dpdSequence(another IKE SA's cookies)", error: "FieldError", field: "SPI" });
    expectThrows(() => dpdSequence(ike, { ...n, protocolId: 3 }), { what: "dpdSequence(protocol ESP)", error: "FieldError", field: "Protocol ID" });
  });
});

describe("step 2: was DPD negotiated?", () => {
  const unity = fromHexLoose("12f5f28c457168a9702d9fe274cc0100");
  test("both sides must send the RFC 3706 vendor ID", () => {
    expectBytes(DPD_VENDOR_ID, fromHexLoose("afcad71368a1f1c96b8696fc77570100"), { what: "DPD_VENDOR_ID", why: "RFC 3706 section 5.1; the seed's routers and strongSwan send these 16 octets." });
    expectEqual(dpdNegotiated([unity, DPD_VENDOR_ID], [DPD_VENDOR_ID]), true, { what: "dpdNegotiated(we sent Unity and DPD, the peer DPD)" });
    expectEqual(dpdNegotiated([DPD_VENDOR_ID], [unity]), false, { what: "dpdNegotiated(only we sent DPD)", why: "a peer that did not announce DPD may drop R-U-THERE as an unknown notification: never declare it dead for that." });
    expectEqual(dpdNegotiated([], [DPD_VENDOR_ID]), false, { what: "dpdNegotiated(only the peer sent DPD)" });
    expectEqual(dpdNegotiated([DPD_VENDOR_ID], [fromHexLoose("afcad71368a1f1c96b8696fc77570101")]), true, { what: "dpdNegotiated(..., DPD version 1.1)", why: "the last octet is the minor version: a later 1.x is still DPD." });
    expectEqual(dpdNegotiated([DPD_VENDOR_ID], [fromHexLoose("afcad71368a1f1c96b8696fc77570200")]), false, { what: "dpdNegotiated(..., DPD major version 2)" });
  });
  test("the first sequence number", () => {
    let calls = 0;
    const source = (n: number) => (calls++ === 0 ? fromHexLoose("80000000") : new Uint8Array(n).fill(0xff));
    expectEqual(firstDpdSequence(source), 0x7fffffff, { what: "firstDpdSequence(a source giving 80000000, then ffffffff)", why: "keep 31 bits (below 2^31, so the numbers do not wrap soon) and draw again for 0." });
    const r = rng("dpd-first");
    for (let i = 0; i < 50; i++) {
      const bytes = r.bytes(4);
      expectEqual(firstDpdSequence(() => bytes), ref.firstDpdSequence(() => bytes), { what: `firstDpdSequence(${Buffer.from(bytes).toString("hex")})` });
    }
  });
});

describe("step 3: the monitor", () => {
  const policy = { delayMs: 10_000, retryMs: 2_000, tries: 3 };
  test("an idle peer that never answers: three questions, then dead", () => {
    const m = new DpdMonitor(policy, 100, 0);
    expectEqual(m.nextDeadline(), 10_000, { what: "nextDeadline() after creation at t=0", why: "the first question is due after delayMs of silence." });
    expectEqual(m.due(9_999), undefined, { what: "due(9999)" });
    expectEqual(m.due(10_000), { sequence: 100 }, { what: "due(10000)", why: "10 s without a word from the peer: ask, with the first sequence number." });
    expectEqual(m.due(11_000), undefined, { what: "due(11000)", why: "the answer has until 12000." });
    expectEqual(m.nextDeadline(), 12_000, { what: "nextDeadline() while waiting" });
    expectEqual(m.due(12_000), { sequence: 101 }, { what: "due(12000)", why: "no ACK within retryMs: ask again, with a new number (RFC 3706 section 6)." });
    expectEqual(m.acknowledged(100, 12_500), false, { what: "acknowledged(100, 12500) after 101 was sent", why: "only an ACK of the question still open proves anything." });
    expectEqual(m.due(14_000), { sequence: 102 }, { what: "due(14000)" });
    expectEqual(m.due(16_000), "dead", { what: "due(16000)", why: "tries = 3 questions went unanswered: the peer is dead; the IKE SA and its CHILD SAs go." });
    expectEqual(m.due(99_000), "dead", { what: "due(99000), later", why: "dead stays dead." });
    expectEqual(m.nextDeadline(), undefined, { what: "nextDeadline() when dead" });
    expectEqual(m.acknowledged(102, 16_001), false, { what: "acknowledged(102) after the peer was declared dead" });
  });
  test("an ACK or any traffic puts the monitor back to sleep", () => {
    const m = new DpdMonitor(policy, 0xffffffff, 0);
    m.traffic(5_000);
    expectEqual(m.due(10_000), undefined, { what: "due(10000) after traffic at 5000", why: "traffic proves the peer alive: DPD asks only after delayMs of silence (RFC 3706 section 5.4)." });
    expectEqual(m.due(15_000), { sequence: 0xffffffff }, { what: "due(15000)" });
    expectEqual(m.acknowledged(0xffffffff, 15_100), true, { what: "acknowledged(0xffffffff, 15100)" });
    expectEqual(m.nextDeadline(), 25_100, { what: "nextDeadline() after the ACK at 15100" });
    expectEqual(m.due(25_100), { sequence: 0 }, { what: "due(25100)", why: "the next number after 0xffffffff is 0: the 32-bit number wraps." });
    m.traffic(25_200);
    expectEqual(m.due(27_100), undefined, { what: "due(27100) after traffic at 25200", why: "the open question is moot: the peer spoke." });
  });
  test("bad policies", () => {
    expectThrows(() => new DpdMonitor({ ...policy, tries: 0 }, 1, 0), { what: "new DpdMonitor({tries: 0})", error: "FieldError", field: "DPD policy" });
    expectThrows(() => new DpdMonitor({ ...policy, delayMs: 0 }, 1, 0), { what: "new DpdMonitor({delayMs: 0})", error: "FieldError", field: "DPD policy" });
  });
  test("random timelines agree with the reference", () => {
    const r = rng("dpd-monitor");
    for (let run = 0; run < 40; run++) {
      const p = { delayMs: r.int(1, 20) * 1000, retryMs: r.int(1, 5) * 1000, tries: r.int(1, 5) };
      const first = r.int(0, 0xffffffff);
      const ours = new DpdMonitor(p, first, 0);
      const theirs = new ref.DpdMonitor(p, first, 0);
      const log: string[] = [];
      let now = 0;
      let lastSent: number | undefined;
      for (let step = 0; step < 60; step++) {
        now += r.int(0, 4000);
        const op = r.int(0, 5);
        let got: unknown;
        let want: unknown;
        if (op === 0) {
          ours.traffic(now);
          theirs.traffic(now);
          log.push(`traffic(${now})`);
          continue;
        } else if (op === 1 && lastSent !== undefined) {
          const seq = r.int(0, 2) ? lastSent : (lastSent + 0xffffffff) >>> 0;
          got = ours.acknowledged(seq, now);
          want = theirs.acknowledged(seq, now);
          log.push(`acknowledged(${seq}, ${now})`);
        } else {
          got = ours.due(now);
          want = theirs.due(now);
          if (want !== undefined && want !== "dead") lastSent = (want as { sequence: number }).sequence;
          log.push(`due(${now})`);
        }
        const what = `policy ${JSON.stringify(p)}, first sequence ${first}: ${log.slice(-6).join(", ")}`;
        expectEqual(got, want, { what });
        expectEqual(ours.nextDeadline(), theirs.nextDeadline(), { what: `${what}, then nextDeadline()` });
      }
    }
  });
});
