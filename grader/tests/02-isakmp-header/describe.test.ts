/**
 * Hidden tests for 02-isakmp-header/describe: the header as Wireshark's
 * packet tree prints it. Expected lines are copied from the seed's captures
 * (with its two SPI misprints repaired, see fixtures.ts).
 */
import { describe, test } from "vitest";
import { expectEqual, expectTrue, rng, show } from "@teach";
import { describeHeader } from "@impl/02-isakmp-header/describe.ts";
import type { IsakmpHeader } from "@ref/02-isakmp-header/header.ts";
import * as ref from "@ref/02-isakmp-header/describe.ts";
import { MAIN_MODE_1, MAIN_MODE_2, MAIN_MODE_5, QUICK_MODE_1, SEED_HEADERS, randomHeader } from "./fixtures.ts";

/** Compares line by line first, so the message points at the wrong line. */
function expectLines(got: unknown, want: string, what: string): void {
  expectTrue(typeof got === "string", `${what}: expected a string, got ${show(got)}.`);
  const gotLines = got.split("\n");
  const wantLines = want.split("\n");
  for (let i = 0; i < Math.min(gotLines.length, wantLines.length); i++) {
    expectEqual(gotLines[i], wantLines[i], {
      what: `${what}, line ${i + 1}`,
      why: "each line must read exactly as Wireshark prints it, so your output can be put beside a capture and compared by eye or by diff.",
    });
  }
  expectEqual(gotLines.length, wantLines.length, {
    what: `${what}: number of lines`,
    why: "eight lines joined by \"\\n\", with no newline after the last one.",
  });
}

const withFields = (change: Partial<IsakmpHeader>): IsakmpHeader => ({ ...MAIN_MODE_2.header, ...change });

describe("step 1: the seed's main mode message 1, as Wireshark shows it", () => {
  test("eight lines, from Initiator SPI to Length", () => {
    expectLines(describeHeader(MAIN_MODE_1.header), MAIN_MODE_1.wireshark, "describeHeader(main mode message 1)");
  });
  test("no newline at the end", () => {
    const out = describeHeader(MAIN_MODE_1.header);
    expectTrue(typeof out === "string" && !out.endsWith("\n"), `describeHeader(main mode message 1) ends with ${show(typeof out === "string" ? out.slice(-12) : out)}: drop the final "\\n".`, "join the lines with \"\\n\" rather than adding one after each.");
  });
});

describe("step 2: each field's format", () => {
  test("main mode message 2: the responder's SPI, Length 108", () => {
    expectLines(describeHeader(MAIN_MODE_2.header), MAIN_MODE_2.wireshark, "describeHeader(main mode message 2)");
  });
  test("main mode message 5: Flags 0x01, two hex digits", () => {
    expectLines(describeHeader(MAIN_MODE_5.header), MAIN_MODE_5.wireshark, "describeHeader(main mode message 5)");
  });
  test("quick mode message 1: Message ID 0xe22a74c1, Quick Mode (32), Hash (8)", () => {
    expectLines(describeHeader(QUICK_MODE_1.header), QUICK_MODE_1.wireshark, "describeHeader(quick mode message 1)");
  });
  test("leading zeros are kept: SPI 00...01, Message ID 0x0000002a, Flags 0x06", () => {
    const h = withFields({
      initiatorSpi: Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 1),
      messageId: 42,
      flags: { encryption: false, commit: true, authenticationOnly: true },
    });
    const lines = describeHeader(h).split("\n");
    expectEqual(lines[0], "Initiator SPI: 0000000000000001", { what: "line 1 for SPI 00 00 00 00 00 00 00 01", why: "every byte is two hex digits, zeros included." });
    expectEqual(lines[5], "Flags: 0x06", { what: "line 6 for flags C+A", why: "Commit is 0x02 and Authentication Only 0x04; Wireshark always prints two digits." });
    expectEqual(lines[6], "Message ID: 0x0000002a", { what: "line 7 for message ID 42", why: "a message ID is 4 bytes, always 8 hex digits: (42).toString(16) alone gives \"2a\"." });
  });
  test("the version is major.minor in decimal", () => {
    const lines = describeHeader(withFields({ version: { major: 2, minor: 11 } })).split("\n");
    expectEqual(lines[3], "Version: 2.11", { what: "line 4 for version { major: 2, minor: 11 }" });
  });
  test("all nine seed headers", () => {
    for (const s of SEED_HEADERS) expectLines(describeHeader(s.header), s.wireshark, `describeHeader(${s.label})`);
  });
});

describe("step 3: numbers without a name", () => {
  test("exchange type 7 prints as Unknown (7)", () => {
    const lines = describeHeader(withFields({ exchangeType: 7 })).split("\n");
    expectEqual(lines[4], "Exchange type: Unknown (7)", {
      what: "line 5 for exchange type 7",
      why: "a table lookup that misses gives undefined; print \"Unknown\" and keep the number, as Wireshark does, so the reader still sees what was on the wire.",
    });
  });
  test("next payload 99 prints as Unknown (99); 0 has a name", () => {
    expectEqual(describeHeader(withFields({ nextPayload: 99 })).split("\n")[2], "Next payload: Unknown (99)", { what: "line 3 for next payload 99" });
    expectEqual(describeHeader(withFields({ nextPayload: 0 })).split("\n")[2], "Next payload: NONE / No Next Payload (0)", {
      what: "line 3 for next payload 0",
      why: "0 is in PAYLOAD_TYPE_NAMES. A test such as `if (!value)` would treat the number 0 as missing; look it up like any other number.",
    });
  });
  test("exchange type 0 prints its table name, NONE (0)", () => {
    expectEqual(describeHeader(withFields({ exchangeType: 0 })).split("\n")[4], "Exchange type: NONE (0)", { what: "line 5 for exchange type 0" });
  });
});

describe("step 4: random headers agree with the reference", () => {
  test("any next payload and exchange type, known or not", () => {
    const r = rng("describeHeader");
    for (let i = 0; i < 60; i++) {
      const h = { ...randomHeader(r), nextPayload: r.int(0, 255), exchangeType: r.int(0, 255), version: { major: r.int(0, 15), minor: r.int(0, 15) } };
      expectLines(describeHeader(h), ref.describeHeader(h), `describeHeader(random header #${i})`);
    }
  });
});
