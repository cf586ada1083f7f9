/**
 * Records a strongSwan quick mode (quick-mode-lab.ts) and prints it as JSON:
 * the ISAKMP datagrams (hex, ports), both charons' hex dumps and logs. The
 * chapter 09 vectors (grader/tests/09-quick-mode/strongswan-vectors.ts) were
 * taken from two such recordings:
 *
 *   tsx grader/interop/record-quick-mode.ts aes128-sha1 > qm.json
 *   tsx grader/interop/record-quick-mode.ts aes128-sha1-modp1024 > qm-pfs.json
 *
 * With --ping it also records three pings through charon's tunnel, as ESP
 * in UDP 4500 (the chapter 16 vector, grader/tests/16-tunnel/strongswan-esp.ts).
 *
 * Root, strongSwan and dumpcap required; the namespaces are removed at the end.
 */
import { recordQuickMode } from "./quick-mode-lab.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const r = await recordQuickMode(process.argv[2] ?? "aes128-sha1", { ping: process.argv.includes("--ping") });
const dumps = (list: typeof r.initiatorDumps) => list.map((d) => ({ label: d.label, thread: d.thread, hex: hex(d.bytes) }));
const out = {
  espProposals: r.espProposals,
  sas: r.sas,
  messages: r.datagrams.map((d) => ({ src: d.src, dst: d.dst, srcPort: d.srcPort, dstPort: d.dstPort, payload: hex(d.payload) })),
  inboundSpi: r.inboundSpi,
  outboundSpi: r.outboundSpi,
  esp: r.esp.map((d) => ({ src: d.src, dst: d.dst, srcPort: d.srcPort, dstPort: d.dstPort, payload: hex(d.payload) })),
  initiator: dumps(r.initiatorDumps),
  responder: dumps(r.responderDumps),
  initiatorLog: r.initiatorLog,
  responderLog: r.responderLog,
};
process.stdout.write(JSON.stringify(out, null, 1) + "\n");
