import type { Deps } from "../deps.js";
import { type Agency, AgencyDirectory } from "../domain/agencies.js";
import { ConsultantDirectory } from "../domain/consultants.js";
import { GroupDirectory } from "../domain/groups.js";
import type { Round } from "../domain/rounds.js";
import type { Redis } from "../redis.js";
import type { Keys } from "../storage/keys.js";
import { localDeps } from "./local-deps.js";

/**
 * Plausible answers for many agencies at once, written straight into response hashes: for the
 * export benchmark and the sample report in docs/. Statuses vary with the agency's position so
 * every colour and count shows up.
 */
const COMPLIANCE = ["met", "met", "partial", "not_met"] as const;

export async function writeSyntheticResponses(
  redis: Redis,
  keys: Keys,
  roundId: string,
  agencies: readonly Agency[],
  at: number,
): Promise<void> {
  for (let start = 0; start < agencies.length; start += 200) {
    const pipeline = redis.pipeline();
    agencies.slice(start, start + 200).forEach((agency, offset) => {
      const index = start + offset;
      if (index % 7 === 6) return; // some agencies have not started
      const answer = (value: string | number) => JSON.stringify({ v: value, by: 1, at });
      // Every sixth agency meets everything, as some do in the letters (5/20 ministries, 13/63 provinces).
      const pick = (salt: number) => (index % 6 === 0 ? "met" : (COMPLIANCE[(index + salt) % COMPLIANCE.length] ?? "met"));
      const fields: Record<string, string> = {
        "m:formVersion": "1",
        "m:status": index % 5 === 4 ? "draft" : "submitted",
        ...(index % 5 === 4 ? {} : { "m:submittedAt": String(at - index * 60_000), "m:submittedBy": "1" }),
        "a:officer.fullName": answer(`Cán bộ đầu mối ${index + 1}`),
        "a:officer.agency": answer(agency.name),
        "a:officer.position": answer("Phó Giám đốc Sở Thông tin và Truyền thông"),
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
        "a:r4_1#b01.name": answer("Cổng dịch vụ công"),
        "a:r4_1#b01.body": answer("Sở TTTT"),
        "a:r4_1#b01.compliance": answer(pick(3)),
        "a:r5#a01.dossier": answer(index % 3 === 0 ? "approved" : "submitted"),
        "a:r5#a01.compliance": answer(pick(1)),
        "a:proposals.network": JSON.stringify({ v: null, by: 1, at }),
        "a:issues.difficulties": answer("Chưa được bố trí kinh phí; thiếu nhân lực chuyên trách về an toàn thông tin."),
        "a:issues.recommendations": answer("Đề nghị hướng dẫn chi tiết kết nối qua Nền tảng NDXP."),
      };
      for (const row of ["r1#a01", "r2", "r3", "r4_1#b01", "r5#a01"]) {
        const status = JSON.parse(fields[`a:${row}.compliance`] ?? "{}").v as string | undefined;
        if (status !== "met") {
          fields[`a:${row}.investment`] = answer("bidding");
          fields[`a:${row}.goLive`] = answer("2027-06");
          fields[`a:${row}.reason`] = answer("Đang chờ bố trí kinh phí đầu tư.");
        }
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
