import { describe, expect, it } from "vitest";
import { makeNode } from "../../../src/sandbox/cluster/default-cluster.js";
import { boundPod, create, cs, events, kubeletCluster, pod } from "./harness.js";

const REF = (c: ReturnType<typeof kubeletCluster>, name: string) => `${name}_default(${pod(c, name).metadata.uid})`;

describe("kubelet: running pods", () => {
  it("pulls, creates and starts nginx within seconds; Ready with an IP from the node's CIDR", () => {
    const c = kubeletCluster();
    create(c, boundPod("web", { containers: [{ name: "web", image: "nginx:1.27" }] }));
    c.clock.runUntil(10);
    const p = pod(c, "web");
    expect(p.status.phase).toBe("Running");
    expect(p.status.podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(p.status.conditions.find((x: { type: string }) => x.type === "Ready").status).toBe("True");
    expect(cs(c, "web").state.running).toBeDefined();
    const reasons = c.recorder.list().map((e) => e.reason);
    expect(reasons).toEqual(["Pulling", "Pulled", "Created", "Started"]);
    expect(events(c, "Pulled")[0]?.message).toMatch(
      /^Successfully pulled image "nginx:1\.27" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\.$/,
    );
    expect(events(c, "Created")[0]?.message).toBe("Created container: web");
    expect(events(c, "Started")[0]?.message).toBe("Started container web");
    const started = events(c, "Started")[0]?.time ?? 99;
    expect(started).toBeLessThan(5);
    const node = c.store.get("Node", undefined, "node-a");
    expect(JSON.stringify(node?.status.images)).toContain("docker.io/library/nginx:1.27");
  });

  it("a second pod with IfNotPresent finds the image already present", () => {
    const c = kubeletCluster();
    create(c, boundPod("a", { containers: [{ name: "a", image: "nginx:1.27" }] }));
    c.clock.runUntil(20);
    create(c, boundPod("b", { containers: [{ name: "b", image: "nginx:1.27" }] }));
    c.clock.runUntil(40);
    expect(events(c, "Pulled", "Pod/b")[0]?.message).toBe('Container image "nginx:1.27" already present on machine');
    expect(pod(c, "b").status.podIP).not.toBe(pod(c, "a").status.podIP);
  });
});

describe("kubelet: exits and restarts", () => {
  it("busybox with no command under Always: CrashLoopBackOff, 6 restarts by 10 minutes, upstream texts", () => {
    const c = kubeletCluster();
    create(c, boundPod("bb", { containers: [{ name: "bb", image: "busybox:1.36" }] }));
    c.clock.runUntil(600);
    const s = cs(c, "bb");
    expect(pod(c, "bb").status.phase).toBe("Running");
    expect(s.restartCount).toBe(6);
    expect(s.state.waiting.reason).toBe("CrashLoopBackOff");
    expect(s.state.waiting.message).toBe(`back-off 5m0s restarting failed container=bb pod=${REF(c, "bb")}`);
    expect(s.lastState.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
    expect(events(c, "BackOff")[0]?.message).toBe(`Back-off restarting failed container bb in pod ${REF(c, "bb")}`);
  });

  it.each([
    ["Never", 0, "Succeeded", "Completed"],
    ["Never", 1, "Failed", "Error"],
    ["OnFailure", 0, "Succeeded", "Completed"],
  ])("restartPolicy %s, exit %s → %s", (policy, code, phase, reason) => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("job", {
        restartPolicy: policy,
        containers: [{ name: "j", image: "busybox:1.36", command: ["sh", "-c", `sleep 5; exit ${code}`] }],
      }),
    );
    c.clock.runUntil(120);
    expect(pod(c, "job").status.phase).toBe(phase);
    expect(cs(c, "job").state.terminated).toMatchObject({ exitCode: code, reason });
    expect(cs(c, "job").restartCount).toBe(0);
  });

  it("OnFailure restarts a failing container in place", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("job", {
        restartPolicy: "OnFailure",
        containers: [{ name: "j", image: "busybox:1.36", command: ["false"] }],
      }),
    );
    c.clock.runUntil(60);
    expect(pod(c, "job").status.phase).toBe("Running");
    expect(cs(c, "job").restartCount).toBeGreaterThanOrEqual(2);
    expect(cs(c, "job").lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
  });

  it("OOMKilled (exit 137) when the process outgrows its memory limit", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("mem", {
        containers: [
          {
            name: "s",
            image: "polinux/stress",
            command: ["stress"],
            args: ["--vm", "1", "--vm-bytes", "250M", "--vm-hang", "1"],
            resources: { limits: { memory: "100Mi" } },
          },
        ],
      }),
    );
    c.clock.runUntil(30);
    const s = cs(c, "mem");
    expect(s.lastState.terminated ?? s.state.terminated).toMatchObject({ exitCode: 137, reason: "OOMKilled" });
    expect(s.restartCount).toBeGreaterThanOrEqual(1);
  });

  it("postgres without a password exits 1 and crash-loops", () => {
    const c = kubeletCluster();
    create(c, boundPod("db", { containers: [{ name: "db", image: "postgres:16" }] }));
    c.clock.runUntil(120);
    expect(cs(c, "db").lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(cs(c, "db").state.waiting?.reason).toBe("CrashLoopBackOff");
  });
});

