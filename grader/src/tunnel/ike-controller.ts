/**
 * The IKE side of the tunnel: every IKE SA and CHILD SA towards the one
 * configured peer, over one transport, for as long as the daemon runs.
 *
 * Each IKE SA is an IkePeer (grader/src/ike/peer.ts) running the chosen
 * implementation's step functions; this file decides when to start one,
 * routes each datagram to the right one, and keeps time:
 *
 * - Routing (RFC 2408 section 3.1): by the cookies in the header, then by
 *   Message ID inside the IkePeer. A phase 1 message 1 (zero responder
 *   cookie, Message ID 0) with cookies we do not know starts a new responder
 *   exchange even while an older IKE SA lives: that is what a restarted peer
 *   sends. Anything else with unknown cookies is dropped, as is anything
 *   from an address other than the configured peer.
 * - CHILD SAs (RFC 2409 section 5.5): quick modes on any established IKE SA,
 *   started by either side. IKEv1 CHILD SAs do not belong to the IKE SA that
 *   made them: a Delete for the IKE SA leaves them up, so they live in one
 *   table shared by all IKE SAs (strongSwan does the same).
 * - Rekeying (chapter 10 rekeyTimes, rekeyActions): each CHILD SA gets a
 *   soft lifetime at install; when the newest one reaches it a new quick
 *   mode starts (on the newest IKE SA, or a new phase 1 if none is left).
 *   The new SA is announced (childUp) before the old one goes (childDown
 *   "rekeyed" after a Delete, with deleteRekeyed, or "expired" at its hard
 *   lifetime): make-before-break. The responder of a quick mode (or of a
 *   phase 1, for the IKE SA) schedules its rekey 2 s later than the
 *   initiator would with the same jitter, so the two rarely start one each.
 * - IKE SA lifetime: at its soft lifetime (same margin and jitter) the newest
 *   IKE SA is replaced by a new phase 1 (no quick mode: the CHILD SAs carry
 *   on); once the new one is up the old one is deleted with a Delete. An IKE
 *   SA that reaches its hard lifetime is forgotten without a Delete.
 * - Dead peer detection (RFC 3706, chapter 10 DpdMonitor): per IKE SA, when
 *   configured and both sides announced it. Authenticated ESP (`heard`)
 *   counts as traffic for the newest IKE SA, the one whose CHILD SA carries
 *   it; older IKE SAs prove their peer alive with R-U-THERE-ACKs. A dead
 *   peer takes its IKE SA and that SA's CHILD SAs with it (childDown
 *   "peer-dead"), so the next packet from TUN starts afresh (`initiate`).
 * - A message that fails (malformed, bad hash, refused) is dropped and
 *   counted; it never ends a working IKE SA.
 */
import { equalBytes } from "@course/bytes.ts";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { ExchangeType } from "@course/isakmp-names.ts";
import type { Clock } from "../ike/clock.ts";
import { fitRekeyPolicy, type PeerSettings } from "../ike/config.ts";
import type { ChildSa, DpdMonitor, DpdPolicy, Endpoint, IkeModules, IkeSa, LiveSa, Notification, RekeyPolicy, SaTimes } from "../ike/modules.ts";
import { IkePeer } from "../ike/peer.ts";
import type { DatagramHandler, Transport } from "../ike/transport.ts";
import { hex, hex32 } from "../teach/hexdump.ts";
import type { DropReason } from "./drops.ts";
import type { LogLevel } from "./log.ts";

export interface ControllerPolicy {
  /** Chapter 10; undefined = do not ask (still answer). */
  readonly dpd?: DpdPolicy;
  /** Chapter 10 margin/rand, seconds. */
  readonly rekey: RekeyPolicy;
  readonly deleteRekeyed: boolean;
}

export type ChildDownReason = "deleted-by-peer" | "rekeyed" | "expired" | "peer-dead" | "shutdown";

export interface ControllerEvents {
  /** Install in the data plane (make-before-break: the old SA is still there). */
  childUp(child: ChildSa): void;
  childDown(child: ChildSa, why: ChildDownReason): void;
  /** A phase 1 completed (the daemon writes its key for Wireshark's ikev1_decryption_table). */
  ikeUp?(ike: IkeSa): void;
  drop(reason: DropReason, detail: string): void;
  log(level: LogLevel, line: string): void;
}

