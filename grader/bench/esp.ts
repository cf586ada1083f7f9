/**
 * ESP throughput of the reference solution (chapter 13): tunnel-mode
 * encapsulation and decapsulation of 1400-byte packets with AES-128-CBC and
 * HMAC-SHA1-96, the seed's transform set. Beside it, the baseline: the same
 * packets built and opened with node:crypto (OpenSSL) directly, byte-identical
 * output. Then where the reference's time goes: AES-CBC alone, HMAC alone
 * (OpenSSL through node:crypto, as the reference calls them), and the rest
 * (headers, padding, copies), each timed on the same data; and the same
 * cipher and MAC in JavaScript (@noble, what the exercises suggest), which is
 * why the reference calls OpenSSL: the capstone tunnel runs every packet
 * through here.
 */
import { createCipheriv, createDecipheriv, createHmac, timingSafeEqual } from "node:crypto";
import { cbc } from "@noble/ciphers/aes.js";
import { hmac } from "@noble/hashes/hmac.js";
import { sha1 } from "@noble/hashes/legacy.js";
import { pingPacket } from "../../solutions/11-ipv4/icmp.ts";
import { espTunnel, type EspSa } from "../../solutions/13-esp/encapsulate.ts";
import { espInbound } from "../../solutions/13-esp/decapsulate.ts";
import { aesCbcDecrypt, aesCbcEncrypt } from "../../solutions/13-esp/cipher.ts";
import { computeIcv } from "../../solutions/12-ah/integrity.ts";
import { median } from "./stats.ts";

const PACKET_BYTES = 1400;
const PACKETS = 2000;
const ROUNDS = 7;
const OUTER = { src: "192.168.12.1", dst: "192.168.12.2", identification: 1 };
const SA: EspSa = {
  spi: 0x8bb181a7,
  encryption: "aes-128-cbc",
  encryptionKey: Uint8Array.from({ length: 16 }, (_, i) => i + 1),
  integrity: "hmac-sha1-96",
  integrityKey: Uint8Array.from({ length: 20 }, (_, i) => 0x40 + i),
};

/** The baseline: ESP tunnel mode written directly against node:crypto. */
function nodeEncapsulate(packet: Uint8Array, seq: number, iv: Uint8Array): Buffer {
  const padLength = (16 - ((packet.length + 2) % 16)) % 16;
  const plain = Buffer.alloc(packet.length + padLength + 2);
  plain.set(packet);
  for (let i = 0; i < padLength; i++) plain[packet.length + i] = i + 1;
  plain[plain.length - 2] = padLength;
  plain[plain.length - 1] = 4;
  const c = createCipheriv("aes-128-cbc", SA.encryptionKey, iv).setAutoPadding(false);
  const ct = Buffer.concat([c.update(plain), c.final()]);
  const esp = Buffer.alloc(8 + 16 + ct.length + 12);
  esp.writeUInt32BE(SA.spi, 0);
  esp.writeUInt32BE(seq, 4);
  esp.set(iv, 8);
  esp.set(ct, 24);
  esp.set(createHmac("sha1", SA.integrityKey).update(esp.subarray(0, 24 + ct.length)).digest().subarray(0, 12), 24 + ct.length);
  const ip = Buffer.alloc(20 + esp.length);
  ip.set(packet.subarray(0, 20)); // same outer header fields as the reference builds
  ip.writeUInt16BE(ip.length, 2);
  ip.writeUInt16BE(OUTER.identification, 4);
  ip[6] = 0;
  ip[7] = 0;
  ip[8] = 255;
  ip[9] = 50;
  ip.writeUInt16BE(0, 10);
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += ip.readUInt16BE(i);
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  ip.writeUInt16BE(~sum & 0xffff, 10);
  ip.set(esp, 20);
  return ip;
}

function nodeDecapsulate(ip: Uint8Array): Buffer {
  const esp = Buffer.from(ip.buffer, ip.byteOffset + 20, ip.length - 20);
  const end = esp.length - 12;
  const icv = createHmac("sha1", SA.integrityKey).update(esp.subarray(0, end)).digest().subarray(0, 12);
  if (!timingSafeEqual(icv, esp.subarray(end))) throw new Error("bad ICV");
  const d = createDecipheriv("aes-128-cbc", SA.encryptionKey, esp.subarray(8, 24)).setAutoPadding(false);
  const plain = Buffer.concat([d.update(esp.subarray(24, end)), d.final()]);
  const padLength = plain[plain.length - 2]!;
  for (let i = 0; i < padLength; i++) if (plain[plain.length - 2 - padLength + i] !== i + 1) throw new Error("bad padding");
  return plain.subarray(0, plain.length - 2 - padLength);
}

/**
 * Median packets per second of each case over ROUNDS rounds of PACKETS
 * packets, after one warm-up round. The cases take turns within each round,
 * so that load from other processes on the machine falls on all of them alike.
 */
function rates<K extends string>(cases: Record<K, () => void>): Record<K, number> {
  const names = Object.keys(cases) as K[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let r = 0; r <= ROUNDS; r++) {
    for (const n of names) {
      const t0 = performance.now();
      cases[n]();
      if (r > 0) times[n].push(performance.now() - t0);
    }
  }
  return Object.fromEntries(names.map((n) => [n, PACKETS / (median(times[n]) / 1000)])) as Record<K, number>;
}

