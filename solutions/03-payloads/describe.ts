/**
 * Exercise 03-payloads/describe: print a decoded message the way Wireshark's
 * packet tree reads (reference solution).
 *
 * Same words, same order, same indentation (4 spaces a level) as
 * `tshark -V`, without the bit-by-bit detail lines, so that every line you
 * print can be found in Wireshark's tree for the same packet.
 * Lesson: lessons/03-payloads.md#describe
 */
import {
  DOI_NAMES,
  ID_TYPE_NAMES,
  IKE_ATTRIBUTE_CLASSES,
  IPSEC_ATTRIBUTE_CLASSES,
  IP_PROTOCOL_NAMES,
  NOTIFY_TYPE_NAMES,
  PROTOCOL_ID_NAMES,
  ProtocolId,
  TRANSFORM_ID_NAMES,
} from "@course/isakmp-attributes.ts";
import { PAYLOAD_TYPE_NAMES, PayloadType } from "@course/isakmp-names.ts";
import { toHex } from "../01-bytes/hex.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { decodeHeader } from "../02-isakmp-header/decode.ts";
import { describeHeader } from "../02-isakmp-header/describe.ts";
import { attributeNumber, type DataAttribute } from "./attributes.ts";
import { encodeIdentification } from "./identification.ts";
import { encodeMessage, type IsakmpMessage, type Payload } from "./message.ts";
import { encodeDelete, encodeNotification } from "./notify-delete.ts";
import { encodeProposal, type Proposal } from "./proposal.ts";
import { encodeSa } from "./sa.ts";
import { encodeTransform, type Transform } from "./transform.ts";
import { vendorIdName } from "./vendor-id.ts";

const named = (table: ReadonlyMap<number, string>, n: number) => `${table.get(n) ?? "Unknown"} (${n})`;

/** Wireshark shortens a byte field to its first 36 bytes and an ellipsis. */
function bytes(b: Uint8Array): string {
  return b.length > 36 ? `${toHex(b.subarray(0, 36))}…` : toHex(b);
}

type Lines = string[];
const indent = (lines: Lines) => lines.map((l) => `    ${l}`);

/** The three lines every payload starts with. */
function generic(next: number, length: number): Lines {
  return [`Next payload: ${named(PAYLOAD_TYPE_NAMES, next)}`, "Reserved: 00", `Payload length: ${length}`];
}

function attribute(a: DataAttribute, phase1: boolean): string {
  const cls = (phase1 ? IKE_ATTRIBUTE_CLASSES : IPSEC_ATTRIBUTE_CLASSES).get(a.type);
  const length = typeof a.value === "number" ? (a.value > 0xffff ? 4 : 2) : a.value.length;
  let value: string;
  if (a.value instanceof Uint8Array && (a.value.length < 1 || a.value.length > 4)) value = toHex(a.value);
  else {
    const n = attributeNumber(a);
    value = cls?.values ? (cls.values.get(n) ?? `Unknown (${n})`) : String(n);
  }
  return `${phase1 ? "IKE" : "IPsec"} Attribute (t=${a.type},l=${length}): ${cls?.name ?? "Unknown"}: ${value}`;
}

function transform(t: Transform, next: number, protocolId: number): Lines {
  const ids = TRANSFORM_ID_NAMES.get(protocolId) ?? new Map<number, string>();
  return [
    `Payload: Transform (3) # ${t.number}`,
    ...indent([
      ...generic(next, 4 + encodeTransform(t).length),
      `Transform number: ${t.number}`,
      `Transform ID: ${named(ids, t.id)}`,
      "Reserved: 0000",
      ...t.attributes.map((a) => attribute(a, protocolId === ProtocolId.ISAKMP)),
    ]),
  ];
}

function proposal(p: Proposal, next: number): Lines {
  return [
    `Payload: Proposal (2) # ${p.number}`,
    ...indent([
      ...generic(next, 4 + encodeProposal(p).length),
      `Proposal number: ${p.number}`,
      `Protocol ID: ${named(PROTOCOL_ID_NAMES, p.protocolId)}`,
      `SPI Size: ${p.spi.length}`,
      `Proposal transforms: ${p.transforms.length}`,
      ...(p.spi.length > 0 ? [`SPI: ${toHex(p.spi)}`] : []),
      ...p.transforms.flatMap((t, i) => transform(t, i + 1 < p.transforms.length ? PayloadType.TRANSFORM : 0, p.protocolId)),
    ]),
  ];
}

