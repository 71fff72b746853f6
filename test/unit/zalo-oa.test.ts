import { createHash } from "node:crypto";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { encodeAction } from "../../src/channels/actions.js";
import { FilesByLink } from "../../src/channels/file-by-link.js";
import { type ConfigError, parseConfig } from "../../src/config.js";
import { ZaloOaEmulator } from "../../src/emulator/zalo-oa-emulator.js";
import { closeServer, startHttpServer } from "../../src/http-server.js";
import { type OutboxMessage, WaitingMessages } from "../../src/jobs/outbox.js";
import { createLogger, type Logger } from "../../src/logger.js";
import { MenuStore } from "../../src/storage/menus.js";
import { OA_MAX_BUTTONS, OaChannel, oaButtons, oaText, outcomeOf } from "../../src/zalo-oa/channel.js";
import { OaApiError, OaClient, OaHttpError, OaRefreshRefused, parseOaJson } from "../../src/zalo-oa/client.js";
import { OaTokenUnavailable, TokenKeeper } from "../../src/zalo-oa/tokens.js";
import { checkSignature, dedupeKeyOf, oaSignature, parseOaEvent, SIGNED_WINDOW_MS } from "../../src/zalo-oa/webhook.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

const KEYS = { appId: "2553928453557884079", secretKey: "Oa-secret-key-for-tests" };
const NOW = 1_800_000_000_000;

describe("the OA webhook's signature", () => {
  const body = '{"event_name":"user_send_text","timestamp":"1800000000000","sender":{"id":"6142494823123456789"}}';
  const mac = createHash("sha256").update(`${KEYS.appId}${body}1800000000000${KEYS.secretKey}`).digest("hex");

  it("is the SHA-256 of app id, raw body, timestamp and OA secret key, in that order", () => {
    expect(oaSignature(KEYS.appId, body, "1800000000000", KEYS.secretKey)).toBe(mac);
    expect(checkSignature(`mac=${mac}`, body, "1800000000000", KEYS, NOW)).toEqual({ ok: true });
    expect(checkSignature(`mac=${mac.toUpperCase()}`, body, "1800000000000", KEYS, NOW)).toEqual({ ok: true });
  });

  it.each([
    ["no header", undefined, body, "1800000000000", "no signature"],
    ["no mac= prefix", mac, body, "1800000000000", "no signature"],
    ["another body", `mac=${mac}`, body.replace("text", "image"), "1800000000000", "wrong signature"],
    ["a shorter mac", `mac=${mac.slice(0, 40)}`, body, "1800000000000", "wrong signature"],
    ["another key", `mac=${oaSignature(KEYS.appId, body, "1800000000000", "other-key")}`, body, "1800000000000", "wrong signature"],
    ["another timestamp", `mac=${mac}`, body, "1800000000001", "wrong signature"],
    ["no timestamp", `mac=${mac}`, body, undefined, "no timestamp"],
  ])("refuses %s", (_, header, given, timestamp, reason) => {
    expect(checkSignature(header, given, timestamp, KEYS, NOW)).toEqual({ ok: false, reason });
  });

  it("refuses a body signed long ago (a replay) or far ahead, and takes one delivered again within the window", () => {
    const signed = (at: number) => `mac=${oaSignature(KEYS.appId, body, String(at), KEYS.secretKey)}`;
    const old = NOW - SIGNED_WINDOW_MS - 1;
    expect(checkSignature(signed(old), body, String(old), KEYS, NOW)).toEqual({ ok: false, reason: "too old" });
    const ahead = NOW + 10 * 60_000;
    expect(checkSignature(signed(ahead), body, String(ahead), KEYS, NOW)).toEqual({ ok: false, reason: "from the future" });
    const hoursAgo = NOW - 11 * 60 * 60_000;
    expect(checkSignature(signed(hoursAgo), body, String(hoursAgo), KEYS, NOW)).toEqual({ ok: true });
  });
});

