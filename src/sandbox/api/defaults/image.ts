/**
 * The image tag as kubelet's reference parser sees it (pkg/util/parsers ParseImageName over
 * github.com/distribution/reference): no tag and no digest means `latest`.
 */

/** The tag of an image reference: "latest" when neither tag nor digest is given. */
export function imageTag(image: string): string {
  const at = image.indexOf("@");
  const named = at >= 0 ? image.slice(0, at) : image;
  const lastSlash = named.lastIndexOf("/");
  const colon = named.indexOf(":", lastSlash + 1);
  const tag = colon >= 0 ? named.slice(colon + 1) : "";
  return tag === "" && at < 0 ? "latest" : tag;
}

/** `SetDefaults_Container` pull policy: `Always` for `latest`, else `IfNotPresent`. */
export function defaultPullPolicy(image: string): "Always" | "IfNotPresent" {
  return imageTag(image) === "latest" ? "Always" : "IfNotPresent";
}
