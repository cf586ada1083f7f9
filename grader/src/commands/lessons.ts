/**
 * `ipsec-course lessons [--out DIR]`: the lessons as a static site, one page
 * per chapter, for learners who prefer a browser to an editor's preview.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve } from "node:path";
import MarkdownIt from "markdown-it";
import type { Chapter, Course } from "../manifest.ts";
import { COURSE_ROOT } from "../paths.ts";

const CSS = `
body{font:16px/1.6 system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:1rem 1.5rem;color:#1b1f24;background:#fff}
nav{font-size:.9rem;border-bottom:1px solid #d0d7de;padding-bottom:.5rem;margin-bottom:1rem}
nav a{margin-right:.8rem}
pre{background:#f6f8fa;border:1px solid #d0d7de;border-radius:6px;padding:.8rem;overflow-x:auto;line-height:1.35}
code{font:.9em/1.35 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
p code,li code,td code{background:#eff1f3;padding:.1em .3em;border-radius:4px}
table{border-collapse:collapse}td,th{border:1px solid #d0d7de;padding:.3rem .6rem}
h1,h2,h3{line-height:1.25}a{color:#0969da}
.pager{display:flex;justify-content:space-between;border-top:1px solid #d0d7de;margin-top:2rem;padding-top:.5rem}
@media (prefers-color-scheme:dark){body{background:#0d1117;color:#e6edf3}pre{background:#161b22;border-color:#30363d}p code,li code,td code{background:#262c36}a{color:#4493f8}}
`;

/** Pages that are not chapters: lessons/<name>.md, linked from every page's navigation. */
const EXTRA_PAGES = [{ name: "instructors", title: "For instructors" }] as const;

function slug(text: string): string {
  return text.toLowerCase().replace(/<[^>]+>/g, "").replace(/[^a-z0-9 -]/g, "").trim().replace(/\s+/g, "-");
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);
}

function pageName(ch: Chapter): string {
  return `${ch.id}.html`;
}

function makeRenderer(outDir: string): InstanceType<typeof MarkdownIt> {
  const md = new MarkdownIt({ html: true, linkify: true });
  // Headings get ids, so any section can be linked, not only the exercises' anchors.
  md.core.ruler.push("heading_ids", (state) => {
    const tokens = state.tokens;
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.type === "heading_open" && t.attrGet("id") === null) t.attrSet("id", slug(tokens[i + 1]?.content ?? ""));
    }
  });
  // Links between lessons become links between pages; links to course files
  // (exercises/, solutions/) keep pointing at those files from the site folder.
  const defaultLink = md.renderer.rules.link_open ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.link_open = (tokens, idx, opts, env, self) => {
    const href = String(tokens[idx]!.attrGet("href") ?? "");
    if (!/^[a-z]+:|^#|^\//i.test(href)) {
      const [path, anchor] = href.split("#");
      const target = resolve(join(COURSE_ROOT, "lessons"), path!);
      const inLessons = dirname(target) === join(COURSE_ROOT, "lessons") && target.endsWith(".md");
      const rewritten = inLessons ? target.slice(dirname(target).length + 1).replace(/\.md$/, ".html") : relative(outDir, target);
      tokens[idx]!.attrSet("href", rewritten + (anchor ? `#${anchor}` : ""));
    }
    return defaultLink(tokens, idx, opts, env, self);
  };
  return md;
}

function page(title: string, nav: string, body: string, pager: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${CSS}</style></head>
<body><nav>${nav}</nav><main>
${body}
</main>${pager}</body></html>
`;
}

export function buildSite(course: Course, outDirArg: string): string[] {
  const outDir = isAbsolute(outDirArg) ? outDirArg : resolve(process.cwd(), outDirArg);
  mkdirSync(outDir, { recursive: true });
  const md = makeRenderer(outDir);
  const nav = [
    `<a href="index.html">Contents</a>`,
    ...course.chapters.map((c) => `<a href="${pageName(c)}">${c.id.slice(0, 2)}</a>`),
    ...EXTRA_PAGES.map((p) => `<a href="${p.name}.html">${escapeHtml(p.title)}</a>`),
  ].join("");
  const written: string[] = [];
  course.chapters.forEach((ch, i) => {
    const source = readFileSync(join(COURSE_ROOT, ch.lesson), "utf8");
    const prev = course.chapters[i - 1];
    const next = course.chapters[i + 1];
    const pager = `<div class="pager"><span>${prev ? `<a href="${pageName(prev)}">← ${escapeHtml(prev.title)}</a>` : ""}</span><span>${next ? `<a href="${pageName(next)}">${escapeHtml(next.title)} →</a>` : ""}</span></div>`;
    const file = join(outDir, pageName(ch));
    writeFileSync(file, page(`${ch.id}: ${ch.title}`, nav, md.render(source), pager));
    written.push(file);
  });
  for (const extra of EXTRA_PAGES) {
    const file = join(outDir, `${extra.name}.html`);
    writeFileSync(file, page(extra.title, nav, md.render(readFileSync(join(COURSE_ROOT, "lessons", `${extra.name}.md`), "utf8")), ""));
    written.push(file);
  }
  const items = course.chapters
    .map((c) => {
      const ex = c.exercises.map((e) => `<li><a href="${pageName(c)}#${e.lesson.split("#")[1] ?? ""}">${escapeHtml(e.title)}</a> <code>${e.id}</code></li>`).join("");
      return `<li><a href="${pageName(c)}"><strong>${c.id}</strong> ${escapeHtml(c.title)}</a>${ex ? `<ul>${ex}</ul>` : ""}</li>`;
    })
    .join("\n");
  const index = join(outDir, "index.html");
  writeFileSync(index, page(course.title, nav, `<h1>${escapeHtml(course.title)}</h1>\n<p>Run <code>npm start</code> to work through the exercises; these pages are the lessons they point to.</p>\n<ol>${items}</ol>`, ""));
  written.push(index);
  return written;
}
