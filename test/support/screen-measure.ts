import type { Message } from "grammy/types";
import { isCommand } from "../../src/channels/actions.js";
import { buttonsOf, textOf } from "../../src/emulator/fake-user.js";

/**
 * How long the form's screens are and how much of each the screen before already said, as a
 * person reads them: every line of the text and, on Telegram, every button's words as a line.
 *
 * A screen's length counts all of it. Its repeated share counts the characters of its lines that
 * the screen just before had as well (spaces aside), over all its characters, leaving aside its
 * commands (Telegram's buttons for going back, reviewing, pausing and asking; Zalo's one line of
 * them): those are the same on every screen by design, where a keyboard would be.
 */

export interface Screen {
  /** What the screen says: its text, and its choices. */
  lines: string[];
  /** Its commands. */
  commands: string[];
}

export interface ScreenStats {
  screens: number;
  median: number;
  max: number;
  /** The largest repeated share of any screen, 0 to 1; with the commands counted as well. */
  maxRepeated: number;
  maxRepeatedWithCommands: number;
  longest: string;
  mostRepeated: string;
  /** Every screen over `GOAL.max`, by its place in the walk, with its length and first line. */
  over: string[];
}

const clean = (text: string) =>
  text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean);

/** A Telegram screen: its text and buttons. */
export function telegramScreen(message: Message): Screen {
  const buttons = buttonsOf(message).map((button) => ({ text: button.text, data: "callback_data" in button ? button.callback_data : "" }));
  return {
    lines: [...clean(textOf(message)), ...buttons.filter((button) => !isCommand(button.data)).map((button) => button.text)],
    commands: buttons.filter((button) => isCommand(button.data)).map((button) => button.text),
  };
}

/** A Zalo screen: its text, whose last line may be its commands. */
export function zaloScreen(text: string): Screen {
  const lines = clean(text);
  const last = lines.at(-1) ?? "";
  const commands = /^(Gõ|Hoặc gõ|Type|Or type): /.test(last);
  return commands ? { lines: lines.slice(0, -1), commands: [last] } : { lines, commands: [] };
}

const lengthOf = (screen: Screen) => [...screen.lines, ...screen.commands].join("\n").length;

function repeated(screen: Screen, before: Screen | undefined, withCommands: boolean): number {
  if (!before) return 0;
  const said = new Set(withCommands ? [...before.lines, ...before.commands] : before.lines);
  const lines = withCommands ? [...screen.lines, ...screen.commands] : screen.lines;
  const total = [...screen.lines, ...screen.commands].reduce((sum, line) => sum + line.length, 0);
  const again = lines.filter((line) => said.has(line)).reduce((sum, line) => sum + line.length, 0);
  return total === 0 ? 0 : again / total;
}

export function measureScreens(screens: readonly Screen[]): ScreenStats {
  const lengths = screens.map(lengthOf);
  const sorted = [...lengths].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(middle)]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const shares = screens.map((screen, index) => repeated(screen, screens[index - 1], false));
  const maxRepeated = Math.max(0, ...shares);
  const show = (screen: Screen | undefined) => (screen ? [...screen.lines, ...screen.commands].join("\n") : "");
  return {
    screens: screens.length,
    median,
    max: Math.max(0, ...lengths),
    maxRepeated,
    maxRepeatedWithCommands: Math.max(0, ...screens.map((screen, index) => repeated(screen, screens[index - 1], true))),
    longest: show(screens[lengths.indexOf(Math.max(0, ...lengths))]),
    mostRepeated: show(screens[shares.indexOf(maxRepeated)]),
    over: screens.flatMap((screen, index) =>
      lengths[index]! > GOAL.max ? [`#${index + 1} (${lengths[index]}): ${screen.lines.slice(0, 2).join(" / ")}`] : [],
    ),
  };
}

export const describeStats = (name: string, stats: ScreenStats) =>
  `${name}: ${stats.screens} screens, median ${stats.median} characters, longest ${stats.max}, ` +
  `repeated from the screen before at most ${Math.round(stats.maxRepeated * 100)}% ` +
  `(${Math.round(stats.maxRepeatedWithCommands * 100)}% counting the commands too)`;

/**
 * The walk the screens are measured over, the same on both messengers: Hà Nội's officer answers
 * every question as a province's would, each component only partly met (every branch opens), two
 * systems in row 1 and one in 4.1, then submits.
 */
export const WALK = {
  agencyId: "ha-noi",
  answers: {
    choice: { "Đáp ứng yêu cầu theo Văn bản số 1552/BTTTT-THH": 2 },
    text: {
      "Họ và tên": "Nguyễn Thị Lan",
      "Cơ quan công tác": "Sở Khoa học và Công nghệ Hà Nội",
      "Chức vụ": "Phó Trưởng phòng Chuyển đổi số",
      "Cơ quan chủ trì, quản lý": "Sở Khoa học và Công nghệ",
      "Nguyên nhân chưa đáp ứng/đáp ứng một phần": "Chưa được bố trí kinh phí",
      "Trong trường hợp đáp ứng một phần, liệt kê các chức năng chính chưa đáp ứng": "Số hóa hồ sơ",
      "Trong trường hợp đáp ứng một phần, cung cấp danh sách yêu cầu chưa đáp ứng": "IDS/IPS, WAF",
      "Hạ tầng mạng, đường truyền kết nối": "Không có",
      "Các thành phần công nghệ thông tin phục vụ giải quyết thủ tục hành chính và cung cấp dịch vụ công trực tuyến": "Không có",
      "Các thành phần công nghệ thông tin phục vụ phát triển kinh tế-xã hội, công dân số": "Không có",
      "Các thành phần công nghệ thông tin phục vụ quản lý, xử lý nghiệp vụ, bổ sung làm giàu dữ liệu dân cư": "Không có",
      "Các thành phần công nghệ thông tin phục vụ chỉ đạo, điều hành của lãnh đạo các cấp": "Không có",
      "An toàn, an ninh mạng": "Không có",
      Khác: "Không có",
      "a) Khó khăn vướng mắc của bộ, ngành, địa phương": "Kinh phí năm 2026 chưa được bố trí cho thiết bị một cửa cấp xã.",
      "b) Đề xuất, kiến nghị": "Đề nghị hướng dẫn kết nối qua NDXP.",
    },
  },
  lists: { "1": ["Hệ thống một cửa điện tử", "CSDL đất đai"], "4.1": ["Cổng dịch vụ công Hà Nội"] },
};

/** The goal (#26): median under 250 characters, none over 600, under a third of any screen repeated from the one before. */
export const GOAL = { median: 250, max: 600, repeated: 1 / 3 };
