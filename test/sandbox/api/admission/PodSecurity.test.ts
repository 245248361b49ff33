import { describe, expect, it } from "vitest";
import { PodSecurity } from "../../../../src/sandbox/api/admission/PodSecurity.js";
import type { KubeObject } from "../../../../src/sandbox/model/object.js";
import { attrs, container, context, namespace, pod } from "./fixtures.js";

const P = "pod-security.kubernetes.io/";

function run(labels: Record<string, string>, object: KubeObject) {
  const ctx = context();
  ctx.store.add(namespace("apps", labels));
  const denial = PodSecurity.validate?.(attrs(object), ctx);
  return { denial, warnings: ctx.warnings };
}

const privilegedPod = () => pod("web", [container({ securityContext: { privileged: true } })], {}, "apps");

describe("PodSecurity", () => {
  it("GIVEN enforce=baseline and a privileged pod THEN it is forbidden with upstream's text", () => {
    expect(run({ [`${P}enforce`]: "baseline" }, privilegedPod())).toEqual({
      denial: {
        reason: "Forbidden",
        message:
          'pods "web" is forbidden: violates PodSecurity "baseline:latest": privileged (container "web" must not set securityContext.privileged=true)',
      },
      warnings: [],
    });
  });

  it("GIVEN warn=restricted and enforce=baseline THEN an allowed pod gets a warning", () => {
    const { denial, warnings } = run(
      { [`${P}enforce`]: "baseline", [`${P}warn`]: "restricted" },
      pod("web", undefined, {}, "apps"),
    );
    expect(denial).toBeUndefined();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^would violate PodSecurity "restricted:latest": allowPrivilegeEscalation != false \(/);
  });

  it("GIVEN enforce=restricted and a Deployment THEN it is allowed with a warning naming its template", () => {
    const deployment: KubeObject = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "apps" },
      spec: {
        template: {
          metadata: {},
          spec: { containers: [{ name: "app", image: "nginx", securityContext: { privileged: true } }] },
        },
      },
    };
    const { denial, warnings } = run({ [`${P}enforce`]: "restricted" }, deployment);
    expect(denial).toBeUndefined();
    expect(warnings).toEqual([
      'would violate PodSecurity "restricted:latest": privileged (container "app" must not set securityContext.privileged=true), ' +
        'allowPrivilegeEscalation != false (container "app" must set securityContext.allowPrivilegeEscalation=false), ' +
        'unrestricted capabilities (container "app" must set securityContext.capabilities.drop=["ALL"]), ' +
        'runAsNonRoot != true (pod or container "app" must set securityContext.runAsNonRoot=true), ' +
        'seccompProfile (pod or container "app" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")',
    ]);
  });

  it("GIVEN a CronJob THEN its job template's pod template is checked", () => {
    const cron: KubeObject = {
      apiVersion: "batch/v1",
      kind: "CronJob",
      metadata: { name: "nightly", namespace: "apps" },
      spec: { jobTemplate: { spec: { template: { spec: { hostNetwork: true, containers: [{ name: "j" }] } } } } },
    };
    expect(run({ [`${P}warn`]: "baseline" }, cron).warnings).toEqual([
      'would violate PodSecurity "baseline:latest": host namespaces (hostNetwork)',
    ]);
  });

  it("GIVEN an unlabelled namespace THEN anything goes", () => {
    expect(run({}, privilegedPod())).toEqual({ denial: undefined, warnings: [] });
  });
});
