/**
 * The tunnel daemon: the seed's five steps on a real host.
 *
 *   1. Interesting traffic: the kernel routes packets for the remote subnet
 *      into our TUN device (route.ts); the data plane matches them against
 *      the policy (chapter 15 SPD) and, with no SA yet, queues a few and asks
 *      IKE for SAs.
 *   2. Phase 1 and 3. quick mode: the IKE controller runs the learner's
 *      chapters 07-10 over UDP 500/4500 and reports each CHILD SA.
 *   4. Data: the data plane protects packets from the TUN device as ESP in
 *      UDP 4500 (RFC 3948) through the chapter 15 SAD and writes the packets
 *      it unprotects to the TUN device.
 *   5. Termination: SIGINT, SIGTERM, `tunnel down` or the idle timeout make
 *      the controller send its Deletes; then the TUN device is closed (the
 *      kernel removes it and its routes) and the control socket goes.
 *
 * This file is the glue between the four parts (TUN, UDP transport, data
 * plane, IKE controller), the one set of counters, the log, the status and
 * the Wireshark key files.
 */
import { loadIkeModules, type ChildSa, type IkeModules, type IkeSa } from "../ike/modules.ts";
import type { ImplLoader } from "../impl-loader.ts";
import { realClock } from "../ike/clock.ts";
import { udpTransport, type UdpTransport } from "../ike/udp.ts";
import { childSaRecords, writeKeysDir, type IkeSaRecord, type SaRecord } from "../pcap/keys.ts";
import { hex32 } from "../teach/hexdump.ts";
import type { TunnelConfig } from "./config.ts";
import { serveControl, type ControlServer } from "./control.ts";
import { DataPlane, GATEWAY_EXERCISE, loadGateway, type DropReason } from "./dataplane.ts";
import { IkeController } from "./ike-controller.ts";
import { TunnelLog, type Component } from "./log.ts";
import { routeIntoTun } from "./route.ts";
import type { IpsecSaView, TunnelStatus } from "./status.ts";
import { openTun, type TunDevice } from "./tun.ts";

export interface DaemonOptions {
  readonly config: TunnelConfig;
  readonly loader: ImplLoader;
  /** How the implementation is named in status ("solutions", "exercises" or the folder). */
  readonly implName: string;
  readonly stateDir: string;
  readonly log: TunnelLog;
  /** Where Wireshark's key files are kept up to date, one row per SA as it comes up. */
  readonly keysDir?: string;
}

/** Where each drop reason is logged from. */
const DROP_COMPONENT: Readonly<Record<DropReason, Component>> = {
  "no-policy": "tun",
  "queue-full": "tun",
  "unknown-spi": "esp",
  replay: "esp",
  integrity: "esp",
  malformed: "esp",
  policy: "esp",
  expired: "sad",
  "ike-malformed": "ike",
  "ike-unknown-peer": "ike",
  "ike-unknown-sa": "ike",
  "ike-bad-hash": "ike",
  "ike-rejected": "ike",
};

const spiText = (spi: number) => `0x${hex32(spi)}`;

