/**
 * Hidden tests for 07-main-mode/retransmit. Time is driven by hand: every
 * call gets `now` in milliseconds, nothing sleeps, no timer runs. A fixed
 * timeline with the course policy and strongSwan's, the duplicate rules of
 * a main mode exchange, random sequences of calls compared with the
 * reference, and a whole main mode between two reference peers over a link
 * that loses and repeats datagrams, each peer using the learner's
 * Retransmitter.
 */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, rng, show } from "@teach";
import { COURSE_RETRANSMIT, Retransmitter, retransmitTimeout, type RetransmitPolicy } from "@impl/07-main-mode/retransmit.ts";
import * as ref from "@ref/07-main-mode/retransmit.ts";
import { initiatorState, type Phase1State } from "@ref/07-main-mode/exchange.ts";
import { mainModeFinish } from "@ref/07-main-mode/finish.ts";
import { mainMode1 } from "@ref/07-main-mode/message-1.ts";
import { mainMode2 } from "@ref/07-main-mode/message-2.ts";
import { mainMode3 } from "@ref/07-main-mode/message-3.ts";
import { mainMode4 } from "@ref/07-main-mode/message-4.ts";
import { mainMode5 } from "@ref/07-main-mode/message-5.ts";
import { mainMode6 } from "@ref/07-main-mode/message-6.ts";
import { seedInitiatorConfig, seedResponderConfig } from "./fixtures.ts";

/** charon's defaults: retransmit_timeout 4.0, retransmit_base 1.8, retransmit_tries 5, no limit. */
const STRONGSWAN: RetransmitPolicy = { initialMs: 4000, factor: 1.8, maxMs: 1e9, tries: 5 };
const bytes = (...xs: number[]) => Uint8Array.from(xs);

describe("step 1: the waits", () => {
  test("the course policy and strongSwan's", () => {
    expectEqual(COURSE_RETRANSMIT, { initialMs: 4000, factor: 1.8, maxMs: 30000, tries: 5 }, { what: "COURSE_RETRANSMIT" });
    const course = [0, 1, 2, 3, 4, 5].map((n) => Math.round(retransmitTimeout(COURSE_RETRANSMIT, n)));
    expectEqual(course, [4000, 7200, 12960, 23328, 30000, 30000], { what: "retransmitTimeout(COURSE_RETRANSMIT, 0..5), rounded to the millisecond", why: "4 s, then 1.8 times longer each time (7.2, 12.96, 23.33 s), and never more than maxMs = 30 s." });
    const swan = [0, 1, 2, 3, 4, 5].map((n) => Math.round(retransmitTimeout(STRONGSWAN, n)));
    expectEqual(swan, [4000, 7200, 12960, 23328, 41990, 75583], { what: "retransmitTimeout(strongSwan's policy, 0..5), rounded", why: "without a cap, charon's sixth wait is 75.6 s: it declares a silent peer dead 165 s after its first message." });
  });
  test("random policies against the reference", () => {
    const r = rng("retransmit waits");
    for (let i = 0; i < 100; i++) {
      const initialMs = r.int(1, 10000);
      const p = { initialMs, factor: 1 + r.int(0, 30) / 10, maxMs: initialMs + r.int(0, 100000), tries: r.int(0, 8) };
      const n = r.int(0, 10);
      expectEqual(retransmitTimeout(p, n), ref.retransmitTimeout(p, n), { what: `retransmitTimeout(${show(p)}, ${n})` });
    }
  });
});

