/**
 * charon acts on informational messages that the course's reference sealed.
 *
 * Two charons set up main mode and quick mode (192.168.12.1 initiator, .2
 * responder). The initiator is then killed (SIGKILL: a crash, so it sends
 * no Delete and .2 keeps its SAs), and from its namespace, on its address
 * and UDP 4500, the test speaks for it with the keys charon .1 logged:
 * an R-U-THERE, which charon .2 must answer with the ACK of our number; a
 * Delete of the CHILD SA by .1's inbound SPI, after which .2 must hold no
 * CHILD SA; a Delete of the IKE SA, after which .2 must hold no IKE SA.
 * Nothing here is checked against our own code: charon decides whether
 * our HASH(1), IV and payloads are right.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { NotifyType } from "@course/isakmp-attributes.ts";
import { PayloadType } from "@course/isakmp-names.ts";
import type { IkeSa } from "@ref/07-main-mode/exchange.ts";
import { deleteChildSas, deleteIkeSa } from "@ref/10-informational/delete.ts";
import { rUThere } from "@ref/10-informational/dpd.ts";
import { freshMessageId, openInformational, sealInformational } from "@ref/10-informational/protect.ts";
import type { Payload } from "@ref/03-payloads/message.ts";
import { ikeSa } from "../tests/10-informational/fixtures.ts";
import { startCapture, udpDatagrams } from "./capture.ts";
import { CHARON, ikev1PskConfig, startCharon, type Charon } from "./charon.ts";
import { PSK, childSpis, lastDump } from "./informational.ts";
import { isakmpMessage } from "./isakmp-walk.ts";
import { createLab, type Lab } from "./netns.ts";
import { interopSuite } from "./tools.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const random = (n: number) => new Uint8Array(randomBytes(n));

/**
 * Run inside .1's namespace: bind 192.168.12.1:4500, send one datagram (the
 * non-ESP marker, then the ISAKMP message) to .2:4500, and print as JSON the
 * hex of every ISAKMP message that comes back within the wait.
 */
const SPEAK = `
const s = require("node:dgram").createSocket("udp4");
const [, message, wait] = process.argv;
const replies = [];
s.on("message", (m) => { if (m.length > 4 && m.readUInt32BE(0) === 0) replies.push(m.subarray(4).toString("hex")); });
s.bind(4500, "192.168.12.1", () => {
  s.send(Buffer.concat([Buffer.alloc(4), Buffer.from(message, "hex")]), 4500, "192.168.12.2");
  setTimeout(() => { console.log(JSON.stringify(replies)); s.close(); }, Number(wait));
});
`;

interopSuite("charon acts on informational messages the course sealed", { tools: ["ip", "unshare", "dumpcap", "tshark", "swanctl", "node", CHARON], root: true }, () => {
  let lab: Lab | undefined;
  let r2: Charon | undefined;
  const running: Charon[] = [];
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-informational-peer-"));
  let ike: IkeSa | undefined;
  let inboundSpi = 0;

  /** Seals the payloads as .1, sends them to charon .2, and returns what came back. */
  function speak(payloads: Payload[], waitMs = 1000): Uint8Array[] {
    const datagram = sealInformational(ike!, freshMessageId(random), payloads);
    const out = lab!.exec(lab!.r1, ["node", "-e", SPEAK, hex(datagram), String(waitMs)]);
    return (JSON.parse(out) as string[]).map((h) => Uint8Array.from(Buffer.from(h, "hex")));
  }
  const sas = () => r2!.swanctl(["--list-sas"]);

  beforeAll(async () => {
    lab = createLab("ipsc10p");
    lab.exec(lab.r1, ["ip", "addr", "add", "10.1.1.1/24", "dev", "lo"]);
    lab.exec(lab.r2, ["ip", "addr", "add", "10.2.2.1/24", "dev", "lo"]);
    const capture = await startCapture(lab, lab.r1, join(work, "main-mode.pcap"));
    const common = { name: "mm", proposal: "aes128-sha1-modp1024", psk: PSK, lifetime: 86400 };
    const r1 = await startCharon(lab, lab.r1, join(work, "r1"), ikev1PskConfig({ ...common, local: lab.r1, remote: lab.r2, localTs: "10.1.1.0/24", remoteTs: "10.2.2.0/24" }));
    running.push(r1);
    r2 = await startCharon(lab, lab.r2, join(work, "r2"), ikev1PskConfig({ ...common, local: lab.r2, remote: lab.r1, localTs: "10.2.2.0/24", remoteTs: "10.1.1.0/24" }));
    running.push(r2);
    r1.swanctl(["--initiate", "--child", "net", "--timeout", "20"]);
    const log = r1.log();
    await r1.stop("SIGKILL");
    await capture.stop();
    const mm = udpDatagrams(capture.file).map(isakmpMessage).filter((m) => m.exchangeType === 2);
    if (mm.length !== 6) throw new Error(`${mm.length} main mode messages on the wire, not 6`);
    const m6 = mm[5]!;
    ike = ikeSa({ ckyI: mm[0]!.ckyI, ckyR: mm[1]!.ckyR, hash: "sha1", cipher: "aes128", skeyid_a: lastDump(log, "SKEYID_a"), encKey: lastDump(log, "encryption key Ka"), lastIv: m6.body.slice(m6.body.length - 16), role: "initiator" });
    inboundSpi = parseInt(childSpis(log).inbound, 16);
  });

  afterAll(async () => {
    await Promise.all(running.map((c) => c.stop()));
    lab?.destroy();
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  });

  test("our R-U-THERE: charon answers with an R-U-THERE-ACK of our number, which our code opens", () => {
    const seq = 0x2468ace0;
    const replies = speak([{ type: PayloadType.NOTIFICATION, notification: rUThere(ike!, seq) }]);
    const acks = replies.map((d) => openInformational(ike!, d).payloads[0]).filter((p) => p?.type === PayloadType.NOTIFICATION && p.notification.messageType === NotifyType.R_U_THERE_ACK);
    expect(acks.length, `charon's replies: ${replies.length}; R-U-THERE-ACKs among them`).toBe(1);
    const n = acks[0]!.type === PayloadType.NOTIFICATION ? acks[0]!.notification : undefined;
    expect(hex(n!.data), "the ACK echoes our sequence number").toBe("2468ace0");
  });

  test("our Delete of the CHILD SA (by .1's inbound SPI): charon .2 removes it", () => {
    expect(sas(), "before: charon .2 holds the CHILD SA").toContain("net:");
    speak([{ type: PayloadType.DELETE, delete: deleteChildSas("ESP", [{ protocol: "ESP", inbound: { spi: inboundSpi }, outbound: { spi: 0 } }]) }], 500);
    expect(sas(), "after: no CHILD SA").not.toContain("net:");
    // charon names the SPI as its own outbound one, the pair's other half: the lookup chapter 10's applyDelete does.
    expect(r2!.log(), "charon .2 logged the Delete").toMatch(new RegExp(`DELETE for ESP CHILD_SA with SPI ${inboundSpi.toString(16).padStart(8, "0")}`));
  });

  test("our Delete of the IKE SA: charon .2 removes it", () => {
    expect(sas(), "before: charon .2 holds the IKE SA").toContain("mm:");
    speak([{ type: PayloadType.DELETE, delete: deleteIkeSa(ike!) }], 500);
    expect(sas(), "after: no IKE SA").not.toContain("mm:");
    expect(r2!.log(), "charon .2 logged the Delete").toContain("received DELETE for IKE_SA mm[1]");
  });
});
