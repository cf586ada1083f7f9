/**
 * The IKEv1 peer: phase 1 (main or aggressive mode), then quick mode, over a
 * transport, with the chosen implementation's step functions doing all the
 * protocol work. This file only keeps the exchanges apart (by cookies and
 * Message ID, RFC 2408 section 3.1), sends what a step returns, retransmits
 * with the learner's Retransmitter, answers duplicates with the reply already
 * sent (RFC 2409 section 5: a retransmission is answered, never re-derived),
 * moves to UDP 4500 when NAT traversal asks for it (RFC 3947 section 4) and
 * answers informational exchanges (DPD, delete).
 *
 * One IkePeer is one IKE SA. `ipsec-course ike` runs one and waits for its
 * first CHILD SA; the tunnel's IKE controller runs one per IKE SA (a
 * restarted peer, a rekeyed IKE SA) and follows it through `events`: more
 * quick modes on it (`startQuickMode`), DPD questions (`rUThere`), Deletes.
 * Phase 1 failing ends the IkePeer; once the IKE SA exists, a bad message
 * is dropped and a failed quick mode ends that exchange only.
 */
import { equalBytes } from "@course/bytes.ts";
import { NegotiationError, PacketError } from "@course/errors.ts";
import { ExchangeType, PayloadType } from "@course/isakmp-names.ts";
import { NOTIFY_TYPE_NAMES, NotifyType } from "@course/isakmp-attributes.ts";
import type { Payload } from "../../../solutions/03-payloads/message.ts";
import type { Clock } from "./clock.ts";
import { FAKE_NAT_PORT, type PeerSettings } from "./config.ts";
import type { Role } from "../../../solutions/07-main-mode/exchange.ts";
import type { ChildSa, Endpoint, IkeModules, IkeSa, Notification, Phase1State, QuickState, Retransmitter } from "./modules.ts";
import { isMessageFault, refusalReason } from "./refusal.ts";
import { IKE_PORT, NAT_T_PORT, type Transport } from "./transport.ts";
import { hex, hex32 } from "../teach/hexdump.ts";
import type { IkeDropReason } from "../tunnel/drops.ts";

/** What happens to the IKE SA, for a caller that keeps it beyond the first CHILD SA. */
export interface PeerEvents {
  established?(ike: IkeSa): void;
  /** A quick mode completed; `role` is ours in that quick mode. */
  child?(child: ChildSa, role: Role): void;
  /** The peer's (authenticated) Delete removed these CHILD SAs, or the IKE SA itself. */
  deleted?(children: readonly ChildSa[], ikeSa: boolean): void;
  /** A quick mode message of the peer passed its hash and was accepted: the peer is alive (RFC 3706 section 5.4). */
  heard?(): void;
  /** A protected notification other than R-U-THERE (which is answered here): R-U-THERE-ACK, say. */
  notify?(n: Notification): void;
  /** A message was dropped: why, in the tunnel's words, and what it was. */
  drop?(reason: IkeDropReason, detail: string): void;
  /** Phase 1 failed (the IkePeer is finished), or a quick mode exchange ended without a CHILD SA. */
  failed?(error: Error): void;
}

export interface PeerOptions {
  /** Progress lines (sent, received, retransmitted, established). */
  readonly log?: (line: string) => void;
  /** Stop at the IKE SA: no quick mode (a capture of phase 1 alone needs no chapter 09 code). */
  readonly phase1Only?: boolean;
  /**
   * The CHILD SA table quick modes add to and Deletes remove from; default a
   * table of its own. IKEv1 CHILD SAs outlive the IKE SA that made them
   * (RFC 2409 section 5.5), so the controller shares one table between IKE SAs.
   */
  readonly children?: ChildSa[];
  readonly events?: PeerEvents;
}

export interface PeerOutcome {
  readonly ike: IkeSa;
  readonly children: readonly ChildSa[];
  /** From our first message (initiator) or the peer's first message (responder) to the first CHILD SA (or the IKE SA, phase1Only), in ms. */
  readonly handshakeMs: number;
}

