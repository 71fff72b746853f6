ticket-button-ask = Ask the consultant
ticket-button-answer = Answer
ticket-button-answer-id = Answer #{ $id }
ticket-button-close = Close the question
ticket-button-hand-over = To the secretariat
ticket-button-reassign = Give to a consultant
ticket-button-more = Ask more
ticket-button-cancel = Cancel

ticket-heading = Question #{ $id } — { $agency }
ticket-from = Asked by: { $name }
ticket-item = About: { $item }
ticket-no-text = (no text; see the attachment)
ticket-reason-no-consultant = The province has no consultant, so the secretariat answers.
ticket-reason-ministry = A ministry's question: the secretariat answers.
ticket-reason-not-joined = The province's consultant has not joined the assistant yet, so the secretariat answers.
ticket-reason-handed-over = The consultant handed the question to the secretariat.
ticket-reason-escalated = Not answered in time, so it went to the secretariat.
ticket-reason-reassigned = The secretariat gave the question to another consultant.
ticket-holder-consultant = consultant { $name }
ticket-holder-secretariat = the secretariat ({ $secretariatName })
ticket-said-officer = Officer
ticket-said-consultant = Consultant
ticket-said-secretariat = Secretariat
ticket-earlier = … and { $count } earlier messages (all of them in /queue)
ticket-attachment = Attachment of question #{ $id }

ticket-ask-prompt = Type your question for the consultant (you may attach a screenshot or a document).
ticket-ask-about = About: { $item }
ticket-sent = ✅ Question #{ $id } sent. It will be answered by { $holder }; the answer will come here.
ticket-follow-up = The officer adds:
ticket-follow-up-prompt = Type what you want to add to question #{ $id }:
ticket-follow-up-sent = ✅ Added to question #{ $id }.
ticket-answer-heading = Answer to question #{ $id }
ticket-answer-prompt = Type the answer to question #{ $id } (or reply to the question's message directly):
ticket-answer-sent = ✅ The answer to question #{ $id } was sent.
ticket-hand-over-prompt = A note for the secretariat on question #{ $id } (why you hand it over):
ticket-handed-over = ↪️ The consultant hands this question to the secretariat. Note: { $note }
ticket-handed-over-done = ✅ Question #{ $id } handed to the secretariat.
ticket-closed-done = ✅ Question #{ $id } closed.
ticket-reassign-prompt = Give question #{ $id } to:
ticket-reassigned = The secretariat gives you this question.
ticket-reassigned-done = ✅ Question #{ $id } given to { $name }.
ticket-reminder = ⏰ { $heading } is waiting for your answer. Please answer it soon.
ticket-escalation = Not answered in time: the question goes to the secretariat.
ticket-escalated = { $heading } was not answered in time and went to the secretariat.
ticket-closed = ✅ Question #{ $id } was closed. If anything is still unclear, ask again with /ask.
ticket-cancelled = Cancelled.
ticket-text-expected = Please send text, a photo or a document.

ticket-refused-not-found = That question does not exist.
ticket-refused-not-yours = That question is not yours to handle.
ticket-refused-changed = Someone else handled this question at the same moment; type /queue to see it again, then try again.
ticket-refused-closed = That question is closed.
ticket-refused-full = This question has too many messages. Please close it and ask a new one (/ask).
ticket-officers-only = This is for the focal officers of ministries and provinces.
ticket-secretariat-only = This is for the secretariat.
ticket-queue-desk-only = The list of questions is for consultants and the secretariat.

ticket-queue-title = Open questions: { $count }
ticket-state-waiting = waiting { NUMBER($amount) } working { $unit ->
        [minutes] minutes
       *[hours] hours
    }
ticket-state-answered = answered, not closed
ticket-stats-title = Consultants
ticket-stats-no-answer = none yet
ticket-stats-line = • { $name }: { $open } open; median time to answer: { $median }
ticket-stats-median = { NUMBER($amount) } working { $unit ->
        [minutes] minutes
       *[hours] hours
    }
ticket-stats-line-not-joined = • { $name }: { $open } open; has not joined the assistant

ticket-assign-usage = Usage: /assign <province-id> <consultant-id>, or /assign <province-id> none to give the province to the secretariat. Example: /assign ha-noi nong-cong-hung
ticket-assign-not-province = Not changed: "{ $province }" is not a province id.
ticket-assign-not-consultant = Not changed: "{ $consultant }" is not a consultant id.
ticket-assign-done = ✅ From now on { $who } answers the questions of { $province }.
