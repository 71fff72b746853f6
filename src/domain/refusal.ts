/**
 * Expected refusals, one shape for every service: `{ ok: false, reason, params }`, the reason a
 * locale key (in every language of locales/, with the same variables: test/unit/locales.test.ts
 * checks it) and the params the values it names (a round id, the agency ids typed). Whoever shows
 * it words it in the reader's language: the chat with its values escaped for HTML
 * (`refusalHtml`), the console and the command line as plain text (`refusalText`), both in
 * src/views.ts. Nothing here knows a language or a messenger. Unexpected failures are thrown.
 */

/** Every reason a service refuses with; each is a locale key. */
export const REFUSAL_REASONS = [
  // Rounds (src/services/rounds.ts) and the targets of a round or a broadcast (./rounds.ts).
  "round-refused-no-name",
  "round-refused-deadline-not-after-opening",
  "round-refused-bad-id",
  "round-refused-no-form",
  "round-refused-id-taken",
  "round-refused-no-round",
  "round-refused-closed-already",
  "round-refused-open-already",
  "target-unknown-group",
  "target-unknown-agencies",
  "target-no-agencies",
  // Broadcasts (src/services/broadcasts.ts, broadcast-queue.ts).
  "broadcast-refused-unknown-target",
  "broadcast-refused-no-provinces",
  "broadcast-unavailable",
  "broadcast-resend-unknown",
  "broadcast-resend-nothing",
  // Reviews (src/services/reports.ts, src/desk/reports.ts).
  "review-unknown-agency",
  "review-not-submitted",
  // Questions (src/services/tickets.ts).
  "ticket-refused-not-found",
  "ticket-refused-not-yours",
  "ticket-refused-closed",
  "ticket-refused-changed",
  "ticket-refused-full",
  "ticket-assign-not-province",
  "ticket-assign-not-consultant",
  // Limits on codes and links (src/services/links.ts, web-sessions.ts).
  "link-too-many",
  "web-too-many",
  // Members and invites (src/services/membership.ts, invites.ts, src/desk/people.ts).
  "members-erase-unknown",
  "invite-usage",
  "invite-unknown-agency",
  "invite-unknown-consultant",
  "invite-unknown-target",
  "invite-cancel-used",
  "invite-cancel-unknown",
  "invite-cancel-ambiguous",
] as const;

export type RefusalReason = (typeof REFUSAL_REASONS)[number];

/** The values a refusal names, by the variable its locale text gives them. */
export type RefusalParams = Readonly<Record<string, string | number>>;

export interface Refusal<R extends RefusalReason = RefusalReason> {
  readonly ok: false;
  readonly reason: R;
  readonly params?: RefusalParams;
}

/** A refusal for `reason`, naming `params` (left out when there are none). */
export const refuse = <R extends RefusalReason>(reason: R, params?: RefusalParams): Refusal<R> =>
  params ? { ok: false, reason, params } : { ok: false, reason };

/** Whether a result that is not an `{ ok }` union (a target, say) is a refusal. */
export const isRefusal = (value: object): value is Refusal => "ok" in value && value.ok === false;