describe("step 2: a silent peer", () => {
  test("five retransmissions of the same bytes, then give up", () => {
    const rt = new Retransmitter(COURSE_RETRANSMIT);
    const mm1 = bytes(1, 2, 3, 4);
    expectEqual(rt.nextDeadline(), undefined, { what: "nextDeadline() before anything was sent" });
    expectEqual(rt.due(1_000_000), undefined, { what: "due(...) before anything was sent" });
    rt.sent(mm1, 1000);
    mm1[0] = 99; // the caller reuses its buffer: the retransmission must still be what was sent
    expectEqual(rt.nextDeadline(), 5000, { what: "nextDeadline() after sent(message 1, now = 1000)", why: "the first wait is initialMs = 4000 ms." });
    expectEqual(rt.due(4999), undefined, { what: "due(4999), 1 ms before the deadline" });
    let now = 5000;
    for (const [k, wait] of [[1, 7200], [2, 12960], [3, 23328], [4, 30000], [5, 30000]] as const) {
      const got = rt.due(now);
      expectBytes(got, bytes(1, 2, 3, 4), { what: `due(${now}): retransmission ${k}`, why: "a retransmission is the very datagram sent the first time (a copy kept at sent(), so later changes to the caller's buffer do not matter)." });
      expectEqual(rt.due(now), undefined, { what: `due(${now}) called again right after retransmission ${k}`, why: "one retransmission per deadline." });
      expectEqual(Math.round(rt.nextDeadline()!), Math.round(now + wait), { what: `nextDeadline() after retransmission ${k}`, why: `the next wait is retransmitTimeout(policy, ${k}) = ${wait} ms, counted from now.` });
      now = rt.nextDeadline()!;
    }
    expectEqual(rt.due(now - 1), undefined, { what: "due() just before the last wait ends" });
    expectEqual(rt.due(now), "give-up", { what: `due(${Math.round(now)}): the fifth retransmission's wait is over`, why: "tries = 5 retransmissions were sent and none was answered: the exchange has failed (4 + 7.2 + 12.96 + 23.33 + 30 + 30 = 107.5 s after the first send)." });
    expectEqual(Math.round(now - 1000), 107488, { what: "the time from the first send to give-up, rounded" });
    expectEqual(rt.due(now + 100000), undefined, { what: "due() after give-up", why: "\"give-up\" is said once; nothing is pending any more." });
    expectEqual(rt.nextDeadline(), undefined, { what: "nextDeadline() after give-up" });
  });
  test("a driver that wakes up late sends one retransmission, not a burst", () => {
    const rt = new Retransmitter({ initialMs: 100, factor: 2, maxMs: 1000, tries: 3 });
    rt.sent(bytes(7), 0);
    expectBytes(rt.due(5000), bytes(7), { what: "due(5000) with a deadline of 100" });
    expectEqual(rt.nextDeadline(), 5200, { what: "nextDeadline() after retransmitting at 5000", why: "the second wait (200 ms) counts from the retransmission, not from the missed deadline." });
    expectEqual(rt.due(5001), undefined, { what: "due(5001)" });
  });
  test("tries = 0: one send, one wait, give up", () => {
    const rt = new Retransmitter({ initialMs: 500, factor: 1, maxMs: 500, tries: 0 });
    rt.sent(bytes(1), 10);
    expectEqual(rt.due(510), "give-up", { what: "due(510) with tries = 0" });
  });
  test("an answer stops the retransmissions; a new message starts them again", () => {
    const rt = new Retransmitter(COURSE_RETRANSMIT);
    rt.sent(bytes(1), 0);
    expectBytes(rt.due(4000), bytes(1), { what: "due(4000)" });
    rt.accepted(bytes(2));
    expectEqual(rt.nextDeadline(), undefined, { what: "nextDeadline() after accepted(the peer's answer)", why: "the answer came: retransmitting message 1 now would only confuse the peer." });
    expectEqual(rt.due(100000), undefined, { what: "due() after accepted(answer)" });
    rt.sent(bytes(3), 5000);
    expectEqual(rt.nextDeadline(), 9000, { what: "nextDeadline() after sent(message 3, 5000)", why: "each new message starts from the first wait and zero retransmissions." });
  });
});