/** Where the IKE SA's messages go: our port and the peer's endpoint. */
interface Path {
  localPort: number;
  remote: Endpoint;
}

/**
 * What the exchange does with the peer's next message: run the step (pure,
 * it may throw) and return what to do once the message is accepted (send,
 * establish). A malformed message then changes nothing.
 */
type Next<S> = ((state: S, datagram: Uint8Array) => () => void) | undefined;

/** One exchange (phase 1, or one quick mode Message ID): its retransmitter and what the next message is for. */
interface Exchange<S> {
  readonly name: string;
  /** A quick mode's Message ID; phase 1 has none of its own. */
  readonly messageId?: number;
  readonly retx: Retransmitter;
  state: S;
  next: Next<S>;
  cancel?: () => void;
}

/** What a peer says when our MM5/MM6 decrypts to garbage or its hash fails (RFC 2408 section 3.14.1). */
const WRONG_KEY_SIGNS: ReadonlySet<number> = new Set([NotifyType.INVALID_PAYLOAD_TYPE, NotifyType.INVALID_HASH_INFORMATION, NotifyType.AUTHENTICATION_FAILED]);

export class IkePeer {
  readonly #m: IkeModules;
  readonly #s: PeerSettings;
  readonly #transport: Transport;
  readonly #clock: Clock;
  readonly #log: (line: string) => void;
  readonly #phase1Only: boolean;
  readonly #events: PeerEvents;
  #role: Role | undefined;
  #started = 0;
  #phase1: Exchange<Phase1State> | undefined;
  #path: Path;
  #ike: IkeSa | undefined;
  readonly #quick = new Map<number, Exchange<QuickState | undefined>>();
  readonly #children: ChildSa[];
  /** Vendor IDs in the peer's cleartext phase 1 messages (DPD support, RFC 3706 section 5.1). */
  readonly #peerVendorIds: Uint8Array[] = [];
  #outcome: PeerOutcome | undefined;
  /** Why the first CHILD SA (or the IKE SA) never came: what `result` rejects with. */
  #error: Error | undefined;
  /** Phase 1 failed: this IkePeer handles nothing more. */
  #finished = false;
  /** An error the peer notified in clear during phase 1: reported if the exchange then dies. */
  #peerSaid: string | undefined;
  /** Why we last dropped a message: reported if the exchange then dies. */
  #lastDrop: string | undefined;
  /** What we wait for since our last message, for `waitingFor`. */
  #awaiting: string | undefined;
  /** Responder: the cookies of the message 1 being answered, to refuse it before any state exists. */
  #offer: { readonly ckyI: Uint8Array; readonly ckyR: Uint8Array } | undefined;
  readonly #settled: Promise<PeerOutcome>;
  #resolve!: (o: PeerOutcome) => void;
  #reject!: (e: Error) => void;

