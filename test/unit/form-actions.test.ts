import { describe, expect, it } from "vitest";
import { decodeAction, encodeAction } from "../../src/channels/actions.js";
import { decodeFormAction, encodeFormAction, type FormAction } from "../../src/form/actions.js";
import { loadForm } from "../../src/form/schema.js";
import { newEntryId } from "../../src/form/writes.js";

describe("form actions", () => {
  const actions: [FormAction, string][] = [
    [{ kind: "review" }, "review"],
    [{ kind: "confirm-part" }, "confirm-part"],
    [{ kind: "option", number: 12 }, "opt:12"],
    [{ kind: "entry", entry: "mfx1a2b300" }, "entry:mfx1a2b300"],
    [{ kind: "part", part: "p2" }, "part:p2"],
    [{ kind: "edit", path: "r1#mfx1a2b300.name" }, "edit:r1#mfx1a2b300.name"],
    [{ kind: "list", repeat: "r4_1" }, "list:r4_1"],
  ];

  it.each(actions)("writes %j as the id chats already hold, and reads it back", (action, id) => {
    expect(encodeFormAction(action)).toBe(id);
    expect(decodeFormAction(id)).toEqual(action);
    expect(decodeAction(encodeAction({ kind: "form", seq: 7, action: encodeFormAction(action) }))).toEqual({
      kind: "form",
      seq: 7,
      action: id,
    });
  });

  it.each(["", "submitted", "opt:", "opt:two", "opt:-1", "part:", "edit", "goto:p1", "toString", "__proto__"])("refuses %j", (id) => {
    expect(decodeFormAction(id)).toBeUndefined();
    expect(decodeAction(`f:7:${id}`)).toBeUndefined();
  });

  it("fits form 488's longest button, a list entry's answer to change, in Telegram's 64 bytes", () => {
    const entry = newEntryId(Date.UTC(2100, 0, 1), 1295);
    const longest = loadForm()
      .parts.flatMap((part) => part.nodes)
      .flatMap((node) => node.questions.map((question) => `${node.kind === "row" ? node.id : `${node.id}#${entry}`}.${question.id}`))
      .map((path) => encodeAction({ kind: "form", seq: 999_999, action: encodeFormAction({ kind: "edit", path }) }))
      .reduce((a, b) => (Buffer.byteLength(b) > Buffer.byteLength(a) ? b : a));
    expect(Buffer.byteLength(longest)).toBeLessThanOrEqual(64);
  });
});
