import { describe, expect, it } from "vitest";
import { ApiServer } from "../../../../src/sandbox/api/server.js";
import { ObjectStore } from "../../../../src/sandbox/api/store.js";
import { SeededRandom } from "../../../../src/sandbox/model/random.js";
import { deployment, pod } from "../../../fixtures/builders.js";

function server(): ApiServer {
  return new ApiServer({ store: new ObjectStore(), random: new SeededRandom(1), now: () => 0 });
}

describe("validation and defaulting through ApiServer", () => {
  it("stores a defaulted Deployment", () => {
    const out = server().create(deployment("web").build(), { origin: "user" });
    expect(out.ok).toBe(true);
    if (out.ok) {
      expect(out.object.spec.strategy).toEqual({
        type: "RollingUpdate",
        rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" },
      });
      expect(out.object.spec.template.spec.containers[0].imagePullPolicy).toBe("IfNotPresent");
    }
  });

  it("rejects a selector mismatch with kubectl's envelope", () => {
    const out = server().create(deployment("web").withTemplateLabels({ app: "webapp" }).build(), { origin: "user" });
    expect(out).toMatchObject({
      ok: false,
      reason: "Invalid",
      message:
        'The Deployment "web" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"webapp"}: `selector` does not match template `labels`',
    });
  });

  it("lists several causes as bullets", () => {
    const out = server().create(deployment("web").selector(undefined).build(), { origin: "user" });
    expect(out.ok ? "" : out.message).toBe(
      'The Deployment "web" is invalid: \n* spec.selector: Required value\n* spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
    );
  });

  it("rejects a Pod whose request exceeds its limit", () => {
    const out = server().create(pod("web").requests({ cpu: "2" }).limits({ cpu: "1" }).build(), { origin: "user" });
    expect(out.ok ? "" : out.message).toBe(
      'The Pod "web" is invalid: spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1',
    );
  });

  it("rejects changing a Deployment selector on a second apply", () => {
    const api = server();
    expect(api.apply(deployment("web").build(), { origin: "user" }).ok).toBe(true);
    const next = deployment("web")
      .selector({ matchLabels: { app: "v2" } })
      .withTemplateLabels({ app: "v2" })
      .build();
    const out = api.apply(next, { origin: "user" });
    expect(out.ok ? "" : out.message).toBe(
      'The Deployment "web" is invalid: spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: v2,},MatchExpressions:[]LabelSelectorRequirement{},}: field is immutable',
    );
  });

  it("re-applying the same Pod passes update validation despite admission-added fields", () => {
    const api = server();
    expect(api.apply(pod("web").build(), { origin: "user" }).ok).toBe(true);
    expect(api.apply(pod("web").build(), { origin: "user" }).ok).toBe(true);
    const out = api.apply(
      pod("web")
        .container({ ports: [{ containerPort: 80 }] })
        .build(),
      { origin: "user" },
    );
    expect(out.ok ? "" : out.message).toMatch(
      /^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than /,
    );
  });
});
