link-code =
    Link code: <b>{ $code }</b> (single use, valid 10 minutes).
    On the other app (Telegram or Zalo), send the assistant: /link { $code }
    Never give this code to anyone, even someone who says they are support staff: whoever has it can ask to use your account.
link-addresses = Your accounts: { $list }
link-remove-hint = To remove the account you are using: /link remove telegram (typed on Telegram) or /link remove zalo (typed on Zalo)
link-too-many = You asked for many link codes in the past hour; please try again later.
link-pending = The code is right. To protect the account, please confirm on { $where }: the assistant just sent a message there (within 10 minutes).
link-confirm-ask = A { $channel } account just typed your link code to share this account. If that was you, confirm. If not, refuse: someone knows your code.
link-button-confirm = Confirm: that { $channel } is mine
link-button-refuse = That was not me
link-confirmed = The { $channel } account is now linked to you.
link-refused = The owner of the account did not confirm the link.
link-refused-done = Refused: the other account was not linked. If you did not ask for a code, tell the secretariat.
link-request-gone = This link request has expired or was answered already.
link-linked = This { $channel } account is now linked: you are { $role }. Your report in progress and your questions continue here; type /start.
link-linked-other = A { $channel } account was just linked to you. If that was not you, tell the secretariat at once to remove it.
link-already = This account is already linked to you.
link-taken = This account belongs to another user and cannot be linked. Please contact the secretariat.
link-invalid = The link code is wrong or has expired. Ask for a new one with /link in the app you use.
link-removed = The { $channel } account was removed.
link-last = Your last account cannot be removed.
link-not-theirs = You have no { $channel } account to remove.
link-remove-self-only = A { $channel } account can be removed only from itself (type /link remove on { $channel }), or by the secretariat.
link-unlinked-this = This { $channel } account was removed from the Đề án 06 reporting assistant; the answers you gave are kept.
link-unlinked-other = Your { $channel } account was removed (from that account itself).
link-unlinked-by-secretariat = The secretariat removed your { $channel } account.
link-usage = Usage: /link (get a link code), /link &lt;code&gt;, /link remove telegram|zalo (typed on the account to remove)
