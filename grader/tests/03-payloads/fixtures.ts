/**
 * Test data shared by the chapter 03 tests: the seed's cleartext messages,
 * written out by hand, byte by byte, from the captures in the seed lesson.
 * Nothing here is computed by the reference solution.
 *
 * What the seed does not show, and what stands in for it here:
 * - main mode message 1's initiator SPI is printed with an extra "fd"; the
 *   8 bytes e47a59ffd057587f of every later message are used.
 * - aggressive mode message 1's initiator SPI is printed one digit short
 *   (e47a59ff8c99d7f): the main mode cookie stands in for it.
 * - aggressive mode message 1's Key Exchange Data is printed only up to its
 *   24th byte ("2f7c...a07e..."); the other 104 bytes of the 128-byte
 *   group 2 value are not in the capture, and are zero here.
 * - its last vendor ID is printed as "Unknown Vendor ID": 20 bytes long (the
 *   message length says so) but its 16 bytes are not shown; 0x11 stands in.
 * - the names of the other vendor IDs identify their bytes exactly
 *   (RFC 3947, NAT-T drafts -07, -03, -02\n, DPD, XAUTH).
 */
import { fromHexLoose, type Layout } from "@teach";
import type { IsakmpMessage } from "@ref/03-payloads/message.ts";
import type { SecurityAssociation } from "@ref/03-payloads/sa.ts";

export const NO_FLAGS = { encryption: false, commit: false, authenticationOnly: false };
export const CKY_I = fromHexLoose("e47a59ffd057587f");
export const CKY_R = fromHexLoose("a00b8ef0902bb8ec");
const ZERO = new Uint8Array(8);

/** Hex with a comment on each line: the bytes are what comes before the first run of two spaces. */
function annotated(text: string): Uint8Array {
  return fromHexLoose(
    text
      .split("\n")
      .map((line) => line.trim().split(/\s{2,}/)[0] ?? "")
      .join(""),
  );
}

/** The one transform of the seed's phase 1 offer (40 bytes with its header). */
export const SEED_TRANSFORM_BYTES = annotated(`
  00 00 0028            Next payload NONE, reserved, Payload length 40
  01 01 0000            Transform number 1, Transform ID KEY_IKE, Reserved2
  8001 0007             Encryption-Algorithm (t=1) TV: AES-CBC (7)
  800e 0080             Key-Length (t=14) TV: 128
  8002 0002             Hash-Algorithm (t=2) TV: SHA (2)
  8004 0002             Group-Description (t=4) TV: Alternate 1024-bit MODP group (2)
  8003 0001             Authentication-Method (t=3) TV: Pre-shared key (1)
  800b 0001             Life-Type (t=11) TV: Seconds (1)
  000c 0004 00015180    Life-Duration (t=12) TLV, length 4: 86400
`);

/** The seed's phase 1 attributes, in the seed's order. */
export const SEED_ATTRIBUTES = [
  { type: 1, value: 7 },
  { type: 14, value: 128 },
  { type: 2, value: 2 },
  { type: 4, value: 2 },
  { type: 3, value: 1 },
  { type: 11, value: 1 },
  { type: 12, value: 86400 },
];

export const SEED_SA: SecurityAssociation = {
  doi: 1,
  situation: 1,
  proposals: [{ number: 1, protocolId: 1, spi: new Uint8Array(0), transforms: [{ number: 1, id: 1, attributes: SEED_ATTRIBUTES }] }],
};

/** The SA payload body (after its generic header): 56 bytes, 60 with the header. */
export const SEED_SA_BODY = annotated(`
  00000001              Domain of interpretation: IPSEC (1)
  00000001              Situation: SIT_IDENTITY_ONLY
  00 00 0030            Proposal: next NONE, Payload length 48
  01 01 00 01           Proposal number 1, Protocol ID ISAKMP, SPI Size 0, Proposal transforms 1
  00 00 0028 01 01 0000 8001 0007 800e 0080 8002 0002 8004 0002 8003 0001 800b 0001 000c 0004 00015180
`);

