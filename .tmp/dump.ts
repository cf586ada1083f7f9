import { readFileSync } from "node:fs";
import { udpDatagrams } from "../grader/interop/capture.ts";
import { charonDumps } from "../grader/interop/charon.ts";
import { isakmpMessage, walkPayloads } from "../grader/interop/isakmp-walk.ts";
const dir = process.argv[2]!;
const h = (b: Uint8Array) => Buffer.from(b).toString("hex");
const msgs = udpDatagrams(`${dir}/main-mode.pcap`).map(isakmpMessage);
const mm = msgs.filter((m) => m.exchangeType === 2);
const pl = (m: any, t: number) => walkPayloads(m.nextPayload, m.body).payloads.find((p) => p.type === t)!.body;
const i = readFileSync(`${dir}/r1/charon.log`, "utf8"), r = readFileSync(`${dir}/r2/charon.log`, "utf8");
const L = (log: string, l: string) => h(charonDumps(log).find((d) => d.label === l)!.bytes);
const qm = msgs.find((m) => m.exchangeType === 32)!;
console.log(JSON.stringify({
  ckyI: h(mm[0]!.ckyI), ckyR: h(mm[1]!.ckyR), saiB: h(pl(mm[0], 1)), gxi: h(pl(mm[2], 4)), gxr: h(pl(mm[3], 4)), ni: h(pl(mm[2], 10)), nr: h(pl(mm[3], 10)),
  gxy: L(i, "shared Diffie Hellman secret"), skeyid: L(i, "SKEYID"), skeyid_d: L(i, "SKEYID_d"), skeyid_a: L(i, "SKEYID_a"), skeyid_e: L(i, "SKEYID_e"),
  encKey: L(i, "encryption key Ka"), iv: L(i, "initial IV"), hashI: L(i, "HASH_I"), hashR: L(r, "HASH_R"),
  message5: h(mm[4]!.body), message6: h(mm[5]!.body), quickModeMessageId: qm.messageId, quickModeIv: L(i, `next IV for MID ${qm.messageId}`),
}, null, 2));
