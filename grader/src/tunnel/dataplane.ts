/**
 * The tunnel's data plane: moves packets between the TUN device and UDP
 * port 4500 through the 16-tunnel/gateway exercise of the chosen
 * implementation (`--impl exercises` runs the learner's own SAD, SPD and
 * ESP), and keeps what `tunnel status` shows: totals, per-SA counters and
 * drops by reason.
 *
 * Packets that need an SA before IKE has made one are held in a short
 * queue (RFC 4301 section 5.1: the SPD says PROTECT, the SAD has nothing
 * yet, so the implementation asks IKE for one); the queue is sent in order
 * once the SA is installed.
 *
 * Every packet the gateway refuses with a course PacketError is a drop,
 * counted under its reason. Anything else it throws (a learner's
 * unfinished todo(), a bug) is a fault, reported as such and never
 * counted as a drop: a tunnel that silently loses every packet because a
 * function is not written would teach nothing.
 *
 * This file is on the hot path (hundreds of Mbit/s): no closures, logging
 * or string formatting per packet; text is made only for drops and faults.
 */
import { FieldError, IntegrityError, PacketError, ReplayError, SaExpiredError } from "@course/errors.ts";
import type { Clock } from "../ike/clock.ts";
import type { ChildSa, Endpoint } from "../ike/modules.ts";
import { loadFunctions, type ImplLoader } from "../impl-loader.ts";
import type { DropReason } from "./drops.ts";

export type { DropReason } from "./drops.ts";

/** The gateway exercise's functions (types from the reference, so the compiler checks the two agree). */
type Reference = typeof import("../../../solutions/16-tunnel/gateway.ts");
export interface GatewayModule {
  createGateway: Reference["createGateway"];
  installChild: Reference["installChild"];
  removeChild: Reference["removeChild"];
  fromTun: Reference["fromTun"];
  fromUdp: Reference["fromUdp"];
}

export const GATEWAY_EXERCISE = "16-tunnel/gateway";

/** Imports the gateway exercise from one implementation; a stub loads (it throws "not started" when called). */
export async function loadGateway(loader: ImplLoader): Promise<GatewayModule> {
  const names = ["createGateway", "installChild", "removeChild", "fromTun", "fromUdp"] as const;
  return (await loadFunctions(loader, `${GATEWAY_EXERCISE}.ts`, names)) as unknown as GatewayModule;
}

/** Every drop reason, in the order `tunnel status` lists them. */
export const DROP_REASONS: readonly DropReason[] = Object.keys({
  "no-policy": 0,
  "queue-full": 0,
  "unknown-spi": 0,
  replay: 0,
  integrity: 0,
  malformed: 0,
  policy: 0,
  expired: 0,
  "ike-malformed": 0,
  "ike-unknown-peer": 0,
  "ike-unknown-sa": 0,
  "ike-bad-hash": 0,
  "ike-rejected": 0,
} satisfies Record<DropReason, 0>) as DropReason[];

export interface SaCounters {
  packets: number;
  bytes: number;
}

export interface DataPlaneEvents {
  /** UDP payload, from our 4500 to the peer's 4500. */
  sendEsp(datagram: Uint8Array): void;
  writeTun(packet: Uint8Array): void;
  /** A packet met no SA: start IKE (controller.initiate(), which is idempotent). */
  needSa(): void;
  /** Authenticated ESP arrived (DPD: the peer is alive). */
  heard(): void;
  /**
   * The newest CHILD SA reached its soft lifetime (once per SA): negotiate the
   * next one. An older SA reaching it is not reported: it is replaced already.
   */
  soft(inboundSpi: number): void;
  /** For the log. */
  drop(reason: DropReason, detail: string): void;
  /** Something that is not a packet's fault failed (a todo() in the learner's code, a bug, a socket): for the log, loudly. */
  fault(where: string, error: Error): void;
  /** An IKE message (non-ESP marker removed) reached the data plane; without this handler it is dropped as malformed. */
  ike?(message: Uint8Array, from: Endpoint): void;
}

export interface DataPlaneConfig {
  /** Our underlay address and the peer's (ports: 4500). */
  readonly local: Endpoint;
  readonly remote: Endpoint;
  /** "network/prefix". */
  readonly localSubnet: string;
  readonly remoteSubnet: string;
}

