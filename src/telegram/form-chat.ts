import { GrammyError } from "grammy";
import type { OutgoingMessage } from "../channels/port.js";
import { type BotContext, chatIdOf } from "../context.js";
import type { Form } from "../form/schema.js";
import { FormRenderer } from "../form/screens.js";
import type { AgencyStanding, CurrentScreen, OfficerMember, StepOutcome } from "../services/reporting.js";
import { inlineKeyboard } from "./channel.js";

/**
 * Puts the form on the screen: the next question as a new message, the answered one updated
 * in place to show its answer, navigation redrawn in the message whose button was pressed.
 */

async function renderer(ctx: BotContext, form?: Form): Promise<FormRenderer> {
  return new FormRenderer(await ctx.i18n.getLocale(), ctx.t, ctx.deps.timeZone, "keyboard", form);
}

export function isOfficer<C extends BotContext>(ctx: C): ctx is C & { member: OfficerMember } {
  return ctx.member?.binding.role === "officer";
}

/** Telegram refuses an edit that changes nothing or targets a message gone from the chat; neither matters here. */
async function quietly(edit: Promise<unknown>): Promise<void> {
  try {
    await edit;
  } catch (error) {
    if (!(error instanceof GrammyError && error.error_code === 400)) throw error;
  }
}

/** The message's buttons as Telegram reply options. */
const markup = (message: OutgoingMessage) => (message.buttons?.length ? { reply_markup: inlineKeyboard(message.buttons) } : {});

async function send(ctx: BotContext & { member: OfficerMember }, rendered: OutgoingMessage, roundId: string, seq: number): Promise<void> {
  const message = await ctx.reply(rendered.text, markup(rendered));
  // Noted with the update's marks; a failure after this point notes it at once
  // (AppliedUpdates.handling), so the try again does not show the screen a second time (the
  // officer may have answered it already).
  ctx.done.shown = { memberId: ctx.member.id, roundId, seq, messageId: message.message_id };
}

/**
 * Shows again the screen the officer is on (after a question to a consultant, say), as a new
 * message; where the agency stands when they have not opened the form yet.
 */
export async function presentCurrent(ctx: BotContext & { member: OfficerMember }, known?: CurrentScreen): Promise<void> {
  const current = known ?? (await ctx.deps.reporting.current(ctx.member, ctx.deps.now(), ctx.preloaded));
  if (!current) return presentStanding(ctx);
  const agencyName = ctx.deps.directory.get(ctx.member.binding.agencyId)?.name ?? ctx.member.binding.agencyId;
  await send(
    ctx,
    (await renderer(ctx, current.form)).render(current.view, current.cursor.seq, agencyName),
    current.roundId,
    current.cursor.seq,
  );
}

/** Where the agency stands, with one button to start, continue or view. */
export async function presentStanding(ctx: BotContext & { member: OfficerMember }, known?: AgencyStanding): Promise<void> {
  const standing = known ?? (await ctx.deps.reporting.standing(ctx.member));
  const rendered = (await renderer(ctx)).standing(standing);
  await ctx.reply(rendered.text, markup(rendered));
}

export async function presentOutcome(
  ctx: BotContext & { member: OfficerMember },
  outcome: StepOutcome,
  pressed: { messageId: number } | undefined,
): Promise<void> {
  const render = await renderer(ctx, outcome.form);
  const agencyName = ctx.deps.directory.get(ctx.member.binding.agencyId)?.name ?? ctx.member.binding.agencyId;
  const next = render.render(outcome.view, outcome.cursor.seq, agencyName);
  const chatId = chatIdOf(ctx);
  // The officer waits for the next screen: it is the first call, and the tidying of the old
  // message (and the callback's answer) goes alongside it rather than before it. The update
  // settles once the screen is out, without waiting for the tidying: until its acknowledgement
  // notes the screen shown, a kill would have the screen sent again, perhaps after it was answered.
  const tidyOld = (messageId: number | undefined): Promise<void> =>
    messageId === undefined
      ? Promise.resolve()
      : quietly(
          outcome.accepted
            ? ctx.api.editMessageText(chatId, messageId, render.accepted(outcome.accepted.slot, outcome.accepted.display))
            : ctx.api.editMessageReplyMarkup(chatId, messageId, { reply_markup: { inline_keyboard: [] } }),
        );

  if (pressed) {
    const answered = ctx.answerCallbackQuery(outcome.notice ? { text: render.notice(outcome.notice, outcome.view) } : {});
    if (outcome.notice?.key === "form-stale-button") return void (await answered);
    if (outcome.accepted) {
      const sending = send(ctx, next, outcome.roundId, outcome.cursor.seq);
      ctx.deps.background.run("tidy answered question", tidyOld(pressed.messageId), answered);
      await sending;
      return;
    }
    // Moving between screens redraws the pressed message in place.
    ctx.done.shown = { memberId: ctx.member.id, roundId: outcome.roundId, seq: outcome.cursor.seq, messageId: pressed.messageId };
    ctx.deps.background.run("answer callback", answered);
    await quietly(ctx.api.editMessageText(chatId, pressed.messageId, next.text, markup(next)));
    return;
  }

  // A notice (why an answer was refused) is read before the screen it explains.
  if (outcome.notice) await ctx.reply(render.notice(outcome.notice, outcome.view));
  const sending = send(ctx, next, outcome.roundId, outcome.cursor.seq);
  ctx.deps.background.run("tidy answered question", tidyOld(outcome.previousPrompt));
  await sending;
}
