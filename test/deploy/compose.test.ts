/** docker-compose.yml and the Dockerfile, checked by structure (Docker does not run in tests). */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { WORKER_NODE_FLAGS } from "../../worker/node-flags.js";
import { repoRoot } from "../support/paths.js";

/** Applies YAML merge keys (`<<`) as Compose does (js-yaml 5 leaves them as plain keys). */
function merged(v: any): any {
  if (Array.isArray(v)) return v.map(merged);
  if (!v || typeof v !== "object") return v;
  const { "<<": base, ...own } = v;
  const bases = base === undefined ? [] : Array.isArray(base) ? base : [base];
  return Object.assign(
    {},
    ...bases.map(merged),
    Object.fromEntries(Object.entries(own).map(([k, x]) => [k, merged(x)])),
  );
}

const compose = merged(load(readFileSync(join(repoRoot, "docker-compose.yml"), "utf8")));
const dockerfile = readFileSync(join(repoRoot, "Dockerfile"), "utf8");

describe("docker-compose.yml", () => {
  it("runs Redis with the append-only file on a named volume", () => {
    const redis = compose.services.redis;
    expect(redis.command).toEqual(expect.arrayContaining(["--appendonly", "yes"]));
    const [volume, mount] = redis.volumes[0].split(":");
    expect(mount).toBe("/data");
    expect(compose.volumes).toHaveProperty(volume);
    expect(redis.healthcheck.test).toEqual(["CMD", "redis-cli", "ping"]);
  });

  it("runs bot and worker from the same image, after Redis is healthy", () => {
    const { bot, worker } = compose.services;
    expect(bot.command).toEqual(["serve"]);
    expect(worker.command).toEqual(["worker"]);
    // The worker's Node flags (V8 reads them only at start-up), and the same command line otherwise.
    expect(worker.entrypoint).toEqual(["node", ...WORKER_NODE_FLAGS, "bin/podsensei.mjs"]);
    expect(dockerfile).toContain('ENTRYPOINT ["node", "bin/podsensei.mjs"]');
    expect(bot.image).toBe(worker.image);
    for (const s of [bot, worker]) {
      expect(s.depends_on.redis.condition).toBe("service_healthy");
      expect(s.environment.REDIS_URL).toBe("redis://redis:6379");
      expect(s.healthcheck.test.join(" ")).toContain("/readyz");
      expect(s.read_only).toBe(true);
    }
  });

  it("lets workers scale with --scale worker=N (no fixed name, no published port)", () => {
    const { worker } = compose.services;
    expect(worker.container_name).toBeUndefined();
    expect(worker.ports).toBeUndefined();
  });
});

describe("Dockerfile", () => {
  const stages = dockerfile.split("\n").filter((l) => l.startsWith("FROM "));
  it("is multi-stage, ships production dependencies only, and runs as non-root", () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/npm ci --omit=dev/);
    expect(dockerfile).toMatch(/npm run build/);
    const user = /^USER (\S+)$/m.exec(dockerfile)?.[1] ?? "root";
    expect(user.split(":")[0]).not.toMatch(/^(0|root)$/);
    expect(dockerfile.lastIndexOf("USER")).toBeGreaterThan(dockerfile.lastIndexOf("FROM "));
  });
});

describe("bin/podsensei.mjs", () => {
  it("restarts a worker under the same Node flags as worker/node-flags.ts", () => {
    const bin = readFileSync(join(repoRoot, "bin/podsensei.mjs"), "utf8");
    const list = /const WORKER_NODE_FLAGS = (\[[^\]]*\]);/.exec(bin)?.[1];
    expect(JSON.parse(list ?? "null")).toEqual([...WORKER_NODE_FLAGS]);
  });
});
