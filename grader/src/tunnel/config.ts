/**
 * The tunnel's configuration file (`ipsec-course tunnel up --config FILE`):
 * the IKE peer's configuration (README "The IKE peer": local, remote, psk,
 * mode, phase1, phase2, subnets, lifetimes, dpd, rekey...) plus what only
 * a tunnel needs:
 *
 *   "tun": "ipsc0"       the TUN device's name
 *   "mtu": 1400          its MTU: 1500 on the underlay minus ESP-in-UDP's
 *                        worst case (20 IP + 8 UDP + 8 ESP + 16 IV + up to
 *                        17 padding and trailer + 16 ICV = 85 octets)
 *   "idleTimeout": 0     seconds without data after which the tunnel ends
 *                        with Deletes (0: never)
 *   "queue": 8           packets held while the SAs are negotiated
 *   "initiate": false    true: negotiate at once instead of on the first packet
 *   "logLevel": "info"   error, warn, info or debug
 *
 * Defaults are the seed's (phase 1 aes128-sha1-modp1024, PSK, 86400 s;
 * phase 2 ESP aes128-sha1 in tunnel mode), which the IKE configuration
 * supplies.
 */
import { ConfigError, peerSettings, readConfigFile, type PeerSettings } from "../ike/config.ts";
import { LOG_LEVELS, type LogLevel } from "./log.ts";

export interface TunnelOptions {
  readonly tun: string;
  readonly mtu: number;
  readonly idleTimeout: number;
  readonly queue: number;
  readonly initiate: boolean;
  readonly logLevel: LogLevel;
}

export interface TunnelConfig {
  readonly peer: PeerSettings;
  readonly tunnel: TunnelOptions;
  /** The configuration object the IKE settings were read from (for the controller's own keys). */
  readonly ike: Readonly<Record<string, unknown>>;
}

export const TUNNEL_DEFAULTS: TunnelOptions = { tun: "ipsc0", mtu: 1400, idleTimeout: 0, queue: 8, initiate: false, logLevel: "info" };

/** Linux interface names: at most 15 characters (IFNAMSIZ - 1), no slash, no space. */
const IFNAME = /^[A-Za-z0-9_.-]{1,15}$/;

function whole(value: unknown, key: string, min: number, max: number): number {
  if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) throw new ConfigError(`"${key}" must be a whole number from ${min} to ${max}`);
  return value as number;
}

/** Splits the tunnel's own keys from the IKE peer's and checks both. */
export function tunnelConfig(raw: unknown): TunnelConfig {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new ConfigError("the configuration must be a JSON object");
  const { tun, mtu, idleTimeout, queue, initiate, logLevel, ...ike } = raw as Record<string, unknown>;
  const d = TUNNEL_DEFAULTS;
  if (tun !== undefined && (typeof tun !== "string" || !IFNAME.test(tun))) throw new ConfigError(`"tun" must be an interface name of 1 to 15 letters, digits, "_", "." or "-"`);
  if (initiate !== undefined && typeof initiate !== "boolean") throw new ConfigError(`"initiate" must be true or false`);
  if (logLevel !== undefined && !LOG_LEVELS.includes(logLevel as LogLevel)) throw new ConfigError(`"logLevel" must be one of ${LOG_LEVELS.join(", ")}`);
  const tunnel: TunnelOptions = {
    tun: (tun as string | undefined) ?? d.tun,
    // 576 is the least every IPv4 host must accept (RFC 791); 1415 leaves room for ESP-in-UDP in a 1500-octet underlay.
    mtu: mtu === undefined ? d.mtu : whole(mtu, "mtu", 576, 1415),
    idleTimeout: idleTimeout === undefined ? d.idleTimeout : whole(idleTimeout, "idleTimeout", 0, 365 * 86400),
    queue: queue === undefined ? d.queue : whole(queue, "queue", 0, 1024),
    initiate: (initiate as boolean | undefined) ?? d.initiate,
    logLevel: (logLevel as LogLevel | undefined) ?? d.logLevel,
  };
  // The data plane sends ESP only inside UDP 4500 (RFC 3948): quick mode must say so (UDP-Encapsulated-Tunnel), NAT or not.
  if (ike.encap === false) throw new ConfigError(`"encap" cannot be false for the tunnel: it carries ESP only inside UDP 4500, which quick mode must agree on`);
  return { peer: peerSettings({ ...ike, encap: true }), tunnel, ike };
}

export function readTunnelConfig(file: string): TunnelConfig {
  return tunnelConfig(readConfigFile(file));
}

/** `--state-dir` > IPSEC_COURSE_STATE > /run/ipsec-course: where sockets, PID files and background logs live. */
export function stateDir(option: string | undefined): string {
  return option ?? process.env.IPSEC_COURSE_STATE ?? "/run/ipsec-course";
}
