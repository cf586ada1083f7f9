/**
 * The seed's messages exist twice: typed, for the capture scenarios
 * (grader/src/pcap/scenarios/seed-messages.ts), and as bytes written out by
 * hand from the captures, for the hidden tests
 * (grader/tests/03-payloads/fixtures.ts). The reference encoder turns the
 * first into the second, byte for byte, so the two can never drift apart.
 */
import { expect, test } from "vitest";
import { encodeMessage } from "../../solutions/03-payloads/message.ts";
import { AGGRESSIVE_1, MAIN_MODE_1, MAIN_MODE_2 } from "../src/pcap/scenarios/seed-messages.ts";
import * as fixtures from "../tests/03-payloads/fixtures.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

test.each([
  ["main mode message 1", MAIN_MODE_1, fixtures.MM1],
  ["main mode message 2", MAIN_MODE_2, fixtures.MM2],
  ["aggressive mode message 1", AGGRESSIVE_1, fixtures.AGGRESSIVE_1],
] as const)("the scenarios' %s encodes to the hand-written bytes of the hidden tests", (_label, typed, written) => {
  expect(hex(encodeMessage(typed)), "scenario message encoded by the reference vs the fixture's hand-written bytes").toBe(hex(written.bytes));
  expect(hex(encodeMessage(written.message)), "the fixture's typed message encoded by the reference vs its own bytes").toBe(hex(written.bytes));
});
