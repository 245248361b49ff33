/**
 * The recipes of the Kubernetes documentation's NetworkPolicy page
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/), each with the
 * outcome the page states.
 */
import { beforeEach, describe, expect, it } from "vitest";
import type { ObjectStore } from "../../../src/sandbox/api/store.js";
import type { KubeObject } from "../../../src/sandbox/model/object.js";
import type { NetPeer } from "../../../src/sandbox/network/policy.js";
import { canReach } from "../../../src/sandbox/network/reachability.js";
import { addAll, ipPeer, objects, pod, podPeer, storeWith } from "./builders.js";

const DEFAULT_DENY_INGRESS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-ingress
spec:
  podSelector: {}
  policyTypes:
  - Ingress
`;
const ALLOW_ALL_INGRESS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-ingress
spec:
  podSelector: {}
  ingress:
  - {}
  policyTypes:
  - Ingress
`;
const DEFAULT_DENY_EGRESS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
spec:
  podSelector: {}
  policyTypes:
  - Egress
`;
const ALLOW_ALL_EGRESS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: allow-all-egress
spec:
  podSelector: {}
  egress:
  - {}
  policyTypes:
  - Egress
`;
const DEFAULT_DENY_ALL = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-all
spec:
  podSelector: {}
  policyTypes:
  - Ingress
  - Egress
`;
const TEST_NETWORK_POLICY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: test-network-policy
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  - Egress
  ingress:
  - from:
    - ipBlock:
        cidr: 172.17.0.0/16
        except:
        - 172.17.1.0/24
    - namespaceSelector:
        matchLabels:
          project: myproject
    - podSelector:
        matchLabels:
          role: frontend
    ports:
    - protocol: TCP
      port: 6379
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 5978
`;
const MULTI_PORT_EGRESS = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: multi-port-egress
  namespace: default
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Egress
  egress:
  - to:
    - ipBlock:
        cidr: 10.0.0.0/24
    ports:
    - protocol: TCP
      port: 32000
      endPort: 32768
`;
const AND_ONE_ENTRY = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: and-one-entry
spec:
  podSelector:
    matchLabels:
      role: db
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          user: alice
      podSelector:
        matchLabels:
          role: client
`;
const OR_TWO_ENTRIES = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: or-two-entries
spec:
  podSelector:
    matchLabels:
      role: db
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          user: alice
    - podSelector:
        matchLabels:
          role: client
`;
const BY_NAMESPACE_NAME = `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: from-team-a-by-name
spec:
  podSelector:
    matchLabels:
      role: db
  policyTypes:
  - Ingress
  ingress:
  - from:
    - namespaceSelector:
        matchLabels:
          kubernetes.io/metadata.name: team-a
