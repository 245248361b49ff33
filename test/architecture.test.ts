/**
 * Boundaries enforced by a test (STYLE.md rule 2): platform SDKs stay in their adapters; the
 * sandbox stays pure (no adapters, tutor, jobs or worker imports; no file system, clock,
 * Math.random or timers); the tutor imports no platform SDK and no Redis client; every error
 * thrown is a catalogued PodsenseiError (STYLE.md: errors are a catalogue).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/paths.js";

function sources(dir: string): string[] {
  const root = join(repoRoot, dir);
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".ts")) out.push(p);
    }
  };
  walk(root);
  return out;
}

function importsOf(text: string): string[] {
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g)].map(
    (m) => (m[1] ?? m[2]) as string,
  );
}

describe("architecture", () => {
  it("throws only catalogued errors (PodsenseiError; BullMQ's UnrecoverableError via unrecoverable())", () => {
    const files = [...sources("src"), ...safeSources("worker")].map((f) => ({ f, text: readFileSync(f, "utf8") }));
    const catalogued = new Set(["PodsenseiError"]);
    for (const { text } of files)
      for (const m of text.matchAll(/class (\w+)(?:<[^>]*>)? extends PodsenseiError\b/g))
        catalogued.add(m[1] as string);
    const offenders: string[] = [];
    for (const { f, text } of files)
      for (const m of text.matchAll(/throw new (\w+)\(/g))
        if (!catalogued.has(m[1] as string)) offenders.push(`${relative(repoRoot, f)}: throw new ${m[1]}`);
    expect(offenders).toEqual([]);
  });

  it("imports @slack/bolt and discord.js only inside their adapters", () => {
    const offenders: string[] = [];
    for (const file of [...sources("src"), ...safeSources("worker")]) {
      const rel = relative(repoRoot, file);
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (spec.startsWith("@slack/") && !rel.startsWith("src/adapters/slack/")) offenders.push(`${rel}: ${spec}`);
        if ((spec === "discord.js" || spec.startsWith("@discordjs/")) && !rel.startsWith("src/adapters/discord/"))
          offenders.push(`${rel}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("keeps the sandbox pure and deterministic", () => {
    const offenders: string[] = [];
    for (const file of sources("src/sandbox")) {
      const rel = relative(repoRoot, file);
      const text = readFileSync(file, "utf8");
      for (const spec of importsOf(text)) {
        if (/^(node:)?(fs|net|http|https|child_process|worker_threads|timers)(\/|$)/.test(spec))
          offenders.push(`${rel}: imports ${spec}`);
        if (/\/(adapters|tutor|jobs)\/|^\.\.\/\.\.\/worker|ioredis|bullmq/.test(spec))
          offenders.push(`${rel}: imports ${spec}`);
      }
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, "");
      for (const banned of [
        "Date.now(",
        "new Date()",
        "Math.random(",
        "setTimeout(",
        "setInterval(",
        "performance.now(",
      ]) {
        if (code.includes(banned)) offenders.push(`${rel}: uses ${banned}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("keeps the tutor free of platform SDKs and Redis clients, except its Redis store", () => {
    const offenders: string[] = [];
    for (const file of safeSources("src/tutor")) {
      const rel = relative(repoRoot, file);
      for (const spec of importsOf(readFileSync(file, "utf8"))) {
        if (spec.startsWith("@slack/") || spec === "discord.js") offenders.push(`${rel}: ${spec}`);
        if (spec === "ioredis" && !/redis-progress-store\.ts$|redis-store\.ts$/.test(rel))
          offenders.push(`${rel}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});

function safeSources(dir: string): string[] {
  try {
    return sources(dir);
  } catch {
    return [];
  }
}
