form-standing-not-started =
    { $form ->
        [imported] The form “{ $title }” of <b>{ $agency }</b> has not been started.
       *[488] The report on implementing letter 1552 (appendix of letter 488) of <b>{ $agency }</b> has not been started.
    }
    One question at a time; you can stop and continue whenever you like, and every answer is saved at once.
form-standing-in-progress = The report of <b>{ $agency }</b> is being filled in: { $percent }% done, now at part { $part }.
form-standing-reopened = The report of <b>{ $agency }</b> was reopened for changes: { $percent }% done.
form-standing-submitted = The report of <b>{ $agency }</b> was submitted at { $when }. You can view it, or reopen it for changes until the round closes.

form-progress = Part { $part } · question { $index }/{ $total }
form-progress-part = Part { $part }
form-part-heading = Part { $part }.
form-how-text = ✍️ Type your answer.
form-how-choice =
    { $surface ->
        [typed] 👉 Type the option's number or its words.
       *[buttons] 👉 Press a button, or type the option's number.
    }
form-how-integer = 🔢 Type a number (for example 12).
form-how-month = 📅 Type month/year, for example 06/2027.
form-how-phone = 📞 Type a phone number, for example 0912 345 678.
form-how-email = ✉️ Type an e-mail address.
form-how-decimal = 🔢 Type a number, decimals allowed (for example 12.5).
form-how-date = 📅 Type day/month/year, for example 25/11/2026.
form-how-multi = ☑️ Type the numbers of the options you choose, separated by commas (for example 1, 3).
form-optional = (optional: you may choose "Skip")
form-current = Saved: <b>{ $value }</b>
form-current-skipped = Saved: skipped.

form-list-empty = No entries yet.
form-list-none = none
form-list-not-yet = not connected yet (not met)
form-list-prompt-first = Type the name of the first entry (one entry per message), or choose "None" if your agency has none.
form-list-prompt = Type the name of the next entry to add it, choose an entry to view, change or delete it, or choose "The list is complete".
form-new-entry = Type the name of entry { $n }:
form-entry-prompt = Choose a number to change that answer.
form-confirm-delete = Delete <b>{ $name }</b> and all of its answers?
form-entry-deleted = Entry deleted.
form-list-full = The list already has { $max } entries.

form-review-title = Review of the report of { $agency }
form-part-complete = ✅ complete
form-part-open = ⏳ { $count } questions still open
form-value-skipped = <i>(skipped)</i>
form-value-missing = <i>(not answered)</i>
form-review-open = { $count } questions are still open. Choose "Continue" to answer them.
form-review-complete = Everything is answered. Check it, choose "Edit part …" where needed, then choose "Submit the report".
form-review-submitted = The report has been submitted. Choose "Reopen for changes" to change it.
form-review-reopened = The report is reopened for changes and not yet submitted again.
form-review-part-prompt = Choose a number to change that answer.
form-review-part-lists = Choose a list to view, add, change or delete entries.
form-submitted =
    ✅ The report of <b>{ $agency }</b> was submitted at { $when }.
    Thank you! Your colleagues of the same agency see it as submitted too. You can still reopen it for changes until the round closes.
form-paused = ⏸ Paused at { $percent }% done. Every answer is saved. When you come back, choose "Continue" or send /start.

form-stale-button = This button belongs to an old screen. Please use the latest message.
form-use-buttons =
    { $surface ->
        [typed] Please type the number of one of the lines below.
       *[buttons] Please press one of the buttons below.
    }
form-text-expected = This question needs a typed answer; photos, stickers and voice messages are not taken.
form-cannot-skip = This question is required and cannot be skipped.
form-at-first = This is the first question.
form-incomplete = Not yet: { $count } questions are still open. Please answer them.
form-round-closed = The reporting round has closed; the report can be viewed but no longer changed.
form-submitted-locked = The report has been submitted. Choose "Reopen for changes" first.

form-button-start = ▶️ Start
form-button-continue = ▶️ Continue
form-button-view = 📋 View the report
form-button-keep = ✓ Keep it
form-button-skip = ⏭ Skip
form-button-back = ◀️ Back
form-button-review = 📋 Review
form-button-pause = ⏸ Pause
form-button-cancel = ✖️ Cancel
form-button-entry = { $n }
form-button-add = ➕ Add an entry
form-button-none = None
form-button-confirm-part = ✅ Still true, keep this part
form-carried-note = 📋 This part is filled in from the report your agency sent last round. If it still holds, choose "Still true"; if something changed, choose the number of the answer to change.
form-button-not-yet = Not connected yet
form-button-suggest = 🏢 { $value }
form-button-list-done = ✅ The list is complete
form-button-confirm-delete = 🗑 Delete
form-button-delete = 🗑 Delete this entry
form-button-edit-n = { $n }
form-button-back-to-list = ◀️ Back to the list
form-button-edit-part = ✏️ Edit part { $part }
form-button-edit-list = 📝 List { $number }
form-button-back-to-review = ◀️ Back to the review
form-button-submit = 📨 Submit the report
form-button-reopen = ✏️ Reopen for changes

invalid-empty = The answer is empty. Please type it again.
invalid-text-too-long = The answer has { $length } characters, more than the { $max } allowed. Please shorten it.
invalid-choice =
    { $surface ->
        [typed] There is no such option. Please type a number from 1 to { $count }, or the option's words.
       *[buttons] There is no such option. Please press a button, or type a number from 1 to { $count }.
    }
invalid-integer = Please type a whole number of zero or more, for example 12.
invalid-integer-range = Please type a number from { $min } to { $max }.
invalid-integer-at-least = This number cannot be smaller than { $min } (your answer to the previous question).
invalid-month = Please type month/year as MM/YYYY, for example 06/2027.
invalid-month-range = The month must be between { $from } and { $to }.
invalid-phone = That phone number is not right: mobile numbers have 10 digits (e.g. 0912 345 678), landlines 11 (e.g. 024 3943 4567).
invalid-email = That e-mail address is not right, for example: name@sotttt.hanoi.gov.vn
invalid-decimal = Please type a number, for example 12 or 12.5.
invalid-date = Please type a real date as day/month/year, for example 25/11/2026.
invalid-multi = Please type the numbers of the options (1 to { $count }), separated by commas, for example 1, 3.
invalid-constraint =
    { $reason ->
        [none] The answer does not meet what the question asks. Please type it again.
       *[other] { $reason }
    }
form-summary-compliance = Compliance at a glance (components, counting each system):
form-summary-lists = Systems listed:
form-summary-compliant = 🎯 With this report, <b>{ $agency }</b> counts as <b>meeting 100% of the requirements</b>.
form-summary-not-compliant = With this report, <b>{ $agency }</b> does <b>not yet</b> count as meeting 100% of the requirements. Held back by:
form-summary-component = Item { $number } ({ $name })
form-summary-status-partial = partly met
form-summary-status-not-met = not met
form-summary-status-unanswered = not answered
form-summary-none-listed = no system listed
form-summary-no-answer = not answered
form-summary-more = and { $count } more
form-standing-returned =
    The secretariat ({ $secretariatName }) sent the report of <b>{ $agency }</b> back for changes: { $comment }
    When it is amended, open "Review" and submit it again.
form-screen-again = The screen changed before your message arrived. This is the current question:
