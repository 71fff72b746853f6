import { type Address, type ChannelName, formatAddress, type MemberId } from "../channels/address.js";

/**
 * Every Redis key the bot writes, in one place. The README's data model section lists the same
 * patterns; keep the two in step. All keys start with the configured prefix (default `d06:`).
 */
export type Keys = ReturnType<typeof redisKeys>;

export function redisKeys(prefix: string) {
  return {
    /** Hash: one person who joined by invite (role, agency or consultant id, language, joined at, addresses, preferred address). */
    member: (memberId: MemberId) => `${prefix}member:${memberId}`,
    /** Hash: a removed member's record as it was (profile for the attribution of past answers), with `removedAt`, `removedBy`; the latest removal; after `member erase`, no profile or addresses and `erasedAt`. */
    removedMember: (memberId: MemberId) => `${prefix}member-removed:${memberId}`,
    /** List of JSON { removedAt, removedBy, role, agencyId, consultantId, joinedAt, profile, addresses }: every removal of this id, oldest first (profile and addresses emptied by `member erase`). */
    memberRemovals: (memberId: MemberId) => `${prefix}member-removals:${memberId}`,
    /** Stream, capped at about 100,000 entries: who (member id, or `cli:<login>`) exported, downloaded, reviewed, removed, erased or signed in to the console, and which round or agency; no names (src/services/access-log.ts). */
    accessLog: `${prefix}access-log`,
    /** String, expires after a minute: written before a WAIT that must cover every earlier write (src/storage/replicas.ts). */
    replicaBarrier: `${prefix}replica-barrier`,
    /** String: the member id an address (`telegram:<id>`, `zalo:<id>`) belongs to. */
    address: (address: Address) => `${prefix}address:${formatAddress(address)}`,
    /** String, expires after 10 minutes: the member a one-time link code (by its SHA-256) binds a new address to. */
    linkCode: (codeHash: string) => `${prefix}link-code:${codeHash}`,
    /** Hash { memberId, address }, expires after 10 minutes: a new address waiting for the member to confirm it from one they have. */
    linkPending: (id: string) => `${prefix}link-pending:${id}`,
    /** Counter, expires after an hour: link codes one member asked for. */
    linkIssued: (memberId: MemberId) => `${prefix}link-issued:${memberId}`,
    /** Set: the one-off data migrations already applied (see src/storage/migrations.ts). */
    migrations: `${prefix}migrations`,
    /** Set of member ids: the members of one agency. */
    agencyMembers: (agencyId: string) => `${prefix}agency-members:${agencyId}`,
    /** Set of member ids: the accounts of one consultant. */
    consultantMembers: (consultantId: string) => `${prefix}consultant-members:${consultantId}`,
    /** Set of member ids: the members of the secretariat. */
    secretariatMembers: `${prefix}secretariat-members`,
    /** Set of member ids: every member. */
    allMembers: `${prefix}members`,
    /** Hash, expires with the invite: an invite, by the HMAC-SHA-256 of its code under the invite secret. */
    invite: (codeHash: string) => `${prefix}invite:${codeHash}`,
    /** Sorted set of invite keys (code HMACs) by expiry: the invites not used, cancelled or expired yet, for /invite list. */
    openInvites: `${prefix}invites-open`,
    /** Set of invite keys (code HMACs): the invites one member made in the chat, withdrawn when the member is removed. */
    invitesIssuedBy: (memberId: MemberId) => `${prefix}invites-by:${memberId}`,
    /** String: the secret invite codes are keyed with, when INVITE_SECRET is not set. */
    inviteSecret: `${prefix}secret:invites`,
    /** String: the secret links to files are signed with. */
    fileLinkSecret: `${prefix}secret:files`,
    /** String, expires when the link would have: a file link withdrawn before its time (`npm run cli -- file-link revoke`). */
    fileLinkRevoked: (linkId: string) => `${prefix}file-link-revoked:${linkId}`,
    /** String, expires after an hour: a stranger (no member) already told `what` ("stranger", "locked") at this address, so strangers cannot spend the send budget. */
    strangerAnswered: (address: Address, what: string) => `${prefix}stranger-answered:${what}:${formatAddress(address)}`,
    /** Counter, expires after the lock-out window: wrong invite codes sent from one address (`telegram:<id>`, `zalo:<id>`). */
    inviteFailures: (address: Address) => `${prefix}invite-failures:${formatAddress(address)}`,
    /** Sorted set, expires: the last update ids applied in one Telegram chat (see applied-updates.ts). */
    appliedUpdate: (chatId: number | string) => `${prefix}applied-updates:${chatId}`,
    /** Hash: one agency's response in one round (answers, entries, status; see responses.ts). */
    response: (roundId: string, agencyId: string) => `${prefix}response:${roundId}:${agencyId}`,
    /** List of JSON changes { path, old, new, by, at }: every change to that response, oldest first. */
    responseHistory: (roundId: string, agencyId: string) => `${prefix}response-history:${roundId}:${agencyId}`,
    /**
     * Hash and list, as `response` and `responseHistory`: a report of an agency that merged into
     * another (`npm run cli -- agencies migrate`) and was not kept as the new agency's own (another
     * predecessor's was more complete), kept as history under the agency that took it in.
     */
    mergedResponse: (roundId: string, agencyId: string, predecessorId: string) =>
      `${prefix}merged-response:${roundId}:${agencyId}:${predecessorId}`,
    mergedResponseHistory: (roundId: string, agencyId: string, predecessorId: string) =>
      `${prefix}merged-response-history:${roundId}:${agencyId}:${predecessorId}`,
    /** Counter: grows with every change to any response of a round (a step, a review), so readers of a whole round know when to read again. */
    roundChanges: (roundId: string) => `${prefix}round-changes:${roundId}`,
    /** Hash: where one officer is in the form of a round (seq, screen, prompt message id). */
    cursor: (roundId: string, memberId: MemberId) => `${prefix}cursor:${roundId}:${memberId}`,
    /** Counter: the last ticket number given. */
    ticketSeq: `${prefix}ticket-seq`,
    /** Hash: one officer's question (agency, officer, assignee, status, times, form item, fired timers). */
    ticket: (id: number) => `${prefix}ticket:${id}`,
    /** List of JSON messages { from, userId, text, attachment, at }: the question and everything said on it. */
    ticketThread: (id: number) => `${prefix}ticket-thread:${id}`,
    /** Sorted set of ticket ids by creation time: every ticket not yet closed. */
    openTickets: `${prefix}tickets-open`,
    /** Sorted set of ticket ids by creation time: the open tickets of one assignee ("consultant:<id>" or "secretariat"). */
    assigneeTickets: (assignee: string) => `${prefix}tickets-open:${assignee}`,
    /** List of numbers: a consultant's last 1,000 times to first answer, in ms. */
    answerTimes: (consultantId: string) => `${prefix}answer-times:${consultantId}`,
    /** String, expires after 180 days: the ticket a message in a chat is about, so replies to it find it. */
    ticketMessage: (chatId: number, messageId: number) => `${prefix}ticket-message:${chatId}:${messageId}`,
    /** String JSON, expires after a day: what a person is writing now (a question, an answer, a note). */
    composing: (memberId: MemberId) => `${prefix}composing:${memberId}`,
    /** Hash province id → consultant id ("" for the secretariat): the secretariat's changes to letter 8402. */
    assignments: `${prefix}assignments`,
    /** List of JSON { provinceId, consultantId, by, at }: every change of assignment. */
    assignmentLog: `${prefix}assignment-log`,
    /** String JSON: a questionnaire imported from an XLSForm workbook, one version of it (src/form/xlsform/model.ts). */
    importedForm: (formId: string, version: number) => `${prefix}form:${formId}:${version}`,
    /** Sorted set of versions by version number: the versions of one imported form. */
    formVersions: (formId: string) => `${prefix}form-versions:${formId}`,
    /** Set: the ids of the imported forms. */
    importedForms: `${prefix}forms`,
    /** Hash: one reporting round (name, form, opening, deadline, targets, reminder plan, closed at) and the scheduler's marks. */
    round: (id: string) => `${prefix}round:${id}`,
    /** Sorted set of round ids by opening time. */
    rounds: `${prefix}rounds`,
    /** Counter: grows with every change to a round, so processes know when to read the rounds again. */
    roundsVersion: `${prefix}rounds-version`,
    /** Counter: the last generated round number (ids r1, r2, …). */
    roundSeq: `${prefix}round-seq`,
    /** String: with CLOCK=adjustable, the offset in ms every process adds to the system clock. */
    clockOffset: `${prefix}clock:offset`,
    /** Sorted set: the moments of recent sends, for the global sliding-window rate limit. */
    sendWindow: (channel: ChannelName) => `${prefix}outbox:window:${channel}`,
    /** Sorted set: the last send to one address, for the one-message-a-second limit per chat. */
    chatWindow: (address: Address) => `${prefix}outbox:chat:${formatAddress(address)}`,
    /** String: until when (ms) Telegram asked everyone to wait after a 429. */
    sendPause: (channel: ChannelName) => `${prefix}outbox:paused-until:${channel}`,
    /** String, expires after 7 days: an outbox job that was sent (or is being sent), so none goes twice. */
    outboxSent: (jobId: string) => `${prefix}outbox:sent:${jobId}`,
    /** String, expires after a day: since when (ms) the channel may not write to this address (Zalo OA's window closed), until the person writes again. */
    outboxClosed: (address: Address) => `${prefix}outbox:closed:${formatAddress(address)}`,
    /** Hash: a member's messages no address could take, waiting for their next message: key (the job id, or `b:<broadcast id>`) → JSON { since, message }. */
    outboxWaiting: (memberId: MemberId) => `${prefix}outbox:waiting:${memberId}`,
    /** Sorted set of member ids by since when (ms) messages wait for them: who cannot be reached, and since when. */
    outboxWaitingMembers: `${prefix}outbox:waiting-members`,
    /** Sorted set, expires 30 days after its last member: a broadcast's recipients whose message waits for their next message, by since when (ms); the member's `outbox:waiting` hash is the truth. */
    outboxWaitingBroadcast: (broadcastId: string) => `${prefix}outbox:waiting-broadcast:${broadcastId}`,
    /** Hash: one broadcast's text, sender, total, and its counters sent / blocked / failed. */
    broadcast: (id: string) => `${prefix}broadcast:${id}`,
    /** List of JSON recipients: whom a broadcast sent from the chat was queued for, kept as long as its update's effect mark, for the update's repeat. */
    broadcastRecipients: (id: string) => `${prefix}broadcast-recipients:${id}`,
    /** Set: the agencies a broadcast did not reach. */
    broadcastUnreached: (id: string) => `${prefix}broadcast-unreached:${id}`,
    /** Hash member id → "<blocked|failed>|<agency id>": the recipients a broadcast did not reach, for `broadcast resend`. */
    broadcastFailed: (id: string) => `${prefix}broadcast-failed:${id}`,
    /** Hash member id → "<resend number>|<agency id>": recipients a resend queued again whose message has not ended yet. */
    broadcastResending: (id: string) => `${prefix}broadcast-resending:${id}`,
    /** Set: the outbox jobs of a broadcast already counted, so a job run twice counts once. */
    broadcastSettled: (id: string) => `${prefix}broadcast-settled:${id}`,
    /** String, expires after a day: a console confirmation already used (src/console/once.tsx), and what it made ("" while it is being made). */
    confirmationUsed: (once: string) => `${prefix}confirmation-used:${once}`,
    /** Counter: the last broadcast number. */
    broadcastSeq: `${prefix}broadcast-seq`,
    /** String JSON, expires after 30 days: the buttons last shown as numbered lines at an address without buttons (Zalo). */
    menu: (address: Address) => `${prefix}menu:${formatAddress(address)}`,
    /** String, expires after 2 days: a Zalo message already taken in, by its message_id. */
    zaloSeen: (messageId: string) => `${prefix}zalo-seen:${messageId}`,
    /** String, expires after 2 days: a Zalo OA event already taken in, by its msg_id (or, for an event without one, its signature). */
    zaloOaSeen: (id: string) => `${prefix}zalo-oa-seen:${id}`,
    /** Hash `access`, `refresh`, `expiresAt`, `refreshAt`, `refreshedAt`, `seed`, `failure`, `failedAt`: the Zalo OA's tokens (src/zalo-oa/tokens.ts); the refresh token works once. */
    zaloOaTokens: `${prefix}zalo-oa:tokens`,
    /** String, expires after 30 seconds: the process refreshing the OA's tokens now; the others wait for its pair. */
    zaloOaTokenLock: `${prefix}zalo-oa:token-lock`,
    /**
     * Stream: updates kept before they are applied, one per messenger; and those given up on.
     * Beside each, the sorted set `<intake>:waiting:<chat>` of a chat's entries not yet applied (src/intake/stream.ts).
     */
    intake: (channel: string) => `${prefix}intake:${channel}`,
    /**
     * Stream { entry, chat, update, error }: updates given up on, trimmed after PARKED_RETENTION_DAYS, their
     * `update` stored with its text, captions and names redacted. Beside it, the string `<parked>:whole:<entry>`,
     * expiring after 24 hours: the update as it came, for `npm run cli -- intake parked retry`.
     */
    intakeParked: (channel: string) => `${prefix}intake-parked:${channel}`,
    /** Hash round id → the closing time (ms) whose retention was applied (ROUND_RETENTION_DAYS, src/services/retention.ts). */
    roundRetention: `${prefix}round-retention`,
    /** String: a group chat already told that the bot serves private chats only. */
    zaloGroupTold: (chatId: string) => `${prefix}zalo-group-told:${chatId}`,
    /** String: the Zalo bot's name and share link (ZALO_BOT_URL), written at start-up so the CLI can say how to join on Zalo. */
    zaloBot: `${prefix}bot:zalo`,
    zaloOa: `${prefix}bot:zalo-oa`,
    /** Hash `mime`, `bytes`, expires after ATTACHMENT_RETENTION_DAYS: a picture the bot keeps for the other side (a Zalo photo). */
    attachment: (id: string) => `${prefix}attachment:${id}`,
    /** String JSON { memberId, right }, expires after 10 minutes: a web console sign-in link not used yet, by the SHA-256 of its nonce. */
    webSignIn: (nonceHash: string) => `${prefix}web-sign-in:${nonceHash}`,
    /** Counter, expires after an hour: sign-in links one member asked for. */
    webSignInIssued: (memberId: MemberId) => `${prefix}web-sign-in-issued:${memberId}`,
    /** Hash { memberId, right, createdAt, seenAt, csrf, device }, expires after 8 hours idle: a console session, by the SHA-256 of its cookie. */
    webSession: (sessionHash: string) => `${prefix}web-session:${sessionHash}`,
    /** Set of session hashes: one member's console sessions. */
    webSessionsOf: (memberId: MemberId) => `${prefix}web-sessions:${memberId}`,
    /** Hash { name, createdBy, createdAt, lastUsedAt }: a read-only API token, by the SHA-256 of its text. */
    apiToken: (tokenHash: string) => `${prefix}api-token:${tokenHash}`,
    /** Sorted set of token hashes by creation time: every API token. */
    apiTokens: `${prefix}api-tokens`,
    /** String: the secret console sign-in links are signed with. */
    webSecret: `${prefix}secret:web`,
    /** Counter, expires after 2 days: the bytes of the pictures one member sent on one day (UTC), against ATTACHMENT_DAILY_BYTES. */
    attachmentQuota: (memberId: MemberId, day: string) => `${prefix}attachment-quota:${memberId}:${day}`,
    /** String: the bot's @username, written at start-up so the CLI can print deep links. */
    botUsername: `${prefix}bot:username`,
    /** Hash { roundId, by, status, done, total, file, startedAt, updatedAt }, expires after a day: a consolidated workbook being built for the console. */
    exportJob: (id: string) => `${prefix}export-job:${id}`,
  };
}
