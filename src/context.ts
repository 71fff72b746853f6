import type { I18nFlavor } from "@grammyjs/i18n";
import type { Context } from "grammy";
import type { OutgoingMessage } from "./channels/port.js";
import type { Deps } from "./deps.js";
import type { PreloadedForm } from "./services/update-reader.js";
import type { UpdateDone } from "./storage/applied-updates.js";
import type { StoredFile } from "./storage/attachments.js";
import type { Composing } from "./storage/composing.js";
import type { Member } from "./storage/members.js";

export interface AppFlavor {
  deps: Deps;
  /** The person behind this update when they have joined; undefined for a stranger. */
  member: Member | undefined;
  /** True when this update's answer was saved by an earlier try (see src/storage/applied-updates.ts). */
  answerSavedBefore?: boolean;
  /** Whether the person has written again since this update (their later updates wait in the intake). */
  writtenSince(): Promise<boolean>;
  /** What the person was writing when the update arrived (a question, an answer, a note), read with the member. */
  composing: Composing | undefined;
  /** An officer's response, read with the member; the form's step starts from it. */
  preloaded: PreloadedForm | undefined;
  /** What handling this update did that its marks must say: an answer saved, a form screen sent (src/storage/applied-updates.ts). */
  done: UpdateDone;
  /** Shows neutral messages in this chat as the Telegram channel renders them (HTML, inline keyboards, files). */
  show(messages: OutgoingMessage[]): Promise<void>;
  /** A file someone sent, fetched from Telegram within the attachment size limit; undefined when it cannot be. */
  fetchFile(fileId: string): Promise<StoredFile | undefined>;
}

export type BotContext = Context & I18nFlavor & AppFlavor;

/** The chat of an update that has one (every handler of ours sits behind a private-chat filter). */
export function chatIdOf(ctx: Context): number {
  const id = ctx.chatId;
  if (id === undefined) throw new Error(`update ${ctx.update.update_id} has no chat`);
  return id;
}

/** Narrows to someone who has joined; strangers are turned away before the features. */
export function isMember<C extends BotContext>(ctx: C): ctx is C & { member: Member } {
  return ctx.member !== undefined;
}