export interface DataPlaneCounters {
  /** Packets read from the TUN device, and written to it. */
  tunIn: number;
  tunOut: number;
  /** ESP datagrams received (whatever became of them) and sent. */
  espIn: number;
  espOut: number;
  /** NAT-keepalives received. */
  keepalives: number;
  /** Packets ever held while waiting for an SA; `waiting`: held right now. */
  queued: number;
  waiting: number;
  drops: Record<DropReason, number>;
  /** By SPI: an inbound SPI counts what arrived on it, an outbound SPI what was sent on it (inner packet bytes). */
  sas: Map<number, SaCounters>;
}

/** Which drop an error means; the gateway names the field at fault. */
export function dropReason(e: PacketError): DropReason {
  if (e instanceof ReplayError) return "replay";
  if (e instanceof IntegrityError) return "integrity";
  if (e instanceof SaExpiredError) return "expired";
  if (e instanceof FieldError) {
    if (e.field === "ESP SPI") return "unknown-spi";
    // RFC 4301 section 5.2: an inner packet outside the SA's selectors, or ESP from another host.
    if (e.field === "Source Address" || e.field === "Destination Address") return "policy";
  }
  return "malformed";
}

/** "10.1.0.1 -> 10.2.0.1" for an IPv4 packet, for drop details. */
function addresses(packet: Uint8Array): string {
  if (packet.length < 20 || packet[0]! >>> 4 !== 4) return packet.length === 0 ? "an empty packet" : `an IP version ${packet[0]! >>> 4} packet`;
  return `${packet.subarray(12, 16).join(".")} -> ${packet.subarray(16, 20).join(".")}`;
}

export class DataPlane {
  readonly #gw: GatewayModule;
  readonly #state: ReturnType<GatewayModule["createGateway"]>;
  readonly #events: DataPlaneEvents;
  readonly #clock: Clock;
  readonly #queueLimit: number;
  #queue: Uint8Array[] = [];
  #tunIn = 0;
  #tunOut = 0;
  #espIn = 0;
  #espOut = 0;
  #keepalives = 0;
  #queued = 0;
  readonly #drops = Object.fromEntries(DROP_REASONS.map((r) => [r, 0])) as Record<DropReason, number>;
  readonly #sas = new Map<number, SaCounters>();
  /** Outbound SPI -> inbound SPI of the same CHILD SA (soft() names the inbound one). */
  readonly #pair = new Map<number, number>();
  /** Inbound SPIs whose soft lifetime was reported already. */
  readonly #softDone = new Set<number>();

  /** Throws what the gateway's createGateway throws (a bad subnet, a todo()): the tunnel cannot start without it. */
  constructor(gateway: GatewayModule, config: DataPlaneConfig, events: DataPlaneEvents, clock: Clock, queueLimit = 8) {
    this.#gw = gateway;
    this.#events = events;
    this.#clock = clock;
    this.#queueLimit = queueLimit;
    this.#state = gateway.createGateway(config.local, config.remote, config.localSubnet, config.remoteSubnet);
  }

