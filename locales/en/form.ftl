form-standing-not-started =
    { $form ->
        [imported] The form “{ $title }” of <b>{ $agency }</b> has not been started.
       *[488] The report on implementing letter 1552 (appendix of letter 488) of <b>{ $agency }</b> has not been started.
    }
    One question at a time; you can stop and continue whenever you like, and every answer is saved at once.
form-standing-in-progress = { $part ->
        [none] The report of <b>{ $agency }</b> is fully answered but not submitted: open it to review and submit.
       *[other] The report of <b>{ $agency }</b> is being filled in: { $percent }% done, now at part { $part }.
    }
form-standing-reopened = The report of <b>{ $agency }</b> was reopened for changes: { $percent }% done.
form-standing-submitted = The report of <b>{ $agency }</b> was submitted at { $when }. You can view it, or reopen it for changes until the round closes.

form-progress = Part { $part }/{ $parts } · { $percent }%
form-row = Item { $number } · { $name }
form-row-system = Item { $number }
form-part-heading = Part { $part }
form-how-integer = Type a number, for example 12.
form-how-month = Type the month and year, for example 06/2027.
form-how-phone = Type a phone number, for example 0912 345 678.
form-how-email = Type an e-mail address.
form-how-decimal = Type a number, decimals allowed, for example 12.5.
form-how-date = Type the day, month and year, for example 25/11/2026.
form-how-multi = Type the numbers of the options you choose, separated by commas, for example 1, 3.
form-optional = (optional)
form-current = Answered: <b>{ $value }</b>
form-current-skipped = This question was skipped.

form-list-none = none
form-list-not-yet = not connected yet (not met)
form-list-count =
    { $entries ->
        [system] { $count } systems
       *[entry] { $count } entries
    }
form-list-prompt-first =
    { $entries ->
        [system] Type the name of the first system (one system per message). If your agency has none, choose "None".
       *[entry] Type the name of the first entry (one entry per message). If there is none, choose "None".
    }
form-list-prompt-first-not-yet =
    { $entries ->
        [system] Type the name of the first system (one system per message). If no system is connected yet, choose "Not connected yet".
       *[entry] Type the name of the first entry (one entry per message). If there is none yet, choose "Not connected yet".
    }
form-list-prompt-first-counted = Type the name of the first entry (one entry per message).
form-list-prompt-counted-full = The list has all the entries it needs. Choose the number of an entry to view or edit it.
form-list-prompt =
    { $entries ->
        [system] Type another system's name to add it; choose a system's number to view or change it.
       *[entry] Type another entry's name to add it; choose an entry's number to view or change it.
    }
form-new-entry =
    { $entries ->
        [system] Type the name of system { $n }:
       *[entry] Type the name of entry { $n }:
    }
form-entry-prompt = Choose a number to change that answer.
form-confirm-delete =
    { $entries ->
        [system] Delete the system <b>{ $name }</b> and all answers about it?
       *[entry] Delete <b>{ $name }</b> and all of its answers?
    }
form-entry-deleted =
    { $entries ->
        [system] System deleted.
       *[entry] Entry deleted.
    }
form-list-wanted = This list needs { $count } entries; it has { $have }.
form-list-full =
    { $entries ->
        [system] The list already has { $max } systems; no more can be added.
       *[entry] The list already has { $max } entries; no more can be added.
    }
# A system listed in several rows (1, 4.1–4.3) under one name, renamed in one of them. $places: form-same-system-place, joined by commas.
form-same-system =
    This system is also listed in { $places }. Renamed to <b>{ $name }</b>: is it still the same system?
    <i>Same system: renamed there too. Another system: renamed here only, and item { $each } is asked for it on its own.</i>
form-same-system-place = item { $number } (as <i>{ $name }</i>)
form-button-same-system = Same system
form-button-other-system = Another system
# A rename onto the name of a system listed in another row: they are one system now.
form-system-joined = This name is that of a system listed in item { $row }: they are one system now, asked item { $each } once.

form-review-title = Review of the report of { $agency }
form-part-complete = all { $count } answered{ $skipped ->
        [0] {""}
       *[other] , { $skipped } skipped
    }
form-part-open = { $count } questions still open
form-value-skipped = <i>(skipped)</i>
form-value-missing = <i>(not answered)</i>
form-system-open = { $count } questions still open
form-each-on-systems = answered per system, on each system's line{ $open ->
        [0] {""}
       *[other] ; { $open } questions still open
    }
form-review-open = { $count } questions are still open. Choose "Continue" to answer them, or a part to view it.
form-review-complete = Everything is answered. Check each part and change what is needed, then choose "Submit the report".
form-review-submitted = The report has been submitted. Choose a part to view it; to change it, choose "Reopen for changes".
form-review-reopened = The report is reopened for changes and not yet submitted again.
form-review-part-prompt = Choose a number to change an answer, or to open a system or a list.
form-review-part-lists = Choose a list to view, add, change or delete entries.
form-submitted =
    The report of <b>{ $agency }</b> was submitted at { $when }.
    Thank you. You can reopen it for changes until the round closes.
form-paused = Paused; the report is { $percent }% done. Every answer is saved. When you come back, choose "Continue" or send /start.