describe("the OA's JSON and events", () => {
  it("keeps ids beyond 2^53 as strings, and leaves text alone", () => {
    expect(
      parseOaJson('{"id":6142494823123456789,"n":12,"f":-1.5e3,"t":"a:12345678901234567890,\\"b\\"","a":[-12345678901234567]}'),
    ).toEqual({
      id: "6142494823123456789",
      n: 12,
      f: -1500,
      t: 'a:12345678901234567890,"b"',
      a: ["-12345678901234567"],
    });
    expect(parseOaJson("not json")).toBeUndefined();
  });

  const base = { app_id: KEYS.appId, timestamp: "1800000000000", user_id_by_app: "1" };
  const oaId = "3662729599332560487";

  it("reads text, pictures, files, follows and unfollows, and ignores the rest", () => {
    expect(
      parseOaEvent(
        { ...base, event_name: "user_send_text", sender: { id: "6142" }, recipient: { id: oaId }, message: { text: "Chào", msg_id: "m1" } },
        oaId,
      ),
    ).toEqual({ kind: "message", event_name: "user_send_text", userId: "6142", at: 1_800_000_000_000, msgId: "m1", text: "Chào" });
    expect(
      parseOaEvent(
        {
          ...base,
          event_name: "user_send_image",
          sender: { id: "6142" },
          recipient: { id: oaId },
          message: { text: "ảnh", msg_id: "m2", attachments: [{ type: "image", payload: { url: "https://x/y.jpg" } }] },
        },
        oaId,
      ),
    ).toMatchObject({ kind: "message", file: { type: "photo", url: "https://x/y.jpg" }, text: "ảnh" });
    expect(
      parseOaEvent(
        {
          ...base,
          event_name: "user_send_file",
          sender: { id: "6142" },
          recipient: { id: oaId },
          message: { msg_id: "m3", attachments: [{ type: "file", payload: { url: "https://x/z", name: "bao-cao.xlsx" } }] },
        },
        oaId,
      ),
    ).toMatchObject({ file: { type: "document", url: "https://x/z", name: "bao-cao.xlsx" } });
    const follow = parseOaEvent({ ...base, event_name: "follow", oa_id: oaId, follower: { id: "6142" } }, oaId);
    expect(follow).toEqual({ kind: "follow", event_name: "follow", userId: "6142", at: 1_800_000_000_000 });
    expect(dedupeKeyOf(follow as never)).toBe("follow:6142:1800000000000");
    expect(parseOaEvent({ ...base, event_name: "unfollow", oa_id: oaId, follower: { id: "6142" } }, oaId)).toMatchObject({
      kind: "unfollow",
    });
    expect(parseOaEvent({ ...base, event_name: "follow", oa_id: "another", follower: { id: "6142" } }, oaId)).toBe("ignored");
    expect(
      parseOaEvent(
        { ...base, event_name: "oa_send_text", sender: { id: oaId }, recipient: { id: "6142" }, message: { msg_id: "x" } },
        oaId,
      ),
    ).toBe("ignored");
    expect(
      parseOaEvent(
        { ...base, event_name: "user_send_text", sender: { id: "6142" }, recipient: { id: "another" }, message: { msg_id: "x" } },
        oaId,
      ),
    ).toBe("ignored");
    expect(parseOaEvent({ ...base, event_name: "user_seen_message", sender: { id: oaId } }, oaId)).toBe("ignored");
    expect(parseOaEvent({}, oaId)).toBe("ignored");
    expect(parseOaEvent({ event_name: 3 }, oaId)).toBe("invalid");
  });
});