export class TunnelDaemon {
  readonly #o: DaemonOptions;
  readonly #log: TunnelLog;
  readonly #started = Date.now();
  readonly #keyRows: SaRecord[] = [];
  readonly #ikeKeyRows: IkeSaRecord[] = [];
  #tun: TunDevice | undefined;
  #transport: UdpTransport | undefined;
  #control: ControlServer | undefined;
  #dataplane: DataPlane | undefined;
  #controller: IkeController | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #stopping: Promise<void> | undefined;
  #ended!: () => void;
  /** Resolves once the tunnel has been taken down. */
  readonly ended = new Promise<void>((resolve) => (this.#ended = resolve));

  constructor(options: DaemonOptions) {
    this.#o = options;
    this.#log = options.log;
  }

  /** Opens everything; on a failure closes what was opened and rethrows. */
  async start(initiate: boolean): Promise<void> {
    const { config, loader, stateDir } = this.#o;
    const { peer, tunnel } = config;
    const p1 = peer.phase1;
    try {
      const modules: IkeModules = await loadIkeModules(loader);
      const gateway = await loadGateway(loader);
      this.#transport = await udpTransport(p1.local.address);
      this.#tun = openTun(tunnel.tun);
      const src = routeIntoTun(this.#tun.name, tunnel.mtu, peer.phase2.localSubnet, peer.phase2.remoteSubnet);
      this.#log.info("tun", `${this.#tun.name} up, mtu ${tunnel.mtu}, route ${peer.phase2.remoteSubnet}${src ? ` src ${src}` : ""}`);

      const transport = this.#transport;
      const local4500 = { address: p1.local.address, port: 4500 };
      const remote4500 = { address: p1.remote.address, port: 4500 };
      const drop = (reason: DropReason, detail: string) => this.#log.drop(DROP_COMPONENT[reason], reason, detail);
      const dataplane = new DataPlane(
        gateway,
        { local: local4500, remote: remote4500, localSubnet: peer.phase2.localSubnet, remoteSubnet: peer.phase2.remoteSubnet },
        {
          sendEsp: (datagram) => transport.sendEsp(datagram, remote4500),
          writeTun: (packet) => {
            if (this.#tun && !this.#tun.write(packet)) this.#log.limited("warn", "tun", "tun-full", "the kernel's TUN queue is full: a packet was lost");
          },
          needSa: () => this.#controller?.initiate(),
          heard: () => this.#controller?.heard(),
          soft: (spi) => {
            this.#log.info("sad", `soft lifetime reached on ${spiText(spi)}: rekeying`);
            this.#controller?.rekey(spi);
          },
          drop,
          fault: (where, error) => this.#fault(where, error),
        },
        realClock,
        tunnel.queue,
      );
      this.#dataplane = dataplane;
      this.#controller = new IkeController(modules, peer, transport, realClock, { ...(peer.dpd ? { dpd: peer.dpd } : {}), rekey: peer.rekey, deleteRekeyed: peer.deleteRekeyed }, {
        childUp: (child) => this.#childUp(child),
        childDown: (child) => dataplane.remove(child),
        ikeUp: (ike) => this.#ikeUp(ike),
        drop: (reason, detail) => dataplane.countDrop(reason, detail),
        log: (level, line) => this.#log.line(level, "ike", line),
      });
      this.#tun.onPacket((packet) => dataplane.fromTun(packet));
      transport.onEsp((datagram, from) => dataplane.fromUdp(datagram, from));
      this.#armIdle();
      // Last: `tunnel up --background` and `lab up` take an answering socket to mean "up".
      this.#control = await serveControl(stateDir, tunnel.tun, { status: () => this.status(), down: () => (void this.stop("tunnel down"), { ok: true }) });
      this.#log.info("tunnel", `${p1.local.address} <-> ${p1.remote.address}, ${peer.phase2.localSubnet} <-> ${peer.phase2.remoteSubnet}, ${peer.mode} mode, implementation ${this.#o.implName}; ${initiate ? "initiating now" : "waiting for traffic or the peer"}`);
      if (initiate) this.#controller.initiate();
    } catch (e) {
      await this.#close();
      throw e;
    }
  }

  /** Not a packet's fault: the learner's unfinished code (todo()) or a bug. Said loudly, at most a few times a second. */
  #fault(where: string, error: Error): void {
    const hint = error.name === "TodoError" ? ` (a function of your code is not written yet; ${GATEWAY_EXERCISE} and the chapters it builds on run here)` : "";
    this.#log.limited("error", "tunnel", `fault in ${where}`, `fault handling a ${where}: ${error.name}: ${error.message}${hint}`);
    if (this.#log.enabled("debug") && error.stack) this.#log.debug("tunnel", error.stack);
  }

  #childUp(child: ChildSa): void {
    this.#dataplane!.install(child);
    if (this.#o.keysDir) {
      const { local, remote } = this.#o.config.peer.phase1;
      this.#keyRows.push(...childSaRecords(child, local.address, remote.address));
      this.#writeKeys();
    }
  }

  #ikeUp(ike: IkeSa): void {
    if (this.#o.keysDir) {
      this.#ikeKeyRows.push({ initiatorCookie: ike.ckyI, encryptionKey: ike.keys.encKey });
      this.#writeKeys();
    }
  }

