/**
 * Main mode runs between two reference peers, for the hidden tests of
 * messages 5, 6 and finish: seeded random configurations (suites, addresses,
 * identities, a NAT in between or not, PSKs) and the states and datagrams
 * of messages 1 to 4 computed by the reference, so each test starts its own
 * step from known-good input. (Not a test file.)
 */
import type { Rng } from "@teach";
import type { IkeSuite } from "@ref/04-negotiation/ike-transform.ts";
import { initiatorState, type Endpoint, type Phase1Config, type Phase1State } from "@ref/07-main-mode/exchange.ts";
import { mainMode1 } from "@ref/07-main-mode/message-1.ts";
import { mainMode2 } from "@ref/07-main-mode/message-2.ts";
import { mainMode3 } from "@ref/07-main-mode/message-3.ts";
import { mainMode4 } from "@ref/07-main-mode/message-4.ts";
import { seedInitiatorConfig, seedResponderConfig } from "../../src/pcap/scenarios/seed-config.ts";

/** Suites with their labels: the seed's, strongSwan's stronger one, and two older ones. */
export const SUITES: readonly { label: string; suite: IkeSuite }[] = [
  { label: "AES-128, SHA-1, group 2", suite: { encryption: 7, keyLength: 128, hash: 2, authMethod: 1, group: 2, lifetimeSeconds: 86400 } },
  { label: "AES-256, SHA2-256, group 14", suite: { encryption: 7, keyLength: 256, hash: 4, authMethod: 1, group: 14, lifetimeSeconds: 28800 } },
  { label: "3DES, MD5, group 2", suite: { encryption: 5, hash: 1, authMethod: 1, group: 2, lifetimeSeconds: 86400 } },
  { label: "AES-192, SHA-1, group 5", suite: { encryption: 7, keyLength: 192, hash: 2, authMethod: 1, group: 5, lifetimeSeconds: 3600 } },
];

export interface Run {
  readonly label: string;
  readonly initiator: Phase1Config;
  readonly responder: Phase1Config;
  /** Messages 1 to 4 as sent. */
  readonly mm: readonly [Uint8Array, Uint8Array, Uint8Array, Uint8Array];
  /** The initiator after sending message 3, the responder after sending message 4. */
  readonly i3: Phase1State;
  readonly r4: Phase1State;
}

const address = (r: Rng) => `${r.int(1, 223)}.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
const te = new TextEncoder();

export interface RunOptions {
  /** A NAT rewrites the initiator's address and port on the way. */
  readonly nat?: boolean;
  /** The responder's key, when it differs from the initiator's. */
  readonly responderPsk?: string;
}

/** Messages 1 to 4 between two reference peers with random settings. */
export function randomRun(r: Rng, options: RunOptions = {}): Run {
  const s = r.pick(SUITES);
  const psk = `key-${r.int(0, 1e6)}`;
  const iAddr: Endpoint = { address: address(r), port: 500 };
  const rAddr: Endpoint = { address: address(r), port: 500 };
  // Behind a NAT the responder sees the NAT's public address and a new port.
  const seenByResponder: Endpoint = options.nat ? { address: address(r), port: r.int(1024, 65535) } : iAddr;
  const identity = (e: Endpoint) => ({ protocolId: r.pick([0, 17]), port: r.pick([0, 500]), identity: { type: "ipv4" as const, address: e.address } });
  const random = (n: number) => r.bytes(n);
  const common = { suites: [s.suite], prefer: "responder" as const, nonceBytes: r.pick([16, 20, 32]), natTraversal: true, vendorIds: { sa: [], keyExchange: [] }, random };
  const initiator: Phase1Config = { ...common, local: iAddr, remote: rAddr, psk: te.encode(psk), identity: identity(iAddr) };
  const responder: Phase1Config = { ...common, local: rAddr, remote: seenByResponder, psk: te.encode(options.responderPsk ?? psk), identity: identity(rAddr) };
  return run(`${s.label}, ${iAddr.address} -> ${rAddr.address}${options.nat ? " through a NAT" : ""}`, initiator, responder);
}

/** The seed's two routers (grader/src/pcap/scenarios/seed-config.ts), with a seeded random source. */
export function seedRun(r: Rng): Run {
  const random = (n: number) => r.bytes(n);
  return run("the seed's routers R1 and R2", seedInitiatorConfig(random), seedResponderConfig(random));
}

function run(label: string, initiator: Phase1Config, responder: Phase1Config): Run {
  const s1 = mainMode1(initiatorState("main", initiator));
  const s2 = mainMode2(responder, s1.send!);
  const s3 = mainMode3(s1.state, s2.send!);
  const s4 = mainMode4(s2.state, s3.send!);
  return { label, initiator, responder, mm: [s1.send!, s2.send!, s3.send!, s4.send!], i3: s3.state, r4: s4.state };
}