describe("kubelet: images", () => {
  it("a tag that does not exist: ErrImagePull then ImagePullBackOff, attempts backing off", () => {
    const c = kubeletCluster();
    create(c, boundPod("bad", { containers: [{ name: "bad", image: "nginx:1.999" }] }));
    c.clock.runUntil(5);
    expect(cs(c, "bad").state.waiting.reason).toBe("ImagePullBackOff");
    expect(events(c, "Failed").map((e) => e.message)).toContain("Error: ErrImagePull");
    expect(events(c, "Failed")[0]?.message).toMatch(/^Failed to pull image "nginx:1\.999": rpc error: code = NotFound/);
    expect(events(c, "BackOff")[0]?.message).toBe('Back-off pulling image "nginx:1.999"');
    c.clock.runUntil(600);
    // attempts at about 0, 10, 30, 70, 150, 310 s
    expect(events(c, "Pulling")[0]?.count).toBe(6);
    expect(pod(c, "bad").status.phase).toBe("Pending");
  });

  it("an invalid reference: InvalidImageName with InspectFailed", () => {
    const c = kubeletCluster();
    create(c, boundPod("inv", { containers: [{ name: "x", image: "Nginx" }] }));
    c.clock.runUntil(5);
    expect(cs(c, "inv").state.waiting.reason).toBe("InvalidImageName");
    expect(events(c, "InspectFailed")[0]?.message).toContain("must be lowercase");
  });

  it("a registry host that cannot resolve fails with no such host", () => {
    const c = kubeletCluster();
    create(c, boundPod("h", { containers: [{ name: "x", image: "registry.example.invalid/team/app:1.0" }] }));
    c.clock.runUntil(5);
    expect(events(c, "Failed")[0]?.message).toContain("lookup registry.example.invalid: no such host");
  });

  it("imagePullPolicy Never without the image: ErrImageNeverPull", () => {
    const c = kubeletCluster();
    create(c, boundPod("n", { containers: [{ name: "x", image: "nginx:1.27", imagePullPolicy: "Never" }] }));
    c.clock.runUntil(5);
    expect(cs(c, "n").state.waiting.reason).toBe("ErrImageNeverPull");
    expect(events(c, "ErrImageNeverPull")[0]?.message).toBe(
      'Container image "nginx:1.27" is not present with pull policy of Never',
    );
  });

  it("unknown images run and the simulator notes it once", () => {
    const c = kubeletCluster();
    create(c, boundPod("u", { containers: [{ name: "x", image: "ghcr.io/acme/shop:2.1" }] }));
    c.clock.runUntil(20);
    expect(pod(c, "u").status.phase).toBe("Running");
    expect(c.notes.filter((n) => n.message.includes("ghcr.io/acme/shop:2.1"))).toHaveLength(1);
  });
});

