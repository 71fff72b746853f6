import type { Deps } from "../deps.js";
import { type Agency, AgencyDirectory } from "../domain/agencies.js";
import { ConsultantDirectory } from "../domain/consultants.js";
import { GroupDirectory } from "../domain/groups.js";
import type { Round } from "../domain/rounds.js";
import { loadForm } from "../form/schema.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import { localDeps } from "./local-deps.js";

/**
 * Plausible answers for many agencies at once, written straight into response hashes under the
 * form's current version (rows 1 and 4.1 name one system each, row 5 asked for both): for the
 * export benchmark and the sample report in docs/. Statuses vary with the agency's position so
 * every colour and count shows up:
 *
 * - one agency in six (position 0, 6, 12, …) meets every requirement, dossiers approved, and has
 *   submitted: fully compliant as letter 000 counts it, as some were in the letters (5/20
 *   ministries, 13/63 provinces). For the 93 agencies of flows/agencies.json that is 16 (11 of the
 *   63 provinces, 5 of the 30 ministries); test/unit/sample-report.test.ts counts them by the rule;
 * - no other agency is: its security dossiers are submitted or not drawn up, never approved;
 * - of the others, one in seven has not started (position 6, 13, 20, …) and one in five is still a
 *   draft (position 4, 9, 14, …); the rest have submitted;
 * - part 3's proposals are left unanswered except by one agency in four, so blanks show blank.
 */
const COMPLIANCE = ["met", "met", "partial", "not_met"] as const;

/** The synthetic agency at a position: whether it has started, submitted, and meets everything. */
export function syntheticStanding(index: number): { started: boolean; submitted: boolean; compliant: boolean } {
  const compliant = index % 6 === 0;
  const started = compliant || index % 7 !== 6;
  const submitted = compliant || (started && index % 5 !== 4);
  return { started, submitted, compliant };
}

