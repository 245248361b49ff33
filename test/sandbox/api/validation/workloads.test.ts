import { describe, expect, it } from "vitest";
import { STATEFULSET_UPDATE_FORBIDDEN } from "../../../../src/sandbox/api/validation/statefulset.js";
import { deployment } from "../../../fixtures/builders.js";
import { errorsOf, updateErrorsOf } from "./check.js";

const MISMATCH = "`selector` does not match template `labels`";

function statefulSet(spec: Record<string, unknown> = {}) {
  const d = deployment("db").build();
  return {
    apiVersion: "apps/v1",
    kind: "StatefulSet",
    metadata: { name: "db" },
    spec: { ...d.spec, serviceName: "db", ...spec },
  };
}

function daemonSet(spec: Record<string, unknown> = {}) {
  const d = deployment("agent").build();
  return {
    apiVersion: "apps/v1",
    kind: "DaemonSet",
    metadata: { name: "agent" },
    spec: { selector: d.spec.selector, template: d.spec.template, ...spec },
  };
}

describe("Deployment validation texts", () => {
  it.each([
    { name: "valid", manifest: deployment("web").build(), want: [] },
    {
      name: "template labels do not match",
      manifest: deployment("web").withTemplateLabels({ app: "webapp" }).build(),
      want: [`spec.template.metadata.labels: Invalid value: map[string]string{"app":"webapp"}: ${MISMATCH}`],
    },
    {
      name: "missing selector gives two causes",
      manifest: deployment("web").selector(undefined).build(),
      want: [
        "spec.selector: Required value",
        `spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: ${MISMATCH}`,
      ],
    },
    {
      name: "empty selector",
      manifest: deployment("web").selector({}).build(),
      want: [
        "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for deployment",
      ],
    },
    {
      name: "template without labels",
      manifest: deployment("web").withTemplateLabels(undefined).build(),
      want: [`spec.template.metadata.labels: Invalid value: map[string]string(nil): ${MISMATCH}`],
    },
    {
      name: "bad selector operator",
      manifest: deployment("web")
        .selector({ matchExpressions: [{ key: "app", operator: "Equals", values: ["web"] }] })
        .build(),
      want: [
        'spec.selector.matchExpressions[0].operator: Invalid value: "Equals": not a valid selector operator',
        "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:app,Operator:Equals,Values:[web],},},}: invalid label selector",
      ],
    },
    {
      name: "In without values",
      manifest: deployment("web")
        .selector({ matchExpressions: [{ key: "app", operator: "In" }] })
        .build(),
      want: [
        "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
        `spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: ${MISMATCH}`,
      ],
    },
    {
      name: "both fenceposts zero",
      manifest: deployment("web")
        .strategy({ rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } })
        .build(),
      want: [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0',
      ],
    },
    {
      name: "maxUnavailable above 100%",
      manifest: deployment("web")
        .strategy({ rollingUpdate: { maxUnavailable: "150%" } })
        .build(),
      want: [
        'spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"150%"}: must not be greater than 100%',
      ],
    },
    {
      name: "maxSurge not a percent",
      manifest: deployment("web")
        .strategy({ rollingUpdate: { maxSurge: "half" } })
        .build(),
      want: [
        `spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"half"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')`,
      ],
    },
    {
      name: "Recreate with rollingUpdate",
      manifest: deployment("web")
        .strategy({ type: "Recreate", rollingUpdate: { maxSurge: 1 } })
        .build(),
      want: ["spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is 'Recreate'"],
    },
    {
      name: "unknown strategy type",
      manifest: deployment("web").strategy({ type: "BlueGreen" }).build(),
      want: ['spec.strategy.type: Unsupported value: "BlueGreen": supported values: "Recreate", "RollingUpdate"'],
    },
    {
      name: "negative replicas",
      manifest: deployment("web").replicas(-1).build(),
      want: ["spec.replicas: Invalid value: -1: must be greater than or equal to 0"],
    },
    {
      name: "progress deadline not above minReadySeconds",
      manifest: deployment("web").deploymentFields({ minReadySeconds: 30, progressDeadlineSeconds: 30 }).build(),
      want: ["spec.progressDeadlineSeconds: Invalid value: 30: must be greater than minReadySeconds"],
    },
    {
      name: "template restartPolicy Never",
      manifest: deployment("web").spec({ restartPolicy: "Never" }).build(),
      want: ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    },
    {
      name: "template without containers",
      manifest: deployment("web").containers().build(),
      want: ["spec.template.spec.containers: Required value"],
    },
    {
      name: "bad template label key",
      manifest: deployment("web").withTemplateLabels({ app: "web", "-x": "y" }).build(),
      want: [
        "spec.template.labels: Invalid value: \"-x\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    },
  ])("$name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });

  it("selector is immutable on a second apply", () => {
    const next = deployment("web")
      .selector({ matchLabels: { app: "web2" } })
      .withTemplateLabels({ app: "web2" })
      .build();
    expect(updateErrorsOf(deployment("web").build(), next)).toEqual([
      "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{app: web2,},MatchExpressions:[]LabelSelectorRequirement{},}: field is immutable",
    ]);
  });

  it("replicas and image may change on a second apply", () => {
    expect(
      updateErrorsOf(deployment("web").build(), deployment("web").replicas(5).image("nginx:1.28").build()),
    ).toEqual([]);
  });
});

describe("ReplicaSet, DaemonSet and StatefulSet texts", () => {
  it("ReplicaSet empty selector uses upstream's 'deployment' wording", () => {
    const rs = { ...deployment("web").selector({}).build(), kind: "ReplicaSet" };
    expect(errorsOf(rs)).toEqual([
      "spec.selector: Invalid value: &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}: empty selector is invalid for deployment",
    ]);
  });

  it.each([
    { name: "valid", manifest: daemonSet(), want: [] },
    {
      name: "both maxSurge and maxUnavailable",
      manifest: daemonSet({
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
      }),
      want: [
        'spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:0, IntVal:1, StrVal:""}: may not be set when maxUnavailable is non-zero',
      ],
    },
    {
      name: "both zero",
      manifest: daemonSet({
        updateStrategy: { type: "RollingUpdate", rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } },
      }),
      want: ["spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"],
    },
    {
      name: "restartPolicy OnFailure",
      manifest: daemonSet({
        template: {
          metadata: { labels: { app: "agent" } },
          spec: { restartPolicy: "OnFailure", containers: [{ name: "a", image: "b" }] },
        },
      }),
      want: ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    },
  ])("DaemonSet: $name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });

  it.each([
    { name: "valid", manifest: statefulSet(), want: [] },
    {
      name: "bad podManagementPolicy",
      manifest: statefulSet({ podManagementPolicy: "Random" }),
      want: ["spec.podManagementPolicy: Invalid value: \"Random\": must be 'OrderedReady' or 'Parallel'"],
    },
    {
      name: "pod spec mistakes surface only when pods are created",
      manifest: statefulSet({
        template: {
          metadata: { labels: { app: "db" } },
          spec: { containers: [{ name: "db", image: "postgres", volumeMounts: [{ name: "data", mountPath: "/d" }] }] },
        },
      }),
      want: [],
    },
    {
      name: "dotted name is not a label",
      manifest: { ...statefulSet(), metadata: { name: "db.v1" } },
      want: ['metadata.name: Invalid value: "db.v1": must not contain dots'],
    },
  ])("StatefulSet: $name", ({ manifest, want }) => {
    expect(errorsOf(manifest)).toEqual(want);
  });

  it("StatefulSet: changing volumeClaimTemplates is forbidden", () => {
    const claim = (size: string) => [
      {
        metadata: { name: "data" },
        spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: size } } },
      },
    ];
    expect(
      updateErrorsOf(
        statefulSet({ volumeClaimTemplates: claim("1Gi") }),
        statefulSet({ volumeClaimTemplates: claim("2Gi") }),
      ),
    ).toEqual([`spec: Forbidden: ${STATEFULSET_UPDATE_FORBIDDEN}`]);
    expect(STATEFULSET_UPDATE_FORBIDDEN).toBe(
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    );
  });

  it("StatefulSet: replicas may change", () => {
    expect(updateErrorsOf(statefulSet(), statefulSet({ replicas: 3 }))).toEqual([]);
  });
});
