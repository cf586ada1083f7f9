/** Hidden tests for 03-payloads/notify-delete: Notification (RFC 2408 section 3.14) and Delete (section 3.15) payload bodies. */
import { describe, test } from "vitest";
import { expectBytes, expectEqual, expectThrows, fromHexLoose, rng } from "@teach";
import { decodeDelete, decodeNotification, encodeDelete, encodeNotification } from "@impl/03-payloads/notify-delete.ts";
import * as ref from "@ref/03-payloads/notify-delete.ts";

const COOKIES = fromHexLoose("e47a59ffd057587f a00b8ef0902bb8ec");
const NOTIFY_LAYOUT = [
  { name: "Domain of interpretation", offset: 0, length: 4 },
  { name: "Protocol ID", offset: 4, length: 1 },
  { name: "SPI Size", offset: 5, length: 1 },
  { name: "Notify Message Type", offset: 6, length: 2 },
  { name: "SPI and Notification DATA", offset: 8, length: 100 },
];

describe("step 1: notifications", () => {
  test("NO-PROPOSAL-CHOSEN for an ESP proposal", () => {
    const n = { doi: 1, protocolId: 3, spi: fromHexLoose("55667788"), messageType: 14, data: new Uint8Array(0) };
    const bytes = fromHexLoose("00000001 03 04 000e 55667788");
    expectBytes(encodeNotification(n), bytes, { what: "encodeNotification(NO-PROPOSAL-CHOSEN, ESP, SPI 55667788)", layout: NOTIFY_LAYOUT, why: "DOI, protocol, SPI size, the 2-byte message type 14, then the SPI and no data." });
    expectEqual(decodeNotification(bytes), n, { what: "decodeNotification(NO-PROPOSAL-CHOSEN)" });
  });
  test("R-U-THERE with both cookies as SPI and a sequence number as data (RFC 3706)", () => {
    const n = { doi: 1, protocolId: 1, spi: COOKIES, messageType: 36136, data: fromHexLoose("0000abcd") };
    const bytes = fromHexLoose("00000001 01 10 8d28 e47a59ffd057587fa00b8ef0902bb8ec 0000abcd");
    expectBytes(encodeNotification(n), bytes, { what: "encodeNotification(R-U-THERE, sequence 0xabcd)", layout: NOTIFY_LAYOUT });
    expectEqual(decodeNotification(bytes), n, { what: "decodeNotification(R-U-THERE)" });
  });
  test("bad DOI, protocol or message type, or an SPI longer than the payload", () => {
    expectThrows(() => decodeNotification(fromHexLoose("00000002 01 00 0018")), { what: "decodeNotification(DOI 2)", error: "FieldError", field: "Domain of interpretation" });
    expectThrows(() => decodeNotification(fromHexLoose("00000001 07 00 0018")), { what: "decodeNotification(protocol 7)", error: "FieldError", field: "Protocol ID" });
    expectThrows(() => decodeNotification(fromHexLoose("00000001 01 00 0000")), { what: "decodeNotification(message type 0)", error: "FieldError", field: "Notify Message Type" });
    expectThrows(() => decodeNotification(fromHexLoose("00000001 01 10 6002 e47a59ff")), { what: "decodeNotification(SPI Size 16, 4 bytes left)", error: "TruncatedError", field: "SPI" });
  });
});

describe("step 2: deletes", () => {
  test("delete the ISAKMP SA: one 16-byte SPI, the two cookies", () => {
    const d = { doi: 1, protocolId: 1, spis: [COOKIES] };
    const bytes = fromHexLoose("00000001 01 10 0001 e47a59ffd057587fa00b8ef0902bb8ec");
    expectBytes(encodeDelete(d), bytes, { what: "encodeDelete(the ISAKMP SA)", why: "RFC 2408 section 3.15: an ISAKMP SA is named by both cookies, 16 bytes." });
    expectEqual(decodeDelete(bytes), d, { what: "decodeDelete(the ISAKMP SA)" });
  });
  test("delete two ESP SAs", () => {
    const d = { doi: 1, protocolId: 3, spis: [fromHexLoose("55667788"), fromHexLoose("11223344")] };
    const bytes = fromHexLoose("00000001 03 04 0002 55667788 11223344");
    expectBytes(encodeDelete(d), bytes, { what: "encodeDelete(two ESP SAs)" });
    expectEqual(decodeDelete(bytes), d, { what: "decodeDelete(two ESP SAs)" });
  });
  test("wrong SPI size, no SPI, too few or too many bytes", () => {
    expectThrows(() => decodeDelete(fromHexLoose("00000001 03 10 0001 55667788")), { what: "decodeDelete(ESP with SPI Size 16)", error: "FieldError", field: "SPI Size" });
    expectThrows(() => decodeDelete(fromHexLoose("00000001 03 04 0000")), { what: "decodeDelete(Number of SPIs 0)", error: "FieldError", field: "Number of SPIs" });
    expectThrows(() => decodeDelete(fromHexLoose("00000001 03 04 0002 55667788")), { what: "decodeDelete(2 SPIs announced, 1 present)", error: "TruncatedError", field: "Delete SPI" });
    expectThrows(() => decodeDelete(fromHexLoose("00000001 03 04 0001 55667788 00")), { what: "decodeDelete(a stray byte after the SPIs)", error: "FieldError", field: "Payload length" });
    expectThrows(() => encodeDelete({ doi: 1, protocolId: 3, spis: [COOKIES] }), { what: "encodeDelete(ESP with a 16-byte SPI)", error: "FieldError", field: "Delete SPI" });
  });
  test("random notifications and deletes match the reference", () => {
    const r = rng("notify-delete");
    for (let i = 0; i < 30; i++) {
      const n = { doi: r.int(0, 1), protocolId: r.int(1, 3), spi: r.bytes(r.pick([0, 4, 16])), messageType: r.int(1, 65535), data: r.bytes(r.int(0, 12)) };
      const nb = ref.encodeNotification(n);
      expectBytes(encodeNotification(n), nb, { what: `encodeNotification(random #${i})`, layout: NOTIFY_LAYOUT });
      expectEqual(decodeNotification(nb), n, { what: `decodeNotification(random #${i})` });
      const protocolId = r.int(1, 3);
      const d = { doi: 1, protocolId, spis: Array.from({ length: r.int(1, 4) }, () => r.bytes(protocolId === 1 ? 16 : 4)) };
      const db = ref.encodeDelete(d);
      expectBytes(encodeDelete(d), db, { what: `encodeDelete(random #${i})` });
      expectEqual(decodeDelete(db), d, { what: `decodeDelete(random #${i})` });
    }
  });
});
