import { Api, InputFile } from "grammy";
import type { Update } from "grammy/types";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BotApiEmulator } from "../../src/emulator/bot-api-emulator.js";

/** The emulator keeps the Bot API's promises; the bot's tests are only as good as it is. */
describe("the Bot API emulator", () => {
  let emulator: BotApiEmulator;
  const call = async (method: string, params: Record<string, unknown> = {}) => {
    const response = await fetch(`${emulator.apiRoot}/bot${emulator.token}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    // biome-ignore lint/suspicious/noExplicitAny: results of many methods, read field by field
    return (await response.json()) as { ok: boolean; result?: any; error_code?: number; description?: string };
  };

  beforeEach(async () => {
    emulator = new BotApiEmulator({ firstUpdateId: 100 });
    await emulator.start();
  });
  afterEach(() => emulator.stop());

  it("delivers an update again until a later offset confirms it", async () => {
    const user = emulator.user({ id: 1, first_name: "A" });
    user.send("one");
    user.send("two");
    const first = await call("getUpdates");
    expect(first.result.map((u: Update) => u.update_id)).toEqual([100, 101]);
    expect((await call("getUpdates")).result).toHaveLength(2);
    expect((await call("getUpdates", { offset: 101 })).result.map((u: Update) => u.message?.text)).toEqual(["two"]);
    expect((await call("getUpdates", { offset: 102 })).result).toEqual([]);
  });

  it("holds a long poll open until an update arrives, or the timeout ends it", async () => {
    const user = emulator.user({ id: 1, first_name: "A" });
    const started = Date.now();
    const empty = await call("getUpdates", { timeout: 1 });
    expect(empty.result).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    const waiting = call("getUpdates", { timeout: 10 });
    setTimeout(() => user.send("late"), 100);
    expect((await waiting).result[0].message.text).toBe("late");
  });

  it("ends an older long poll with 409 when a newer one starts", async () => {
    const older = call("getUpdates", { timeout: 5 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const newer = call("getUpdates", { timeout: 0 });
    expect((await older).error_code).toBe(409);
    expect((await newer).ok).toBe(true);
  });

  it("refuses a wrong token, an unknown method, an unknown chat and bad HTML", async () => {
    const wrongToken = (await (await fetch(`${emulator.apiRoot}/bot1:wrong/getMe`)).json()) as { error_code: number };
    expect(wrongToken.error_code).toBe(401);
    expect((await call("sendPigeon")).error_code).toBe(404);
    expect((await call("sendMessage", { chat_id: 42, text: "x" })).description).toContain("chat not found");
    emulator.user({ id: 42, first_name: "B" });
    expect((await call("sendMessage", { chat_id: 42, text: "a < b", parse_mode: "HTML" })).description).toContain("can't parse entities");
    expect((await call("sendMessage", { chat_id: 42, text: "x".repeat(4097) })).description).toContain("message is too long");
  });

  it("says 'message is not modified' and refuses callback data over 64 bytes", async () => {
    emulator.user({ id: 7, first_name: "C" });
    const sent = await call("sendMessage", { chat_id: 7, text: "hi" });
    const edit = await call("editMessageText", { chat_id: 7, message_id: sent.result.message_id, text: "hi" });
    expect(edit.description).toContain("message is not modified");
    const markup = { inline_keyboard: [[{ text: "x", callback_data: "x".repeat(65) }]] };
    expect((await call("sendMessage", { chat_id: 7, text: "k", reply_markup: markup })).description).toContain("BUTTON_DATA_INVALID");
  });

  it("answers 403 for a user who blocked the bot, and injected failures with retry_after", async () => {
    const user = emulator.user({ id: 9, first_name: "D" });
    user.setBlocked(true);
    expect((await call("sendMessage", { chat_id: 9, text: "x" })).error_code).toBe(403);
    user.setBlocked(false);
    emulator.injectFailure("sendMessage", 1, 429, "Too Many Requests: retry after 1", { retry_after: 1 });
    const limited = await call("sendMessage", { chat_id: 9, text: "x" });
    expect(limited).toMatchObject({ ok: false, error_code: 429 });
    expect((await call("sendMessage", { chat_id: 9, text: "x" })).ok).toBe(true);
  });

  it("refuses getUpdates while a webhook is set", async () => {
    await call("setWebhook", { url: "http://127.0.0.1:1/hook" });
    expect((await call("getUpdates")).error_code).toBe(409);
    await call("deleteWebhook");
    expect((await call("getUpdates")).ok).toBe(true);
  });

  it("takes a document uploaded by grammY as multipart, caption and keyboard included", async () => {
    const user = emulator.user({ id: 11, first_name: "E" });
    const api = new Api(emulator.token, { apiRoot: emulator.apiRoot });
    const sent = await api.sendDocument(11, new InputFile(Buffer.from("Tổng hợp"), "bao-cao.xlsx"), {
      caption: "<b>Báo cáo</b>",
      parse_mode: "HTML",
      reply_markup: { inline_keyboard: [[{ text: "OK", callback_data: "ok" }]] },
    });
    expect(sent.document?.file_name).toBe("bao-cao.xlsx");
    expect(sent.caption).toBe("Báo cáo");
    expect(emulator.files.get(sent.document!.file_id)?.bytes.toString()).toBe("Tổng hợp");
    expect(user.lastMessage()?.reply_markup?.inline_keyboard[0]?.[0]?.text).toBe("OK");
  });
});
