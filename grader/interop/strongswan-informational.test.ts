/**
 * Our informational exchange against strongSwan, live: two charons in two
 * namespaces ask each other R-U-THERE, answer, and delete their CHILD SA and
 * IKE SA (informational.ts records it). With only the keys charon logged,
 * the course's reference must open every message (HASH(1) checked), build
 * the same octets from the same Message ID and payloads, answer each
 * R-U-THERE with the ACK charon sent, find the deleted CHILD SA by the SPI
 * charon named, and build the INITIAL-CONTACT charon put in message 5.
 * Then Wireshark, given charon's main mode and the encryption key, must
 * decrypt informational messages that only our code built (a DPD question
 * and a Delete charon never sent) and show their HASH and payloads.
 * Chapter 10's hidden tests hold one such recording as fixed vectors; this
 * test makes a new one each run, with new cookies, keys and Message IDs.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { PayloadType } from "@course/isakmp-names.ts";
import { encodeNotification } from "@ref/03-payloads/notify-delete.ts";
import { decryptBody } from "@ref/06-phase1-keys/cbc.ts";
import { exchangeIv } from "@ref/06-phase1-keys/iv.ts";
import { applyDelete } from "@ref/10-informational/delete.ts";
import { answerDpd } from "@ref/10-informational/dpd.ts";
import { initialContact } from "@ref/10-informational/notify.ts";
import { informationalHash, openInformational, sealInformational } from "@ref/10-informational/protect.ts";
import { deleteChildSas } from "@ref/10-informational/delete.ts";
import { rUThere } from "@ref/10-informational/dpd.ts";
import { pcapFile } from "../src/pcap/file.ts";
import { udpPacket } from "../src/pcap/framing.ts";
import { ikeSa } from "../tests/10-informational/fixtures.ts";
import { CHARON } from "./charon.ts";
import { recordInformational, type InformationalRecording } from "./informational.ts";
import { walkPayloads } from "./isakmp-walk.ts";
import { interopSuite } from "./tools.ts";
import { tsharkFields } from "./tshark.ts";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

interopSuite("strongSwan's informational exchanges and the course's", { tools: ["ip", "unshare", "dumpcap", "tshark", "swanctl", CHARON], root: true }, () => {
  let rec: InformationalRecording | undefined;
  beforeAll(async () => {
    rec = await recordInformational();
  });
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-informational-tshark-"));
  afterAll(() => {
    rec = undefined;
    rmSync(work, { recursive: true, force: true });
  });
  const get = () => {
    if (!rec) throw new Error("the recording did not run (see beforeAll)");
    const ike = (role: "initiator" | "responder") => ikeSa({ ckyI: rec!.ckyI, ckyR: rec!.ckyR, hash: "sha1", cipher: "aes128", skeyid_a: rec!.skeyid_a, encKey: rec!.encKey, lastIv: rec!.lastIv, role });
    return { rec, ike };
  };

  describe("DPD, deletes, INITIAL-CONTACT", () => {
    test("charon asked R-U-THERE, was answered, and the initiator deleted its CHILD SA and its IKE SA", () => {
      const { rec } = get();
      const summaries = rec.informational.map((m) => m.summary);
      // Who asks first depends on timing: a question received also counts as
      // "heard from the peer", so one side may never need to ask.
      expect(summaries.some((s) => s.endsWith("[ HASH N(DPD) ]")), "an R-U-THERE").toBe(true);
      expect(summaries.some((s) => s.endsWith("[ HASH N(DPD_ACK) ]")), "an R-U-THERE-ACK").toBe(true);
      expect(summaries.filter((s) => s.endsWith("[ HASH D ]")).length, "two deletes").toBe(2);
    });

    test("every message: charon's IV is hash(last phase-1 block | M-ID), HASH(1) checks, and sealing its payloads again gives its octets", () => {
      const { rec, ike } = get();
      for (const m of rec.informational) {
        expect(hex(exchangeIv("sha1", rec.lastIv, m.messageId, 16)), `the IV of ${m.summary}`).toBe(hex(m.iv));
        const opened = openInformational(ike("initiator"), m.datagram);
        expect(opened.messageId).toBe(m.messageId);
        expect(hex(sealInformational(ike("initiator"), m.messageId, opened.payloads)), `our sealing of ${m.summary}`).toBe(hex(m.datagram));
      }
    });

    test("our answer to each R-U-THERE is the ACK charon sent", () => {
      const { rec, ike } = get();
      const notes = rec.informational.map((m) => ({ m, p: openInformational(ike("initiator"), m.datagram).payloads[0]! }));
      const questions = notes.filter((x) => x.m.summary.includes("N(DPD)"));
      expect(questions.length, "R-U-THERE messages").toBeGreaterThanOrEqual(1);
      for (const q of questions) {
        if (q.p.type !== PayloadType.NOTIFICATION) throw new Error(`${q.m.summary} holds no notification`);
        const ours = answerDpd(ike("initiator"), q.p.notification);
        expect(ours, `an answer to ${q.m.summary}`).toBeDefined();
        const theirs = notes.find((x) => x.m.from === q.m.to && x.p.type === PayloadType.NOTIFICATION && hex(encodeNotification(x.p.notification)) === hex(encodeNotification(ours!)));
        expect(theirs, `charon at ${q.m.to} sent exactly our ACK to ${q.m.summary}`).toBeDefined();
      }
    });

    test("charon's CHILD SA delete removes the responder's SA whose outbound SPI it names", () => {
      const { rec, ike } = get();
      const spi = (h: string) => parseInt(h, 16);
      const { inbound, outbound } = rec.initiatorChildSpis;
      const responderChild = { protocol: "ESP" as const, inbound: { spi: spi(outbound) }, outbound: { spi: spi(inbound) } };
      const del = rec.informational.find((m) => m.summary.includes("[ HASH D ]"))!;
      const p = openInformational(ike("responder"), del.datagram).payloads[0]!;
      if (p.type !== PayloadType.DELETE) throw new Error("the first delete message holds no Delete payload");
      expect(p.delete.protocolId, "ESP").toBe(3);
      expect(hex(p.delete.spis[0]!), "the initiator's inbound SPI").toBe(inbound);
      expect(applyDelete(ike("responder"), [responderChild], p.delete).removed).toEqual([responderChild]);
    });

    test("the INITIAL-CONTACT in charon's main mode message 5 is ours", () => {
      const { rec } = get();
      const m5 = rec.mainMode5.datagram;
      const plain = decryptBody("aes128", rec.encKey, rec.mainMode5.iv, m5.subarray(28)).plaintext;
      const n = walkPayloads(m5[16]!, plain).payloads.find((x) => x.type === PayloadType.NOTIFICATION);
      expect(n, "a Notification in message 5").toBeDefined();
      expect(hex(n!.body)).toBe(hex(encodeNotification(initialContact(rec.ckyI, rec.ckyR))));
    });
  });

  describe("Wireshark decrypts what we sealed", () => {
    test("an R-U-THERE and a Delete of our own after charon's main mode: decrypted, with our HASH(1) and payloads", () => {
      const { rec, ike } = get();
      const sa = ike("initiator");
      const dpdId = 0x0badcafe;
      const delId = 0x7e57ab1e;
      const dpd = [{ type: PayloadType.NOTIFICATION, notification: rUThere(sa, 0x01020304) }] as const;
      const del = [{ type: PayloadType.DELETE, delete: deleteChildSas("ESP", [{ protocol: "ESP", inbound: { spi: 0x12345678 }, outbound: { spi: 1 } }]) }] as const;
      const ours = [
        { messageId: dpdId, datagram: sealInformational(sa, dpdId, [...dpd]) },
        { messageId: delId, datagram: sealInformational(sa, delId, [...del]) },
      ];
      const marker = new Uint8Array(4);
      const packets = [
        ...rec.mainMode.map((d) => ({ src: d.src, dst: d.dst, sport: d.srcPort, dport: d.dstPort, payload: d.payload })),
        ...ours.map((m) => ({ src: "192.168.12.1", dst: "192.168.12.2", sport: 4500, dport: 4500, payload: Uint8Array.from([...marker, ...m.datagram]) })),
      ].map((o, i) => ({ time: 1_764_201_600 + i / 1000, ip: udpPacket({ ...o, id: i + 1 }) }));
      const pcap = join(work, "ours.pcap");
      writeFileSync(pcap, pcapFile(packets));
      mkdirSync(join(work, "wireshark"), { recursive: true });
      writeFileSync(join(work, "wireshark", "ikev1_decryption_table"), `${hex(rec.ckyI)},${hex(rec.encKey)}\n`);
      const rows = tsharkFields(pcap, ["isakmp.messageid", "isakmp.hash", "isakmp.notify.msgtype", "isakmp.notify.data.dpd.are_you_there", "isakmp.delete.protoid", "isakmp.delete.spi"], {
        configHome: work,
        filter: "isakmp.exchangetype == 5",
      });
      expect(rows.length, "tshark finds our two informational messages").toBe(2);
      const [r1, r2] = rows as [Record<string, string[]>, Record<string, string[]>];
      expect(r1["isakmp.hash"], "Wireshark's decryption of our R-U-THERE shows our HASH(1)").toEqual([hex(informationalHash(sa, dpdId, [...dpd]))]);
      expect(r1["isakmp.notify.msgtype"], "R-U-THERE").toEqual(["36136"]);
      expect(r1["isakmp.notify.data.dpd.are_you_there"], "its sequence number").toEqual(["16909060"]);
      expect(r2["isakmp.hash"], "and of our Delete").toEqual([hex(informationalHash(sa, delId, [...del]))]);
      expect(r2["isakmp.delete.protoid"], "protocol ESP").toEqual(["3"]);
      expect(r2["isakmp.delete.spi"], "the SPI we deleted").toEqual(["12345678"]);
    });
  });
});