describe("kubelet: configuration", () => {
  const withEnv = (env: unknown[]) => ({ containers: [{ name: "app", image: "nginx:1.27", env }] });

  it.each([
    [
      "missing ConfigMap",
      [{ name: "A", valueFrom: { configMapKeyRef: { name: "app-config", key: "k" } } }],
      'configmap "app-config" not found',
    ],
    [
      "missing key",
      [{ name: "A", valueFrom: { configMapKeyRef: { name: "cfg", key: "nope" } } }],
      "couldn't find key nope in ConfigMap default/cfg",
    ],
    [
      "missing Secret",
      [{ name: "A", valueFrom: { secretKeyRef: { name: "db", key: "password" } } }],
      'secret "db" not found',
    ],
  ])("%s → CreateContainerConfigError", (_n, env, message) => {
    const c = kubeletCluster();
    create(c, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "cfg" }, data: { k: "v" } });
    create(c, boundPod("p", withEnv(env)));
    c.clock.runUntil(30);
    expect(cs(c, "p").state.waiting).toEqual({ reason: "CreateContainerConfigError", message });
    expect(events(c, "Failed")[0]?.message).toBe(`Error: ${message}`);
    expect(pod(c, "p").status.phase).toBe("Pending");
  });

  it("optional references are honoured", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod(
        "p",
        withEnv([{ name: "A", valueFrom: { configMapKeyRef: { name: "none", key: "k", optional: true } } }]),
      ),
    );
    c.clock.runUntil(20);
    expect(pod(c, "p").status.phase).toBe("Running");
  });

  it("starts once the missing ConfigMap appears", () => {
    const c = kubeletCluster();
    create(c, boundPod("p", withEnv([{ name: "A", valueFrom: { configMapKeyRef: { name: "late", key: "k" } } }])));
    c.clock.runUntil(30);
    create(c, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "late" }, data: { k: "v" } });
    c.clock.runUntil(35);
    expect(pod(c, "p").status.phase).toBe("Running");
  });

  it("a missing ConfigMap volume keeps the pod ContainerCreating with FailedMount", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        containers: [{ name: "app", image: "nginx:1.27" }],
        volumes: [{ name: "cfg", configMap: { name: "app-config" } }],
      }),
    );
    c.clock.runUntil(60);
    expect(cs(c, "p").state.waiting.reason).toBe("ContainerCreating");
    expect(events(c, "FailedMount")[0]?.message).toBe(
      'MountVolume.SetUp failed for volume "cfg" : configmap "app-config" not found',
    );
    create(c, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "app-config" }, data: {} });
    c.clock.runUntil(70);
    expect(pod(c, "p").status.phase).toBe("Running");
  });
});

describe("kubelet: init containers and sidecars", () => {
  it("init containers run in order before the app", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        initContainers: [
          { name: "one", image: "busybox:1.36", command: ["sleep", "5"] },
          { name: "two", image: "busybox:1.36", command: ["sleep", "5"] },
        ],
        containers: [{ name: "app", image: "nginx:1.27" }],
      }),
    );
    c.clock.runUntil(4);
    expect(pod(c, "p").status.phase).toBe("Pending");
    expect(cs(c, "p").state.waiting.reason).toBe("PodInitializing");
    expect(pod(c, "p").status.conditions.find((x: { type: string }) => x.type === "Initialized").message).toBe(
      "containers with incomplete status: [one two]",
    );
    c.clock.runUntil(30);
    expect(pod(c, "p").status.phase).toBe("Running");
    const starts = events(c, "Started").map((e) => e.message);
    expect(starts).toEqual(["Started container one", "Started container two", "Started container app"]);
  });

  it("a failing init container under Never fails the pod", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        restartPolicy: "Never",
        initContainers: [{ name: "init", image: "busybox:1.36", command: ["sh", "-c", "exit 2"] }],
        containers: [{ name: "app", image: "nginx:1.27" }],
      }),
    );
    c.clock.runUntil(30);
    expect(pod(c, "p").status.phase).toBe("Failed");
  });

  it("a sidecar starts and keeps running beside the app", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        initContainers: [
          { name: "log", image: "busybox:1.36", restartPolicy: "Always", command: ["tail", "-f", "/dev/null"] },
        ],
        containers: [{ name: "app", image: "nginx:1.27" }],
      }),
    );
    c.clock.runUntil(30);
    expect(pod(c, "p").status.phase).toBe("Running");
    expect(cs(c, "p", true).state.running).toBeDefined();
    expect(cs(c, "p").state.running).toBeDefined();
  });
});

