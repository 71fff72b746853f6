link-code =
    🔗 Link code: <b>{ $code }</b> (single use, valid 10 minutes).
    On the other app (Telegram or Zalo), send the assistant: /link { $code }
link-addresses = Your accounts: { $list }
link-remove-hint = To remove one: /link remove telegram or /link remove zalo
link-too-many = You asked for many link codes in the past hour; please try again later.
link-linked = 🔗 This { $channel } account is now linked: you are { $role }. Your report in progress and your questions continue here; type /start.
link-linked-other = 🔗 A { $channel } account was just linked to you. If that was not you, type /link remove { $channelId } and tell the secretariat.
link-already = This account is already linked to you.
link-taken = This account belongs to another user and cannot be linked. Please contact the secretariat.
link-invalid = The link code is wrong or has expired. Ask for a new one with /link in the app you use.
link-removed = The { $channel } account was removed.
link-last = Your last account cannot be removed.
link-not-theirs = You have no { $channel } account to remove.
link-usage = Usage: /link (get a link code), /link &lt;code&gt;, /link remove telegram|zalo