describe("the OA client", () => {
  const calls: { url: string; init: RequestInit }[] = [];
  const answering =
    (status: number, body: string): typeof fetch =>
    async (url, init) => {
      calls.push({ url: String(url), init: init ?? {} });
      return new Response(body, { status });
    };
  beforeEach(() => {
    calls.length = 0;
  });

  it("sends a customer-service message with the token in its own header, and reads the message id", async () => {
    const client = new OaClient(
      "https://api",
      "https://oauth",
      "1",
      "s",
      answering(200, '{"error":0,"message":"Success","data":{"message_id":"abc","user_id":"6142"}}'),
    );
    expect(await client.sendMessage("tok", { user_id: "6142494823123456789" }, { text: "Chào" })).toEqual({ messageId: "abc" });
    expect(calls[0]?.url).toBe("https://api/v3.0/oa/message/cs");
    expect((calls[0]!.init.headers as Record<string, string>).access_token).toBe("tok");
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({ recipient: { user_id: "6142494823123456789" }, message: { text: "Chào" } });
  });

  it("throws the OA's error code, and an HTTP error for what is no answer of the OA's", async () => {
    await expect(
      new OaClient("a", "o", "1", "s", answering(200, '{"error":-230,"message":"out of window"}')).sendMessage(
        "t",
        { user_id: "u" },
        { text: "x" },
      ),
    ).rejects.toEqual(new OaApiError(-230, "out of window"));
    await expect(
      new OaClient("a", "o", "1", "s", answering(502, "<html>bad gateway</html>")).sendMessage("t", { user_id: "u" }, { text: "x" }),
    ).rejects.toBeInstanceOf(OaHttpError);
  });

  it("refreshes form-encoded with the app secret in secret_key, reading expires_in given as a string", async () => {
    const client = new OaClient(
      "a",
      "https://oauth",
      "2553",
      "app-secret",
      answering(200, '{"access_token":"A2","refresh_token":"R2","expires_in":"90000"}'),
    );
    expect(await client.refresh("R1")).toEqual({ accessToken: "A2", refreshToken: "R2", expiresIn: 90_000 });
    expect(calls[0]?.url).toBe("https://oauth/v4/oa/access_token");
    expect((calls[0]!.init.headers as Record<string, string>).secret_key).toBe("app-secret");
    expect(Object.fromEntries(new URLSearchParams(String(calls[0]?.init.body)))).toEqual({
      app_id: "2553",
      grant_type: "refresh_token",
      refresh_token: "R1",
    });
  });

  it("takes any error in a refresh's answer as a refusal, with or without an HTTP error", async () => {
    for (const status of [200, 400]) {
      const client = new OaClient("a", "o", "1", "s", answering(status, '{"error":-14014,"error_name":"Invalid refresh token"}'));
      await expect(client.refresh("R1")).rejects.toEqual(new OaRefreshRefused(-14014, "Invalid refresh token"));
    }
    await expect(new OaClient("a", "o", "1", "s", answering(503, "busy")).refresh("R1")).rejects.toBeInstanceOf(OaHttpError);
  });
});

describe("sending on the OA", () => {
  it.each([
    [-230, "closed"],
    [-232, "closed"],
    [-213, "closed"],
    [-227, "closed"],
    [-32, "wait"],
    [-211, "refused"],
    [-224, "refused"],
    [-201, "refused"],
    [-210, "refused"],
    [-999, "retry"],
  ])("maps error %i to %s", (code, kind) => {
    expect(outcomeOf(new OaApiError(code, "x")).kind).toBe(kind);
  });

  it("retries what got no proper answer, and throws what may have arrived", () => {
    expect(outcomeOf(new OaHttpError(502, "x")).kind).toBe("retry");
    expect(outcomeOf(new OaTokenUnavailable("refused")).kind).toBe("retry");
    expect(() => outcomeOf(new TypeError("fetch failed"))).toThrow("fetch failed");
  });

  const message = {
    text: "<b>Câu 3</b> &amp; ghi chú",
    buttons: [
      [
        { label: "Đã đáp ứng", data: "a" },
        { label: "Đáp ứng một phần", data: "b" },
      ],
      [{ label: "Chưa đáp ứng", data: "c" }],
      [
        { label: "◀️ Quay lại", data: "d" },
        { label: "📋 Xem lại", data: "e" },
        { label: "⏸ Tạm dừng", data: "f" },
        { label: "x".repeat(150), data: "g" },
      ],
    ],
  };

  it("shows every button as a numbered line in plain text, and the first five as OA buttons posting their words", () => {
    expect(oaText(message)).toBe(
      "Câu 3 & ghi chú\n\n1. Đã đáp ứng\n2. Đáp ứng một phần\n3. Chưa đáp ứng\n4. ◀️ Quay lại\n5. 📋 Xem lại\n6. ⏸ Tạm dừng\n7. " +
        "x".repeat(150),
    );
    const buttons = oaButtons(message);
    expect(buttons).toHaveLength(OA_MAX_BUTTONS);
    expect(buttons[0]).toEqual({ title: "Đã đáp ứng", type: "oa.query.show", payload: "Đã đáp ứng" });
    const long = oaButtons({ text: "", buttons: [[{ label: "y".repeat(150), data: "z" }]] })[0]!;
    expect(long.title).toHaveLength(100);
    expect(long.payload).toBe("y".repeat(150));
  });
});