describe("step 3: duplicates in a main mode exchange", () => {
  test("the responder answers a repeated message with its last reply, unchanged", () => {
    const rt = new Retransmitter(COURSE_RETRANSMIT);
    const mm1 = bytes(1, 1, 1);
    const mm2 = bytes(2, 2, 2);
    expectEqual(rt.received(mm1), "new", { what: "received(message 1) on a fresh Retransmitter" });
    expectEqual(rt.replyTo(mm1), undefined, { what: "replyTo(message 1) before it was accepted" });
    rt.accepted(mm1);
    rt.sent(mm2, 0);
    expectEqual(rt.received(bytes(1, 1, 1)), "duplicate", { what: "received(a copy of message 1) after accepting message 1", why: "byte-identical to the datagram accepted last: the initiator did not get our message 2 and sent message 1 again." });
    expectBytes(rt.replyTo(bytes(1, 1, 1)), mm2, { what: "replyTo(the copy of message 1)", why: "RFC 2409 section 5: answer with the same message 2. Computing it again would draw a new cookie and nonce and fork the exchange." });
    expectEqual(rt.received(bytes(1, 1, 2)), "new", { what: "received(a datagram differing from message 1 in its last byte)", why: "only byte-identical datagrams are duplicates." });
    expectEqual(rt.replyTo(bytes(1, 1, 2)), undefined, { what: "replyTo(a datagram that is not a duplicate)" });
    const mm3 = bytes(3, 3);
    rt.accepted(mm3);
    expectEqual(rt.received(mm1), "new", { what: "received(message 1) after message 3 was accepted", why: "only the last accepted datagram counts: an old message 1 is just a stray." });
    expectEqual(rt.replyTo(mm3), undefined, { what: "replyTo(message 3) before message 4 was sent" });
    const mm4 = bytes(4, 4);
    rt.sent(mm4, 10);
    mm4[0] = 0;
    expectBytes(rt.replyTo(bytes(3, 3)), bytes(4, 4), { what: "replyTo(a copy of message 3)", why: "the reply is kept as a copy when sent." });
  });
  test("the last message: answered on duplicates, never retransmitted", () => {
    const rt = new Retransmitter(COURSE_RETRANSMIT);
    const mm5 = bytes(5, 5, 5, 5);
    const mm6 = bytes(6, 6, 6, 6);
    rt.accepted(mm5);
    rt.sent(mm6, 0, false);
    expectEqual(rt.nextDeadline(), undefined, { what: "nextDeadline() after sent(message 6, 0, awaitAnswer = false)", why: "nobody answers main mode message 6: if it is lost, the initiator sends message 5 again." });
    expectEqual(rt.due(1e9), undefined, { what: "due() after the last message" });
    expectEqual(rt.received(bytes(5, 5, 5, 5)), "duplicate", { what: "received(message 5 again)" });
    expectBytes(rt.replyTo(bytes(5, 5, 5, 5)), mm6, { what: "replyTo(message 5 again)", why: "the initiator's retransmitted message 5 gets our message 6 again." });
  });
  test("the initiator after the last message: a duplicate with no reply to give", () => {
    const rt = new Retransmitter(COURSE_RETRANSMIT);
    rt.sent(bytes(5), 0);
    rt.accepted(bytes(6));
    expectEqual(rt.received(bytes(6)), "duplicate", { what: "received(message 6 again)" });
    expectEqual(rt.replyTo(bytes(6)), undefined, { what: "replyTo(message 6 again)", why: "we sent nothing after accepting message 6: drop the duplicate silently." });
  });
});