describe("kubelet: sidecars once the main containers are done", () => {
  const sleeper = (name: string) => ({
    name,
    image: "busybox:1.36",
    restartPolicy: "Always",
    command: ["sh", "-c", "sleep 3600"],
  });

  it.each([
    ["Never", 0, "Succeeded"],
    ["Never", 3, "Failed"],
    ["OnFailure", 0, "Succeeded"],
  ])("restartPolicy %s, main exits %s: the sidecar is stopped once and never restarted (%s)", (policy, code, phase) => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        restartPolicy: policy,
        initContainers: [sleeper("proxy")],
        containers: [{ name: "main", image: "busybox:1.36", command: ["sh", "-c", `sleep 20; exit ${code}`] }],
      }),
    );
    c.clock.runUntil(300);
    const sidecar = cs(c, "p", true);
    expect(pod(c, "p").status.phase).toBe(phase);
    expect(sidecar.restartCount).toBe(0);
    // The shell ignores SIGTERM: SIGKILL at the 30s grace period.
    expect(sidecar.state.terminated).toMatchObject({ exitCode: 137, reason: "Error" });
    expect(events(c, "Killing").map((e) => [e.message, e.count])).toEqual([["Stopping container proxy", 1]]);
    expect(events(c, "BackOff")).toEqual([]);
    expect(events(c, "Started").filter((e) => e.message === "Started container proxy")[0]?.count).toBe(1);
  });

  it("sidecars stop in reverse order, the earlier one waiting for the later one, then 2s at least", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        restartPolicy: "Never",
        terminationGracePeriodSeconds: 10,
        initContainers: [sleeper("first"), sleeper("second")],
        containers: [{ name: "main", image: "busybox:1.36", command: ["sh", "-c", "sleep 20"] }],
      }),
    );
    c.clock.runUntil(300);
    const [first, second] = pod(c, "p").status.initContainerStatuses;
    const mainDone = Date.parse(cs(c, "p").state.terminated.finishedAt) / 1000;
    const finished = (s: any) => Date.parse(s.state.terminated.finishedAt) / 1000 - mainDone;
    // second: SIGKILL after the 10s grace; first waits for it (the whole grace), then gets 2s.
    expect(finished(second)).toBeCloseTo(10, 0);
    expect(finished(first)).toBeCloseTo(12, 0);
    expect(first.restartCount + second.restartCount).toBe(0);
  });
});

describe("kubelet: probes", () => {
  it("liveness on a port nothing listens on kills the container after 3 failures 10s apart", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        containers: [
          { name: "web", image: "nginx:1.27", livenessProbe: { httpGet: { path: "/healthz", port: 8080 } } },
        ],
      }),
    );
    c.clock.runUntil(25);
    const unhealthy = events(c, "Unhealthy")[0];
    expect(unhealthy?.message).toMatch(
      /^Liveness probe failed: Get "http:\/\/10\.244\.0\.\d+:8080\/healthz": dial tcp 10\.244\.0\.\d+:8080: connect: connection refused$/,
    );
    expect(unhealthy?.count).toBeGreaterThanOrEqual(3);
    expect(events(c, "Killing")[0]?.time).toBeCloseTo((events(c, "Started")[0]?.time ?? 0) + 20, 0);
    expect(events(c, "Killing")[0]?.message).toBe("Container web failed liveness probe, will be restarted");
    expect(cs(c, "p").restartCount).toBe(1);
  });

  it("readiness failing keeps the pod Running but not Ready", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        containers: [{ name: "web", image: "nginx:1.27", readinessProbe: { tcpSocket: { port: 3000 } } }],
      }),
    );
    c.clock.runUntil(60);
    expect(pod(c, "p").status.phase).toBe("Running");
    expect(cs(c, "p").ready).toBe(false);
    expect(cs(c, "p").restartCount).toBe(0);
    expect(events(c, "Unhealthy")[0]?.message).toMatch(
      /^Readiness probe failed: dial tcp .*:3000: connect: connection refused$/,
    );
  });

  it("a startup probe gates readiness", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        containers: [
          { name: "web", image: "nginx:1.27", startupProbe: { httpGet: { port: 80 }, initialDelaySeconds: 5 } },
        ],
      }),
    );
    c.clock.runUntil(6);
    expect(cs(c, "p").started).toBe(false);
    c.clock.runUntil(12);
    expect(cs(c, "p").started).toBe(true);
    expect(cs(c, "p").ready).toBe(true);
  });
});

