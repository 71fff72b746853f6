zalo-help-officer =
    You are { $role }.
    /start — where your agency's report stands; start or continue filling it in
    While filling in: type the number of a choice (e.g. 1) or its words; type "back", "review", "skip", "pause" or "submit" to move around.
    /lang — change the language
    /link — use both Telegram and Zalo
    /help — this guide
zalo-help-consultant =
    You are { $role }. On Zalo only /help, /lang and /link work so far; officers' questions reach you on Telegram.
zalo-help-secretariat =
    You are { $role }. On Zalo only /help, /lang and /link work so far; the secretariat's commands work on Telegram and from the command line.
zalo-command-not-here = /{ $command } does not work on Zalo yet. Type /help to see what you can do here.
zalo-unsupported = The assistant reads text messages only. Type /help to see what you can do.
zalo-screen-again = The screen changed before your message arrived. This is the current question:
zalo-group = The Đề án 06 reporting assistant works in private messages only. Please write to it directly.
