/**
 * Test data shared by the chapter 02 tests: the ISAKMP headers of the seed
 * lesson's captures, and random valid headers. Each one is written out three ways, all by hand: as field values,
 * as the 28 bytes on the wire, and as the lines Wireshark prints. None of
 * them is computed by the reference solution, so a bug there cannot hide.
 *
 * Two repairs of the seed's printout (see lessons/02-isakmp-header.md):
 * - main mode message 1 prints the initiator SPI as fdf47a59ffd057587f,
 *   9 bytes, which cannot fit the 8-byte field; every later message of that
 *   exchange shows e47a59ffd057587f, used here.
 * - the aggressive mode and quick mode messages 1-2 print the initiator SPI
 *   one digit short (e47a59ff8c99d7f). The lost digit cannot be recovered,
 *   so those vectors borrow the main mode session's cookies, as the seed's
 *   quick mode message 3 (frame 9) really carries them.
 */
import { fromHexLoose, type Rng } from "@teach";
import type { IsakmpHeader } from "@ref/02-isakmp-header/header.ts";

export interface SeedHeader {
  /** Where it comes from in the seed, e.g. "main mode message 1". */
  readonly label: string;
  readonly header: IsakmpHeader;
  /** The 28 header bytes. */
  readonly bytes: Uint8Array;
  /** The header lines of Wireshark's packet tree. */
  readonly wireshark: string;
}

export const CKY_I = "e47a59ffd057587f";
export const CKY_R = "a00b8ef0902bb8ec";
const ZERO_SPI = "0000000000000000";

const NO_FLAGS = { encryption: false, commit: false, authenticationOnly: false };
const E_FLAG = { encryption: true, commit: false, authenticationOnly: false };

function seed(
  label: string,
  f: { ispi: string; rspi: string; next: number; exch: number; flags: typeof NO_FLAGS; msgId: number; length: number },
  bytes: string,
  wireshark: string[],
): SeedHeader {
  return {
    label,
    header: {
      initiatorSpi: fromHexLoose(f.ispi),
      responderSpi: fromHexLoose(f.rspi),
      nextPayload: f.next,
      version: { major: 1, minor: 0 },
      exchangeType: f.exch,
      flags: f.flags,
      messageId: f.msgId,
      length: f.length,
    },
    bytes: fromHexLoose(bytes),
    wireshark: wireshark.join("\n"),
  };
}

export const MAIN_MODE_1 = seed(
  "main mode message 1",
  { ispi: CKY_I, rspi: ZERO_SPI, next: 1, exch: 2, flags: NO_FLAGS, msgId: 0, length: 168 },
  "e47a59ffd057587f 0000000000000000 01 10 02 00 00000000 000000a8",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: 0000000000000000",
    "Next payload: Security Association (1)",
    "Version: 1.0",
    "Exchange type: Identity Protection (Main Mode) (2)",
    "Flags: 0x00",
    "Message ID: 0x00000000",
    "Length: 168",
  ],
);

export const MAIN_MODE_2 = seed(
  "main mode message 2",
  { ispi: CKY_I, rspi: CKY_R, next: 1, exch: 2, flags: NO_FLAGS, msgId: 0, length: 108 },
  "e47a59ffd057587f a00b8ef0902bb8ec 01 10 02 00 00000000 0000006c",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: a00b8ef0902bb8ec",
    "Next payload: Security Association (1)",
    "Version: 1.0",
    "Exchange type: Identity Protection (Main Mode) (2)",
    "Flags: 0x00",
    "Message ID: 0x00000000",
    "Length: 108",
  ],
);

export const MAIN_MODE_3 = seed(
  "main mode message 3",
  { ispi: CKY_I, rspi: CKY_R, next: 4, exch: 2, flags: NO_FLAGS, msgId: 0, length: 284 },
  "e47a59ffd057587f a00b8ef0902bb8ec 04 10 02 00 00000000 0000011c",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: a00b8ef0902bb8ec",
    "Next payload: Key Exchange (4)",
    "Version: 1.0",
    "Exchange type: Identity Protection (Main Mode) (2)",
    "Flags: 0x00",
    "Message ID: 0x00000000",
    "Length: 284",
  ],
);

export const MAIN_MODE_4 = seed(
  "main mode message 4",
  { ispi: CKY_I, rspi: CKY_R, next: 4, exch: 2, flags: NO_FLAGS, msgId: 0, length: 304 },
  "e47a59ffd057587f a00b8ef0902bb8ec 04 10 02 00 00000000 00000130",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: a00b8ef0902bb8ec",
    "Next payload: Key Exchange (4)",
    "Version: 1.0",
    "Exchange type: Identity Protection (Main Mode) (2)",
    "Flags: 0x00",
    "Message ID: 0x00000000",
    "Length: 304",
  ],
);

