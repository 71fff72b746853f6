progress-group = Counting the group only: { $name } ({ $source }).
progress-title = Progress: { $name }
progress-deadline = Deadline: { $deadline }
progress-submitted = Reports submitted: { $ministries }/{ $ministriesTotal } ministries; { $provinces }/{ $provincesTotal } provinces.
progress-compliant = Meeting 100% of letter 1552: { $ministries }/{ $ministriesTotal } ministries; { $provinces }/{ $provincesTotal } provinces.
progress-components = By component (met / partly / not met / not answered):
progress-component-line = • Component { $id } ({ $name }): { $met } / { $partial } / { $notMet } / { $unanswered }{ $notApplicable ->
        [0] {""}
       *[other] {" "}(not applicable: { $notApplicable })
    }
progress-late = Late, not submitted ({ $count }):
progress-pending = Not submitted yet ({ $count }):
progress-and-more = and { $count } more
progress-desk-only = Progress is for the secretariat and the consultants.
progress-picture-title = Progress of { $name }: components 1–5 of letter 1552
progress-picture-caption = One row per agency, one column per component (1–5) of letter 1552.
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
review-accepted-officer = ✅ The secretariat accepted your agency's report for <b>{ $name }</b>. Thank you!
review-returned-officer = ↩️ The secretariat sent the report for <b>{ $name }</b> back for changes: { $comment }
review-accepted-done = ✅ The report of { $agency } accepted; { $officers } officers told.
review-returned-done = ↩️ The report of { $agency } sent back; { $officers } officers told.
