import { encodeAction } from "../channels/actions.js";
import type { OutgoingMessage } from "../channels/port.js";
import type { Deps } from "../deps.js";
import type { Refusal } from "../domain/refusal.js";
import type { Composing } from "../storage/composing.js";
import type { EffectMarker } from "../storage/marks.js";
import type { Language, Member } from "../storage/members.js";
import { refusalHtml, type Translate } from "../views.js";

/**
 * The desk is what consultants and the secretariat do by command and button (progress, exports,
 * reviews, rounds, broadcasts, members, questions): worded here once, as neutral messages, and
 * shown by whichever messenger the person wrote from.
 */
export interface DeskRequest {
  deps: Deps;
  member: Member;
  t: Translate;
  language: Language;
  /** What the person was writing when their message arrived (a return comment, a broadcast's text). */
  composing: Composing | undefined;
  /** The effect mark of the update asking, for what the desk changes (src/dialogue/turn.ts); none outside an update. */
  effectMark?: EffectMarker | undefined;
}

export type Replies = OutgoingMessage[];

export const say = (text: string): Replies => [{ text }];

/** Files the desk sends (workbooks, pictures) stay downloadable this long: the Zalo link too. */
export const DESK_FILE_SECONDS = 2 * 24 * 60 * 60;

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A file for the person, kept for `DESK_FILE_SECONDS` and sent as a document with its caption. */
export async function deskDocument(
  { deps, language }: DeskRequest,
  file: { bytes: Buffer; type: string; caption: string; fileName: string },
): Promise<OutgoingMessage> {
  const fileId = await deps.attachments.put(file.bytes, file.type, DESK_FILE_SECONDS);
  return { text: "", language, attachment: { kind: "document", fileId, caption: file.caption, fileName: file.fileName, export: true } };
}

/** A service's refusal (src/domain/refusal.ts) in the person's language, naming what was wrong (a round id, a target), escaped. */
export const refused = ({ t }: DeskRequest, refusal: Refusal): Replies => say(refusalHtml(t, refusal));

/** The cancel button under a prompt that waits for the person's text. */
export const cancelButton = ({ t }: DeskRequest) => [[{ label: t("ticket-button-cancel"), data: encodeAction({ kind: "cancel" }) }]];
