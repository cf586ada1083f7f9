/**
 * The tunnel's data plane on the reference gateway (solutions/16-tunnel),
 * loaded the way the daemon loads it: two DataPlanes wired back to back in
 * this process, left's ESP handed to right's UDP side and back, a virtual
 * clock, no devices and no sockets. Covers the initiation queue, make-before-
 * break rekeying, every drop reason the data plane counts, soft lifetimes,
 * and faults (errors that are not a packet's fault) kept apart from drops.
 */
import { describe, expect, test } from "vitest";
import { rng } from "@teach";
import { TodoError } from "@course/todo.ts";
import { VirtualClock } from "../src/ike/clock.ts";
import { implLoader } from "../src/impl-loader.ts";
import { SOLUTIONS_DIR } from "../src/paths.ts";
import { DataPlane, DROP_REASONS, loadGateway, type DataPlaneEvents, type DropReason, type GatewayModule } from "../src/tunnel/dataplane.ts";
import { childPair, lanPing, LEFT, LEFT_LAN, RIGHT, RIGHT_LAN, type ChildPair } from "../tests/16-tunnel/fixtures.ts";
import type { Endpoint } from "../src/ike/modules.ts";

const gateway = await loadGateway(implLoader(SOLUTIONS_DIR));

/** What one side's events saw. */
class Recorder implements DataPlaneEvents {
  sent: Uint8Array[] = [];
  tun: Uint8Array[] = [];
  asked = 0;
  heardCount = 0;
  softs: number[] = [];
  drops: [DropReason, string][] = [];
  faults: [string, Error][] = [];
  ikes: Uint8Array[] = [];
  /** Wired: sendEsp hands the datagram straight to the peer's data plane. */
  peer?: { plane: DataPlane; from: Endpoint };
  sendEsp(datagram: Uint8Array): void {
    this.sent.push(datagram);
    this.peer?.plane.fromUdp(datagram, this.peer.from);
  }
  writeTun(packet: Uint8Array): void {
    this.tun.push(packet);
  }
  needSa(): void {
    this.asked++;
  }
  heard(): void {
    this.heardCount++;
  }
  soft(inboundSpi: number): void {
    this.softs.push(inboundSpi);
  }
  drop(reason: DropReason, detail: string): void {
    this.drops.push([reason, detail]);
  }
  fault(where: string, error: Error): void {
    this.faults.push([where, error]);
  }
  ike(message: Uint8Array): void {
    this.ikes.push(message);
  }
}

interface Pair {
  left: DataPlane;
  right: DataPlane;
  l: Recorder;
  r: Recorder;
  clock: VirtualClock;
}

/** Left and right data planes; with `wired`, each one's ESP goes straight into the other's UDP side. */
function pair(options: { wired?: boolean; queue?: number; module?: GatewayModule; leftLan?: string } = {}): Pair {
  const clock = new VirtualClock(1_000_000);
  const l = new Recorder();
  const r = new Recorder();
  const mod = options.module ?? gateway;
  const left = new DataPlane(mod, { local: LEFT, remote: RIGHT, localSubnet: options.leftLan ?? LEFT_LAN, remoteSubnet: RIGHT_LAN }, l, clock, options.queue);
  const right = new DataPlane(gateway, { local: RIGHT, remote: LEFT, localSubnet: RIGHT_LAN, remoteSubnet: LEFT_LAN }, r, clock, options.queue);
  if (options.wired ?? true) {
    l.peer = { plane: right, from: LEFT };
    r.peer = { plane: left, from: RIGHT };
  }
  return { left, right, l, r, clock };
}

function up(p: Pair, c: ChildPair): void {
  p.right.install(c.right);
  p.left.install(c.left);
}

const dropsOf = (plane: DataPlane) => Object.fromEntries(Object.entries(plane.counters().drops).filter(([, n]) => n > 0));

