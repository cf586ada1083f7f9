/**
 * The capstone, ours against ours: `ipsec-course lab up` (two namespaces as
 * the seed's routers, our tunnel daemon with the reference solution in
 * each), then traffic between the protected LANs, judged by programs nobody
 * here wrote:
 *
 * - the kernel's ping counts replies from 10.2.0.1 to 10.1.0.1;
 * - a 3 MB TCP transfer 10.1.0.1 -> 10.2.0.1 arrives with the SHA-256 it
 *   was sent with (the kernel's TCP would retransmit anything lost, so the
 *   hash proves the bytes, the status counters prove they went through ESP);
 * - dumpcap on the left router's underlay sees only ARP and UDP 500/4500
 *   between 192.168.12.1 and .2 (no ICMP or TCP in the clear, no 10.x
 *   address in an outer header), and tshark, given the keys the daemon
 *   wrote with --keys-dir, decrypts that ESP back to the pings with good
 *   ICVs;
 * - both daemons' `tunnel status --json` show the same CHILD SA from the two
 *   ends (our outbound SPI is the peer's inbound SPI);
 * - tshark also decrypts the IKE messages with the ikev1_decryption_table
 *   the daemon wrote (phase 1 identities, quick mode proxy identities);
 * - `tunnel down` on the left sends Deletes that clear the right side, and
 *   its TUN device and route vanish;
 * - `lab down` leaves no namespace and no process behind.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { labDir, labSpec, readLabRecord } from "../src/lab/lab.ts";
import { openLab } from "../src/lab/netns.ts";
import { tunUnavailable } from "../src/tunnel/tun.ts";
import { startCapture, type Capture } from "./capture.ts";
import { course, inLab, labExec, leftovers, ping, randomLabName, tcpTransfer, tunnelStatus, tunnelStatusCli } from "./lab-cli.ts";
import { interopSuite } from "./tools.ts";
import { tsharkFields } from "./tshark.ts";

const TRANSFER_BYTES = 3 * 1024 * 1024;

interopSuite("capstone lab: our tunnel daemon on both routers (ipsec-course lab)", { tools: ["ip", "ping", "dumpcap", "tshark"], root: true, checks: [tunUnavailable] }, () => {
  const name = randomLabName("c4l");
  const work = mkdtempSync(join(tmpdir(), "ipsec-course-lab-"));
  const pcap = join(work, "underlay.pcap");
  let capture: Capture | undefined;
  let pids: number[] = [];
  const measured: string[] = [];

  beforeAll(async () => {
    const up = await course(["lab", "up", "--impl", "solutions", "--lab", name]);
    expect(up.code, `ipsec-course lab up --lab ${name} failed:\n${up.stdout}${up.stderr}`).toBe(0);
    const record = readLabRecord(name)!;
    pids = [record.pids.left!, record.pids.right!];
    const lab = openLab(labSpec(name));
    capture = await startCapture(lab, lab.r1, pcap);
  });

  afterAll(async () => {
    await capture?.stop();
    await course(["lab", "down", "--lab", name]);
    if (measured.length > 0) process.stderr.write(`capstone lab (ours <-> ours): ${measured.join("; ")}\n`);
    if (process.env.IPSEC_COURSE_KEEP !== "1") rmSync(work, { recursive: true, force: true });
  });

  test("ping 10.1.0.1 -> 10.2.0.1: the first packet starts IKE, none is lost", async () => {
    const started = performance.now();
    const first = await ping(name, "left", 1);
    const firstMs = performance.now() - started;
    expect(first.received, `the first ping (queued while IKE ran) got no reply:\n${first.stdout}${first.stderr}`).toBe(1);
    measured.push(`first ping including IKE ${first.rtt?.avg ?? firstMs} ms`);
    const r = await ping(name, "left", 10);
    expect(r.transmitted, `ping sent 10 echo requests:\n${r.stdout}${r.stderr}`).toBe(10);
    expect(r.received, `echo replies received through the tunnel out of 10 sent:\n${r.stdout}`).toBe(10);
    measured.push(`ping RTT avg ${r.rtt?.avg} ms (min ${r.rtt?.min}, max ${r.rtt?.max})`);
  });

  test("a 3 MB TCP transfer 10.1.0.1 -> 10.2.0.1 arrives intact (SHA-256 of what was sent = of what was received)", async () => {
    const t = await tcpTransfer(name, "left", TRANSFER_BYTES);
    expect(t.received.bytes, "octets the receiver counted vs octets sent").toBe(TRANSFER_BYTES);
    expect(t.received.sha256, "SHA-256 of the received stream vs of the sent one").toBe(t.sent.sha256);
    measured.push(`TCP ${TRANSFER_BYTES} bytes in ${t.sent.ms.toFixed(0)} ms = ${t.mbps.toFixed(1)} Mbit/s`);
  });

  test("tunnel status on both routers: one CHILD SA seen from both ends, traffic counted", async () => {
    const [left, right] = await Promise.all([tunnelStatusCli(name, "left"), tunnelStatusCli(name, "right")]);
    expect(left.ike.length, "left's IKE SAs").toBeGreaterThanOrEqual(1);
    expect(left.ipsec.length, "left's IPsec SAs (one CHILD SA, no rekey in this short test)").toBe(1);
    expect(right.ipsec.length, "right's IPsec SAs").toBe(1);
    const [l, r] = [left.ipsec[0]!, right.ipsec[0]!];
    expect(l.spiOut, "the SPI left sends with is the one right receives with").toBe(r.spiIn);
    expect(l.spiIn, "the SPI left receives with is the one right sends with").toBe(r.spiOut);
    expect(left.ike[0]!.cookies, "both ends name the same IKE SA (cookies)").toBe(right.ike[0]!.cookies);
    expect(left.ike[0]!.role, "left initiated (on the first ping)").toBe("initiator");
    expect(l.out.packets, "packets left sent on its SA").toBeGreaterThan(0);
    expect(l.in.packets, "packets left received on its SA").toBeGreaterThan(0);
    // UDP may lose a datagram in a full socket buffer under a TCP burst (TCP resends it): right received at most what left sent.
    expect(right.counters.espIn, "ESP datagrams right received vs left sent").toBeLessThanOrEqual(left.counters.espOut);
    expect(right.counters.espIn, "ESP datagrams right received vs 90 % of those left sent").toBeGreaterThan(0.9 * left.counters.espOut);
    expect(left.counters.tunIn, "packets left read from its TUN device").toBeGreaterThan(0);
    expect(right.counters.tunOut, "packets right wrote to its TUN device").toBeGreaterThan(0);
    const drops = (s: typeof left) => Object.entries(s.drops).filter(([, n]) => n > 0);
    expect(drops(left), "drops on the left (none expected in a clean run)").toEqual([]);
    expect(drops(right), "drops on the right").toEqual([]);
  });

  test("the underlay carries only IKE (UDP 500/4500) and ESP in UDP 4500; tshark decrypts the ESP with the --keys-dir keys", async () => {
    await capture!.stop();
    const rows = tsharkFields(pcap, ["frame.protocols", "ip.src", "ip.dst", "udp.srcport", "udp.dstport", "isakmp.ispi", "esp.spi"]);
    expect(rows.length, "frames captured on the left underlay").toBeGreaterThan(20);
    const clear = rows.filter((r) => {
      const p = r["frame.protocols"]![0]!;
      if (p === "eth:ethertype:arp") return false;
      const ports = [r["udp.srcport"]![0], r["udp.dstport"]![0]];
      const underlay = (a: string | undefined) => a === "192.168.12.1" || a === "192.168.12.2";
      const ike = ports.every((x) => x === "500") || ports.every((x) => x === "4500");
      return !(p.startsWith("eth:ethertype:ip:udp") && ike && underlay(r["ip.src"]![0]) && underlay(r["ip.dst"]![0]));
    });
    expect(clear.map((r) => `${r["frame.protocols"]} ${r["ip.src"]} -> ${r["ip.dst"]}`), "frames that are neither ARP nor UDP 500/4500 between 192.168.12.1 and .2").toEqual([]);
    expect(rows.filter((r) => r["isakmp.ispi"]!.length > 0).length, "IKE messages on the underlay").toBeGreaterThanOrEqual(4);
    const esp = rows.filter((r) => r["esp.spi"]!.length > 0);
    expect(esp.length, "ESP-in-UDP datagrams on the underlay (ping and TCP)").toBeGreaterThan(100);

    // Wireshark's own ESP code, with the keys our daemon wrote, must find the pings inside.
    const home = join(work, "config");
    mkdirSync(join(home, "wireshark"), { recursive: true });
    copyFileSync(join(labDir(name), "left", "keys", "esp_sa"), join(home, "wireshark", "esp_sa"));
    const inner = tsharkFields(pcap, ["ip.src", "ip.dst", "esp.icv_good", "icmp.type"], {
      configHome: home,
      filter: "esp && icmp",
      prefs: { "esp.enable_encryption_decode": "TRUE", "esp.enable_authentication_check": "TRUE" },
    });
    expect(inner.length, "ICMP packets tshark found inside the ESP (11 requests + 11 replies)").toBe(22);
    for (const r of inner) {
      expect(r["esp.icv_good"]![0], "Wireshark's ICV check of each ESP packet carrying a ping (1 = good)").toBe("1");
      expect(r["ip.src"]!.slice(1).concat(r["ip.dst"]!.slice(1)).sort(), "the inner addresses are the LANs' routers").toEqual(["10.1.0.1", "10.2.0.1"]);
    }

    // And its IKEv1 code, with ikev1_decryption_table, opens main mode messages 5 and 6 (the identities) and quick mode.
    copyFileSync(join(labDir(name), "left", "keys", "ikev1_decryption_table"), join(home, "wireshark", "ikev1_decryption_table"));
    const ids = tsharkFields(pcap, ["isakmp.id.data.ipv4_addr"], { configHome: home, filter: "isakmp.id.data.ipv4_addr" }).flatMap((r) => r["isakmp.id.data.ipv4_addr"]!);
    expect(ids.sort(), "addresses in the ID payloads tshark decrypted: main mode 5 and 6 (the routers), quick mode 1 and 2 (IDci, IDcr: the subnets)").toEqual(["10.1.0.0", "10.1.0.0", "10.2.0.0", "10.2.0.0", "192.168.12.1", "192.168.12.2"]);
    // No NAT here, yet the data goes in UDP 4500: the daemons force encapsulation (faked NAT-D, as strongSwan's
    // encap = yes), so quick mode must say UDP-Encapsulated-Tunnel (3, RFC 3947 section 5.1), never plain Tunnel (1).
    const modes = tsharkFields(pcap, ["isakmp.ipsec.attr.encap_mode"], { configHome: home, filter: "isakmp.ipsec.attr.encap_mode" }).flatMap((r) => r["isakmp.ipsec.attr.encap_mode"]!);
    expect(modes.length, "Encapsulation-Mode attributes tshark decrypted in quick mode messages 1 and 2").toBeGreaterThanOrEqual(2);
    expect([...new Set(modes)], "Encapsulation-Mode in quick mode (3 = UDP-Encapsulated-Tunnel)").toEqual(["3"]);
  });

  test("tunnel down on the left: its Deletes clear the right side, its TUN device and route are gone", async () => {
    const down = await labExec(name, "left", ["ipsec-course", "tunnel", "down"]);
    expect(down.code, `tunnel down failed:\n${down.stdout}${down.stderr}`).toBe(0);
    const right = await tunnelStatus(name, "right");
    expect(right.ipsec, "the right side's IPsec SAs after the left one's Delete").toEqual([]);
    const link = await inLab(name, "left", ["ip", "link", "show", "ipsc0"]);
    expect(link.code, `ipsc0 still exists on the left:\n${link.stdout}`).not.toBe(0);
    const route = await inLab(name, "left", ["ip", "route", "show", "10.2.0.0/24"]);
    expect(route.stdout.trim(), "the route into the tunnel on the left").toBe("");
  });

  test("lab down stops both daemons and deletes both namespaces", async () => {
    const down = await course(["lab", "down", "--lab", name]);
    expect(down.code, `lab down failed:\n${down.stdout}${down.stderr}`).toBe(0);
    expect(down.stdout, "lab down stopped the right daemon with SIGTERM (no SIGKILL needed)").not.toMatch(/killed/);
    expect(leftovers(name, pids), "namespaces and processes left after lab down").toEqual([]);
  });
});
