import type { Action } from "../src/channels/actions.js";
import type { IncomingFile } from "../src/channels/port.js";
import {
  DESK_COMMANDS,
  type DeskEffect,
  type DeskRequest,
  deskCommand,
  deskPress,
  deskReplay,
  deskText,
  importFormFile,
} from "../src/desk/index.js";
import { type MemberDialogue, sending, type Turn, turn } from "../src/dialogue/turn.js";

/**
 * The desk of consultants and the secretariat (/progress, /queue, /export, /review, /rounds,
 * /round, /broadcast, /invite, /members, /remove, /assign, /forms and their buttons): the work and
 * its wording are in src/desk, the same for every messenger; this passes the message on.
 */

export type DeskAction = Extract<
  Action,
  { kind: "review" | "broadcast-target" | "broadcast-send" | "ticket-reassign" | "ticket-reassign-to" }
>;

const requestOf = ({ deps, member, t, language, composing, effectMark }: MemberDialogue): DeskRequest => ({
  deps,
  member,
  t,
  language,
  composing,
  effectMark,
});

export const isDeskCommand = (name: string): boolean => name in DESK_COMMANDS;

export async function command(dialogue: MemberDialogue, name: string, argument: string): Promise<Turn> {
  return sending(...((await deskCommand(requestOf(dialogue), name, argument)) ?? []));
}

/** A decision or a broadcast is made once: the pressed message's buttons go. */
export async function press(dialogue: MemberDialogue, action: DeskAction): Promise<Turn> {
  const replies = await deskPress(requestOf(dialogue), action);
  const once = action.kind === "review" || action.kind.startsWith("broadcast-");
  return turn([...(once ? [{ kind: "retire", target: "pressed" } as const] : []), ...sending(...replies).replies]);
}

/** What an earlier try of the update did at the desk, said again; a decision's or a broadcast's button goes, as `press` takes it away. */
export async function replay(dialogue: MemberDialogue, effect: DeskEffect): Promise<Turn> {
  const replies = await deskReplay(requestOf(dialogue), effect);
  const pressed = dialogue.message.content.kind === "press" && (effect.kind === "review" || effect.kind === "broadcast");
  return turn([...(pressed ? [{ kind: "retire", target: "pressed" } as const] : []), ...sending(...replies).replies]);
}

/** Text the desk waits for (a return comment, a broadcast's text); undefined when it waits for none. */
export async function text(dialogue: MemberDialogue, typed: string): Promise<Turn | undefined> {
  const replies = await deskText(requestOf(dialogue), typed);
  return replies && sending(...replies);
}

/** A workbook sent by the secretariat is a questionnaire to import. */
export async function file(dialogue: MemberDialogue, sent: IncomingFile): Promise<Turn> {
  const { deps, message } = dialogue;
  const fileName = sent.fileName ?? "";
  const bytes =
    /\.xlsx$/i.test(fileName) && sent.source.kind === "file-id"
      ? (await deps.channels.get(message.from.channel)?.fetchFile?.(sent.source.fileId))?.bytes
      : undefined;
  return sending(...(await importFormFile(requestOf(dialogue), fileName, bytes)));
}
