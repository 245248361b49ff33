import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { clusterSvg } from "../../../../src/sandbox/render/picture/cluster-svg.js";
import { MAX_CHIPS_PER_CARD, MAX_GROUP_CHIPS, MAX_WIDTH } from "../../../../src/sandbox/render/picture/layout.js";
import { repoRoot } from "../../../support/paths.js";
import { largeResult, nodeSummary, podSummary, resultOf, typicalRequests, typicalResult } from "./results.js";

const GOLDEN = join(repoRoot, "test/fixtures/golden/cluster-typical.svg");

/** The texts of every `<text>` element, unescaped enough for assertions. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) =>
    (m[1] as string)
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&"),
  );
}

function size(svg: string): { width: number; height: number } {
  const m = /<svg [^>]*width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  return { width: Number(m?.[1]), height: Number(m?.[2]) };
}

/** Tags opened and closed in order: a cheap well-formedness check. */
function balanced(svg: string): boolean {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, close, name, selfClose] = m as unknown as [string, string, string, string];
    if (selfClose) continue;
    if (close) {
      if (stack.pop() !== name) return false;
    } else stack.push(name);
  }
  return stack.length === 0;
}

describe("clusterSvg golden", () => {
  it("draws the typical paste exactly as the golden file (UPDATE_GOLDEN=1 rewrites it)", () => {
    const svg = clusterSvg(typicalResult(), typicalRequests());
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(GOLDEN, svg);
    expect(existsSync(GOLDEN), `${GOLDEN} is missing: run with UPDATE_GOLDEN=1 to write it`).toBe(true);
    expect(svg).toBe(readFileSync(GOLDEN, "utf8"));
  });
});

describe("clusterSvg", () => {
  const typical = clusterSvg(typicalResult(), typicalRequests());

  it("is a well-formed SVG document with a font family and its fallback", () => {
    expect(typical.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(typical).toMatch(/font-family="DejaVu Sans Mono, [^"]*monospace"/);
    expect(balanced(typical)).toBe(true);
  });

  it("is deterministic: the same result gives the same bytes", () => {
    expect(clusterSvg(typicalResult(), typicalRequests())).toBe(typical);
  });

  it("shows the horizon, the census, every node with kubectl's status and the live pods", () => {
    const t = texts(typical);
    expect(t).toContain("The cluster at 10m (simulated)");
    expect(t).toContain(
      "3 nodes (1 cordoned) · 7 pods: 2 running and ready, 1 running, not ready, 1 failing, 1 pending or creating, 1 succeeded, 1 terminating",
    );
    for (const n of ["node-a", "node-b", "node-c"]) expect(t).toContain(n);
    expect(t).toContain("Ready,SchedulingDisabled");
    expect(t).toContain("web-7d4b9c8f6-x2x7q");
    expect(t).toContain("↻5");
    expect(t).not.toContain("gone-1");
  });

  it("colours chips by state and stripes terminating pods", () => {
    expect(typical).toContain('class="pod failing"');
    expect(typical).toContain('class="pod notReady"');
    expect(typical).toContain('class="pod succeeded"');
    expect(typical).toMatch(/class="pod terminating"><title>[^<]*<\/title><rect [^>]*fill="url\(#terminating\)"/);
    expect(typical).toContain('<pattern id="terminating"');
  });

  it("draws requested cpu and memory against allocatable from the given requests", () => {
    const t = texts(typical);
    expect(t).toContain("3500m/4 (88%)");
    expect(t).toContain("7Gi/8Gi (88%)");
    expect(t).toContain("512Mi/8Gi (6%)");
    expect(t).toContain("2/110 (2%)");
  });

  it("without requests, cards show the pod count only", () => {
    const t = texts(clusterSvg(typicalResult()));
    expect(t.some((s) => s.startsWith("3500m"))).toBe(false);
    expect(t).toContain("2/110 (2%)");
  });

  it("puts unscheduled pods in the Pending lane with the short FailedScheduling reason", () => {
    const t = texts(typical);
    expect(t).toContain("Pending: no node (1)");
    expect(t.join(" ")).toContain("1 pod: 0/3 nodes: 1 node(s) were unschedulable, 2 Insufficient cpu");
    expect(t).toContain("big");
  });

  it("marks NotReady nodes and nodes that pods name but the cluster lacks", () => {
    const svg = clusterSvg(
      resultOf(
        [nodeSummary("n1", { ready: false })],
        [podSummary({ name: "p1", node: "n1" }), podSummary({ name: "p2", node: "ghost" })],
      ),
    );
    const t = texts(svg);
    expect(t).toContain("NotReady");
    expect(t).toContain("NotFound");
    expect(t).toContain("ghost");
    expect(t.find((s) => s.startsWith("1 node"))).toBe("1 node (1 NotReady, 1 missing) · 2 pods: 2 running and ready");
  });

  it("says so when the cluster has no nodes", () => {
    const svg = clusterSvg(resultOf([], [podSummary({ name: "p", node: null, phase: "Pending", ready: false })]));
    expect(texts(svg)).toContain("The cluster has no nodes: no pod can run.");
  });

  it("escapes names and messages", () => {
    const svg = clusterSvg(
      resultOf(
        [nodeSummary("a")],
        [podSummary({ name: "p", node: null, phase: "Pending", message: 'bad <tag> & "quote"' })],
      ),
    );
    expect(svg).toContain("bad &lt;tag&gt; &amp; &quot;quote&quot;");
    expect(balanced(svg)).toBe(true);
  });

  it("never cuts silently: a crowded node and a crowded lane say how many are not drawn", () => {
    const pods = [
      ...Array.from({ length: 30 }, (_, i) => podSummary({ name: `web-${i}`, node: "a" })),
      ...Array.from({ length: 15 }, (_, i) =>
        podSummary({ name: `wait-${i}`, node: null, phase: "Pending", ready: false, message: "m" }),
      ),
    ];
    const svg = clusterSvg(resultOf([nodeSummary("a")], pods));
    const t = texts(svg);
    expect(t).toContain(`+${30 - (MAX_CHIPS_PER_CARD - 1)} more pods`);
    expect(t).toContain(`+${15 - (MAX_GROUP_CHIPS - 1)} more pods`);
    expect(t).toContain("15 pods: m");
  });

  it("lists at most a few reasons in the lane and counts the rest", () => {
    const pods = Array.from({ length: 12 }, (_, i) =>
      podSummary({ name: `w-${i}`, node: null, phase: "Pending", ready: false, message: `reason ${i}` }),
    );
    const t = texts(clusterSvg(resultOf([nodeSummary("a")], pods)));
    expect(t).toContain("+5 more pending pods (5 other reasons): see kubectl get events");
  });

  it("keeps 50 nodes and 500 pods within the maximum width, in a grid, with every node drawn", () => {
    const { result, requests } = largeResult();
    const svg = clusterSvg(result, requests);
    const { width, height } = size(svg);
    expect(width).toBeLessThanOrEqual(MAX_WIDTH);
    expect(height).toBeLessThan(4000);
    expect((svg.match(/class="node"/g) ?? []).length).toBe(50);
    const chips = (svg.match(/class="pod /g) ?? []).length;
    const more = [...svg.matchAll(/>\+(\d+) more pods</g)].reduce((n, m) => n + Number(m[1]), 0);
    expect(chips + more).toBe(500);
    expect(balanced(svg)).toBe(true);
  });
});
