/** `ipsec-course pcap ah-esp-tunnel`: the seed's ping both ways, AH outside ESP in tunnel mode. */
import { ipsecScenario } from "./ipsec-traffic.ts";

export const ahEspTunnel = ipsecScenario("ah-esp", "tunnel");
