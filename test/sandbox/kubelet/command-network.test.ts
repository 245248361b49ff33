/** Network commands in container scripts against the cluster's Services (cluster DNS, kube-proxy). */
import { describe, expect, it } from "vitest";
import { argvProgram, dnsCandidates, storeNetwork } from "../../../src/sandbox/kubelet/command.js";
import { foreverProgram } from "../../../src/sandbox/kubelet/program.js";
import { addAll, pod, service, storeWith } from "../network/builders.js";

function cluster() {
  const store = storeWith({ data: {} });
  addAll(store, [
    service("web", { app: "web" }, [{ name: "http", port: 80, targetPort: 8080 }], { clusterIP: "10.96.0.20" }),
    pod("web-1", { app: "web" }, { ports: [{ name: "http", containerPort: 8080 }] }),
    service("db", { app: "db" }, [{ port: 5432 }], { clusterIP: "10.96.0.30" }, "data"),
    service("cache", { app: "cache" }, [{ port: 6379 }], { clusterIP: "10.96.0.40" }),
  ]);
  return storeNetwork(store, "default");
}

const run = (script: string) => argvProgram(["sh", "-c", script], foreverProgram(), cluster());

describe("network commands against the cluster", () => {
  it("the resolver tries the pod's search list first, as ndots:5 makes short names relative", () => {
    expect(dnsCandidates("db", "app")).toEqual([
      "db.app.svc.cluster.local",
      "db.svc.cluster.local",
      "db.cluster.local",
      "db",
    ]);
    expect(dnsCandidates("web-0.nginx.app.svc.cluster.local", "app")[0]).toBe("web-0.nginx.app.svc.cluster.local");
    expect(dnsCandidates("db.data.svc.cluster.local.", "app")).toEqual(["db.data.svc.cluster.local"]);
  });

  it.each([
    ["web", "reachable"],
    ["web.default", "reachable"],
    ["web.default.svc", "reachable"],
    ["web.default.svc.cluster.local", "reachable"],
    ["db.data", "reachable"],
    ["db", "nxdomain"],
    ["myservice", "nxdomain"],
    ["myservice.default.svc.cluster.local", "nxdomain"],
    ["db.default", "nxdomain"],
    ["kubernetes.default.svc", "reachable"],
    ["example.com", "external"],
    ["10.0.0.1", "external"],
  ])("a DNS query for %s is %s", (host, want) => {
    expect(cluster().answer(host)).toBe(want);
  });

  it.each([
    ["web", 80, "reachable"],
    ["web", 8080, "timeout"],
    ["cache", 6379, "refused"],
    ["db.data.svc.cluster.local", 5432, "refused"],
  ])("a connection to %s:%s is %s", (host, port, want) => {
    expect(cluster().answer(host, port)).toBe(want);
  });

  it.each([
    ["nslookup web", 0.2, 0],
    ["nslookup db || exit 1", 0.2, 1],
    ["nslookup db.data && echo found", 0.2, 0],
    ["host db", 0.2, 1],
    ["dig +short db", 0.2, 0],
    ["getent hosts db", 0.2, 2],
    ["curl -sf http://web/healthz", 0.2, 0],
    ["curl -s http://nothere:8080/", 0.2, 6],
    ["curl -s http://cache:6379/", 0.2, 7],
    ["curl --connect-timeout 5 http://web:8080/", 5, 28],
    ["wget -qO- web:80", 0.2, 0],
    ["wget -qO- http://missing/", 0.2, 1],
    ["nc -z web 80", 0.2, 0],
    ["nc -z -w 3 web 81", 3, 1],
    ["pg_isready -h db.data -p 5432", 0.2, 2],
    ["until nslookup web; do echo waiting; sleep 2; done; echo ok", 0.2, 0],
  ])("%j exits after %s s with %s", (script, after, code) => {
    const p = run(script);
    expect(p.exitAfter).toBe(after);
    expect(p.exitCode).toBe(code);
    expect(p.waitsFor).toBeUndefined();
    expect(p.assumed).toEqual([]);
  });

  it("the documentation's init container waits for its Service, polling once per pass of the loop", () => {
    const docs =
      "until nslookup myservice.$(cat /var/run/secrets/kubernetes.io/serviceaccount/namespace).svc.cluster.local; do echo waiting for myservice; sleep 2; done";
    const p = argvProgram(["sh", "-c", docs], foreverProgram(), cluster());
    expect(p.exitAfter).toBeNull();
    expect(p.waitsFor).toEqual({ hosts: ["myservice.default.svc.cluster.local"], everySeconds: 2 });
    expect(p.assumed).toEqual([]);
    const ready = argvProgram(["sh", "-c", docs.replace("myservice", "web")], foreverProgram(), cluster());
    expect(ready.exitAfter).toBe(0.2);
  });

  it("names outside the cluster, and any name without the cluster, are assumed to answer", () => {
    const external = run("until nslookup example.com; do sleep 2; done");
    expect(external.exitAfter).toBe(0.2);
    expect(external.assumed).toEqual(["nslookup (assumed to succeed)"]);
    const unknown = argvProgram(["sh", "-c", "nslookup db || exit 1"], foreverProgram());
    expect([unknown.exitAfter, unknown.exitCode, unknown.assumed]).toEqual([0.2, 0, ["nslookup (assumed to succeed)"]]);
  });
});