  constructor(modules: IkeModules, settings: PeerSettings, transport: Transport, clock: Clock, options: PeerOptions = {}) {
    this.#m = modules;
    this.#s = settings;
    this.#transport = transport;
    this.#clock = clock;
    this.#log = options.log ?? (() => {});
    this.#phase1Only = options.phase1Only ?? false;
    this.#children = options.children ?? [];
    this.#events = options.events ?? {};
    this.#path = { localPort: IKE_PORT, remote: settings.phase1.remote };
    this.#settled = new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A caller that only polls `outcome`/`error` (the virtual clock) must not see an unhandled rejection.
    this.#settled.catch(() => {});
    transport.onDatagram((d, port, from) => this.#receive(d, port, from));
  }

  /** The first CHILD SA is up (with its IKE SA), or the reason it never will be. */
  get result(): Promise<PeerOutcome> {
    return this.#settled;
  }
  get outcome(): PeerOutcome | undefined {
    return this.#outcome;
  }
  get error(): Error | undefined {
    return this.#error;
  }
  get ike(): IkeSa | undefined {
    return this.#ike;
  }
  get children(): readonly ChildSa[] {
    return this.#children;
  }
  get role(): Role | undefined {
    return this.#role;
  }
  /** The cookies of this IKE SA (the responder's still zero before its first reply). */
  get cookies(): { readonly ckyI: Uint8Array; readonly ckyR: Uint8Array } | undefined {
    return this.#ike ?? this.#phase1?.state;
  }
  get peerVendorIds(): readonly Uint8Array[] {
    return this.#peerVendorIds;
  }

  /** Where a negotiation that is taking too long stands: what we wait for, and any sign of why. */
  get waitingFor(): string {
    const stage = this.#awaiting ?? (this.#role === "responder" ? "a peer to start phase 1" : "nothing");
    const said = this.#peerSaid ? `; the peer said ${this.#peerSaid}` : "";
    const dropped = this.#lastDrop ? `; the last message we dropped: ${this.#lastDrop}` : "";
    return `${stage}${said}${dropped}`;
  }

  /** Starts phase 1 towards the configured remote peer. */
  initiate(): Promise<PeerOutcome> {
    this.#role = "initiator";
    this.#started = this.#clock.now();
    this.#guard("phase 1", () => {
      const m = this.#m;
      const main = this.#s.mode === "main";
      const step = (main ? m.mainMode1 : m.aggressive1)(m.initiatorState(this.#s.mode, this.#s.phase1));
      const ex: Exchange<Phase1State> = { name: main ? "main mode" : "aggressive mode", retx: this.#retransmitter(), state: step.state, next: undefined };
      this.#phase1 = ex;
      ex.next = main ? this.#phase1Step(ex, m.mainMode3, this.#phase1Step(ex, m.mainMode5, this.#phase1Step(ex, m.mainModeFinish, undefined))) : this.#phase1Step(ex, m.aggressive3, undefined);
      this.#send(ex, step.send, "message 1");
    });
    return this.#settled;
  }

  /** Waits for a peer to start phase 1. */
  respond(): Promise<PeerOutcome> {
    this.#role = "responder";
    return this.#settled;
  }

  #retransmitter(): Retransmitter {
    return this.#s.retransmit ? new this.#m.Retransmitter(this.#s.retransmit) : new this.#m.Retransmitter();
  }

  /**
   * Runs a phase 1 step; an exception ends the negotiation with a message
   * saying where it happened. `arrived`: the step was handling a message
   * from the peer, which is then also counted as dropped.
   */
  #guard(where: string, fn: () => void, arrived = false): void {
    if (this.#finished) return;
    try {
      fn();
    } catch (e) {
      this.#fail(e as Error, where, arrived);
    }
  }

  /** Phase 1 failed: nothing more happens on this IkePeer. */
  #fail(e: Error, where: string, arrived = false): void {
    if (this.#finished) return;
    if (this.#ike) {
      // A late phase 1 message the established IKE SA does not need.
      this.#drop(`a message of the ${where}`, e);
      return;
    }
    this.#finished = true;
    for (const ex of [this.#phase1, ...this.#quick.values()]) ex?.cancel?.();
    this.#log(`failed in ${where}: ${e.message}`);
    if (e instanceof NegotiationError) this.#tell(e);
    if (arrived) this.#events.drop?.(refusalReason(e), `a message of the ${where}: ${e.message}`);
    this.#failed(e, where);
  }

  #failed(e: Error, where: string): void {
    const error = new Error(`${where}: ${e.message}`, { cause: e });
    if (!this.#error && !this.#outcome) {
      this.#error = error;
      this.#reject(error);
    }
    this.#events.failed?.(error);
  }

  /**
   * Runs a quick mode step. A fault of the message (bytes, hash) drops it
   * and the exchange waits for a good copy; anything else ends this exchange
   * (never the IKE SA) and, before the first CHILD SA, the peer's `result`.
   */
  #quickGuard(name: string, messageId: number | undefined, fn: () => void): void {
    if (this.#finished) return;
    try {
      fn();
    } catch (e) {
      if (isMessageFault(e)) {
        this.#drop(`a message of the ${name}`, e as Error);
        return;
      }
      this.#quickFailed(name, messageId, e as Error);
    }
  }

  #quickFailed(name: string, messageId: number | undefined, e: Error): void {
    if (messageId !== undefined) {
      this.#quick.get(messageId)?.cancel?.();
      this.#quick.delete(messageId);
    }
    this.#log(`failed in ${name}: ${e.message}`);
    this.#failed(e, name);
  }

  /**
   * Tells the peer why phase 1 stopped, in clear: the peer may not share our
   * keys (a wrong PSK is exactly that case). RFC 2408 section 5.
   */
  #tell(error: NegotiationError): void {
    const cookies = this.#phase1?.state ?? this.#offer;
    if (this.#ike || !cookies || !this.#m.isError(error.notifyType)) return;
    const n = this.#m.errorNotification(cookies.ckyI, cookies.ckyR, error);
    this.#log(`-> informational: NOTIFY ${NOTIFY_TYPE_NAMES.get(error.notifyType) ?? error.notifyType}`);
    this.#sendRaw(this.#m.clearNotifyMessage(cookies.ckyI, cookies.ckyR, this.#messageId(), n));
  }

  #sendRaw(datagram: Uint8Array): void {
    this.#transport.send(datagram, this.#path.localPort, this.#path.remote);
  }

