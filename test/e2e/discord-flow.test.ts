/**
 * Discord end to end: the real discord.js client against the loopback gateway and REST
 * stand-in, the real bot core, queues and worker on the test Redis. Each test dispatches gateway
 * events and asserts the REST calls the bot made.
 */
import { describe, expect, it } from "vitest";
import { MODAL_ID, MODAL_INPUT } from "../../src/adapters/discord/handlers.js";
import { LONG_ANSWER_FILE } from "../../src/adapters/discord/render.js";
import { TYPICAL_PASTE } from "../jobs/support/loopback.js";
import {
  APP_ID,
  attachment,
  button,
  CHANNEL_ID,
  messageCommand,
  messageCreate,
  messageObject,
  modalSubmit,
  slash,
} from "../support/discord-fake/payloads.js";
import type { RestCall } from "../support/discord-fake/server.js";
import { bodyText as text, useDiscordStack } from "../support/discord-fake/stack.js";

const callbackOf = (i: { id: string; token: string }) => (c: RestCall) =>
  c.method === "POST" && c.path === `/interactions/${i.id}/${i.token}/callback`;
const originalOf = (i: { token: string }) => (c: RestCall) =>
  c.method === "PATCH" && c.path === `/webhooks/${APP_ID}/${i.token}/messages/@original`;