export const VID_RFC3947 = fromHexLoose("4a131c81070358455c5728f20e95452f");
export const VID_NATT_07 = fromHexLoose("439b59f8ba676c4c7737ae22eab8f582");
export const VID_NATT_03 = fromHexLoose("7d9419a65310ca6f2c179d9215529d56");
export const VID_NATT_02N = fromHexLoose("90cb80913ebb696e086381b5ec427b1f");
export const VID_DPD = fromHexLoose("afcad71368a1f1c96b8696fc77570100");
export const VID_XAUTH = fromHexLoose("09002689dfd6b712");
export const VID_CISCO_UNITY = fromHexLoose("12f5f28c457168a9702d9fe274cc0100");
const VID_UNKNOWN = new Uint8Array(16).fill(0x11);

export interface SeedMessage {
  readonly label: string;
  readonly message: IsakmpMessage;
  readonly bytes: Uint8Array;
}

export const MM1: SeedMessage = {
  label: "main mode message 1",
  message: {
    initiatorSpi: CKY_I,
    responderSpi: ZERO,
    exchangeType: 2,
    flags: NO_FLAGS,
    messageId: 0,
    payloads: [
      { type: 1, sa: SEED_SA },
      { type: 13, data: VID_RFC3947 },
      { type: 13, data: VID_NATT_07 },
      { type: 13, data: VID_NATT_03 },
      { type: 13, data: VID_NATT_02N },
    ],
  },
  bytes: fromHexLoose(`
    e47a59ffd057587f 0000000000000000 01 10 02 00 00000000 000000a8
    0d 00 003c 00000001 00000001
      00 00 0030 01 01 00 01
        00 00 0028 01 01 0000 8001 0007 800e 0080 8002 0002 8004 0002 8003 0001 800b 0001 000c 0004 00015180
    0d 00 0014 4a131c81070358455c5728f20e95452f
    0d 00 0014 439b59f8ba676c4c7737ae22eab8f582
    0d 00 0014 7d9419a65310ca6f2c179d9215529d56
    00 00 0014 90cb80913ebb696e086381b5ec427b1f
  `),
};

export const MM2: SeedMessage = {
  label: "main mode message 2",
  message: {
    initiatorSpi: CKY_I,
    responderSpi: CKY_R,
    exchangeType: 2,
    flags: NO_FLAGS,
    messageId: 0,
    payloads: [
      { type: 1, sa: SEED_SA },
      { type: 13, data: VID_RFC3947 },
    ],
  },
  bytes: fromHexLoose(`
    e47a59ffd057587f a00b8ef0902bb8ec 01 10 02 00 00000000 0000006c
    0d 00 003c 00000001 00000001
      00 00 0030 01 01 00 01
        00 00 0028 01 01 0000 8001 0007 800e 0080 8002 0002 8004 0002 8003 0001 800b 0001 000c 0004 00015180
    00 00 0014 4a131c81070358455c5728f20e95452f
  `),
};

const KE_SHOWN = "2f7c491c67e3609a09c4e03342f7457ef4b8439266dba07e";
const KE_HIDDEN = "0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000 0000000000000000"; // 13 x 8 = 104 bytes the capture does not show