export interface IkeSaStatus {
  readonly cookies: string;
  readonly mode: "main" | "aggressive";
  readonly role: "initiator" | "responder";
  /** "negotiating", "established", or "replacing" once past its soft lifetime. */
  readonly state: string;
  readonly lifetimeSeconds: number;
  readonly ageSeconds: number;
  readonly dpd?: { readonly lastHeardSecondsAgo: number; readonly outstanding: number };
}

export interface ChildSaStatus {
  readonly spiIn: string;
  readonly spiOut: string;
  /** The inbound SPI as a number, the key of the data plane's counters. */
  readonly inboundSpi: number;
  readonly protocol: ChildSa["protocol"];
  readonly encryption: string;
  readonly integrity: string;
  readonly mode: string;
  readonly ageSeconds: number;
  readonly rekeyInSeconds: number;
  readonly expiresInSeconds: number;
}

export interface ControllerStatus {
  readonly ike: IkeSaStatus[];
  readonly children: ChildSaStatus[];
  /** IKE datagrams received and sent (all of them, dropped ones included). */
  readonly ikeIn: number;
  readonly ikeOut: number;
}

/** One IKE SA (or the phase 1 exchange that may become one). */
interface IkeEntry {
  readonly peer: IkePeer;
  /** Where the controller hands this IKE SA its datagrams (the IkePeer's transport handler). */
  readonly deliver: DatagramHandler;
  readonly createdAt: number;
  ike?: IkeSa;
  establishedAt?: number;
  /** Past its soft lifetime: a newer IKE SA replaces it. */
  soft: boolean;
  dpd?: { readonly monitor: DpdMonitor; lastHeard: number; outstanding: number };
  readonly timers: (() => void)[];
  cancelDpd?: () => void;
}

/** What the controller knows of a CHILD SA beyond chapter 09's ChildSa. */
interface ChildEntry {
  readonly times: SaTimes;
  /** The IKE SA it belongs to for DPD: the one that made it, or the newest one after that is gone. */
  ike: IkeEntry | undefined;
}

/** After a rekey quick mode failed, wait this long before the next attempt. */
const REKEY_RETRY_MS = 5_000;
/**
 * With deleteRekeyed, how long the old CHILD SA stays after its successor is
 * installed: the peer installs the new one a message later (quick mode
 * message 3, or its retransmission) and sends on the old one until then.
 */
const DELETE_GRACE_S = 10;
/** How much later the responder of an exchange rekeys its SA than the same jitter would say. */
const RESPONDER_DEFER_S = 2;

/**
 * When both sides drew the same jitter, the responder of the exchange that
 * made the SA waits a little longer, so the initiator's rekey arrives before
 * its own would start, instead of the two crossing (two new SAs for one).
 */
function deferResponder(times: SaTimes, role: "initiator" | "responder"): SaTimes {
  if (role === "initiator") return times;
  return { ...times, softAt: times.softAt + Math.min(RESPONDER_DEFER_S, (times.hardAt - times.softAt) / 2) };
}
/** RFC 2409 section 5.5: with no lifetime in the SA payload, 8 hours. */
const DEFAULT_CHILD_LIFETIME_S = 28_800;
const ZERO_COOKIE = new Uint8Array(8);

export class IkeController {
  readonly #m: IkeModules;
  readonly #s: PeerSettings;
  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #policy: ControllerPolicy;
  readonly #events: ControllerEvents;
  readonly #entries: IkeEntry[] = [];
  /** The CHILD SA table every IkePeer adds to and removes from. */
  readonly #table: ChildSa[] = [];
  readonly #childInfo = new Map<ChildSa, ChildEntry>();
  /** The IKE SA on which a quick mode we started is under way. */
  #quickOn: IkeEntry | undefined;
  #rekeyRetryAt = 0;
  #cancelRekey: (() => void) | undefined;
  #ikeIn = 0;
  #ikeOut = 0;
  #closed = false;

