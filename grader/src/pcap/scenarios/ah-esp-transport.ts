/** `ipsec-course pcap ah-esp-transport`: the seed's ping both ways, AH outside ESP in transport mode. */
import { ipsecScenario } from "./ipsec-traffic.ts";

export const ahEspTransport = ipsecScenario("ah-esp", "transport");
