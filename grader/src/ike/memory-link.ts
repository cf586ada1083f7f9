/**
 * An in-memory network for two (or more) peers, timed by a virtual clock:
 * what one peer sends reaches the other after a small delay, unless the link
 * drops it; it may also arrive twice. Loss and duplication are drawn from a
 * seeded source, so a failing run can be replayed exactly. Every datagram is
 * recorded as it left its sender, which is what a capture on that wire shows.
 */
import type { Endpoint } from "../../../solutions/07-main-mode/exchange.ts";
import type { VirtualClock } from "./clock.ts";
import { seededRandom } from "./seeded-random.ts";
import { frame, unframe, type DatagramHandler, type Transport } from "./transport.ts";

export interface LinkFaults {
  /** Probability (0 to 1) that a datagram is lost. */
  readonly loss: number;
  /** Probability that a delivered datagram is delivered a second time. */
  readonly duplicate: number;
  /** How much later the copy arrives (ms; default: right after the original). A late copy arrives after the exchange has moved on. */
  readonly duplicateDelayMs?: number;
  /** Label for the seeded draws. */
  readonly seed: string;
}

export interface WireDatagram {
  /** Milliseconds on the link's clock. */
  readonly time: number;
  readonly src: Endpoint;
  readonly dst: Endpoint;
  /** The UDP payload: the ISAKMP message, after the non-ESP marker on 4500. */
  readonly payload: Uint8Array;
  readonly fate: "delivered" | "lost" | "duplicated";
}

export interface MemoryLink {
  readonly clock: VirtualClock;
  /** A transport for one address on this link. */
  attach(address: string): Transport;
  /** Everything sent so far, in order. */
  readonly wire: readonly WireDatagram[];
}

const NO_FAULTS: LinkFaults = { loss: 0, duplicate: 0, seed: "none" };

export function memoryLink(clock: VirtualClock, faults: LinkFaults = NO_FAULTS, latencyMs = 1): MemoryLink {
  const handlers = new Map<string, DatagramHandler>();
  const wire: WireDatagram[] = [];
  const random = seededRandom(`link:${faults.seed}`);
  const draw = () => new DataView(random(4).buffer).getUint32(0) / 2 ** 32;
  const deliver = (bytes: Uint8Array, src: Endpoint, dst: Endpoint, delay: number) =>
    clock.timer(delay, () => {
      const isakmp = unframe(bytes, dst.port);
      const h = handlers.get(dst.address);
      if (isakmp && h) h(isakmp.slice(), dst.port, src);
    });
  return {
    clock,
    wire,
    attach(address) {
      return {
        address,
        send(datagram, localPort, to) {
          const src = { address, port: localPort };
          const bytes = frame(datagram, localPort);
          const lost = draw() < faults.loss;
          const twice = !lost && draw() < faults.duplicate;
          wire.push({ time: clock.now(), src, dst: to, payload: bytes.slice(), fate: lost ? "lost" : twice ? "duplicated" : "delivered" });
          if (lost) return;
          deliver(bytes, src, to, latencyMs);
          if (twice) deliver(bytes, src, to, latencyMs + (faults.duplicateDelayMs ?? latencyMs));
        },
        onDatagram(h) {
          handlers.set(address, h);
        },
        async close() {
          handlers.delete(address);
        },
      } satisfies Transport;
    },
  };
}
