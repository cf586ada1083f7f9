/** Hidden tests for 15-sad/sequence: the sender's counter, RFC 4303 section 3.3.3. */
import { describe, test } from "vitest";
import { expectEqual, expectThrows, rng } from "@teach";
import { MAX_SEQUENCE, SequenceCounter } from "@impl/15-sad/sequence.ts";

describe("step 1: counting from 1", () => {
  test("a new SA sends 1, 2, 3", () => {
    const c = new SequenceCounter();
    expectEqual([c.next(), c.next(), c.next()], [1, 2, 3], { what: "three next() calls on a new SequenceCounter", why: "the counter starts at 0 and each packet carries counter + 1: the seed's ESP transport packet carries sequence 1." });
    expectEqual(c.last, 3, { what: "last after three packets" });
  });
  test("resuming from a saved value", () => {
    const start = rng("seq resume").int(1, 1_000_000);
    const c = new SequenceCounter(start);
    expectEqual(c.next(), start + 1, { what: `new SequenceCounter(${start}).next()` });
  });
});

describe("step 2: no wrap at 2^32-1", () => {
  test("4294967295 is the last number; the next call refuses, and keeps refusing", () => {
    const c = new SequenceCounter(MAX_SEQUENCE - 2);
    expectEqual(c.next(), MAX_SEQUENCE - 1, { what: "next() at 2^32-3" });
    expectEqual(c.next(), MAX_SEQUENCE, { what: "next() at 2^32-2", why: "0xffffffff is still a valid sequence number." });
    for (let i = 0; i < 2; i++) {
      expectThrows(() => c.next(), {
        what: "next() after 0xffffffff was sent",
        error: "SaExpiredError",
        field: "ESP Sequence",
        why: "RFC 4303 section 3.3.3: without extended sequence numbers the counter must not cycle. Wrapping to 0 or 1 would make the receiver's window drop everything, or accept replays of the SA's first packets. The SA needs a rekey.",
      });
    }
    expectEqual(c.last, MAX_SEQUENCE, { what: "last after the refusals", why: "a refused call hands out nothing." });
  });
  test("the field named is the one asked for (AH's counter)", () => {
    expectThrows(() => new SequenceCounter(MAX_SEQUENCE).next("AH Sequence"), { what: "next(\"AH Sequence\") at 2^32-1", error: "SaExpiredError", field: "AH Sequence" });
  });
});
