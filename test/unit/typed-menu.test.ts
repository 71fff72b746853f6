import { describe, expect, it } from "vitest";
import { encodeAction } from "../../src/channels/actions.js";
import { besideFormScreen, keepingAside, typedContent } from "../../src/channels/typed-menu.js";
import type { Menu } from "../../src/storage/menus.js";

/** A screen as the Zalo bot stores it: its choices numbered, a command chosen by its words. */
const numberedMenu: Menu = {
  buttons: [
    { label: "Có", data: "yes", number: 1 },
    { label: "Không", data: "no", number: 2 },
    { label: "Trợ giúp", data: "help" },
  ],
  numbered: true,
  shownAt: 1_000,
};
/** A screen as the OA stores it: every button numbered by its place. */
const byPlace: Menu = {
  buttons: [
    { label: "Có", data: "yes" },
    { label: "Không", data: "no" },
  ],
  numbered: true,
  shownAt: 1_000,
};
const bot = { botSuffix: true };
const oa = { botSuffix: false };

describe("a typed line read against the last screen's menu", () => {
  it("reads a command, dropping a `@botname` only where the messenger adds one", () => {
    expect(typedContent("/Start@so_bot  abc def", undefined, 0, bot)).toEqual({ kind: "command", name: "start", argument: "abc def" });
    expect(typedContent("/start@so_bot", undefined, 0, oa)).toEqual({ kind: "command", name: "start@so_bot", argument: "" });
  });

  it("reads a number as the press of its line, by the line's number or by its place", () => {
    expect(typedContent("2", numberedMenu, 2_000, bot)).toEqual({ kind: "press", data: "no" });
    expect(typedContent("3", numberedMenu, 2_000, bot)).toEqual({ kind: "text", text: "3" });
    expect(typedContent("2", byPlace, 2_000, oa)).toEqual({ kind: "press", data: "no" });
  });

  it("reads a number typed before the screen arrived as late", () => {
    expect(typedContent("1", byPlace, 999, oa)).toEqual({ kind: "late-choice" });
  });

  it("reads the words of a line, accents and case aside, as its press; numbers not when the screen takes them as answers", () => {
    expect(typedContent("tro giup", numberedMenu, 2_000, bot)).toEqual({ kind: "press", data: "help" });
    expect(typedContent("KHÔNG", byPlace, 0, oa)).toEqual({ kind: "press", data: "no" });
    expect(typedContent("1", { ...byPlace, numbered: false }, 2_000, oa)).toEqual({ kind: "text", text: "1" });
    expect(typedContent("1", undefined, 2_000, oa)).toEqual({ kind: "text", text: "1" });
  });
});

describe("a message of the bot's own beside a form screen", () => {
  const skip = encodeAction({ kind: "form", seq: 3, action: "skip" });
  const more = encodeAction({ kind: "ticket-more", ticketId: 9 });
  const formScreen: Menu = { buttons: [{ label: "Để sau", data: skip }], numbered: true, shownAt: 1_000 };

  it("adds its buttons as words; numbers the screen's lines by their place first only where asked", () => {
    const added = { label: "Hỏi thêm", data: more, aside: true };
    expect(besideFormScreen(formScreen, [{ label: "<b>Hỏi thêm</b>", data: more }], { numberByPlace: true })?.buttons).toEqual([
      { label: "Để sau", data: skip, number: 1 },
      added,
    ]);
    expect(besideFormScreen(formScreen, [{ label: "Hỏi thêm", data: more }], { numberByPlace: false })?.buttons).toEqual([
      { label: "Để sau", data: skip },
      added,
    ]);
  });

  it("leaves the menu to the message when no form screen waits, or the message is the form's own", () => {
    expect(besideFormScreen(byPlace, [{ label: "Hỏi thêm", data: more }], { numberByPlace: true })).toBeUndefined();
    expect(besideFormScreen(formScreen, [{ label: "Tiếp", data: skip }], { numberByPlace: true })).toBeUndefined();
    expect(besideFormScreen(undefined, [{ label: "Hỏi thêm", data: more }], { numberByPlace: true })).toBeUndefined();
  });

  it("keeps its words through the screens shown in reply, so they are never taken as an answer", () => {
    const beside = besideFormScreen(formScreen, [{ label: "Hỏi thêm", data: more }], { numberByPlace: false });
    // The form's screen shown again (a retried update) after the consultant's answer arrived.
    const again = keepingAside(beside, { buttons: [{ label: "Để sau", data: skip }], numbered: true, shownAt: 2_000 });
    expect(typedContent("hoi them", again, 3_000, bot)).toEqual({ kind: "press", data: more });
    // A screen numbered by its place gets its numbers first, so the words take none of them.
    const byPlaceAgain = keepingAside(beside, { ...byPlace, shownAt: 2_000 });
    expect(typedContent("3", byPlaceAgain, 3_000, oa)).toEqual({ kind: "text", text: "3" });
    expect(typedContent("Hỏi thêm", byPlaceAgain, 3_000, oa)).toEqual({ kind: "press", data: more });
    // The screen's own words win, and a newer message's words replace older ones alike.
    const own = keepingAside(beside, { buttons: [{ label: "Hỏi thêm", data: "own" }], numbered: true, shownAt: 2_000 });
    expect(typedContent("hỏi thêm", own, 3_000, bot)).toEqual({ kind: "press", data: "own" });
    const newer = encodeAction({ kind: "ticket-more", ticketId: 10 });
    const twice = besideFormScreen(beside, [{ label: "Hỏi thêm", data: newer }], { numberByPlace: false });
    expect(twice?.buttons.filter((button) => button.aside)).toEqual([{ label: "Hỏi thêm", data: newer, aside: true }]);
  });
});
