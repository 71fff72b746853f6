import { converse } from "../../handlers/conversation.js";
import type { Address } from "../channels/address.js";
import type { IncomingMessage, Surface } from "../channels/port.js";
import type { Deps } from "../deps.js";
import { languageOf, translatorFor } from "../i18n.js";
import type { Settlement, UpdateDone } from "../storage/applied-updates.js";
import { readEffect } from "../storage/effects.js";
import type { ShownScreen } from "../storage/marks.js";
import type { Member } from "../storage/members.js";
import type { Menu } from "../storage/menus.js";
import { replicasCaughtUp } from "../storage/replicas.js";
import type { Turn } from "./turn.js";

/**
 * An update from any messenger, from its intake entry to its marks: what it starts from is read in
 * one round trip (applied before? who? writing what? their response), the dialogue gives its turn,
 * the adapter renders it, and what the marks must say (the answer saved, the screen shown) comes
 * back as the commands to write with the entry's acknowledgement.
 */
export interface AppliedUpdate {
  /** Where the update's marks are kept: the chat. */
  chat: string | number;
  /** The update's own number (Telegram's), or its intake entry's. */
  updateId: number;
  address: Address;
  surface: Surface;
  /** The messenger client's language, for someone who has chosen none. */
  clientLanguage?: string | undefined;
  /** The update as the dialogue reads it, once the member and the last screen's menu are known; undefined for what nobody sent. */
  message(member: Member | undefined, menu: Menu | undefined): Promise<IncomingMessage | undefined>;
  /** Shows the turn; tells each form screen that went out (with the message that shows it, where the messenger has one). */
  render(turn: Turn, shown: (screen: ShownScreen) => void): Promise<void>;
  /** Whether the person has written again since (their later updates wait in the intake). */
  writtenSince(): Promise<boolean>;
  /** Read the last screen's menu along: for a messenger whose buttons are typed lines. */
  menu?: boolean;
}

export async function applyUpdate(deps: Deps, update: AppliedUpdate): Promise<Settlement | undefined> {
  const { chat, updateId, address } = update;
  const snapshot = await deps.updateReader.read({ chat, updateId, address, now: deps.now(), ...(update.menu ? { menu: true } : {}) });
  if (snapshot.state === "handled") {
    deps.logger.info({ updateId }, "redelivered update skipped");
    return undefined;
  }
  // The answer an earlier try saved may not have reached the replicas (its WAIT fell short): it must before its screen is shown.
  if (snapshot.state === "saved") await replicasCaughtUp(deps.redis, deps.keys.replicaBarrier);
  const { member } = snapshot;
  // Someone who writes again has unblocked the bot, and is answered where they write now.
  if (member?.blocked) await deps.members.clearBlocked(member.id);
  if (member) await deps.members.notePreferred(member, address);
  const message = await update.message(member, snapshot.menu);
  const done: UpdateDone = { answerSaved: snapshot.state === "saved", shown: undefined };
  // What an earlier try did besides an answer (its effect mark, written with the effect): shown, not done again.
  const effect = readEffect(snapshot.effect);
  if (message) {
    const language = languageOf(member?.language, update.clientLanguage);
    await deps.appliedUpdates.handling(done, async () => {
      const turn = await converse(
        {
          deps,
          message,
          member,
          t: translatorFor(language),
          language,
          surface: update.surface,
          composing: snapshot.composing,
          preloaded: snapshot.form,
          applied: deps.appliedUpdates.markFor(chat, updateId),
          effectMark: (made) => deps.appliedUpdates.effectFor(chat, updateId, made),
        },
        // A repeat of an update whose answer an earlier try saved: the screen it led to, not the answer twice.
        effect
          ? { kind: "effect", effect }
          : snapshot.state === "saved"
            ? { kind: "saved", writtenSince: () => update.writtenSince() }
            : undefined,
      );
      if (turn.answerSaved) done.answerSaved = true;
      await update.render(turn, (screen) => {
        done.shown = screen;
      });
    });
  }
  return deps.appliedUpdates.settlement(chat, updateId, done);
}

/** The one line for an update given up on, in the person's language when it can still be looked up. */
export async function apology(deps: Deps, address: Address, clientLanguage?: string): Promise<string> {
  const member = await deps.members.at(address).catch(() => undefined);
  return translatorFor(languageOf(member?.language, clientLanguage))("error-generic");
}
