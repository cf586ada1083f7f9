/**
 * Records a quick mode between two strongSwan daemons for the chapter 09
 * vectors (grader/tests/09-quick-mode/strongswan-vectors.ts): two charons in
 * two namespaces (192.168.12.1 initiator, 192.168.12.2 responder), main mode
 * with the seed's proposal, then quick mode for 10.1.1.0/24 <-> 10.2.2.0/24,
 * once with the ESP proposal given. Prints one JSON object: every ISAKMP
 * message on the wire (hex, ports) and every hex dump both charons logged at
 * level 4 (SKEYID_d/a, the quick mode hashes, KEYMAT seeds, ESP keys, SPIs).
 *
 *   tsx grader/interop/record-quick-mode.ts aes128-sha1 > qm.json
 *   tsx grader/interop/record-quick-mode.ts aes128-sha1-modp1024 > qm-pfs.json
 *
 * Root, strongSwan and dumpcap required; the namespaces are removed at the end.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startCapture, udpDatagrams } from "./capture.ts";
import { charonDumps, ikev1PskConfig, startCharon, type Charon } from "./charon.ts";
import { createLab } from "./netns.ts";

const espProposals = process.argv[2] ?? "aes128-sha1";
const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

const lab = createLab("ipsqm");
const work = mkdtempSync(join(tmpdir(), "ipsec-course-qm-"));
const running: Charon[] = [];
try {
  lab.exec(lab.r1, ["ip", "addr", "add", "10.1.1.1/24", "dev", "lo"]);
  lab.exec(lab.r2, ["ip", "addr", "add", "10.2.2.1/24", "dev", "lo"]);
  const capture = await startCapture(lab, lab.r1, join(work, "quick-mode.pcap"));
  const common = { name: "qm", proposal: "aes128-sha1-modp1024", psk: "cisco123", lifetime: 86400, espProposals };
  const r1 = await startCharon(lab, lab.r1, join(work, "r1"), ikev1PskConfig({ ...common, local: lab.r1, remote: lab.r2, localTs: "10.1.1.0/24", remoteTs: "10.2.2.0/24" }));
  running.push(r1);
  const r2 = await startCharon(lab, lab.r2, join(work, "r2"), ikev1PskConfig({ ...common, local: lab.r2, remote: lab.r1, localTs: "10.2.2.0/24", remoteTs: "10.1.1.0/24" }));
  running.push(r2);
  r1.swanctl(["--initiate", "--child", "net", "--timeout", "20"]);
  const sas = r1.swanctl(["--list-sas"]);
  await new Promise((r) => setTimeout(r, 500));
  await Promise.all(running.map((c) => c.stop()));
  await capture.stop();
  const messages = udpDatagrams(capture.file).map((d) => ({ src: d.src, dst: d.dst, srcPort: d.srcPort, dstPort: d.dstPort, payload: hex(d.payload) }));
  const dumps = (log: string) => charonDumps(log).map((d) => ({ label: d.label, thread: d.thread, hex: hex(d.bytes) }));
  const result = { espProposals, sas, messages, initiator: dumps(r1.log()), responder: dumps(r2.log()), initiatorLog: r1.log(), responderLog: r2.log() };
  process.stdout.write(JSON.stringify(result, null, 1) + "\n");
} finally {
  await Promise.all(running.map((c) => c.stop()));
  lab.destroy();
  rmSync(work, { recursive: true, force: true });
}