export const AGGRESSIVE_1: SeedMessage = {
  label: "aggressive mode message 1",
  message: {
    initiatorSpi: CKY_I,
    responderSpi: ZERO,
    exchangeType: 4,
    flags: NO_FLAGS,
    messageId: 0,
    payloads: [
      { type: 1, sa: SEED_SA },
      { type: 13, data: VID_RFC3947 },
      { type: 13, data: VID_NATT_07 },
      { type: 13, data: VID_NATT_03 },
      { type: 13, data: VID_NATT_02N },
      { type: 4, data: fromHexLoose(KE_SHOWN + KE_HIDDEN) },
      { type: 10, data: fromHexLoose("f45234b575fa02bdbfd717081e92868f5e2d3773") },
      // The seed's aggressive message 1 from .1 carries 192.168.12.2: kept as captured.
      { type: 5, id: { protocolId: 17, port: 0, identity: { type: "ipv4", address: "192.168.12.2" } } },
      { type: 13, data: VID_DPD },
      { type: 13, data: VID_XAUTH },
      { type: 13, data: VID_UNKNOWN },
    ],
  },
  bytes: fromHexLoose(`
    e47a59ffd057587f 0000000000000000 01 10 04 00 00000000 00000184
    0d 00 003c 00000001 00000001
      00 00 0030 01 01 00 01
        00 00 0028 01 01 0000 8001 0007 800e 0080 8002 0002 8004 0002 8003 0001 800b 0001 000c 0004 00015180
    0d 00 0014 4a131c81070358455c5728f20e95452f
    0d 00 0014 439b59f8ba676c4c7737ae22eab8f582
    0d 00 0014 7d9419a65310ca6f2c179d9215529d56
    04 00 0014 90cb80913ebb696e086381b5ec427b1f
    0a 00 0084 ${KE_SHOWN} ${KE_HIDDEN}
    05 00 0018 f45234b575fa02bdbfd717081e92868f5e2d3773
    0d 00 000c 01 11 0000 c0a80c02
    0d 00 0014 afcad71368a1f1c96b8696fc77570100
    0d 00 000c 09002689dfd6b712
    00 00 0014 11111111111111111111111111111111
  `),
};

export const SEED_MESSAGES: readonly SeedMessage[] = [MM1, MM2, AGGRESSIVE_1];

/** A layout from fields in wire order, so expectBytes can name the first wrong one. */
export function layoutOf(fields: readonly (readonly [string, number])[], start = 0): Layout {
  let offset = start;
  return fields.map(([name, length]) => {
    const f = { name, offset, length };
    offset += length;
    return f;
  });
}

const GENERIC = (what: string) =>
  [
    [`${what}: Next payload`, 1],
    [`${what}: Reserved`, 1],
    [`${what}: Payload length`, 2],
  ] as const;

/** Fields of the seed's 40-byte transform payload. */
export const TRANSFORM_FIELDS = [
  ...GENERIC("Transform"),
  ["Transform number", 1],
  ["Transform ID", 1],
  ["Reserved2", 2],
  ["Encryption-Algorithm (t=1)", 4],
  ["Key-Length (t=14)", 4],
  ["Hash-Algorithm (t=2)", 4],
  ["Group-Description (t=4)", 4],
  ["Authentication-Method (t=3)", 4],
  ["Life-Type (t=11)", 4],
  ["Life-Duration (t=12): type and length", 4],
  ["Life-Duration (t=12): value", 4],
] as const;

/** Fields of the seed's SA payload body (after its generic header). */
export const SA_BODY_FIELDS = [
  ["Domain of interpretation", 4],
  ["Situation", 4],
  ...GENERIC("Proposal"),
  ["Proposal number", 1],
  ["Protocol ID", 1],
  ["SPI Size", 1],
  ["Proposal transforms", 1],
  ...TRANSFORM_FIELDS,
] as const;

/** Main mode message 1, field by field. */
export const MM1_LAYOUT = layoutOf([
  ["Initiator SPI", 8],
  ["Responder SPI", 8],
  ["Next payload", 1],
  ["Version", 1],
  ["Exchange type", 1],
  ["Flags", 1],
  ["Message ID", 4],
  ["Length", 4],
  ...GENERIC("Security Association"),
  ...SA_BODY_FIELDS,
  ...[1, 2, 3, 4].flatMap((n) => [...GENERIC(`Vendor ID #${n}`), [`Vendor ID #${n}: Vendor ID`, 16] as const]),
]);