form-stale-button = This button belongs to an old screen. Please use the latest message.
form-use-buttons =
    { $surface ->
        [typed] Please type the number of a line, or a command of the "Type:" line below.
       *[buttons] Please press one of the buttons below.
    }
form-text-expected = This question needs a typed answer; photos, stickers and voice messages are not taken.
form-cannot-skip = This question is required and cannot be skipped. If you do not have the information yet, choose "Later": the question stays open and must be answered before the report is submitted.
form-required-later = The question just before is required: it stays open and must be answered before the report is submitted.
form-at-first = This is the first question.
form-incomplete = Not yet: { $count } questions are still open:
form-open-more = and { $count } more
form-open-list = list not said complete
form-round-closed = The reporting round has closed; the report can be viewed but no longer changed.
form-submitted-locked = The report has been submitted. To change it, choose "Reopen for changes" first.

form-button-start = Start
form-button-continue = Continue
form-button-view = View the report
form-button-keep = Keep it
form-button-skip = Skip
form-button-later = Later
form-button-acknowledge = OK
form-button-back = Back
form-button-review = Review
form-button-pause = Pause
form-button-cancel = Cancel
form-button-entry = { $n }
form-button-add =
    { $entries ->
        [system] Add a system
       *[entry] Add an entry
    }
form-button-none = None
form-button-confirm-part = Still true
form-carried-note = This part is filled in from the report your agency sent last round. If it still holds, choose "Still true"; if something changed, choose the number of the answer to change.
form-button-not-yet = Not connected yet
form-button-suggest = { $value }
form-button-list-done = The list is complete
form-button-confirm-delete = Delete
form-button-delete =
    { $entries ->
        [system] Delete this system
       *[entry] Delete this entry
    }
form-button-edit-n = { $n }
form-button-back-to-list = Back to the list
form-button-back-to-part = Back to this part
form-button-part = Part { $part }
form-button-back-to-review = Back to the review
form-button-submit = Submit the report
form-button-reopen = Reopen for changes

invalid-empty = The answer is empty. Please type it again.
invalid-acknowledge = Press "OK" (or type "ok") to confirm you have read it.
invalid-text-too-long = The answer has { $length } characters, more than the { $max } allowed. Please shorten it.
invalid-choice =
    { $surface ->
        [typed] There is no such option. Type a number from 1 to { $count }, or the option's words.
       *[buttons] There is no such option. Press an option, or type a number from 1 to { $count }.
    }
invalid-integer = Type a number, for example 12 (no unit needed).
invalid-integer-range = Type a number from { $min } to { $max }.
invalid-integer-at-least = This number cannot be smaller than { $min } (your answer to the previous question).
invalid-month = Type the month and year, for example 06/2027.
invalid-month-no-year = The year is missing: type the month and year, for example { $example }.
invalid-month-quarter = This question asks for a month. Quarter { $quarter } of { $year } is written as its last month, { $month }: { $surface ->
        [typed] if that is right, type { $month }.
       *[buttons] if that is right, press { $month } or type it.
    }
invalid-month-range = The month and year must be between { $from } and { $to }.
invalid-phone = That phone number is not right: mobile numbers have 10 digits (e.g. 0912 345 678), landlines 11 (e.g. 024 3943 4567).
invalid-email = That e-mail address is not right, for example: name@sokhcn.hanoi.gov.vn
invalid-decimal = Type a number, for example 12 or 12.5.
invalid-date = Type a real date as day, month and year, for example 25/11/2026.
invalid-multi = Type the numbers of the options (1 to { $count }), separated by commas, for example 1, 3.
invalid-constraint =
    { $reason ->
        [none] The answer does not meet what the question asks. Please type it again.
       *[other] { $reason }
    }
form-summary-compliant = With this report, <b>{ $agency }</b> counts as <b>meeting 100% of the requirements</b>.
form-summary-not-compliant = <b>{ $agency }</b> does <b>not yet</b> meet 100% of the requirements, held back by:
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
form-how-image =
    { $surface ->
        [typed] Send a photo: tap the picture icon in the chat bar, then pick a photo or take one.
       *[buttons] Send a photo: tap the attach button (📎), then pick a photo or take one.
    }
form-how-geopoint =
    { $surface ->
        [typed] Type the latitude and longitude, separated by a comma, for example 21.0285, 105.8542 (in Google Maps, press and hold the place to see them).
       *[buttons] Share a location: tap the attach button (📎), then "Location". Or type the latitude and longitude, for example 21.0285, 105.8542.
    }
invalid-image =
    { $surface ->
        [typed] This question needs a photo (tap the picture icon in the chat bar); typed text is not taken.
       *[buttons] This question needs a photo (tap the attach button 📎); typed text is not taken.
    }
invalid-geopoint = That is not a place the bot can read. Type the latitude and longitude, separated by a comma, for example 21.0285, 105.8542.
invalid-geopoint-range = The latitude must be between -90 and 90 and the longitude between -180 and 180, for example 21.0285, 105.8542.
form-photo-not-kept = This photo could not be received (too large, or it could not be downloaded). Please send it again, or send a smaller one.