describe("step 4: bad policies, and random call sequences against the reference", () => {
  test("policies that cannot work are refused with a RangeError", () => {
    for (const [label, p] of [
      ["initialMs 0", { ...COURSE_RETRANSMIT, initialMs: 0 }],
      ["initialMs NaN", { ...COURSE_RETRANSMIT, initialMs: NaN }],
      ["factor 0.5", { ...COURSE_RETRANSMIT, factor: 0.5 }],
      ["maxMs below initialMs", { ...COURSE_RETRANSMIT, maxMs: 1000 }],
      ["maxMs Infinity", { ...COURSE_RETRANSMIT, maxMs: Infinity }],
      ["tries -1", { ...COURSE_RETRANSMIT, tries: -1 }],
      ["tries 2.5", { ...COURSE_RETRANSMIT, tries: 2.5 }],
    ] as const) {
      expectThrows(() => new Retransmitter(p), { what: `new Retransmitter(${label})`, error: "RangeError", why: "a wait of 0 ms or one that shrinks would flood the peer; a fractional count of tries means nothing." });
    }
  });
  test("random sequences of sent, due, received, accepted, replyTo", () => {
    const r = rng("retransmit sequences");
    for (let run = 0; run < 40; run++) {
      const initialMs = r.int(10, 1000);
      const policy = { initialMs, factor: 1 + r.int(0, 20) / 10, maxMs: initialMs * r.int(1, 20), tries: r.int(0, 6) };
      const ours = new Retransmitter(policy);
      const theirs = new ref.Retransmitter(policy);
      const pool = Array.from({ length: 4 }, () => r.bytes(r.int(1, 6)));
      let now = r.int(0, 1000);
      const log: string[] = [];
      for (let step = 0; step < 40; step++) {
        const d = r.pick(pool);
        const op = r.int(0, 5);
        const what = () => `after ${show(policy)} and the calls\n  ${log.join("\n  ")}\n`;
        if (op === 0) {
          const wait = r.pick([true, true, false]);
          log.push(`sent(${show(d)}, ${now}, ${wait})`);
          ours.sent(d, now, wait);
          theirs.sent(d, now, wait);
        } else if (op === 1) {
          log.push(`received(${show(d)})`);
          expectEqual(ours.received(d), theirs.received(d), { what: `received() ${what()}` });
        } else if (op === 2) {
          log.push(`accepted(${show(d)})`);
          ours.accepted(d);
          theirs.accepted(d);
        } else if (op === 3) {
          log.push(`replyTo(${show(d)})`);
          expectEqual(ours.replyTo(d), theirs.replyTo(d), { what: `replyTo() ${what()}` });
        } else {
          now += r.int(0, policy.maxMs);
          log.push(`due(${now})`);
          expectEqual(ours.due(now), theirs.due(now), { what: `due(${now}) ${what()}` });
        }
        expectEqual(ours.nextDeadline(), theirs.nextDeadline(), { what: `nextDeadline() ${what()}` });
      }
    }
  });
});

describe("step 5: a whole main mode over a link that loses and repeats datagrams", () => {
  test("both sides finish, and no step ever runs twice", () => {
    const r = rng("retransmit lossy main mode");
    for (let run = 0; run < 6; run++) {
      const result = lossyMainMode(r, run === 0 ? "script" : "random");
      expectEqual(result.established, ["initiator", "responder"], { what: `main mode over a lossy link (run ${run + 1}): who holds the IKE SA at the end\n  ${result.log.join("\n  ")}\n` , why: "each lost datagram is recovered by the waiting side's retransmission, each repeated one answered with the stored reply." });
      expectEqual(result.steps, 6, { what: `main mode over a lossy link (run ${run + 1}): step functions run`, why: "a duplicate must be answered from the Retransmitter (replyTo), never processed again: three steps per side." });
    }
  });
});

/**
 * Two reference peers, each with the learner's Retransmitter, on a link
 * that delivers after 1 ms, drops some datagrams and repeats others. Time
 * only moves when the test moves it. "script": message 1, message 2 and
 * message 6 are lost once each; "random": each datagram is lost with
 * probability 0.3 (never more than twice in a row per direction) or
 * repeated with probability 0.2.
 */