describe("packets cross two data planes", () => {
  test("random pings both ways arrive intact; totals and per-SA counters add up", () => {
    const g = rng("dataplane round trip");
    const p = pair();
    const c = childPair(g);
    up(p, c);
    const toRight = Array.from({ length: 20 }, () => lanPing(g, LEFT_LAN, RIGHT_LAN));
    const toLeft = Array.from({ length: 15 }, () => lanPing(g, RIGHT_LAN, LEFT_LAN));
    for (const packet of toRight) p.left.fromTun(packet);
    for (const packet of toLeft) p.right.fromTun(packet);
    expect(p.r.tun, "right wrote to its TUN device exactly the packets left read from its own").toEqual(toRight);
    expect(p.l.tun, "and the other way").toEqual(toLeft);
    const bytes = (list: Uint8Array[]) => list.reduce((n, x) => n + x.length, 0);
    const lc = p.left.counters();
    expect({ tunIn: lc.tunIn, espOut: lc.espOut, espIn: lc.espIn, tunOut: lc.tunOut }).toEqual({ tunIn: 20, espOut: 20, espIn: 15, tunOut: 15 });
    expect(lc.sas.get(c.left.outbound.spi), "left's outbound SA counted the inner packets it sent").toEqual({ packets: 20, bytes: bytes(toRight) });
    expect(lc.sas.get(c.left.inbound.spi), "left's inbound SA counted what it received").toEqual({ packets: 15, bytes: bytes(toLeft) });
    expect(p.right.counters().sas.get(c.right.inbound.spi)).toEqual({ packets: 20, bytes: bytes(toRight) });
    expect(p.r.heardCount, "every authenticated ESP packet tells IKE the peer is alive").toBe(20);
    expect(dropsOf(p.left)).toEqual({});
    expect(dropsOf(p.right)).toEqual({});
    expect(p.l.faults.concat(p.r.faults)).toEqual([]);
  });

  test("the datagram is ESP for the UDP socket: SPI first, sequence numbers 1, 2, 3", () => {
    const g = rng("dataplane esp");
    const p = pair({ wired: false });
    const c = childPair(g);
    up(p, c);
    for (let i = 0; i < 3; i++) p.left.fromTun(lanPing(g, LEFT_LAN, RIGHT_LAN));
    const view = (d: Uint8Array) => new DataView(d.buffer, d.byteOffset, d.byteLength);
    expect(p.l.sent.map((d) => view(d).getUint32(0)), "each datagram starts with the peer's SPI (RFC 3948 section 2.1: no marker, no IP header)").toEqual([c.left.outbound.spi, c.left.outbound.spi, c.left.outbound.spi]);
    expect(p.l.sent.map((d) => view(d).getUint32(4))).toEqual([1, 2, 3]);
  });
});

describe("the initiation queue", () => {
  test("packets before the SA wait, IKE is asked, and they leave in order once the SA is installed", () => {
    const g = rng("dataplane queue");
    const p = pair({ queue: 3 });
    const packets = Array.from({ length: 5 }, () => lanPing(g, LEFT_LAN, RIGHT_LAN, 200));
    for (const packet of packets) p.left.fromTun(packet);
    expect(p.l.asked, "needSa() on every packet that found no SA (initiate() is idempotent)").toBe(5);
    expect(p.l.sent).toEqual([]);
    let c = p.left.counters();
    expect({ queued: c.queued, waiting: c.waiting, full: c.drops["queue-full"] }).toEqual({ queued: 3, waiting: 3, full: 2 });
    expect(p.l.drops.map(([r]) => r)).toEqual(["queue-full", "queue-full"]);
    up(p, childPair(g));
    expect(p.r.tun, "the three queued packets, first come first sent").toEqual(packets.slice(0, 3));
    c = p.left.counters();
    expect({ waiting: c.waiting, espOut: c.espOut, tunIn: c.tunIn }).toEqual({ waiting: 0, espOut: 3, tunIn: 5 });
  });
});

