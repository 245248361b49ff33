/**
 * Slack in HTTP mode, end to end: signed requests to the real Bolt receiver, the real bot process
 * and worker on the test Redis, and a loopback Slack Web API that records every call. Each test
 * asserts the exact Web API calls made (method, channel, thread, blocks, file upload).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SLACK_LIMITS } from "../../src/adapters/slack/limits.js";
import { SHORTCUT_CALLBACK_ID } from "../../src/adapters/slack/listeners.js";
import { PASTE_CALLBACK_ID } from "../../src/adapters/slack/modal.js";
import { SIMULATING_TEXT } from "../../src/bot/bot.js";
import { simulationReplyImage } from "../../src/render-png.js";
import { runSimulation } from "../../src/sandbox/simulate.js";
import { TYPICAL_PASTE } from "../jobs/support/loopback.js";
import { blockTexts, buttonIds, type SlackHarness, startSlack } from "../support/slack-fake/harness.js";
import { commandFields, postCommand, postEvent, postInteractive } from "../support/slack-fake/signed.js";
import type { ApiCall } from "../support/slack-fake/slack-fake.js";

const RESULT_HEADING = "What the cluster would do";

const isPost = (channel: string, thread?: string) => (c: ApiCall) =>
  c.method === "chat.postMessage" &&
  c.args.channel === channel &&
  (thread === undefined || c.args.thread_ts === thread);
const isResult = (channel: string, thread: string) => (c: ApiCall) =>
  isPost(channel, thread)(c) && blockTexts(c.args).includes(RESULT_HEADING);

let seq = 0;
const nextTs = () => `1700000${String(++seq).padStart(3, "0")}.000100`;

describe("Slack over HTTP (Events API, commands, interactivity)", () => {
  let h: SlackHarness;

  beforeAll(async () => {
    h = await startSlack(inject("redisUrl"), `t-slack-http-${process.pid}`, { mode: "http" });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  }, 30_000);

  it("rejects a bad signature with 401, logs it, and does nothing", async () => {
    const before = h.fake.calls.length;
    const event = { type: "app_mention", channel: "C1", user: "U1", text: `<@UBOT> ${TYPICAL_PASTE}`, ts: nextTs() };
    const res = await postEvent(h.eventsUrl, event, "Ev-badsig", { secret: "not-the-secret" });
    expect(res.status).toBe(401);
    const stale = await postEvent(h.eventsUrl, event, "Ev-stale", { timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    await new Promise((r) => setTimeout(r, 400));
    expect(h.fake.calls.length).toBe(before);
    expect(await h.serve.queues.simulate.getJobCounts()).toMatchObject({ waiting: 0, active: 0 });
    expect(
      h.logs.some((l) => l.level === 40 && /Failed to parse and verify the request data/.test(String(l.msg))),
    ).toBe(true);
  });

  it("answers a mention holding YAML in its thread: acknowledgement, then the simulated result with what-if buttons", async () => {
    const ts = nextTs();
    const res = await postEvent(
      h.eventsUrl,
      {
        type: "app_mention",
        channel: "C1",
        user: "U1",
        text: `<@UBOT> what will this do?\n\`\`\`${TYPICAL_PASTE}\`\`\``,
        ts,
      },
      "Ev-mention",
    );
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    const [ack] = await h.fake.waitFor((c) => isPost("C1", ts)(c) && blockTexts(c.args).includes(SIMULATING_TEXT));
    expect(ack?.token).toBe("xoxb-test");
    const [result] = await h.fake.waitFor(isResult("C1", ts));
    expect(result?.args.text).toContain(RESULT_HEADING);
    expect(blockTexts(result!.args).join("\n")).toContain("$ kubectl get pods -o wide");
    expect(blockTexts(result!.args).join("\n")).toContain("deployment.apps/web created");
    expect(buttonIds(result!.args)).toEqual(expect.arrayContaining(["whatif:scale:deployment/web"]));
    // The worker's cluster picture follows in the same thread, as a PNG through files.uploadV2.
    const [done] = await h.fake.waitFor((c) => c.method === "files.completeUploadExternal" && c.args.thread_ts === ts);
    expect(done?.args.channel_id).toBe("C1");
    expect(h.fake.calls.indexOf(done!)).toBeGreaterThan(h.fake.calls.indexOf(result!));
    const fileId = ((done?.args.files ?? []) as Array<{ id: string }>)[0]?.id;
    const png = h.fake.uploads.find((u) => u.fileId === fileId);
    expect(png?.body.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  });

  it("answers a retried event, and a post that arrives both as mention and message, once", async () => {
    const ts = nextTs();
    const text = `<@UBOT>\n\`\`\`${TYPICAL_PASTE}\`\`\``;
    const mention = { type: "app_mention", channel: "C1", user: "U1", text, ts };
    const message = { type: "message", channel: "C1", channel_type: "channel", user: "U1", text, ts };
    const sent = await Promise.all([
      postEvent(h.eventsUrl, mention, "Ev-dup-1"),
      postEvent(h.eventsUrl, message, "Ev-dup-2"),
      postEvent(h.eventsUrl, mention, "Ev-dup-1", {
        headers: { "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
      }),
    ]);
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200]);
    await h.fake.waitFor(isResult("C1", ts));
    await new Promise((r) => setTimeout(r, 800));
    expect(h.fake.calls.filter(isResult("C1", ts))).toHaveLength(1);
    expect(
      h.fake.calls.filter((c) => isPost("C1", ts)(c) && blockTexts(c.args).includes(SIMULATING_TEXT)),
    ).toHaveLength(1);
  });

  it("re-simulates with the action appended when a what-if button under a result is clicked", async () => {
    const ts = nextTs();
    await postEvent(
      h.eventsUrl,
      { type: "app_mention", channel: "C1", user: "U1", text: `<@UBOT> ${TYPICAL_PASTE}`, ts },
      "Ev-whatif",
    );
    const [result] = await h.fake.waitFor(isResult("C1", ts));
    const res = await postInteractive(h.eventsUrl, {
      type: "block_actions",
      team: { id: "T1", domain: "test" },
      user: { id: "U2", username: "other", team_id: "T1" },
      api_app_id: "A1",
      trigger_id: "trig-1",
      container: { type: "message", message_ts: "1800000000.999999", channel_id: "C1", is_ephemeral: false },
      channel: { id: "C1", name: "general" },
      message: { ts: "1800000000.999999", thread_ts: ts, blocks: result?.args.blocks },
      response_url: "http://127.0.0.1:9/respond",
      actions: [
        {
          type: "button",
          action_id: "whatif:scale:deployment/web",
          block_id: "b",
          value: "whatif:scale:deployment/web",
          action_ts: "1800000001.1",
        },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    await h.fake.waitFor(
      (c) =>
        isPost("C1", ts)(c) &&
        blockTexts(c.args).some((t) => t.startsWith("Simulating what if web is scaled from 3 to 6")),
    );
    const results = await h.fake.waitFor(isResult("C1", ts), 2);
    const second = blockTexts(results[1]!.args).join("\n");
    expect(second).toContain("web-");
    expect(second).not.toBe(blockTexts(results[0]!.args).join("\n"));
  });

  it("opens the paste modal for /kube simulate, and answers its submission in a new thread", async () => {
    const fields = commandFields("simulate");
    const res = await postCommand(h.eventsUrl, fields);
    expect(res.status).toBe(200);
    const [open] = await h.fake.waitFor((c) => c.method === "views.open" && c.args.trigger_id === fields.trigger_id);
    const view = open?.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: Array<{ element?: { max_length?: number } }>;
    };
    expect(view.callback_id).toBe(PASTE_CALLBACK_ID);
    expect(JSON.parse(view.private_metadata)).toEqual({ channel: "C1" });
    expect(view.blocks[0]?.element?.max_length).toBe(SLACK_LIMITS.modalInput);
    const submit = (value: string, id: string) =>
      postInteractive(h.eventsUrl, {
        type: "view_submission",
        team: { id: "T1", domain: "test" },
        user: { id: "U1", username: "learner", team_id: "T1" },
        api_app_id: "A1",
        trigger_id: "trig-2",
        view: {
          id,
          type: "modal",
          callback_id: PASTE_CALLBACK_ID,
          private_metadata: view.private_metadata,
          state: { values: { yaml: { yaml: { type: "plain_text_input", value } } } },
        },
      });
    const bad = await submit("hello there", "V-bad");
    expect(JSON.parse(bad.text)).toEqual({
      response_action: "errors",
      errors: { yaml: "Paste at least one Kubernetes object (with apiVersion and kind)." },
    });
    const ok = await submit(TYPICAL_PASTE, "V-ok");
    expect(ok.status).toBe(200);
    const [anchor] = await h.fake.waitFor(
      (c) => isPost("C1")(c) && c.args.text === "<@U1> asked what this YAML will do:",
    );
    const thread = String(anchor?.response?.ts);
    const [result] = await h.fake.waitFor(isResult("C1", thread));
    expect(blockTexts(result!.args).join("\n")).toMatch(/web-[a-z0-9]+-[a-z0-9]{5}/);
    expect(h.fake.calls.filter((c) => c.method === "views.open")).toHaveLength(1);
  });

  it("answers the message shortcut in the message's thread, and says so when a message holds no YAML", async () => {
    const shortcut = (ts: string, text: string) =>
      postInteractive(h.eventsUrl, {
        type: "message_action",
        callback_id: SHORTCUT_CALLBACK_ID,
        trigger_id: "trig-3",
        message_ts: ts,
        team: { id: "T1", domain: "test" },
        user: { id: "U3", username: "curious", team_id: "T1" },
        channel: { id: "C2", name: "ops" },
        message: { type: "message", user: "U1", ts, text },
        response_url: "http://127.0.0.1:9/respond",
        action_ts: "1800000002.1",
      });
    const ts = nextTs();
    expect((await shortcut(ts, `look:\n\`\`\`yaml\n${TYPICAL_PASTE}\`\`\``)).status).toBe(200);
    await h.fake.waitFor(isResult("C2", ts));
    const none = nextTs();
    await shortcut(none, "just chatting");
    const [eph] = await h.fake.waitFor(
      (c) => c.method === "chat.postEphemeral" && c.args.channel === "C2" && c.args.user === "U3",
    );
    expect(blockTexts(eph!.args).join(" ")).toContain("That message holds no Kubernetes YAML");
  });

  it("simulates a YAML file shared in a DM, downloaded with the bot token", async () => {
    h.fake.served.set("deploy.yaml", TYPICAL_PASTE);
    const ts = nextTs();
    await postEvent(
      h.eventsUrl,
      {
        type: "message",
        subtype: "file_share",
        channel: "D9",
        channel_type: "im",
        user: "U9",
        text: "",
        ts,
        files: [
          {
            id: "F1",
            name: "deploy.yaml",
            filetype: "yaml",
            size: TYPICAL_PASTE.length,
            url_private_download: `${h.fake.base}/files/deploy.yaml`,
          },
        ],
      },
      "Ev-file",
    );
    const results = await h.fake.waitFor((c) => isPost("D9")(c) && blockTexts(c.args).includes(RESULT_HEADING));
    expect(results[0]?.args.thread_ts).toBeUndefined();
    expect(
      h.fake.calls.some(
        (c) => isPost("D9")(c) && String(c.args.text).startsWith("Simulating your manifests. Your place is kept"),
      ),
    ).toBe(true);
  });

  it("answers a hostile paste with escaped text: no channel ping, no broken code block, still one answer", async () => {
    const hostile = `apiVersion: v1
kind: ConfigMap
metadata:
  name: "<!channel>"
data:
  x: "\`\`\` <@U1> &"
`;
    h.fake.served.set("hostile.yaml", hostile);
    const ts = nextTs();
    const file = {
      id: "F-h",
      name: "hostile.yaml",
      size: hostile.length,
      url_private_download: `${h.fake.base}/files/hostile.yaml`,
    };
    await postEvent(
      h.eventsUrl,
      { type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT> what about this?", ts, files: [file] },
      "Ev-hostile",
    );
    const [result] = await h.fake.waitFor(isResult("C1", ts));
    const all = blockTexts(result!.args);
    expect(all.join("\n")).toContain('"&lt;!channel&gt;"');
    for (const t of all) {
      expect(t).not.toContain("<!channel>");
      if (t.startsWith("```\n")) expect(t.slice(4, -4)).not.toContain("```");
    }
    expect(String(result?.args.text)).not.toContain("<!channel>");
    // A file over the paste size limit is refused by name, without being downloaded.
    const huge = {
      id: "F-big",
      name: "huge.yaml",
      size: 2 * 1024 * 1024,
      url_private_download: `${h.fake.base}/files/huge.yaml`,
    };
    const ts2 = nextTs();
    await postEvent(
      h.eventsUrl,
      { type: "app_mention", channel: "C1", user: "U1", text: "<@UBOT>", ts: ts2, files: [huge] },
      "Ev-huge",
    );
    const [refusal] = await h.fake.waitFor((c) => isPost("C1", ts2)(c));
    expect(blockTexts(refusal!.args).join(" ")).toContain("The file huge.yaml is over the paste size limit (1 MiB)");
  });

  it("splits a long simulation over several messages in the thread, each within Slack's limits", async () => {
    const big = TYPICAL_PASTE.replace("replicas: 3", "replicas: 150");
    const ts = nextTs();
    await postEvent(
      h.eventsUrl,
      { type: "app_mention", channel: "C1", user: "U1", text: `<@UBOT> ${big}`, ts },
      "Ev-long",
    );
    await h.fake.waitFor(isResult("C1", ts));
    await new Promise((r) => setTimeout(r, 500));
    const posts = h.fake.calls.filter((c) => isPost("C1", ts)(c) && !blockTexts(c.args).includes(SIMULATING_TEXT));
    expect(posts.length).toBeGreaterThan(1);
    const pods =
      posts
        .flatMap((p) => blockTexts(p.args))
        .join("\n")
        .match(/^web-[a-z0-9]+-[a-z0-9]{5}\s/gm) ?? [];
    expect(new Set(pods).size).toBe(150);
    for (const p of posts) {
      const blocks = p.args.blocks as unknown[];
      expect(blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
      for (const t of blockTexts(p.args)) expect(t.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
      expect(blockTexts(p.args).join("").length).toBeLessThanOrEqual(SLACK_LIMITS.textPerMessage);
    }
    expect(blockTexts(posts[1]!.args)[0]).toMatch(/^\(continued, part 2 of \d\)$/);
  }, 30_000);

  it("acks within 3 s while a slow simulation runs, and sends its over-long answer as a file in the thread", async () => {
    const ts = nextTs();
    const heavy = TYPICAL_PASTE.replace("replicas: 3", "replicas: 800");
    await postEvent(
      h.eventsUrl,
      { type: "app_mention", channel: "C3", user: "U1", text: `<@UBOT> ${heavy}`, ts },
      "Ev-slow",
    );
    const start = Date.now();
    while ((await h.serve.queues.simulate.getJobCounts("active")).active === 0) {
      if (Date.now() - start > 10_000) throw new Error("the slow simulation never started");
      await new Promise((r) => setTimeout(r, 20));
    }
    const res = await postCommand(h.eventsUrl, commandFields("progress", { channel_id: "C3", user_id: "U4" }));
    expect(res.status).toBe(200);
    expect(res.ms).toBeLessThan(3000);
    await h.fake.waitFor((c) => c.method === "chat.postEphemeral" && c.args.channel === "C3" && c.args.user === "U4");
    expect(h.fake.calls.some(isResult("C3", ts))).toBe(false);
    const [result] = await h.fake.waitFor(isResult("C3", ts), 1, 40_000);
    expect(blockTexts(result!.args).join(" ")).toContain("attached in this thread as `podsensei-answer.txt`");
    expect(buttonIds(result!.args)).toContain("whatif:scale:deployment/web");
    const [get] = await h.fake.waitFor(
      (c) => c.method === "files.getUploadURLExternal" && c.args.filename === "podsensei-answer.txt",
    );
    const [done] = await h.fake.waitFor(
      (c) =>
        c.method === "files.completeUploadExternal" &&
        c.args.thread_ts === ts &&
        String(JSON.stringify(c.args.files)).includes(String(get?.response?.file_id)),
    );
    expect(done?.args.channel_id).toBe("C3");
    const text = h.fake.uploads.find((u) => u.fileId === get?.response?.file_id)?.body.toString("utf8") ?? "";
    expect(new Set(text.match(/^web-[a-z0-9]+-[a-z0-9]{5}\s/gm) ?? []).size).toBe(800);
  }, 60_000);

  it("uploads the cluster picture as a PNG in the thread through files.uploadV2", async () => {
    const image = simulationReplyImage(runSimulation({ manifests: TYPICAL_PASTE }));
    await new Promise((r) => setTimeout(r, 500));
    const from = h.fake.calls.length;
    await h.adapter.send(
      { platform: "slack", workspace: "T1", channel: "C5", thread: "1700000000.000001", user: "U1" },
      { blocks: [{ type: "heading", text: RESULT_HEADING }], image },
      { deliveryId: "d-1" },
    );
    const [get] = h.fake.calls.slice(from).filter((c) => c.method === "files.getUploadURLExternal");
    expect(get?.args).toMatchObject({
      filename: "cluster.png",
      length: String(Buffer.from(image.pngBase64, "base64").length),
    });
    const [done] = await h.fake.waitFor(
      (c) => c.method === "files.completeUploadExternal" && c.args.channel_id === "C5",
    );
    expect(done?.args).toMatchObject({ channel_id: "C5", thread_ts: "1700000000.000001" });
    const fileId = String(get?.response?.file_id);
    expect(done?.args.files).toEqual([{ id: fileId, title: image.alt }]);
    const upload = h.fake.uploads.find((u) => u.fileId === fileId);
    expect(upload?.body.includes(Buffer.from(image.pngBase64, "base64"))).toBe(true);
    expect(h.fake.calls.indexOf(done!)).toBeGreaterThan(h.fake.calls.findIndex(isPost("C5", "1700000000.000001")));
  });
});
