import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { telegramAddress } from "../../src/channels/address.js";
import type { Deps } from "../../src/deps.js";
import { ticketNotices } from "../../src/services/ticket-messages.js";
import type { Ticket, TicketMessage } from "../../src/storage/tickets.js";
import { depsFor, type TestRedis, testRedis } from "../support/redis.js";

/** Messages built from people's text fit Telegram's 4,096 characters, however long the text. */
describe("ticket messages from long texts", () => {
  let store: TestRedis;
  let deps: Deps;

  beforeAll(async () => {
    store = testRedis();
    deps = depsFor(store);
    const { code } = await deps.invites.issue({ role: "secretariat" }, Date.now());
    await deps.invites.redeem(code, telegramAddress(61), undefined, Date.now());
  });
  afterAll(() => store.cleanup());

  it("keeps a hand-over with a long question, note and thread within the limit, saying what was left out", async () => {
    const ticket: Ticket = {
      id: 7,
      agencyId: "ha-noi",
      officerId: "70",
      officerName: "Lan",
      assignee: { kind: "secretariat" },
      reason: "handed-over",
      status: "open",
      createdAt: 0,
      waitingSince: 0,
      firstAnsweredAt: undefined,
      revision: 0,
      formItem: { path: "r2.reason", label: "Phần 2 · 2. Hệ thống thông tin giải quyết thủ tục hành chính … ".repeat(10) },
    };
    const said = (text: string, from: TicketMessage["from"] = "officer"): TicketMessage => ({ from, userId: "70", text, at: 0 });
    const thread = [
      said("Câu hỏi & <chi tiết> ".repeat(300)),
      ...Array.from({ length: 30 }, (_, n) => said(`Trao đổi ${n} `.repeat(40), n % 2 ? "consultant" : "officer")),
    ];
    const notices = await ticketNotices(deps, [{ kind: "handed-over", to: ["61"], ticket, note: "Ghi chú rất dài ".repeat(400), thread }]);
    expect(notices).toHaveLength(1);
    const { text } = notices[0]!.message;
    expect(notices[0]).toMatchObject({ memberId: "61", ticketId: 7 });
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).toMatch(/… và \d+ tin nhắn trước đó/);
    expect(text).toContain("Trao đổi 29");
  });
});