  #writeKeys(): void {
    try {
      writeKeysDir(this.#o.keysDir!, this.#keyRows, this.#ikeKeyRows);
    } catch (e) {
      this.#log.warn("tunnel", `cannot write the key files in ${this.#o.keysDir}: ${(e as Error).message}`);
    }
  }

  /** Ends the tunnel after `idleTimeout` seconds in which no data packet went either way. */
  #armIdle(): void {
    const limit = this.#o.config.tunnel.idleTimeout;
    if (limit <= 0) return;
    let last = this.#dataTotal();
    let quietSince = Date.now();
    this.#idleTimer = setInterval(() => {
      const now = this.#dataTotal();
      if (now !== last) {
        last = now;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= limit * 1000) {
        void this.stop(`no traffic for ${limit} s (idleTimeout)`);
      }
    }, 1000);
    this.#idleTimer.unref();
  }

  #dataTotal(): number {
    const c = this.#dataplane?.counters();
    return c ? c.tunIn + c.tunOut + c.espIn + c.espOut : 0;
  }

  status(): TunnelStatus {
    const { peer, tunnel } = this.#o.config;
    const c = this.#dataplane!.counters();
    const s = this.#controller!.status();
    const now = Date.now();
    const zero = { packets: 0, bytes: 0 };
    // The data plane counts by SPI: what arrived on our inbound SPI, what was sent on the peer's.
    const ipsec: IpsecSaView[] = s.children.map(({ inboundSpi, ...child }) => ({
      ...child,
      protocol: "ESP",
      in: c.sas.get(inboundSpi) ?? zero,
      out: c.sas.get(parseInt(child.spiOut, 16)) ?? zero,
    }));
    return {
      name: this.#tun?.name ?? tunnel.tun,
      pid: process.pid,
      impl: this.#o.implName,
      uptimeSeconds: Math.floor((now - this.#started) / 1000),
      local: peer.phase1.local.address,
      remote: peer.phase1.remote.address,
      localSubnet: peer.phase2.localSubnet,
      remoteSubnet: peer.phase2.remoteSubnet,
      ike: s.ike,
      ipsec,
      counters: { tunIn: c.tunIn, tunOut: c.tunOut, espIn: c.espIn, espOut: c.espOut, ikeIn: s.ikeIn, ikeOut: s.ikeOut, queued: c.queued },
      drops: c.drops,
    };
  }

  /** Deletes, then the TUN device, then the socket; idempotent. */
  stop(why: string): Promise<void> {
    this.#stopping ??= (async () => {
      this.#log.info("tunnel", `stopping: ${why}`);
      clearInterval(this.#idleTimer);
      try {
        // The Deletes go out before the device goes: the peer stops sending into a tunnel that is gone.
        await Promise.race([this.#controller?.shutdown(), new Promise((r) => setTimeout(r, 3000).unref())]);
      } catch (e) {
        this.#log.warn("ike", `shutdown: ${(e as Error).message}`);
      }
      await this.#close();
      this.#log.flushLimited();
      this.#log.info("tunnel", "stopped");
      this.#ended();
    })();
    return this.#stopping;
  }

  async #close(): Promise<void> {
    this.#tun?.close();
    this.#tun = undefined;
    await this.#transport?.close().catch(() => {});
    this.#transport = undefined;
    await this.#control?.close();
    this.#control = undefined;
  }
}
