progress-group = Counting the group only: { $name } ({ $source }).
progress-title = Progress: { $name }
progress-deadline = Deadline: { $deadline }
progress-submitted = Reports submitted: { $ministries }/{ $ministriesTotal } ministries; { $provinces }/{ $provincesTotal } provinces.
progress-compliant = Meeting 100% of letter 1552's requirements (as the third reminder counts): { $ministries }/{ $ministriesTotal } ministries; { $provinces }/{ $provincesTotal } provinces.
progress-components = By item (met / partly / not met / not answered):
progress-component-line = • Item { $id } ({ $name }): { $met } / { $partial } / { $notMet } / { $unanswered }{ $notApplicable ->
        [0] {""}
       *[other] {" "}(not applicable: { $notApplicable })
    }
progress-late = Late, not submitted ({ $count }):
progress-pending = Not submitted yet ({ $count }):
progress-and-more = and { $count } more
progress-desk-only = Progress is for the secretariat and the consultants.
progress-requirements-488 = Items 1–5 are the rows of the appendix of letter 488 (item 4 gathers 4.1–4.3), not the numbers of letter 1552's requirements. Of the six requirements the third reminder counts, items 1, 2 and 3 stand for requirements (1), (2) and (3); item 4 for requirement (5); item 5 for requirement (6). Requirement (4) (using electronic identification accounts and chip-based ID cards) has no row in the appendix, so it is not counted.
progress-picture-note = Columns 1–5: items 1–5 of the appendix of letter 488 (requirements (1), (2), (3), (5), (6) of letter 1552 as the third reminder counts them; requirement (4) has no item)
progress-picture-title = Progress of { $name }: items 1–5 of the appendix of letter 488
progress-picture-caption = One row per agency, one column per item (1–5) of the appendix of letter 488.
progress-legend-met = Met
progress-legend-partial = Partly met
progress-legend-not-met = Not met
progress-legend-unanswered = Not answered
progress-legend-not-applicable = Not applicable
progress-legend-submitted = Sent
progress-provinces = Provinces
progress-ministries = Ministries
export-caption = Consolidated report: { $name }
export-csv-caption = The one-sheet summary (CSV), for any spreadsheet program
review-usage = Usage: /review &lt;agency-id&gt; [round-id], e.g. /review ha-noi
review-not-submitted = { $agency } has not submitted a report in this round.
review-prompt = The report of <b>{ $agency }</b> (round { $name }): accept it, or send it back for changes?
review-button-accept = ✅ Accept
review-button-return = ↩️ Send back for changes
review-comment-prompt = Type what should be changed (the focal officers will get it):
review-accepted-officer = ✅ The secretariat ({ $secretariatName }) accepted your agency's report for <b>{ $name }</b>. Thank you!
review-returned-officer = ↩️ The secretariat ({ $secretariatName }) sent the report for <b>{ $name }</b> back for changes: { $comment }
review-accepted-done = ✅ The report of { $agency } accepted; { $officers } officers told.
review-returned-done = ↩️ The report of { $agency } sent back; { $officers } officers told.