function u32hex(n: number): string {
  return toHex(new ByteWriter().u32(n, "Situation").finish());
}

function identificationData(p: Extract<Payload, { type: 5 }>): string {
  const i = p.id.identity;
  return i.type === "ipv4" ? i.address : i.type === "ipv4-subnet" ? `${i.address}/${i.mask}` : i.name;
}

/** Title line and the lines below the generic header, for one top-level payload. */
function body(p: Payload): { title: string; bodyLength: number; lines: Lines } {
  const title = `Payload: ${named(PAYLOAD_TYPE_NAMES, p.type)}`;
  switch (p.type) {
    case PayloadType.SA:
      return {
        title,
        bodyLength: encodeSa(p.sa).length,
        lines: [
          `Domain of interpretation: ${named(DOI_NAMES, p.sa.doi)}`,
          `Situation: ${u32hex(p.sa.situation)}`,
          ...p.sa.proposals.flatMap((x, i) => proposal(x, i + 1 < p.sa.proposals.length ? PayloadType.PROPOSAL : 0)),
        ],
      };
    case PayloadType.IDENTIFICATION:
      return {
        title,
        bodyLength: encodeIdentification(p.id).length,
        lines: [
          `ID type: ${named(ID_TYPE_NAMES, encodeIdentification(p.id)[0]!)}`,
          `Protocol ID: ${p.id.protocolId === 0 ? "Unused" : named(IP_PROTOCOL_NAMES, p.id.protocolId)}`,
          `Port: ${p.id.port === 0 ? "Unused" : p.id.port}`,
          // Wireshark prints no space after this colon.
          `Identification Data:${identificationData(p)}`,
        ],
      };
    case PayloadType.NOTIFICATION: {
      const n = p.notification;
      return {
        title,
        bodyLength: encodeNotification(n).length,
        lines: [
          `Domain of interpretation: ${named(DOI_NAMES, n.doi)}`,
          `Protocol ID: ${named(PROTOCOL_ID_NAMES, n.protocolId)}`,
          `SPI Size: ${n.spi.length}`,
          `Notify Message Type: ${named(NOTIFY_TYPE_NAMES, n.messageType)}`,
          ...(n.spi.length > 0 ? [`SPI: ${toHex(n.spi)}`] : []),
          ...(n.data.length > 0 ? [`Notification DATA: ${bytes(n.data)}`] : []),
        ],
      };
    }
    case PayloadType.DELETE: {
      const d = p.delete;
      return {
        title,
        bodyLength: encodeDelete(d).length,
        lines: [
          `Domain of interpretation: ${named(DOI_NAMES, d.doi)}`,
          `Protocol ID: ${named(PROTOCOL_ID_NAMES, d.protocolId)}`,
          `SPI Size: ${d.spis[0]?.length ?? 0}`,
          `Number of SPIs: ${d.spis.length}`,
          ...d.spis.map((s) => `Delete SPI: ${toHex(s)}`),
        ],
      };
    }
    case PayloadType.VENDOR_ID:
      return { title: `${title} : ${vendorIdName(p.data)}`, bodyLength: p.data.length, lines: [`Vendor ID: ${bytes(p.data)}`] };
    default: {
      const field = { [PayloadType.KEY_EXCHANGE]: "Key Exchange Data", [PayloadType.HASH]: "Hash DATA", [PayloadType.NONCE]: "Nonce DATA", [PayloadType.NAT_D]: "HASH of the address and port" }[p.type];
      return { title, bodyLength: p.data.length, lines: [`${field}: ${bytes(p.data)}`] };
    }
  }
}

export function describeMessage(m: IsakmpMessage): string {
  const header = decodeHeader(encodeMessage(m));
  const lines = describeHeader(header).split("\n");
  m.payloads.forEach((p, i) => {
    const b = body(p);
    lines.push(b.title, ...indent([...generic(m.payloads[i + 1]?.type ?? 0, 4 + b.bodyLength), ...b.lines]));
  });
  return lines.join("\n");
}
