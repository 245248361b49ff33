import { describe, expect, it } from "vitest";
import { levelVersionText, policyFromLabels } from "../../../../../src/sandbox/api/admission/pod-security/policy.js";

const P = "pod-security.kubernetes.io/";

describe("policyFromLabels", () => {
  it.each<[string, Record<string, string> | undefined, [string, string, string]]>([
    ["no labels", undefined, ["privileged:latest", "privileged:latest", "privileged:latest"]],
    [
      "enforce only: warn follows",
      { [`${P}enforce`]: "restricted" },
      ["restricted:latest", "privileged:latest", "restricted:latest"],
    ],
    [
      "enforce with version",
      { [`${P}enforce`]: "baseline", [`${P}enforce-version`]: "v1.30" },
      ["baseline:v1.30", "privileged:latest", "baseline:v1.30"],
    ],
    [
      "explicit warn is kept",
      { [`${P}enforce`]: "restricted", [`${P}warn`]: "baseline" },
      ["restricted:latest", "privileged:latest", "baseline:latest"],
    ],
    [
      "a bad enforce level fails closed",
      { [`${P}enforce`]: "strict" },
      ["restricted:latest", "privileged:latest", "privileged:latest"],
    ],
    [
      "a bad warn level fails open",
      { [`${P}warn`]: "strict" },
      ["privileged:latest", "privileged:latest", "privileged:latest"],
    ],
    ["audit", { [`${P}audit`]: "baseline" }, ["privileged:latest", "baseline:latest", "privileged:latest"]],
  ])("GIVEN %s THEN enforce/audit/warn are %j", (_name, labels, want) => {
    const p = policyFromLabels(labels);
    expect([levelVersionText(p.enforce), levelVersionText(p.audit), levelVersionText(p.warn)]).toEqual(want);
  });
});
