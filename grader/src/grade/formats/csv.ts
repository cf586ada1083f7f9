/** The gradebook: one row per submission, one column per exercise (points earned), then the total. */
import type { GradeReport } from "../model.ts";

export function csvField(v: string | number): string {
  const s = String(v);
  // A leading = + - @ would be a formula to a spreadsheet; quote it as text.
  const text = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(report: GradeReport): string {
  const ids = report.exercises.map((e) => e.id);
  const rows = [["submission", ...ids, "score", "max_score", "status"]];
  for (const s of report.submissions) {
    const earned = new Map(s.results.map((r) => [r.id, r.earned]));
    rows.push([s.name, ...ids.map((id) => String(earned.get(id) ?? 0)), String(s.score), String(s.maxScore), s.status]);
  }
  return rows.map((r) => r.map(csvField).join(",")).join("\r\n") + "\r\n";
}
