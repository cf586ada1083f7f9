/**
 * `ipsec-course pcap <scenario> [--impl exercises|solutions] -o file.pcap [--keys-dir DIR] [--psk TEXT] [--as-seed]`:
 * runs a scenario with the chosen implementation and writes what it sent as a
 * capture Wireshark opens.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { pcapFile } from "../pcap/file.ts";
import { writeKeysDir } from "../pcap/keys.ts";
import { scenarioContext, type ScenarioOptions } from "../pcap/scenario.ts";
import { SCENARIOS, findScenario } from "../pcap/scenarios/index.ts";

export interface PcapRequest {
  readonly scenario: string;
  readonly implDir: string;
  readonly out: string;
  readonly keysDir?: string;
  readonly options?: ScenarioOptions;
  /** Fixed capture start, so the same implementation writes the same file. */
  readonly startTime?: number;
}

export class ScenarioError extends Error {}

export function scenarioList(): string {
  return SCENARIOS.map((s) => `  ${s.name.padEnd(18)} ${s.summary}`).join("\n");
}

export async function writeScenario(req: PcapRequest): Promise<{ packets: number; files: string[] }> {
  const scenario = findScenario(req.scenario);
  if (!scenario) throw new ScenarioError(`unknown scenario "${req.scenario}". Scenarios:\n${scenarioList()}`);
  // 2026-01-01T00:00:00Z: a fixed time keeps captures byte-identical between runs.
  const ctx = scenarioContext(req.implDir, req.startTime ?? 1_767_225_600, req.options);
  let output;
  try {
    output = await scenario.run(ctx);
  } catch (e) {
    throw new ScenarioError(
      `scenario "${scenario.name}" failed in ${req.implDir}: ${(e as Error).message}\n` +
        `It runs the code of: ${scenario.uses.join(", ")}. Pass those exercises first (npm start), or try --impl solutions.`,
    );
  }
  mkdirSync(dirname(req.out), { recursive: true });
  writeFileSync(req.out, pcapFile(output.packets));
  const files = [req.out];
  if (req.keysDir) files.push(...writeKeysDir(req.keysDir, output.sas ?? [], output.ikeSas ?? []));
  return { packets: output.packets.length, files };
}
