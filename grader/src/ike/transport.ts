/**
 * How the IKE peer reaches the other one. A transport carries ISAKMP
 * messages only: the peer hands it the message bytes and the ports, and the
 * transport adds what the wire needs. On UDP 4500 that is the non-ESP
 * marker, four zero octets in front of every IKE message, so a receiver can
 * tell IKE from UDP-encapsulated ESP, whose first four octets are a non-zero
 * SPI (RFC 3948 section 2.2). Datagrams handed to the peer have the marker
 * removed again.
 */
import type { Endpoint } from "../../../solutions/07-main-mode/exchange.ts";

export const IKE_PORT = 500;
export const NAT_T_PORT = 4500;
/** RFC 3948 section 2.2: the non-ESP marker, the SPI field of ESP set to zero. */
export const NON_ESP_MARKER = new Uint8Array(4);

export type DatagramHandler = (datagram: Uint8Array, localPort: number, from: Endpoint) => void;

export interface Transport {
  /** The address our datagrams leave from. */
  readonly address: string;
  /** Sends one ISAKMP message from our `localPort` (500 or 4500) to `to`. */
  send(datagram: Uint8Array, localPort: number, to: Endpoint): void;
  /** Where arriving ISAKMP messages go (marker already removed on 4500). */
  onDatagram(handler: DatagramHandler): void;
  close(): Promise<void>;
}

/** The bytes on the wire for an ISAKMP message sent from `port`. */
export function frame(datagram: Uint8Array, port: number): Uint8Array {
  if (port !== NAT_T_PORT) return datagram;
  const out = new Uint8Array(NON_ESP_MARKER.length + datagram.length);
  out.set(datagram, NON_ESP_MARKER.length);
  return out;
}

/**
 * The ISAKMP message inside a datagram that arrived on `port`, or undefined
 * when it is not IKE: on 4500, ESP (non-zero first four octets) and the
 * one-octet 0xFF NAT-keepalive of RFC 3948 section 2.3.
 */
export function unframe(bytes: Uint8Array, port: number): Uint8Array | undefined {
  if (port !== NAT_T_PORT) return bytes;
  if (bytes.length < NON_ESP_MARKER.length || bytes.subarray(0, 4).some((b) => b !== 0)) return undefined;
  return bytes.subarray(NON_ESP_MARKER.length);
}
