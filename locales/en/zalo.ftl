zalo-help-officer =
    You are { $role }.
    /start — where your agency's report stands; start or continue filling it in
    /ask — ask your consultant (while filling in: type the number of "Ask the consultant about this"; a picture may come with it)
    While filling in: type the number of a choice (e.g. 1) or its words; type "back", "review", "skip", "pause" or "submit" to move around.
    /lang — change the language
    /link — use both Telegram and Zalo
    /help — this guide
zalo-help-consultant =
    You are { $role }. Officers' questions for your provinces come here: type the number of "Answer", "Close" or "To the secretariat" under a question, then write. /queue — the open questions; /progress — the progress of your provinces; /lang, /link, /help.
zalo-help-secretariat =
    You are { $role }. Questions for the secretariat come here and are answered as a consultant does. /queue — every open question; /progress — the round's progress. The secretariat's other commands (/export, /review, /rounds, /broadcast, /assign, /members) work on Telegram and from the command line.
zalo-command-not-here = /{ $command } does not work on Zalo yet. Type /help to see what you can do here.
zalo-unsupported = The assistant reads text messages only. Type /help to see what you can do.
zalo-screen-again = The screen changed before your message arrived. This is the current question:
zalo-files-elsewhere = The progress picture and the workbook (.xlsx) cannot be sent on Zalo yet: see them on Telegram (/link) or take them from the command line.
zalo-group = The Đề án 06 reporting assistant works in private messages only. Please write to it directly.