  constructor(modules: IkeModules, settings: PeerSettings, transport: Transport, clock: Clock, policy: ControllerPolicy, events: ControllerEvents) {
    this.#m = modules;
    this.#s = settings;
    this.#transport = transport;
    this.#clock = clock;
    this.#policy = policy;
    this.#events = events;
    transport.onDatagram((d, port, from) => this.#receive(d, port, from));
  }

  /** Phase 1 + quick mode, unless a CHILD SA is up or a negotiation is under way. */
  initiate(): void {
    if (this.#closed || this.#busy()) return;
    const now = this.#seconds();
    if ([...this.#childInfo.values()].some((c) => c.times.hardAt > now)) return;
    this.#negotiate("traffic for the peer and no CHILD SA");
  }

  /** Authenticated traffic from the peer (ESP): it is alive. */
  heard(): void {
    const newest = this.#newest();
    if (newest?.dpd) this.#alive(newest);
  }

  /** A byte-based soft lifetime: replace this CHILD SA now, if it is the one carrying traffic. */
  rekey(inboundSpi: number): void {
    const child = this.#table.find((c) => c.inbound.spi === inboundSpi);
    if (!child || this.#closed || this.#busy()) return;
    try {
      if (this.#m.outboundSa(this.#live(), this.#seconds()) !== child) return;
    } catch (e) {
      this.#events.log("error", `no rekeying: ${(e as Error).message}`);
      return;
    }
    this.#negotiate(`CHILD SA ${hex32(inboundSpi)} reached its soft lifetime in bytes`);
  }

  status(): ControllerStatus {
    const now = this.#clock.now();
    const seconds = (ms: number) => Math.round(ms / 1000);
    const ike = this.#entries.map((e): IkeSaStatus => {
      const c = e.peer.cookies;
      return {
        cookies: c ? `${hex(c.ckyI)}/${hex(c.ckyR)}` : "-",
        mode: e.ike?.mode ?? this.#s.mode,
        role: e.peer.role ?? "responder",
        state: !e.ike ? "negotiating" : e.soft ? "replacing" : "established",
        lifetimeSeconds: e.ike?.suite.lifetimeSeconds ?? this.#s.phase1.suites[0]!.lifetimeSeconds,
        ageSeconds: seconds(now - (e.establishedAt ?? e.createdAt)),
        ...(e.dpd ? { dpd: { lastHeardSecondsAgo: seconds(now - e.dpd.lastHeard), outstanding: e.dpd.outstanding } } : {}),
      };
    });
    const nowS = now / 1000;
    const children = this.#table.map((c): ChildSaStatus => {
      const t = this.#childInfo.get(c)?.times ?? { installedAt: nowS, softAt: nowS, hardAt: nowS };
      return {
        spiIn: hex32(c.inbound.spi),
        spiOut: hex32(c.outbound.spi),
        inboundSpi: c.inbound.spi,
        protocol: c.protocol,
        encryption: c.encryption ?? "none",
        integrity: c.integrity,
        mode: c.udpEncapsulation ? `${c.mode}, in UDP` : c.mode,
        ageSeconds: Math.round(nowS - t.installedAt),
        rekeyInSeconds: Math.max(0, Math.round(t.softAt - nowS)),
        expiresInSeconds: Math.max(0, Math.round(t.hardAt - nowS)),
      };
    });
    return { ike, children, ikeIn: this.#ikeIn, ikeOut: this.#ikeOut };
  }

  /** Deletes for every CHILD SA, then for every IKE SA (RFC 2408 section 4.8); every timer stops. */
  async shutdown(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#cancelRekey?.();
    const children = [...this.#table];
    const established = this.#entries.filter((e) => e.ike);
    const newest = this.#newest();
    try {
      newest?.peer.deleteSas();
      for (const e of established) e.peer.deleteIkeSa();
    } catch (e) {
      this.#events.log("warn", `the Deletes could not all be sent: ${(e as Error).message}`);
    }
    this.#table.splice(0);
    for (const c of children) this.#childGone(c, "shutdown");
    for (const e of [...this.#entries]) await this.#remove(e, false);
  }

  // ---- receiving ----

  #receive(datagram: Uint8Array, localPort: number, from: Endpoint): void {
    this.#ikeIn++;
    if (this.#closed) return;
    const remote = this.#s.phase1.remote.address;
    if (from.address !== remote) {
      this.#drop("ike-unknown-peer", `an IKE message from ${from.address}:${from.port}; the configured peer is ${remote}`);
      return;
    }
    let header;
    try {
      header = this.#m.decodeHeader(datagram);
    } catch (e) {
      this.#drop("ike-malformed", `a datagram on UDP ${localPort} whose ISAKMP header does not decode: ${(e as Error).message}`);
      return;
    }
    const entry = this.#route(header.initiatorSpi, header.responderSpi);
    if (entry) {
      entry.deliver(datagram, localPort, from);
      return;
    }
    const phase1 = header.exchangeType === ExchangeType.IDENTITY_PROTECTION || header.exchangeType === ExchangeType.AGGRESSIVE;
    if (phase1 && header.messageId === 0 && equalBytes(header.responderSpi, ZERO_COOKIE)) {
      const created = this.#newEntry({ role: "responder" });
      this.#events.log("info", `the peer starts a new phase 1 (initiator cookie ${hex(header.initiatorSpi)})`);
      created.deliver(datagram, localPort, from);
      // A message 1 the responder could not take leaves no exchange behind.
      if (!created.peer.cookies) void this.#remove(created, false);
      return;
    }
    this.#drop("ike-unknown-sa", `exchange type ${header.exchangeType}, Message ID ${hex32(header.messageId)}, for cookies ${hex(header.initiatorSpi)}/${hex(header.responderSpi)} that name no IKE SA of ours`);
  }

  /** The IKE SA these cookies name; a zero responder cookie on either side matches (phase 1 before message 2). */
  #route(ckyI: Uint8Array, ckyR: Uint8Array): IkeEntry | undefined {
    let loose: IkeEntry | undefined;
    for (const e of this.#entries) {
      const c = e.peer.cookies;
      if (!c || !equalBytes(c.ckyI, ckyI)) continue;
      if (equalBytes(c.ckyR, ckyR)) return e;
      if (equalBytes(c.ckyR, ZERO_COOKIE) || equalBytes(ckyR, ZERO_COOKIE)) loose ??= e;
    }
    return loose;
  }

  #drop(reason: DropReason, detail: string): void {
    this.#events.drop(reason, detail);
  }

  // ---- IKE SAs ----

  #newEntry(how: { role: "initiator" | "responder"; phase1Only?: boolean }): IkeEntry {
    let deliver: DatagramHandler = () => {};
    // The IkePeer's own view of the transport: sends go out (and are
    // counted), datagrams come only from the controller's routing.
    const view: Transport = {
      address: this.#transport.address,
      send: (d, port, to) => {
        this.#ikeOut++;
        this.#transport.send(d, port, to);
      },
      onDatagram: (h) => {
        deliver = h;
      },
      close: async () => {},
    };
    const peer = new IkePeer(this.#m, this.#s, view, this.#clock, {
      log: (line) => this.#events.log("debug", line),
      phase1Only: how.phase1Only ?? false,
      children: this.#table,
      events: {
        established: (ike) => this.#established(entry, ike, how.role === "initiator" && !how.phase1Only),
        child: (child, role) => this.#childUp(entry, child, role),
        deleted: (children, ikeSa) => this.#deletedByPeer(entry, children, ikeSa),
        heard: () => {
          if (entry.dpd) this.#alive(entry);
        },
        notify: (n) => this.#notify(entry, n),
        drop: (reason, detail) => this.#drop(reason, detail),
        failed: (error) => this.#failed(entry, error),
      },
    });
    // The events above fire only once datagrams arrive, after this line.
    const entry: IkeEntry = { peer, deliver: (d, port, from) => deliver(d, port, from), createdAt: this.#clock.now(), soft: false, timers: [] };
    this.#entries.push(entry);
    if (how.role === "initiator") void entry.peer.initiate();
    else void entry.peer.respond();
    return entry;
  }

  /** The newest established IKE SA still in use. */
  #newest(): IkeEntry | undefined {
    let best: IkeEntry | undefined;
    for (const e of this.#entries) if (e.ike && (!best || e.establishedAt! > best.establishedAt!)) best = e;
    return best;
  }

  /**
   * A phase 1 or a quick mode of ours is under way (a rekey then waits for
   * it). A phase 1 the peer started does not count: one it abandons would
   * otherwise hold up our own until its retransmissions give up.
   */
  #busy(): boolean {
    return this.#quickOn !== undefined || this.#ownPhase1() || this.#clock.now() < this.#rekeyRetryAt;
  }

  #ownPhase1(): boolean {
    return this.#entries.some((e) => !e.ike && e.peer.role === "initiator");
  }

  /** A new CHILD SA: a quick mode on the newest IKE SA, or phase 1 first when there is none. */
  #negotiate(why: string): void {
    const newest = this.#newest();
    if (newest) {
      this.#events.log("info", `${why}: quick mode on IKE SA ${this.#name(newest)}`);
      this.#quickOn = newest;
      newest.peer.startQuickMode();
    } else {
      this.#events.log("info", `${why}: phase 1 (${this.#s.mode} mode) with ${this.#s.phase1.remote.address}`);
      this.#newEntry({ role: "initiator" });
    }
  }

