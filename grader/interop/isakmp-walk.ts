/**
 * Just enough ISAKMP parsing for the interop suite to find fields in captured
 * messages: the 28-octet header (RFC 2408 section 3.1) and the chain of
 * generic payload headers (section 3.2: next payload, reserved, length). It
 * checks lengths and nothing else; the course's own parser is an exercise.
 */
import type { UdpDatagram } from "./capture.ts";

export interface WalkedPayload {
  readonly type: number;
  /** The payload without its 4-octet generic header. */
  readonly body: Uint8Array;
}

export interface WalkedMessage {
  readonly ckyI: Uint8Array;
  readonly ckyR: Uint8Array;
  readonly nextPayload: number;
  readonly exchangeType: number;
  readonly flags: number;
  readonly messageId: number;
  readonly length: number;
  /** Everything after the header (ciphertext when flags & 1). */
  readonly body: Uint8Array;
}

/** The ISAKMP message in a UDP datagram; on port 4500 it follows the 4-octet non-ESP marker (RFC 3948 section 2.2). */
export function isakmpMessage(d: UdpDatagram): WalkedMessage {
  let m = d.payload;
  if (d.dstPort === 4500) {
    if (m.length < 4 || m[0]! | m[1]! | m[2]! | m[3]!) throw new Error("port 4500 datagram without the non-ESP marker");
    m = m.subarray(4);
  }
  if (m.length < 28) throw new Error(`ISAKMP message of ${m.length} octets`);
  const view = new DataView(m.buffer, m.byteOffset, m.length);
  const length = view.getUint32(24);
  if (length !== m.length) throw new Error(`ISAKMP Length ${length} but the datagram holds ${m.length}`);
  return {
    ckyI: m.slice(0, 8),
    ckyR: m.slice(8, 16),
    nextPayload: m[16]!,
    exchangeType: m[18]!,
    flags: m[19]!,
    messageId: view.getUint32(20),
    length,
    body: m.slice(28),
  };
}

/**
 * The payload chain starting with type `first`; stops at next payload 0 and
 * returns the octets left after it (the encryption padding) as `rest`.
 */
export function walkPayloads(first: number, data: Uint8Array): { payloads: WalkedPayload[]; rest: Uint8Array } {
  const payloads: WalkedPayload[] = [];
  let type = first;
  let at = 0;
  while (type !== 0) {
    if (at + 4 > data.length) throw new Error(`payload type ${type} at offset ${at}: no room for its generic header`);
    const next = data[at]!;
    const length = (data[at + 2]! << 8) | data[at + 3]!;
    if (length < 4 || at + length > data.length) throw new Error(`payload type ${type} at offset ${at}: bad length ${length}`);
    payloads.push({ type, body: data.slice(at + 4, at + length) });
    type = next;
    at += length;
  }
  return { payloads, rest: data.slice(at) };
}
