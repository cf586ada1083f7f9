/** A Markdown summary for a person: the class at a glance, then what went wrong per submission. */
import type { GradedExercise, GradeReport } from "../model.ts";

const cell = (s: string) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
const mark = (r: GradedExercise) => (r.status === "pass" ? "✓" : r.disallowed ? "⛔" : r.status === "timeout" ? "⏱" : r.status === "error" ? "!" : "✗");

export function markdown(report: GradeReport): string {
  const lines = [
    `# ${report.course}: grades`,
    "",
    `${report.submissions.length} submission(s), ${report.exercises.length} exercise(s), seed ${report.seed}` +
      (report.shard ? `, shard ${report.shard.index}/${report.shard.count}` : "") + ".",
    "",
    "✓ pass · ✗ fail · ! error · ⏱ timeout · ⛔ disallowed",
    "",
    `| submission | score | ${report.exercises.map((e) => e.id.split("/")[1]).join(" | ")} |`,
    `|---|---:|${report.exercises.map(() => ":-:").join("|")}|`,
  ];
  for (const s of report.submissions) {
    const byId = new Map(s.results.map((r) => [r.id, r]));
    lines.push(`| ${cell(s.name)} | ${s.score}/${s.maxScore} | ${report.exercises.map((e) => { const r = byId.get(e.id); return r ? mark(r) : "-"; }).join(" | ")} |`);
  }
  if (!report.courseUnchanged) lines.push("", "**Warning:** the course's own files changed during grading; these results cannot be trusted.");
  for (const s of report.submissions) {
    const notes = [
      ...(s.message ? [`- ${cell(s.message)}`] : []),
      ...s.skipped.map((k) => `- not copied: ${cell(k)}`),
      ...s.results.filter((r) => r.status !== "pass").map((r) => `- \`${r.id}\` ${r.status}${r.disallowed ? " (disallowed)" : ""}: ${cell((r.message ?? "").slice(0, 300))}`),
    ];
    if (notes.length > 0) lines.push("", `## ${cell(s.name)}`, "", ...notes);
  }
  return lines.join("\n") + "\n";
}