export async function benchEsp(): Promise<Record<string, unknown>> {
  const packet = pingPacket({ src: "192.168.12.1", dst: "192.168.12.2", identification: 1, echo: { type: 8, identifier: 8, sequence: 0, data: new Uint8Array(PACKET_BYTES - 28).fill(0xab) } });
  const ivs = Array.from({ length: PACKETS }, (_, i) => Uint8Array.from({ length: 16 }, (_, j) => (i * 31 + j * 7) & 0xff));
  const sealed = ivs.map((iv, i) => espTunnel(packet, SA, i + 1, OUTER, iv));
  // Same work on both sides: the baseline must produce the reference's bytes and accept its packets.
  const base0 = nodeEncapsulate(packet, 1, ivs[0]!);
  if (!base0.equals(sealed[0]!)) throw new Error("the node:crypto baseline does not produce the reference's packet");
  if (!nodeDecapsulate(sealed[0]!).equals(packet)) throw new Error("the node:crypto baseline does not open the reference's packet");

  // Where the reference's time goes: the same cipher and MAC calls it makes per round trip.
  const plain = new Uint8Array(sealed[0]!.length - 20 - 8 - 16 - 12);
  const signed = sealed[0]!.subarray(20, sealed[0]!.length - 12);
  const r = rates({
    reference: () => {
      for (let i = 0; i < PACKETS; i++) espInbound(espTunnel(packet, SA, i + 1, OUTER, ivs[i]), SA);
    },
    baseline: () => {
      for (let i = 0; i < PACKETS; i++) nodeDecapsulate(nodeEncapsulate(packet, i + 1, ivs[i]!));
    },
    aesOnly: () => {
      for (let i = 0; i < PACKETS; i++) aesCbcDecrypt(SA.encryptionKey, ivs[i]!, aesCbcEncrypt(SA.encryptionKey, ivs[i]!, plain));
    },
    hmacOnly: () => {
      for (let i = 0; i < PACKETS; i++) {
        computeIcv("hmac-sha1-96", SA.integrityKey, signed);
        computeIcv("hmac-sha1-96", SA.integrityKey, signed);
      }
    },
    nobleAes: () => {
      for (let i = 0; i < PACKETS; i++) {
        const ct = cbc(SA.encryptionKey, ivs[i]!, { disablePadding: true }).encrypt(plain);
        cbc(SA.encryptionKey, ivs[i]!, { disablePadding: true }).decrypt(ct);
      }
    },
    nobleHmac: () => {
      for (let i = 0; i < PACKETS; i++) {
        hmac(sha1, SA.integrityKey, signed);
        hmac(sha1, SA.integrityKey, signed);
      }
    },
  });
  const { reference, baseline, aesOnly, hmacOnly, nobleAes, nobleHmac } = r;
  const perPacketUs = (pps: number) => 1e6 / pps;
  const total = perPacketUs(reference);
  const aes = perPacketUs(aesOnly);
  const mac = perPacketUs(hmacOnly);
  const us = (x: number) => Number(x.toFixed(1));
  const mbit = (pps: number) => (pps * PACKET_BYTES * 8) / 1e6;
  const row = {
    packetBytes: PACKET_BYTES,
    referencePps: Math.round(reference),
    referenceMbitPerS: Math.round(mbit(reference)),
    baselinePps: Math.round(baseline),
    baselineMbitPerS: Math.round(mbit(baseline)),
    ratio: Number((baseline / reference).toFixed(1)),
    split: { aesUs: us(aes), hmacUs: us(mac), framingUs: us(Math.max(0, total - aes - mac)), totalUs: us(total) },
    /** The same work in JavaScript (@noble/ciphers cbc, @noble/hashes hmac): µs per round trip, and times OpenSSL's. */
    noble: { aesUs: us(perPacketUs(nobleAes)), hmacUs: us(perPacketUs(nobleHmac)), aesRatio: us(aesOnly / nobleAes), hmacRatio: us(hmacOnly / nobleHmac) },
  };
  console.log(`\nESP tunnel mode, AES-128-CBC + HMAC-SHA1-96, ${PACKET_BYTES}-byte packets: encapsulate + decapsulate (median of ${ROUNDS} rounds of ${PACKETS})`);
  console.log(`reference solution:           ${row.referencePps} packets/s  ${row.referenceMbitPerS} Mbit/s`);
  console.log(`baseline (node:crypto):       ${row.baselinePps} packets/s  ${row.baselineMbitPerS} Mbit/s   (${row.ratio}x the reference)`);
  const pct = (x: number) => `${((100 * x) / total).toFixed(0)} %`;
  console.log(`per round trip ${row.split.totalUs} µs: AES-CBC ${row.split.aesUs} µs (${pct(aes)}), HMAC-SHA1 ${row.split.hmacUs} µs (${pct(mac)}), headers/padding/copies ${row.split.framingUs} µs (${pct(row.split.framingUs)})`);
  console.log(`the same AES-CBC and HMAC-SHA1 in JavaScript (@noble): ${row.noble.aesUs} µs (${row.noble.aesRatio}x OpenSSL) and ${row.noble.hmacUs} µs (${row.noble.hmacRatio}x)`);
  return { esp: row };
}
