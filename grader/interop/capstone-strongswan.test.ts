/**
 * The final exam: our tunnel daemon (the reference solution) on the left
 * router, strongSwan's charon with kernel-libipsec on the right, set up by
 * `ipsec-course lab up --right strongswan` from the same parameters. Each
 * cell is one proposal set, brought up both ways:
 *
 * - ours initiating: the first ping from 10.1.0.1 makes our daemon start
 *   main (or aggressive) mode and quick mode;
 * - charon initiating: `swanctl --initiate --child net` on the right, our
 *   daemon responding.
 *
 * The tunnel then carries pings (the kernel's ping counts the replies) and
 * a 1 MB TCP transfer 10.1.0.1 -> 10.2.0.1 checked by SHA-256; charon's
 * `swanctl --list-sas` must show the CHILD SA with the SPIs our daemon
 * reports (each side's inbound SPI is the other's outbound one) and must
 * have counted the traffic. A fresh lab per cell, taken down after it.
 */
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { CHARON } from "../src/lab/charon.ts";
import { readLabRecord } from "../src/lab/lab.ts";
import { tunUnavailable } from "../src/tunnel/tun.ts";
import { course, labExec, leftovers, ping, randomLabName, tcpTransfer, tunnelStatus } from "./lab-cli.ts";
import { interopSuite } from "./tools.ts";

const TRANSFER_BYTES = 1024 * 1024;

interface Cell {
  readonly label: string;
  readonly flags: readonly string[];
  readonly encryption: string;
}

const CELLS: readonly Cell[] = [
  { label: "main mode, the seed's proposal (aes128-sha1-modp1024, ESP aes128-sha1)", flags: [], encryption: "AES_CBC-128" },
  { label: "aggressive mode", flags: ["--mode", "aggressive"], encryption: "AES_CBC-128" },
  { label: "quick mode with PFS (modp1024)", flags: ["--pfs"], encryption: "AES_CBC-128" },
  { label: "the stronger proposal (aes256-sha256-modp2048, ESP aes256-sha256)", flags: ["--strong"], encryption: "AES_CBC-256" },
];

interopSuite("capstone final exam: our tunnel daemon against strongSwan (lab --right strongswan)", { tools: ["ip", "ping", "swanctl", CHARON], root: true, checks: [tunUnavailable] }, () => {
  const labs: { name: string; pids: number[] }[] = [];
  const measured: string[] = [];

  async function up(cell: Cell): Promise<string> {
    const name = randomLabName("c4s");
    labs.push({ name, pids: [] });
    const r = await course(["lab", "up", "--impl", "solutions", "--right", "strongswan", "--lab", name, ...cell.flags]);
    expect(r.code, `lab up --right strongswan ${cell.flags.join(" ")} failed:\n${r.stdout}${r.stderr}`).toBe(0);
    const record = readLabRecord(name)!;
    labs.at(-1)!.pids = [record.pids.left!, record.pids.right!];
    return name;
  }

  afterEach(async () => {
    for (const lab of labs.splice(0)) {
      await course(["lab", "down", "--lab", lab.name]);
      expect(leftovers(lab.name, lab.pids), `namespaces and processes left after lab down --lab ${lab.name}`).toEqual([]);
    }
  });

  afterAll(() => {
    if (measured.length > 0) process.stderr.write(`capstone vs strongSwan:\n  ${measured.join("\n  ")}\n`);
  });

  /** Ping and TCP both ways through the tunnel, then charon's and our view of the one CHILD SA compared. */
  async function carries(name: string, cell: Cell, how: string): Promise<void> {
    const started = performance.now();
    const first = await ping(name, "left", 1);
    expect(first.received, `the first ping 10.1.0.1 -> 10.2.0.1 (${how}) got no reply:\n${first.stdout}${first.stderr}`).toBe(1);
    const firstMs = performance.now() - started;
    const r = await ping(name, "left", 5);
    expect(r.received, `echo replies through the tunnel out of 5 sent (${how}):\n${r.stdout}`).toBe(5);
    const back = await ping(name, "right", 3);
    expect(back.received, `echo replies 10.2.0.1 -> 10.1.0.1, charon's side sending first (${how}):\n${back.stdout}`).toBe(3);
    const t = await tcpTransfer(name, "left", TRANSFER_BYTES);
    expect(t.received.bytes, "octets the receiver behind charon counted vs octets sent").toBe(TRANSFER_BYTES);
    expect(t.received.sha256, "SHA-256 of what charon's side received vs of what we sent").toBe(t.sent.sha256);
    measured.push(`${cell.label}, ${how}: first ping ${firstMs.toFixed(0)} ms (process start + IKE), RTT ${r.rtt?.avg} ms, TCP ${t.mbps.toFixed(1)} Mbit/s`);

    const ours = await tunnelStatus(name, "left");
    expect(ours.ipsec.length, "our daemon's IPsec SAs").toBe(1);
    const sas = await labExec(name, "right", ["swanctl", "--list-sas"]);
    expect(sas.code, `swanctl --list-sas failed: ${sas.stderr}`).toBe(0);
    const spis = /net: #\d+, reqid \d+, INSTALLED, TUNNEL-in-UDP, ESP:(\S+)\s+installed[^\n]*\n\s+in\s+([0-9a-f]{8})[^\n]*?(\d+) bytes,\s+(\d+) packets[^\n]*\n\s+out\s+([0-9a-f]{8})[^\n]*?(\d+) bytes,\s+(\d+) packets/.exec(sas.stdout);
    expect(spis, `charon lists an installed UDP-encapsulated CHILD SA "net":\n${sas.stdout}`).not.toBeNull();
    const [, algorithms, charonIn, , inPackets, charonOut, , outPackets] = spis!;
    const sa = ours.ipsec[0]!;
    expect(sa.spiOut.replace(/^0x/, ""), "the SPI we send with is the one charon receives with").toBe(charonIn);
    expect(sa.spiIn.replace(/^0x/, ""), "the SPI we receive with is the one charon sends with").toBe(charonOut);
    expect(algorithms, "charon's ESP algorithms for this cell").toContain(cell.encryption);
    expect(Number(inPackets), "packets charon received on the SA vs packets we sent on it").toBe(sa.out.packets);
    expect(Number(outPackets), "packets charon sent on the SA vs packets we received on it").toBe(sa.in.packets);
  }

  for (const cell of CELLS) {
    describe(cell.label, () => {
      test("our daemon initiates on the first packet, charon responds", async () => {
        const name = await up(cell);
        await carries(name, cell, "ours initiating");
        const ours = await tunnelStatus(name, "left");
        expect(ours.ike[0]?.role, "our IKE SA's role").toBe("initiator");
        expect(ours.ike[0]?.mode, "phase 1 mode").toBe(cell.flags.includes("aggressive") ? "aggressive" : "main");
      });
      test("charon initiates (swanctl --initiate), our daemon responds", async () => {
        const name = await up(cell);
        const init = await labExec(name, "right", ["swanctl", "--initiate", "--child", "net", "--timeout", "15"], 30_000);
        expect(init.code, `swanctl --initiate failed:\n${init.stdout}${init.stderr}`).toBe(0);
        const ours = await tunnelStatus(name, "left");
        expect(ours.ike[0]?.role, "our IKE SA's role").toBe("responder");
        expect(ours.ipsec.length, "our daemon installed the CHILD SA charon negotiated").toBe(1);
        await carries(name, cell, "charon initiating");
      });
    });
  }
});