export async function writeSyntheticResponses(
  redis: Redis,
  keys: Keys,
  roundId: string,
  agencies: readonly Agency[],
  at: number,
  formVersion = loadForm().version,
): Promise<void> {
  for (let start = 0; start < agencies.length; start += 200) {
    const pipeline = redis.pipeline();
    agencies.slice(start, start + 200).forEach((agency, offset) => {
      const index = start + offset;
      const { started, submitted, compliant } = syntheticStanding(index);
      if (!started) return;
      const answer = (value: string | number) => JSON.stringify({ v: value, by: 1, at });
      const pick = (salt: number) => (compliant ? "met" : (COMPLIANCE[(index + salt) % COMPLIANCE.length] ?? "met"));
      const dossier = compliant ? "approved" : index % 2 === 0 ? "submitted" : "not_submitted";
      const fields: Record<string, string> = {
        "m:formVersion": String(formVersion),
        "m:status": submitted ? "submitted" : "draft",
        ...(submitted ? { "m:submittedAt": String(at - index * 60_000), "m:submittedBy": "1" } : {}),
        "a:officer.fullName": answer(`Cán bộ đầu mối ${index + 1}`),
        "a:officer.agency": answer(agency.kind === "province" ? `Sở Khoa học và Công nghệ ${agency.name}` : agency.name),
        "a:officer.position": answer("Phó Giám đốc"),
        "a:officer.phone": answer("0912345678"),
        "a:officer.email": answer(`dau-moi-${index + 1}@example.gov.vn`),
        "e:r1:a01": "1",
        "d:r1": "1",
        "a:r1#a01.name": answer("Hệ thống thông tin giải quyết thủ tục hành chính"),
        "a:r1#a01.body": answer("Sở TTTT"),
        "a:r1#a01.compliance": answer(pick(0)),
        "a:r2.body": answer("Văn phòng UBND tỉnh"),
        "a:r2.compliance": answer(pick(1)),
        "a:r3.body": answer("Trung tâm phục vụ hành chính công"),
        "a:r3.compliance": answer(pick(2)),
        "e:r4_1:b01": "1",
        "d:r4_1": "1",
        "d:r4_3": "1",
        ...(agency.kind === "ministry" ? { "d:r4_2": "1" } : {}),
        "a:r4_1#b01.name": answer("Cổng dịch vụ công"),
        "a:r4_1#b01.body": answer("Sở TTTT"),
        "a:r4_1#b01.compliance": answer(pick(3)),
        "a:r5#a01.body": answer("Sở TTTT"),
        "a:r5#a01.dossier": answer(dossier),
        "a:r5#a01.compliance": answer(pick(1)),
        "a:r5#b01.body": answer("Sở TTTT"),
        "a:r5#b01.dossier": answer(dossier),
        "a:r5#b01.compliance": answer(pick(2)),
        "a:proposals.network": JSON.stringify({ v: null, by: 1, at }),
        ...(index % 4 === 1
          ? {
              "a:proposals.services": answer(
                "Bổ sung hướng dẫn kết nối Hệ thống định danh và xác thực điện tử để đăng nhập một lần (SSO).",
              ),
            }
          : {}),
        "a:issues.difficulties": answer("Chưa được bố trí kinh phí; thiếu nhân lực chuyên trách về an toàn thông tin."),
        "a:issues.recommendations": answer("Đề nghị hướng dẫn chi tiết kết nối qua Nền tảng NDXP."),
      };
      for (const [row, decision] of [
        ["r5#a01", "a01"],
        ["r5#b01", "b01"],
      ] as const)
        if (dossier === "approved")
          fields[`a:${row}.decision`] = answer(`Quyết định số ${index + 1}${decision === "a01" ? "" : "b"}/QĐ-UBND`);
      for (const row of ["r1#a01", "r2", "r3", "r4_1#b01", "r5#a01", "r5#b01"]) {
        const status = JSON.parse(fields[`a:${row}.compliance`] ?? "{}").v as string | undefined;
        if (status !== "met") {
          fields[`a:${row}.investment`] = answer("bidding");
          fields[`a:${row}.goLive`] = answer("2027-06");
          fields[`a:${row}.reason`] = answer("Đang chờ bố trí kinh phí đầu tư.");
        }
        if (status !== "partial") continue;
        if (row === "r2") fields["a:r2.missingFunctions"] = answer("Số hoá hồ sơ; kết nối Hệ thống định danh và xác thực điện tử.");
        if (row === "r3")
          Object.assign(fields, {
            "a:r3.officesLacking": answer(12),
            "a:r3.officesTotal": answer(40),
            "a:r3.devicesOwned": answer(150),
            "a:r3.devicesNeeded": answer(220),
          });
        if (row.startsWith("r5")) fields[`a:${row}.missingItems`] = answer("IDS/IPS, WAF");
      }
      pipeline.hset(keys.response(roundId, agency.id), fields);
      pipeline.hincrby(keys.response(roundId, agency.id), "m:rev", 1);
    });
    pipeline.incr(keys.roundChanges(roundId));
    await pipeline.exec();
  }
}

/**
 * A round of `size` made-up agencies (a third of them ministries) with plausible answers, on its
 * own key prefix: what the benchmarks of the export and the console measure against.
 */
export async function syntheticRound(
  redis: Redis,
  prefix: string,
  size: number,
  now: number,
): Promise<{ deps: Deps; agencies: Agency[]; round: Round }> {
  const agencies: Agency[] = Array.from({ length: size }, (_, index) => ({
    id: `don-vi-${index + 1}`,
    kind: index % 3 === 0 ? "ministry" : "province",
    name: `Đơn vị thử nghiệm số ${index + 1}`,
    aliases: [],
  }));
  const deps = localDeps(redis, prefix, {
    directory: new AgencyDirectory(agencies),
    consultants: new ConsultantDirectory([]),
    groups: new GroupDirectory([]),
  });
  const created = await deps.rounds.create(
    { id: "bench", name: "Bench", opensAt: now - 1000, deadline: now + 86_400_000, targets: { kind: "all" } },
    "bench",
    now,
  );
  if (!created.ok) throw new Error(created.reason);
  await writeSyntheticResponses(redis, deps.keys, "bench", agencies, now);
  return { deps, agencies, round: created.round };
}
