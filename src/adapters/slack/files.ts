/**
 * Reading YAML files people share in Slack (uploads and text snippets): only text-like files,
 * only from Slack's own file hosts (the bot token goes with the request), and never more than the
 * paste size limit. A file that cannot be read becomes a sentence saying why.
 */
import { describeLimit, LIMITS } from "../../core/limits.js";
import type { Attachment } from "../../core/message.js";
import type { SlackFile } from "./parse.js";

/** What {@link readFiles} got. */
export interface ReadFiles {
  attachments: Attachment[];
  /** One sentence per file that was refused or could not be read. */
  problems: string[];
}

const TEXT_NAME = /\.(ya?ml|json|txt)$/i;
const TEXT_TYPES = new Set(["yaml", "yml", "json", "text"]);

/** Whether a shared file may hold manifests (binary files are skipped without a word). */
export function isTextFile(f: SlackFile): boolean {
  if (f.mode === "snippet") return true;
  if (f.name && TEXT_NAME.test(f.name)) return true;
  if (f.filetype && TEXT_TYPES.has(f.filetype)) return true;
  return (f.mimetype ?? "").startsWith("text/") || f.mimetype === "application/x-yaml";
}

/** Whether `url` is on Slack's file hosts or on `apiOrigin` (the configured Web API). */
export function isSlackFileUrl(url: string, apiOrigin: string): boolean {
  if (!URL.canParse(url)) return false;
  const u = new URL(url);
  if (u.origin === apiOrigin) return true;
  return u.protocol === "https:" && (u.hostname === "slack.com" || u.hostname.endsWith(".slack.com"));
}

async function readCapped(res: Response, cap: number): Promise<string | undefined> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Downloads the text files among `files` with the bot token. Never throws. */
export async function readFiles(files: SlackFile[], token: string, apiOrigin: string): Promise<ReadFiles> {
  const out: ReadFiles = { attachments: [], problems: [] };
  for (const f of files.filter(isTextFile)) {
    const name = f.name ?? f.title ?? f.id;
    const tooBig = `The file ${name} is over the ${describeLimit("pasteBytes")}. Split it into smaller files and send them one by one.`;
    if ((f.size ?? 0) > LIMITS.pasteBytes) {
      out.problems.push(tooBig);
      continue;
    }
    const url = f.url_private_download ?? f.url_private;
    if (!url || !isSlackFileUrl(url, apiOrigin)) {
      out.problems.push(`I could not read the file ${name}: Slack gave no download address for it.`);
      continue;
    }
    try {
      const res = await fetch(url, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(10_000),
      });
      if (!res.ok) {
        out.problems.push(`I could not read the file ${name}: Slack answered ${res.status}.`);
        continue;
      }
      const text = await readCapped(res, LIMITS.pasteBytes);
      if (text === undefined) out.problems.push(tooBig);
      else out.attachments.push({ filename: name, text });
    } catch (err) {
      out.problems.push(`I could not read the file ${name}: ${(err as Error).message}.`);
    }
  }
  return out;
}
