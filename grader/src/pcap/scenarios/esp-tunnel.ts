/** `ipsec-course pcap esp-tunnel`: the seed's ping both ways, ESP in tunnel mode. */
import { ipsecScenario } from "./ipsec-traffic.ts";

export const espTunnel = ipsecScenario("esp", "tunnel");
