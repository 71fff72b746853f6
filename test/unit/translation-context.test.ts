import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contactLines, loadContacts } from "../../src/domain/contacts.js";
import { DEFAULT_SECRETARIAT_NAME, getI18n, LOCALES_DIR, setTranslationGlobals, translatorFor } from "../../src/i18n.js";
import { configureTranslations } from "../../src/translation-context.js";

/** The body that runs the bot and the programme's contacts are variables every translation gets, set once at start-up. */
describe("what every message may name: SECRETARIAT_NAME and the letters' contacts", () => {
  afterEach(() => setTranslationGlobals({ secretariatName: DEFAULT_SECRETARIAT_NAME, programmeContacts: "" }));

  it("names the secretariat in invites, reviews, reminders and broadcasts, by default Cục Chuyển đổi số quốc gia", () => {
    const t = translatorFor("vi");
    expect(t("broadcast-heading")).toBe("📢 <b>Thông báo của Bộ phận thường trực (Cục Chuyển đổi số quốc gia)</b>");
    expect(t("onboarding-stranger")).toContain("mã mời do Bộ phận thường trực (Cục Chuyển đổi số quốc gia) cấp");
    expect(t("review-returned-officer", { name: "Đợt 1", comment: "Bổ sung" })).toContain(
      "Bộ phận thường trực (Cục Chuyển đổi số quốc gia) trả lại",
    );
    expect(t("role-secretariat")).toBe("thành viên Bộ phận thường trực (Cục Chuyển đổi số quốc gia)");
  });

  it("takes SECRETARIAT_NAME for every translation, also those worded by the i18n instance itself (jobs)", () => {
    configureTranslations({ secretariatName: "Sở Khoa học và Công nghệ tỉnh Lào Cai", contactsFile: undefined });
    expect(translatorFor("en")("broadcast-heading")).toBe("📢 <b>Message from the secretariat (Sở Khoa học và Công nghệ tỉnh Lào Cai)</b>");
    const reminder = getI18n().t("vi", "reminder-not-started", { agency: "Lào Cai", name: "Đợt 1", deadline: "15/12/2026 17:00" });
    expect(reminder).toContain("Hạn gửi về Sở Khoa học và Công nghệ tỉnh Lào Cai: 15/12/2026 17:00.");
    // A call's own variable wins.
    expect(translatorFor("vi")("broadcast-heading", { secretariatName: "Khác" })).toContain("(Khác)");
  });

  it("calls the secretariat by a neutral name: 'Thư ký Tổ công tác' (letter 8402's C06) is in no locale", () => {
    const files = readdirSync(LOCALES_DIR, { recursive: true, encoding: "utf8" }).filter((file) => file.endsWith(".ftl"));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(join(LOCALES_DIR, file), "utf8");
      expect(text, file).not.toMatch(/Thư ký|Working Group's secretariat/);
    }
  });

  it("tells an officer in /help whom the letters name to call, both e-mails as printed", () => {
    configureTranslations({ secretariatName: DEFAULT_SECRETARIAT_NAME, contactsFile: undefined });
    const help = translatorFor("vi")("help-officer", { role: "cán bộ đầu mối của Hà Nội" });
    expect(help).toContain(
      "• Trần Quốc Tuấn (Trưởng phòng Phòng Nền tảng và Dữ liệu số, Cục Chuyển đổi số quốc gia, Bộ Thông tin và Truyền thông): 0902 170 982; thư điện tử tqtu@mic.gov.vn (theo Văn bản 488/BTTTT-CĐSQG ngày 15/02/2023) hoặc tqtuan@mic.gov.vn (theo Văn bản đôn đốc lần 3 (2023))",
    );
    expect(help).toContain("• Dương Văn Hùng (cán bộ, Cục Cảnh sát quản lý hành chính về trật tự xã hội, Bộ Công an): 0888 736 123;");
    expect(translatorFor("en")("zalo-help-officer", { role: "x" })).toContain("about connecting to the national population database");
  });

  it("checks the contacts file: the two spellings the letters print are both kept", () => {
    const contacts = loadContacts();
    expect(contacts.map((contact) => contact.name)).toEqual(["Trần Quốc Tuấn", "Dương Văn Hùng"]);
    expect(contacts[0]?.emails.map((email) => email.address)).toEqual(["tqtu@mic.gov.vn", "tqtuan@mic.gov.vn"]);
    expect(contactLines(contacts, "en")).toContain(
      "e-mail tqtu@mic.gov.vn (as printed in Văn bản 488/BTTTT-CĐSQG ngày 15/02/2023) or tqtuan@mic.gov.vn",
    );
  });
});
