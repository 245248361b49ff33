import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  commandDefinitions,
  registerCommands,
  runRegister,
  SUBCOMMANDS,
} from "../../../src/adapters/discord/commands.js";
import { APP_ID, GUILD_ID } from "../../support/discord-fake/payloads.js";
import { DiscordFake } from "../../support/discord-fake/server.js";

describe("discord command registration", () => {
  let fake: DiscordFake;
  beforeAll(async () => {
    fake = await DiscordFake.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it("defines /kube with every subcommand and the message command", () => {
    const [kube, menu] = commandDefinitions() as any[];
    expect(kube.name).toBe("kube");
    expect(kube.options.map((o: any) => o.name)).toEqual(Object.keys(SUBCOMMANDS));
    const simulate = kube.options.find((o: any) => o.name === "simulate");
    expect(simulate.options).toEqual([expect.objectContaining({ name: "file", type: 11 })]);
    expect(menu).toMatchObject({ type: 3, name: "What will this YAML do?" });
  });

  it.each([
    { scope: "guild" as const, guildId: GUILD_ID, path: `/applications/${APP_ID}/guilds/${GUILD_ID}/commands` },
    { scope: "global" as const, guildId: undefined, path: `/applications/${APP_ID}/commands` },
  ])("registers $scope commands with one PUT", async ({ scope, guildId, path }) => {
    const r = await registerCommands({
      token: "t.o.k",
      applicationId: APP_ID,
      api: fake.api,
      ...(guildId ? { guildId } : {}),
    });
    expect(r).toEqual({ scope, names: ["kube", "What will this YAML do?"] });
    const [put] = fake.find((c) => c.method === "PUT" && c.path === path);
    expect(put?.auth).toBe("Bot t.o.k");
    expect(put?.body).toEqual(JSON.parse(JSON.stringify(commandDefinitions())));
  });

  it("rejects when Discord refuses", async () => {
    fake.overrides.set(`PUT /applications/${APP_ID}/commands`, () => ({
      status: 403,
      body: { message: "Missing Access", code: 50001 },
    }));
    await expect(registerCommands({ token: "t", applicationId: APP_ID, api: fake.api })).rejects.toThrow(
      "Missing Access",
    );
  });
});

describe("podsensei discord register", () => {
  let fake: DiscordFake;
  beforeAll(async () => {
    fake = await DiscordFake.start();
  });
  afterAll(async () => {
    await fake.close();
  });

  it.each([
    { args: ["--guild", GUILD_ID], app: APP_ID, status: 0, line: `in guild ${GUILD_ID}` },
    { args: [], app: APP_ID, status: 0, line: "globally" },
    { args: ["--guild"], app: APP_ID, status: 2, line: "usage:" },
    { args: [], app: undefined, status: 2, line: "DISCORD_APPLICATION_ID must be set" },
  ])("$args → exit $status", async ({ args, app, status, line }) => {
    const out: string[] = [];
    const code = await runRegister(
      args,
      { token: "t", ...(app ? { applicationId: app } : {}) },
      (l) => out.push(l),
      fake.api,
    );
    expect(code).toBe(status);
    expect(out.join("\n")).toContain(line);
  });
});
