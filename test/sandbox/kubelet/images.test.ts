import { describe, expect, it } from "vitest";
import { parseImageRef } from "../../../src/sandbox/kubelet/image-ref.js";
import {
  lookupImage,
  misspeltOfficialImage,
  pullSeconds,
  tagCertainlyMissing,
} from "../../../src/sandbox/kubelet/images.js";

function profile(raw: string) {
  const r = parseImageRef(raw);
  if (!r.ok) throw new Error(r.message);
  return { ref: r.ref, profile: lookupImage(r.ref) };
}

describe("image catalogue", () => {
  it.each([
    ["nginx:1.27", [80], null],
    ["postgres:16", [5432], null],
    ["redis", [6379], null],
    ["busybox", [], 0],
    ["ubuntu:24.04", [], 0],
    ["curlimages/curl", [], 2],
  ])("%s listens on %j and exits with %s without a command", (raw, ports, exit) => {
    const p = profile(raw).profile;
    expect(p).toBeDefined();
    expect(p?.program.ports).toEqual(ports);
    expect(p?.program.exitAfter === null ? null : p?.program.exitCode).toBe(exit);
  });

  it("unknown images are not in the catalogue", () => {
    expect(profile("ghcr.io/acme/shop:1.0").profile).toBeUndefined();
  });

  it.each([
    ["nginx:1.999", true],
    ["nginx:1.27.3-alpine", false],
    ["nginx:stable", false],
    ["postgres:99", true],
    ["postgres:17", false],
    ["redis:7.4.2", false],
    ["busybox:1.36", false],
  ])("%s certainly missing: %s", (raw, want) => {
    const { ref, profile: p } = profile(raw);
    expect(p && tagCertainlyMissing(p, ref.tag)).toBe(want);
  });

  it("bigger images pull longer", () => {
    expect(pullSeconds(2_000_000)).toBeLessThan(pullSeconds(600_000_000));
    expect(pullSeconds(72_000_000)).toBeGreaterThan(1);
  });
});

describe("misspeltOfficialImage", () => {
  const meant = (image: string) => {
    const parsed = parseImageRef(image);
    if (!parsed.ok) throw new Error(parsed.message);
    return misspeltOfficialImage(parsed.ref);
  };

  it.each([
    ["ngnix:latest", "nginx"],
    ["postgress:16", "postgres"],
    ["reids", "redis"],
    ["docker.io/library/nginz:1.27", "nginx"],
  ])("%s is a slip of %s", (image, name) => {
    expect(meant(image)).toBe(name);
  });

  it.each([
    ["nginx:1.27", "a catalogued image"],
    ["acme/ngnix:1", "a user's repository (may exist, private or not)"],
    ["ghcr.io/acme/app:2", "another registry"],
    ["tomcat:10", "an official image far from every catalogued name"],
  ])("%s is not flagged: %s", (image) => {
    expect(meant(image)).toBeUndefined();
  });
});
