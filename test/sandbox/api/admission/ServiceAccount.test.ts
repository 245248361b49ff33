import { describe, expect, it } from "vitest";
import { API_TOKEN_MOUNT_PATH, ServiceAccount } from "../../../../src/sandbox/api/admission/ServiceAccount.js";
import { attrs, container, context, pod } from "./fixtures.js";

describe("ServiceAccount", () => {
  it("GIVEN no serviceAccountName THEN it becomes default and the token is mounted", () => {
    const p = pod("web", [container(), container({ name: "side" })]);
    expect(ServiceAccount.mutate?.(attrs(p), context())).toBeUndefined();
    expect(p.spec.serviceAccountName).toBe("default");
    const volume = p.spec.volumes[0];
    expect(volume.name).toMatch(/^kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    expect(volume.projected.sources[0]).toEqual({ serviceAccountToken: { expirationSeconds: 3607, path: "token" } });
    for (const c of p.spec.containers) {
      expect(c.volumeMounts).toEqual([{ name: volume.name, readOnly: true, mountPath: API_TOKEN_MOUNT_PATH }]);
    }
  });

  it("GIVEN a missing service account THEN the pod is forbidden with upstream's text", () => {
    const p = pod("web", undefined, { serviceAccountName: "builder" }, "ci");
    expect(ServiceAccount.mutate?.(attrs(p), context())).toEqual({
      reason: "Forbidden",
      message:
        'pods "web" is forbidden: error looking up service account ci/builder: serviceaccount "builder" not found',
    });
  });

  it("GIVEN a stored service account with automount off THEN no token is mounted and pull secrets are copied", () => {
    const ctx = context();
    ctx.store.add({
      apiVersion: "v1",
      kind: "ServiceAccount",
      metadata: { name: "builder", namespace: "default" },
      automountServiceAccountToken: false,
      imagePullSecrets: [{ name: "regcred" }],
    });
    const p = pod("web", undefined, { serviceAccountName: "builder" });
    expect(ServiceAccount.mutate?.(attrs(p), ctx)).toBeUndefined();
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.imagePullSecrets).toEqual([{ name: "regcred" }]);
  });

  it("GIVEN the pod opts out of automounting THEN nothing is mounted", () => {
    const p = pod("web", undefined, { automountServiceAccountToken: false });
    ServiceAccount.mutate?.(attrs(p), context());
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0].volumeMounts).toBeUndefined();
  });

  it("GIVEN an update THEN the pod is left alone", () => {
    const p = pod("web");
    ServiceAccount.mutate?.(attrs(p, "UPDATE", p), context());
    expect(p.spec.serviceAccountName).toBeUndefined();
  });
});