`;

let store: ObjectStore;
let db: KubeObject;
let cache: KubeObject;
let frontend: KubeObject;
let frontendOther: KubeObject;
let myproject: KubeObject;
let aliceClient: KubeObject;
let aliceOther: KubeObject;
let bobClient: KubeObject;
let localClient: KubeObject;
let teamA: KubeObject;

beforeEach(() => {
  store = storeWith({
    other: {},
    "my-project": { project: "myproject" },
    alice: { user: "alice" },
    bob: { user: "bob" },
    "team-a": {},
  });
  db = pod("db", { role: "db" }, { ports: [{ name: "redis", containerPort: 6379 }] });
  cache = pod("cache", { role: "cache" });
  frontend = pod("frontend", { role: "frontend" });
  frontendOther = pod("frontend-other", { role: "frontend" }, { namespace: "other" });
  myproject = pod("worker", { app: "worker" }, { namespace: "my-project" });
  aliceClient = pod("alice-client", { role: "client" }, { namespace: "alice" });
  aliceOther = pod("alice-batch", { role: "batch" }, { namespace: "alice" });
  bobClient = pod("bob-client", { role: "client" }, { namespace: "bob" });
  localClient = pod("local-client", { role: "client" });
  teamA = pod("team-a-app", { app: "x" }, { namespace: "team-a" });
  addAll(store, [
    db,
    cache,
    frontend,
    frontendOther,
    myproject,
    aliceClient,
    aliceOther,
    bobClient,
    localClient,
    teamA,
  ]);
});

const reach = (from: NetPeer, to: NetPeer, port: number, protocol = "TCP") => canReach(from, to, port, protocol, store);
const withPolicies = (...yaml: string[]) => addAll(store, yaml.flatMap(objects));

describe("documentation recipes", () => {
  it("no policy: every pod accepts traffic from anywhere", () => {
    const v = reach(podPeer(frontend), podPeer(db), 6379);
    expect(v.allowed).toBe(true);
    expect(v.reason).toContain("no NetworkPolicy isolates either end");
  });

  it("default deny ingress: pods of the namespace are isolated for ingress, egress untouched, other namespaces unaffected", () => {
    withPolicies(DEFAULT_DENY_INGRESS);
    expect(reach(podPeer(frontend), podPeer(db), 6379).allowed).toBe(false);
    expect(reach(ipPeer("198.51.100.1"), podPeer(db), 6379).allowed).toBe(false);
    expect(reach(podPeer(db), ipPeer("8.8.8.8"), 53, "UDP").allowed).toBe(true);
    expect(reach(podPeer(frontend), podPeer(frontendOther), 80).allowed).toBe(true);
    const v = reach(podPeer(frontend), podPeer(db), 6379);
    expect(v.ingress?.isolatedBy).toEqual(["default-deny-ingress"]);
  });

  it("allow all ingress: with it, nothing is denied ingress, even beside default-deny-ingress", () => {
    withPolicies(DEFAULT_DENY_INGRESS, ALLOW_ALL_INGRESS);
    const v = reach(podPeer(frontendOther), podPeer(db), 1234);
    expect(v.allowed).toBe(true);
    expect(v.by).toEqual(["allow-all-ingress"]);
    expect(reach(ipPeer("203.0.113.9"), podPeer(cache), 80).allowed).toBe(true);
  });

  it("default deny egress: no egress from the namespace's pods, ingress untouched", () => {
    withPolicies(DEFAULT_DENY_EGRESS);
    expect(reach(podPeer(db), podPeer(frontend), 80).allowed).toBe(false);
    expect(reach(podPeer(db), ipPeer("8.8.8.8"), 443).allowed).toBe(false);
    expect(reach(ipPeer("198.51.100.1"), podPeer(db), 6379).allowed).toBe(true);
    expect(reach(podPeer(frontendOther), podPeer(db), 6379).allowed).toBe(true);
  });

  it("allow all egress: every egress connection allowed, even beside default-deny-egress", () => {
    withPolicies(DEFAULT_DENY_EGRESS, ALLOW_ALL_EGRESS);
    const v = reach(podPeer(db), ipPeer("8.8.8.8"), 443);
    expect(v.allowed).toBe(true);
    expect(v.by).toEqual(["allow-all-egress"]);
  });

  it("default deny all: neither ingress nor egress", () => {
    withPolicies(DEFAULT_DENY_ALL);
    const v = reach(podPeer(frontend), podPeer(db), 6379);
    expect(v.allowed).toBe(false);
    expect(v.egress?.allowed).toBe(false);
    expect(v.ingress?.allowed).toBe(false);
    expect(reach(ipPeer("198.51.100.1"), podPeer(db), 6379).allowed).toBe(false);
    expect(reach(podPeer(cache), ipPeer("8.8.8.8"), 53, "UDP").allowed).toBe(false);
  });

  describe("test-network-policy", () => {
    beforeEach(() => withPolicies(TEST_NETWORK_POLICY));
    it.each([
      ["role=frontend in the policy's namespace on 6379/TCP", () => podPeer(frontend), 6379, "TCP", true],
      ["role=frontend on another port", () => podPeer(frontend), 6380, "TCP", false],
      [
        "role=frontend in another namespace (podSelector alone means the policy's namespace)",
        () => podPeer(frontendOther),
        6379,
        "TCP",
        false,
      ],
      ["any pod in a namespace labelled project=myproject", () => podPeer(myproject), 6379, "TCP", true],
      ["a pod of the namespace without role=frontend", () => podPeer(cache), 6379, "TCP", false],
      ["an address in 172.17.0.0/16", () => ipPeer("172.17.0.5"), 6379, "TCP", true],
      ["an address in the excepted 172.17.1.0/24", () => ipPeer("172.17.1.5"), 6379, "TCP", false],
      ["an address outside the block", () => ipPeer("172.18.0.5"), 6379, "TCP", false],
      ["the right peer over UDP", () => podPeer(frontend), 6379, "UDP", false],
    ] as const)("ingress to role=db from %s", (_name, from, port, protocol, allowed) => {
      expect(reach(from(), podPeer(db), port, protocol).allowed).toBe(allowed);
    });

    it.each([
      ["10.0.0.0/24 on 5978/TCP", () => ipPeer("10.0.0.5"), 5978, true],
      ["10.0.0.0/24 on another port", () => ipPeer("10.0.0.5"), 80, false],
      ["an address outside 10.0.0.0/24", () => ipPeer("10.0.1.5"), 5978, false],
      ["a pod of the cluster", () => podPeer(frontend), 80, false],
    ] as const)("egress from role=db to %s", (_name, to, port, allowed) => {
      expect(reach(podPeer(db), to(), port).allowed).toBe(allowed);
    });

    it("pods the policy does not select stay unisolated", () => {
      expect(reach(podPeer(cache), ipPeer("10.0.1.5"), 80).allowed).toBe(true);
      expect(reach(podPeer(frontend), podPeer(cache), 80).allowed).toBe(true);
    });

    it("names the allowing policy", () => {
      expect(reach(podPeer(frontend), podPeer(db), 6379).by).toEqual(["test-network-policy"]);
    });
  });

  it("one from entry with namespaceSelector and podSelector: both must match (AND)", () => {
    withPolicies(AND_ONE_ENTRY);
    expect(reach(podPeer(aliceClient), podPeer(db), 5432).allowed).toBe(true);
    expect(reach(podPeer(localClient), podPeer(db), 5432).allowed).toBe(false);
    expect(reach(podPeer(aliceOther), podPeer(db), 5432).allowed).toBe(false);
    expect(reach(podPeer(bobClient), podPeer(db), 5432).allowed).toBe(false);
  });

  it("two from entries: either matches (OR): local role=client, or any pod in a user=alice namespace", () => {
    withPolicies(OR_TWO_ENTRIES);
    expect(reach(podPeer(localClient), podPeer(db), 5432).allowed).toBe(true);
    expect(reach(podPeer(aliceOther), podPeer(db), 5432).allowed).toBe(true);
    expect(reach(podPeer(aliceClient), podPeer(db), 5432).allowed).toBe(true);
    expect(reach(podPeer(bobClient), podPeer(db), 5432).allowed).toBe(false);
  });

  it.each([
    [32000, "TCP", true],
    [32768, "TCP", true],
    [32400, "TCP", true],
    [31999, "TCP", false],
    [32769, "TCP", false],
    [32000, "UDP", false],
  ] as const)("endPort: role=db may reach 10.0.0.0/24 on ports 32000-32768 only (%i/%s)", (port, protocol, allowed) => {
    withPolicies(MULTI_PORT_EGRESS);
    expect(reach(podPeer(db), ipPeer("10.0.0.7"), port, protocol).allowed).toBe(allowed);
  });

  it("targets a namespace by name through the automatic kubernetes.io/metadata.name label", () => {
    withPolicies(BY_NAMESPACE_NAME);
    expect(reach(podPeer(teamA), podPeer(db), 80).allowed).toBe(true);
    expect(reach(podPeer(frontend), podPeer(db), 80).allowed).toBe(false);
    expect(reach(podPeer(myproject), podPeer(db), 80).allowed).toBe(false);
  });
});
