/**
 * The peer on real sockets: UDP 500 for the start of phase 1, UDP 4500 once
 * NAT traversal moves there (RFC 3947 section 4), both bound to one address.
 */
import { createSocket, type Socket } from "node:dgram";
import { IKE_PORT, NAT_T_PORT, frame, unframe, type DatagramHandler, type Transport } from "./transport.ts";

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
export async function udpTransport(address: string): Promise<Transport> {
  const sockets = new Map<number, Socket>();
  let handler: DatagramHandler = () => {};
  try {
    for (const port of [IKE_PORT, NAT_T_PORT]) {
      const s = createSocket("udp4");
      sockets.set(port, s);
      await bind(s, address, port);
      s.on("message", (msg, rinfo) => {
        const isakmp = unframe(new Uint8Array(msg.buffer, msg.byteOffset, msg.length), port);
        if (isakmp) handler(isakmp.slice(), port, { address: rinfo.address, port: rinfo.port });
      });
    }
  } catch (e) {
    for (const s of sockets.values()) s.close();
    throw new Error(`cannot bind UDP ${address}:${IKE_PORT} and :${NAT_T_PORT} (${(e as Error).message}); IKE needs these ports: is another IKE daemon running, or are you not root?`);
  }
  return {
    address,
    send(datagram, localPort, to) {
      const s = sockets.get(localPort);
      if (!s) throw new Error(`no socket for UDP port ${localPort}`);
      s.send(frame(datagram, localPort), to.port, to.address);
    },
    onDatagram(h) {
      handler = h;
    },
    async close() {
      await Promise.all([...sockets.values()].map((s) => new Promise<void>((r) => s.close(() => r()))));
    },
  };
}