function lossyMainMode(r: ReturnType<typeof rng>, mode: "script" | "random"): { established: string[]; steps: number; log: string[] } {
  const policy = { initialMs: 1000, factor: 2, maxMs: 8000, tries: 10 };
  const random = (n: number) => r.bytes(n);
  const iCfg = seedInitiatorConfig(random);
  const rCfg = seedResponderConfig(random);
  type Side = { name: "initiator" | "responder"; rt: Retransmitter; state?: Phase1State; done: boolean; drops: number; sent: number };
  const sides: Record<"initiator" | "responder", Side> = {
    initiator: { name: "initiator", rt: new Retransmitter(policy), done: false, drops: 0, sent: 0 },
    responder: { name: "responder", rt: new Retransmitter(policy), done: false, drops: 0, sent: 0 },
  };
  const log: string[] = [];
  let steps = 0;
  let now = 0;
  const inFlight: { at: number; to: Side; d: Uint8Array }[] = [];
  const scriptDrops = new Set(["initiator#1", "responder#1", "responder#4"]);
  const transmit = (from: Side, d: Uint8Array) => {
    from.sent++;
    const to = from.name === "initiator" ? sides.responder : sides.initiator;
    const lose = mode === "script" ? scriptDrops.has(`${from.name}#${from.sent}`) : from.drops < 2 && r.next() < 0.3;
    from.drops = lose ? from.drops + 1 : 0;
    log.push(`${now} ms ${from.name} sends ${d.length} octets${lose ? ": lost" : ""}`);
    if (lose) return;
    inFlight.push({ at: now + 1, to, d });
    if (mode === "random" && r.next() < 0.2) inFlight.push({ at: now + 2, to, d: d.slice() });
  };
  const receive = (side: Side, d: Uint8Array) => {
    if (side.rt.received(d) === "duplicate") {
      const again = side.rt.replyTo(d);
      log.push(`${now} ms ${side.name}: duplicate${again ? ", answers it again" : ", nothing to answer"}`);
      if (again) transmit(side, again);
      return;
    }
    let step: { state: Phase1State; send?: Uint8Array; established?: unknown };
    try {
      if (side.name === "responder") step = side.state === undefined ? mainMode2(rCfg, d) : side.state.messages === 2 ? mainMode4(side.state, d) : mainMode6(side.state, d);
      else step = side.state!.messages === 1 ? mainMode3(side.state!, d) : side.state!.messages === 3 ? mainMode5(side.state!, d) : mainModeFinish(side.state!, d);
    } catch (e) {
      log.push(`${now} ms ${side.name}: refused (${(e as Error).message})`);
      return;
    }
    steps++;
    side.rt.accepted(d);
    side.state = step.state;
    if (step.established) side.done = true;
    log.push(`${now} ms ${side.name}: accepted, now at message ${step.state.messages}`);
    if (step.send) {
      // Message 6 is the last: nobody answers it, so it is not retransmitted.
      side.rt.sent(step.send, now, !(side.name === "responder" && step.established));
      transmit(side, step.send);
    }
  };
  const first = mainMode1(initiatorState("main", iCfg));
  sides.initiator.state = first.state;
  sides.initiator.rt.sent(first.send!, now);
  transmit(sides.initiator, first.send!);
  for (let guard = 0; guard < 500 && !(sides.initiator.done && sides.responder.done); guard++) {
    const deadlines = [sides.initiator, sides.responder].map((s) => ({ s, at: s.rt.nextDeadline() })).filter((x): x is { s: Side; at: number } => x.at !== undefined);
    const next = Math.min(...inFlight.map((p) => p.at), ...deadlines.map((x) => x.at));
    if (!Number.isFinite(next)) break;
    now = next;
    const arriving = inFlight.filter((p) => p.at === now);
    for (const p of arriving) inFlight.splice(inFlight.indexOf(p), 1);
    for (const p of arriving) receive(p.to, p.d);
    for (const { s, at } of deadlines) {
      if (at !== now) continue;
      const due = s.rt.due(now);
      if (due === "give-up") log.push(`${now} ms ${s.name} gives up`);
      else if (due) transmit(s, due);
    }
  }
  return { established: [sides.initiator, sides.responder].filter((s) => s.done).map((s) => s.name), steps, log };
}