describe("discord: interactions and messages end to end", () => {
  const stack = useDiscordStack("t-dflow");

  it("defers a slash command within 3 s without bot auth, then edits the original with the answer", async () => {
    const i = slash("help");
    const sent = Date.now();
    stack.fake.dispatch("INTERACTION_CREATE", i);
    const [callback] = await stack.fake.waitFor(callbackOf(i));
    expect(callback!.at - sent).toBeLessThan(3000);
    expect(callback!.body.type).toBe(5);
    expect(callback!.body.data.flags & 64).toBe(0);
    expect(callback!.auth).toBeUndefined();
    const [edit] = await stack.fake.waitFor(originalOf(i));
    expect(edit!.auth).toBeUndefined();
    expect(edit!.body.embeds[0].title).toBe("Commands");
    expect(edit!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("keeps a learner's own progress ephemeral in a guild channel", async () => {
    const i = slash("progress");
    stack.fake.dispatch("INTERACTION_CREATE", i);
    const [callback] = await stack.fake.waitFor(callbackOf(i));
    expect(callback!.body).toEqual({ type: 5, data: { flags: 64 } });
    await stack.fake.waitFor(originalOf(i));
  });

  it("opens the YAML form for /kube simulate, and simulates what is submitted: placeholder, then the result", async () => {
    const open = slash("simulate");
    stack.fake.dispatch("INTERACTION_CREATE", open);
    const [modal] = await stack.fake.waitFor(callbackOf(open));
    expect(modal!.body.type).toBe(9);
    expect(modal!.body.data.custom_id).toBe(MODAL_ID);
    expect(modal!.body.data.components[0].components[0]).toMatchObject({ custom_id: MODAL_INPUT, max_length: 4000 });

    const submit = modalSubmit(MODAL_ID, MODAL_INPUT, TYPICAL_PASTE);
    stack.fake.dispatch("INTERACTION_CREATE", submit);
    const [callback] = await stack.fake.waitFor(callbackOf(submit));
    expect(callback!.body.type).toBe(5);
    const [placeholder, result] = await stack.fake.waitFor(originalOf(submit), 2, 30_000);
    expect(text(placeholder)).toContain("Simulating your manifests");
    expect(result!.body.embeds[0].title).toBe("What the cluster would do");
    expect(text(result)).toContain("web-");
    const ids = result!.body.components.flatMap((r: any) => r.components.map((b: any) => b.custom_id));
    expect(ids).toEqual(expect.arrayContaining(["whatif:scale:deployment/web"]));
  }, 40_000);

  it("re-simulates with a what-if button click and answers through the click's own token", async () => {
    const click = button("whatif:scale:deployment/web");
    stack.fake.dispatch("INTERACTION_CREATE", click);
    const [callback] = await stack.fake.waitFor(callbackOf(click));
    expect(callback!.body.type).toBe(5);
    expect(callback!.body.data.flags & 64).toBe(0);
    const [ack, result] = await stack.fake.waitFor(originalOf(click), 2, 30_000);
    expect(text(ack)).toContain("what if web is scaled from 3 to 6");
    const pods = (result!.body.embeds as any[]).map((e) => e.description ?? "").join("\n");
    expect(pods.match(/^web-\S+\s+1\/1\s+Running/gm)?.length).toBe(6);
  }, 40_000);

  it("reads a YAML attachment passed to /kube simulate", async () => {
    stack.fake.files.set(
      "pod.yaml",
      Buffer.from(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: from-file}\nspec: {containers: [{name: c, image: nginx}]}\n",
      ),
    );
    const a = attachment("pod.yaml", stack.fake.fileUrl("pod.yaml"), 90);
    const i = slash("simulate", [{ name: "file", type: 11, value: a.id }], {}, { attachments: { [a.id]: a } });
    stack.fake.dispatch("INTERACTION_CREATE", i);
    const [, result] = await stack.fake.waitFor(originalOf(i), 2, 30_000);
    expect(text(result)).toContain("pod/from-file created");
  }, 40_000);

  it("refuses an attachment over the paste size limit without downloading it", async () => {
    const a = attachment("huge.yaml", stack.fake.fileUrl("never-served.yaml"), 5 * 1024 * 1024);
    const i = slash("simulate", [{ name: "file", type: 11, value: a.id }], {}, { attachments: { [a.id]: a } });
    stack.fake.dispatch("INTERACTION_CREATE", i);
    // Private: the public "thinking…" original is deleted and an ephemeral follow-up says why.
    await stack.fake.waitFor(
      (c) => c.method === "DELETE" && c.path === `/webhooks/${APP_ID}/${i.token}/messages/@original`,
    );
    const [followUp] = await stack.fake.waitFor(
      (c) => c.method === "POST" && c.path === `/webhooks/${APP_ID}/${i.token}`,
    );
    expect(followUp!.query.get("wait")).toBe("true");
    expect(followUp!.body.flags).toBe(64);
    expect(text(followUp)).toContain("over the paste size limit (1 MiB)");
    expect(stack.fake.find((c) => c.path.includes("never-served"))).toEqual([]);
  });

  it("answers the message command on a message with YAML, and says so privately when there is none", async () => {
    const target = messageObject({ id: "610000000000000001", content: `look:\n\`\`\`yaml\n${TYPICAL_PASTE}\`\`\`` });
    const i = messageCommand("What will this YAML do?", target);
    stack.fake.dispatch("INTERACTION_CREATE", i);
    const [, result] = await stack.fake.waitFor(originalOf(i), 2, 30_000);
    expect(result!.body.embeds[0].title).toBe("What the cluster would do");

    const none = messageCommand(
      "What will this YAML do?",
      messageObject({ id: "610000000000000002", content: "hello" }),
    );
    stack.fake.dispatch("INTERACTION_CREATE", none);
    const [reply] = await stack.fake.waitFor(callbackOf(none));
    expect(reply!.body).toMatchObject({ type: 4, data: { flags: 64 } });
    expect(reply!.body.data.content).toContain("no Kubernetes YAML");
  }, 40_000);

  it("sends long output as an attached file with a note, never a silent cut", async () => {
    const big = TYPICAL_PASTE.replace("replicas: 3", "replicas: 80");
    const i = modalSubmit(MODAL_ID, MODAL_INPUT, big);
    stack.fake.dispatch("INTERACTION_CREATE", i);
    const [, result] = await stack.fake.waitFor(originalOf(i), 2, 30_000);
    const file = result!.files.find((f) => f.name === LONG_ANSWER_FILE);
    expect(file, "long answer file").toBeDefined();
    const markdown = file!.data.toString("utf8");
    expect(markdown.match(/^web-\S+/gm)?.length).toBe(80);
    expect(text(result)).toContain(`attached file ${LONG_ANSWER_FILE}`);
    expect(result!.body.attachments).toContainEqual({ id: 0, filename: LONG_ANSWER_FILE });
    const total = result!.body.embeds.reduce(
      (n: number, e: any) => n + (e.title ?? "").length + (e.description ?? "").length,
      0,
    );
    expect(total).toBeLessThanOrEqual(6000);
  }, 40_000);

  it("reads a ```yaml block in a channel and never lets a hostile paste ping anyone", async () => {
    const hostile = `@everyone <@&999> look\n\`\`\`yaml\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: "evil"}\ndata: {x: "@here <@&999>"}\n\`\`\``;
    const m = messageCreate(hostile);
    stack.fake.dispatch("MESSAGE_CREATE", m);
    const inChannel = (c: RestCall) => c.method === "POST" && c.path === `/channels/${CHANNEL_ID}/messages`;
    const [ack] = await stack.fake.waitFor((c) => inChannel(c) && c.body?.message_reference?.message_id === m.id);
    expect(text(ack)).toContain("Simulating your manifests");
    const [result] = await stack.fake.waitFor((c) => inChannel(c) && text(c).includes("configmap/evil"), 1, 30_000);
    for (const p of [ack!, result!]) {
      expect(p.auth).toBe("Bot fake.bot.token");
      expect(p.body.allowed_mentions).toEqual({ parse: [] });
      expect(p.body.enforce_nonce).toBe(true);
      expect(p.body.content ?? "").not.toContain("@everyone");
    }
    expect(text(result)).toContain("configmap/evil created");
  }, 40_000);

  it("answers a billion-laughs paste in the form with the alias limit, and keeps serving", async () => {
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let n = 1; n < 9; n++)
      laughs.push(
        `${String.fromCharCode(97 + n)}: &${String.fromCharCode(97 + n)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + n)}`)
          .join(", ")}]`,
      );
    const i = modalSubmit(MODAL_ID, MODAL_INPUT, laughs.join("\n"));
    stack.fake.dispatch("INTERACTION_CREATE", i);
    const edits = await stack.fake.waitFor(originalOf(i), 2, 30_000);
    expect(text(edits.at(-1)).toLowerCase()).toContain("alias");
    const after = slash("help");
    stack.fake.dispatch("INTERACTION_CREATE", after);
    await stack.fake.waitFor(originalOf(after));
  }, 40_000);

  it("ignores channel chatter that neither mentions it nor holds YAML", async () => {
    const m = messageCreate("anyone up for lunch?");
    stack.fake.dispatch("MESSAGE_CREATE", m);
    const mention = messageCreate(`<@${APP_ID}> help`, { mentions: true });
    stack.fake.dispatch("MESSAGE_CREATE", mention);
    const [answer] = await stack.fake.waitFor((c) => c.body?.message_reference?.message_id === mention.id);
    expect(text(answer)).toContain("Commands");
    expect(stack.fake.find((c) => c.body?.message_reference?.message_id === m.id)).toEqual([]);
  });
});