describe("kubelet: termination and admission", () => {
  it.each([
    ["nginx stops at once", { name: "w", image: "nginx:1.27" }, 1],
    [
      "a sleeping shell is killed at the 30s deadline",
      { name: "w", image: "busybox:1.36", command: ["sh", "-c", "sleep 3600"] },
      30,
    ],
  ])("%s", (_n, container, seconds) => {
    const c = kubeletCluster();
    create(c, boundPod("p", { containers: [container] }));
    c.clock.runUntil(20);
    c.api.delete("Pod", "default", "p");
    c.clock.runUntil(20.01);
    expect(events(c, "Killing")[0]?.message).toBe("Stopping container w");
    c.clock.runUntil(20 + seconds - 0.5);
    expect(c.store.get("Pod", "default", "p") !== undefined).toBe(seconds > 1);
    c.clock.runUntil(20 + seconds + 0.5);
    expect(c.store.get("Pod", "default", "p")).toBeUndefined();
  });

  it("a preStop hook longer than the grace period: SIGTERM 2s after it, the app exits cleanly", () => {
    const c = kubeletCluster();
    const preStop = { exec: { command: ["sh", "-c", "sleep 30"] } };
    create(
      c,
      boundPod("p", {
        terminationGracePeriodSeconds: 10,
        containers: [{ name: "w", image: "nginx:1.27", lifecycle: { preStop } }],
      }),
    );
    c.clock.runUntil(20);
    const t0 = c.clock.now;
    c.api.delete("Pod", "default", "p");
    // Hook cut off at 10s, SIGTERM, nginx stops in 0.3s (inside the 2s minimum).
    c.clock.runUntil(t0 + 10.2);
    expect(c.store.get("Pod", "default", "p")).toBeDefined();
    c.clock.runUntil(t0 + 10.5);
    expect(c.store.get("Pod", "default", "p")).toBeUndefined();
    expect(events(c, "FailedPreStopHook")[0]).toMatchObject({ type: "Warning", message: "PreStopHook failed" });
    expect(events(c, "FailedPreStopHook")[0]?.time).toBeCloseTo(t0 + 10.3, 1);
  });

  it("a liveness kill after an overlong preStop ends with nginx's clean exit, not SIGKILL's 137", () => {
    const c = kubeletCluster();
    create(
      c,
      boundPod("p", {
        terminationGracePeriodSeconds: 10,
        containers: [
          {
            name: "w",
            image: "nginx:1.27",
            livenessProbe: { tcpSocket: { port: 8080 } },
            lifecycle: { preStop: { exec: { command: ["sh", "-c", "sleep 30"] } } },
          },
        ],
      }),
    );
    c.clock.runUntil(60);
    expect(cs(c, "p").lastState.terminated).toMatchObject({ exitCode: 0, reason: "Completed" });
  });

  it("a shell that ignores SIGTERM after an overlong preStop is killed 2s after the hook", () => {
    const c = kubeletCluster();
    const preStop = { exec: { command: ["sh", "-c", "sleep 30"] } };
    create(
      c,
      boundPod("p", {
        terminationGracePeriodSeconds: 10,
        containers: [{ name: "w", image: "busybox:1.36", command: ["sh", "-c", "sleep 3600"], lifecycle: { preStop } }],
      }),
    );
    c.clock.runUntil(20);
    const t0 = c.clock.now;
    c.api.delete("Pod", "default", "p");
    c.clock.runUntil(t0 + 11.9);
    expect(c.store.get("Pod", "default", "p")).toBeDefined();
    c.clock.runUntil(t0 + 12.1);
    expect(c.store.get("Pod", "default", "p")).toBeUndefined();
  });

  it("a pod with spec.nodeName that does not fit fails with OutOfcpu", () => {
    const c = kubeletCluster([], [makeNode("small", { cpu: "2" })]);
    create(c, {
      apiVersion: "v1",
      kind: "Pod",
      metadata: { name: "big" },
      spec: { nodeName: "small", containers: [{ name: "x", image: "nginx", resources: { requests: { cpu: "3" } } }] },
    });
    c.clock.runUntil(5);
    const p = pod(c, "big");
    expect(p.status.phase).toBe("Failed");
    expect(p.status.reason).toBe("OutOfcpu");
    expect(p.status.message).toBe(
      "Pod was rejected: Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000",
    );
    expect(events(c, "OutOfcpu")[0]?.message).toBe(
      "Node didn't have enough resource: cpu, requested: 3000, used: 0, capacity: 2000",
    );
  });
});
