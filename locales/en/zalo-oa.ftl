zalo-oa-followed =
    Thank you for following. This is the Đề án 06 reporting assistant of { $secretariatName }.
    If you were invited, type your invite code (for example ABCD-EFGH-JKLM) as a message here.
zalo-oa-followed-member = Welcome back. Type /start to see where your report stands, /help for how this works.

## The console's broadcast page: people the Zalo OA may write to only once they write again (its consultation window)
console-broadcast-reach-waiting = Only once they write again (Zalo OA)
console-broadcast-waiting = Waiting for the recipient to write again ({ $count })
console-broadcast-waiting-why = The Zalo OA may write to a person only for a while after their last message, and these people have no other account to receive it on. The message goes out as soon as they write to the OA.
console-broadcast-waiting-since = { $who }: unreachable since { $since }
console-unreachable-now = Not reachable now ({ $count })
console-unreachable-now-row = { $who }: { $count ->
    [one] one message waits
   *[other] { $count } messages wait
}, unreachable since { $since }
console-round-unreachable-since = unreachable since { $since }

## /progress: officers no messenger may reach now (Zalo OA's window closed), whose messages wait for them
progress-unreachable = Not reachable now (messages wait for the officer to write to the Zalo OA):
progress-unreachable-row = • { $agency }: since { $since }
