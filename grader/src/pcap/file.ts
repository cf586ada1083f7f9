/**
 * The classic libpcap file format (not pcapng): a 24-byte global header and
 * a 16-byte record header before each frame. Every version of Wireshark,
 * tshark, tcpdump and scapy reads it. All fields are written little-endian
 * with the magic a1b2c3d4, which tells readers the byte order.
 */
import { ethernetFrame } from "./framing.ts";

/** LINKTYPE_ETHERNET: frames start with a 14-byte Ethernet II header. */
const LINKTYPE_ETHERNET = 1;
const SNAPLEN = 65535;

export interface CapturedPacket {
  /** Seconds since the Unix epoch, with microseconds in the fraction. */
  readonly time: number;
  /** A whole IPv4 packet, header included. */
  readonly ip: Uint8Array;
}

export function pcapFile(packets: readonly CapturedPacket[]): Uint8Array {
  const frames = packets.map((p) => ({ time: p.time, frame: ethernetFrame(p.ip) }));
  const size = 24 + frames.reduce((n, f) => n + 16 + f.frame.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true); // version 2.4
  v.setUint16(6, 4, true);
  v.setInt32(8, 0, true); // timezone offset: GMT
  v.setUint32(12, 0, true); // timestamp accuracy: unused by every reader
  v.setUint32(16, SNAPLEN, true);
  v.setUint32(20, LINKTYPE_ETHERNET, true);
  let at = 24;
  for (const { time, frame } of frames) {
    const seconds = Math.floor(time);
    v.setUint32(at, seconds, true);
    v.setUint32(at + 4, Math.round((time - seconds) * 1e6) % 1_000_000, true);
    v.setUint32(at + 8, frame.length, true); // bytes saved
    v.setUint32(at + 12, frame.length, true); // bytes on the wire
    out.set(frame, at + 16);
    at += 16 + frame.length;
  }
  return out;
}