describe("rekeying, make-before-break", () => {
  test("outbound moves to the newest SA, the old inbound SA works until removed, then its SPI is unknown", () => {
    const g = rng("dataplane rekey");
    const p = pair({ wired: false });
    const old = childPair(g);
    const next = childPair(g);
    up(p, old);
    const late = lanPing(g, RIGHT_LAN, LEFT_LAN);
    p.right.fromTun(late); // sent on the old SA, still in flight
    up(p, next);
    p.left.fromTun(lanPing(g, LEFT_LAN, RIGHT_LAN));
    expect(new DataView(p.l.sent[0]!.buffer, p.l.sent[0]!.byteOffset).getUint32(0), "after the rekey left sends on the new SA").toBe(next.left.outbound.spi);
    p.left.fromUdp(p.r.sent[0]!, RIGHT);
    expect(p.l.tun, "the packet sent on the old SA before the switch is still accepted").toEqual([late]);
    p.left.remove(old.left);
    p.left.fromUdp(p.r.sent[0]!, RIGHT);
    expect(p.left.counters().drops["unknown-spi"]).toBe(1);
    expect(p.left.counters().sas.has(old.left.inbound.spi), "the removed SA's counters are gone").toBe(false);
  });

  test("soft lifetime: reported for the newest SA, not for one a rekey has replaced already", () => {
    const g = rng("dataplane soft");
    const p = pair({ wired: false });
    // 3 KB: soft at 2764 bytes, hard at 3072; three packets of 928-978 bytes pass the first, not the second.
    const old = childPair(g, { lifetime: { kilobytes: 3 } });
    const next = childPair(g, { lifetime: { kilobytes: 3 } });
    up(p, old);
    const onOld = Array.from({ length: 3 }, () => {
      p.right.fromTun(lanPing(g, RIGHT_LAN, LEFT_LAN, 950, 900));
      return p.r.sent.at(-1)!;
    });
    up(p, next);
    for (const d of onOld) p.left.fromUdp(d, RIGHT); // the old SA passes its soft limit after the rekey
    expect(p.l.tun.length).toBe(3);
    expect(p.l.softs, "the old SA is replaced already: no second rekey for it").toEqual([]);
    for (let i = 0; i < 3; i++) p.left.fromTun(lanPing(g, LEFT_LAN, RIGHT_LAN, 950, 900));
    expect(p.l.softs, "the newest SA at its soft limit: once").toEqual([next.left.inbound.spi]);
  });
});

