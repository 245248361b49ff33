import { describe, expect, it } from "vitest";
import { parseImageRef } from "../../../src/sandbox/kubelet/image-ref.js";
import { lookupImage } from "../../../src/sandbox/kubelet/images.js";
import { imageUid, verifyRunAsNonRoot } from "../../../src/sandbox/kubelet/run-as-non-root.js";
import { simulate } from "../../../src/sandbox/simulate.js";

function uidOf(image: string): number | undefined {
  const parsed = parseImageRef(image);
  if (!parsed.ok) throw new Error(parsed.message);
  return imageUid(parsed.ref, lookupImage(parsed.ref));
}

const pod = (sc: object = {}) => ({
  apiVersion: "v1",
  kind: "Pod",
  metadata: { name: "p" },
  spec: { securityContext: sc },
});

describe("runAsNonRoot (kuberuntime verifyRunAsNonRoot)", () => {
  it.each([
    ["nginx:1.27", 0],
    ["nginxinc/nginx-unprivileged:1.27", 101],
    ["bitnami/redis:7.4", 1001],
    ["prom/prometheus:v3.0.0", 65534],
    ["registry.example.com/team/app:1.0", undefined],
  ])("the image %s runs as uid %s", (image, uid) => {
    expect(uidOf(image)).toBe(uid);
  });

  it.each([
    ["no runAsNonRoot", pod(), { name: "web" }, 0, null],
    [
      "root image",
      pod({ runAsNonRoot: true }),
      { name: "web" },
      0,
      'container has runAsNonRoot and image will run as root (pod: "p_default(u)", container: web)',
    ],
    [
      "explicit non-root user",
      pod({ runAsNonRoot: true }),
      { name: "web", securityContext: { runAsUser: 1000 } },
      0,
      null,
    ],
    [
      "explicit root user",
      pod(),
      { name: "web", securityContext: { runAsNonRoot: true, runAsUser: 0 } },
      101,
      `container's runAsUser breaks non-root policy (pod: "p_default(u)", container: web)`,
    ],
    ["non-root image", pod({ runAsNonRoot: true }), { name: "web" }, 101, null],
    ["unknown image", pod({ runAsNonRoot: true }), { name: "web" }, undefined, null],
  ])("%s", (_n, p, container, uid, want) => {
    expect(verifyRunAsNonRoot(p, container, uid, "p_default(u)")).toBe(want);
  });

  it("keeps a root image with runAsNonRoot in CreateContainerConfigError", () => {
    const result = simulate({
      manifests:
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  securityContext:\n    runAsNonRoot: true\n  containers:\n  - name: web\n    image: nginx:1.27\n",
      atSeconds: 60,
    });
    expect(result.pods[0]).toMatchObject({ phase: "Pending", reason: "CreateContainerConfigError" });
    expect(result.pods[0]?.message).toMatch(
      /^container has runAsNonRoot and image will run as root \(pod: "web_default\(.+\)", container: web\)$/,
    );
  });
});
