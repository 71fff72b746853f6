help-officer =
    You are { $role }.
    /start — see where your agency's report stands, start or continue it
    /ask — ask your consultant (while filling in, press "Ask the consultant" under the question); without one, the question goes to the secretariat ({ $secretariatName })
    /lang — change language
    /web — open the console in a browser (a single-use sign-in link)
    /link — use both Telegram and Zalo
    /help — this help
    To call or write: the letters (2022–2023) name these contacts; units and numbers as the letters print them:
    { $programmeContacts }
help-consultant =
    You are { $role }. The questions of the officers of your provinces come here.
    To answer, reply to the question's message, or press "Answer".
    /queue — your open questions, oldest first
    /progress [round id] — the progress of your provinces
    /lang — change language
    /web — open the console in a browser (a single-use sign-in link)
    /link — use both Telegram and Zalo
    /help — this help
help-secretariat =
    You are { $role }. Questions from provinces without a consultant, from ministries, and late ones come here.
    /queue — every open question and each consultant's load
    /progress [round id] [group:id] — progress; /export [round id] — the consolidated workbook (.xlsx, .csv)
    /review &lt;agency id&gt; [round id] — accept or return a submitted report
    /rounds — the reporting rounds; /round create|extend|close|reopen — create, extend, close, reopen one
    /invite officer &lt;agency id&gt; | consultant &lt;id&gt; | secretariat — make an invite
    /members [agency id] — members; /remove &lt;member id&gt; — withdraw access
    /broadcast — send a message to officers; /broadcast resend &lt;id&gt; — again to those it did not reach
    /assign &lt;province-id&gt; &lt;consultant-id&gt; — change a province's consultant
    /forms — the forms; send an XLSForm file (.xlsx) to import a new one
    /lang — change language
    /web — open the console in a browser (a single-use sign-in link)
    /link — use both Telegram and Zalo
    /help — this help
