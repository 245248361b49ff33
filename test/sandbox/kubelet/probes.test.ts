import { describe, expect, it } from "vitest";
import { argvProgram } from "../../../src/sandbox/kubelet/command.js";
import { probeSettings, runProbe } from "../../../src/sandbox/kubelet/probes.js";
import { foreverProgram } from "../../../src/sandbox/kubelet/program.js";

const nginx = foreverProgram({ ports: [80], httpPaths: ["/", "/index.html"], listenAfter: 0.5 });
const container = { name: "web", ports: [{ name: "http", containerPort: 80 }] };
const IP = "10.244.0.5";

describe("probes", () => {
  it("fills the upstream defaults", () => {
    const s = probeSettings({ httpGet: { port: 80 } });
    expect([s.initialDelaySeconds, s.periodSeconds, s.timeoutSeconds, s.successThreshold, s.failureThreshold]).toEqual([
      0, 10, 1, 1, 3,
    ]);
  });

  it.each([
    ["httpGet to the served port and path", { httpGet: { port: 80, path: "/" } }, 5, true, ""],
    ["httpGet by port name", { httpGet: { port: "http" } }, 5, true, ""],
    [
      "httpGet to a port nothing listens on",
      { httpGet: { port: 8080, path: "/healthz" } },
      5,
      false,
      'Get "http://10.244.0.5:8080/healthz": dial tcp 10.244.0.5:8080: connect: connection refused',
    ],
    [
      "httpGet to a path nginx does not serve",
      { httpGet: { port: 80, path: "/healthz" } },
      5,
      false,
      "HTTP probe failed with statuscode: 404",
    ],
    [
      "httpGet before the server listens",
      { httpGet: { port: 80 } },
      0,
      false,
      'Get "http://10.244.0.5:80/": dial tcp 10.244.0.5:80: connect: connection refused',
    ],
    ["tcpSocket to the port", { tcpSocket: { port: 80 } }, 5, true, ""],
    [
      "tcpSocket to a closed port",
      { tcpSocket: { port: 3306 } },
      5,
      false,
      "dial tcp 10.244.0.5:3306: connect: connection refused",
    ],
    ["exec that exits 1", { exec: { command: ["sh", "-c", "exit 1"] } }, 5, false, ""],
    ["exec of an unknown checker", { exec: { command: ["/bin/health"] } }, 5, true, ""],
  ])("%s", (_name, probe, age, ok, output) => {
    expect(runProbe(probeSettings(probe), container, nginx, age, IP, false)).toEqual({ ok, output });
  });

  it("exec cat follows the files the command creates and removes", () => {
    const p = argvProgram(
      ["/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"],
      foreverProgram(),
    );
    const s = probeSettings({ exec: { command: ["cat", "/tmp/healthy"] } });
    expect(runProbe(s, container, p, 10, IP, true).ok).toBe(true);
    expect(runProbe(s, container, p, 40, IP, true)).toEqual({
      ok: false,
      output: "cat: can't open '/tmp/healthy': No such file or directory",
    });
  });
});
