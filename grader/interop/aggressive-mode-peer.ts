/**
 * One aggressive mode exchange by the reference solution on real UDP
 * sockets, against strongSwan. Run inside one namespace of a Lab by
 * grader/interop/record-aggressive-mode.ts:
 *
 *   tsx --tsconfig tsconfig.json grader/interop/aggressive-mode-peer.ts <initiator|responder> <settings.json>
 *
 * The initiator sends message 1, reads 2, sends 3 (from UDP 4500 behind the
 * non-ESP marker when a NAT was detected, RFC 3947 section 4); the
 * responder reads 1, sends 2, reads 3 wherever it arrives. The sockets are
 * the IKE peer's (grader/src/ike/udp.ts). Every octet our random source
 * handed out is recorded, so a test can replay the exchange exactly. Prints
 * one JSON object on stdout.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { initiatorState, type Endpoint, type Phase1Config, type Step, type Phase1State } from "../../solutions/07-main-mode/exchange.ts";
import { transportEndpoints } from "../../solutions/07-main-mode/message-5.ts";
import { aggressive1 } from "../../solutions/08-aggressive-mode/message-1.ts";
import { aggressive2 } from "../../solutions/08-aggressive-mode/message-2.ts";
import { aggressive3, aggressiveFinish } from "../../solutions/08-aggressive-mode/message-3.ts";
import { peerSettings } from "../src/ike/config.ts";
import { IKE_PORT } from "../src/ike/transport.ts";
import { udpTransport } from "../src/ike/udp.ts";

export interface AggressivePeerSettings {
  readonly local: string;
  readonly remote: string;
  readonly psk: string;
  readonly timeoutMs: number;
}

export interface AggressivePeerRecord {
  readonly role: "initiator" | "responder";
  /** Random octets our side drew, in order (cookie, private value, nonce). */
  readonly draws: string[];
  /** Messages 1, 2 and 3 as ISAKMP octets (no UDP header, no non-ESP marker). */
  readonly messages: string[];
  /** The UDP port message 3 travelled to. */
  readonly message3Port: number;
  /** What our side derived and concluded. */
  readonly keys: Record<string, string>;
  readonly lastIv: string;
  readonly nat: { localBehindNat: boolean; remoteBehindNat: boolean };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

/** Our side as `ipsec-course ike` configures it (the seed's proposal, 20-octet nonces, NAT-T), every random octet recorded. */
function config(s: AggressivePeerSettings, draws: string[]): Phase1Config {
  const random = (n: number) => {
    const b = new Uint8Array(randomBytes(n));
    draws.push(hex(b));
    return b;
  };
  return peerSettings({ local: s.local, remote: s.remote, psk: s.psk, mode: "aggressive", localSubnet: "10.8.8.0/24", remoteSubnet: "10.9.9.0/24" }, random).phase1;
}

interface Arrival {
  readonly datagram: Uint8Array;
  readonly port: number;
  readonly from: Endpoint;
}

function record(role: AggressivePeerRecord["role"], draws: string[], messages: Uint8Array[], message3Port: number, done: Step<Phase1State>): AggressivePeerRecord {
  const sa = done.established!;
  const k = sa.keys;
  return {
    role,
    draws,
    messages: messages.map(hex),
    message3Port,
    keys: { skeyid: hex(k.skeyid), skeyid_d: hex(k.skeyid_d), skeyid_a: hex(k.skeyid_a), skeyid_e: hex(k.skeyid_e), encKey: hex(k.encKey) },
    lastIv: hex(sa.lastIv),
    nat: { ...sa.nat },
  };
}

async function run(role: string, s: AggressivePeerSettings): Promise<AggressivePeerRecord> {
  const draws: string[] = [];
  const transport = await udpTransport(s.local);
  const queue: Arrival[] = [];
  const waiting: ((a: Arrival) => void)[] = [];
  transport.onDatagram((datagram, port, from) => {
    const a = { datagram, port, from };
    const w = waiting.shift();
    if (w) w(a);
    else queue.push(a);
  });
  const next = (): Promise<Arrival> =>
    new Promise((resolve, reject) => {
      const q = queue.shift();
      if (q) return resolve(q);
      const timer = setTimeout(() => reject(new Error("timed out waiting for strongSwan")), s.timeoutMs);
      waiting.push((a) => {
        clearTimeout(timer);
        resolve(a);
      });
    });
  const remote500 = { address: s.remote, port: IKE_PORT };
  try {
    if (role === "initiator") {
      const one = aggressive1(initiatorState("aggressive", config(s, draws)));
      // Sent again every second until charon, perhaps still loading its configuration, answers.
      const send = () => transport.send(one.send!, IKE_PORT, remote500);
      send();
      const timer = setInterval(send, 1000);
      const m2 = await next().finally(() => clearInterval(timer));
      const three = aggressive3(one.state, m2.datagram);
      const { local, remote } = transportEndpoints(three.state);
      transport.send(three.send!, local.port, remote);
      // dgram sends asynchronously: give message 3 time to leave before the sockets close.
      await new Promise((r) => setTimeout(r, 300));
      return record("initiator", draws, [one.send!, m2.datagram, three.send!], remote.port, three);
    }
    const m1 = await next();
    const two = aggressive2(config(s, draws), m1.datagram);
    transport.send(two.send!, IKE_PORT, m1.from);
    for (;;) {
      const a = await next();
      // charon repeats message 1 until message 2 arrives: answer with the same message 2.
      if (hex(a.datagram) === hex(m1.datagram)) {
        transport.send(two.send!, IKE_PORT, m1.from);
        continue;
      }
      const arrival = { local: { address: s.local, port: a.port }, remote: a.from };
      return record("responder", draws, [m1.datagram, two.send!, a.datagram], a.port, aggressiveFinish(two.state, a.datagram, arrival));
    }
  } finally {
    await transport.close();
  }
}

const [role, file] = process.argv.slice(2);
const settings = JSON.parse(readFileSync(file!, "utf8")) as AggressivePeerSettings;
process.stdout.write(JSON.stringify(await run(role!, settings)) + "\n");
