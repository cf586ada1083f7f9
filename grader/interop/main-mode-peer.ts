/**
 * The first half of main mode (messages 1 to 4) by the reference solution,
 * on real UDP sockets, against strongSwan. Run inside one namespace of a
 * Lab by grader/interop/main-mode-half.ts:
 *
 *   tsx --tsconfig tsconfig.json grader/interop/main-mode-peer.ts <initiator|responder> <config.json>
 *
 * The initiator sends message 1 and 3 and reads 2 and 4; the responder reads
 * 1 and 3, sends 2 and 4, then waits for message 5 (charon floats to UDP
 * 4500, after the non-ESP marker) to show that charon accepted message 4
 * and derived keys from it. Every octet our random source handed out is
 * recorded, so a test can replay the exchange exactly. Prints one JSON
 * object on stdout.
 */
import { randomBytes } from "node:crypto";
import { createSocket, type Socket } from "node:dgram";
import { readFileSync } from "node:fs";
import { initiatorState, type Phase1Config, type Phase1State } from "../../solutions/07-main-mode/exchange.ts";
import { phase1Keys } from "../../solutions/07-main-mode/keys.ts";
import { mainMode1 } from "../../solutions/07-main-mode/message-1.ts";
import { mainMode2 } from "../../solutions/07-main-mode/message-2.ts";
import { mainMode3 } from "../../solutions/07-main-mode/message-3.ts";
import { mainMode4 } from "../../solutions/07-main-mode/message-4.ts";
import { decodeMessage } from "../../solutions/03-payloads/message.ts";
import type { IkeSuite } from "../../solutions/04-negotiation/ike-transform.ts";

export interface PeerSettings {
  /** The one suite offered or accepted. */
  readonly suite: IkeSuite;
  readonly local: string;
  readonly remote: string;
  readonly psk: string;
  readonly nonceBytes: number;
  readonly timeoutMs: number;
}

export interface PeerRecord {
  readonly role: "initiator" | "responder";
  /** Random octets our side drew, in order (cookie, private value, nonce). */
  readonly draws: string[];
  /** Main mode messages 1-4 as ISAKMP octets (no UDP header), and message 5 if the responder got it. */
  readonly messages: string[];
  readonly message5?: string;
  /** Our private value and what phase1Keys gave (hex). */
  readonly x: string;
  readonly keys: Record<string, string>;
  readonly iv: string;
  readonly nat?: { localBehindNat: boolean; remoteBehindNat: boolean };
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function config(s: PeerSettings, draws: string[]): Phase1Config {
  return {
    local: { address: s.local, port: 500 },
    remote: { address: s.remote, port: 500 },
    psk: new TextEncoder().encode(s.psk),
    suites: [s.suite],
    prefer: "responder",
    identity: { protocolId: 17, port: 500, identity: { type: "ipv4", address: s.local } },
    nonceBytes: s.nonceBytes,
    natTraversal: true,
    vendorIds: { sa: [], keyExchange: [] },
    random: (n) => {
      const b = new Uint8Array(randomBytes(n));
      draws.push(hex(b));
      return b;
    },
  };
}

function receiver(socket: Socket, timeoutMs: number): () => Promise<Uint8Array> {
  const queue: Uint8Array[] = [];
  const waiting: ((b: Uint8Array) => void)[] = [];
  socket.on("message", (msg) => {
    const b = new Uint8Array(msg);
    const w = waiting.shift();
    if (w) w(b);
    else queue.push(b);
  });
  return () =>
    new Promise((resolve, reject) => {
      const q = queue.shift();
      if (q) return resolve(q);
      const timer = setTimeout(() => reject(new Error("timed out waiting for strongSwan")), timeoutMs);
      waiting.push((b) => {
        clearTimeout(timer);
        resolve(b);
      });
    });
}

async function bind(address: string, port: number): Promise<Socket> {
  const s = createSocket("udp4");
  await new Promise<void>((resolve, reject) => {
    s.once("error", reject);
    s.bind(port, address, () => resolve());
  });
  return s;
}

/** Retransmits every second until an answer arrives: charon may still be loading its configuration. */
async function exchange(s: Socket, next: () => Promise<Uint8Array>, datagram: Uint8Array, to: string): Promise<Uint8Array> {
  const send = () => s.send(datagram, 500, to);
  send();
  const timer = setInterval(send, 1000);
  try {
    return await next();
  } finally {
    clearInterval(timer);
  }
}

async function initiator(s: PeerSettings): Promise<PeerRecord> {
  const draws: string[] = [];
  const sock = await bind(s.local, 500);
  const next = receiver(sock, s.timeoutMs);
  try {
    const one = mainMode1(initiatorState("main", config(s, draws)));
    const m2 = await exchange(sock, next, one.send!, s.remote);
    const three = mainMode3(one.state, m2);
    const m4 = await exchange(sock, next, three.send!, s.remote);
    const m = decodeMessage(m4);
    const data = (t: number) => (m.payloads.find((p) => p.type === t) as { data: Uint8Array }).data;
    const state: Phase1State = { ...three.state, gxr: data(4), nr: data(10) };
    const { keys, iv } = phase1Keys(state);
    return { role: "initiator", draws, messages: [one.send!, m2, three.send!, m4].map(hex), x: state.x!.toString(16), keys: keysHex(keys), iv: hex(iv) };
  } finally {
    sock.close();
  }
}

async function responder(s: PeerSettings): Promise<PeerRecord> {
  const draws: string[] = [];
  const sock = await bind(s.local, 500);
  const natt = await bind(s.local, 4500);
  const next = receiver(sock, s.timeoutMs);
  const next4500 = receiver(natt, s.timeoutMs);
  try {
    const m1 = await next();
    const two = mainMode2(config(s, draws), m1);
    const m3 = await exchange(sock, next, two.send!, s.remote);
    const four = mainMode4(two.state, m3);
    sock.send(four.send!, 500, s.remote);
    // Message 5 comes on 4500 after the 4-octet non-ESP marker (RFC 3948 section 2.2).
    const m5 = (await next4500()).slice(4);
    const st = four.state;
    return {
      role: "responder",
      draws,
      messages: [m1, two.send!, m3, four.send!].map(hex),
      message5: hex(m5),
      x: st.x!.toString(16),
      keys: keysHex(st.keys!),
      iv: hex(st.iv!),
      nat: { ...st.nat! },
    };
  } finally {
    sock.close();
    natt.close();
  }
}

function keysHex(k: NonNullable<Phase1State["keys"]>): Record<string, string> {
  return { skeyid: hex(k.skeyid), skeyid_d: hex(k.skeyid_d), skeyid_a: hex(k.skeyid_a), skeyid_e: hex(k.skeyid_e), encKey: hex(k.encKey) };
}

const [role, file] = process.argv.slice(2);
const settings = JSON.parse(readFileSync(file!, "utf8")) as PeerSettings;
const record = role === "initiator" ? await initiator(settings) : await responder(settings);
process.stdout.write(JSON.stringify(record) + "\n");
