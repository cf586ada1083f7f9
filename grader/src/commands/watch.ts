/**
 * `ipsec-course watch` (and `npm start`): the learner's home screen.
 *
 * It opens on the first exercise that does not pass, re-runs that
 * exercise's hidden tests whenever a file under the implementation folder is
 * saved, and moves on by itself when they pass. Tests run in a long-lived
 * host process (see host/), so a verdict arrives a few tens of milliseconds
 * after a save, and an infinite loop costs a timeout, not the session.
 */
import { watch as chokidarWatch, type FSWatcher } from "chokidar";
import { join, relative } from "node:path";
import { createInterface } from "node:readline";
import { loadCourse, type Course, type Exercise } from "../manifest.ts";
import { COURSE_ROOT } from "../paths.ts";
import { ProgressCache } from "../progress.ts";
import type { ExerciseResult } from "../results.ts";
import { dependencyNote, Runner } from "../runner.ts";
import { TypeChecker } from "../typecheck.ts";
import { verdictBlock } from "../ui/report.ts";
import { CLEAR_SCREEN, progressBar, type Style } from "../ui/term.ts";
import { hintText } from "./hint.ts";
import { listText } from "./list.ts";

export interface WatchOptions {
  readonly implDir: string;
  readonly poll: boolean;
  readonly timeoutMs: number;
  readonly style: Style;
  readonly input: NodeJS.ReadStream;
  readonly output: NodeJS.WriteStream;
  /** Start on this exercise instead of the first unfinished one. */
  readonly startAt?: string;
}

const KEYS = "h hint · l list · r rerun · n next · q quit";
// Long enough to fold the burst of events one save can cause, short enough to go unnoticed.
const DEBOUNCE_MS = 5;

export class WatchSession {
  readonly #o: WatchOptions;
  readonly #course: Course;
  readonly #runner: Runner;
  readonly #cache: ProgressCache;
  #checker: TypeChecker | undefined;
  #watcher: FSWatcher | undefined;
  #current: Exercise;
  #result: ExerciseResult | undefined;
  /** Type errors by exercise id, from the last check of that exercise's files. */
  #typeErrors = new Map<string, string[]>();
  /** The exercise whose pass the banner announces. */
  #justPassed: Exercise | undefined;
  #banner = "";
  /** A standing warning (the file watcher failed, a WSL drive). */
  #notice = "";
  /** A one-off message, shown on the next screen only. */
  #flash = "";
  #hintLevel = 0;
  #showList = false;
  #changed = new Set<string>();
  #running = false;
  #again = false;
  #timer: NodeJS.Timeout | undefined;
  #closed = false;
  readonly #done: Promise<void>;
  #resolveDone!: () => void;

  constructor(o: WatchOptions) {
    this.#o = o;
    this.#course = loadCourse();
    this.#runner = new Runner({ implDir: o.implDir, timeoutMs: o.timeoutMs });
    this.#cache = new ProgressCache(this.#course, o.implDir);
    this.#current = this.#course.exercises[0]!;
    this.#done = new Promise((r) => (this.#resolveDone = r));
  }

  /** Resolves when the learner quits. */
  async run(): Promise<void> {
    this.#write(`${this.#course.title}: starting the test runner...\n`);
    this.#listenKeys();
    this.#startWatcher();
    const start = this.#o.startAt ? this.#course.byId(this.#o.startAt) : undefined;
    if (start) {
      this.#current = start;
      await this.#runCurrent();
    } else {
      await this.#openFirstUnfinished(0);
    }
    return this.#done;
  }

