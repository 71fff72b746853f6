zalo-help-officer =
    You are { $role }.
    /start — where your agency's report stands; start or continue filling it in
    /ask — ask your consultant (while filling in: type "ask the consultant" to ask about the question on screen; a picture may come with it)
    While filling in: type the number of a choice (e.g. 1) or its words; commands are always typed as words: "back", "review", "skip", "later", "pause", "submit". On a question asking for a number, a month, a date or a phone number, a number typed is always the answer.
    /lang — change the language
    /web — open the console in a browser (a single-use sign-in link)
    /link — use both Telegram and Zalo
    /help — this guide
    To call or write: the letters (2022–2023) name these contacts; units and numbers as the letters print them:
    { $programmeContacts }
zalo-help-consultant =
    You are { $role }. Officers' questions for your provinces come here: type the number of "Answer", "Close" or "To the secretariat" under a question, then write.
    /queue — your open questions, oldest first
    /progress [round id] — the progress of your provinces
    /web — open the console in a browser (a single-use sign-in link)
    /lang — change the language; /link — use both Telegram and Zalo; /help — this guide
zalo-help-secretariat =
    You are { $role }. Questions for the secretariat come here; answer by typing the number of a line under the question.
    /queue — every open question and each consultant's load
    /progress [round id] [group:id] — progress; /export [round id] — the consolidated workbook (.xlsx, .csv)
    /review &lt;agency id&gt; [round id] — accept or return a submitted report
    /rounds — the reporting rounds; /round create|extend|close|reopen — create, extend, close, reopen one
    /members [agency id] — members; /remove &lt;member id&gt; — withdraw access
    /broadcast — send a message (type the number of the audience)
    /assign &lt;province-id&gt; &lt;consultant-id&gt; — change a province's consultant
    /forms — the forms (a new one: send its XLSForm file on Telegram, or npm run cli -- form import)
    /web — open the console in a browser (a single-use sign-in link)
    /lang — change the language; /link — use both Telegram and Zalo; /help — this guide
zalo-file-link = 📎 { $caption }: { $link } (the link is for you only and works for { $minutes ->
    [15] 15 minutes
   *[other] 24 hours
 })
zalo-file-elsewhere = 📎 { $caption }: the bot cannot send files on Zalo here. See it on Telegram (/link) or ask the secretariat to e-mail it.
zalo-group = The Đề án 06 reporting assistant works in private messages only. Please write to it directly.
zalo-commands =
    { $choices ->
        [yes] Or type: { $commands }
       *[no] Type: { $commands }
    }
