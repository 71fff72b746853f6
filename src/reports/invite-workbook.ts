import ExcelJS from "exceljs";
import type { Agency } from "../domain/agencies.js";
import type { InviteWays } from "../services/invites.js";
import type { Translate } from "../views.js";

/** One agency's invite, as the secretariat passes it on (by letter or e-mail, one line per agency). */
export interface InviteLine {
  agency: Agency;
  displayCode: string;
  ways: InviteWays;
  /** When the code stops working, already worded in the secretariat's time zone. */
  until: string;
}

/** The invites of many agencies at once, a row each, ready for a mail merge; headers in the secretariat's language. */
export async function inviteWorkbook(lines: readonly InviteLine[], t: Translate): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(t("invite-sheet-name"));
  const zalo = lines.some((line) => line.ways.zalo);
  const oa = lines.some((line) => line.ways.zaloOa);
  sheet.columns = [
    { header: t("invite-sheet-agency-id"), width: 16 },
    { header: t("invite-sheet-agency"), width: 36 },
    { header: t("invite-sheet-code"), width: 18 },
    { header: t("invite-sheet-telegram"), width: 50 },
    ...(zalo ? [{ header: t("invite-sheet-zalo"), width: 40 }] : []),
    ...(oa ? [{ header: t("invite-sheet-zalo-oa"), width: 40 }] : []),
    { header: t("invite-sheet-until"), width: 18 },
  ];
  sheet.getRow(1).font = { bold: true };
  for (const { agency, displayCode, ways, until } of lines) {
    const where = ways.zalo ? ways.zalo.url || ways.zalo.name : "";
    // Without its link, the OA is found by searching Zalo: the cell says so rather than stay empty.
    const follow = ways.zaloOa ? ways.zaloOa.url || t("invite-sheet-zalo-oa-search") : "";
    sheet.addRow([agency.id, agency.name, displayCode, ways.telegramLink ?? "", ...(zalo ? [where] : []), ...(oa ? [follow] : []), until]);
  }
  sheet.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
