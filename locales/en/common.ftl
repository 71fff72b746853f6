error-generic = Sorry, something went wrong while handling that. Everything you entered before is kept; please try again.
unhandled-stale-button = This button is out of date. Please use the latest message.
unhandled-edited = Editing a sent message does not change the stored answer. To change an answer, type "review", then choose the part and the answer to change.
unhandled-message = I did not understand that. Send /help to see what you can do.

role-officer = focal officer of <b>{ $agency }</b>
role-consultant = consultant
role-secretariat = a member of the secretariat ({ $secretariatName })

command-start = Start, see where the reporting stands
command-help = How to use this bot
command-lang = Change language (Tiếng Việt / English)
command-link = Link your Telegram and Zalo accounts
command-ask = Ask your consultant
command-queue = Questions waiting for an answer (consultants, secretariat)
command-rounds = Reporting rounds (secretariat)
command-broadcast = Send a broadcast (secretariat)
command-progress = Progress of a round (secretariat, consultants)
web-link =
    Your sign-in link to the console (for you only, single use, within { $minutes } minutes):
    { $link }
    Do not pass this link on. Your sessions: /web sessions; sign out everywhere: /web signout
web-too-many = You asked for many sign-in links in the past hour; please try again later.
web-usage = Usage: /web (a sign-in link to the console), /web sessions (where you are signed in), /web signout (sign out everywhere)
web-sessions-none = You are not signed in to the console anywhere.
web-sessions-title = Your console sessions ({ $count }):
web-sessions-line = • { $device }: since { $started }, last used { $seen }
web-sessions-hint = Sign out everywhere: /web signout (or in the console, under your sessions)
web-signed-out = { $count } console sessions ended.
unhandled-unsupported = The assistant reads text messages only. Type /help to see what you can do.