describe("every drop reason is counted", () => {
  test("no-policy, unknown-spi, replay, integrity, malformed, policy (inner address and outer source), expired", () => {
    const g = rng("dataplane drops");
    // Left believes it protects 10.0.0.0/8; the CHILD SA right holds says 10.1.0.0/24 only.
    const p = pair({ wired: false, leftLan: "10.0.0.0/8" });
    const c = childPair(g, { lifetime: { kilobytes: 4 } });
    up(p, c);
    p.left.fromTun(lanPing(g, "10.9.0.0/24", RIGHT_LAN)); // ours by the policy, not by the SA's selectors
    p.left.fromTun(lanPing(g, LEFT_LAN, RIGHT_LAN, 100));
    p.left.fromTun(lanPing(g, LEFT_LAN, RIGHT_LAN, 100));
    const [outside, good, unseen] = p.l.sent as [Uint8Array, Uint8Array, Uint8Array];
    p.right.fromTun(lanPing(g, RIGHT_LAN, "10.7.0.0/24")); // right has no policy for 10.7.0.0/24
    p.right.fromUdp(outside, LEFT);
    p.right.fromUdp(good, LEFT);
    p.right.fromUdp(good, LEFT); // again
    const forged = unseen.slice(); // a sequence number not seen yet: the replay check lets it through to the ICV
    forged[forged.length - 20]! ^= 1;
    p.right.fromUdp(forged, LEFT);
    const stranger = good.slice();
    stranger.set([0xde, 0xad, 0xbe, 0xef], 0);
    p.right.fromUdp(stranger, LEFT);
    p.right.fromUdp(good.subarray(0, 6), LEFT);
    p.right.fromUdp(good, { address: "192.168.12.99", port: 4500 });
    expect(dropsOf(p.right)).toEqual({ "no-policy": 1, policy: 2, replay: 1, integrity: 1, "unknown-spi": 1, malformed: 1 });
    expect(p.r.tun.length, "only the one good packet reached the TUN device").toBe(1);
    // 4 KB hard limit, soft at 3686 bytes: 300-byte packets use the SA up, and cannot jump from below the soft limit past the hard one.
    for (let i = 0; i < 16; i++) p.left.fromTun(lanPing(g, LEFT_LAN, RIGHT_LAN, 272, 272));
    expect(p.left.counters().drops.expired, "past the hard byte lifetime the SA sends nothing more").toBeGreaterThan(0);
    expect(p.l.softs, "soft() once, naming the inbound SPI of the CHILD SA to rekey").toEqual([c.left.inbound.spi]);
    for (const [reason, detail] of [...p.l.drops, ...p.r.drops]) expect(detail.length, `a ${reason} drop says what was dropped`).toBeGreaterThan(10);
    expect(p.l.faults.concat(p.r.faults)).toEqual([]);
  });

  test("keepalives are counted, IKE on the ESP path goes to the IKE handler", () => {
    const p = pair({ wired: false });
    p.right.fromUdp(Uint8Array.of(0xff), LEFT);
    p.right.fromUdp(Uint8Array.of(0, 0, 0, 0, 1, 2, 3), LEFT);
    expect(p.right.counters().keepalives).toBe(1);
    expect(p.r.ikes).toEqual([Uint8Array.of(1, 2, 3)]);
    expect(dropsOf(p.right)).toEqual({});
  });

  test("the controller's IKE drops are counted with the rest; every reason starts at zero", () => {
    const p = pair();
    p.left.countDrop("ike-bad-hash", "HASH_I does not match");
    const drops = p.left.counters().drops;
    expect(Object.keys(drops)).toEqual([...DROP_REASONS]);
    expect(drops["ike-bad-hash"]).toBe(1);
  });

  test("random datagrams and random TUN bytes are drops, never faults, and the tunnel keeps working", () => {
    const g = rng("dataplane fuzz");
    const p = pair({ wired: false });
    const c = childPair(g);
    up(p, c);
    const spi = Uint8Array.of(c.right.inbound.spi >>> 24, (c.right.inbound.spi >>> 16) & 0xff, (c.right.inbound.spi >>> 8) & 0xff, c.right.inbound.spi & 0xff);
    for (let i = 0; i < 500; i++) {
      const d = g.bytes(g.int(0, 200));
      if (i % 2 === 0 && d.length >= 4) d.set(spi, 0); // half of them on the real SPI: they reach the ICV check
      p.right.fromUdp(d, LEFT);
      const t = g.bytes(g.int(0, 120));
      if (t.length > 0) t[0] = 0x45;
      p.right.fromTun(t);
    }
    expect(p.r.faults.map(([w, e]) => `${w}: ${e.name}: ${e.message}`), "every refusal is a PacketError").toEqual([]);
    expect(p.r.tun).toEqual([]);
    const packet = lanPing(g, LEFT_LAN, RIGHT_LAN);
    p.left.fromTun(packet);
    p.right.fromUdp(p.l.sent[0]!, LEFT);
    expect(p.r.tun, "a genuine packet after the storm").toEqual([packet]);
  });
});

describe("faults are not drops", () => {
  test("a todo() in the gateway is reported with fault(), never counted as a drop", () => {
    const unfinished: GatewayModule = {
      ...gateway,
      fromTun: () => {
        throw new TodoError("fromTun");
      },
    };
    const p = pair({ module: unfinished, wired: false });
    up(p, childPair(rng("dataplane fault")));
    p.left.fromTun(lanPing(rng("dataplane fault packet"), LEFT_LAN, RIGHT_LAN));
    expect(p.l.faults.map(([where, e]) => [where, e.name])).toEqual([["packet from the TUN device", "TodoError"]]);
    expect(dropsOf(p.left)).toEqual({});
  });

  test("an install the gateway refuses (AH cannot cross a NAT) is a fault too", () => {
    const p = pair();
    const c = childPair(rng("dataplane ah"));
    p.left.install({ ...c.left, protocol: "AH" });
    expect(p.l.faults.map(([where, e]) => `${where}: ${e.name}`)).toEqual(["install: FieldError"]);
  });
});
