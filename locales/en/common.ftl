error-generic = Sorry, something went wrong while handling that. Everything you entered before is kept; please try again.
unhandled-stale-button = This button is out of date. Please use the latest message.
unhandled-edited = Editing a sent message does not change the stored answer. To change an answer, type "review", then choose the part and the answer to change.
unhandled-message = I did not understand that. Send /help to see what you can do.

role-officer = focal officer of <b>{ $agency }</b>
role-consultant = consultant
role-secretariat = the Working Group's secretariat

command-start = Start, see where the reporting stands
command-help = How to use this bot
command-lang = Change language (Tiếng Việt / English)
command-link = Link your Telegram and Zalo accounts
command-ask = Ask your consultant
command-queue = Questions waiting for an answer (consultants, secretariat)
command-rounds = Reporting rounds (secretariat)
command-broadcast = Send a broadcast (secretariat)
command-progress = Progress of a round (secretariat, consultants)
