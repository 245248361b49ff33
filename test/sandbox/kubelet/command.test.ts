import { describe, expect, it } from "vitest";
import { argvProgram, containerProgram, tokenize } from "../../../src/sandbox/kubelet/command.js";
import { parseImageRef } from "../../../src/sandbox/kubelet/image-ref.js";
import { lookupImage } from "../../../src/sandbox/kubelet/images.js";
import { fileExists, foreverProgram } from "../../../src/sandbox/kubelet/program.js";

const MI = 1024 * 1024;

describe("commands", () => {
  it.each([
    [["sleep", "30"], 30, 0],
    [["sleep", "infinity"], null, 0],
    [["true"], 0, 0],
    [["false"], 0, 1],
    [["sh", "-c", "echo hi; exit 3"], 0, 3],
    [["sh", "-c", "sleep 5; exit 1"], 5, 1],
    [["sh", "-c", "sleep 2 && false || exit 7"], 2, 7],
    [["/bin/sh", "-c", "while true; do echo tick; sleep 5; done"], null, 0],
    [["tail", "-f", "/dev/null"], null, 0],
    [["sh", "-c", "until nslookup db; do sleep 2; done; echo ok"], 0.2, 0],
  ])("%j exits after %s with %s", (argv, after, code) => {
    const p = argvProgram(argv as string[], foreverProgram());
    expect(p.exitAfter).toBe(after);
    if (after !== null) expect(p.exitCode).toBe(code);
  });

  it("a shell PID 1 ignores SIGTERM unless it traps it", () => {
    expect(argvProgram(["sh", "-c", "sleep 3600"], foreverProgram()).stopSeconds).toBeNull();
    const trapped = argvProgram(["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"], foreverProgram());
    expect(trapped.stopSeconds).not.toBeNull();
    expect(trapped.sigtermExitCode).toBe(0);
  });

  it.each([
    ["an empty action ignores it", "trap '' TERM; sleep 3600"],
    ["`-` restores the default, which PID 1 ignores", "trap - TERM; sleep 3600"],
  ])("a trap with %s: SIGKILL at the end of the grace period", (_what, script) => {
    expect(argvProgram(["sh", "-c", script], foreverProgram()).stopSeconds).toBeNull();
  });

  it("a handler that only echoes still ends the shell with the signal's status", () => {
    const p = argvProgram(["sh", "-c", 'trap "echo bye" SIGTERM; sleep 3600 & wait'], foreverProgram());
    expect(p.stopSeconds).not.toBeNull();
    expect(p.sigtermExitCode).toBe(143);
  });

  it("stress allocates --vm × --vm-bytes", () => {
    const p = argvProgram(["stress", "--vm", "1", "--vm-bytes", "150M", "--vm-hang", "1"], foreverProgram());
    expect(p.memoryBytes).toBe(150 * MI);
    expect(p.exitAfter).toBeNull();
  });

  it("tracks files for exec probes (the docs' liveness example)", () => {
    const p = argvProgram(
      ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
      foreverProgram(),
    );
    expect(fileExists(p, "/tmp/healthy", 10)).toBe(true);
    expect(fileExists(p, "/tmp/healthy", 31)).toBe(false);
    expect(p.exitAfter).toBe(630);
  });

  it("unknown commands run until stopped and say so", () => {
    const p = argvProgram(["node", "server.js"], foreverProgram());
    expect(p.exitAfter).toBeNull();
    expect(p.assumed).toEqual(["node server.js"]);
  });

  it("tokenizes quotes and operators", () => {
    expect(tokenize(`echo 'a b' && exit 1`)).toEqual([
      { word: "echo" },
      { word: "a b" },
      { op: "&&" },
      { word: "exit" },
      { word: "1" },
    ]);
  });
});

describe("containerProgram", () => {
  const image = (raw: string) => {
    const r = parseImageRef(raw);
    if (!r.ok) throw new Error("bad");
    return lookupImage(r.ref);
  };

  it.each([
    [{ POSTGRES_PASSWORD: "x" }, null],
    [{ POSTGRES_HOST_AUTH_METHOD: "trust" }, null],
    [{}, 1],
  ])("postgres with %j exits with %s", (env, code) => {
    const p = containerProgram(image("postgres:16"), "postgres:16", undefined, undefined, env);
    expect(p.exitAfter === null ? null : p.exitCode).toBe(code);
  });

  it("mysql needs one of its password variables", () => {
    expect(containerProgram(image("mysql:8.4"), "mysql:8.4", undefined, undefined, {}).exitCode).toBe(1);
    expect(
      containerProgram(image("mysql:8.4"), "mysql:8.4", undefined, undefined, { MYSQL_ALLOW_EMPTY_PASSWORD: "yes" })
        .exitAfter,
    ).toBeNull();
  });

  it("args alone replace CMD in shell images and are flags to servers", () => {
    expect(containerProgram(image("busybox"), "busybox", undefined, ["sleep", "10"], {}).exitAfter).toBe(10);
    const nginx = containerProgram(image("nginx"), "nginx", undefined, ["-g", "daemon off;"], {});
    expect(nginx.exitAfter).toBeNull();
    expect(nginx.ports).toEqual([80]);
  });

  it("an unknown image is assumed to serve", () => {
    const p = containerProgram(undefined, "ghcr.io/acme/app:1", undefined, undefined, {});
    expect(p.exitAfter).toBeNull();
    expect(p.assumed).toEqual(["image ghcr.io/acme/app:1"]);
  });
});
