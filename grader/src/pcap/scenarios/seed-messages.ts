/**
 * The seed's phase 1 opening messages as typed structures, for the capture
 * scenarios: R1 (192.168.12.1) offers AES-128/SHA/group 2/PSK/86400 s with
 * four NAT-T vendor IDs; R2 (192.168.12.2) accepts with the RFC 3947 one.
 * Types come from the reference so the structures are checked; at run time
 * the scenario encodes them with the chosen implementation.
 */
import type { IsakmpMessage } from "../../../../solutions/03-payloads/message.ts";

const hex = (s: string) => Uint8Array.from(Buffer.from(s, "hex"));
const NO_FLAGS = { encryption: false, commit: false, authenticationOnly: false };
const CKY_I = hex("e47a59ffd057587f");
const CKY_R = hex("a00b8ef0902bb8ec");

const SA = {
  doi: 1,
  situation: 1,
  proposals: [
    {
      number: 1,
      protocolId: 1,
      spi: new Uint8Array(0),
      transforms: [
        {
          number: 1,
          id: 1,
          attributes: [
            { type: 1, value: 7 },
            { type: 14, value: 128 },
            { type: 2, value: 2 },
            { type: 4, value: 2 },
            { type: 3, value: 1 },
            { type: 11, value: 1 },
            { type: 12, value: 86400 },
          ],
        },
      ],
    },
  ],
};

const NATT_VIDS = ["4a131c81070358455c5728f20e95452f", "439b59f8ba676c4c7737ae22eab8f582", "7d9419a65310ca6f2c179d9215529d56", "90cb80913ebb696e086381b5ec427b1f"];

export const MAIN_MODE_1: IsakmpMessage = {
  initiatorSpi: CKY_I,
  responderSpi: new Uint8Array(8),
  exchangeType: 2,
  flags: NO_FLAGS,
  messageId: 0,
  payloads: [{ type: 1, sa: SA }, ...NATT_VIDS.map((v) => ({ type: 13 as const, data: hex(v) }))],
};

export const MAIN_MODE_2: IsakmpMessage = {
  ...MAIN_MODE_1,
  responderSpi: CKY_R,
  payloads: [{ type: 1, sa: SA }, { type: 13, data: hex(NATT_VIDS[0]!) }],
};

/**
 * Aggressive mode message 1. The capture shows only the first 24 of the 128
 * KE bytes and not the bytes of its last vendor ID: zeros and 0x11 stand in
 * (see lessons/03-payloads.md#message).
 */
export const AGGRESSIVE_1: IsakmpMessage = {
  ...MAIN_MODE_1,
  exchangeType: 4,
  payloads: [
    ...MAIN_MODE_1.payloads,
    { type: 4, data: Uint8Array.from([...hex("2f7c491c67e3609a09c4e03342f7457ef4b8439266dba07e"), ...new Uint8Array(104)]) },
    { type: 10, data: hex("f45234b575fa02bdbfd717081e92868f5e2d3773") },
    { type: 5, id: { protocolId: 17, port: 0, identity: { type: "ipv4", address: "192.168.12.2" } } },
    { type: 13, data: hex("afcad71368a1f1c96b8696fc77570100") },
    { type: 13, data: hex("09002689dfd6b712") },
    { type: 13, data: new Uint8Array(16).fill(0x11) },
  ],
};
