import type { UserFromGetMe } from "grammy/types";

/**
 * Who the bot is when it runs in process, its Bot API answered by a stand-in `fetch` (the XLSForm
 * walker, the benchmarks): given to grammY so that nothing asks Telegram's getMe.
 */
export const inProcessBotInfo: UserFromGetMe = {
  id: 1,
  is_bot: true,
  first_name: "in-process",
  username: "in_process_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
} as UserFromGetMe;