  /** Runs exercises from `from` on, skipping those whose cached verdict is a pass, and stops on the first that fails. */
  async #openFirstUnfinished(from: number): Promise<void> {
    const list = this.#course.exercises;
    for (let i = from; i < list.length; i++) {
      const ex = list[i]!;
      if (this.#cache.get(ex) === "pass") continue;
      this.#current = ex;
      this.#hintLevel = 0;
      const r = await this.#runCurrent();
      if (!r || r.status !== "pass" || this.#closed) return;
    }
    this.#banner = `All ${list.length} exercises pass. Well done! Keep editing and the verdicts stay live; q quits.`;
    this.#render();
  }

  async #runCurrent(): Promise<ExerciseResult | undefined> {
    if (this.#running) {
      this.#again = true;
      return undefined;
    }
    this.#running = true;
    const ex = this.#current;
    const invalidate = [...this.#changed];
    this.#changed.clear();
    this.#status(`running ${ex.id}...`);
    const result = await this.#runner.run(ex, invalidate);
    this.#running = false;
    if (this.#closed) return result;
    this.#cache.record(ex, result);
    this.#result = result;
    if (this.#again) {
      this.#again = false;
      return this.#runCurrent();
    }
    this.#typecheckSoon(ex);
    if (result.status === "pass") {
      this.#banner = `✓ ${ex.id} passed. Learned: ${ex.learned}`;
      this.#justPassed = ex;
      // Move on by itself: the next verdict is the next exercise's.
      const next = this.#course.exercises.findIndex((e, i) => i > ex.index && this.#cache.get(e) !== "pass");
      if (next !== -1) {
        this.#current = this.#course.exercises[next]!;
        this.#hintLevel = 0;
        return this.#runCurrent();
      }
    }
    this.#render();
    return result;
  }

  /**
   * Type errors arrive just after the verdict, so they never delay it. They
   * are shown for the current exercise and for one that just passed (tests
   * run without type checking, so a pass can still hide a type error).
   */
  #typecheckSoon(ex: Exercise): void {
    setTimeout(() => {
      if (this.#closed) return;
      if (this.#running) return this.#typecheckSoon(ex); // after the verdict, not during the run
      this.#checker ??= new TypeChecker(this.#o.implDir);
      const before = this.#typeErrors.get(ex.id)?.length ?? 0;
      const errors = this.#checker.check(ex.files);
      this.#typeErrors.set(ex.id, errors);
      if (errors.length > 0 || before > 0) this.#render();
    }, 30);
  }

  #render(): void {
    const s = this.#o.style;
    const ex = this.#current;
    const r = this.#result?.id === ex.id ? this.#result : undefined;
    const out: string[] = [];
    out.push(`${s.bold(this.#course.title)}  ${progressBar(this.#cache.doneCount(), this.#course.exercises.length)}`);
    if (this.#banner) out.push(s.green(this.#banner));
    out.push("");
    if (this.#showList) {
      out.push(listText(s, undefined, ex.id));
      out.push("");
      out.push(s.dim("(any key returns to the exercise)"));
    } else {
      out.push(s.bold(`Exercise ${ex.index + 1}/${this.#course.exercises.length}: ${ex.id}`) + `  ${ex.title} ${s.dim(`(~${ex.minutes} min)`)}`);
      const file = join(this.#o.implDir, ex.files[0]!);
      out.push(`  Edit:  ${s.link(relative(process.cwd(), file) || file, file)}`);
      out.push(`  Read:  ${s.link(ex.lesson, join(COURSE_ROOT, ex.lesson.split("#")[0]!))}`);
      out.push("");
      if (r) out.push(verdictBlock(ex, r, s, dependencyNote(ex, (id) => this.#depPasses(id))));
      for (const shown of new Set([ex, this.#justPassed])) {
        const errors = shown ? (this.#typeErrors.get(shown.id) ?? []) : [];
        if (!shown || errors.length === 0) continue;
        out.push("");
        out.push(s.yellow(`  TypeScript reports ${errors.length} type error(s) in ${shown.id} (the tests do not check types; npm test does):`));
        for (const e of errors.slice(0, 5)) out.push(`    ${e}`);
      }
      if (this.#hintLevel > 0) {
        out.push("");
        out.push(...hintText(ex, this.#hintLevel, "press h again").split("\n").map((l) => s.cyan(`  ${l}`)));
      }
    }
    for (const line of [this.#notice, this.#flash]) {
      if (!line) continue;
      out.push("");
      out.push(s.yellow(line));
    }
    this.#flash = "";
    out.push("");
    out.push(s.dim(KEYS));
    if (s.rich) this.#write(CLEAR_SCREEN + out.join("\n") + "\n");
    else this.#write(`${"-".repeat(72)}\n${out.join("\n")}\n`);
  }

  #depPasses(id: string): boolean | undefined {
    const ex = this.#course.byId(id);
    return ex ? this.#cache.get(ex) === "pass" : undefined;
  }

  #status(text: string): void {
    if (this.#o.style.rich) this.#write(`\r\x1b[2K${this.#o.style.dim(text)}`);
  }

  #write(text: string): void {
    if (!this.#closed) this.#o.output.write(text);
  }

  #startWatcher(): void {
    const dir = this.#o.implDir;
    const w = chokidarWatch(dir, {
      ignoreInitial: true,
      usePolling: this.#o.poll,
      interval: 250,
      // Editors that save by writing a temp file and renaming it over the
      // original (vim, JetBrains "safe write") produce unlink+add; atomic
      // folds those into one change.
      atomic: true,
      ignored: (path, stats) => Boolean(stats?.isFile() && !path.endsWith(".ts")),
    });
    const onFile = (path: string) => {
      this.#changed.add(path);
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.#runCurrent(), DEBOUNCE_MS);
    };
    w.on("add", onFile).on("change", onFile).on("unlink", onFile);
    w.on("error", (e: unknown) => {
      this.#notice =
        `The file watcher failed (${(e as Error).message}). Saves may go unnoticed: press r to re-run by hand, ` +
        "or restart with --poll (or IPSEC_COURSE_POLL=1), which works on WSL's /mnt drives and network folders.";
      this.#render();
    });
    if (!this.#o.poll && /^\/mnt\/[a-z]\//.test(dir)) {
      this.#notice = "This folder looks like a Windows drive under WSL, where save events often do not arrive. If saving does nothing, restart with --poll.";
    }
    this.#watcher = w;
  }

  #listenKeys(): void {
    const input = this.#o.input;
    const onKey = (key: string) => this.#key(key);
    if (input.isTTY) {
      input.setRawMode(true);
      input.setEncoding("utf8");
      input.on("data", (d: string) => {
        for (const ch of d) onKey(ch);
      });
      input.resume();
    } else {
      // No TTY (a pipe, CI): read whole lines; the first character is the key.
      createInterface({ input }).on("line", (line) => onKey(line.trim().charAt(0)));
    }
  }

  #key(key: string): void {
    if (this.#showList && key !== "q" && key !== "\u0003") {
      this.#showList = false;
      this.#render();
      return;
    }
    switch (key) {
      case "q":
      case "\u0003": // Ctrl-C in raw mode
        void this.close();
        return;
      case "h":
        this.#hintLevel = Math.min(this.#hintLevel + 1, this.#current.hints.length);
        this.#render();
        return;
      case "l":
        this.#showList = true;
        this.#render();
        return;
      case "r":
        void this.#runCurrent();
        return;
      case "n": {
        if (this.#cache.get(this.#current) !== "pass") {
          this.#flash = "n moves on once this exercise passes. Stuck? h shows a hint.";
          this.#render();
          return;
        }
        const i = this.#current.index + 1;
        void this.#openFirstUnfinished(i < this.#course.exercises.length ? i : 0);
        return;
      }
      default:
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#write("\nBye. Your progress is kept; npm start picks up where you left off.\n");
    this.#closed = true;
    clearTimeout(this.#timer);
    await this.#watcher?.close();
    this.#runner.close();
    if (this.#o.input.isTTY) this.#o.input.setRawMode(false);
    this.#o.input.pause();
    this.#resolveDone();
  }
}
