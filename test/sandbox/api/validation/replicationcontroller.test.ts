import { describe, expect, it } from "vitest";
import { ApiServer } from "../../../../src/sandbox/api/server.js";
import { ObjectStore } from "../../../../src/sandbox/api/store.js";
import { SeededRandom } from "../../../../src/sandbox/model/random.js";

const rc = (spec: Record<string, unknown>, labels?: Record<string, string>) => ({
  apiVersion: "v1",
  kind: "ReplicationController",
  metadata: { name: "agent", ...(labels ? { labels } : {}) },
  spec: { replicas: 2, ...spec },
});
const template = (labels?: Record<string, string>) => ({
  ...(labels ? { metadata: { labels } } : {}),
  spec: { containers: [{ name: "agent", image: "nginx:1.27" }] },
});

function create(obj: unknown) {
  return new ApiServer({ store: new ObjectStore(), random: new SeededRandom(1), now: () => 0 }).create(obj, {
    origin: "user",
  });
}

describe("ReplicationController defaulting and validation", () => {
  it("takes the selector and object labels from the template's labels", () => {
    const out = create(rc({ template: template({ app: "agent" }) }));
    expect(out.ok).toBe(true);
    expect(out.ok && out.object.spec.selector).toEqual({ app: "agent" });
    expect(out.ok && out.object.metadata.labels).toEqual({ app: "agent" });
  });

  it("refuses a controller with neither selector nor template labels (it would match no pod)", () => {
    expect(create(rc({ template: template() }))).toMatchObject({
      ok: false,
      message: 'The ReplicationController "agent" is invalid: spec.selector: Required value',
    });
  });

  it("refuses template labels that do not match the selector", () => {
    const out = create(rc({ selector: { app: "x" }, template: template({ app: "y" }) }));
    expect(out.ok ? "" : out.message).toBe(
      'The ReplicationController "agent" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"y"}: `selector` does not match template `labels`',
    );
  });
});
