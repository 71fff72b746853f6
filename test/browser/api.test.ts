import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPENAPI } from "../../src/console/openapi.js";
import { launchBrowser, newContext, signIn } from "../support/browser.js";
import { type E2E, startE2E } from "../support/e2e.js";
import { fillThroughService, officer } from "../support/fill-service.js";
import { answerer } from "../support/form-harness.js";

/** The console's JSON API: read-only tokens made in the browser, the same permissions as the pages, the OpenAPI document kept true. */
describe("the console's API", () => {
  let e2e: E2E;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    e2e = await startE2E({ publicUrl: true, env: { SCHEDULER_TICK_SECONDS: "3600" } });
    base = `${e2e.bot.env.PUBLIC_URL}/console`;
    browser = await launchBrowser();
    await e2e.deps.rounds.create(
      {
        id: "dot-api",
        name: "Đợt API",
        deadline: Date.now() + 7 * 86_400_000,
        targets: { kind: "list", agencies: ["ha-noi", "bac-kan", "bo-tu-phap"] },
      },
      "test",
      Date.now(),
    );
    await fillThroughService(e2e.deps, officer(31, "ha-noi"), answerer({ fullName: "Lê Thị Thu" }), () => [], { submit: true });
  });

  afterAll(async () => {
    await browser?.close();
    await e2e?.stop();
  });

  const get = (url: string, token?: string) => fetch(`${base}${url}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
  type Listed = { id: string; standing?: string };
  type Body = {
    rounds: Listed[];
    agencies: Listed[];
    submitted: unknown;
    targeted: unknown;
    answers: { path: string; value: unknown; by: string }[];
    history: unknown[];
  };
  const read = async (url: string, token: string) => (await (await get(url, token)).json()) as Body;

  it("makes a token in the browser, shown once, that reads every path the OpenAPI document names", async () => {
    const thu = await e2e.join({ role: "secretariat" }, "Thu");
    const page = await (await newContext(browser)).newPage();
    await signIn(page, thu);
    await page.goto(`${base}/api-tokens`);
    await page.getByLabel("Tên mã").fill("Power Query của phòng Tổng hợp");
    await page.getByRole("button", { name: "Tạo mã mới" }).click();
    const token = await page.getByLabel("Mã truy cập").inputValue();
    expect(token).toMatch(/^d06_[\w-]{40,}$/);
    await page.goto(`${base}/api-tokens`);
    await expect(page.getByRole("cell", { name: "Power Query của phòng Tổng hợp", exact: true }).isVisible()).resolves.toBe(true);
    expect(await page.content()).not.toContain(token);

    const rounds = await read("/api/v1/rounds", token);
    expect(rounds.rounds.map((round) => round.id)).toContain("dot-api");
    const progress = await read("/api/v1/rounds/dot-api/progress", token);
    expect(progress.submitted).toEqual({ ministries: 0, provinces: 1 });
    expect(progress.targeted).toEqual({ ministries: 1, provinces: 2 });
    const agencies = await read("/api/v1/rounds/dot-api/agencies", token);
    expect(agencies.agencies.find((agency) => agency.id === "ha-noi")).toMatchObject({
      standing: expect.stringMatching(/submitted|compliant/),
    });
    const report = await read("/api/v1/rounds/dot-api/agencies/ha-noi", token);
    expect(report.answers.find((answer) => answer.path === "officer.fullName")).toMatchObject({
      value: "Lê Thị Thu",
      by: "31",
    });
    expect(report.history.length).toBeGreaterThan(0);

    for (const template of Object.keys(OPENAPI.paths)) {
      const url = template.replace("{roundId}", "dot-api").replace("{agencyId}", "ha-noi");
      expect((await get(url, token)).status, url).toBe(200);
    }
    expect((await get("/api/v1/rounds/dot-api/agencies/atlantis", token)).status).toBe(404);

    // Read-only, and only while it lives.
    expect((await fetch(`${base}/api-tokens`, { method: "POST", headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
    expect((await get("/api/v1/rounds", "d06_not-a-token")).status).toBe(401);
    expect((await get("/api/v1/rounds")).status).toBe(401);
    page.once("dialog", (dialog) => void dialog.accept());
    await Promise.all([page.waitForNavigation(), page.getByRole("button", { name: "Thu hồi mã Power Query của phòng Tổng hợp" }).click()]);
    await expect(page.getByRole("cell", { name: "Power Query của phòng Tổng hợp", exact: true }).count()).resolves.toBe(0);
    expect((await get("/api/v1/rounds", token)).status).toBe(401);
  });

  it("stops a token whose maker leaves the secretariat, and shows a consultant only their provinces", async () => {
    const hoa = await e2e.join({ role: "secretariat" }, "Hoa");
    const { token } = await e2e.deps.apiTokens.create("tạm", String(hoa.id), Date.now());
    expect((await get("/api/v1/rounds", token)).status).toBe(200);
    await e2e.deps.membership.remove(String(hoa.id), "test", Date.now(), undefined);
    expect((await get("/api/v1/rounds", token)).status).toBe(401);

    const luong = await e2e.join({ role: "consultant", consultantId: "ha-thanh-luong" }, "Lương");
    const context = await newContext(browser);
    const page = await context.newPage();
    await signIn(page, luong);
    const agencies = (await (await page.request.get(`${base}/api/v1/rounds/dot-api/agencies`)).json()) as Body;
    expect(agencies.agencies.map((agency) => agency.id)).toEqual(["ha-noi"]);
    expect((await page.request.get(`${base}/api/v1/rounds/dot-api/agencies/bac-kan`)).status()).toBe(404);
    expect((await page.request.get(`${base}/api-tokens`)).status()).toBe(404);
    await context.close();
  });
});