  #name(e: IkeEntry): string {
    const c = e.peer.cookies;
    return c ? `${hex(c.ckyI)}/${hex(c.ckyR)}` : "(no cookies yet)";
  }

  #established(entry: IkeEntry, ike: IkeSa, quickFollows: boolean): void {
    entry.ike = ike;
    entry.establishedAt = this.#clock.now();
    if (quickFollows) this.#quickOn = entry;
    this.#events.log("info", `IKE SA ${this.#name(entry)} established (${ike.mode} mode, ${ike.role}, ${ike.suite.lifetimeSeconds} s)`);
    this.#events.ikeUp?.(ike);
    // The IKE SAs this one replaces go now, with a Delete (their CHILD SAs stay).
    for (const old of this.#entries.filter((e) => e !== entry && e.ike && e.soft)) {
      this.#events.log("info", `IKE SA ${this.#name(old)} replaced by ${this.#name(entry)}: deleting it`);
      old.peer.deleteIkeSa();
      void this.#remove(old, true);
    }
    this.#startDpd(entry);
    this.#ikeLifetime(entry, ike);
    // A rekey that waited for this phase 1 (one of ours was under way) may start now.
    this.#reschedule();
  }

  /** RFC 3706 section 5.1: only when both sides sent the DPD vendor ID. */
  #startDpd(entry: IkeEntry): void {
    const policy = this.#policy.dpd;
    if (!policy) return;
    const ours = [...this.#s.phase1.vendorIds.sa, ...this.#s.phase1.vendorIds.keyExchange];
    try {
      if (!this.#m.dpdNegotiated(ours, entry.peer.peerVendorIds)) {
        this.#events.log("info", `IKE SA ${this.#name(entry)}: the peer did not announce DPD, so it is never asked R-U-THERE`);
        return;
      }
      const now = this.#clock.now();
      entry.dpd = { monitor: new this.#m.DpdMonitor(policy, this.#m.firstDpdSequence(this.#s.phase1.random), now), lastHeard: now, outstanding: 0 };
    } catch (e) {
      this.#events.log("error", `IKE SA ${this.#name(entry)}: no dead peer detection: ${(e as Error).message}`);
      return;
    }
    this.#armDpd(entry);
  }

  #armDpd(entry: IkeEntry): void {
    entry.cancelDpd?.();
    const deadline = entry.dpd?.monitor.nextDeadline();
    if (deadline === undefined) return;
    entry.cancelDpd = this.#clock.timer(deadline - this.#clock.now(), () => {
      const dpd = entry.dpd!;
      const action = dpd.monitor.due(this.#clock.now());
      if (action === "dead") {
        this.#peerDead(entry, dpd.outstanding);
        return;
      }
      if (action) {
        dpd.outstanding++;
        entry.peer.rUThere(action.sequence);
      }
      this.#armDpd(entry);
    });
  }

  #alive(entry: IkeEntry): void {
    const dpd = entry.dpd!;
    const now = this.#clock.now();
    dpd.monitor.traffic(now);
    dpd.lastHeard = now;
    dpd.outstanding = 0;
  }

  /** R-U-THERE-ACK (RFC 3706 section 5.3): alive if it answers the question we are waiting on. */
  #notify(entry: IkeEntry, n: Notification): void {
    if (n.messageType !== NotifyType.R_U_THERE_ACK || !entry.dpd || !entry.ike) return;
    try {
      const sequence = this.#m.dpdSequence(entry.ike, n);
      if (entry.dpd.monitor.acknowledged(sequence, this.#clock.now())) {
        entry.dpd.lastHeard = this.#clock.now();
        entry.dpd.outstanding = 0;
      } else this.#events.log("debug", `R-U-THERE-ACK ${sequence} answers no question of ours: ignored`);
    } catch (e) {
      this.#drop("ike-malformed", `an R-U-THERE-ACK: ${(e as Error).message}`);
    }
  }

  /**
   * An IKE SA whose peer stopped answering. If the peer still answers on
   * another IKE SA (its Delete for this one was lost, say), only this IKE
   * SA is gone: the CHILD SA carrying traffic stays, under the live one.
   * Otherwise the peer is dead: this IKE SA's CHILD SAs go too.
   */
  #peerDead(entry: IkeEntry, unanswered: number): void {
    const live = this.#entries.find((e) => e !== entry && e.ike && e.dpd && e.dpd.outstanding === 0);
    let inUse: ChildSa | undefined;
    try {
      inUse = live ? this.#m.outboundSa(this.#live(), this.#seconds()) : undefined;
    } catch {
      inUse = undefined;
    }
    this.#events.log("warn", `dead peer: ${unanswered} R-U-THERE on IKE SA ${this.#name(entry)} went unanswered; removing it${live ? ` (the peer answers on ${this.#name(live)})` : " and its CHILD SAs"}`);
    for (const [child, info] of [...this.#childInfo]) {
      if (info.ike !== entry && info.ike !== undefined) continue;
      if (child === inUse) {
        info.ike = live;
        continue;
      }
      this.#unlist(child);
      this.#childGone(child, "peer-dead");
    }
    void this.#remove(entry, false);
    this.#reschedule();
  }

  /** Soft lifetime: a new phase 1 replaces the newest IKE SA; hard lifetime: it is forgotten. */
  #ikeLifetime(entry: IkeEntry, ike: IkeSa): void {
    const lifetime = ike.suite.lifetimeSeconds;
    let times: SaTimes;
    try {
      times = deferResponder(this.#m.rekeyTimes(this.#seconds(), lifetime, fitRekeyPolicy(this.#policy.rekey, lifetime), this.#s.phase1.random), ike.role);
    } catch (e) {
      this.#events.log("error", `IKE SA ${this.#name(entry)}: no rekey schedule: ${(e as Error).message}`);
      return;
    }
    const at = (seconds: number, fn: () => void) => entry.timers.push(this.#clock.timer(seconds * 1000 - this.#clock.now(), fn));
    at(times.softAt, () => {
      entry.soft = true;
      if (this.#newest() !== entry || this.#ownPhase1()) return;
      this.#events.log("info", `IKE SA ${this.#name(entry)} reaches its soft lifetime: a new phase 1 replaces it`);
      this.#newEntry({ role: "initiator", phase1Only: true });
    });
    at(times.hardAt, () => {
      this.#events.log("info", `IKE SA ${this.#name(entry)} reached its hard lifetime (${lifetime} s): forgotten`);
      void this.#remove(entry, true);
      this.#reschedule();
    });
  }

  #deletedByPeer(entry: IkeEntry, children: readonly ChildSa[], ikeSa: boolean): void {
    for (const c of children) this.#childGone(c, "deleted-by-peer");
    if (ikeSa) {
      this.#events.log("info", `the peer deleted IKE SA ${this.#name(entry)}; its CHILD SAs stay until their own Delete or expiry`);
      void this.#remove(entry, true);
    }
    this.#reschedule();
  }

  #failed(entry: IkeEntry, error: Error): void {
    if (!entry.ike) {
      this.#events.log("warn", `phase 1 with ${this.#s.phase1.remote.address} failed: ${error.message}`);
      void this.#remove(entry, false);
    } else {
      this.#events.log("warn", `IKE SA ${this.#name(entry)}: ${error.message}`);
      if (this.#quickOn === entry) this.#quickOn = undefined;
      this.#rekeyRetryAt = this.#clock.now() + REKEY_RETRY_MS;
    }
    this.#reschedule();
  }

  /** Takes an IKE SA out; its CHILD SAs go to the newest remaining one (`adopt`) or to none. */
  async #remove(entry: IkeEntry, adopt: boolean): Promise<void> {
    const i = this.#entries.indexOf(entry);
    if (i < 0) return;
    this.#entries.splice(i, 1);
    for (const cancel of entry.timers) cancel();
    entry.cancelDpd?.();
    // A quick mode of ours on it ends with it.
    if (this.#quickOn === entry) this.#quickOn = undefined;
    const heir = adopt ? this.#newest() : undefined;
    for (const info of this.#childInfo.values()) if (info.ike === entry) info.ike = heir;
    await entry.peer.close();
  }

  // ---- CHILD SAs ----

  #childUp(entry: IkeEntry, child: ChildSa, role: "initiator" | "responder"): void {
    if (role === "initiator" && this.#quickOn === entry) this.#quickOn = undefined;
    const lifetime = child.lifetime.seconds ?? DEFAULT_CHILD_LIFETIME_S;
    const now = this.#seconds();
    let times: SaTimes;
    try {
      times = deferResponder(this.#m.rekeyTimes(now, lifetime, fitRekeyPolicy(this.#policy.rekey, lifetime), this.#s.phase2.random), role);
    } catch (e) {
      // Without the chapter 10 schedule the SA still works, until its hard lifetime.
      this.#events.log("error", `CHILD SA ${hex32(child.inbound.spi)}: no rekey schedule: ${(e as Error).message}`);
      times = { installedAt: now, softAt: now + lifetime, hardAt: now + lifetime };
    }
    this.#childInfo.set(child, { times, ike: entry });
    this.#events.log("info", `CHILD SA up: ${child.protocol} in ${hex32(child.inbound.spi)} out ${hex32(child.outbound.spi)}, ${child.localSubnet} === ${child.remoteSubnet}, ${lifetime} s, rekey in ${Math.round(times.softAt - now)} s`);
    this.#events.childUp(child);
    this.#reschedule();
  }

  #childGone(child: ChildSa, why: ChildDownReason): void {
    if (!this.#childInfo.delete(child)) return;
    this.#events.log("info", `CHILD SA down (${why}): in ${hex32(child.inbound.spi)} out ${hex32(child.outbound.spi)}`);
    this.#events.childDown(child, why);
  }

  /** Takes a CHILD SA out of the shared table, without telling the peer. */
  #unlist(child: ChildSa): void {
    const i = this.#table.indexOf(child);
    if (i >= 0) this.#table.splice(i, 1);
  }

  #live(): LiveSa<ChildSa>[] {
    return this.#table.flatMap((sa) => {
      const info = this.#childInfo.get(sa);
      return info ? [{ sa, times: info.times }] : [];
    });
  }

  /** Runs chapter 10's rekeyActions now and sets the timer for the next soft or hard lifetime. */
  #reschedule(): void {
    this.#cancelRekey?.();
    this.#cancelRekey = undefined;
    if (this.#closed) return;
    const now = this.#seconds();
    let actions, newest;
    try {
      actions = this.#m.rekeyActions(this.#live(), now, { rekeying: this.#busy(), deleteRekeyed: this.#policy.deleteRekeyed });
      newest = this.#m.outboundSa(this.#live(), now);
    } catch (e) {
      this.#events.log("error", `no rekeying: ${(e as Error).message}`);
      return;
    }
    const graceEnd = newest === undefined ? -Infinity : this.#childInfo.get(newest)!.times.installedAt + DELETE_GRACE_S;
    const settled = now >= graceEnd;
    for (const a of actions) {
      // The responder of the quick mode installs its SA only when message 3 arrives (later still if it is lost): until then it may still send on the old one.
      if (a.kind === "delete" && !settled) continue;
      if (a.kind === "rekey") this.#negotiate(`CHILD SA ${hex32(a.sa.inbound.spi)} reached its soft lifetime`);
      else if (a.kind === "delete") {
        const info = this.#childInfo.get(a.sa);
        const via = info?.ike?.ike ? info.ike : this.#newest();
        if (via) via.peer.deleteChildren([a.sa]);
        else this.#unlist(a.sa);
        this.#childGone(a.sa, "rekeyed");
      } else {
        this.#unlist(a.sa);
        this.#childGone(a.sa, "expired");
      }
    }
    let next = Infinity;
    for (const { times } of this.#live()) {
      if (times.softAt > now) next = Math.min(next, times.softAt);
      next = Math.min(next, times.hardAt);
    }
    if (this.#rekeyRetryAt > this.#clock.now()) next = Math.min(next, this.#rekeyRetryAt / 1000);
    if (!settled) next = Math.min(next, graceEnd);
    // A whole millisecond past the deadline: a timer that fired a hair early
    // (seconds and milliseconds do not round alike) would find nothing due
    // and set itself again for the same instant.
    if (next !== Infinity) this.#cancelRekey = this.#clock.timer(Math.max(0, Math.ceil(next * 1000 - this.#clock.now())) + 1, () => this.#reschedule());
  }

  /** Chapter 10 counts SA lifetimes in seconds. */
  #seconds(): number {
    return this.#clock.now() / 1000;
  }
}