  /** Chapter 15's clock: seconds. */
  #now(): number {
    return this.#clock.now() / 1000;
  }

  /** Installs a CHILD SA (make-before-break: outbound moves to it) and sends what was waiting for it. */
  install(child: ChildSa): void {
    try {
      this.#gw.installChild(this.#state, child, this.#now());
    } catch (e) {
      this.#events.fault("install", e instanceof Error ? e : new Error(String(e)));
      return;
    }
    this.#sas.set(child.inbound.spi, { packets: 0, bytes: 0 });
    this.#sas.set(child.outbound.spi, { packets: 0, bytes: 0 });
    this.#pair.set(child.outbound.spi, child.inbound.spi);
    const waiting = this.#queue;
    this.#queue = [];
    for (const packet of waiting) this.#outbound(packet);
  }

  /** Deletes a CHILD SA's two SAs (Delete received, expired, rekeyed, shutdown). */
  remove(child: ChildSa): void {
    try {
      this.#gw.removeChild(this.#state, child);
    } catch (e) {
      this.#events.fault("remove", e instanceof Error ? e : new Error(String(e)));
    }
    this.#sas.delete(child.inbound.spi);
    this.#sas.delete(child.outbound.spi);
    this.#pair.delete(child.outbound.spi);
    this.#softDone.delete(child.inbound.spi);
  }

  /** A packet the TUN device read. */
  fromTun(packet: Uint8Array): void {
    this.#tunIn++;
    this.#outbound(packet);
  }

  #outbound(packet: Uint8Array): void {
    try {
      const r = this.#gw.fromTun(this.#state, packet, this.#now());
      if (r.kind === "esp") {
        const sa = this.#sas.get(r.spi);
        if (sa) {
          sa.packets++;
          sa.bytes += packet.length;
        }
        this.#espOut++;
        if (r.lifetime === "soft") this.#soft(this.#pair.get(r.spi));
        this.#events.sendEsp(r.datagram);
      } else if (r.kind === "no-sa") {
        this.#hold(packet);
      } else {
        this.countDrop("no-policy", `${addresses(packet)}: no policy protects it`);
      }
    } catch (e) {
      this.#failed("tun", e, addresses(packet));
    }
  }

  #hold(packet: Uint8Array): void {
    // initiate() is idempotent: asking on every packet also restarts IKE after a failed negotiation.
    this.#events.needSa();
    if (this.#queue.length >= this.#queueLimit) {
      this.countDrop("queue-full", `${addresses(packet)}: no SA yet and ${this.#queueLimit} packets are waiting for one`);
      return;
    }
    // A copy: the TUN reader may reuse its buffer for the next packet while this one waits.
    this.#queue.push(packet.slice());
    this.#queued++;
  }

  /** A datagram received on our UDP port 4500 that is not IKE (ESP or a keepalive). */
  fromUdp(datagram: Uint8Array, from: Endpoint): void {
    try {
      const r = this.#gw.fromUdp(this.#state, datagram, from, this.#now());
      if (r.kind === "packet") {
        this.#espIn++;
        const sa = this.#sas.get(r.spi);
        if (sa) {
          sa.packets++;
          sa.bytes += r.packet.length;
        }
        this.#events.heard();
        if (r.lifetime === "soft") this.#soft(r.spi);
        this.#tunOut++;
        this.#events.writeTun(r.packet);
      } else if (r.kind === "keepalive") {
        this.#keepalives++;
      } else if (this.#events.ike) {
        this.#events.ike(r.message, from);
      } else {
        this.countDrop("malformed", `an IKE message from ${from.address}:${from.port} reached the ESP path`);
      }
    } catch (e) {
      if (e instanceof PacketError) this.#espIn++;
      this.#failed("udp", e, `${datagram.length} bytes from ${from.address}:${from.port}`);
    }
  }

  /** The inbound SPI of the CHILD SA installed last (#pair keeps installation order). */
  #newest(): number | undefined {
    let last: number | undefined;
    for (const inbound of this.#pair.values()) last = inbound;
    return last;
  }

  #soft(inboundSpi: number | undefined): void {
    if (inboundSpi === undefined || this.#softDone.has(inboundSpi)) return;
    this.#softDone.add(inboundSpi);
    if (inboundSpi === this.#newest()) this.#events.soft(inboundSpi);
  }

  /** A PacketError is the packet's fault: a drop. Anything else is ours (or the learner's code's): a fault. */
  #failed(where: "tun" | "udp", e: unknown, what: string): void {
    if (e instanceof PacketError) {
      this.countDrop(dropReason(e), `${what}: ${e.message}`);
      return;
    }
    this.#events.fault(where === "tun" ? "packet from the TUN device" : "datagram from UDP 4500", e instanceof Error ? e : new Error(String(e)));
  }

  /** Counts a drop and tells the log; the IKE controller reports its drops here too. */
  countDrop(reason: DropReason, detail: string): void {
    this.#drops[reason]++;
    this.#events.drop(reason, detail);
  }

  /** A snapshot: later traffic does not change it. */
  counters(): DataPlaneCounters {
    const sas = new Map<number, SaCounters>();
    for (const [spi, c] of this.#sas) sas.set(spi, { ...c });
    return {
      tunIn: this.#tunIn,
      tunOut: this.#tunOut,
      espIn: this.#espIn,
      espOut: this.#espOut,
      keepalives: this.#keepalives,
      queued: this.#queued,
      waiting: this.#queue.length,
      drops: { ...this.#drops },
      sas,
    };
  }
}
