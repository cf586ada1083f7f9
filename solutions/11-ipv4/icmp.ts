/**
 * Exercise 11-ipv4/icmp: ICMP echo request and reply (reference solution).
 *
 * RFC 792: the test traffic of chapters 12-15 is the seed's ping. An echo
 * message is type (8 request, 0 reply), code 0, checksum, identifier,
 * sequence number, then data that the reply copies back. The checksum covers
 * the whole ICMP message, data included, not an IP pseudo-header.
 * Lesson: lessons/11-ipv4.md#icmp
 */
import { FieldError } from "@course/errors.ts";
import { IP_PROTOCOL } from "@course/ip-protocols.ts";
import { ByteReader } from "../01-bytes/reader.ts";
import { ByteWriter } from "../01-bytes/writer.ts";
import { checksumIsValid, internetChecksum } from "./checksum.ts";
import { encodeIpv4Header, IPV4_HEADER_LENGTH } from "./header.ts";

export const ICMP_ECHO_REQUEST = 8;
export const ICMP_ECHO_REPLY = 0;

export interface IcmpEcho {
  readonly type: typeof ICMP_ECHO_REQUEST | typeof ICMP_ECHO_REPLY;
  readonly identifier: number;
  readonly sequence: number;
  readonly data: Uint8Array;
}

export function encodeIcmpEcho(e: IcmpEcho): Uint8Array {
  const msg = new ByteWriter()
    .u8(e.type, "Type")
    .u8(0, "Code")
    .u16(0, "Checksum")
    .u16(e.identifier, "Identifier (BE)")
    .u16(e.sequence, "Sequence Number (BE)")
    .bytes(e.data)
    .finish();
  const sum = internetChecksum(msg);
  msg[2] = sum >>> 8;
  msg[3] = sum & 0xff;
  return msg;
}

export function decodeIcmpEcho(message: Uint8Array): IcmpEcho {
  const r = new ByteReader(message);
  const type = r.u8("Type");
  if (type !== ICMP_ECHO_REQUEST && type !== ICMP_ECHO_REPLY) throw new FieldError("Type", type, "not an echo request (8) or echo reply (0)");
  const code = r.u8("Code");
  if (code !== 0) throw new FieldError("Code", code, "echo messages have code 0");
  const checksum = r.u16("Checksum");
  const identifier = r.u16("Identifier (BE)");
  const sequence = r.u16("Sequence Number (BE)");
  if (!checksumIsValid(message)) throw new FieldError("Checksum", checksum, "the ICMP message does not sum to 0xffff");
  return { type, identifier, sequence, data: r.rest().slice() };
}

export interface PingOptions {
  readonly src: string;
  readonly dst: string;
  /** The IPv4 Identification field. */
  readonly identification: number;
  readonly echo: IcmpEcho;
  /** 255 unless given: the seed's routers send their own pings with TTL 255. */
  readonly ttl?: number;
}

/** A whole IPv4 packet carrying one echo message: the test traffic AH and ESP protect. */
export function pingPacket(o: PingOptions): Uint8Array {
  const icmp = encodeIcmpEcho(o.echo);
  const header = encodeIpv4Header({
    tos: 0,
    totalLength: IPV4_HEADER_LENGTH + icmp.length,
    identification: o.identification,
    flags: 0,
    fragmentOffset: 0,
    ttl: o.ttl ?? 255,
    protocol: IP_PROTOCOL.ICMP,
    src: o.src,
    dst: o.dst,
  });
  const packet = new Uint8Array(header.length + icmp.length);
  packet.set(header);
  packet.set(icmp, header.length);
  return packet;
}
