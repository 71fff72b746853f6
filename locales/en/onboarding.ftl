onboarding-stranger =
    Hello! This is the reporting assistant of Đề án 06 for the focal officers of ministries and provinces.
    To use it you need an invite from the secretariat ({ $secretariatName }): open the invite link, or send the invite code (for example ABCD-EFGH-JKMN) here.
onboarding-stranger-short = You need an invite to use this assistant.
onboarding-joined =
    Welcome! You are now confirmed as { $role }.
    Send /help to see what you can do.
onboarding-already-member = You are already { $role }. Send /help to see what you can do.
onboarding-welcome-back = Hello, { $role }. Send /help to see what you can do.
onboarding-code-invalid = That invite code is wrong or has expired. Please check it, or ask the secretariat ({ $secretariatName }) for a new one.
onboarding-confirm-change = This invite would change your role from { $current } to { $next }. Do you want to change?
onboarding-button-change = Change my role
onboarding-button-keep = Keep my current role
onboarding-kept = Your role is unchanged; the invite was not used.
onboarding-code-used = That invite code has already been used; each code works once. Please ask the secretariat ({ $secretariatName }) for a new one.
onboarding-locked = Too many wrong invite codes. Please try again in { $minutes } minutes.
