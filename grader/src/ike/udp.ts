/**
 * The peer on real sockets: UDP 500 for the start of phase 1, UDP 4500 once
 * NAT traversal moves there (RFC 3947 section 4), both bound to one address.
 *
 * Port 4500 carries more than IKE (RFC 3948 section 2.2): a datagram whose
 * first four octets are zero is an IKE message behind the non-ESP marker;
 * one whose first four octets are not zero is ESP (they are its SPI); the
 * single octet 0xFF is a NAT-keepalive (section 2.3). The tunnel's data
 * plane takes everything that is not IKE through `onEsp` and classifies it
 * itself (the learner's chapter 15 classify4500), and sends its ESP with
 * `sendEsp`, from 4500, with no marker.
 */
import { createSocket, type Socket } from "node:dgram";
import type { Endpoint } from "./modules.ts";
import { IKE_PORT, NAT_T_PORT, frame, unframe, type DatagramHandler, type Transport } from "./transport.ts";

export type EspHandler = (datagram: Uint8Array, from: Endpoint) => void;

export interface UdpTransport extends Transport {
  /** Where datagrams on 4500 that are not IKE go: ESP and 0xFF NAT-keepalives. */
  onEsp(handler: EspHandler): void;
  /** Sends a UDP-encapsulated ESP packet (or a keepalive) from our 4500 to `to`, as is. */
  sendEsp(datagram: Uint8Array, to: Endpoint): void;
}

/**
 * Socket buffers for port 4500, which carries the tunnel's data: TCP through
 * the tunnel sends in bursts of tens of packets, and the kernel's default
 * receive buffer (about 200 KiB, some 90 full-size datagrams) overflows while
 * the daemon is busy with the previous ones; every datagram lost there is a
 * TCP retransmission. Linux caps the request at net.core.rmem_max/wmem_max.
 */
const DATA_BUFFER_BYTES = 4 * 1024 * 1024;

function bind(socket: Socket, address: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once("error", reject);
    socket.bind({ address, port, exclusive: true }, () => {
      socket.off("error", reject);
      resolve();
    });
  });
}

/** Binds `address`:500 and `address`:4500; fails if either is taken. */
export async function udpTransport(address: string): Promise<UdpTransport> {
  const sockets = new Map<number, Socket>();
  let handler: DatagramHandler = () => {};
  let espHandler: EspHandler = () => {};
  try {
    for (const port of [IKE_PORT, NAT_T_PORT]) {
      const s = port === NAT_T_PORT ? createSocket({ type: "udp4", recvBufferSize: DATA_BUFFER_BYTES, sendBufferSize: DATA_BUFFER_BYTES }) : createSocket("udp4");
      sockets.set(port, s);
      await bind(s, address, port);
      s.on("message", (msg, rinfo) => {
        const bytes = new Uint8Array(msg.buffer, msg.byteOffset, msg.length);
        const from = { address: rinfo.address, port: rinfo.port };
        const isakmp = unframe(bytes, port);
        if (isakmp) handler(isakmp.slice(), port, from);
        else if (port === NAT_T_PORT) espHandler(bytes, from);
      });
      // A send to an unreachable peer reports ICMP errors here; IKE retransmits, ESP is best effort.
      s.on("error", () => {});
    }
  } catch (e) {
    for (const s of sockets.values()) s.close();
    throw new Error(`cannot bind UDP ${address}:${IKE_PORT} and :${NAT_T_PORT} (${(e as Error).message}); IKE needs these ports: is another IKE daemon running, or are you not root?`);
  }
  const socket = (port: number): Socket => {
    const s = sockets.get(port);
    if (!s) throw new Error(`no socket for UDP port ${port}`);
    return s;
  };
  return {
    address,
    send(datagram, localPort, to) {
      socket(localPort).send(frame(datagram, localPort), to.port, to.address);
    },
    onDatagram(h) {
      handler = h;
    },
    onEsp(h) {
      espHandler = h;
    },
    sendEsp(datagram, to) {
      socket(NAT_T_PORT).send(datagram, to.port, to.address);
    },
    async close() {
      await Promise.all([...sockets.values()].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