  /** Sends a step's message and arms the retransmission timer unless nothing more is expected. */
  #send<S>(ex: Exchange<S>, datagram: Uint8Array | undefined, what: string): void {
    if (!datagram) return;
    this.#log(`-> ${ex.name} ${what} (${datagram.length} octets) to ${this.#path.remote.address}:${this.#path.remote.port}`);
    this.#sendRaw(datagram);
    this.#awaiting = ex.next ? `an answer to our ${ex.name} ${what}` : `the peer's next message after our ${ex.name} ${what}`;
    // Our last message (no next step) needs no answer: it is only sent again
    // when the peer repeats the message it answered.
    ex.retx.sent(datagram, this.#clock.now(), ex.next !== undefined);
    this.#arm(ex);
  }

  #arm<S>(ex: Exchange<S>): void {
    ex.cancel?.();
    ex.cancel = undefined;
    const deadline = ex.retx.nextDeadline();
    if (deadline === undefined) return;
    ex.cancel = this.#clock.timer(deadline - this.#clock.now(), () => {
      const due = ex.retx.due(this.#clock.now());
      if (due === "give-up") {
        const error = new Error(`no answer from ${this.#path.remote.address}: waited for ${this.waitingFor}`);
        if (ex.messageId === undefined) this.#fail(error, ex.name);
        else this.#quickFailed(ex.name, ex.messageId, error);
        return;
      }
      if (due) {
        this.#log(`-> ${ex.name} retransmission (${due.length} octets)`);
        this.#sendRaw(due);
      }
      this.#arm(ex);
    });
  }

  /** A phase 1 handler: runs `step` on the message, then expects `then`. */
  #phase1Step(ex: Exchange<Phase1State>, step: (s: Phase1State, d: Uint8Array) => ReturnType<IkeModules["mainMode3"]>, then: Next<Phase1State>): Next<Phase1State> {
    return (state, datagram) => {
      const r = step(state, datagram);
      return () => {
        this.#noteVendorIds(datagram);
        ex.state = r.state;
        ex.next = then;
        this.#maybeFloat(r.state);
        this.#send(ex, r.send, `message ${r.state.messages}`);
        if (r.established) this.#established(r.established);
      };
    };
  }

  /**
   * RFC 3947 section 4: once NAT-D showed a NAT on either side, the
   * initiator sends from UDP 4500 to UDP 4500 (main mode message 5,
   * aggressive mode message 3) and everything after stays there.
   */
  #maybeFloat(state: Phase1State): void {
    if (this.#role !== "initiator" || this.#path.localPort === NAT_T_PORT) return;
    if (state.natT && state.nat && (state.nat.localBehindNat || state.nat.remoteBehindNat)) {
      this.#path = { localPort: NAT_T_PORT, remote: { address: this.#path.remote.address, port: NAT_T_PORT } };
      this.#log(`NAT detected (local ${state.nat.localBehindNat}, remote ${state.nat.remoteBehindNat}): moving to UDP 4500`);
    }
  }

  /**
   * Where the message being handled arrived: after the initiator's move to
   * 4500 its aggressive mode message 3 hashes those ports into NAT-D
   * (RFC 3947 section 3.2), so the responder must compare with them.
   */
  #arrival(): { local: Endpoint; remote: Endpoint } {
    // Under "encap" our side of the comparison names port 0, as our own NAT-D does (config.ts).
    const port = this.#s.encap ? FAKE_NAT_PORT : this.#path.localPort;
    return { local: { address: this.#transport.address, port }, remote: this.#path.remote };
  }

  /** The vendor IDs of a cleartext phase 1 message the exchange accepted. */
  #noteVendorIds(datagram: Uint8Array): void {
    try {
      if (this.#m.decodeHeader(datagram).flags.encryption) return;
      for (const p of this.#m.decodeMessage(datagram).payloads) if (p.type === PayloadType.VENDOR_ID) this.#peerVendorIds.push(p.data);
    } catch (e) {
      // The step accepted the message; only the list of the peer's features stays incomplete.
      this.#log(`could not list the peer's vendor IDs: ${(e as Error).message}`);
    }
  }

  #established(ike: IkeSa): void {
    this.#ike = ike;
    this.#log(`IKE SA established: ${hex(ike.ckyI)}/${hex(ike.ckyR)} (${ike.mode} mode, ${ike.role})`);
    this.#events.established?.(ike);
    if (this.#phase1Only) this.#settle(ike);
    else if (this.#role === "initiator") this.startQuickMode();
  }

  /** Starts a quick mode on the established IKE SA (the first CHILD SA, or a rekey: RFC 2409 section 5.5). */
  startQuickMode(): void {
    const ike = this.#ike;
    if (!ike) throw new Error("quick mode needs an established IKE SA");
    this.#quickGuard("quick mode", undefined, () => this.#startQuick(ike));
  }

  #startQuick(ike: IkeSa): void {
    const r = this.#m.quick1(ike, this.#s.phase2);
    const messageId = this.#m.decodeHeader(r.send).messageId;
    const ex: Exchange<QuickState | undefined> = { name: `quick mode ${hex32(messageId)}`, messageId, retx: this.#retransmitter(), state: r.state, next: undefined };
    ex.next = (state, datagram) => {
      const done = this.#m.quick3(state!, datagram);
      return () => {
        ex.next = undefined;
        this.#send(ex, done.send, "message 3");
        this.#child(done.child, "initiator");
      };
    };
    this.#quick.set(messageId, ex);
    this.#send(ex, r.send, "message 1");
  }

  #child(child: ChildSa, role: Role): void {
    this.#children.push(child);
    this.#log(`CHILD SA installed: ${child.protocol} in ${hex32(child.inbound.spi)}, out ${hex32(child.outbound.spi)} (${child.localSubnet} === ${child.remoteSubnet})`);
    this.#events.child?.(child, role);
    if (this.#ike) this.#settle(this.#ike);
  }

  #settle(ike: IkeSa): void {
    if (this.#outcome || this.#error) return;
    this.#outcome = { ike, children: this.#children, handshakeMs: this.#clock.now() - this.#started };
    this.#resolve(this.#outcome);
  }

  #receive(datagram: Uint8Array, localPort: number, from: Endpoint): void {
    let header;
    try {
      header = this.#m.decodeHeader(datagram);
    } catch (e) {
      this.#dropped("ike-malformed", `a datagram from ${from.address}:${from.port} whose ISAKMP header does not decode: ${(e as Error).message}`);
      return;
    }
    // The responder answers where the request came from (RFC 3947 section 4: the initiator picks the port).
    if (this.#role === "responder") this.#path = { localPort, remote: from };
    switch (header.exchangeType) {
      case ExchangeType.IDENTITY_PROTECTION:
      case ExchangeType.AGGRESSIVE:
        this.#guard(this.#phase1?.name ?? "phase 1", () => this.#onPhase1(datagram, header), true);
        return;
      case ExchangeType.QUICK_MODE:
        this.#quickGuard(`quick mode ${hex32(header.messageId)}`, header.messageId, () => this.#onQuick(datagram, header));
        return;
      case ExchangeType.INFORMATIONAL:
        // A notify or delete we cannot open or apply is dropped: it never ends our SAs.
        try {
          if (!this.#finished) this.#onInformational(datagram, header);
        } catch (e) {
          this.#drop("an informational message", e as Error);
        }
        return;
      default:
        this.#dropped("ike-rejected", `exchange type ${header.exchangeType}: this peer does main, aggressive, quick mode and informational`);
    }
  }

  /** Duplicate check and dispatch to the exchange's next step. */
  #deliver<S>(ex: Exchange<S>, datagram: Uint8Array): void {
    if (ex.retx.received(datagram) === "duplicate") {
      const reply = ex.retx.replyTo(datagram);
      this.#log(`<- ${ex.name}: a retransmission of the peer's last message${reply ? ", answered with our last reply" : ""}`);
      if (reply) this.#sendRaw(reply);
      return;
    }
    if (!ex.next) {
      this.#dropped("ike-rejected", `a message after the exchange was complete (${ex.name})`);
      return;
    }
    let apply: () => void;
    try {
      apply = ex.next(ex.state, datagram);
    } catch (e) {
      // A malformed or misplaced message (a late copy of an older one, say)
      // is dropped and the exchange goes on: RFC 2408 section 5 leaves it
      // to the retransmissions. A refusal (NegotiationError) or code that is
      // not written yet ends the exchange.
      if (!(e instanceof PacketError)) throw e;
      this.#drop(`a message of the ${ex.name}`, e);
      return;
    }
    // Accepted first: our reply to it becomes the answer to its duplicates.
    ex.cancel?.();
    ex.retx.accepted(datagram);
    if (this.#ike) this.#events.heard?.();
    apply();
  }

  #drop(what: string, e: Error): void {
    this.#lastDrop = `${what}: ${e.message}`;
    this.#dropped(refusalReason(e), this.#lastDrop);
  }

  #dropped(reason: IkeDropReason, detail: string): void {
    this.#log(`<- dropped ${detail}`);
    this.#events.drop?.(reason, detail);
  }

  #onPhase1(datagram: Uint8Array, header: ReturnType<IkeModules["decodeHeader"]>): void {
    const ex = this.#phase1;
    if (ex) {
      if (!equalBytes(header.initiatorSpi, ex.state.ckyI)) {
        this.#dropped("ike-unknown-sa", `a phase 1 message for another IKE SA (initiator cookie ${hex(header.initiatorSpi)})`);
        return;
      }
      this.#deliver(ex, datagram);
      return;
    }
    if (this.#role !== "responder") return;
    const mode = header.exchangeType === ExchangeType.IDENTITY_PROTECTION ? "main" : "aggressive";
    if (mode !== this.#s.mode) {
      this.#dropped("ike-rejected", `a ${mode} mode proposal: this peer is configured for ${this.#s.mode} mode`);
      return;
    }
    const m = this.#m;
    this.#offer = { ckyI: header.initiatorSpi, ckyR: new Uint8Array(8) };
    let first;
    try {
      first = (mode === "main" ? m.mainMode2 : m.aggressive2)(this.#s.phase1, datagram);
    } catch (e) {
      // Not an offer we can read: wait for one that is.
      if (!(e instanceof PacketError)) throw e;
      this.#drop(`a ${mode} mode message 1`, e);
      return;
    }
    this.#started = this.#clock.now();
    this.#noteVendorIds(datagram);
    const retx = this.#retransmitter();
    retx.accepted(datagram);
    const created: Exchange<Phase1State> = { name: `${mode} mode`, retx, state: first.state, next: undefined };
    this.#phase1 = created;
    created.next = mode === "main" ? this.#phase1Step(created, m.mainMode4, this.#phase1Step(created, m.mainMode6, undefined)) : this.#phase1Step(created, (s, d) => m.aggressiveFinish(s, d, this.#arrival()), undefined);
    this.#send(created, first.send, "message 2");
  }

  #onQuick(datagram: Uint8Array, header: ReturnType<IkeModules["decodeHeader"]>): void {
    const ike = this.#ike;
    if (!ike || !equalBytes(header.initiatorSpi, ike.ckyI) || !equalBytes(header.responderSpi, ike.ckyR)) {
      this.#dropped("ike-unknown-sa", `a quick mode message for an IKE SA we do not have (${hex(header.initiatorSpi)}/${hex(header.responderSpi)})`);
      return;
    }
    const existing = this.#quick.get(header.messageId);
    if (existing) {
      this.#deliver(existing, datagram);
      return;
    }
    // A new Message ID from the peer starts a quick mode exchange it
    // initiates (RFC 2409 section 5.5); one that does not decode or whose
    // HASH(1) fails never starts one (the quick mode guard drops it).
    const r = this.#m.quick2(ike, this.#s.phase2, datagram);
    this.#events.heard?.();
    const retx = this.#retransmitter();
    retx.accepted(datagram);
    const ex: Exchange<QuickState | undefined> = { name: `quick mode ${hex32(header.messageId)}`, messageId: header.messageId, retx, state: r.state, next: undefined };
    ex.next = (state, d) => {
      const done = this.#m.quickFinish(state!, d);
      return () => {
        ex.next = undefined;
        this.#child(done.child, "responder");
      };
    };
    this.#quick.set(header.messageId, ex);
    this.#send(ex, r.send, "message 2");
  }

  #onInformational(datagram: Uint8Array, header: ReturnType<IkeModules["decodeHeader"]>): void {
    const ike = this.#ike;
    if (!header.flags.encryption) {
      // Before phase 1 ends there are no keys, so an error notify comes in
      // clear (RFC 2408 section 5). Nothing authenticates it: anyone could
      // have sent it, so it tears nothing down. It is kept as the likely
      // reason if the exchange then dies.
      const p1 = this.#phase1;
      if (ike || !p1 || !equalBytes(header.initiatorSpi, p1.state.ckyI)) {
        this.#dropped("ike-rejected", "an unprotected informational message (after phase 1 only protected ones count, RFC 2409 section 5.7)");
        return;
      }
      for (const p of this.#m.decodeMessage(datagram).payloads) {
        if (p.type !== PayloadType.NOTIFICATION || !this.#m.isError(p.notification.messageType)) continue;
        const type = p.notification.messageType;
        this.#peerSaid = `${NOTIFY_TYPE_NAMES.get(type) ?? type}${WRONG_KEY_SIGNS.has(type) ? " (pre-shared keys differ?)" : ""}`;
        this.#log(`<- unprotected NOTIFY ${this.#peerSaid}`);
      }
      return;
    }
    if (!ike) {
      // An encrypted notify before phase 1 is complete: the peer derived
      // keys and is telling us why it stopped, with keys we evidently do not
      // share (with ours, its message 5/6 would have worked).
      this.#dropped("ike-rejected", "a protected informational message: no IKE SA yet");
      if (this.#phase1?.state.keys) this.#peerSaid ??= "something encrypted with keys other than ours (pre-shared keys differ?)";
      return;
    }
    const { payloads } = this.#m.openInformational(ike, datagram);
    for (const p of payloads) this.#onInformationalPayload(ike, p);
  }

  #onInformationalPayload(ike: IkeSa, p: Payload): void {
    if (p.type === PayloadType.NOTIFICATION) {
      // RFC 3706 section 5: R-U-THERE is answered with R-U-THERE-ACK and the same sequence number.
      const ack = this.#m.answerDpd(ike, p.notification);
      if (ack) {
        this.#log("<- DPD R-U-THERE, answering R-U-THERE-ACK");
        this.#sendInformational(ike, { type: PayloadType.NOTIFICATION, notification: ack });
      } else {
        this.#log(`<- NOTIFY ${NOTIFY_TYPE_NAMES.get(p.notification.messageType) ?? p.notification.messageType}`);
        this.#events.notify?.(p.notification);
      }
    } else if (p.type === PayloadType.DELETE) {
      const d = this.#m.applyDelete(ike, this.#children, p.delete);
      this.#children.splice(0, this.#children.length, ...d.kept);
      const gone = [...(d.ikeSa ? ["the IKE SA"] : []), ...d.removed.map((c) => `CHILD SA ${hex32(c.inbound.spi)}`)];
      this.#log(`<- DELETE: the peer deleted ${gone.length ? gone.join(", ") : "nothing we hold"}`);
      if (d.ikeSa) this.#forget();
      if (d.ikeSa || d.removed.length > 0) this.#events.deleted?.(d.removed, d.ikeSa);
    }
  }

  /** One protected informational exchange of its own (RFC 2409 section 5.7). */
  #sendInformational(ike: IkeSa, payload: Payload): void {
    this.#sendRaw(this.#m.sealInformational(ike, this.#messageId(), [payload]));
  }

  /** Asks the peer R-U-THERE with this sequence number (RFC 3706 section 5.3). */
  rUThere(sequence: number): void {
    const ike = this.#ike;
    if (!ike) return;
    this.#log(`-> informational: DPD R-U-THERE ${sequence}`);
    this.#sendInformational(ike, { type: PayloadType.NOTIFICATION, notification: this.#m.rUThere(ike, sequence) });
  }

  /** Sends a Delete for these CHILD SAs (our inbound SPIs) and takes them out of the table. */
  deleteChildren(children: readonly ChildSa[]): void {
    const ike = this.#ike;
    if (!ike) return;
    for (const protocol of ["ESP", "AH"] as const) {
      const these = children.filter((c) => c.protocol === protocol);
      if (these.length === 0) continue;
      this.#log(`-> informational: DELETE ${protocol} ${these.map((c) => hex32(c.inbound.spi)).join(", ")}`);
      this.#sendInformational(ike, { type: PayloadType.DELETE, delete: this.#m.deleteChildSas(protocol, these) });
    }
    this.#children.splice(0, this.#children.length, ...this.#children.filter((c) => !children.includes(c)));
  }

  /** Sends a Delete for the IKE SA and forgets it. */
  deleteIkeSa(): void {
    const ike = this.#ike;
    if (!ike) return;
    this.#log(`-> informational: DELETE the IKE SA ${hex(ike.ckyI)}/${hex(ike.ckyR)}`);
    this.#sendInformational(ike, { type: PayloadType.DELETE, delete: this.#m.deleteIkeSa(ike) });
    this.#forget();
  }

  /** The IKE SA is gone: its quick modes stop, nothing more is sent or accepted on it. */
  #forget(): void {
    for (const ex of this.#quick.values()) ex.cancel?.();
    this.#quick.clear();
    this.#ike = undefined;
    this.#finished = true;
  }

  /**
   * Says goodbye: a Delete for our CHILD SAs (our inbound SPIs, the ones the
   * peer sends to), then one for the IKE SA, each in its own protected
   * informational exchange (RFC 2408 section 4.8, what strongSwan sends), so
   * the peer does not keep SAs towards a peer that is gone.
   */
  deleteSas(): void {
    this.deleteChildren([...this.#children]);
    this.deleteIkeSa();
  }

  /** A fresh non-zero Message ID for an exchange we start (RFC 2408 section 3.1). */
  #messageId(): number {
    for (;;) {
      const id = this.#m.freshMessageId(this.#s.phase1.random);
      if (!this.#quick.has(id)) return id;
    }
  }

  async close(): Promise<void> {
    for (const ex of [this.#phase1, ...this.#quick.values()]) ex?.cancel?.();
    await this.#transport.close();
  }
}
