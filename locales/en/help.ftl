help-officer =
    You are { $role }.
    /start — see where your agency's report stands
    /lang — change language
    /help — this help
help-consultant =
    You are { $role }.
    /start — start
    /lang — change language
    /help — this help
help-secretariat =
    You are { $role }.
    /start — start
    /lang — change language
    /help — this help
    Invites: npm run cli -- invite --role officer --agency ha-noi