describe("the OA channel, its tokens and what waits", () => {
  let store: TestRedis;
  let emulator: ZaloOaEmulator;
  const lines: string[] = [];
  const logger: Logger = createLogger("info", { write: (line: string) => lines.push(line) } as never);

  beforeAll(async () => {
    emulator = new ZaloOaEmulator();
    await emulator.start();
  });
  afterAll(() => emulator.stop());
  beforeEach(() => {
    store = testRedis();
    lines.length = 0;
  });
  afterEach(() => store.cleanup());

  const client = () => new OaClient(emulator.apiRoot, emulator.apiRoot, emulator.appId, emulator.appSecret);
  const keeper = (options: ConstructorParameters<typeof TokenKeeper>[4] = {}) =>
    new TokenKeeper(store.redis, depsFor(store).keys, client(), logger, options);

  it("splits a long text, puts the buttons on its last part, remembers the menu, and replaces a token the OA calls invalid", async () => {
    const deps = depsFor(store);
    const tokens = keeper();
    await tokens.seed(emulator.firstRefreshToken);
    const user = emulator.user("Lan");
    emulator.noteInteraction(user.id, Date.now(), true);
    const channel = new OaChannel(
      client(),
      tokens,
      new MenuStore(store.redis, deps.keys),
      Date.now,
      new FilesByLink(undefined, deps.members, Date.now),
    );
    const outcome = await channel.send(user.id, {
      text: Array.from({ length: 60 }, (_, index) => `Dòng ${index} ${"chữ ".repeat(10)}`).join("\n"),
      buttons: [[{ label: "Có", data: "yes" }], [{ label: "Không", data: "no" }]],
    });
    expect(outcome.kind).toBe("sent");
    const sent = emulator.sentTo(user.id);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((part) => part.text.length <= 2000)).toBe(true);
    expect(sent.slice(0, -1).every((part) => part.buttons.length === 0)).toBe(true);
    expect(sent.at(-1)?.buttons.map((button) => button.payload)).toEqual(["Có", "Không"]);
    expect(JSON.parse((await store.redis.get(deps.keys.menu({ channel: "zalo-oa", id: user.id }))) ?? "{}")).toMatchObject({
      buttons: [
        { label: "Có", data: "yes" },
        { label: "Không", data: "no" },
      ],
      numbered: true,
    });

    // A reply names the person's message; one the OA does not know goes by the person's id.
    expect((await channel.reply(user.id, "no-such-message", { text: "Trả lời" })).kind).toBe("sent");
    expect(emulator.sentTo(user.id).at(-1)).toMatchObject({ text: "Trả lời", reply: false });

    emulator.expireAccessTokens();
    expect((await channel.send(user.id, { text: "Sau khi token hết hạn" })).kind).toBe("sent");
    expect(emulator.sentTo(user.id).at(-1)?.text).toBe("Sau khi token hết hạn");
    emulator.closeWindow(user.id);
    expect(await channel.send(user.id, { text: "Ngoài cửa sổ" })).toEqual({
      kind: "closed",
      reason: "-230: outside the consultation window",
    });
  });

  it("keeps a form screen's numbers when a message of the bot's own with buttons arrives beside it", async () => {
    const deps = depsFor(store);
    const tokens = keeper();
    await tokens.seed(emulator.liveRefreshToken);
    const user = emulator.user("Hoa");
    emulator.noteInteraction(user.id, Date.now(), true);
    const menus = new MenuStore(store.redis, deps.keys);
    const channel = new OaChannel(client(), tokens, menus, Date.now, new FilesByLink(undefined, deps.members, Date.now));
    const option = (n: number) => encodeAction({ kind: "form", seq: 3, action: `opt:${n}` });
    await channel.reply(user.id, "no-such-message", {
      text: "Câu hỏi",
      buttons: [[{ label: "Có", data: option(0) }], [{ label: "Không", data: option(1) }]],
    });
    const more = encodeAction({ kind: "ticket-more", ticketId: 9 });
    expect((await channel.send(user.id, { text: "Câu trả lời", buttons: [[{ label: "Hỏi thêm", data: more }]] })).kind).toBe("sent");
    // Shown as words (a bullet and a button), not as a "1." that would take the question's number.
    expect(emulator.sentTo(user.id).at(-1)).toMatchObject({ text: "Câu trả lời\n\n• Hỏi thêm", buttons: [{ payload: "Hỏi thêm" }] });
    // A second such message: the first one's words stay words.
    const close = encodeAction({ kind: "ticket-close", ticketId: 9 });
    await channel.send(user.id, { text: "Câu trả lời khác", buttons: [[{ label: "Đóng câu hỏi", data: close }]] });
    expect((await menus.get({ channel: "zalo-oa", id: user.id }))?.buttons).toEqual([
      { label: "Có", data: option(0), number: 1 },
      { label: "Không", data: option(1), number: 2 },
      { label: "Hỏi thêm", data: more, aside: true },
      { label: "Đóng câu hỏi", data: close, aside: true },
    ]);
    // Away from a form screen, its buttons are the menu, numbered.
    await channel.reply(user.id, "no-such-message", { text: "Xong", buttons: [[{ label: "Bắt đầu", data: "x" }]] });
    await channel.send(user.id, { text: "Câu trả lời", buttons: [[{ label: "Hỏi thêm", data: more }]] });
    expect(emulator.sentTo(user.id).at(-1)?.text).toBe("Câu trả lời\n\n1. Hỏi thêm");
    // The words the earlier messages offered stay understood (the newest of two alike wins).
    expect((await menus.get({ channel: "zalo-oa", id: user.id }))?.buttons).toEqual([
      { label: "Hỏi thêm", data: more, number: 1 },
      { label: "Đóng câu hỏi", data: close, aside: true },
    ]);
  });

  it("refreshes once for several processes asking at once, and each gets the new token", async () => {
    // The token Zalo takes now (the emulator is shared: the test before may have spent the first one).
    await store.redis.hset(depsFor(store).keys.zaloOaTokens, {
      refresh: emulator.liveRefreshToken!,
      access: "",
      expiresAt: "0",
      refreshAt: "0",
    });
    const first = keeper({ owner: "a" });
    const keepers = [first, keeper({ owner: "b" }), keeper({ owner: "c" }), keeper({ owner: "d" })];
    const before = emulator.refreshes.length;
    const tokens = await Promise.all(keepers.map((each) => each.accessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(emulator.refreshes.slice(before).map((refresh) => refresh.outcome)).toEqual(["rotated"]);
    expect(await first.status()).toEqual({ up: true, detail: "up" });
  });

  it("refuses to start without any refresh token, seeds a new one once, and takes back its own lock", async () => {
    const keys = depsFor(store).keys;
    await expect(keeper().seed(undefined)).rejects.toThrow(/ZALO_OA_REFRESH_TOKEN is required/);
    await keeper().seed("first-refresh-token-0001");
    await store.redis.hset(keys.zaloOaTokens, "refresh", "rotated-since");
    await keeper().seed("first-refresh-token-0001");
    expect(await store.redis.hget(keys.zaloOaTokens, "refresh")).toBe("rotated-since");
    await keeper().seed("new-consent-token-0002");
    expect(await store.redis.hget(keys.zaloOaTokens, "refresh")).toBe("new-consent-token-0002");
    expect(await store.redis.hget(keys.zaloOaTokens, "seed")).not.toContain("new-consent");

    await store.redis.set(keys.zaloOaTokenLock, "other:1", "PX", 60_000);
    await keeper({ owner: "mine" }).seed(undefined);
    expect(await store.redis.get(keys.zaloOaTokenLock)).toBe("other:1");
    await store.redis.set(keys.zaloOaTokenLock, "mine:1", "PX", 60_000);
    await keeper({ owner: "mine" }).seed(undefined);
    expect(await store.redis.get(keys.zaloOaTokenLock)).toBeNull();
  });

  it("marks the OA down when the refresh token is refused, logging what to do, and never sends that token again", async () => {
    const tokens = keeper();
    await tokens.seed("a-token-zalo-never-gave-0001");
    const before = emulator.refreshes.length;
    await expect(tokens.accessToken()).rejects.toBeInstanceOf(OaTokenUnavailable);
    await expect(tokens.accessToken()).rejects.toBeInstanceOf(OaTokenUnavailable);
    expect(emulator.refreshes.length - before).toBe(1);
    expect((await tokens.status()).up).toBe(false);
    const error = lines.map((line) => JSON.parse(line)).find((line) => line.level === 50);
    expect(error.msg).toMatch(/must grant the app access again.*ZALO_OA_REFRESH_TOKEN/);
    expect(JSON.stringify(error)).not.toContain("a-token-zalo-never-gave");
  });

  it("keeps what no address can take until the member writes, one per broadcast, and lets it go once", async () => {
    const keys = depsFor(store).keys;
    const waiting = new WaitingMessages(store.redis, keys, logger);
    const message = (id: string, extra: Partial<OutboxMessage> = {}): OutboxMessage => ({
      id,
      memberId: "o-1",
      message: { text: id },
      ...extra,
    });
    await waiting.keep(message("a"), 1_000);
    await waiting.keep(message("b1", { broadcastId: "7", agencyId: "ha-noi" }), 2_000);
    await waiting.keep(message("b1-r1", { broadcastId: "7", agencyId: "ha-noi" }), 3_000);
    expect(await waiting.since("o-1")).toBe(1_000);
    expect(await waiting.members()).toEqual([{ memberId: "o-1", since: 1_000 }]);
    // The broadcast's report names her, since its first message was kept.
    expect(await waiting.forBroadcast("7")).toEqual([{ memberId: "o-1", since: 2_000 }]);
    expect(await waiting.forBroadcast("8")).toEqual([]);
    const address = { channel: "zalo-oa", id: "1" } as const;
    await waiting.close(address, 500);
    expect(await store.redis.get(keys.outboxClosed(address))).toBe("500");

    const queued: OutboxMessage[][] = [];
    const outbox = { enqueue: async (messages: OutboxMessage[]) => void queued.push(messages) };
    const released = await Promise.all([waiting.reopen(address, "o-1", outbox), waiting.reopen(address, "o-1", outbox)]);
    expect(released.sort()).toEqual([0, 2]);
    const sent = queued.flat();
    expect(sent.map((each) => each.message.text)).toEqual(["a", "b1-r1"]);
    expect(sent.map((each) => each.id)).toEqual(["a+after-1000", "b1-r1+after-3000"]);
    // Counted in its broadcast when it was kept: not again.
    expect(sent[1]?.broadcastId).toBeUndefined();
    expect(await store.redis.exists(keys.outboxClosed(address))).toBe(0);
    expect(await waiting.since("o-1")).toBeUndefined();
    // Gone out: the broadcast's report no longer names her.
    expect(await waiting.forBroadcast("7")).toEqual([]);
  });
});

describe("a signed webhook route", () => {
  let server: Server;
  const bodies: string[] = [];

  beforeAll(async () => {
    server = await startHttpServer({
      port: 0,
      health: async () => ({ ok: true, details: {} }),
      webhooks: {
        "/signed": {
          secret: "signature",
          handle: async (request) => {
            bodies.push(request.body.toString());
            return { status: request.header("x-zevent-signature") === "mac=ok" ? 200 : 401 };
          },
        },
      },
    });
  });
  afterAll(() => closeServer(server));

  it("hands the body, read within the cap, to the handler that checks its signature", async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/signed`;
    expect((await fetch(url, { method: "POST", headers: { "x-zevent-signature": "mac=ok" }, body: '{"a":1}' })).status).toBe(200);
    expect((await fetch(url, { method: "POST", body: '{"a":2}' })).status).toBe(401);
    expect(bodies).toEqual(['{"a":1}', '{"a":2}']);
    expect((await fetch(url, { method: "POST", body: "x".repeat(1024 * 1024 + 1) })).status).toBe(413);
    expect(bodies).toHaveLength(2);
  });
});

describe("the OA's configuration", () => {
  const oa = {
    ZALO_OA_ID: "3662729599332560487",
    ZALO_OA_APP_ID: "2553928453557884079",
    ZALO_OA_SECRET_KEY: "AbCdEf0123456789xyz",
    ZALO_OA_APP_SECRET: "ZyXw9876543210abcd",
    ZALO_OA_REFRESH_TOKEN: "refresh-token-from-consent-0001",
    ZALO_OA_WEBHOOK_URL: "https://bot.example.gov.vn/zalo-oa/webhook",
  };

  it("turns the OA on alone, with Zalo's roots and a rate by default", () => {
    expect(parseConfig(oa).zaloOa).toEqual({
      oaId: oa.ZALO_OA_ID,
      appId: oa.ZALO_OA_APP_ID,
      secretKey: oa.ZALO_OA_SECRET_KEY,
      appSecret: oa.ZALO_OA_APP_SECRET,
      refreshToken: oa.ZALO_OA_REFRESH_TOKEN,
      apiRoot: "https://openapi.zalo.me",
      oauthRoot: "https://oauth.zaloapp.com",
      webhookUrl: oa.ZALO_OA_WEBHOOK_URL,
      rate: 10,
    });
    expect(parseConfig({ BOT_TOKEN: "1:a" }).zaloOa).toBeUndefined();
  });

  it("names every setting the OA is missing, and a malformed one, without printing secrets", () => {
    const problems = (env: Record<string, string>) => {
      try {
        parseConfig(env);
        return [];
      } catch (error) {
        return (error as ConfigError).problems;
      }
    };
    expect(problems({ ZALO_OA_ID: oa.ZALO_OA_ID })).toEqual([
      "ZALO_OA_APP_ID is required when ZALO_OA_ID is set: the id of the Zalo app linked to the OA (Zalo for Developers) (not set)",
      "ZALO_OA_SECRET_KEY is required when ZALO_OA_ID is set: the OA secret key that signs webhooks (the app's Official Account settings) (not set)",
      "ZALO_OA_APP_SECRET is required when ZALO_OA_ID is set: the app's secret key, to refresh tokens (Zalo for Developers) (not set)",
      "ZALO_OA_WEBHOOK_URL is required when ZALO_OA_ID is set: the public https URL the OA's webhook posts to (not set)",
    ]);
    const bad = problems({ ...oa, ZALO_OA_SECRET_KEY: "short", ZALO_OA_RATE: "500" });
    expect(bad.join("\n")).toMatch(/^ZALO_OA_SECRET_KEY must be the OA secret key.*\(got "\*\*\*"\)$/m);
    expect(bad.join("\n")).toMatch(/^ZALO_OA_RATE must be at most 60/m);
    expect(
      problems({
        ...oa,
        ZALO_BOT_TOKEN: "1:a",
        ZALO_MODE: "webhook",
        ZALO_WEBHOOK_URL: "https://bot.example.gov.vn/zalo-oa/webhook",
        ZALO_WEBHOOK_SECRET: "s".repeat(32),
      }),
    ).toEqual(['ZALO_OA_WEBHOOK_URL must have a path of its own, not another messenger\'s webhook path (got "/zalo-oa/webhook")']);
  });
});