export const MAIN_MODE_5 = seed(
  "main mode message 5 (encrypted)",
  { ispi: CKY_I, rspi: CKY_R, next: 5, exch: 2, flags: E_FLAG, msgId: 0, length: 108 },
  "e47a59ffd057587f a00b8ef0902bb8ec 05 10 02 01 00000000 0000006c",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: a00b8ef0902bb8ec",
    "Next payload: Identification (5)",
    "Version: 1.0",
    "Exchange type: Identity Protection (Main Mode) (2)",
    "Flags: 0x01",
    "Message ID: 0x00000000",
    "Length: 108",
  ],
);

export const MAIN_MODE_6 = seed(
  "main mode message 6 (encrypted)",
  { ispi: CKY_I, rspi: CKY_R, next: 5, exch: 2, flags: E_FLAG, msgId: 0, length: 76 },
  "e47a59ffd057587f a00b8ef0902bb8ec 05 10 02 01 00000000 0000004c",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: a00b8ef0902bb8ec",
    "Next payload: Identification (5)",
    "Version: 1.0",
    "Exchange type: Identity Protection (Main Mode) (2)",
    "Flags: 0x01",
    "Message ID: 0x00000000",
    "Length: 76",
  ],
);

export const AGGRESSIVE_1 = seed(
  "aggressive mode message 1 (main mode cookie borrowed)",
  { ispi: CKY_I, rspi: ZERO_SPI, next: 1, exch: 4, flags: NO_FLAGS, msgId: 0, length: 388 },
  "e47a59ffd057587f 0000000000000000 01 10 04 00 00000000 00000184",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: 0000000000000000",
    "Next payload: Security Association (1)",
    "Version: 1.0",
    "Exchange type: Aggressive (4)",
    "Flags: 0x00",
    "Message ID: 0x00000000",
    "Length: 388",
  ],
);

export const QUICK_MODE_1 = seed(
  "quick mode message 1 (main mode cookies borrowed)",
  { ispi: CKY_I, rspi: CKY_R, next: 8, exch: 32, flags: E_FLAG, msgId: 0xe22a74c1, length: 220 },
  "e47a59ffd057587f a00b8ef0902bb8ec 08 10 20 01 e22a74c1 000000dc",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: a00b8ef0902bb8ec",
    "Next payload: Hash (8)",
    "Version: 1.0",
    "Exchange type: Quick Mode (32)",
    "Flags: 0x01",
    "Message ID: 0xe22a74c1",
    "Length: 220",
  ],
);

export const QUICK_MODE_3 = seed(
  "quick mode message 3 (frame 9)",
  { ispi: CKY_I, rspi: CKY_R, next: 8, exch: 32, flags: E_FLAG, msgId: 0x635a2e6a, length: 60 },
  "e47a59ffd057587f a00b8ef0902bb8ec 08 10 20 01 635a2e6a 0000003c",
  [
    "Initiator SPI: e47a59ffd057587f",
    "Responder SPI: a00b8ef0902bb8ec",
    "Next payload: Hash (8)",
    "Version: 1.0",
    "Exchange type: Quick Mode (32)",
    "Flags: 0x01",
    "Message ID: 0x635a2e6a",
    "Length: 60",
  ],
);

/** Every seed header, in the order the seed shows them. */
export const SEED_HEADERS: readonly SeedHeader[] = [
  MAIN_MODE_1,
  MAIN_MODE_2,
  MAIN_MODE_3,
  MAIN_MODE_4,
  MAIN_MODE_5,
  MAIN_MODE_6,
  AGGRESSIVE_1,
  QUICK_MODE_1,
  QUICK_MODE_3,
];

/**
 * A whole datagram for a header: the header bytes followed by Length - 28
 * filler bytes standing in for the payloads, since Length counts them too.
 */
export function datagramFor(headerBytes: Uint8Array, length: number): Uint8Array {
  const out = new Uint8Array(Math.max(length, headerBytes.length)).fill(0xa5);
  out.set(headerBytes);
  return out;
}

/** The exchange types a receiver accepts (RFC 2408 section 3.1, RFC 2409 Appendix A). */
export const VALID_EXCHANGE_TYPES: readonly number[] = [1, 2, 3, 4, 5, 6, 32, 33];

/**
 * A random header that decodeHeader must accept once followed by
 * Length - 28 bytes: version 1.0, a known exchange type, flags 0-7, any
 * next payload, message ID and SPIs, and a Length of 28 to 600.
 */
export function randomHeader(r: Rng): IsakmpHeader {
  return {
    initiatorSpi: r.bytes(8),
    // Message 1 of a phase 1 exchange has no responder cookie yet.
    responderSpi: r.next() < 0.2 ? new Uint8Array(8) : r.bytes(8),
    nextPayload: r.int(0, 255),
    version: { major: 1, minor: 0 },
    exchangeType: r.pick(VALID_EXCHANGE_TYPES),
    flags: { encryption: r.next() < 0.5, commit: r.next() < 0.5, authenticationOnly: r.next() < 0.5 },
    messageId: r.next() < 0.3 ? 0 : r.int(0, 0xffffffff),
    length: r.int(28, 600),
  };
}
