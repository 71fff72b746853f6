round-opened =
    📣 The reporting round <b>{ $name }</b> is open.
    Deadline for the report to { $secretariatName }: <b>{ $deadline }</b>. One question at a time; you can stop and continue whenever you like.
reminder-shortfalls =
    { $form ->
        [imported] By the answers so far, these components are not yet fully met: { $components }.
       *[488] By the answers so far, these items of the appendix of letter 488 are not yet fully met: { $components }.
    }
reminder-not-started = ⏰ Reminder: <b>{ $agency }</b> has not started its report for <b>{ $name }</b>. Due to { $secretariatName } by { $deadline }.
reminder-in-progress = ⏰ Reminder: the report of <b>{ $agency }</b> for <b>{ $name }</b> { $part ->
        [none] is fully answered but not submitted.
       *[other] is { $percent }% done (now at part { $part }).
    } Due to { $secretariatName } by { $deadline }.
reminder-reopened = ⏰ Reminder: the report of <b>{ $agency }</b> for <b>{ $name }</b> was reopened for changes and not yet submitted again ({ $percent }%). Due to { $secretariatName } by { $deadline }.
reminder-not-started-late = ⚠️ Past the deadline of { $deadline }: <b>{ $agency }</b> has not started its report for <b>{ $name }</b>. Please do it now.
reminder-in-progress-late = ⚠️ Past the deadline of { $deadline }: the report of <b>{ $agency }</b> for <b>{ $name }</b> { $part ->
        [none] is fully answered but not submitted. Please submit it now.
       *[other] is only { $percent }% done (now at part { $part }). Please finish it now.
    }
reminder-reopened-late = ⚠️ Past the deadline of { $deadline }: the report of <b>{ $agency }</b> for <b>{ $name }</b> was reopened and not submitted again. Please submit it now.

broadcast-heading = 📢 <b>Message from the secretariat ({ $secretariatName })</b>
broadcast-report = 📊 Delivery of broadcast { $id }: sent { $sent }/{ $total }; blocked { $blocked }; failed { $failed }.
broadcast-unreached = Not reached: { $agencies }
broadcast-choose-target = Who should receive the message?
broadcast-target-everyone = Every member
broadcast-target-provinces = Officers of the provinces
broadcast-target-ministries = Officers of the ministries
broadcast-target-not-submitted = Not submitted in { $round }
broadcast-target-consultant = Provinces of { $name }
broadcast-write = Type the message (to { $count } people in { $agencies } agencies):
broadcast-confirm = Send this message to <b>{ $count }</b> people ({ $agencies } agencies)?
broadcast-button-send = Send
broadcast-queued = ✅ { $count } messages queued (broadcast { $id }). You will get the delivery report when they are out.
broadcast-resend-hint = To send it again to those it did not reach: /broadcast resend { $id }
broadcast-resend-queued = ✅ Queued { $count } messages again (broadcast { $id }). You will get a report when they are sent.
broadcast-resend-nothing = Broadcast { $id } reached everyone it could: nothing to send again.
broadcast-resend-unknown = There is no broadcast { $id }.
broadcast-nobody = Nobody receives it with that choice.
broadcast-unavailable = Broadcasting is not available in this process.
broadcast-refused-unknown-target = Unknown target "{ $target }".
broadcast-refused-no-provinces = No province answers to consultant { $consultant }.

rounds-title = Reporting rounds
rounds-none = No reporting rounds yet. Create one: /round create Name; 15/12/2026 17:00; all
rounds-line = • <b>{ $id }</b> — { $name }: { $state }; deadline { $deadline }; submitted { $submitted }/{ $targeted }
rounds-state-open = open
rounds-state-closed = closed
rounds-state-scheduled = not open yet
round-usage =
    Usage:
    /round create Name; deadline (dd/mm/yyyy hh:mm); targets (all, provinces, ministries, or agency ids); reminders (e.g. 7,3,1 08:30); form (an imported form's id, 488 by default)
    /round extend &lt;round-id&gt; &lt;new deadline&gt;
    /round close &lt;round-id&gt;
    /round reopen &lt;round-id&gt;
round-created = ✅ Round <b>{ $id }</b> created: { $name }, deadline { $deadline }. The officers of its agencies will be told and reminded as planned.
round-changed = ✅ Round <b>{ $id }</b>: { $state }; deadline { $deadline }.
round-refused-no-name = A round needs a name.
round-refused-deadline-not-after-opening = The deadline must come after the opening (after now, when no opening is given).
round-refused-bad-id = The round id { $round } cannot be used: a round id is up to 20 lowercase letters, digits and hyphens.
round-refused-no-form = There is no form { $form } yet. Import its XLSForm workbook first.
round-refused-id-taken = A round with id { $round } exists already.
round-refused-no-round = There is no round { $round }.
round-refused-closed-already = Round { $round } is closed already.
round-refused-open-already = Round { $round } is open already.
target-unknown-group = There is no group of agencies { $group }.
target-unknown-agencies = No such agency id: { $ids }.
target-no-agencies = No agency id was given.
forms-heading = <b>Forms</b> (id, versions, title):
forms-how = A new form or version: send its XLSForm file (.xlsx with survey, choices and settings sheets) to the assistant on Telegram, or use npm run cli -- form import. A form's file to change: /forms &lt;id&gt;, e.g. /forms 488. A round runs it through the fifth part of /round create.
forms-unknown = There is no form <b>{ $id }</b>. See /forms.
forms-workbook = Form <b>{ $id }</b> version { $version } as XLSForm: change it in Excel, raise the version in the settings sheet and send it back to the assistant to import the new version.
forms-not-xlsx = Only forms as Excel .xlsx files in XLSForm (survey, choices and settings sheets) are taken.
forms-unreadable = The file could not be fetched (too large, or a network error). Please send it again.
forms-problems = ❌ The file has { $count } problems; nothing was imported:
forms-more = … and { $count } more.
forms-same = Form <b>{ $id }</b> version { $version } was imported before, the same; nothing changed.
forms-older = Form <b>{ $id }</b> version { $version } is not newer than version { $latest }, imported already. Raise the version in the settings sheet.
forms-imported = ✅ Imported form <b>{ $id }</b> version { $version }: { $title } ({ $questions } questions, { $groups } groups, { $repeats } lists). A round on it: /round create Name; deadline; targets; ; { $id }
