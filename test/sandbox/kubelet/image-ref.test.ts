import { describe, expect, it } from "vitest";
import { defaultPullPolicy, parseImageRef, unresolvableHost } from "../../../src/sandbox/kubelet/image-ref.js";

describe("parseImageRef", () => {
  it.each([
    ["nginx", "docker.io/library/nginx:latest"],
    ["nginx:1.27", "docker.io/library/nginx:1.27"],
    ["bitnami/redis:7.2", "docker.io/bitnami/redis:7.2"],
    ["registry.k8s.io/pause:3.10", "registry.k8s.io/pause:3.10"],
    ["localhost:5000/app", "localhost:5000/app:latest"],
    [`busybox@sha256:${"a".repeat(64)}`, `docker.io/library/busybox@sha256:${"a".repeat(64)}`],
  ])("%s normalises to %s", (raw, full) => {
    const r = parseImageRef(raw);
    expect(r.ok && r.ref.full).toBe(full);
  });

  it.each([
    [
      "busyBOX",
      'Failed to apply default image tag "busyBOX": couldn\'t parse image name "busyBOX": invalid reference format: repository name (library/busyBOX) must be lowercase',
    ],
    [
      "nginx:",
      'Failed to apply default image tag "nginx:": couldn\'t parse image name "nginx:": invalid reference format',
    ],
    [
      "registry.hub.docker.com/library//nginx:latest",
      'Failed to apply default image tag "registry.hub.docker.com/library//nginx:latest": couldn\'t parse image name "registry.hub.docker.com/library//nginx:latest": invalid reference format',
    ],
  ])("%s is an InvalidImageName with the kubelet's text", (raw, message) => {
    expect(parseImageRef(raw)).toEqual({ ok: false, message });
  });

  it.each([
    ["nginx", "Always"],
    ["nginx:latest", "Always"],
    ["nginx:1.27", "IfNotPresent"],
    [`nginx@sha256:${"b".repeat(64)}`, "IfNotPresent"],
  ])("default pull policy of %s is %s", (raw, policy) => {
    expect(defaultPullPolicy(raw)).toBe(policy);
  });

  it.each([
    ["example.invalid", true],
    ["registry.example", true],
    ["my.registry.test:5000", true],
    ["ghcr.io", false],
    ["localhost:5000", false],
  ])("host %s unresolvable: %s", (host, want) => {
    expect(unresolvableHost(host)).toBe(want);
  });
});
